"""Grouping terms: tokens, names, terms; the fast tokenizer and extractor read text as a plain per-token loop does."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage_digest.group.terms import (
    _CONNECTORS,
    _NOT_NAMES,
    _OPENERS,
    _SENTENCE_END,
    _STOP,
    _TOKEN,
    INITIAL,
    JOINED,
    NAMES,
    NUMBERS,
    SPACED,
    WORDS,
    ArticleTerms,
    Vocabulary,
    _number_of,
    _stem,
    article_terms,
    as_word,
    extract_terms,
    fold,
    name_words,
    tokenize,
)
from support import make_article

# The token pattern as first written (greedy quantifiers, lookbehinds before the separators).
PLAIN_TOKEN = re.compile(r"(\W*)(\w+(?:(?:[.'’]|(?<=[^\W\d_])-(?=[^\W\d_])|(?<=\d),(?=\d{3}))\w+)*)")


class PlainToken(NamedTuple):
    text: str
    key: str
    capital: bool
    initial: bool
    headline: bool
    joined: bool


def plain_tokenize(article) -> list[PlainToken]:
    """One token record per word, as the grouping read text before it was made fast."""
    parts = ([article.headline] if article.headline else []) + list(article.paragraphs)
    tokens = []
    for index, part in enumerate(parts):
        first = True
        for gap, word in PLAIN_TOKEN.findall(part):
            before = gap.rstrip(_OPENERS)
            text = word[:-2] if word[-2:].lower() in ("'s", "’s") else word
            initial = not before if first else bool(before) and before[-1] in _SENTENCE_END
            headline = index == 0 and article.headline is not None
            joined = not first and not gap.strip()
            tokens.append(PlainToken(text, fold(text), word[0].isupper(), initial, headline, joined))
            first = False
    return tokens


def plain_article_terms(articles, lead: int) -> tuple[ArticleTerms, ...]:
    """Names counted and terms extracted token by token."""
    tokenized = [plain_tokenize(a) for a in articles]
    capital, lower = Counter(), Counter()
    for token in (t for tokens in tokenized for t in tokens):
        if token.text[0].isalpha() and not token.capital:
            lower[token.key] += 1
        elif token.text[0].isalpha() and not token.initial and not token.headline:
            capital[token.key] += 1
    names = frozenset(k for k, n in capital.items() if n > lower[k] and k not in _NOT_NAMES)
    titles = frozenset(k for k in names if lower[k])
    return tuple(plain_extract(tokens, names, lead, titles) for tokens in tokenized)


def plain_extract(tokens, names, lead, titles) -> ArticleTerms:
    found = {NAMES: [], NUMBERS: [], WORDS: []}
    surface = {}

    def add(kind, key, text, position):
        found[kind].extend([key] * (2 if position < lead or tokens[position].headline else 1))
        surface.setdefault(f"{kind}:{key}", text)

    start, run = 0, []
    for position, token in enumerate([*tokens, None]):
        is_name = token is not None and token.capital and token.key in names
        connector = token is not None and not token.capital and token.key in _CONNECTORS
        if run and token is not None and token.joined and (is_name or connector):
            run.append(token)
            continue
        while run and run[-1].key in _CONNECTORS:
            run.pop()
        while run and (run[0].key in titles or run[0].key in _CONNECTORS):
            run.pop(0)
            start += 1
        if len(run) > 1:
            add(NAMES, " ".join(t.key for t in run), " ".join(t.text for t in run), start)
        start, run = position, [token] if is_name else []
    for position, token in enumerate(tokens):
        number = _number_of(token.key, token.capital)
        if token.capital and token.key in names:
            add(NAMES, token.key, token.text, position)
        elif number:
            add(NUMBERS, number, token.text, position)
        elif token.key not in _STOP and len(token.key) > 2 and token.key.isalpha():
            add(WORDS, _stem(token.key), token.key, position)
    return ArticleTerms(tuple(found[NAMES]), tuple(found[NUMBERS]), tuple(found[WORDS]), tuple(sorted(surface.items())))


def test_tokens_keep_inner_dots_apostrophes_hyphens_and_thousands_commas():
    text = "U.S. troops, O'Brien's court-ordered 1,000-page 6.1-magnitude report, 1,00 ’90s"
    assert _TOKEN.findall(text) == [
        "U.S",
        "troops",
        "O'Brien's",
        "court-ordered",
        "1,000",
        "page",
        "6.1",
        "magnitude",
        "report",
        "1",
        "00",
        "90s",
    ]


def test_a_word_is_judged_once_and_shared():
    word = as_word("O'Brien’s")
    assert (word.text, word.key, word.capital, word.letter, word.connector) == ("O'Brien", "o'brien", True, True, False)
    assert word.name == (NAMES, "o'brien", "names:o'brien", "O'Brien")
    vocabulary = Vocabulary()
    assert vocabulary["O'Brien’s"] is vocabulary["O'Brien’s"]
    assert tokenize(make_article("Merrow, Merrow"), vocabulary).words == (vocabulary["Merrow"],) * 2
    assert as_word("1,000").term == (NUMBERS, "1000", "numbers:1000", "1,000")
    assert as_word("Sept").term == (NUMBERS, "september", "numbers:september", "Sept")
    assert as_word("may").term is None  # a verb in lower case, a month capitalised
    assert as_word("pirates").term == (WORDS, "pirate", "words:pirate", "pirates")
    assert as_word("said").term is None
    assert as_word("of").connector
    assert not as_word("Of").connector


def test_tokenize_marks_where_each_word_stands():
    article = make_article("Minister Petra Oslund spoke. “Rescuers”, she said,\nwere there.", headline="Quake hits")
    tokens = tokenize(article)
    assert [w.text for w in tokens.words] == [
        "Quake",
        "hits",
        "Minister",
        "Petra",
        "Oslund",
        "spoke",
        "Rescuers",
        "she",
        "said",
        "were",
        "there",
    ]
    assert tokens.headline == 2
    assert list(tokens.stands) == [
        INITIAL,
        JOINED,
        INITIAL,
        JOINED,
        JOINED,
        JOINED,
        INITIAL,
        SPACED,
        JOINED,
        SPACED,
        JOINED,
    ]


def test_names_are_capitalised_mid_sentence_more_often_than_not():
    articles = (
        make_article("Reports say Minister Petra Oslund met the minister of Merrow.", headline="Oslund Visits"),
        make_article("Rescuers reached Merrow. Visits resumed as Minister Oslund said."),
    )
    names, titles = name_words(tokenize(a) for a in articles)
    assert names == {"minister", "petra", "oslund", "merrow"}  # "Reports", "Rescuers", "Visits": by position
    assert titles == {"minister"}


def test_name_runs_drop_titles_and_loose_connectors_and_the_lead_counts_twice():
    article = make_article("Minister Petra Oslund of Merrow met the Bank of England and Oslund of", headline="Talks")
    tokens = tokenize(article)
    names = frozenset({"minister", "petra", "oslund", "merrow", "bank", "england"})
    terms = extract_terms(tokens, names, 3, frozenset({"minister"}))
    assert terms.names[:4] == ("petra oslund of merrow", "petra oslund of merrow", "bank of england", "minister")
    assert terms.names.count("oslund") == 2
    assert terms.words == ("talk", "talk", "met")
    assert dict(terms.surface)["names:petra oslund of merrow"] == "Petra Oslund of Merrow"


NEWS_WORDS = st.sampled_from(
    [
        *("Minister", "minister", "Petra", "Oslund", "Bank", "of", "England", "the", "van", "Van", "La", "la", "al"),
        *("O'Brien's", "JOHN'S", "U.S.", "court-ordered", "1,000", "6.1-magnitude", "May", "may", "Sept", "Monday"),
        *("Café", "naïve", "Ørsted", "it’s", "Mr.", "pirates", "said", "x", "İstanbul", "ǅemal", "²", "_a", "3'4"),
    ]
)
GAPS = st.sampled_from(
    [" ", " ", ", ", ". ", "! ", " (", " “", "\n", " — ", "...", ": ", " '", "\t", "\u00a0", " - ", "\n.", "?” "]
)
TEXT = st.lists(st.tuples(GAPS, NEWS_WORDS), max_size=30).map(lambda pairs: "".join(g + w for g, w in pairs))
SPECS = st.tuples(st.one_of(st.none(), st.just(""), TEXT), st.lists(TEXT, max_size=4))  # headline, paragraphs
ARTICLES = st.lists(SPECS, min_size=1, max_size=6).map(
    lambda specs: tuple(make_article(*body, headline=head, article_id=f"a{i}") for i, (head, body) in enumerate(specs))
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES, st.sampled_from([0, 3, 80]))
def test_terms_are_those_a_plain_per_token_loop_finds(articles, lead):
    assert article_terms(articles, lead) == plain_article_terms(articles, lead)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé9_1,.-'’ \n\t(\"ß١²ǅ\u0301—x0Ø", max_size=30))
def test_the_token_pattern_splits_as_first_written(text):
    assert [w for _, w in PLAIN_TOKEN.findall(text)] == _TOKEN.findall(text)
