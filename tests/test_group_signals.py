"""The grouping's added signals on small inline inputs: the plain text and headline blocks, the lone-article pass, and
the bounded cost of average-link whatever the similarity structure."""

from __future__ import annotations

import dataclasses
import heapq
import random

import numpy as np
import pytest
import scipy.sparse as sp
from test_group import ALL, FESTIVAL, MERROW, TESSA, make_articles, partition

from coverage_digest.group import link
from coverage_digest.group.attach import attach_lone
from coverage_digest.group.stories import GroupSettings, group_articles
from coverage_digest.group.terms import HEADLINE, TEXT, corpus_terms
from support import article_from_text

PLAIN_ONLY = dataclasses.replace(
    GroupSettings(), name_weight=0.0, number_weight=0.0, word_weight=0.0, text_weight=1.0, headline_weight=0.5
)


def test_plain_blocks_hold_every_content_token_names_lower_cased_headline_twice():
    article = article_from_text("a", "Merrow quake kills 12\n\nRescuers in Merrow dug through the rubble on Tuesday.")
    _, plain = corpus_terms((article,))
    head = ("merrow", "quake", "kill", "12")
    assert plain[HEADLINE] == [head]
    assert plain[TEXT] == [head + head + ("rescuer", "merrow", "dug", "rubble", "tuesday")]


def test_headline_block_takes_the_first_words_when_there_is_no_headline():
    article = article_from_text("a", "At least twelve people died when an earthquake shook Merrow early on Tuesday.")
    _, plain = corpus_terms((article,))
    assert article.headline is None
    assert plain[HEADLINE][0][0] == "people" and "merrow" in plain[HEADLINE][0]  # stop words left out
    assert plain[TEXT][0] == plain[HEADLINE][0]  # the whole text is shorter than the headline window, counted once


def test_plain_blocks_alone_keep_look_alike_events_apart():
    assert partition(group_articles(ALL, PLAIN_ONLY)) == {frozenset(MERROW), frozenset(TESSA), frozenset(FESTIVAL)}


# Two concurrent stories with one cast (who) but different happenings (what, when): a minister's resignation, and the
# vote on her bill three days later.
ONE_CAST = {
    "resign-wire": """Oslund resigns as interior minister

Petra Oslund resigned as Valdoria's interior minister on Monday after a row over police funding, saying she had lost
the confidence of the cabinet. Prime Minister Jonas Brandt accepted her resignation.""",
    "resign-daily": """Valdoria's Oslund quits cabinet over police funding row

Interior Minister Petra Oslund stepped down on Monday, telling reporters she could no longer serve in Jonas Brandt's
government after the dispute over police funding.""",
    "vote-wire": """Parliament passes Oslund's border bill

Valdoria's parliament voted 212 to 140 on Thursday to pass the border security bill drafted by Petra Oslund, with
Prime Minister Jonas Brandt's coalition united behind it.""",
    "vote-daily": """Border bill clears parliament in Valdoria

Lawmakers approved Petra Oslund's border security bill by 212 votes to 140 on Thursday, handing Jonas Brandt's
coalition a victory.""",
}


@pytest.mark.xfail(
    strict=True,
    reason="not yet: in a corpus of four, IDF cannot learn that the cast is common; the names outweigh the happening "
    "(cross-story similarity 0.28-0.39 against 0.63-0.72 within; docs/grouping.md, what remains)",
)
def test_the_text_blocks_tell_concurrent_stories_of_one_cast_apart_and_keep_each_together():
    stories = partition(group_articles(make_articles(ONE_CAST)))
    assert stories == {frozenset({"resign-wire", "resign-daily"}), frozenset({"vote-wire", "vote-daily"})}


def test_plain_blocks_leave_the_shared_terms_as_written():
    story = next(s for s in group_articles(ALL) if "merrow-wire" in s.article_ids)
    plain = next(s for s in group_articles(ALL, PLAIN_ONLY) if "merrow-wire" in s.article_ids)
    assert plain.shared_terms == ()  # no names, numbers or words block: nothing the page could show as written
    assert {"Merrow", "Petra Oslund"} <= set(story.shared_terms)


def unit_rows(rows: list[dict[int, float]]) -> sp.csr_matrix:
    """Rows given as {column: value}, scaled to unit length."""
    dense = np.zeros((len(rows), 1 + max(c for r in rows for c in r)))
    for i, row in enumerate(rows):
        for c, v in row.items():
            dense[i, c] = v
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    return sp.csr_matrix(dense)


