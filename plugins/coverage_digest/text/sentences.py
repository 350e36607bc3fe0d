"""Sentence splitting with offsets into an article's cleaned text (pysbd, offline, rule-based)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pysbd
import pysbd.processor
import pysbd.utils
from pysbd.between_punctuation import BetweenPunctuation
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.utils import Rule, TextSpan

from ..records import Article, Sentence
from .regex_needs import Needs, may_match, needs

# pysbd splits after a short capitalised abbreviation followed by a number ("Oc. 7", "No. 5", "Jan. 3"): a
# sentence does not start with a bare number or a lower-case word, so such a split is undone.
_ABBREV_END = re.compile(r"(?:^|[\s(])[A-Z][a-z]{0,3}\.\s*$")
_CONTINUATION_START = re.compile(r"^[\s]*(?:\d|[a-z])")
# pysbd's time grows faster than the length of its input (a 1 MB paragraph took 11 minutes): longer paragraphs are
# cut for it into pieces of at most CHUNK characters at sure sentence ends, which keeps splitting linear.
LONG_PARAGRAPH = 4000  # 99% of news paragraphs are under 1,000 characters; these are split as they always were
CHUNK = 2000
_SAFE_BREAK = re.compile(r"(?<=[a-z]{2}[a-z0-9][.!?])[”’\"')\]]*\s+(?=[“\"‘]?[A-Z])")


# Characters that `re.IGNORECASE` matches to an ASCII letter, or whose lower case is ASCII (found by trying every
# code point); a line without them lower-cases its ASCII letters, and nothing else, into ASCII.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_PLAIN_ABBREVIATION = re.compile(r"[a-z0-9]+")
# Lower-cased runs of letters and digits at a word start (after whitespace, or first in the line) followed by ".":
# the only places where a plain abbreviation's full stop can be replaced.
_WORD_BEFORE_STOP = re.compile(r"(?<!\S)([a-z0-9]+)\.")
_STRIPPED = tuple(abbr.strip() for abbr in English.Abbreviation.ABBREVIATIONS)  # the list pysbd walks, in order


def _plain_places() -> dict[str, tuple[int, ...]]:
    """Each plain abbreviation -> its places in pysbd's list."""
    places: dict[str, tuple[int, ...]] = {}
    for k, stripped in enumerate(_STRIPPED):
        if _PLAIN_ABBREVIATION.fullmatch(stripped):
            places[stripped] = (*places.get(stripped, ()), k)
    return places


_PLAIN_AT = _plain_places()
_DOTTED = tuple((k, a) for k, a in enumerate(_STRIPPED) if not _PLAIN_ABBREVIATION.fullmatch(a))  # "u.s", "e.g"


# pysbd's steps for punctuation between quotes and brackets, in its order, each with the mark its pattern opens on.
_BETWEEN_STEPS = (
    ("sub_punctuation_between_single_quotes", "'"),
    ("sub_punctuation_between_single_quote_slanted", "‘"),
    ("sub_punctuation_between_double_quotes", '"'),
    ("sub_punctuation_between_square_brackets", "["),
    ("sub_punctuation_between_parens", "("),
    ("sub_punctuation_between_quotes_arrow", "«"),
    ("sub_punctuation_between_em_dashes", "--"),
    ("sub_punctuation_between_quotes_slanted", "“"),
)


class _BetweenPunctuation(BetweenPunctuation):
    """pysbd's protection of punctuation between quotes and brackets, each step only when its opening mark is in
    the text (a pattern cannot match without the mark it opens on; most sentences have no brackets)."""

    def sub_punctuation_between_quotes_and_parens(self, txt: str) -> str:
        for step, mark in _BETWEEN_STEPS:
            if mark in txt:
                txt = getattr(super(), step)(txt)
        return txt


