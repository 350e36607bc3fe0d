"""Figures one article reports (counts, durations, money, percentages, dates), each with what it counts.

A figure is read with transparent rules: a qualifier ("about", "more than", "up to"), the number in digits or words, a
unit or currency, then the noun phrase it counts and the outcome it reports (killed, wounded, held, displaced). How
figures compare across outlets is the story stage's `story.figures`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..records import Article, Sentence
from ..text.lexicon import (
    COUNTED_CLASSES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DAYS_PER_UNIT,
    IMPLIED_OUTCOME,
    IRREGULAR_PLURALS,
    NUMBER_SCALES,
    OUTCOME_CLASS,
    OUTCOMES,
    QUALIFIERS,
    SINGULAR_S,
    STOP_FIGURE_CONTEXT,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from ..text.sentences import split_article
from .numbers import (
    BEFORE_WORD,
    DATE,
    FIGURE,
    OF_TOTAL,
    SCALE_WORDS,
    TOKEN,
    is_demonym,
    is_name_word,
    may_hold_figure,
    month_number,
    noun_lemma,
    parse_number,
)

log = logging.getLogger(__name__)


# Derived lookups over the lexicon's tables.
_HEAD_CLASS = {lemma: cls for cls, lemmas in COUNTED_CLASSES.items() for lemma in lemmas}
_ROLE = {word: role for role, words in OUTCOMES.items() for word in words}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as an article prints it, with what it counts; offsets point into `Article.text`."""

    article_id: str
    sentence: int  # index of the sentence among the article's sentences
    start: int
    end: int
    text: str  # as printed, qualifier to unit ("more than a million", "40 day")
    kind: str  # count | duration | money | percent | date | age
    value: float  # the number (low end of a range); dates are month*100+day (+ year*10000 when printed)
    value_high: float  # high end of a range (== value for a single number)
    qualifier: str  # as printed, lower-cased: "about", "over", "more than" ... or "" when exact
    bound: str  # exact | approx | min | max | nearly | range | vague
    unit: str  # "day", "USD", "%", "date" or "" for plain counts
    counts: str  # what it counts, as printed ("Palestinian refugees", "troops", "ceasefire")
    head: str  # normalised class of the counted noun ("people", "troop", "hostage", "ceasefire")
    role: str  # what happened to what is counted: killed, wounded, held, displaced ... or ""
    modifier: str  # proper-name words narrowing what is counted, normalised ("israeli" in "Israeli hostages")

    @property
    def key(self) -> str:
        """The grouping key: figures with the same key are about the same thing."""
        if self.kind == "date":
            day = int(self.value) % 10000
            return f"date:{day:04d}" if day else f"date:{int(self.value) // 10000}"
        if not self.head and not self.role:
            return f"{self.kind}:{self.unit}::={base_value(self):g}"
        return f"{self.kind}:{_dimension(self.unit)}:{self.head}:{self.role}"


def _dimension(unit: str) -> str:
    return "time" if unit in DAYS_PER_UNIT else unit


def base_value(figure: Figure) -> float:
    return figure.value * DAYS_PER_UNIT.get(figure.unit, 1)


def _counted_phrase(tokens: list[str]) -> tuple[list[str], str]:
    """The counted noun phrase at the start of `tokens` and any outcome word inside it ("11 wounded")."""
    phrase: list[str] = []
    role = ""
    for tok in tokens[:5]:
        low = tok.lower().rstrip(".")
        if (
            not tok[0].isalpha()
            or low in STOP_FIGURE_CONTEXT
            or low in WEEKDAYS
            or (month_number(tok) and tok[0].isupper())
        ):
            break
        if low in _ROLE and low not in _HEAD_CLASS and low not in IMPLIED_OUTCOME:
            role = role or _ROLE[low]
            if phrase:
                break
            continue
        if phrase and (low.endswith(("ing", "ed", "ly")) and low not in _HEAD_CLASS):
            break
        if phrase and tok[0].isupper() and any(p[0].islower() for p in phrase):
            break
        phrase.append(tok.rstrip(".") if "." not in tok[:-1] else tok)
        if tok[0].islower() and (noun_lemma(tok) != low or low in IRREGULAR_PLURALS) and low not in SINGULAR_S:
            break  # a plural noun ends the phrase: "3,000 workers lost their jobs"
        if is_demonym(tok):
            break
    return phrase, role


