"""Property-based tests over the text stages: for any text, nothing crashes, nothing is lost, nothing is invented."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage_digest.article.analyse import analyse_article
from coverage_digest.clean.article import clean_article
from coverage_digest.group.stories import group_articles
from coverage_digest.read.ingest import ingest_file
from coverage_digest.records import RawArticle, SeedFile, Skipped
from coverage_digest.site.views import paragraph_nodes
from coverage_digest.story.analyse import analyse_story

# Text that looks like news where it matters: words, every kind of quotation mark, dashes, markup, line breaks.
PIECES = st.sampled_from(
    [
        "said",
        "Netanyahu",
        "Hamas",
        "the",
        "officials",
        "he",
        "told Reuters",
        "according to",
        "Mr.",
        "U.S.",
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        "''",
        " — ",
        " – ",
        ", ",
        ". ",
        ": ",
        "\n",
        "\n\n",
        "<script>alert(1)</script>",
        "<b onerror=x>",
        "&amp;",
        "3",
        "over a million",
        "40 day",
        "{Site.com}",
        "Share.",
        "0",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=80).map(" ".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _article(text: str, name: str = "a.txt"):
    raw = ingest_file(SeedFile(name, text.encode("utf-8", "surrogatepass")))
    return raw if isinstance(raw, Skipped) else clean_article(raw)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_become_an_article_or_a_reason(data):
    result = ingest_file(SeedFile("x.txt", data))
    assert isinstance(result, RawArticle | Skipped)
    if isinstance(result, Skipped):
        assert result.source_file == "x.txt" and result.reason


@FAST
@given(TEXT)
def test_cleaning_keeps_or_lists_every_paragraph(text):
    raw = ingest_file(SeedFile("x.txt", text.encode("utf-8", "surrogatepass")))
    if isinstance(raw, Skipped):
        return
    article = clean_article(raw)
    assert sorted(article.paragraphs + article.removed) == sorted(raw.paragraphs)


@FAST
@given(TEXT)
def test_quotes_and_figures_are_substrings_of_their_article(text):
    article = _article(text)
    if isinstance(article, Skipped):
        return
    analysis = analyse_article(article)
    for quote in analysis.quotes:
        source = article.headline if quote.in_headline else article.text
        assert source[quote.start : quote.end] == quote.text
    for figure in analysis.figures:
        assert article.text[figure.start : figure.end] == figure.text
    for sentence in analysis.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


@FAST
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_story_analysis_never_crashes_and_summary_is_verbatim(texts):
    articles = [a for i, t in enumerate(texts) if not isinstance(a := _article(t, f"{i}.txt"), Skipped)]
    if not articles:
        return
    per = {a.id: analyse_article(a) for a in articles}
    by_id = {a.id: a for a in articles}
    for story in group_articles(tuple(articles)):
        sa = analyse_story(story, by_id, per)
        for sentence in sa.summary.sentences:
            assert sentence.text in by_id[sentence.article_id].text
        for row in sa.quote_table.rows + sa.quote_table.fragments:
            for occ in row.occurrences:
                assert occ.quote.article_id in story.article_ids


@FAST
@given(TEXT)
def test_rendered_nodes_reproduce_the_text_exactly(text):
    article = _article(text)
    if isinstance(article, Skipped):
        return

    def flatten(nodes):
        return "".join(n.text if n.mark is None else flatten(n.children) for n in nodes)

    for paragraph, rendered in zip(article.paragraphs, paragraph_nodes(article, []), strict=True):
        assert flatten(rendered["nodes"]) == paragraph