def all_edges(matrix: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sims = (matrix @ matrix.T).toarray()
    left, right = np.triu_indices(matrix.shape[0], 1)
    keep = sims[left, right] > 0
    return left[keep].astype(np.int64), right[keep].astype(np.int64), sims[left, right][keep]


# Articles 0 and 1 are one story (similarity 0.8); article 2 shares little with either (0.1 and 0.08).
STORY_AND_LONER = [{0: 1.0}, {0: 0.8, 1: 0.6}, {0: 0.1, 2: 0.995}]


def test_a_lone_article_with_nothing_else_near_joins_the_only_story_it_touches():
    matrix = unit_rows(STORY_AND_LONER)
    members = attach_lone(matrix, all_edges(matrix), ((0, 1), (2,)), 5, 0.03, {}, frozenset())
    assert members == ((0, 1, 2),)


def test_a_lone_article_among_as_many_look_alikes_stays_alone():
    """The same loner with five other stories as near to it as the first: its closest is not clearly closest."""
    others = [{0: 0.0, 2: 0.1, 3 + k: 0.995} for k in range(5)]
    matrix = unit_rows(STORY_AND_LONER + others)
    start = ((0, 1), (2,), *((3 + k,) for k in range(5)))
    members = attach_lone(matrix, all_edges(matrix), start, 5, 0.03, {}, frozenset())
    assert (0, 1) in members  # the loner did not join the story (its look-alikes may still gather it)


def test_a_lone_article_respects_split_overrides_and_articles_kept_alone():
    matrix = unit_rows(STORY_AND_LONER)
    edges = all_edges(matrix)
    assert attach_lone(matrix, edges, ((0, 1), (2,)), 5, 0.03, {1: frozenset({0}), 2: frozenset({0})}, frozenset()) == (
        (0, 1),
        (2,),
    )
    assert attach_lone(matrix, edges, ((0, 1), (2,)), 5, 0.03, {}, frozenset({2})) == ((0, 1), (2,))


def test_the_lone_pass_keeps_three_outlets_on_one_event_together_and_look_alikes_apart():
    """Three outlets' short takes share a name but few words; without the pass the tabloid's would stand alone."""
    few_words = {
        "bank-wire": "The Bank of Norvia raised its main rate to 4.5 percent on Thursday.",
        "bank-tabloid": "Mortgage misery in Norvia as borrowers face another hike from Anna Lindqvist.",
        "bank-analysis": "Why Norvia's central bankers could not wait: inflation is running at twice its target.",
    }
    corpus = make_articles(few_words)
    assert partition(group_articles(corpus)) == {frozenset(few_words)}
    assert len(group_articles(corpus, dataclasses.replace(GroupSettings(), lone_rank=0))) > 1
    assert partition(group_articles(ALL)) == {frozenset(MERROW), frozenset(TESSA), frozenset(FESTIVAL)}


def test_the_lone_pass_wants_a_shared_name_or_figure_not_just_shared_words():
    """Two reports of look-alike earthquakes, all there is: similar words, no common place, person, figure or day."""
    quakes = {
        "quake-chile": "Earthquake shakes Chile\n\nA magnitude 6.8 earthquake struck near Antofagasta on Monday.",
        "quake-japan": "Quake hits Japan's Hokkaido\n\nA magnitude 6.5 earthquake hit eastern Hokkaido on Wednesday.",
    }
    assert partition(group_articles(make_articles(quakes))) == {frozenset({"quake-chile"}), frozenset({"quake-japan"})}


TEMPLATE_WORDS = ("grain", "port", "ship", "storm", "river", "bank", "court", "vote", "school", "road", "bridge")


def near_identical(count: int):
    """One-line files from one template (bench_pathological's case): every pair looks alike."""
    line = "The {} report number {} was filed on Monday by the regional office."
    return tuple(
        article_from_text(f"n{i:05d}", line.format(TEMPLATE_WORDS[i % len(TEMPLATE_WORDS)], i)) for i in range(count)
    )


def heap_pushes(monkeypatch, articles) -> int:
    pushed = [0]
    push = heapq.heappush

    def counting(heap, item):
        pushed[0] += 1
        push(heap, item)

    monkeypatch.setattr(link.heapq, "heappush", counting)
    group_articles(articles)
    monkeypatch.undo()
    return pushed[0]


def random_tiny(count: int):
    """Files of 3 to 12 words drawn from the same eleven (bench_pathological's other case)."""
    rng = random.Random(7)
    words = [" ".join(rng.choice(TEMPLATE_WORDS) for _ in range(rng.randint(3, 12))) for _ in range(count)]
    return tuple(article_from_text(f"r{i:05d}", w.capitalize() + ".") for i, w in enumerate(words))


@pytest.mark.parametrize("make", [near_identical, random_tiny])
def test_average_link_work_grows_about_linearly_whatever_the_similarity_structure(monkeypatch, make):
    """Twice the files, not much more than twice the heap operations, and at most a fixed number per file (before
    the cap: 3.2 times per doubling at these sizes, over 3 million operations for 5,000 near-identical files)."""
    small, large = heap_pushes(monkeypatch, make(600)), heap_pushes(monkeypatch, make(1200))
    assert large <= 2.8 * small
    assert large <= (link.MAX_LINKS + 2 * GroupSettings().neighbours) * 1200
