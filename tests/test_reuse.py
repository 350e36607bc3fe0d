"""Reuse between outlets: verbatim passages, in-order alignment, derivation and its direction."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from coverage_digest.story.alignment import align
from coverage_digest.story.reuse import find_derivations, phrasing, shared_passages
from coverage_digest.story.support import find_support
from coverage_digest.text.sentences import split_article
from support import article_from_text, seed_articles

SOURCE = """The Orvale river burst its banks on Tuesday, flooding 240 homes in the town of Kestrin.

“We have never seen the water rise this fast,” said Mayor Ada Lind, who ordered the evacuation of 1,500 residents.

Emergency crews from three neighbouring counties worked through the night to reinforce the levees along the east bank.

The regional weather office recorded 180 millimetres of rain in 36 hours, the most since records began in 1911.

Schools in Kestrin will remain closed until Friday, the education board said.

Insurers estimated the damage at 40 million euros, though they warned the figure could rise."""

REWRITE = """The Orvale river burst its banks, flooding homes in the town of Kestrin.

The mayor of Kestrin ordered the evacuation of residents, saying the water had risen very fast.

Emergency crews from neighbouring counties worked through the night to reinforce the levees.

The weather office recorded record rainfall, the most since records began.

Schools in Kestrin will remain closed for the rest of the week.

The damage is expected to be significant, and observers fear for the region's future."""

INDEPENDENT = """Hundreds of families in Kestrin spent the night in a sports hall after floods swept through the town.

Ada Lind, the mayor, described scenes of chaos as 1,500 people were moved to safety.

Rainfall of 180 millimetres in a day and a half overwhelmed the Orvale, according to the weather office.

A farmer upstream said he had warned the council about the state of the levees for years."""


def story(*texts: str, dates: tuple[str | None, ...] = ()):
    articles = tuple(
        dataclasses.replace(article_from_text(f"a{k}", t), published=dates[k] if dates else None)
        for k, t in enumerate(texts)
    )
    sentences = {a.id: split_article(a) for a in articles}
    return articles, sentences, find_support(articles, sentences)


def test_rewrite_is_derived_from_the_source_with_its_direction_from_specifics():
    articles, sentences, support = story(SOURCE, REWRITE, INDEPENDENT)
    (derivation,) = find_derivations(articles, sentences, support)
    assert (derivation.article_id, derivation.from_article_id) == ("a1", "a0")
    assert derivation.share >= 0.6
    assert derivation.direction == "specifics"
    assert "a0" in derivation.direction_evidence[0]
    pairs = [(p.index, p.from_index) for p in derivation.aligned_pairs]
    assert pairs == sorted(pairs) and (0, 0) in pairs and (4, 4) in pairs


def test_independent_coverage_of_the_same_event_is_not_derivation():
    articles, sentences, support = story(SOURCE, INDEPENDENT)
    assert support.links()  # they do report the same facts
    assert find_derivations(articles, sentences, support) == ()


def test_publication_dates_decide_the_direction_when_known():
    articles, sentences, support = story(REWRITE, SOURCE, dates=("2024-05-01", "2024-05-03"))
    (derivation,) = find_derivations(articles, sentences, support)
    assert (derivation.article_id, derivation.from_article_id, derivation.direction) == ("a1", "a0", "published")


def test_copies_of_one_source_are_derived_from_it_not_from_each_other():
    """Three dated copies of a report: each copy's source is the original, not a sibling copy."""
    dates = ("2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04")
    articles, sentences, support = story(SOURCE, SOURCE, SOURCE, SOURCE, dates=dates)
    found = find_derivations(articles, sentences, support)
    assert [(d.article_id, d.from_article_id) for d in found] == [("a1", "a0"), ("a2", "a0"), ("a3", "a0")]


def test_a_second_source_is_kept_when_it_explains_other_sentences():
    first, second = SOURCE.split("\n\n"), INDEPENDENT.split("\n\n")
    stitched = "\n\n".join(first[:4] + second[:4])
    dates = ("2024-05-01", "2024-05-01", "2024-05-03")
    articles, sentences, support = story(SOURCE, INDEPENDENT, stitched, dates=dates)
    found = {(d.article_id, d.from_article_id) for d in find_derivations(articles, sentences, support)}
    assert found == {("a2", "a0"), ("a2", "a1")}


