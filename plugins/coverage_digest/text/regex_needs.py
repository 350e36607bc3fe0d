"""What text a regular expression needs before it can match: a cheap literal test that lets a substitution be skipped.

pysbd applies about 120 substitutions to each paragraph it splits, most of which find nothing: many need a marker
character of its own ("∯", "&⎋&"), a word ("Co", "KG") or one of a few marks ("!" or "?") that the text does not
contain. `needs` reads a pattern's parsed form and returns what every match must contain (in the matched text or in
a positive lookaround, which must match the text too): a list of requirements, each a tuple of literals of which the
text must hold at least one. A text missing a requirement cannot match, so `re.sub` would return it unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

Needs = tuple[tuple[str, ...], ...]  # every requirement met (each: any one of its literals in the text)

_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op)
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)


@lru_cache(maxsize=8192)
def needs(pattern: Any, flags: int = 0) -> Needs:
    """What every match of `pattern` needs in the text; () when nothing is known for sure (a pattern that ignores
    case, a bytes pattern, or one made only of classes, optional parts and the like)."""
    if not isinstance(pattern, str):
        return ()
    try:
        if re.compile(pattern, flags).flags & re.IGNORECASE:
            return ()
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return ()
    return tuple(dict.fromkeys(_sequence(list(parsed))))


def _sequence(items: list) -> list[tuple[str, ...]]:
    """The requirements of a sequence of parsed nodes: each run of literals, and what its parts need."""
    found: list[tuple[str, ...]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if op in _REPEATS and arg[0] >= 1 and len(arg[2]) == 1 and arg[2][0][0] is sre.LITERAL:  # "\.{3}", "-+"
            run += chr(arg[2][0][1]) * arg[0]  # at least its least number of copies, which the run goes on with
            if arg[0] == arg[1]:
                continue
        if run:
            found.append((run,))
        run = ""
        found += _part(op, arg)
    if run:
        found.append((run,))
    return found


def _part(op: Any, arg: Any) -> list[tuple[str, ...]]:
    """The requirements of one parsed node other than a literal."""
    if op in _REPEATS:  # repeated at least once: what one repetition needs
        return _sequence(list(arg[2])) if arg[0] >= 1 and not (len(arg[2]) == 1 and arg[2][0][0] is sre.LITERAL) else []
    if op is sre.SUBPATTERN:  # a group (not one that ignores case)
        return [] if arg[1] & re.IGNORECASE else _sequence(list(arg[3]))
    if op is _ATOMIC:
        return _sequence(list(arg))
    if op is sre.ASSERT:  # a positive lookahead or lookbehind matches the text too
        return _sequence(list(arg[1]))
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in arg):  # one of a few characters: [!?]
        return [tuple(chr(code) for _, code in arg)]
    if op is sre.BRANCH:  # one of the alternatives: each must need something, then one of those is needed
        firsts = [_sequence(list(alternative)) for alternative in arg[1]]
        if all(firsts):
            return [tuple(dict.fromkeys(literal for first in firsts for literal in first[0]))]
    return []  # anything else (a class, a negative lookaround, a back reference) requires nothing known


def may_match(needed: Needs, text: str) -> bool:
    """Whether a text meets every requirement of a pattern (False: the pattern cannot match it)."""
    for requirement in needed:
        for literal in requirement:
            if literal in text:
                break
        else:
            return False
    return True