def _nearby_role(tokens: list[str]) -> str:
    """An outcome word in the rest of the clause ("were killed"), stopping at punctuation or the next number."""
    for tok in tokens[:6]:
        low = tok.lower().rstrip(".")
        if not tok[0].isalpha() or low in {"and", "or", "but", "while", "as", "which", "who"}:
            return ""
        if low in _ROLE:
            return _ROLE[low]
    return ""


def _head(phrase: list[str], role: str) -> tuple[str, str]:
    """Normalised class of the counted noun and the outcome it implies."""
    if not phrase:
        return "", role
    last = phrase[-1]
    lemma = noun_lemma(last)
    if is_demonym(last) and lemma not in _HEAD_CLASS:
        return "people", role
    head_role = IMPLIED_OUTCOME.get(lemma, "")
    cls = OUTCOME_CLASS.get(lemma, _HEAD_CLASS.get(lemma, lemma))
    return cls, role or head_role


_DIGIT = re.compile(r"\d")


def _figures_in_sentence(article_id: str, index: int, text: str, offset: int) -> list[Figure]:
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    dates = DATE.finditer(text) if _DIGIT.search(text) else ()  # every form of DATE has a digit; most sentences none
    for match in dates:
        figure = _date_figure(article_id, index, match, offset)
        if figure:
            out.append(figure)
            taken.append((match.start(), match.end()))
    previous_head = ""
    for match in FIGURE.finditer(text) if may_hold_figure(text) else ():
        if any(s < match.end("num") and match.start("num") < e for s, e in taken):
            continue
        figure = _number_figure(article_id, index, text, match, offset, previous_head)
        if figure:
            out.append(figure)
            previous_head = figure.head or previous_head
    return out


def _date_figure(article_id: str, index: int, match: re.Match[str], offset: int) -> Figure | None:
    month_word = match.group("m1") or match.group("m2") or match.group("m3")
    month = 0
    if month_word is not None:
        month = month_number(month_word + ("." if month_word + "." in match.group(0) else "")) or 0
        if not month:
            return None
    day = int(match.group("d1") or match.group("d2") or 0)
    year = int(match.group("y1") or match.group("y2") or match.group("y3") or match.group("y4") or 0)
    if day > 31 or not (month or year):
        return None
    start = match.start("y4") if match.group("y4") else match.start()
    value = float(year * 10000 + month * 100 + day)
    text = match.string[start : match.end()]
    return Figure(
        article_id,
        index,
        offset + start,
        offset + match.end(),
        text,
        "date",
        value,
        value,
        "",
        "exact",
        "date",
        "",
        "",
        "",
        "",
    )


def _number_figure(
    article_id: str, index: int, text: str, match: re.Match[str], offset: int, previous_head: str
) -> Figure | None:
    num = match.group("num")
    if _not_a_figure(text, match, num):
        return None
    qualifier = re.sub(r"\s+", " ", (match.group("qual") or "").lower())
    amount = _amount(match, num, qualifier)
    kind_unit = _kind_and_unit(match, num, qualifier)
    if amount is None or kind_unit is None:
        return None
    (low, high, bound), (kind, unit) = amount, kind_unit
    start, end = match.start("qual") if qualifier else match.start(), match.end()
    while text[start].isspace():
        start += 1
    rest = _counted_words(text, end, bound, kind)
    phrase, role = _counted_phrase(rest)
    head, role = _head(phrase, role)
    if not role:
        role = _nearby_role(rest[len(phrase) :])
    if not head and role and kind == "count":
        head = previous_head or "people"  # "three troops were killed and 11 wounded": 11 troops
    if OF_TOTAL.search(text, max(0, start - 30), start):
        role = "total"  # "157 of 338 seats": 338 is the whole, not a rival count
    if kind == "count" and not head:
        return None  # a bare number with nothing counted is not a comparable figure
    if kind == "age":
        head, role = head or "person", "age"
    return Figure(
        article_id,
        index,
        offset + start,
        offset + end,
        text[start:end],
        kind,
        low,
        high,
        qualifier,
        bound,
        unit,
        " ".join(phrase),
        head,
        role,
        _modifier(phrase),
    )


