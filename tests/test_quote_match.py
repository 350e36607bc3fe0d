"""Matching quotations across outlets: verbatim, variant, paraphrase, diffs, flags, speakers, and the seeds."""

from __future__ import annotations

import difflib
import itertools
import time
from collections import defaultdict
from pathlib import Path

import pytest
from test_quotes import make_article, seed_article

from coverage_digest.article.analyse import extract_quotes
from coverage_digest.story import quote_match
from coverage_digest.story.quote_match import is_paraphrase, match_quotes, normalise, relation, word_diff
from coverage_digest.text.names import canonical_speakers

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def table_for(*articles):
    quotes = tuple(q for a in articles for q in extract_quotes(a))
    return match_quotes(tuple(articles), quotes)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("We will “win” — again,", 'we will "win" - again.', "verbatim"),
        ("in-depth and serious.", "in-depth and serious discussions", "variant"),
        ("The port opens on Monday for all ships,", "The port opens on Monday to all ships.", "variant"),
        ("No amount of pressure will stop us", "The weather was fine", None),
        ("extreme", "remains entrenched in its extreme positions", None),
    ],
)
def test_relation(a: str, b: str, expected: str | None) -> None:
    assert relation(a, b) == expected


def test_normalise() -> None:
    assert normalise("  “Never  Again” — now. ") == '"never again" - now'


def test_paraphrase_needs_shared_words_in_order() -> None:
    assert is_paraphrase(
        "Strong military action in Rafah will begin in the very near future",
        "a powerful operation in the very near future in Rafah",
    )
    assert not is_paraphrase("Taxes will fall next year", "The harbour needs new cranes")


def test_word_diff() -> None:
    assert word_diff("the bridge is safe now", "the bridge is safe") == (
        ("equal", "the bridge is safe"),
        ("delete", "now"),
    )
    assert word_diff("a b", "a c b") == (("equal", "a"), ("insert", "c"), ("equal", "b"))


def test_rows_sorted_by_outlets_and_flags() -> None:
    one = make_article(
        "“The bridge is safe,” Mayor Ana Ruiz said.", "“Taxes will stay,” Ana Ruiz added.", article_id="a"
    )
    two = make_article("“The bridge is safe now,” said Ana Ruiz.", article_id="b")
    table = table_for(one, two)
    assert table.rows[0].article_ids == ("a", "b")
    assert table.rows[0].speaker == "Ana Ruiz"
    assert "altered" in table.rows[0].flags
    assert sorted(o.match for o in table.rows[0].occurrences) == ["variant", "verbatim"]
    assert len(table.rows) == 2


def test_speaker_conflict() -> None:
    one = make_article("“The bridge is safe,” Ana Ruiz said.", article_id="a")
    two = make_article("“The bridge is safe,” Tom Reyes said.", article_id="b")
    assert "speaker-conflict" in table_for(one, two).rows[0].flags


def test_paraphrase_only_for_same_speaker() -> None:
    one = make_article("“Strong action in Rafah will begin in the very near future,” Ana Ruiz said.", article_id="a")
    two = make_article("“A powerful operation in the very near future in Rafah,” Ana Ruiz said.", article_id="b")
    three = make_article("“A powerful operation in the very near future in Rafah,” Tom Reyes said.", article_id="c")
    matched = table_for(one, two)
    assert [o.match for o in matched.rows[0].occurrences] == ["verbatim", "paraphrase"]
    assert len(table_for(one, three).rows) == 2


def test_fragments_kept_apart() -> None:
    article = make_article(
        "Critics called the plan “reckless” on Monday.", "“We will fight it in court,” Ana Ruiz said."
    )
    table = table_for(article)
    assert [r.text for r in table.fragments] == ["reckless"]
    assert [r.text for r in table.rows] == ["We will fight it in court,"]


def test_row_ids_are_stable() -> None:
    article = make_article("“The bridge is safe,” Ana Ruiz said.")
    assert table_for(article).rows[0].id == table_for(article).rows[0].id


@pytest.mark.parametrize(
    ("names", "canonical"),
    [
        (["Benjamin Netanyahu", "Netanyahu", "Bibi Netanyahu"], "Benjamin Netanyahu"),
        (["Yoav Gallant", "Gallant"], "Yoav Gallant"),
    ],
)
def test_canonical_speakers(names: list[str], canonical: str) -> None:
    entries = canonical_speakers((n, "person", n, None) for n in names)
    assert {entries[n].name for n in names} == {canonical}


def test_different_given_names_stay_apart() -> None:
    entries = canonical_speakers([("Hillary Clinton", "person", None, None), ("Bill Clinton", "person", None, None)])
    assert entries["Hillary Clinton"] != entries["Bill Clinton"]


def statement(i: int) -> str:
    """A made-up sentence of words no other statement shares (besides the common ones)."""
    letters = "bcdfghjklmnpqrstvwxz"
    word = lambda k: "".join(letters[(i * 7 + k * 3 + n) % 20] for n in range(5)) + str(i)  # noqa: E731
    return f"The {word(1)} and {word(2)} will {word(3)} before the {word(4)}"


