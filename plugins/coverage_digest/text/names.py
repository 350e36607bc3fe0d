"""Names and the forms papers print them in: one Unicode-aware tokeniser, titles stripped, nicknames, initials and
surname-only mentions joined to the person. The one resolver of the digest: an article's cast (text/cast.py), the
story's speakers (`canonical_speakers`, quote matching) and the mentions table (story/mentions.py) all use it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    BODY_NOUNS,
    BODY_WORDS,
    MEDIA_WORDS,
    NICKNAMES,
    PERSON_TITLES,
    PERSONAL_TITLES,
    PLACE_FIRST_WORDS,
    ROLE_NOUNS,
    TITLE_WORDS,
)


def words_of(text: str) -> frozenset[str]:
    """The set of whitespace-separated words of a lexicon written as text."""
    return frozenset(text.split())


MASK = "\x00"  # quotations are masked with this so that names inside them are never taken for the writer's
# A word of a name in any script ("Émile", "Ōsaka", "Łódź"): a letter, then letters, digits, apostrophes, hyphens,
# periods. Capitalisation is read with str.isupper, which knows every script's capitals. Combining accents
# (decomposed "José") stay in the word, and so does a letter whose UTF-8 bytes were decoded as Latin-1 ("FranÃ§ois",
# "PeÃ±a": Ã or Â, composed or not, then signs of U+0080-U+00BF).
NAME_WORD = re.compile(r"[^\W\d_](?:[\w'’\-.\u0300-\u036f]|(?<=[ÃÂ\u0300-\u036f])[\u0080-\u00bf]+)*")

_TOKEN = re.compile(r"[^\s]+")
_SURNAME_END = re.compile(r"(?:['’]s?|\.)$")
_POSSESSIVE = re.compile(r"['’]s?$")
# The functions of a name's string alone below are memoised: an article's cast reads each of its names several times
# (97,812 readings of 2,077 real articles), and names recur across articles and in the story stages.
_MEMO = 65536


@dataclass(frozen=True, slots=True)
class Name:
    """A mention of a name split into the title written before it and the name itself."""

    title: str | None
    name: str

    @property
    def surname(self) -> str:
        """The last word of the name, possessive stripped, lower case."""
        return surname(self.name)


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person or body quoted in a story, under its canonical name."""

    name: str
    kind: str  # "person", "body" or "unnamed"
    aliases: tuple[str, ...]  # every way an article wrote it
    roles: tuple[str, ...]  # roles as written


@lru_cache(maxsize=_MEMO)
def surname(name: str) -> str:
    """The last word of a name, possessive and final period stripped, lower case."""
    words = name.split()
    if not words:
        return ""
    return _SURNAME_END.sub("", words[-1]).lower()


@lru_cache(maxsize=_MEMO)
def split_title(chunk: str) -> Name:
    """Split "Israel Prime Minister Benjamin Netanyahu" into its title and "Benjamin Netanyahu"."""
    words = _TOKEN.findall(chunk)
    last_title = -1
    for index, word in enumerate(words[:-1]):
        if _bare(word) in TITLE_WORDS or (word == "of" and index == last_title + 1 and last_title >= 0):
            last_title = index  # "Chief of Staff Denis McDonough", "Republican of West Virginia"
    title = " ".join(words[: last_title + 1]) or None
    return Name(title, " ".join(words[last_title + 1 :]))


@lru_cache(maxsize=_MEMO)
def _bare(word: str) -> str:
    return word.lower().rstrip(".,") if word.lower() not in {"u.s.", "u.n."} else word.lower()


@lru_cache(maxsize=_MEMO)
def strip_possessive(text: str) -> str:
    """Drop a final 's or ’ from a name."""
    return _POSSESSIVE.sub("", text)


@lru_cache(maxsize=_MEMO)
def is_body_name(name: str) -> bool:
    """Say whether a name (without title) names an organisation or place."""
    words = name.split()
    if not words:
        return False
    return _bare(words[-1]) in BODY_WORDS or _bare(words[0]) in PLACE_FIRST_WORDS or (name.isupper() and len(name) > 1)


def has_person_title(title: str | None) -> bool:
    """Say whether a title makes the mention a person's."""
    return bool(title) and any(_bare(w) in PERSON_TITLES for w in (title or "").split())