def _not_a_figure(text: str, match: re.Match[str], num: str) -> bool:
    """An identifier ("Route 60", "Resolution 2334") or a "one" that counts nothing ("one of", "no one")."""
    before = BEFORE_WORD.search(text[max(0, match.start() - 40) : match.start()])
    if before and not match.group("qual") and is_name_word(before.group(1)):
        return True
    if re.sub(r"\s+", " ", num.lower()) == "one" and not match.group("unit"):
        rest = TOKEN.findall(text[match.end() :])
        return not rest or noun_lemma(rest[0]) not in _HEAD_CLASS
    return False


def _amount(match: re.Match[str], num: str, qualifier: str) -> tuple[float, float, str] | None:
    """(low, high, bound) of the printed number or range; None when it is not a number after all."""
    low_num = re.sub(r"\s+", " ", num.lower())
    if low_num in VAGUE_AMOUNTS:
        low, high = VAGUE_AMOUNTS[low_num]
        return float(low), float(high), "vague"  # a figure's value is a float, whatever table it came from
    value = parse_number(num)
    if value is None:
        return None
    if not match.group("num2"):
        return value, value, QUALIFIERS.get(qualifier, "exact")
    second = parse_number(match.group("num2") + " " + (match.group("scale2") or ""))
    if second is None or second <= value:
        return None
    scale = re.search(rf"(?:{SCALE_WORDS})$", num, re.I)
    if scale and not match.group("scale2") and second < value:
        second *= NUMBER_SCALES[scale.group(0).lower()]
    return value, second, "range"


def _kind_and_unit(match: re.Match[str], num: str, qualifier: str) -> tuple[str, str] | None:
    """What the number measures: money (currency), percent, duration or age (unit), or a count; None for a bare
    year, which the date rules read."""
    currency = (match.group("cur") or match.group("cur2") or "").lower()
    if currency:
        return "money", CURRENCY_SIGNS.get(currency, currency.upper())
    if match.group("curword"):
        return "money", CURRENCY_WORDS[noun_lemma(match.group("curword"))]
    if match.group("pct"):
        return "percent", "%"
    if match.group("unit"):
        return ("age" if match.group("old") else "duration"), noun_lemma(match.group("unit"))
    if re.fullmatch(r"(?:1[89]|20)\d\d", num) and not qualifier:
        return None
    return "count", ""


def _counted_words(text: str, end: int, bound: str, kind: str) -> list[str]:
    """The tokens after a number that may name what it counts ("of the" and "worth" skipped; "157 of 338 seats"
    reads past the second number)."""
    rest = TOKEN.findall(text[end:])
    if rest and rest[0].lower() == "of" and (bound == "vague" or kind in {"percent", "money"}):
        rest = rest[1:]
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
    if kind == "money" and rest and rest[0].lower() in {"in", "for", "worth"}:
        rest = rest[1:]
    if len(rest) > 1 and rest[0].lower() == "of":
        second = FIGURE.match(text, end + text[end:].find(rest[1]))
        if second:
            rest = TOKEN.findall(text[second.end() :])
    return rest


def _modifier(phrase: list[str]) -> str:
    """Capitalised words of the counted phrase (demonyms, names), normalised: they narrow what is counted."""
    words = {noun_lemma(w).rstrip("s") if is_demonym(w) else w.lower() for w in phrase if w[0].isupper()}
    return " ".join(sorted(words))


def find_figures(article: Article, sentences: tuple[Sentence, ...] | None = None) -> tuple[Figure, ...]:
    """Every figure in one article's cleaned text, in reading order."""
    out: list[Figure] = []
    for sentence in sentences if sentences is not None else split_article(article):
        out.extend(_figures_in_sentence(article.id, sentence.index, sentence.text, sentence.start))
    out.sort(key=lambda f: (f.start, f.end))
    return tuple(out)


def find_all_figures(
    articles: Iterable[Article], sentences: Mapping[str, tuple[Sentence, ...]] | None = None
) -> tuple[Figure, ...]:
    """Figures of several articles, article by article (`sentences`: article id -> sentences, if already split)."""
    return tuple(f for a in articles for f in find_figures(a, sentences.get(a.id) if sentences else None))
