"""Who and what each article mentions: people, bodies and places, read with transparent rules.

A mention is a run of capitalised words (any script) in a sentence. Titles mark people; cue words ("Ministry",
"News") mark bodies; a small gazetteer and place cues ("city of", "in") mark places; the cue lists are in the lexicon.
A sentence's first word counts only when it is capitalised mid-sentence somewhere. Names are joined by the shared
resolver (text/names.py: surnames, nicknames, initials, formal names first); acronyms join the body they abbreviate."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..records import Article, Sentence
from ..text.lexicon import CITIES, COUNTRIES, MENTION_CUES, MONTHS, WEEKDAYS
from ..text.lexicon import NAME_STOP_WORDS as NAME_STOPS
from ..text.lexicon import PLACE_ALIASES as ALIASES
from ..text.names import initials_of, is_acronym, is_nickname, same_person
from ..text.sentences import split_article

log = logging.getLogger(__name__)

KINDS = ("person", "body", "place", "unknown")

_TITLE_HEADS, _TITLE_MODIFIERS, _BODY_CUES, _PLACE_CUES, _EVENT_CUES, _BODY_AFTER, _PLACE_AFTER = (
    MENTION_CUES[k]
    for k in ("title_heads", "title_modifiers", "body_cues", "place_cues", "event_cues", "body_after", "place_after")
)
_PERSON_BEFORE, _LOCATIVE, _SAY, _PARTICLES, _FUNCTION = (
    MENTION_CUES[k] for k in ("person_before", "locative", "say", "particles", "function")
)
_OF_CUES = _BODY_CUES | _PLACE_CUES | frozenset({"republic", "kingdom", "museum", "academy", "church", "isle", "port"})
_CALENDAR = WEEKDAYS | frozenset(MONTHS)
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)s?$")
_COUNTRY_STEMS = frozenset(c[:n] for c in COUNTRIES for n in range(3, len(c) + 1))
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]\.(?=\s[A-Z][a-z])|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Lt|Col|Gov|Sgt|Capt|Prof|St)\.|[^\W\d_][\w'’-]*"
)
_OPENERS = frozenset("“\"‘'([—–-:")
_WORD_AFTER = re.compile(r"\s*([a-z]+)")
_NEXT_WORD = re.compile(r"\s([a-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+(?:the\s+)?$")
_PLACE_OF = re.compile(r"\b(?:city|town|village|capital|province|region) of\s+(?:the\s+)?$")
_ACCORDING_TO = re.compile(r"\b(?:according to|told)\s+(?:the\s+)?$")
_POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")  # tried only on words ending in "s" or an apostrophe (below)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name as written in one article (offsets into `Article.text`) and the entity it was resolved to."""

    article_id: str
    start: int
    end: int
    text: str
    entity: str
    kind: str


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One person, body or place and how often each article mentions it."""

    entity: str
    kind: str
    total: int
    counts: tuple[tuple[str, int], ...]  # (article_id, mentions), by article id
    aliases: tuple[str, ...]  # every way the articles write it


@dataclass(frozen=True, slots=True)
class _Candidate:
    article_id: str
    start: int
    end: int
    words: tuple[str, ...]
    title: str  # normalised title written before a person's name, or ""
    votes: tuple[tuple[str, int], ...]  # evidence: (kind, weight)


def _clean(word: str) -> tuple[str, bool]:
    """The word without a possessive ending, and whether it had one (a possessive ends a name)."""
    if word[-1] not in "s'’":  # most words: no ending to try
        return word, False
    for suffix in _POSSESSIVE_ENDINGS:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)], True
    return word, False


def _is_cap(word: str) -> bool:
    return word[0].isupper()


def _is_demonym(word: str) -> bool:
    """Israeli, Palestinians, Chinese: a people's adjective or plural, unless the gazetteer knows the word."""
    if word in COUNTRIES or word in CITIES or word in ALIASES:
        return False
    if _DEMONYM.search(word):
        return True
    stem = word[:-1] if word.endswith("s") else word
    return (stem.endswith("i") and stem[:-1] in _COUNTRY_STEMS) or (stem.endswith("an") and stem[:-2] in _COUNTRY_STEMS)