def test_matching_is_sub_quadratic() -> None:
    articles = tuple(
        make_article(
            *(f"“{statement(i)},” Ana Ruiz said." for i in range(600)),
            article_id=f"a{n}",
        )
        for n in range(4)
    )
    quotes = tuple(q for a in articles for q in extract_quotes(a))
    started = time.perf_counter()
    table = match_quotes(articles, quotes)
    assert time.perf_counter() - started < 15
    assert len(table.rows) == 600 and all(len(r.article_ids) == 4 for r in table.rows)


@pytest.fixture(scope="module")
def seed_table():
    return table_for(*(seed_article(p) for p in sorted(SEEDS.glob("*.txt"))))


def outlets(row) -> list[str]:
    return [a[:3] for a in row.article_ids]


def test_seed_netanyahu_one_speaker(seed_table) -> None:
    said = {
        o.quote.article_id[:3]
        for r in seed_table.rows + seed_table.fragments
        for o in r.occurrences
        if o.speaker == "Benjamin Netanyahu"
    }
    assert said == {"000", "002", "004"}
    netanyahu = [s for s in seed_table.speakers if s.name == "Benjamin Netanyahu"]
    assert len(netanyahu) == 1 and "Prime Minister Bibi Netanyahu" in netanyahu[0].aliases


def test_seed_in_depth_is_one_row(seed_table) -> None:
    rows = [r for r in seed_table.rows if "in-depth and serious" in r.text]
    assert len(rows) == 1 and outlets(rows[0]) == ["000", "002", "004"]
    assert seed_table.rows[0] is rows[0]


def test_seed_leaders_of_the_world_is_a_variant(seed_table) -> None:
    rows = [r for r in seed_table.rows if r.text.startswith("I say to the leaders of the world")]
    assert len(rows) == 1 and outlets(rows[0]) == ["000", "004"]
    assert sorted(o.match for o in rows[0].occurrences) == ["variant", "verbatim"]
    assert rows[0].speaker == "Benjamin Netanyahu"


def reference_word_diff(canonical: str, text: str) -> tuple[tuple[str, str], ...]:
    """The plain form of `word_diff`: difflib on every pair, verbatim or not."""
    old, new = canonical.split(), text.split()
    key = lambda w: normalise(w) or w  # noqa: E731
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        a=[*map(key, old)], b=[*map(key, new)], autojunk=False
    ).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(new[b1:b2])))
            continue
        out += [("delete", " ".join(old[a1:a2]))] if a2 > a1 else []
        out += [("insert", " ".join(new[b1:b2]))] if b2 > b1 else []
    return tuple(out)


@pytest.mark.parametrize(
    ("canonical", "text"),
    [("We will “win” — again,", 'we will "WIN" - again.'), ("", ""), ("“ ”", "-"), ("a b a b", "a b a b"),
     ("the bridge is safe now", "the bridge is safe"), ("a b", "a c b"), ("x", "")],
)  # fmt: skip
def test_word_diff_is_difflib_on_word_keys(canonical: str, text: str) -> None:
    assert word_diff(canonical, text) == reference_word_diff(canonical, text)


def reference_groups(quotes, who) -> list[list[int]]:
    """The plain form of the grouping: every pair of quotations under a blocking key, then leader clustering."""
    read = tuple(quote_match._read(q.text) for q in quotes)
    postings = defaultdict(list)
    for index, keys in enumerate(quote_match._block_keys(read)):
        for key in keys:
            postings[key].append(index)
    earlier = defaultdict(set)
    for members in postings.values():
        for i, j in itertools.combinations(members[: quote_match.MAX_POSTING], 2):
            earlier[j].add(i)

    def links(i: int, lead: int) -> bool:
        return bool(quote_match._link(quotes[i], quotes[lead], read[i], read[lead], who[i], who[lead]))

    leader_of, groups = {}, {}
    for index in range(len(quotes)):
        leaders = sorted({leader_of[i] for i in earlier[index]})
        leader_of[index] = next((lead for lead in leaders if links(index, lead)), index)
        groups.setdefault(leader_of[index], []).append(index)
    return list(groups.values())


@pytest.mark.parametrize("max_posting", [1, 2, 3, 400])
def test_grouping_compares_what_every_pair_under_a_key_would(monkeypatch, max_posting: int) -> None:
    monkeypatch.setattr(quote_match, "MAX_POSTING", max_posting)
    quotes = tuple(q for p in sorted(SEEDS.glob("*.txt")) for q in extract_quotes(seed_article(p)))
    quotes += tuple(q for q in extract_quotes(make_article("“Yes,” she said. “Yes.” “No,” he said. “Yes”")))
    who = tuple(q.speaker for q in quotes)
    read = tuple(quote_match._read(q.text) for q in quotes)
    assert quote_match._group(quotes, who, read) == reference_groups(quotes, who)


def test_a_relay_is_no_conflicting_speaker() -> None:
    one = make_article("The talks were “in-depth and serious,” according to the Guardian.", article_id="a")
    two = make_article("The group said the talks were “in-depth and serious.”", article_id="b")
    [row] = [r for r in (*table_for(one, two).rows, *table_for(one, two).fragments) if "serious" in r.text]
    assert "speaker-conflict" not in row.flags
    assert [o.quote.relay for o in row.occurrences] == ["Guardian", None]
