"""The same statement across outlets: verbatim, altered (variant) or reworded (paraphrase), with word-level diffs."""

from __future__ import annotations

import difflib
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..article.quotes import Quote
from ..records import Article
from ..text.lexicon import STOP_QUOTATION as STOPWORDS
from ..text.names import Speaker, canonical_speakers

# Two versions whose normalised wording is this similar (0-100) are one statement, slightly altered.
VARIANT_RATIO = 85
# A shorter version inside a longer one counts when it has at least this many words.
MIN_CONTAINED_WORDS = 3
# Same speaker, different wording: share of the shorter version's content words the other version repeats.
PARAPHRASE_OVERLAP = 0.3
# Blocking: each quotation is compared only with those sharing one of its rarest words, looked up in this many.
BLOCK_KEYS = 4
MAX_POSTING = 400

_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_SPACES = re.compile(r"\s+")
_FINAL_PUNCTUATION = re.compile(r"[\s.,;:!?'\"-]+$")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One article's printing of a statement, compared with the statement's canonical wording."""

    quote: Quote
    match: str  # "verbatim", "variant" or "paraphrase"
    diff: tuple[tuple[str, str], ...]  # (op, words) with op "equal", "insert" (only here) or "delete" (only canonical)
    speaker: str | None  # canonical speaker this article gives


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One statement and every outlet that carries it."""

    id: str
    speaker: str | None
    roles: tuple[str, ...]
    text: str
    occurrences: tuple[Occurrence, ...]
    flags: tuple[str, ...]
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteTable:
    """A story's statements (most widely carried first), its speakers and its fragments (scare quotes)."""

    rows: tuple[QuoteRow, ...]
    speakers: tuple[Speaker, ...]
    fragments: tuple[QuoteRow, ...]


def normalise(text: str) -> str:
    """Lower case, straight marks, hyphens for dashes, single spaces, no final punctuation."""
    text = _SPACES.sub(" ", text.translate(_MARKS).lower()).strip()
    return _FINAL_PUNCTUATION.sub("", text)


def words(text: str) -> tuple[str, ...]:
    """Word tokens of the normalised text, punctuation dropped."""
    return tuple(_WORD.findall(normalise(text)))


@dataclass(frozen=True, slots=True)
class _Reading:
    """A quotation's text read once: normalised, its words, and its content words (stop words dropped)."""

    norm: str
    words: tuple[str, ...]
    content: tuple[str, ...]


def _read(text: str) -> _Reading:
    """Normalise and tokenise a text once, for every comparison it takes part in."""
    norm = normalise(text)
    tokens = tuple(_WORD.findall(norm))
    return _Reading(norm, tokens, tuple(w for w in tokens if w not in STOPWORDS))


def relation(a: str, b: str) -> str | None:
    """ "verbatim", "variant" or None for two printings of a statement (speaker not considered)."""
    return _relation(_read(a), _read(b))


def _relation(a: _Reading, b: _Reading) -> str | None:
    """`relation` of two texts already read."""
    if a.norm == b.norm:
        return "verbatim"
    short, long_ = sorted((a.words, b.words), key=len)
    if len(short) >= MIN_CONTAINED_WORDS and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return "variant"
    if min(len(a.words), len(b.words)) >= MIN_CONTAINED_WORDS and fuzz.ratio(a.norm, b.norm) >= VARIANT_RATIO:
        return "variant"
    return None


def is_paraphrase(a: str, b: str) -> bool:
    """Say whether two wordings (by the same speaker) share enough content words, and a pair of them in order."""
    return _paraphrase(_read(a).content, _read(b).content)


def _paraphrase(content_a: tuple[str, ...], content_b: tuple[str, ...]) -> bool:
    """`is_paraphrase` of two texts' content words."""
    if len(content_a) < 3 or len(content_b) < 3:
        return False
    shared = set(content_a) & set(content_b)
    if len(shared) / min(len(set(content_a)), len(set(content_b))) < PARAPHRASE_OVERLAP:
        return False
    return bool(set(itertools.pairwise(content_a)) & set(itertools.pairwise(content_b)))


def match_quotes(articles: tuple[Article, ...], quotes: tuple[Quote, ...]) -> QuoteTable:
    """Group a story's quotations into statements, each with its occurrences, matches and diffs."""
    order = {a.id: i for i, a in enumerate(articles)}
    outlets = {a.id: a.outlet or a.id for a in articles}
    quotes = tuple(sorted(quotes, key=lambda q: (order.get(q.article_id, len(order)), q.article_id, q.start)))
    speakers = canonical_speakers(
        (q.speaker, q.speaker_kind or "person", q.speaker_as_written, q.role) for q in quotes if q.speaker
    )
    who = tuple(speakers[q.speaker].name if q.speaker in speakers else None for q in quotes)
    read = tuple(_read(q.text) for q in quotes)
    groups = _group(quotes, who, read)
    rows: list[QuoteRow] = []
    fragments: list[QuoteRow] = []
    used: dict[str, int] = {}
    for members in groups:
        row = _row(quotes, who, read, members, used)
        single = len({quotes[m].article_id for m in members}) == 1
        (fragments if single and all(quotes[m].kind == "fragment" for m in members) else rows).append(row)
    first = {q.id: (order.get(q.article_id, len(order)), q.article_id, q.start) for q in quotes}

    def rank(row: QuoteRow) -> tuple:
        return (-len({outlets.get(a, a) for a in row.article_ids}), first[row.occurrences[0].quote.id])

    entries = {s.name: s for s in speakers.values()}
    return QuoteTable(
        rows=tuple(sorted(rows, key=rank)),
        speakers=tuple(entries[name] for name in sorted(entries)),
        fragments=tuple(sorted(fragments, key=rank)),
    )


