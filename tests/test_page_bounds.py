"""A big story's article pages stay bounded: the share list and each sentence's tooltip name a few articles and
count the rest, whatever the story's size (issue 15: output bytes)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from coverage_digest.site.views import MAX_SHARE_ROWS, MAX_TOOLTIP_OUTLETS, excerpt
from support import build_site

COPIES = MAX_SHARE_ROWS + 4

BODY = (
    "The harbour authority of Westmark closed the northern pier on Tuesday after a crane collapsed onto a cargo ship.",
    "No one was hurt, the authority said in a statement, but 14 vessels were turned away to other ports.",
    "Engineers will inspect the remaining cranes this week before the pier reopens.",
)


def test_article_page_lists_at_most_the_cap_and_counts_the_rest(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(COPIES):
        own = f"Local resident number {i} told reporters the noise woke the whole street at dawn."
        (seeds / f"copy-{i:02d}.txt").write_text("\n\n".join((*BODY, own)) + "\n", encoding="utf-8")
    digest = build_site(seeds, tmp_path / "out")
    assert len(digest["stories"]) == 1 and len(digest["stories"][0]["article_ids"]) == COPIES

    page = next((tmp_path / "out" / "articles").glob("copy-00*.html"))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    shares = soup.find(id="shares-h").parent
    rows = [li for li in shares.find_all("li") if "reports" in li.get_text()]
    assert len(rows) == MAX_SHARE_ROWS
    others = COPIES - 1
    assert f"{others - MAX_SHARE_ROWS} more articles share fewer of its sentences" in shares.get_text()

    shared = soup.select("span.sentence.shared")
    assert len(shared) >= len(BODY)
    assert not any(span.get("title") for span in soup.select("span.sentence.unique"))  # the legend says it
    for span in shared:
        title = span["title"]
        named = title.split("; and ")[0].split("; ")
        assert len(named) == MAX_TOOLTIP_OUTLETS
        more = int(re.search(r"and (\d+) more articles$", title).group(1))
        assert len(named) + more == others  # every other article is either named or counted


def test_excerpt_keeps_the_first_words_verbatim():
    assert excerpt("One two three.", 8) == "One two three."
    assert excerpt("One  two, three four.", 2) == "One two,…"
    assert excerpt("a b c d e f g h", 8) == "a b c d e f g h"  # exactly eight words: nothing left out


PAGE_BOUND = 150_000  # bytes: issue 15's bound for any page, whatever the story's size
WORDS = [
    "berth",
    "crane",
    "cargo",
    "harbour",
    "pilot",
    "tug",
    "ferry",
    "dock",
    "mooring",
    "hull",
    "ballast",
    "anchor",
    "quay",
    "tide",
    "storm",
    "gale",
    "container",
    "freight",
    "manifest",
    "customs",
    "inspector",
    "engineer",
    "welder",
    "diver",
    "survey",
    "permit",
    "tariff",
    "levy",
    "union",
    "shift",
    "overtime",
    "pension",
    "ledger",
    "audit",
    "invoice",
    "beacon",
    "lantern",
    "siren",
    "radar",
    "sonar",
    "chart",
    "compass",
    "rudder",
    "keel",
    "mast",
    "sail",
    "deck",
]
FIRST = ("Maria", "Jonas", "Priya", "Tomas", "Elena", "Omar", "Sofia", "Liam", "Amara", "Kenji")
LAST = ("Okafor", "Lindqvist", "Varga", "Moreau", "Haddad", "Novak", "Castillo", "Brennan", "Sato", "Petrov")


def _quote(rng, n: int) -> str:
    return " ".join(rng.sample(WORDS, 9)) + f" number {n}"


def test_a_story_too_big_for_one_page_keeps_every_page_under_the_bound_and_every_row_reachable(tmp_path):
    """Many articles of one story, each with its own quotes and scare quotes: the story page shows the first rows of
    each long table, numbered part pages hold the rest, no page passes 150 KB, and every quote and fragment of
    digest.json is a row on the story page or on a part page it links to."""
    import random

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    rng = random.Random(15)
    for i in range(40):
        quotes = [
            f"“{_quote(rng, 3 * i + k).capitalize()},” said {FIRST[(i + k) % 10]} {LAST[(3 * i + k) % 10]}."
            for k in range(3)
        ]
        scare = f"The authority called the closure a “{rng.choice(WORDS)} {rng.choice(WORDS)}” measure."
        (seeds / f"copy-{i:02d}.txt").write_text("\n\n".join((*BODY, *quotes, scare)) + "\n", encoding="utf-8")
    digest = build_site(seeds, tmp_path / "out")
    assert len(digest["stories"]) == 1
    story = digest["stories"][0]
    out = tmp_path / "out"

    sizes = {p: p.stat().st_size for p in out.rglob("*.html")}
    assert max(sizes.values()) <= PAGE_BOUND, max(sizes, key=sizes.get)

    page = out / story["url"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    parts = {(page.parent / a["href"]).resolve() for a in soup.select("p.note.parts a")}
    assert parts, "the story needs part pages"
    assert all(p.is_file() for p in parts)
    shown = {tag["id"] for tag in soup.select("[id]")}
    for part in parts:
        shown |= {tag["id"] for tag in BeautifulSoup(part.read_text(encoding="utf-8"), "html.parser").select("[id]")}
    rows = [q["id"] for q in story["quotes"]]
    assert len(rows) > 60  # more than the story page shows and more than one part page holds
    assert not [r for r in rows if r not in shown]  # every row is on the story page or on a part page it links to


def test_a_source_copied_by_many_lists_the_first_copies_and_counts_the_rest():
    """A wire story's source article is the source of hundreds of copies: its page lists what it derives from, the
    first MAX_SHARE_ROWS copies, and how many more (the story page lists every pair)."""
    from types import SimpleNamespace

    from coverage_digest.site.views import _derivations

    pairs = [SimpleNamespace(article_id=f"copy-{i:03d}", from_article_id="wire", share=0.9) for i in range(300)]
    pairs.insert(5, SimpleNamespace(article_id="wire", from_article_id="agency", share=0.5))
    paths = SimpleNamespace(reuse_url=lambda derived, source: f"reuse/{derived}-from-{source}.html")
    links = SimpleNamespace(outlet=str.upper, paths=paths)
    out = _derivations(SimpleNamespace(id="wire"), SimpleNamespace(derivations=pairs), links)  # type: ignore[arg-type]
    assert len(out["derivations"]) == 1 + MAX_SHARE_ROWS and out["more_derived"] == 300 - MAX_SHARE_ROWS
    assert {"source": "AGENCY", "derived": "WIRE", "share": 0.5, "url": "reuse/wire-from-agency.html"} in out[
        "derivations"
    ]