def test_shared_passages_are_located_in_both_texts():
    derived = (
        "Officials said that the old bridge over the river will be closed for repairs until June, and traffic diverted."
    )
    source = "In a statement, the old bridge over the river will be closed for repairs until June, the council said."
    (passage,) = shared_passages(derived, source)
    assert derived[passage.start : passage.end] == "the old bridge over the river will be closed for repairs until June"
    assert source[passage.from_start : passage.from_end] == derived[passage.start : passage.end]
    assert passage.words == 13 and not passage.quoted


def test_shared_quote_is_marked_quoted():
    quote = "“No amount of pressure from anyone will stop us defending our people,” he said."
    (passage,) = shared_passages(f"The minister spoke on Sunday. {quote}", f"{quote} Others disagreed.")
    assert passage.quoted


def test_short_runs_are_not_passages():
    assert (
        shared_passages("the talks in Cairo ended on Sunday night", "the talks in Cairo ended on Sunday evening") == ()
    )


def test_align_keeps_order_and_lets_a_sentence_pair_with_two():
    weights = np.array([[0.9, 0.1, 0.0], [0.1, 0.5, 0.4], [0.0, 0.0, 0.0]])
    score, pairs = align(weights)
    assert pairs == [(0, 0), (1, 1), (1, 2)]
    assert score == pytest.approx(0.8 + 0.4 + 0.3)


def test_phrasing_ignores_quoted_words():
    assert phrasing("“We will fight on,” she said.", "“We will fight on,” he said.") == 0.0
    assert phrasing("talks of a truce collapsed", "talks of a truce resumed") == pytest.approx(3 / 4)


def test_seed_rewrite_is_the_only_derivation():
    articles = seed_articles()
    sentences = {a.id: split_article(a) for a in articles}
    derivations = find_derivations(articles, sentences, find_support(articles, sentences))
    assert [(d.article_id[:3], d.from_article_id[:3]) for d in derivations] == [("001", "000")]
    (derivation,) = derivations
    assert derivation.share >= 0.4  # the rewrite's second half is generic commentary with no source sentence
    assert derivation.direction == "specifics"
    assert len(derivation.aligned_pairs) >= 6


def _reference_align(weights: np.ndarray) -> tuple[float, list[tuple[int, int]]]:
    """The alignment recurrence written directly, cell by cell over numpy arrays, with its backtrack: to check the
    one that visits only the cells that can pair against."""
    n, m = weights.shape
    w = np.where(weights >= 0.15, weights - 0.1, -np.inf)
    best, match = np.zeros((n + 1, m + 1)), np.full((n + 1, m + 1), -np.inf)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if w[i - 1, j - 1] > -np.inf:
                match[i, j] = w[i - 1, j - 1] + max(best[i - 1, j - 1], match[i - 1, j], match[i, j - 1])
            best[i, j] = max(best[i - 1, j], best[i, j - 1], match[i, j])
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        if match[i, j] > -np.inf and best[i, j] == match[i, j]:
            pairs.append((i - 1, j - 1))
            prev = max(best[i - 1, j - 1], match[i - 1, j], match[i, j - 1])
            if prev == best[i - 1, j - 1]:
                i, j = i - 1, j - 1
            elif prev == match[i - 1, j]:
                i -= 1
            else:
                j -= 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return float(best[n, m]), pairs[::-1]


@pytest.mark.parametrize("scale", [0.6, 0.3, 0.17])  # dense; a few cells that can pair; rows and columns with none
@pytest.mark.parametrize("seed", range(5))
def test_align_matches_the_reference_recurrence(seed, scale):
    weights = np.random.default_rng(seed).random((9, 6)) * scale
    assert align(weights) == _reference_align(weights)
    assert align(weights.T) == _reference_align(weights.T)


def test_the_direction_follows_instants_not_the_strings_of_dates():
    """a0 is dated 23:30 in New York (04:30 UTC on the 2nd), a1 02:00 UTC on the 2nd: a1 came first."""
    articles, sentences, support = story(SOURCE, REWRITE, dates=("2024-05-01T23:30:00-05:00", "2024-05-02T02:00:00Z"))
    (derivation,) = find_derivations(articles, sentences, support)
    assert (derivation.article_id, derivation.from_article_id, derivation.direction) == ("a0", "a1", "published")
    assert "cannot predate its source" in derivation.direction_evidence[0]


def test_dates_that_cannot_order_two_articles_leave_the_direction_to_other_evidence():
    articles, sentences, support = story(SOURCE, REWRITE, dates=("2024-05-01", "2024-05-01T10:00:00Z"))
    (derivation,) = find_derivations(articles, sentences, support)
    assert derivation.direction != "published"