def _initial(text: str, start: int) -> bool:
    """True when a word opens its sentence or a quotation (what `text[:start].rstrip()` ends on, found in place)."""
    while start and text[start - 1].isspace():
        start -= 1
    return not start or text[start - 1] in _OPENERS


@lru_cache(maxsize=8192)
def _runs(text: str) -> tuple[tuple[tuple[str, int, int], ...], ...]:
    """Runs of capitalised words (with name particles and "of" after a cue word) separated by single spaces;
    memoised: each sentence is read twice (capitalisation evidence, then candidates), and copies repeat sentences."""
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    closed = True
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if not current and not raw[0].isupper():
            continue  # outside a run (so `closed`) a lower-case word changes nothing; most words are
        start, end = match.start(), match.end()
        word, possessive = _clean(raw)
        joined = bool(current) and not closed and text[current[-1][2] : start] in {" ", ""}
        low = word.lower()
        if word[0].isupper():  # _is_cap
            if current and (low in _CALENDAR or not joined):
                runs.append(current)
                current = []
            if low in _CALENDAR:
                closed = True  # "Qatar Sunday evening": a day name ends a name
            else:
                current.append((word, start, start + len(word)))
                closed = possessive
            continue
        linker = low in _PARTICLES or (low in {"of", "for"} and current and current[-1][0].lower() in _OF_CUES)
        if joined and linker:
            current.append((word, start, end))
            continue
        if current:
            runs.append(current)
        current, closed = [], True
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and not _is_cap(run[-1][0]):
            run = run[:-1]  # a trailing particle or "of" is not part of the name
        if run:
            out.append(tuple(run))
    return tuple(out)


def _mid_capitalised(articles: Iterable[Article], split: Mapping[str, tuple[Sentence, ...]]) -> frozenset[str]:
    """Words seen capitalised somewhere other than at the start of a sentence or quotation."""
    seen: set[str] = set()
    for article in articles:
        for sentence in split[article.id]:
            for run in _runs(sentence.text):
                for word, start, _ in run:
                    if _is_cap(word) and not _initial(sentence.text, start):
                        seen.add(word.lower())
    return frozenset(seen)


def _title_split(words: list[str]) -> tuple[list[str], str, list[str]] | None:
    """(words before the title, title, name after it) when the run holds a title followed by a name."""
    for i, word in enumerate(words):
        if word.lower() in _TITLE_HEADS and i + 1 < len(words):
            after = words[i + 1 :]
            if any(w.lower() in _BODY_CUES for w in after):
                return None
            j = i
            while j > 0 and words[j - 1].lower() in _TITLE_MODIFIERS:
                j -= 1
            title = " ".join(w.lower().replace("defence", "defense") for w in words[j : i + 1])
            return words[:j], title, after
    return None


def _context_votes(text: str, start: int, end: int, size: int) -> list[tuple[str, int]]:
    """Evidence from the words around a name."""
    votes = []
    after = _WORD_AFTER.match(text, end)  # from `end` on, as on text[end:] (no anchor, no look-behind)
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    prev = before.group(1).lower() if before else ""
    if after and after.group(1) in _BODY_AFTER:
        votes.append(("body", 2))
    if after and after.group(1) in _PLACE_AFTER:
        votes.append(("place", 2))
    if after and after.group(1) in _SAY and size > 1:
        votes.append(("person", 1))
    if prev in _LOCATIVE:
        votes.append(("place", 1))
    if _PLACE_OF.search(text[max(0, start - 30) : start]):
        votes.append(("place", 2))
    if _ACCORDING_TO.search(text[max(0, start - 30) : start]):
        votes.append(("body", 1))
    if prev in _PERSON_BEFORE:
        votes.append(("person", 2))
    return votes


