"""The same statement across outlets: verbatim, altered (variant) or reworded (paraphrase), with word-level diffs."""

from __future__ import annotations

import difflib
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from .quotes import Quote
from .records import Article
from .speakers import Speaker, canonical_speakers, words_of

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
STOPWORDS = words_of(
    """a an the and or but if of in on at to for from by with as is are was were be been being it its this that these
    those there here he she they we i you his her their our my your me him them us not no do does did have has had
    will would can could should may might must so than then too very just also all any some more most such what
    which who whom whose when where why how about into over after before up down out off again once"""
)


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
    text = re.sub(r"\s+", " ", text.translate(_MARKS).lower()).strip()
    return re.sub(r"[\s.,;:!?'\"-]+$", "", text)


def words(text: str) -> tuple[str, ...]:
    """Word tokens of the normalised text, punctuation dropped."""
    return tuple(_WORD.findall(normalise(text)))


def relation(a: str, b: str) -> str | None:
    """ "verbatim", "variant" or None for two printings of a statement (speaker not considered)."""
    norm_a, norm_b = normalise(a), normalise(b)
    if norm_a == norm_b:
        return "verbatim"
    words_a, words_b = words(a), words(b)
    short, long_ = sorted((words_a, words_b), key=len)
    if len(short) >= MIN_CONTAINED_WORDS and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return "variant"
    if min(len(words_a), len(words_b)) >= MIN_CONTAINED_WORDS and fuzz.ratio(norm_a, norm_b) >= VARIANT_RATIO:
        return "variant"
    return None


def is_paraphrase(a: str, b: str) -> bool:
    """Say whether two wordings (by the same speaker) share enough content words, and a pair of them in order."""
    content_a, content_b = _content(a), _content(b)
    if len(content_a) < 3 or len(content_b) < 3:
        return False
    shared = set(content_a) & set(content_b)
    if len(shared) / min(len(set(content_a)), len(set(content_b))) < PARAPHRASE_OVERLAP:
        return False
    return bool(set(itertools.pairwise(content_a)) & set(itertools.pairwise(content_b)))


def _content(text: str) -> tuple[str, ...]:
    return tuple(w for w in words(text) if w not in STOPWORDS)


def match_quotes(articles: tuple[Article, ...], quotes: tuple[Quote, ...]) -> QuoteTable:
    """Group a story's quotations into statements, each with its occurrences, matches and diffs."""
    order = {a.id: i for i, a in enumerate(articles)}
    outlets = {a.id: a.outlet or a.id for a in articles}
    quotes = tuple(sorted(quotes, key=lambda q: (order.get(q.article_id, len(order)), q.article_id, q.start)))
    speakers = canonical_speakers(
        (q.speaker, q.speaker_kind or "person", q.speaker_as_written, q.role) for q in quotes if q.speaker
    )
    who = tuple(speakers[q.speaker].name if q.speaker in speakers else None for q in quotes)
    groups = _group(quotes, who)
    rows, fragments, used = [], [], set()
    for members in groups:
        row = _row(quotes, who, members, speakers, used)
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


def _candidates(quotes: tuple[Quote, ...], who: tuple[str | None, ...]):
    """Pairs worth comparing: quotations that share one of their rarest words (blocking keeps this sub-quadratic)."""
    tokens = [set(words(q.text)) for q in quotes]
    frequency = Counter(t for ts in tokens for t in ts)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, ts in enumerate(tokens):
        shared = [t for t in ts if frequency[t] > 1]  # a word no other quotation has cannot pair anything
        keys = sorted(shared, key=lambda t: (t in STOPWORDS, frequency[t], t))[:BLOCK_KEYS]
        for key in keys:
            postings[key].append(index)
    # Verbatim repeats of short quotes (one word) share all their words: index them whole too.
    for index, q in enumerate(quotes):
        postings["\x00" + normalise(q.text)].append(index)
    pairs = set()
    for members in postings.values():
        for a, i in enumerate(members[:MAX_POSTING]):
            for j in members[a + 1 : MAX_POSTING]:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _link(a: Quote, b: Quote, who_a: str | None, who_b: str | None) -> str | None:
    found = relation(a.text, b.text)
    if found:
        return found
    if who_a and who_a == who_b and a.article_id != b.article_id and is_paraphrase(a.text, b.text):
        return "paraphrase"
    return None


def _group(quotes: tuple[Quote, ...], who: tuple[str | None, ...]) -> list[list[int]]:
    """Leader clustering: a quotation joins the earliest group whose first member it matches (no chains)."""
    earlier: dict[int, list[int]] = defaultdict(list)
    for i, j in _candidates(quotes, who):
        earlier[j].append(i)
    leader_of: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for index in range(len(quotes)):
        leaders = sorted({leader_of[j] for j in earlier[index]})
        home = next((lead for lead in leaders if _link(quotes[index], quotes[lead], who[index], who[lead])), index)
        leader_of[index] = home
        groups.setdefault(home, []).append(index)
    return list(groups.values())


def _row(quotes, who, members: list[int], speakers: dict[str, Speaker], used: set[str]) -> QuoteRow:
    versions = Counter(normalise(quotes[m].text) for m in members)
    canonical = max(members, key=lambda m: (versions[normalise(quotes[m].text)], len(quotes[m].text), -m))
    text = quotes[canonical].text
    occurrences = tuple(_occurrence(quotes[m], text, who[m]) for m in members)
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
        id=_row_id(speaker, text, used),
        speaker=speaker,
        roles=tuple(roles),
        text=text,
        occurrences=occurrences,
        flags=tuple(flags),
        article_ids=tuple(dict.fromkeys(quotes[m].article_id for m in members)),
    )


def _occurrence(quote: Quote, canonical: str, speaker: str | None) -> Occurrence:
    match = relation(quote.text, canonical) or "paraphrase"
    return Occurrence(quote=quote, match=match, diff=word_diff(canonical, quote.text), speaker=speaker)


def word_diff(canonical: str, text: str) -> tuple[tuple[str, str], ...]:
    """Word-level differences of a printing against the canonical wording: equal, insert and delete runs."""
    old, new = canonical.split(), text.split()
    key = lambda w: normalise(w) or w  # noqa: E731 - compare words as the matcher does
    matcher = difflib.SequenceMatcher(a=[key(w) for w in old], b=[key(w) for w in new], autojunk=False)
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


def _row_id(speaker: str | None, text: str, used: set[str]) -> str:
    digest = hashlib.sha1(f"{speaker or ''}|{normalise(text)}".encode()).hexdigest()[:10]
    row_id, n = f"quote-{digest}", 2
    while row_id in used:
        row_id, n = f"quote-{digest}-{n}", n + 1
    used.add(row_id)
    return row_id