def title_gender(title: str | None) -> str | None:
    """The gender an honorific gives ("m" or "f"), if any."""
    for word in (title or "").split():
        if _bare(word) in PERSONAL_TITLES:
            return PERSONAL_TITLES[_bare(word)]
    return None


def given_names_agree(a: str, b: str) -> bool:
    """Say whether two names with the same surname can name the same person (initials and nicknames allowed)."""
    first_a, first_b = _given(a), _given(b)
    if not first_a or not first_b:
        return True
    first_a, first_b = NICKNAMES.get(first_a, first_a), NICKNAMES.get(first_b, first_b)
    if first_a == first_b:
        return True
    return (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]


def is_nickname(given: str) -> bool:
    """Say whether a given name is a familiar form ("Bibi", "Bill"): the formal one names the person."""
    return given.lower().rstrip(".") in NICKNAMES


def same_person(a: str, b: str) -> bool:
    """Say whether two written names can name one person: same surname, given names agreeing (nicknames,
    initials), or one name ending the other ("Democrat Doug Jones" / "Doug Jones")."""
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b or surname(a) != surname(b):
        return False
    if words_a[-len(words_b) :] == words_b or words_b[-len(words_a) :] == words_a:
        return True
    return given_names_agree(a, b)


def is_acronym(word: str) -> bool:
    """Say whether a word is an acronym ("IDF", "U.N."): it may stand for a body's full name."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def initials_of(words: tuple[str, ...]) -> str:
    """The initials of a name's capitalised words ("Israel Defense Forces" -> "IDF")."""
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in {"of", "the", "and", "for"})


def _given(name: str) -> str:
    words = name.split()
    return words[0].lower().rstrip(".") if len(words) > 1 else ""


def canonical_speakers(mentions: Iterable[tuple[str, str, str | None, str | None]]) -> dict[str, Speaker]:
    """Group (speaker, kind, as written, role) mentions of one story; map every speaker string to its entry."""
    items = sorted(set(mentions), key=lambda m: (m[0], m[1], m[2] or "", m[3] or ""))
    groups: dict[tuple[str, str], list[tuple[str, str, str | None, str | None]]] = defaultdict(list)
    persons = [m for m in items if m[1] == "person"]
    full_names = Counter(split_title(m[0]).name for m in persons if len(split_title(m[0]).name.split()) > 1)
    for item in items:
        groups[_group_key(item, full_names)].append(item)
    out: dict[str, Speaker] = {}
    for (kind, _key), members in sorted(groups.items()):
        name = _best_name([m[0] for m in members], full_names) if kind == "person" else members[0][0]
        aliases = tuple(sorted({m[2] or m[0] for m in members}))
        roles = tuple(sorted({m[3] for m in members if m[3]}))
        speaker = Speaker(name=name, kind=kind, aliases=aliases, roles=roles)
        for member in members:
            out[member[0]] = speaker
    return out


def _group_key(item: tuple[str, str, str | None, str | None], full_names: Counter) -> tuple[str, str]:
    speaker, kind = item[0], item[1]
    if kind != "person":
        return kind, speaker.lower()
    name = split_title(speaker).name
    family = surname(name)
    # The full name it agrees with, most frequent first: surname-only and nickname mentions join it.
    candidates = sorted(
        (f for f in full_names if surname(f) == family and given_names_agree(f, name)),
        key=lambda f: (-full_names[f], f),
    )
    return kind, _given(candidates[0]) + " " + family if candidates else family


def _best_name(names: list[str], full_names: Counter) -> str:
    bare = [split_title(n).name for n in names]
    known = [n for n in bare if n in full_names]
    if known:
        return max(sorted(set(known)), key=lambda n: (full_names[n], len(n)))
    return max(sorted(set(bare)), key=len)


def is_role_phrase(phrase: str) -> bool:
    """Say whether a description names a role ("the prime minister", "the terrorist group")."""
    found = re.findall(r"[a-z\-]+", phrase.lower())
    return bool(found) and (found[-1] in ROLE_NOUNS or found[-1] in BODY_NOUNS or found[-1] in BODY_WORDS)


def is_relay(phrase: str) -> bool:
    """Say whether a phrase names a news organisation or a report ("the Guardian", "a report in Al-Qahera News")."""
    found = re.findall(r"[^\W\d_][\w\-]*", phrase)
    if not found or len(found) > 8:
        return False
    return found[-1].lower() in MEDIA_WORDS or (found[0].lower() in {"a", "an"} and found[1:2] == ["report"])
