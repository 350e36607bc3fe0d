"""What text a regular expression needs before it can match: a cheap literal test that lets a substitution be skipped.

pysbd applies about 120 substitutions to each paragraph it splits, most of which find nothing: many need a marker
character of its own ("∯", "&⎋&") or a word ("Co", "KG") that the text does not contain. `needs` reads a pattern's
parsed form and returns the literal runs every match must contain (in the matched text or in a positive lookaround,
which must match the text too); a text missing any of them cannot match, so `re.sub` would return it unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op)
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)


@lru_cache(maxsize=8192)
def needs(pattern: Any, flags: int = 0) -> tuple[str, ...]:
    """Literal strings that every match of `pattern` needs in the text; () when none is known for sure (a pattern
    that ignores case, a bytes pattern, or one made only of classes, branches and optional parts)."""
    if not isinstance(pattern, str):
        return ()
    try:
        if re.compile(pattern, flags).flags & re.IGNORECASE:
            return ()
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return ()
    found: list[str] = []
    _sequence(list(parsed), found)
    return tuple(dict.fromkeys(run for run in found if run))


def _sequence(items: list, found: list[str]) -> None:
    """Add the literal runs of a sequence of parsed nodes that any match of the whole sequence contains."""
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        found.append(run)
        run = ""
        if op in _REPEATS and arg[0] >= 1:  # repeated at least once: what one repetition needs
            _sequence(list(arg[2]), found)
        elif op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:  # a group (not one that ignores case)
            _sequence(list(arg[3]), found)
        elif op is _ATOMIC:
            _sequence(list(arg), found)
        elif op is sre.ASSERT:  # a positive lookahead or lookbehind matches the text too
            _sequence(list(arg[1]), found)
        # anything else (a branch, a class, a negative lookaround, a back reference) requires nothing known
    found.append(run)


def may_match(needed: tuple[str, ...], text: str) -> bool:
    """Whether a text holds every literal a pattern needs (False: the pattern cannot match it)."""
    for literal in needed:  # noqa: SIM110 (a loop: `all` over a generator costs more, on 270,000 calls)
        if literal not in text:
            return False
    return True
