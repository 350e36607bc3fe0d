import pytest

from coverage_digest.read.ingest import ingest_file
from coverage_digest.records import Metadata, RawArticle, SeedFile, Skipped

PAGE = """<!doctype html><html><head><title>Quake hits coast | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Ana Reporter">
<meta property="article:published_time" content="2024-03-02T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Quake hits coast</h1>
<p>A strong earthquake struck the northern coast on Saturday morning, damaging dozens of buildings.</p>
<p>Rescue teams searched collapsed houses through the afternoon, the regional governor said in a statement.</p>
<p>“We are doing everything we can,” the governor told reporters outside the town hall in the evening.</p>
<p>Schools will remain closed on Monday while engineers inspect the damage to public buildings.</p>
</article><footer>Subscribe to our newsletter</footer>
<script>alert(1)</script></body></html>"""


def read(name: str, data: str | bytes, given: Metadata = Metadata()):
    return ingest_file(SeedFile(name, data.encode("utf-8") if isinstance(data, str) else data), given)


def test_txt_with_headline():
    raw = read("a.txt", "Ceasefire Talks Stall\n\nFirst paragraph here.\n\nSecond one.")
    assert isinstance(raw, RawArticle)
    assert raw.id == "a" and raw.headline == "Ceasefire Talks Stall"
    assert raw.paragraphs == ("First paragraph here.", "Second one.")


def test_txt_without_headline_keeps_first_line_as_text():
    raw = read("b.txt", "Talks stalled on Sunday.\nA second paragraph.")
    assert raw.headline is None
    assert raw.paragraphs[0] == "Talks stalled on Sunday."


def test_markdown_yaml_front_matter():
    raw = read(
        "c.md",
        "---\ntitle: Talks Stall\noutlet: The Daily Example\nurl: https://example.com/a\n"
        "published: 2024-05-05\nauthor: Ana Reporter\n---\nBody *text* here.\n\nMore.",
    )
    assert raw.headline == "Talks Stall"
    assert raw.given == Metadata(
        outlet="The Daily Example",
        url="https://example.com/a",
        published="2024-05-05",
        headline="Talks Stall",
        byline="Ana Reporter",
    )
    assert raw.paragraphs == ("Body text here.", "More.")


def test_markdown_pelican_front_matter():
    raw = read("d.md", "Title: Talks Stall\nDate: 2024-05-05 10:30\nAuthor: Ana\n\nBody.")
    assert raw.headline == "Talks Stall"
    assert raw.given.published == "2024-05-05T10:30"
    assert raw.given.byline == "Ana"


def test_markdown_h1_is_the_headline_when_none_given():
    raw = read("e.md", "# Quake Hits Coast\n\nBody text.")
    assert raw.headline == "Quake Hits Coast"
    assert raw.paragraphs == ("Body text.",)


def test_unsafe_url_in_metadata_is_dropped():
    raw = read("f.md", "---\ntitle: T\nurl: javascript:alert(1)\n---\nBody.")
    assert raw.given.url is None


def test_html_page_extracts_article_and_metadata():
    raw = read("page.html", PAGE)
    assert isinstance(raw, RawArticle)
    assert raw.headline == "Quake hits coast"
    text = " ".join(raw.paragraphs)
    assert "struck the northern coast" in text and "Schools will remain closed" in text
    assert "alert(1)" not in text and "Home" not in text
    assert raw.found.outlet == "The Daily Example"
    assert raw.found.byline == "Ana Reporter"
    assert raw.found.published.startswith("2024-03-02")


def test_sidecar_metadata_wins_over_front_matter_and_page():
    given = Metadata(outlet="Corrected Outlet", headline="Corrected Headline")
    raw = read("c.md", "---\ntitle: Printed\noutlet: Wrong Outlet\n---\nBody.", given)
    assert raw.given.outlet == "Corrected Outlet"
    assert raw.headline == "Corrected Headline"
    page = read("page.html", PAGE, Metadata(outlet="Given Outlet"))
    assert page.given.outlet == "Given Outlet" and page.found.outlet == "The Daily Example"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nBody", "front matter does not parse"),
        ("nothing.html", b"<html><body><script>var a = 1;</script><nav>Home</nav></body></html>", "no article text"),
        ("image.png", b"\x89PNG", "not an article file"),
        ("only-front.md", b"---\ntitle: Nothing else\n---\n", "no article text"),
    ],
)
def test_bad_input_is_skipped_with_a_reason(name, data, reason):
    result = read(name, data)
    assert isinstance(result, Skipped)
    assert result.source_file == name
    assert reason in result.reason
