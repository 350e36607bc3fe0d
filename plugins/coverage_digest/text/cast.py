"""An article's cast: the people and bodies it names, located, with genders and roles (the article's own words)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, BODY_NOUNS, BODY_WORDS, NAME_STOP_WORDS, ROLE_NOUNS, TIME_WORDS, TITLE_WORDS
from .lexicon import NAME_PARTICLES as PARTICLES
from .names import (
    NAME_WORD,
    Name,
    _bare,
    given_names_agree,
    has_person_title,
    is_body_name,
    split_title,
    strip_possessive,
    surname,
    title_gender,
)

STOPWORDS = NAME_STOP_WORDS
_POSSESSIVE_END = re.compile(r"['’]s?$")
_GENDERED = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name written in the article's own words, located by offsets into the (masked) article text."""

    start: int
    end: int
    text: str  # as written, title included
    name: str  # without title or possessive
    title: str | None
    kind: str  # "person" or "body"
    possessive: bool


class Cast:
    """The people and bodies one article names: full names by surname, genders, roles, mentions in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        chunks = list(_chunks(text))
        parsed = [split_title(strip_possessive(words)) for _, _, words in chunks]  # read once, for both passes
        self.full: dict[str, str] = {}  # surname -> longest full name
        self.gender_votes: dict[str, Counter] = defaultdict(Counter)
        self.roles: dict[str, list[tuple[int, str]]] = defaultdict(list)  # full name -> (offset, role as written)
        self._note_people(parsed)
        found = (self._mention(s, e, words, name) for (s, e, words), name in zip(chunks, parsed, strict=True))
        self.mentions = tuple(m for m in found if m is not None)
        self._note_roles_and_genders()

    def _note_people(self, names: list[Name]) -> None:
        for parsed in names:
            words = parsed.name.split()
            if is_body_name(parsed.name) or not words:
                continue
            if len(words) > 1 or has_person_title(parsed.title):
                key = surname(parsed.name)
                if len(parsed.name) > len(self.full.get(key, "")):
                    self.full[key] = parsed.name

    def _mention(self, start: int, end: int, chunk: str, parsed: Name) -> Mention | None:
        possessive = bool(_POSSESSIVE_END.search(chunk))
        if not parsed.name or parsed.name.lower() in TIME_WORDS:
            return None
        person = not is_body_name(parsed.name) and (
            has_person_title(parsed.title) or len(parsed.name.split()) > 1 or surname(parsed.name) in self.full
        )
        return Mention(start, end, chunk, parsed.name, parsed.title, "person" if person else "body", possessive)

    def _note_roles_and_genders(self) -> None:
        persons = [m for m in self.mentions if m.kind == "person"]
        for index, mention in enumerate(persons):
            full = self.resolve(mention.name)
            gender = title_gender(mention.title)
            if gender:
                self.gender_votes[full][gender] += 3
            for role in (mention.title, _role_before(self.text, mention.start), _appositive(self.text, mention.end)):
                if role:
                    self.roles[full].append((mention.start, role))
            if not mention.possessive:
                limit = persons[index + 1].start if index + 1 < len(persons) else len(self.text)
                pronoun = _GENDERED.search(self.text, mention.end, min(limit, mention.end + 300))
                if pronoun:
                    self.gender_votes[full]["f" if pronoun.group(1).lower().startswith(("she", "her")) else "m"] += 1

    def resolve(self, name: str) -> str:
        """The fullest form of a person's name the article prints (surname-only and titled mentions joined)."""
        name = split_title(strip_possessive(name)).name
        full = self.full.get(surname(name))
        if full and given_names_agree(full, name) and len(full) >= len(name):
            return full
        return name

    def gender(self, full_name: str) -> str | None:
        """ "m", "f" or None when the article gives no clear sign."""
        votes = self.gender_votes.get(full_name)
        if not votes:
            return None
        (top, count), *rest = votes.most_common()
        return top if not rest or count > rest[0][1] else None

    def is_person(self, name: str) -> bool:
        """Say whether a name (or surname) belongs to a person the article names."""
        name = split_title(strip_possessive(name)).name
        return surname(name) in self.full and not is_body_name(name)

    def role_of(self, full_name: str) -> str | None:
        """The first role the article gives a person, as written."""
        roles = self.roles.get(full_name)
        return roles[0][1] if roles else None