class _English(English):
    """pysbd's English rules, with shortcuts in its abbreviation search and quote steps that change no result."""

    BetweenPunctuation = _BetweenPunctuation

    class AbbreviationReplacer(English.AbbreviationReplacer):
        text: str  # the paragraph as replaced so far (set by pysbd)

        def search_for_abbreviations_in_string(self, text: str) -> str:
            """pysbd's search, skipping the abbreviations it could replace nothing for.

            For each abbreviation somewhere in the line, pysbd finds it at word starts, case-insensitively, and at
            each tries three substitutions, every one of which needs the abbreviation, as found, followed by a full
            stop, and each substitution's pattern needs it at a word start (after whitespace or at the line's start).
            A plain (letters and digits) abbreviation that is not, lower-cased, a whole word-start run of letters and
            digits followed by "." in the lower-cased line leaves the line as it is: it is skipped (most are, in
            news: "al" of "also" or of "general.", "me" of "meeting"). Substitutions only ever remove such full
            stops, so the check on the line as given holds."""
            if _FOLDS_TO_ASCII.search(text):
                return super().search_for_abbreviations_in_string(text)
            lowered = text.lower()
            plain = [k for word in set(_WORD_BEFORE_STOP.findall(lowered)) for k in _PLAIN_AT.get(word, ())]
            dotted = [k for k, stripped in _DOTTED if stripped in lowered]
            for k in sorted(plain + dotted):  # pysbd's own order of the abbreviations
                stripped = _STRIPPED[k]
                abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
                if not abbrev_match:
                    continue
                char_array = re.findall(r"(?<={" + str(re.escape(stripped)) + "} ).{1}", text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text

        def replace_abbreviation_as_sentence_boundary(self) -> str:
            """pysbd's step, with its pattern (an alternative for each of its 40 sentence starters) written once
            and the step skipped when the text has no "∯", which every match of it needs."""
            if "∯" in self.text:
                self.text = re.sub(_sentence_boundary_pattern(tuple(self.SENTENCE_STARTERS)), "\\1.", self.text)
            return self.text


@lru_cache(maxsize=4)
def _sentence_boundary_pattern(starters: tuple[str, ...]) -> re.Pattern:
    """pysbd's pattern for a period of "U.S." or "I." that ends a sentence (the next word starts one)."""
    sent_starters = "|".join(rf"(?=\s{word}\s)" for word in starters)
    return re.compile(rf"(U∯S|U\.S|U∯K|E∯U|E\.U|U∯S∯A|U\.S\.A|I|i.v|I.V)∯({sent_starters})")


# What any match of pysbd's list patterns needs: a number then "." or ")" then a space or ")" (its numbered lists),
# a lone lower-case letter at a word start then "." (its lettered lists), a ")" (its lettered lists in brackets).
_LIST_NUMBER = re.compile(r"\d[.)][\s)]")
_LIST_LETTER = re.compile(r"(?<!\S)[a-z]\.")


class _ListItemReplacer(ListItemReplacer):
    """pysbd's list detection, skipping the list patterns that cannot match the text (so leave it as it is)."""

    def scan_lists(self, regex1: str, regex2: str, replacement: str, strip: bool = False) -> None:
        # regex1 is one of pysbd's numbered-list patterns: each alternative is \d{1,2} followed by "." or ")" and
        # then a space or ")"; with no such place its findall is empty and nothing is replaced.
        if _LIST_NUMBER.search(self.text):
            super().scan_lists(regex1, regex2, replacement, strip)

    def iterate_alphabet_array(self, regex: str, parens: bool = False, roman_numeral: bool = False) -> str:
        # regex finds a lower-case run before ")" (parens) or one letter at a word start before "." (not parens):
        # with no such place its findall is empty and the loop replaces nothing.
        if ")" not in self.text if parens else not _LIST_LETTER.search(self.text):
            return self.text
        return super().iterate_alphabet_array(regex, parens, roman_numeral)


class _Segmenter(pysbd.Segmenter):
    """pysbd's segmenter with its sentence offsets found by plain string search.

    pysbd locates each sentence it made in the text with `re.finditer(re.escape(sentence) + "\\s*", text)`: one
    new pattern per sentence, which the `re` module compiles and caches, evicting pysbd's own rule patterns from its
    512-entry cache, so that those are compiled again and again (two thirds of all splitting time on real news).
    The same search, as `str.find` over the same non-overlapping matches, gives the same offsets."""

    def __init__(self) -> None:
        super().__init__(language="en", clean=False, char_span=True)
        self.language_module = _English

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        text, spans, prior_end = self.original_text, [], 0
        for sent in sentences:
            if not sent:  # never made by the processor; the regex would match empty runs of whitespace
                return super().sentences_with_char_spans(sentences)
            pos = 0
            while (start := text.find(sent, pos)) >= 0:
                end = start + len(sent)
                while end < len(text) and text[end].isspace():  # the whitespace pysbd's pattern takes along
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                pos = end
        return spans


class _CachedRe:
    """The `re` module as pysbd's modules see it, with a compile cache that holds all of pysbd's patterns.

    pysbd writes its rules as pattern strings passed to `re.sub` and friends on every call, several per abbreviation
    found in the text: about 730 distinct patterns on 2,000 real news articles. The `re` module caches 512, evicting
    the oldest, so each paragraph compiled most of them again. Same patterns, same results; compiled once."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    @lru_cache(maxsize=8192)
    def compile(pattern: Any, flags: int = 0) -> re.Pattern:
        return re.compile(pattern, flags)

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        if not may_match(needs(pattern, flags), string):  # it cannot match: `re.sub` would return the string
            return string
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> tuple[str, int]:
        return self.compile(pattern, flags).subn(repl, string, count)

    def search(self, pattern: Any, string: str, flags: int = 0) -> re.Match | None:
        return self.compile(pattern, flags).search(string)

    def match(self, pattern: Any, string: str, flags: int = 0) -> re.Match | None:
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern: Any, string: str, flags: int = 0) -> re.Match | None:
        return self.compile(pattern, flags).fullmatch(string)

    def findall(self, pattern: Any, string: str, flags: int = 0) -> list:
        return self.compile(pattern, flags).findall(string)

    def finditer(self, pattern: Any, string: str, flags: int = 0) -> Iterator[re.Match]:
        return self.compile(pattern, flags).finditer(string)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list:
        return self.compile(pattern, flags).split(string, maxsplit)


_RULE_PATTERNS: dict[Any, tuple[re.Pattern, Needs]] = {}  # a pysbd rule's pattern -> compiled, needs
PYSBD_APPLY = pysbd.utils.Text.apply  # pysbd's own, before _cache_pysbd_patterns (tests compare the two)


def _apply_rules(text: str, *rules: Rule) -> str:
    """pysbd's `Text.apply`: `re.sub(rule.pattern, rule.replacement, text)` for each rule in turn, with the patterns
    compiled once and looked up in a dict (it runs 1.5 million substitutions on 2,000 real articles; the look-up
    through `re`'s cache, or ours, cost as much as many of the substitutions themselves). A rule whose pattern
    needs a literal the text lacks (most of pysbd's need a marker of their own, "∯" or "&⎋&") is skipped: its
    substitution could not match, so it would return the text unchanged."""
    for rule in rules:
        entry = _RULE_PATTERNS.get(rule.pattern)
        if entry is None:
            entry = _RULE_PATTERNS[rule.pattern] = (re.compile(rule.pattern), needs(rule.pattern))
        for requirement in entry[1]:  # may_match, inlined (it runs 900,000 times on 2,000 real articles)
            for literal in requirement:
                if literal in text:
                    break
            else:
                break
        else:
            text = entry[0].sub(rule.replacement, text)
    return text


def _cache_pysbd_patterns() -> None:
    """Give every pysbd module the caching `re`, and pysbd's rule applier its compiled patterns (once; pysbd has
    imported all its modules by then)."""
    cached = _CachedRe()
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = cached  # type: ignore[attr-defined]
    pysbd.utils.Text.apply = _apply_rules
    pysbd.processor.ListItemReplacer = _ListItemReplacer


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    _cache_pysbd_patterns()
    return _Segmenter()


# A paragraph whose only sentence-ending marks close it is one sentence, and pysbd (the costly part) is not needed.
# The check is conservative: closing quotes or brackets after the final mark, runs of quote marks and "(a)"-like list
# markers all make pysbd split in ways of its own, so such paragraphs still go through it.
_TERMINAL = re.compile(r"(?:\.(?:\.\.)?|…|[!?]+)\s*$")
_MAYBE_BOUNDARY = re.compile(r"[.!?…。．！？;:\n\r\u2028\u2029]|[”’\"'‘“]{2}|(?<![^\s(])\w{1,4}\)")
# _MAYBE_BOUNDARY's three alternatives searched one by one: a pattern that opens on a class of characters is
# searched by a fast scan for them, which the alternation disabled (the same answer, in half the time).
_BOUNDARY_MARK = re.compile(r"[.!?…。．！？;:\n\r\u2028\u2029]")
_QUOTE_RUN = re.compile(r"[”’\"'‘“]{2}")
_LIST_MARKER = re.compile(r"(?<![^\s(])\w{1,4}\)")


def split_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of one paragraph, whitespace trimmed."""
    if not text.strip():
        return []
    return list(_split_spans(text))


@lru_cache(maxsize=16384)
def _split_spans(text: str) -> tuple[tuple[int, int], ...]:
    """split_spans, memoised: wire copy and syndication repeat paragraphs verbatim across articles."""
    if is_one_sentence(text):
        return (_trim(text, 0, len(text)),)
    spans: list[list[int]] = []
    for base, chunk in chunks(text):
        for piece in _segmenter().segment(chunk):
            start, end = base + piece.start, base + piece.end
            joins = spans and _CONTINUATION_START.match(text[start:end])
            if joins and _ABBREV_END.search(text[spans[-1][0] : start]):
                spans[-1][1] = end
            else:
                spans.append([start, end])
    return tuple(_trim(text, s, e) for s, e in spans if text[s:e].strip())


def chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of a paragraph cut for the splitter, whose cost grows faster than the length of what it is
    given: a paragraph longer than LONG_PARAGRAPH is cut every CHUNK characters or less, at the last sure sentence
    end in the window (a lower-case word, a full stop, a capital), else at a space, else where the window ends."""
    if len(text) <= LONG_PARAGRAPH:
        return [(0, text)]
    out, pos = [], 0
    while len(text) - pos > CHUNK:
        window_start, window_end = pos + CHUNK // 2, pos + CHUNK
        cut = None
        for match in _SAFE_BREAK.finditer(text, window_start, window_end):
            cut = match.end()
        if cut is None:
            space = text.rfind(" ", window_start, window_end)
            cut = space + 1 if space > 0 else window_end
        out.append((pos, text[pos:cut]))
        pos = cut
    out.append((pos, text[pos:]))
    return out


def is_one_sentence(text: str) -> bool:
    """Whether a paragraph has no possible sentence boundary before its final punctuation."""
    body = _without_terminal(text.strip())
    return not (_BOUNDARY_MARK.search(body) or _QUOTE_RUN.search(body) or (")" in body and _LIST_MARKER.search(body)))


def _without_terminal(stripped: str) -> str:
    """`_TERMINAL.sub("", stripped)` for a text without whitespace at its end: the final "...", ".", "…" or run of
    "!" and "?" removed (the pattern's leftmost match that reaches the end)."""
    if stripped.endswith(("!", "?")):
        return stripped.rstrip("!?")
    if stripped.endswith("..."):
        return stripped[:-3]
    if stripped.endswith((".", "…")):
        return stripped[:-1]
    return stripped


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_article(article: Article) -> tuple[Sentence, ...]:
    """Split every paragraph of an article; offsets refer to `article.text`."""
    out: list[Sentence] = []
    offset = 0
    for p_index, paragraph in enumerate(article.paragraphs):
        for start, end in split_spans(paragraph):
            out.append(
                Sentence(
                    article_id=article.id,
                    index=len(out),
                    paragraph=p_index,
                    start=offset + start,
                    end=offset + end,
                    text=paragraph[start:end],
                )
            )
        offset += len(paragraph) + 2
    return tuple(out)
