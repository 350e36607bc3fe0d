"""Sentence splitting: offsets, abbreviations, quotes, and the fast path for one-sentence paragraphs."""

from __future__ import annotations

import itertools

import pytest

from coverage_digest.text import sentences as sentences_module
from coverage_digest.text.sentences import is_one_sentence, split_article, split_spans
from support import article_from_text


def texts(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in split_spans(paragraph)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Mr. Smith went to Washington. He arrived late.", ["Mr. Smith went to Washington.", "He arrived late."]),
        ("U.S. troops left on Monday. Others stayed.", ["U.S. troops left on Monday.", "Others stayed."]),
        ("The talks began on Oc. 7 in Cairo. They failed.", ["The talks began on Oc. 7 in Cairo.", "They failed."]),
        ("“We will stay.” The mayor left.", ["“We will stay.”", "The mayor left."]),
        ("One sentence without a full stop", ["One sentence without a full stop"]),
        ("  Padded sentence.  ", ["Padded sentence."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_spans(paragraph, expected):
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "one"),
    [
        ("The river burst its banks on Tuesday.", True),
        ("Troops left (Reuters) on Monday", True),
        ("Wait...", True),
        ("Two sentences. Here.", False),
        ("Mr. Smith left.", False),
        ("It ended..", False),
        ("We are at a fork in the road.”", False),  # pysbd splits a closing quote it has no opening for
        ("See (a) and (b) here", False),  # list markers
        ("“Go,’” he said", False),  # runs of quote marks
        ("Colon: then more", False),
    ],
)
def test_is_one_sentence_is_conservative(paragraph, one):
    assert is_one_sentence(paragraph) is one


@pytest.mark.parametrize(
    "paragraph",
    [
        "The river burst its banks on Tuesday.",
        "No punctuation at all",
        "“We will fight on,” the minister said in a statement on Sunday.",
        "It rose by 5% to $1,200 in (early) trading!",
        "Trailing spaces here.   ",
    ],
)
def test_fast_path_agrees_with_pysbd(paragraph):
    assert is_one_sentence(paragraph)
    assert split_spans(paragraph) == list(_pysbd_spans(paragraph))


def _pysbd_spans(text: str):
    """What the splitter gives when the fast path is bypassed."""
    spans = [(p.start, p.end) for p in sentences_module._segmenter().segment(text)]
    return [sentences_module._trim(text, s, e) for s, e in spans if text[s:e].strip()]


def test_split_article_offsets_point_into_the_article_text():
    article = article_from_text("a0", "First one. Second one.\n\nA new paragraph without a stop")
    found = split_article(article)
    assert [s.text for s in found] == ["First one.", "Second one.", "A new paragraph without a stop"]
    assert [s.index for s in found] == [0, 1, 2]
    assert [s.paragraph for s in found] == [0, 0, 1]
    assert all(article.text[s.start : s.end] == s.text for s in found)


def test_split_spans_returns_a_fresh_list_each_time():
    first = split_spans("Cached paragraph. Twice.")
    first.append((0, 0))
    assert split_spans("Cached paragraph. Twice.") == [(0, 17), (18, 24)]


def test_a_long_paragraph_reaches_the_splitter_in_bounded_pieces(monkeypatch):
    """The splitter's cost grows faster than its input's length: what it is given must stay bounded, whatever the
    paragraph's length or shape, so that splitting stays linear (counted, not timed)."""
    from coverage_digest.text import sentences as sentences_module

    given: list[int] = []
    real = sentences_module._segmenter()

    class Counting:
        def segment(self, text):
            given.append(len(text))
            return real.segment(text)

    monkeypatch.setattr(sentences_module, "_segmenter", lambda: Counting())
    prose = "The minister said the talks would resume on Monday. Officials in the capital agreed. " * 3000
    for text in (prose, "word " * 100_000, "x" * 50_000, prose.replace(" ", "\n")):
        given.clear()
        sentences_module._split_spans.cache_clear()
        spans = split_spans(text)
        assert max(given, default=0) <= sentences_module.CHUNK and sum(given) <= len(text)
        assert all(text[s:e].strip() for s, e in spans) and spans == sorted(spans)
    assert len(split_spans(prose)) == 6000  # cut only at sure sentence ends: every sentence is still found


def test_paragraphs_of_news_length_are_split_as_they_always_were():
    from coverage_digest.text import sentences as sentences_module

    text = "He said so. " * 300  # 3,600 characters: under the limit, one piece
    assert sentences_module.chunks(text) == [(0, text)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mr. Smith went to Washington. He arrived late. Mr. Smith went to Washington.",  # a sentence seen twice
        "U.S. troops left on Oct. 7, officials said. “We will stay.”  The mayor left.\u00a0Then rain.",
        "Yes. Yes. Yes.   Yes.",  # the same sentence back to back: each found after the one before
        "He said: “It was over.” She said: “No.” Dr. Ruiz, of St. Mary's, disagreed.",
        "Prices rose 3.5 per cent. The U.K. and the E.U. differ\u2029on this. (a) one. (b) two.",
        "Gen. Smith met me at No. 5 Main St. at 3 p.m. on Sept. 11, e.g. after lunch. Also Smith et al. came.",
        "Al. Gore and AL. Green, Me. and MR. Bean (Mr. Bean) left. Meeting at al. 3, Fig. 2 shows it.",
        "\u0130stanbul's Mr. \u0130nce won. The \u212aelvin and \u017f case: Mr. Smith, \u0131nc. left. Gen. Lee came.",
    ],
)
def test_offsets_by_string_search_equal_pysbds_own(paragraph):
    """The segmenter finds each sentence by str.find and skips abbreviations it could replace nothing for; pysbd's
    own English rules and regex search give the very same sentences and spans."""
    ours = sentences_module._segmenter()
    theirs = sentences_module.pysbd.Segmenter(language="en", clean=False, char_span=True)
    spans = [(s.sent, s.start, s.end) for s in ours.segment(paragraph)]
    assert spans == [(s.sent, s.start, s.end) for s in theirs.segment(paragraph)]


