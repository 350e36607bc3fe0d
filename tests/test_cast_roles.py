"""The cast's role readers: a role noun just before a name, an appositive after it (invented sentences)."""

from __future__ import annotations

import re

import pytest

from coverage_digest.text import cast


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The campaign manager Ada Lind spoke.", "Ada Lind", "The campaign manager"),
        ("Talks began, said party leader Bo Strand.", "Bo Strand", "party leader"),
        ("Talks began, said Bo Strand.", "Bo Strand", None),  # no role noun before the name
        ("The spokesman\u00a0Bo Strand left.", "Bo Strand", "The spokesman"),  # any whitespace before the name
        ("The spokesman(Bo Strand) left.", "Bo Strand", None),  # no space before the name: no match
    ],
)
def test_role_before_a_name_is_what_the_pattern_alone_finds(text, name, role):
    """The quick ending test only skips windows the pattern cannot match."""
    start = text.index(name)
    window = text[max(0, start - 80) : start]
    expected = cast._ROLE_BEFORE.search(window)
    assert (expected is not None) == (role is not None)
    assert cast._role_before(text, start) == role


def test_role_endings_are_the_role_nouns_as_literals():
    assert cast._ROLE_ENDINGS is not None and set(cast._ROLE_ENDINGS) == set(cast.ROLE_NOUNS)
    assert all(re.fullmatch(re.escape(n), n) for n in cast._ROLE_ENDINGS)


def test_appositive_reads_from_the_name_s_end_to_the_text_s_end():
    text = "It was Ada Lind, the director of the port authority"
    assert cast._appositive(text, text.index(",")) == "the director of the port authority"
    assert cast._appositive("Ada Lind, the tall one, left.", 8) is None  # no role or body noun in it
