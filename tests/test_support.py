"""Cross-article sentence support: links, their kind, shared and unique sentences, and the candidate index."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from coverage_digest.story import similarity
from coverage_digest.story import support as support_module
from coverage_digest.story.similarity import content_terms
from coverage_digest.story.support import SentenceRef, find_support, link_kind
from coverage_digest.text.sentences import split_article
from support import article_from_text, seed_articles

RIVER = (
    "The Orvale river burst its banks on Tuesday, flooding 240 homes in the town of Kestrin. "
    "Mayor Ada Lind ordered the evacuation of the old harbour district. "
    "A bakery owner said the water rose faster than anyone expected."
)
REWRITE = (
    "Flooding hit 240 homes in Kestrin on Tuesday after the Orvale river burst its banks. "
    "The evacuation of the old harbour district was ordered by Mayor Ada Lind. "
    "Local schools will stay closed until the pumps have cleared the streets."
)
COPY = (
    "The Orvale river burst its banks on Tuesday, flooding 240 homes in the town of Kestrin. "
    "Insurers expect claims to run into the millions."
)


def story(*texts: str):
    articles = tuple(article_from_text(f"a{k}", text) for k, text in enumerate(texts))
    return articles, {a.id: split_article(a) for a in articles}


def test_rewritten_and_copied_sentences_are_linked_with_their_kind():
    articles, sentences = story(RIVER, REWRITE, COPY)
    result = find_support(articles, sentences)
    first = result.for_article("a0").sentences[0]
    kinds = {link.target.article_id: (link.target.index, link.kind) for link in first.links}
    assert kinds == {"a1": (0, "rewrite"), "a2": (0, "verbatim")}
    assert first.article_ids[0] == "a2"  # best match first
    assert all(link.source == SentenceRef("a0", 0) for link in first.links)


def test_shared_and_unique_sentences():
    articles, sentences = story(RIVER, REWRITE, COPY)
    result = find_support(articles, sentences)
    assert result.for_article("a0").shared == (0, 1)
    assert result.for_article("a0").unique == (2,)  # only the first outlet quotes the bakery owner
    assert result.for_article("a1").unique == (2,)
    assert result.for_article("a2").unique == (1,)


def test_same_names_without_the_same_fact_are_not_linked():
    articles, sentences = story(
        "Prime Minister Jane Doe met the union leaders in Velmar on Monday.",
        "Prime Minister Jane Doe opened a children's hospital in Velmar.",
    )
    assert find_support(articles, sentences).links() == ()


def test_support_is_deterministic_and_empty_articles_are_fine():
    articles, sentences = story(RIVER, REWRITE, "Placeholder.")
    sentences["a2"] = ()  # an article without sentences (an empty file never becomes an article)
    assert find_support(articles, sentences) == find_support(articles, sentences)
    assert find_support(articles, sentences).for_article("a2").sentences == ()
    assert find_support((), {}).articles == ()


def test_content_terms_drop_stop_words_and_keep_numbers():
    assert content_terms("The 1,200 talks were collapsing, officials said.") == ["1200", "talk", "collaps", "official"]


def test_terms_read_word_by_word_as_one_pass_over_the_text_did():
    """The per-word memo: possessives, curly apostrophes, numbers with stops, stems, repeats, stop words."""
    text = "The Mayor’s 3.5 plans, the mayor's plans: U.S. envoys' talks, talks and a U-turn. Talks!"
    expected = [
        "mayor",
        "3.5",
        "plan",
        "mayor",
        "plan",
        "envoy",
        "talk",
        "talk",
        "u-turn",
        "talk",
    ]  # "us" is a stop word
    assert content_terms(text) == expected
    assert similarity.normalise("The Mayor’s  U.S. plan, ÉTÉ") == "the mayor's u.s plan été"
    assert similarity.name_terms(["Talks began in Kestrin.", "Mayor Ada Lind left."]) == {
        "kestrin",
        "mayor",
        "ada",
        "lind",
    }


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Hamas left the talks in Cairo on Sunday.", "Hamas left the talks in Cairo on Sunday!", "verbatim"),
        ("Hamas left the talks in Cairo on Sunday.", "On Sunday the Hamas envoys quit Cairo.", "rewrite"),
    ],
)
def test_link_kind(a, b, kind):
    assert link_kind(a, b) == kind


def test_common_terms_do_not_propose_candidates(monkeypatch):
    """Above POSTING_CAP a term proposes no pairs, so big stories never compare all sentences."""
    articles, sentences = story(*(f"Storm {word} battered the coast." for word in ("alpha", "beta", "gamma", "delta")))
    assert len(find_support(articles, sentences).links()) > 0
    monkeypatch.setattr(similarity, "POSTING_CAP", 3)
    matrix = similarity.vectorize([s.text for a in articles for s in sentences[a.id]])
    rows, _ = similarity.candidate_pairs(matrix, np.arange(4), 0.0)
    assert len(rows) == 0


def test_seed_rewrite_is_supported_sentence_by_sentence():
    articles = seed_articles()
    sentences = {a.id: split_article(a) for a in articles}
    original, rewrite = articles[0].id, articles[1].id
    links = find_support(articles, sentences).for_article(rewrite).sentences
    assert [link.target.index for link in links[0].links if link.target.article_id == original] == [0]
    assert [link.target.index for link in links[1].links if link.target.article_id == original] == [1]
    assert all(dataclasses.is_dataclass(s) for s in links)


def test_best_per_article_keeps_the_best_match_in_each_other_article():
    groups = np.array([0, 1, 1, 2])
    rows, cols = np.array([0, 0, 0, 1]), np.array([1, 2, 3, 3])
    cosines = np.array([0.5, 0.5, 0.9, 0.2])  # rows 1 and 2 tie for row 0: the earlier one wins
    here, there, cos = support_module.best_per_article(rows, cols, cosines, groups, 0.3)
    assert list(zip(here.tolist(), there.tolist(), cos.tolist(), strict=True)) == [
        (0, 3, 0.9),
        (0, 1, 0.5),
        (1, 0, 0.5),
        (2, 0, 0.5),
        (3, 0, 0.9),
    ]


def test_link_kinds_agree_with_link_kind():
    texts = [RIVER.split(". ")[0], COPY.split(". ")[0], REWRITE.split(". ")[0], "Hamas left the talks."]
    here, there = np.array([0, 0, 1, 2, 3]), np.array([1, 2, 2, 3, 0])
    cosines = np.array([0.95, 0.7, 0.5, 0.65, 0.61])
    kinds = support_module.link_kinds(texts, here, there, cosines)
    expected = [link_kind(texts[i], texts[j], c) == "verbatim" for i, j, c in zip(here, there, cosines, strict=True)]
    assert kinds.tolist() == expected == [True, False, False, False, False]


def test_vectorize_is_shared_between_callers_and_read_only():
    texts = ["Storm hit the coast.", "The storm hit the coast on Monday."]
    matrix = similarity.vectorize(texts)
    assert similarity.vectorize(list(texts)) is matrix
    with pytest.raises(ValueError):
        matrix.data[0] = 2.0


def test_a_sentence_copied_everywhere_keeps_its_best_links_and_counts_the_rest():
    """Stored links stay bounded per sentence; the count, the weight and sentence_links still see every article."""
    copies = support_module.MAX_LINKS + 4
    articles, sentences = story(*[RIVER] * (copies + 1))
    result = find_support(articles, sentences)
    first = result.for_article("a0").sentences[0]
    assert len(first.links) == support_module.MAX_LINKS
    assert first.count == copies and first.more == 4
    assert first.weight == pytest.approx(sum(1.0 for _ in range(copies)), abs=1e-3)
    every = support_module.sentence_links(articles, sentences, [first.ref])[first.ref]
    assert len(every) == copies
    assert every[: support_module.MAX_LINKS] == first.links  # the kept links are the best of all, in the same order
    item = result.for_article("a0")
    assert item.partner_count == copies and len(item.partners) == min(copies, support_module.MAX_PARTNERS_KEPT)
    assert item.partners[0] == ("a1", 3)  # every sentence of a0 is in a1 (ties: story order)


def test_sentence_links_agree_with_find_support_below_the_cap():
    articles, sentences = story(RIVER, REWRITE, COPY)
    result = find_support(articles, sentences)
    refs = [s.ref for item in result.articles for s in item.sentences]
    every = support_module.sentence_links(articles, sentences, refs)
    assert {ref: every[ref] for ref in refs} == {s.ref: s.links for item in result.articles for s in item.sentences}


def test_one_article_story_has_the_support_of_an_unlinked_article():
    """A story of one article skips the vectors, and gives exactly what an article linked to nothing gets
    (down to the type of its zero weights, as JSON prints them)."""
    articles, sentences = story(RIVER, "Markets in Lisbon opened higher on strong bank earnings today.")
    alone = find_support(articles[:1], sentences)
    assert repr(alone.articles[0]) == repr(find_support(articles, sentences).articles[0])
    refs = [SentenceRef("a0", 0), SentenceRef("a0", 1)]
    assert support_module.sentence_links(articles[:1], sentences, refs) == {ref: () for ref in refs}


def test_unit_rows_and_dots_are_the_sparse_products_to_the_bit():
    from coverage_digest.story.summary import _dots

    texts = [s.text for a in seed_articles() for s in split_article(a)]
    fitted = similarity._fit(tuple(texts))
    assert fitted is not None
    matrix, features, _ = fitted
    boost = np.array([1.5 if k % 3 == 0 else 1.0 for k in range(len(features))])
    fast, slow = similarity._unit_rows(matrix, boost), similarity._unit_rows_sparse(matrix, boost)
    for name in ("data", "indices", "indptr"):
        assert getattr(fast, name).tobytes() == getattr(slow, name).tobytes()
    for row in range(0, fast.shape[0], 7):
        assert _dots(fast, row).tobytes() == np.asarray((fast @ fast[row].T).todense()).ravel().tobytes()
