"""Word choice: lexicon families, spelling variants and distinctive terms, each count traceable to its offsets."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from coverage_digest.story.distinctive import distinctive_terms
from coverage_digest.story.wording import compare_wording, lexicon_families, spelling_key
from support import article_from_text, make_article, seed_articles


def _articles(*texts: str):
    return tuple(replace(article_from_text(f"s{i}", text), outlet=f"s{i}") for i, text in enumerate(texts))


@pytest.mark.parametrize(
    ("a", "b"),
    [("cease-fire", "ceasefire"), ("Cease fire", "ceasefire"), ("defence", "defense"), ("colour", "color"),
     ("organise", "organize"), ("Hamas’", "hamas")],
)  # fmt: skip
def test_spelling_key(a, b):
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(("a", "b"), [("rise", "rize"), ("four", "for"), ("terror", "terrorist")])
def test_spelling_key_keeps_words_apart(a, b):
    assert spelling_key(a) != spelling_key(b)


def test_family_counts_by_outlet_with_offsets():
    articles = _articles(
        "Rebels agreed to a truce on Monday. The truce held.",
        "Both sides agreed to a cease-fire. The ceasefire began at noon.",
    )
    (family,) = [f for f in lexicon_families(articles) if f.name == "ceasefire"]
    table = {(u.term, u.outlet): u.count for u in family.uses}
    assert table == {("truce", "s0"): 2, ("ceasefire", "s1"): 2}
    assert family.varied
    for use in family.uses:
        text = articles[int(use.outlet[1:])].text
        assert all(text[o.start : o.end] == o.text for o in use.occurrences)


def test_longest_term_wins():
    articles = _articles("The terrorist group denied it. Terrorists were seen.")
    terms = {(f.name, u.term): u.count for f in lexicon_families(articles) for u in f.uses}
    assert terms[("armed group", "terrorist group")] == 1
    assert terms[("fighters", "terrorists")] == 1


def test_spelling_family_needs_two_outlets():
    articles = _articles("The defence minister spoke.", "The defense minister spoke. Defence was the topic.")
    wording = compare_wording(articles)
    (family,) = [f for f in wording.families if f.source == "spelling"]
    assert set(family.terms) == {"defence", "defense"}


def test_distinctive_terms_are_used_by_one_outlet_only():
    articles = _articles(
        "The regime cracked down. The regime jailed critics. Police arrested critics.",
        "The government cracked down. Police arrested critics on Monday.",
    )
    terms = {(d.outlet, d.term): d for d in distinctive_terms(articles)}
    assert ("s0", "regime") in terms and terms[("s0", "regime")].others == 0
    assert ("s1", "regime") not in terms
    assert ("s0", "police") not in terms


# --- the seed story ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_wording():
    return compare_wording(seed_articles())


def test_seed_ceasefire_family(seed_wording):
    (family,) = [f for f in seed_wording.families if f.name == "ceasefire" and f.source == "lexicon"]
    assert {"ceasefire", "truce"} <= set(family.terms)
    forms = {o.text.lower() for u in family.uses for o in u.occurrences}
    assert {"ceasefire", "cease-fire", "truce"} <= forms


def test_seed_spelling_and_labels(seed_wording):
    spelling = {f.name: set(f.terms) for f in seed_wording.families if f.source == "spelling"}
    assert spelling["ceasefire"] == {"ceasefire", "cease-fire"}
    (group,) = [f for f in seed_wording.families if f.name == "armed group"]
    assert {"terror group", "terrorist group"} <= set(group.terms)


def test_distinctive_terms_when_one_outlet_has_a_single_word():
    from coverage_digest.story.wording import compare_wording
    from support import make_article

    articles = (make_article("Netanyahu", article_id="a"), make_article("Netanyahu spoke.", article_id="b"))
    assert compare_wording(articles).distinctive == ()


# --- the fast paths agree with the plain definitions --------------------------------------------------------------

TRICKY = (
    "Cease fire, cease-fire  and ceasefire’s talks. Hamas' fighters—and Hamas’s; defen ce, colo ur, organ ise.\n"
    "The U.S.-backed ‘truce’ held:\tit didn't. Émile Zola’s Über-café 42nd x y ab cd"
)
SPLIT_ENDINGS = ("defen", "ce", "colo", "ur", "our", "ours", "organ", "is", "ising", "ised", "ises", "Israel's")


def test_words_are_the_word_pattern_matches():
    from coverage_digest.story.words import WORD as _WORD
    from coverage_digest.story.words import read_article as _words
    from coverage_digest.story.words import spaced_pairs as _pairs

    for text in (TRICKY, "", "   ", "one", "a b", " lone-word "):
        article = make_article(text)
        words, matches = _words(article), list(_WORD.finditer(article.text))
        assert words.written == tuple(m.group(0) for m in matches)
        assert words.starts == tuple(m.start() for m in matches)
        assert words.ends == tuple(m.end() for m in matches)
        assert words.spaced == tuple(article.text[a.end() : b.start()] == " " for a, b in itertools.pairwise(matches))
        assert words.distinct == {*words.written, *_pairs(words)}
        assert words.distinct_words == set(words.written) and words.distinct_pairs == set(_pairs(words))


def test_compound_form_is_the_spelling_form_of_the_pair():
    from coverage_digest.story.wording import _compound_form, _spelling_form
    from coverage_digest.story.words import WORD as _WORD

    written = [*_WORD.findall(TRICKY), *SPLIT_ENDINGS]
    for first, second in itertools.product(written, repeat=2):
        assert _compound_form(first, second) == _spelling_form(f"{first.lower()} {second.lower()}")


def test_pair_keys_from_word_parts_are_the_compound_form():
    from coverage_digest.story.wording import _BRITISH_ENDINGS, _compound_form, _word_parts
    from coverage_digest.story.words import WORD as _WORD

    written = {*_WORD.findall(TRICKY), *SPLIT_ENDINGS, "a", "I", "x"}
    flats, tails = _word_parts(written)
    short = 0
    for first, second in itertools.product(written, repeat=2):
        key = flats[first] + tails[second] if second in tails else None
        if key is None or key.endswith(_BRITISH_ENDINGS) or len(first) + len(second) < 3:
            continue  # spelling_families works these out in full
        short += 1
        assert _compound_form(first, second) == (key, f"{first.lower()} {second.lower()}")
    assert short > 100


def test_lexicon_scan_finds_what_one_group_per_term_finds():
    import re

    from coverage_digest.story.wording import _LEXICON_RE, _LEXICON_TERMS

    grouped = re.compile(  # the plain form: each alternative a named group around its pattern
        r"(?<![\w-])(?=[a-z])(?:"
        + "|".join(rf"(?P<t{i}>{p})(?![\w-])" for i, (_, _, p) in enumerate(_LEXICON_TERMS))
        + ")",
        re.IGNORECASE,
    )
    for article in (*seed_articles(), make_article(TRICKY)):
        found = [(m.span(), m.lastgroup) for m in _LEXICON_RE.finditer(article.text)]
        assert found == [(m.span(), m.lastgroup) for m in grouped.finditer(article.text)]


def test_distinctive_term_occurrences_point_at_the_text():
    articles = _articles(
        "The regime cracked down. The stand alone regime jailed critics. Stand alone, they said.",
        "The government cracked down. Police arrested critics on Monday.",
    )
    found = distinctive_terms(articles)
    assert found and all(len(d.occurrences) == d.count for d in found)
    for term in found:
        for o in term.occurrences:
            assert articles[int(o.article_id[1:])].text[o.start : o.end] == o.text


def test_a_spaced_pair_joins_a_family_only_under_a_word_s_key():
    """'cease fire' / 'ceasefire' are one family; two spacings of a pair with no one-word form are none; a story
    of one outlet has neither families nor distinctive terms, however many articles it has."""
    from coverage_digest.story.wording import spelling_families

    two = _articles("The cease fire held. The peace talk went on.", "The ceasefire held. The peace-talk went on.")
    families = {f.name: set(f.terms) for f in spelling_families(two)}
    assert families["ceasefire"] == {"ceasefire", "cease fire"}
    assert families["peacetalk"] == {"peace talk", "peace-talk"}  # the hyphenated form is one word
    spaced = _articles("The peace talks went on.", "The Peace Talks went on.")
    assert spelling_families(spaced) == ()  # "peace talks" twice, as a pair: one form
    one = tuple(replace(a, outlet="Same Outlet") for a in two + two)
    assert spelling_families(one) == () and distinctive_terms(one) == ()