@pytest.fixture
def pristine_pysbd(monkeypatch):
    """Split with pysbd exactly as installed: its own `re`, rule applier and list replacer (ours patches them in
    place, so they are put back only for the call)."""
    import re
    import sys

    import pysbd.lists_item_replacer
    import pysbd.processor
    import pysbd.utils

    sentences_module._segmenter()  # patched first, so that the patches are the ones undone here

    def split(text: str) -> list[tuple[str, int, int]]:
        with monkeypatch.context() as patch:
            for name, module in list(sys.modules.items()):
                if name.startswith("pysbd") and isinstance(getattr(module, "re", None), sentences_module._CachedRe):
                    patch.setattr(module, "re", re)
            patch.setattr(pysbd.utils.Text, "apply", sentences_module.PYSBD_APPLY)
            patch.setattr(pysbd.processor, "ListItemReplacer", pysbd.lists_item_replacer.ListItemReplacer)
            segmenter = pysbd.Segmenter("en", clean=False, char_span=True)
            return [(s.sent, s.start, s.end) for s in segmenter.segment(text)]

    return split


@pytest.mark.parametrize(
    "paragraph",
    [
        "Steps: 1. Open the door. 2. Walk in. 3. Sit down. Then rest.",
        "He listed (a) the budget, (b) the roads and (c) the schools. She agreed.",
        "Options were a. tea b. coffee c. water. None was chosen.",
        "Chapters (i) and (ii) were cut. Chapter (iv) Stayed. 1) first 2) second.",
        "It rose 2.5 per cent in 10. Dr. Lee and Gen. Ford met in St. Louis on Oct. 7 at 9 a.m. Prof. Li said no.",
        "The general said so. Also Al. Gore, me. and no. 5 were there. Mr.Smith left. J. R. Smith came (p. 4).",
        "He said “Stop. Now.” and left. She wrote 'Go. Run.' [Ed. note: no.] -- Yes. No. -- «Oui. Non.»",
        "Then ‘A. B.’ came (c. 1900.) and left.",
        "He moved to the U.S. He said so. Then the U.K. However failed. Plan I. In it, E.U. For all?! Wow!!! End.",
        "Siemens Co. KG met at 5 p.m. Tuesday. Yahoo! News said so. Really?! Yes... See fig. 3 and file.pdf now.",
    ],
)
def test_our_shortcuts_split_as_pristine_pysbd(paragraph, pristine_pysbd):
    """The skipped list patterns, the pruned abbreviation search, the precompiled rules and the rules skipped for a
    literal they need change no sentence."""
    ours = [(s.sent, s.start, s.end) for s in sentences_module._segmenter().segment(paragraph)]
    assert ours == pristine_pysbd(paragraph)
    assert sentences_module.pysbd.utils.Text.apply is not sentences_module.PYSBD_APPLY  # ours is back in place


def test_list_and_abbreviation_prefilters_see_what_the_patterns_need():
    assert sentences_module._LIST_NUMBER.search("see 1. the") and sentences_module._LIST_NUMBER.search("2) x")
    assert not sentences_module._LIST_NUMBER.search("It rose 2.5 per cent in 2024.")
    assert sentences_module._LIST_LETTER.search("options a. tea") and not sentences_module._LIST_LETTER.search("tea.")
    assert sentences_module._WORD_BEFORE_STOP.findall("mr. smith, the general. no.5 al.") == [
        "mr",
        "general",
        "no",
        "al",
    ]  # not "al" of "general"


def test_pysbds_patterns_are_compiled_once():
    import pysbd.abbreviation_replacer as replacer

    sentences_module._segmenter()
    assert isinstance(replacer.re, sentences_module._CachedRe)
    compiled = sentences_module._CachedRe.compile
    paragraph = "Mr. Smith met Dr. Jones at 5 p.m. in the U.S. capital. They spoke."
    sentences_module._split_spans.cache_clear()
    texts(paragraph)
    misses, hits = compiled.cache_info().misses, compiled.cache_info().hits
    sentences_module._split_spans.cache_clear()  # split again: every pattern comes from the cache
    texts(paragraph)
    assert compiled.cache_info().misses == misses and compiled.cache_info().hits > hits


def test_one_sentence_check_equals_its_single_pattern_form():
    """is_one_sentence searches _MAYBE_BOUNDARY's alternatives one by one and strips the final mark by hand: the
    same answer as the one pattern and _TERMINAL, on every string of up to 4 of the characters that matter."""
    alphabet = 'a.!?… )"”(\n;'
    for size in range(5):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            stripped = text.strip()
            assert sentences_module._without_terminal(stripped) == sentences_module._TERMINAL.sub("", stripped)
            expected = not sentences_module._MAYBE_BOUNDARY.search(sentences_module._TERMINAL.sub("", stripped))
            assert is_one_sentence(text) is expected, text