def _name_votes(words: tuple[str, ...]) -> list[tuple[str, int]]:
    """Evidence from the name itself."""
    name = " ".join(words)
    lows = [w.lower() for w in words]
    if name in COUNTRIES or name in CITIES or name in ALIASES:
        return [("place", 3)]
    if any(w in _BODY_CUES for w in lows):
        return [("body", 3)]
    if lows[-1] in _PLACE_CUES:
        return [("place", 3)]
    if lows[-1] in _EVENT_CUES:
        return [("unknown", 3)]
    if len(words) == 1 and is_acronym(words[0]):
        return [("body", 1)]
    plain = all((_is_cap(w) and w.lower() not in _FUNCTION) or w.lower() in _PARTICLES for w in words)
    if 2 <= len(words) <= 4 and plain:
        return [("person", 1)]
    return []


def _candidates(article: Article, sentences: tuple[Sentence, ...], mid_caps: frozenset[str]) -> list[_Candidate]:
    out: list[_Candidate] = []
    text = article.text
    for sentence in sentences:
        for run in _runs(sentence.text):
            words = [w for w, _, _ in run]
            if len(words) > 1 and all(w.isupper() for w in words):
                continue  # SHOUTED LINES ARE SITE FURNITURE, NOT NAMES
            offsets = [(s + sentence.start, e + sentence.start) for _, s, e in run]
            # A sentence-opening word is a name only if it is capitalised mid-sentence somewhere, or a given name
            # before a surname the story prints ("Benjamin Netanyahu later spoke").
            while words and (
                words[0].lower() in _FUNCTION
                or (
                    _initial(sentence.text, run[len(run) - len(words)][1])
                    and words[0].lower() not in mid_caps
                    and not (len(words) == 2 and words[1].lower() in mid_caps and words[0].lower() not in NAME_STOPS)
                )
            ):
                words, offsets = words[1:], offsets[1:]
            out.extend(_split_run(article.id, text, words, offsets))
    return out


def _split_run(article_id: str, text: str, words: list[str], offsets: list[tuple[int, int]]) -> list[_Candidate]:
    """Turn a run into candidate names: split at a title, drop demonyms, calendar words and shouting."""
    if not words:
        return []
    split = _title_split(words)
    if split is not None:
        before, title, name = split
        name = [w for w in name if w.lower() not in _TITLE_HEADS]
        parts = []
        if before and not (len(before) == 1 and _is_demonym(before[0])):
            parts.extend(_split_run(article_id, text, before, offsets[: len(before)]))
        if name:
            s, e = offsets[len(words) - len(name)][0], offsets[-1][1]
            votes: tuple[tuple[str, int], ...] = (("person", 4),)
            parts.append(_Candidate(article_id, s, e, tuple(name), title, votes))
        return parts
    if len(words) == 1:
        word, low = words[0], words[0].lower()
        if low in _CALENDAR or low in _FUNCTION or low in _TITLE_HEADS or (len(word) < 3 and not is_acronym(word)):
            return []
        if _is_demonym(word):
            nxt = _NEXT_WORD.match(text, offsets[0][1])  # as on text[offsets[0][1]:]
            if word.endswith("s") or (nxt is not None and nxt.group(1) not in _SAY):
                return []  # "Israeli leaders", "Palestinians": a people, not a name
    start, end = offsets[0][0], offsets[-1][1]
    votes = tuple(_name_votes(tuple(words)) + _context_votes(text, start, end, len(words)))
    return [_Candidate(article_id, start, end, tuple(words), "", votes)]


def _kind(votes: Iterable[tuple[str, int]]) -> str:
    tally: Counter[str] = Counter()
    for kind, weight in votes:
        tally[kind] += weight
    if not tally:
        return "unknown"
    best = max(KINDS, key=lambda k: (tally[k], -KINDS.index(k)))
    return best if tally[best] > 0 else "unknown"