_BODY_OR_TITLE = BODY_WORDS | TITLE_WORDS  # after these, "of" joins a name ("Bank of England", "Duke of York")
_PARTICLES_OF = PARTICLES | {"of"}
_NOT_OPENING = STOPWORDS | TIME_WORDS  # words a name does not start with


def _chunks(text: str):
    """Yield (start, end, words) for every run of capitalised words that is not a sentence-initial function word."""
    run: list[re.Match] = []
    for match in NAME_WORD.finditer(text):
        word = match.group()
        if run and (not _joined(text, run[-1], match) or _ends_chunk(run[-1].group())):
            yield from _flush(text, run)
            run = []
        if word[0].isupper() or (run and word.lower() in _joins(run[-1]) and _next_capital(text, match.end())):
            run.append(match)
        elif run:
            yield from _flush(text, run)
            run = []
    yield from _flush(text, run)


def _joins(last: re.Match) -> frozenset[str] | set[str]:
    """Lower-case words that may continue a name after its word `last`."""
    return _PARTICLES_OF if _bare(last.group()) in _BODY_OR_TITLE else PARTICLES


def _joined(text: str, left: re.Match, right: re.Match) -> bool:
    gap = text[left.end() : right.start()]
    return gap.isspace() and "\n" not in gap and not _POSSESSIVE_END.search(left.group())


def _ends_chunk(word: str) -> bool:
    return word.endswith(".") and word.lower() not in ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)+", word)


def _next_capital(text: str, at: int) -> bool:
    rest = text[at : at + 3].lstrip()
    return bool(rest) and rest[0].isupper()


def _flush(text: str, run: list[re.Match]):
    while run and run[0].group().lower().rstrip(".") in _NOT_OPENING:
        run = run[1:]
    while run and run[-1].group().lower() in _PARTICLES_OF:
        run = run[:-1]
    if not run:
        return
    start, end = run[0].start(), run[-1].end()
    words = text[start:end]
    last = words.split()[-1]
    if words.endswith(".") and last.lower() not in ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)+", last):
        words, end = words[:-1], end - 1
    yield start, end, words


def _role_before(text: str, start: int) -> str | None:
    """Lower-case role words written just before a name ("Hamas leader", "campaign manager")."""
    window = text[max(0, start - 80) : start]
    if _ROLE_ENDINGS is not None and not window.rstrip().endswith(_ROLE_ENDINGS):
        return None  # the pattern needs a role noun right before the trailing space: a quick test first
    match = _ROLE_BEFORE.search(window)
    if not match:
        return None
    phrase = re.split(r"[,;:()\x00]|\b(?:that|and|but|said|says|told)\b", match.group(1))[-1].strip()
    return phrase or None


_ROLE_BEFORE = re.compile(r"((?:[\w’'\-.]+\s+){0,4}?(?:" + "|".join(sorted(ROLE_NOUNS)) + r"))\s+$")
# The role nouns as literal endings, when every one is plain words (so the pattern's alternatives are literals).
_ROLE_ENDINGS = tuple(sorted(ROLE_NOUNS)) if all(re.fullmatch(r"[\w\-]+(?: [\w\-]+)*", n) for n in ROLE_NOUNS) else None
_APPOSITIVE = re.compile(r",\s+((?:a|an|the|one|another|his|her|its)\s+[^,;\x00\n]{2,120}?)(?=[,;.\x00\n]|$)")


def _appositive(text: str, end: int) -> str | None:
    """The role in an appositive after a name ("Aaron Kall, the director of debate at ...,")."""
    match = _APPOSITIVE.match(text, end)  # as on text[end:]: no anchor but `$`, the text's end either way
    if not match:
        return None
    phrase = match.group(1)
    return phrase if any(w in ROLE_NOUNS or w in BODY_NOUNS for w in re.findall(r"[a-z]+", phrase)) else None
