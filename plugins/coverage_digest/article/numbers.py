"""Numbers and words as news text prints them: figures in digits or words, dates, and the tokens around them.

What `figures` reads a figure from: the patterns of a printed number (qualifier, currency, range, percent, unit),
of a date, and the small word rules (lemmas of counted nouns, demonyms, month names) the figure rules need.
"""

from __future__ import annotations

import re

from ..text.lexicon import (
    IRREGULAR_PLURALS,
    MONTHS,
    NUMBER_SCALES,
    NUMBER_TENS,
    NUMBER_UNITS,
    QUALIFIERS,
    STOP_FIGURE_CONTEXT,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)

_WORDNUM = "|".join(sorted([*NUMBER_UNITS, *NUMBER_TENS], key=len, reverse=True))
SCALE_WORDS = "dozen|hundred|thousand|million|billion|trillion"
_QUAL_RE = "|".join(sorted((q.replace(" ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((v.replace(" ", r"\s+") for v in VAGUE_AMOUNTS), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_CORE = rf"""
    (?:{_DIGITS})(?:\s+(?:{SCALE_WORDS})\b|(?:k|m|mn|bn|tn)\b|(?!\w))
  | (?:half\s+a|a|an|one)\s+(?:{SCALE_WORDS}|dozen)\b
  | (?:{_WORDNUM})(?:(?:\s+and\s+|[\s-]+)(?:{_WORDNUM}|{SCALE_WORDS}))*\b
  | (?:{_VAGUE_RE})\b
"""
FIGURE = re.compile(
    rf"""
    (?<![\w.,$£€¥₪-])
    (?:(?P<qual>{_QUAL_RE})\s+)?
    (?P<cur>US\$|\$|£|€|¥|₪)?\s?
    (?P<num>{_NUMBER_CORE})
    (?:\s*(?:-|–|to)\s*(?P<cur2>US\$|\$|£|€)?(?P<num2>{_DIGITS}|{_WORDNUM})(?:\s+(?P<scale2>{SCALE_WORDS}))?\b)?
    (?:\s*(?P<pct>%|percent\b|per\s+cent\b))?
    (?:\s+(?P<curword>dollars?|euros?|pounds?|shekels?|yuan|rupees?)\b)?
    (?:(?:\s+of)?[\s-]+(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?P<old>-old)?)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What FIGURE's number (its one required part) needs: a digit, or one of these words whole (lower-cased, between
# non-letters): a number word, a scale word ("a hundred", "a dozen"), a word of a vague amount ("a few": "few").
_NUMBER_WORDS = frozenset(
    [*NUMBER_UNITS, *NUMBER_TENS, *SCALE_WORDS.split("|"), "dozen", *(w for v in VAGUE_AMOUNTS for w in v.split())]
) - {"a", "an", "of"}  # each of the vague amounts with these has another word ("a couple", "tens of thousands")
_ASCII_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
# Characters that `re.IGNORECASE` matches to an ASCII letter, or whose lower case is ASCII: with one of them in a
# sentence the word test is not sure, and FIGURE is run.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_PLAIN_WORDS = all(re.fullmatch("[a-z]+", w) for w in _NUMBER_WORDS) and all(
    set(v.split()) - {"a", "an", "of"} for v in VAGUE_AMOUNTS
)


def may_hold_figure(text: str) -> bool:
    """False when FIGURE cannot match the text: no digit, and none of the words its number needs (most sentences
    of news have neither, and scanning FIGURE's alternatives at every word costs more than this test)."""
    if not _PLAIN_WORDS or _FOLDS_TO_ASCII.search(text) or _DIGIT.search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(_ASCII_WORD.findall(text.lower()))


# A month: a name or abbreviation, or a short capitalised prefix with a period ("Oc. 7" is a typo worth reading).
_MONTH_RE = r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|(?!No\.)[A-Z][a-z](?=\.))"
DATE = re.compile(
    rf"""
    \b(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]\d)(?:,?\s+(?P<y1>\d{{4}})\b)?
  | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?
  | \b(?P<m3>{_MONTH_RE})\.?\s+(?P<y3>(?:1[89]|20)\d\d)\b
  | \b(?i:in|since|until|by|of|from|before|after)\s+(?P<y4>(?:1[89]|20)\d\d)\b(?![.,]?\d)
    """,
    re.VERBOSE,
)
TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z0-9'’]|[-.](?=[A-Za-z0-9]))*\.?|\d[\d,.]*|[^\w\s]")
OF_TOTAL = re.compile(r"\d\s+of\s+(?:the\s+)?$")
DEMONYM_END = re.compile(r"(?:[ae]ns|is|ese)$")
BEFORE_WORD = re.compile(r"([A-Za-z][\w.’'-]*)[\s-]*$")


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("1.5 million", "forty-two", "a dozen"); None if none."""
    words = re.findall(r"[a-z]+|\d[\d,]*(?:\.\d+)?", re.sub(r"half\s+an?\b", "half", text.lower().replace("-", " ")))
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word[0].isdigit():
            current += float(word.replace(",", ""))
        elif word in NUMBER_UNITS:
            current += NUMBER_UNITS[word]
        elif word in NUMBER_TENS:
            current += NUMBER_TENS[word]
        elif word in {"a", "an"}:
            current += 1
        elif word == "half":
            current += 0.5
        elif word in NUMBER_SCALES:
            scale = NUMBER_SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif word in {"and", "of"}:
            continue
        else:
            continue
        seen = True
    return total + current if seen else None


def noun_lemma(word: str) -> str:
    w = word.lower().strip(".’'").replace("’s", "").replace("'s", "")
    if w in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zzes")) and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def is_demonym(word: str) -> bool:
    return word[:1].isupper() and bool(DEMONYM_END.search(word)) and word.lower() not in STOP_FIGURE_CONTEXT


def month_number(word: str) -> int | None:
    """The month a name, abbreviation or dotted prefix names ("Oct.", "Oc.", "September"); None if not one."""
    w = word.lower().rstrip(".")
    hits = [i for i, m in enumerate(MONTHS, 1) if m.startswith(w)]
    if len(hits) == 1 and (len(w) >= 3 or word.endswith(".")) and len(w) >= 2:
        return hits[0]
    return None


def is_name_word(word: str) -> bool:
    low = word.lower().rstrip(".")
    return (
        word[0].isupper()
        and low not in STOP_FIGURE_CONTEXT
        and low not in QUALIFIERS
        and low not in WEEKDAYS
        and not month_number(word)
    )
