"""Extractive summary: copied sentences, full citations, readability filters, length, single-outlet claims."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from coverage_digest.records import Sentence
from coverage_digest.story.disagreement import find_disagreements
from coverage_digest.story.summary import (
    StoryLinks,
    SummarySettings,
    _Candidate,
    dated,
    quoted_share,
    readable_alone,
    reading_order,
    select,
    starts_dangling,
    summarize_story,
    target_length,
    word_budget,
    word_count,
)
from coverage_digest.story.support import MAX_LINKS, find_support
from coverage_digest.text.sentences import split_article
from support import article_from_text, seed_articles

A = (
    "The Orvale river burst its banks on Tuesday, flooding 240 homes in the town of Kestrin. "
    "Mayor Ada Lind ordered the evacuation of the old harbour district overnight. "
    "“It is the worst flood I have seen,” she said. "
    "He added that the council would meet again on Thursday. "
    "A local bakery handed out free bread to the volunteers at the sports hall."
)
B = (
    "Flooding hit 240 homes in Kestrin on Tuesday after the Orvale river burst its banks. "
    "The evacuation of the old harbour district was ordered overnight by Mayor Ada Lind. "
    "Schools across the region will stay closed until the pumps have cleared the streets."
)
C = (
    "The Orvale burst its banks in Kestrin, where 240 homes were flooded on Tuesday. "
    "Rescuers from three counties helped the evacuation of the harbour district ordered by Mayor Ada Lind. "
    "Insurers expect the claims to run into the millions of euros."
)


def story(*texts: str):
    articles = tuple(article_from_text(f"a{k}", t) for k, t in enumerate(texts))
    sentences = {a.id: split_article(a) for a in articles}
    return articles, sentences, find_support(articles, sentences)


def test_summary_sentences_are_copied_and_cite_every_article_reporting_them():
    articles, sentences, support = story(A, B, C)
    summary = summarize_story(articles, sentences, support, SummarySettings(min_sentences=2))
    by_id = {a.id: a for a in articles}
    assert summary.sentences
    for s in summary.sentences:
        assert by_id[s.article_id].text[s.start : s.end] == s.text
        assert s.article_ids[0] == s.article_id
        for c in s.citations:
            assert sentences[c.article_id][c.index].start == c.start
    first = summary.sentences[0]
    assert set(first.article_ids) == {"a0", "a1", "a2"}  # the flood itself: every outlet reports it


def test_a_summary_sentence_cites_every_article_even_beyond_the_links_a_story_keeps():
    copies = MAX_LINKS + 3
    articles, sentences, support = story(A, *[B] * copies)
    summary = summarize_story(articles, sentences, support, SummarySettings(min_sentences=2))
    flood = next(s for s in summary.sentences if "240 homes" in s.text)
    assert len(flood.article_ids) == copies + 1  # every copy, though support keeps only MAX_LINKS links per sentence
    assert len(set(flood.article_ids)) == len(flood.article_ids)


def test_the_same_fact_is_not_repeated():
    articles, sentences, support = story(A, B, C)
    summary = summarize_story(articles, sentences, support, SummarySettings(min_sentences=2))
    flood = [s for s in summary.sentences if "240 homes" in s.text]
    assert len(flood) == 1


def test_quotes_and_dangling_sentences_are_left_out():
    articles, sentences, support = story(A, B, C)
    texts = summarize_story(articles, sentences, support).text
    assert "worst flood" not in texts
    assert "He added" not in texts


def test_single_outlet_claims_are_kept_apart():
    articles, sentences, support = story(A, B, C)
    summary = summarize_story(articles, sentences, support, SummarySettings(min_sentences=2, max_sentences=3))
    claims = {c.text for c in summary.single_outlet}
    assert "Insurers expect the claims to run into the millions of euros." in claims
    assert not claims & {s.text for s in summary.sentences}


def test_disagreeing_numbers_are_reported():
    articles, sentences, support = story(
        "The Orvale river flood forced 1,500 residents of Kestrin from their homes on Tuesday.",
        "The Orvale river flood forced 2,000 residents of Kestrin from their homes on Tuesday.",
    )
    (disagreement,) = summarize_story(articles, sentences, support).disagreements
    assert disagreement.kind == "numbers" and disagreement.detail == "1,500 vs 2,000"


@pytest.mark.parametrize(
    ("articles", "sentences_each", "expected"),
    [(3, 3, 4), (3, 5, 4), (5, 20, 8), (2, 20, 4), (1, 2, 2), (1, 1, 1)],
)
def test_target_length_grows_with_the_story_within_bounds(articles, sentences_each, expected):
    story_articles = [article_from_text(f"a{k}", "x") for k in range(articles)]
    sentences = {a.id: tuple(range(sentences_each)) for a in story_articles}
    assert target_length(story_articles, sentences, SummarySettings()) == expected


def candidates(*spec: tuple[str, int, int, float, int]) -> list[_Candidate]:
    """Readable candidates from (article id, article position, sentence index, relevance, words), a row each."""
    out = []
    for row, (article_id, article, index, relevance, words) in enumerate(spec):
        text = " ".join(["word"] * words) + "."
        sentence = Sentence(article_id, index, 0, 0, len(text), text)
        out.append(_Candidate(row, sentence, article, relevance, True, words))
    return out


NO_LINKS = StoryLinks(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool))


def test_a_sentence_that_would_overrun_the_word_budget_is_passed_over_for_a_shorter_one():
    # rows of 20, 30 and 10 words, most relevant first; unrelated to each other (identity vectors)
    rows = candidates(("a0", 0, 0, 3.0, 20), ("a0", 0, 1, 2.0, 30), ("a1", 1, 0, 1.0, 10))
    matrix = sparse.identity(3, format="csr")
    assert select(rows, matrix, 3, 100.0, SummarySettings(), NO_LINKS) == [0, 1, 2]  # all fit
    assert select(rows, matrix, 3, 55.0, SummarySettings(), NO_LINKS) == [0, 1]  # 20 + 30; the 10 would overrun
    assert select(rows, matrix, 3, 40.0, SummarySettings(), NO_LINKS) == [0, 2]  # the 30 passed over, the 10 fits
    assert select(rows, matrix, 3, 5.0, SummarySettings(), NO_LINKS) == [0]  # the first sentence always


def test_word_budget_is_a_share_of_the_storys_words():
    articles, sentences, support = story(A, B, C)
    total = sum(word_count(s.text) for a in articles for s in sentences[a.id])
    rows = candidates(("a0", 0, 0, 1.0, 12), ("a1", 1, 0, 1.0, 30))
    assert word_budget(rows, SummarySettings(word_share=0.5)) == 21.0
    for share in (0.01, 0.3, 0.6):
        summary = summarize_story(articles, sentences, support, SummarySettings(word_share=share))
        words = [word_count(s.text) for s in summary.sentences]
        assert len(words) == 1 or sum(words) <= share * total
    tiny = summarize_story(articles, sentences, support, SummarySettings(word_share=0.01))
    assert len(tiny.sentences) == 1 and "240 homes" in tiny.text  # the lede about the flood itself


def test_reading_order_keeps_an_articles_sentences_together_in_their_order():
    rows = candidates(("a0", 0, 0, 1.0, 8), ("a0", 0, 3, 1.0, 8), ("a1", 1, 0, 1.0, 8), ("a1", 1, 2, 1.0, 8))
    # chosen most relevant first: a1's third sentence, then a0's lede, then a1's lede
    assert reading_order(rows, [3, 0, 2]) == [2, 3, 0]  # a1 leads (its sentence was chosen first), in a1's order
    assert reading_order(rows, [1, 2, 0]) == [0, 1, 2]


@pytest.mark.parametrize(
    ("text", "dangling"),
    [("However, the talks went on.", True), ("They left Cairo.", True), ("Hamas left Cairo.", False)],
)
def test_starts_dangling(text, dangling):
    assert starts_dangling(text) is dangling


def test_readable_alone_filters():
    settings = SummarySettings()
    assert readable_alone("The Orvale river burst its banks on Tuesday in Kestrin.", settings)
    assert not readable_alone("Click here to subscribe to our daily flood newsletter today.", settings)
    assert not readable_alone("Floods.", settings)
    assert quoted_share("“We are ready,” she said.") > 0.5


def test_empty_story():
    assert summarize_story((), {}, find_support((), {})).sentences == ()


def test_seed_summary_is_copied_cited_and_deterministic():
    articles = seed_articles()
    sentences = {a.id: split_article(a) for a in articles}
    support = find_support(articles, sentences)
    summary = summarize_story(articles, sentences, support)
    by_id = {a.id: a for a in articles}
    assert 4 <= len(summary.sentences) <= 8
    for s in summary.sentences:
        assert s.text in by_id[s.article_id].text
        assert set(s.article_ids) <= set(by_id)
    assert summary == summarize_story(articles, sentences, support)


def test_negated_verbatim_sentences_disagree():
    articles, sentences, support = story(
        "The interior minister said the border crossing at Kestrin will reopen to lorries on Monday.",
        "The interior minister said the border crossing at Kestrin will not reopen to lorries on Monday.",
    )
    (disagreement,) = summarize_story(articles, sentences, support).disagreements
    assert disagreement.kind == "negation"
    sentence_of = {(s.article_id, s.index): s for a in articles for s in sentences[a.id]}
    assert find_disagreements(support, sentence_of) == (disagreement,)


QUOTA = (
    "Ministers from nine countries agreed a new fishing quota for the northern sea after two days of talks. "
    "The quota, signed in Bergholm on Friday, cuts the cod catch by a fifth over three years. "
    "Trawler crews said the cut would cost jobs in the harbour towns."
)
QUOTA_TOO = (
    "Nine countries agreed a fishing quota for the northern sea that cuts the cod catch by a fifth. "
    "The deal, reached by ministers after two days of talks, runs for three years. "
    "Scientists had asked for a deeper cut to let the stock recover."
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Flooding hit 240 homes in Kestrin on Tuesday.", True),
        ("Tuesday’s vote in the council was close.", True),
        ("The SUNDAY session ran late.", True),
        ("The Tuesdays club met at the harbour.", False),
        ("Flooding hit 240 homes in Kestrin.", False),
    ],
)
def test_dated(text, expected):
    assert dated(text) is expected


def test_naming_the_weekday_is_a_small_bonus_not_an_override():
    articles, sentences, support = story(QUOTA, QUOTA_TOO)
    one = {"min_sentences": 1, "max_sentences": 1}

    def first(**weights):
        summary = summarize_story(articles, sentences, support, SummarySettings(**one, **weights))
        return summary.sentences[0].article_id, summary.sentences[0].index

    assert first(dated_weight=0.0) == ("a1", 0)  # the undated lede is the most central sentence
    assert first() == ("a1", 0)  # the default bonus does not outweigh a clearly better lede
    assert first(dated_weight=1.0) == ("a0", 1)  # a large one does: the bonus is what moves the choice
    undated = summarize_story(articles, sentences, support, SummarySettings(**one, dated_weight=0.0))
    bonus = summarize_story(articles, sentences, support, SummarySettings(**one, dated_weight=0.5))
    assert bonus.sentences[0].score == undated.sentences[0].score  # an undated sentence's score is unchanged