def _block_keys(read: tuple[_Reading, ...]) -> list[list[str]]:
    """Each quotation's blocking keys: its rarest words another quotation shares, and its whole normalised text.

    Quotations are compared only when they share a key; the whole-text key pairs verbatim repeats of short (one-word)
    quotes, which share all their words.
    """
    tokens = [set(r.words) for r in read]
    frequency = Counter(t for ts in tokens for t in ts)
    keys = []
    for ts, r in zip(tokens, read, strict=True):
        shared = [t for t in ts if frequency[t] > 1]  # a word no other quotation has cannot pair anything
        keys.append([*sorted(shared, key=lambda t: (t in STOPWORDS, frequency[t], t))[:BLOCK_KEYS], "\x00" + r.norm])
    return keys


def _link(a: Quote, b: Quote, read_a: _Reading, read_b: _Reading, who_a: str | None, who_b: str | None) -> str | None:
    found = _relation(read_a, read_b)
    if found:
        return found
    if who_a and who_a == who_b and a.article_id != b.article_id and _paraphrase(read_a.content, read_b.content):
        return "paraphrase"
    return None


def _group(quotes: tuple[Quote, ...], who: tuple[str | None, ...], read: tuple[_Reading, ...]) -> list[list[int]]:
    """Leader clustering: a quotation joins the earliest group whose first member it matches (no chains).

    Candidates are the leaders of earlier quotations sharing a blocking key with it; only the first MAX_POSTING
    quotations under a key take part, so each quotation is tried against at most (BLOCK_KEYS + 1) * MAX_POSTING
    leaders, and each key keeps the set of its leaders rather than every pair of its quotations.
    """
    keys = _block_keys(read)
    leaders: dict[str, set[int]] = defaultdict(set)  # key -> leaders of the quotations under it so far
    size: Counter[str] = Counter()  # key -> quotations under it so far
    groups: dict[int, list[int]] = {}
    for index in range(len(quotes)):
        mine = [key for key in keys[index] if size[key] < MAX_POSTING]
        candidates = sorted(set().union(*(leaders[key] for key in mine)))
        home = next(
            (
                lead
                for lead in candidates
                if _link(quotes[index], quotes[lead], read[index], read[lead], who[index], who[lead])
            ),
            index,
        )
        groups.setdefault(home, []).append(index)
        for key in mine:
            size[key] += 1
            leaders[key].add(home)
    return list(groups.values())


def _row(quotes, who, read, members: list[int], used: dict[str, int]) -> QuoteRow:
    versions = Counter(read[m].norm for m in members)
    canonical = max(members, key=lambda m: (versions[read[m].norm], len(quotes[m].text), -m))
    text = quotes[canonical].text
    old = text.split()
    old_keys = [_word_key(w) for w in old]
    occurrences = tuple(
        Occurrence(
            quote=quotes[m],
            match=_relation(read[m], read[canonical]) or "paraphrase",
            diff=_diff(old, old_keys, quotes[m].text.split()),
            speaker=who[m],
        )
        for m in members
    )
    named = Counter(who[m] for m in members if who[m])
    speaker = max(sorted(named), key=lambda n: named[n]) if named else None
    roles = sorted({quotes[m].role for m in members if quotes[m].role})
    flags = []
    if len(named) > 1:
        flags.append("speaker-conflict")
    if any(o.match != "verbatim" for o in occurrences):
        flags.append("altered")
    if any(quotes[m].truncated for m in members):
        flags.append("truncated")
    return QuoteRow(
        id=_row_id(speaker, read[canonical].norm, used),
        speaker=speaker,
        roles=tuple(roles),
        text=text,
        occurrences=occurrences,
        flags=tuple(flags),
        article_ids=tuple(dict.fromkeys(quotes[m].article_id for m in members)),
    )


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """A word as the diff compares it: as the matcher does (normalised), or as written when nothing is left."""
    return normalise(word) or word


def word_diff(canonical: str, text: str) -> tuple[tuple[str, str], ...]:
    """Word-level differences of a printing against the canonical wording: equal, insert and delete runs."""
    old = canonical.split()
    return _diff(old, [_word_key(w) for w in old], text.split())


def _diff(old: list[str], old_keys: list[str], new: list[str]) -> tuple[tuple[str, str], ...]:
    """`word_diff` of the canonical words (with their keys) and a printing's words."""
    new_keys = [_word_key(w) for w in new]
    if new_keys == old_keys:  # a verbatim printing: one equal run (what the matcher finds), none when both are empty
        return (("equal", " ".join(new)),) if new else ()
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(new[b1:b2])))
            continue
        if a2 > a1:
            out.append(("delete", " ".join(old[a1:a2])))
        if b2 > b1:
            out.append(("insert", " ".join(new[b1:b2])))
    return tuple(out)


def _row_id(speaker: str | None, norm: str, used: dict[str, int]) -> str:
    """A stable id from the speaker and the normalised canonical text, suffixed -2, -3 ... when a story has it
    again (`used` counts each id's uses, so a thousand repeats cost a thousand steps, not half a million)."""
    digest = hashlib.sha1(f"{speaker or ''}|{norm}".encode()).hexdigest()[:10]
    n = used[digest] = used.get(digest, 0) + 1
    return f"quote-{digest}" if n == 1 else f"quote-{digest}-{n}"
