"""Quotation extraction: marks, offsets, multi-paragraph and broken quotes, stray marks, headlines, fragments."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coverage_digest.article.analyse import extract_quotes
from coverage_digest.article.quotes import find_spans
from coverage_digest.records import Article
from support import SEEDS, article_from_text, make_article


def seed_article(path: Path) -> Article:
    """A demo seed read and cleaned by the real stages."""
    return article_from_text(path.stem, path.read_text(encoding="utf-8"))


def texts(article: Article) -> list[str]:
    return [q.text for q in extract_quotes(article) if not q.in_headline]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("“We will win,” the mayor said.", ["We will win,"]),
        ('"We will win," the mayor said.', ["We will win,"]),
        ("''We will win,'' the mayor said.", ["We will win,"]),
        ("“He told me ‘never’ twice,” she said.", ["He told me ‘never’ twice,"]),
        ("\"He told me 'never' twice,\" she said.", ["He told me 'never' twice,"]),
        ("“The bridge is safe,” he said, “and it opens today.”", ["The bridge is safe,", "and it opens today."]),
        ("The council’s plan doesn’t work, the Smiths’ lawyer said.", []),
        ("Officials called it a “serious” problem.", ["serious"]),
        ("Residents fear a ‘collapse’ of the market.", ["collapse"]),
        ("He is 6'3\" tall and calm.", []),
    ],
)
def test_marks(paragraph: str, expected: list[str]) -> None:
    assert texts(make_article(paragraph)) == expected


def test_offsets_are_verbatim() -> None:
    article = make_article("Intro line.", "“First,” she said. “Second.”", "Then “third” here.")
    for quote in extract_quotes(article):
        assert article.text[quote.start : quote.end] == quote.text


def test_multi_paragraph_quote_continues() -> None:
    article = make_article("“The first part of it.", "“The second part of it,” the coach said.")
    quotes = extract_quotes(article)
    assert [q.text for q in quotes] == ["The first part of it.", "The second part of it,"]
    assert quotes[0].continues and not quotes[0].truncated
    assert quotes[1].speaker == quotes[0].speaker == "the coach"


@pytest.mark.parametrize(
    "paragraph",
    ["“This never closes and the paragraph just ends", "An opening “ alone. Then more words follow here."],
)
def test_unclosed_mark_is_cut_and_marked(paragraph: str) -> None:
    quotes = extract_quotes(make_article(paragraph, "A calm next paragraph."))
    assert quotes and quotes[0].truncated
    assert all(len(q.text) <= len(paragraph) for q in quotes)


def test_unclosed_mark_does_not_hide_later_quotes() -> None:
    paragraph = '"Stray opening. Later she called it a “rant,” online.'
    found = texts(make_article(paragraph))
    assert "rant," in found


def test_stray_closing_mark_is_ignored() -> None:
    assert texts(make_article("It ended.” Nobody spoke.")) == []


def test_headline_quote() -> None:
    article = make_article("Body text.", headline="Mayor says bridge “safe”")
    quote = extract_quotes(article)[0]
    assert quote.in_headline and quote.paragraph == -1
    assert article.headline[quote.start : quote.end] == "safe"


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("“We will rebuild every school in the district,” she said.", "full"),
        ("He called the plan “extreme” on Monday.", "fragment"),
        ("They described the talks as being in “crisis.”", "fragment"),
    ],
)
def test_kind(paragraph: str, kind: str) -> None:
    assert extract_quotes(make_article(paragraph))[0].kind == kind


def test_ids_are_stable() -> None:
    article = make_article("“One,” he said.", "“Two,” she said.")
    assert [q.id for q in extract_quotes(article)] == ["a1-q1", "a1-q2"]
    assert extract_quotes(article) == extract_quotes(article)


@pytest.mark.parametrize("unit", ["“a” ", '"a" ', "“open ", "” ‘ ’ ' "])
def test_ten_thousand_marks_stay_fast(unit: str) -> None:
    paragraph = unit * (10_000 // max(1, unit.count("“") + unit.count("”") + unit.count('"') + unit.count("‘")))
    started = time.perf_counter()
    quotes = extract_quotes(make_article(paragraph))
    assert time.perf_counter() - started < 20
    assert all(len(q.text) <= 1000 for q in quotes)


def test_find_spans_never_crashes_on_marks_only() -> None:
    for text in ["“", "”", '"', "''", "‘’", "“”", "'", '" "', "“ “ ” ”"]:
        find_spans(text)


def test_seed_quotes_found() -> None:
    found = {p.stem[:3]: texts(seed_article(p)) for p in sorted(SEEDS.glob("*.txt"))}
    assert len(found["000"]) == 9
    assert found["001"] == []
    assert found["002"] == ["in-depth and serious discussions,", "extreme"]
    assert found["003"] == ["crisis.", "positivity."]
    assert [t[:12] for t in found["004"]] == ["in-depth and", "reach an agr", "I say to the", "a powerful o"]


def test_unclosed_quote_at_the_very_end_of_a_paragraph_does_not_crash():
    from coverage_digest.article.quotes import find_spans

    for paragraph in ("He said “", "He said “no.", "“", "He said “it is over"):
        for span in find_spans(paragraph):
            assert 0 <= span.start <= span.end <= len(paragraph)


def test_markup_attribute_values_are_not_quotes() -> None:
    """<tweet author="…" timestamp="…">: attribute values in embedded markup are not quotations; the text is."""
    article = make_article('<tweet author="AnaRuiz" timestamp="1449075600">We said “never again” today.</tweet>')
    assert texts(article) == ["never again"]
    assert texts(make_article("The sign read x=“equal” on the door.")) == ["equal"]  # no markup: a quotation
