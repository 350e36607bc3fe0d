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
        if run:
            found.append((run,))
        run = ""
        if op in _REPEATS and arg[0] >= 1:  # repeated at least once: what one repetition needs
            found += _sequence(list(arg[2]))
        elif op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:  # a group (not one that ignores case)
            found += _sequence(list(arg[3]))
        elif op is _ATOMIC:
            found += _sequence(list(arg))
        elif op is sre.ASSERT:  # a positive lookahead or lookbehind matches the text too
            found += _sequence(list(arg[1]))
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in arg):  # one of a few characters: [!?]
            found.append(tuple(chr(code) for _, code in arg))
        elif op is sre.BRANCH:  # one of the alternatives: each must need something, then one of those is needed
            firsts = [_sequence(list(alternative)) for alternative in arg[1]]
            if all(firsts):
                found.append(tuple(dict.fromkeys(literal for first in firsts for literal in first[0])))
        # anything else (a class, a negative lookaround, a back reference) requires nothing known
    if run:
        found.append((run,))
    return found


def may_match(needed: Needs, text: str) -> bool:
    """Whether a text meets every requirement of a pattern (False: the pattern cannot match it)."""
    for requirement in needed:
        for literal in requirement:
            if literal in text:
                break
        else:
            return False
    return True
