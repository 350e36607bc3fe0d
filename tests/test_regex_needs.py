"""The literal pre-test that lets pysbd's substitutions be skipped: what a pattern needs, and that it is sound."""

from __future__ import annotations

import re

import pytest

from coverage_digest.text import sentences as sentences_module
from coverage_digest.text.regex_needs import may_match, needs


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"(?<=Co)\.(?=\sKG)", (("Co",), (".",), ("KG",))),
        (r"(?<= P∯M)∯(?=\s[A-Z])", ((" P∯M",), ("∯",))),
        ("&⎋&", (("&⎋&",),)),
        (r"\b[a-z](?:\.[a-z])+[.]", ((".",),)),
        (r"(ab)*c", (("c",),)),
        (r"(?<=\S)\.{3}(?=\.\s)", (("...",), (".",))),  # an exact count of one literal goes on with the run
        (r"ab-{2,}cd", (("ab--",), ("cd",))),  # a least count: the run stops after it
        (r"x\.?y", (("x",), ("y",))),
        (r"a?b", (("b",),)),
        (r"(?!xy)z", (("z",),)),  # a negative lookahead needs nothing
        (r"(?<=\S)(!|\?){3,}", (("!", "?"),)),  # one of the two marks
        ("!Xũ|Yahoo!|Y!J", (("!Xũ", "Yahoo!", "Y!J"),)),  # one of the alternatives' literals
        (r"(U∯S|I|i.v)∯", (("U∯S", "I", "i"), ("∯",))),
        (r"(a|b*)c", (("c",),)),  # an alternative that needs nothing: the branch needs nothing
        (r"[^ab]x", (("x",),)),  # a negated class needs nothing
        (r"a(?i:bc)d", (("a",), ("d",))),  # the part that ignores case needs nothing
        (r"(?i)abc", ()),
        (r"[a-c]+", ()),
        ("(unbalanced", ()),  # not a pattern: nothing known, the substitution runs (and raises) as before
    ],
)
def test_needs_reads_the_literals_every_match_contains(pattern, needed):
    assert needs(pattern) == needed


def test_needs_ignores_bytes_and_flags_that_ignore_case():
    assert needs(b"abc") == ()
    assert needs("abc", re.IGNORECASE) == ()
    assert needs("abc") == (("abc",),)


def _pysbd_patterns() -> list[str]:
    """Every rule pattern pysbd applied while splitting a few awkward paragraphs."""
    sentences_module._RULE_PATTERNS.clear()
    sentences_module._split_spans.cache_clear()
    for text in (
        "Mr. Smith met Dr. Jones at 5 p.m. in the U.S. capital. They spoke! Really?! Yes...",
        'He said "Stop. Now." and left (see p. 4). Co. KG sold 1. cars 2. vans. Yahoo! News said no.',
    ):
        sentences_module.split_spans(text)
    return [str(p) for p in sentences_module._RULE_PATTERNS]


def test_a_text_without_what_a_pattern_needs_never_matches_it():
    """Soundness on pysbd's own rules: whenever the pre-test says no, the pattern indeed finds nothing."""
    texts = [
        "Mr. Smith met Dr. Jones at 5 p.m. in the U.S. capital.",
        "∯ &⎋& P∯M ∯ a∯m Co. KG ♟♟♟♟♟♟♟ ƪƪƪ",
        'He said "Stop. Now." (see p. 4) [1] -- «Oui» ‘A’ “B” 1. 2) iii. ...',
        "no punctuation at all",
        "Really?! Yes!!! Yahoo! News, ǃKung and Yum! Brands. A.M. P∯M",
    ]
    patterns = _pysbd_patterns()
    assert len(patterns) > 50
    for pattern in patterns:
        for text in texts:
            if not may_match(needs(pattern), text):
                assert re.search(pattern, text) is None, (pattern, text)