def _canonical_names(cands: list[_Candidate]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Map every written form to the form it stands for in this story."""
    votes: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    titles: dict[tuple[str, ...], set[str]] = defaultdict(set)
    freq: Counter[tuple[str, ...]] = Counter()
    for c in cands:
        votes[c.words].extend(c.votes)
        freq[c.words] += 1
        if c.title:
            titles[c.words].add(c.title)
    kinds = {form: _kind(v) for form, v in votes.items()}
    # The formal given name first ("Benjamin Netanyahu", not "Bibi Netanyahu"), as the speakers table names him.
    full_people = sorted(
        (f for f in votes if len(f) > 1 and kinds[f] == "person"),
        key=lambda f: (is_nickname(f[0]), -freq[f], len(f), f),
    )
    canon: dict[tuple[str, ...], tuple[str, ...]] = {}
    # Full names sharing a surname and a title ("Prime Minister Bibi Netanyahu") join the most frequent one.
    by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for form in full_people:
        for other in by_surname[form[-1]]:
            if titles[form] & titles[other] or _same_person(form, other):
                canon[form] = other
                break
        else:
            by_surname[form[-1]].append(form)
    bodies = [f for f in votes if len(f) > 1 and kinds[f] == "body"]
    places = [f for f in votes if len(f) > 1 and kinds[f] == "place" and f[-1].lower() in _PLACE_CUES]
    for form in votes:
        if form in canon or (len(form) > 1 and kinds[form] == "person"):
            continue
        target = _join_short(form, by_surname, bodies, places)
        if target is not None:
            canon[form] = target
    alias = {f: (ALIASES[" ".join(f)],) for f in votes if " ".join(f) in ALIASES}
    return {f: canon.get(f, alias.get(f, f)) for f in votes}


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The shared resolver's test (text/names.py): nicknames ("Bibi"/"Benjamin"), initials, one name ending the
    other; or a given name that begins the other's ("Ben"/"Benjamin")."""
    if same_person(" ".join(a), " ".join(b)):
        return True
    first_a, first_b = a[0].rstrip(".").lower(), b[0].rstrip(".").lower()
    return first_a.startswith(first_b) or first_b.startswith(first_a)


def _join_short(form, by_surname, bodies, places) -> tuple[str, ...] | None:
    """The longer name a short form stands for, when exactly one fits."""
    if len(form) == 1 or (len(form) == 2 and form[0].lower().rstrip(".") in {"mr", "mrs", "ms", "dr"}):
        people = by_surname.get(form[-1], [])
        if len(people) == 1:
            return people[0]
    if len(form) == 1:
        word = form[0]
        fits = [b for b in bodies if is_acronym(word) and initials_of(b) == word.replace(".", "")]
        fits += [p for p in places if word in {p[0], p[-1]}]
        if len(fits) == 1:
            return fits[0]
    return None


def find_mentions(
    articles: Iterable[Article], sentences: Mapping[str, tuple[Sentence, ...]] | None = None
) -> tuple[Mention, ...]:
    """Every name mention in a story's articles, resolved to one entity per person, body or place.

    `sentences` (article id -> its sentences) saves splitting again when the caller has them.
    """
    articles = tuple(articles)
    split = {a.id: sentences[a.id] if sentences and a.id in sentences else split_article(a) for a in articles}
    mid_caps = _mid_capitalised(articles, split)
    cands = [c for a in articles for c in _candidates(a, split[a.id], mid_caps)]
    canon = _canonical_names(cands)
    votes: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for c in cands:
        votes[canon[c.words]].extend(c.votes)
    kinds = {entity: _kind(v) for entity, v in votes.items()}
    texts = {a.id: a.text for a in articles}
    mentions = [
        Mention(
            c.article_id,
            c.start,
            c.end,
            texts[c.article_id][c.start : c.end],
            " ".join(canon[c.words]),
            kinds[canon[c.words]],
        )
        for c in cands
    ]
    mentions.sort(key=lambda m: (m.article_id, m.start, m.end))
    return tuple(mentions)


def mention_table(
    articles: Iterable[Article], sentences: Mapping[str, tuple[Sentence, ...]] | None = None
) -> tuple[EntityRow, ...]:
    """Entities × articles: who is mentioned where, most mentioned first."""
    per: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in find_mentions(articles, sentences):
        per[(m.entity, m.kind)][m.article_id] += 1
        aliases[(m.entity, m.kind)].add(m.text)
    rows = [
        EntityRow(entity, kind, sum(c.values()), tuple(sorted(c.items())), tuple(sorted(aliases[(entity, kind)])))
        for (entity, kind), c in per.items()
    ]
    rows.sort(key=lambda r: (-len(r.counts), -r.total, r.entity))
    return tuple(rows)
