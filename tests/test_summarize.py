"""Extractive summary: copied sentences, full citations, readability filters, length, single-outlet claims."""

from __future__ import annotations

import pytest

from coverage_digest.story.summary import (
    SummarySettings,
    dated,
    find_disagreements,
    quoted_share,
    readable_alone,
    starts_dangling,
    summarize_story,
    target_length,
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
    summary = summarize_story(articles, sentences, support, SummarySettings(min_sentences=2))
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
    [(3, 3, 3), (3, 5, 4), (5, 20, 8), (2, 20, 4), (1, 2, 1)],
)
def test_target_length_grows_with_the_story_within_bounds(articles, sentences_each, expected):
    story_articles = [article_from_text(f"a{k}", "x") for k in range(articles)]
    sentences = {a.id: tuple(range(sentences_each)) for a in story_articles}
    assert target_length(story_articles, sentences, SummarySettings()) == expected


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
