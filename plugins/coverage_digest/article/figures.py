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
from ..text.sentences import split_article

log = logging.getLogger(__name__)


def _word_set(words: str) -> frozenset[str]:
    """A set of words from a whitespace-separated list (keeps long lexicons readable)."""
    return frozenset(words.split())


# --- lexicons (general English news vocabulary, not tied to one story) -------------------------------------------

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_UNITS |= {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16}
_UNITS |= {"seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
}
_SCALES |= {"bn": 1e9, "mn": 1e6, "tn": 1e12}

# Vague amounts: (low, high) of what the phrase can mean.
_VAGUE = {
    "a couple": (2, 2),
    "a few": (2, 5),
    "several": (3, 9),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2e3, 9999),
    "tens of thousands": (2e4, 99999),
    "hundreds of thousands": (2e5, 999999),
    "millions": (2e6, 9999999),
    "billions": (2e9, 9999999999),
}

# Qualifier as printed -> bound class: what the printed number says about the true value.
_QUALIFIERS = {
    "more than": "min",
    "over": "min",
    "well over": "min",
    "just over": "min",
    "upwards of": "min",
    "in excess of": "min",
    "at least": "min",
    "no fewer than": "min",
    "about": "approx",
    "around": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "nearly",
    "nearly": "nearly",
    "almost": "nearly",
    "just under": "nearly",
    "up to": "max",
    "as many as": "max",
    "at most": "max",
    "no more than": "max",
    "fewer than": "max",
    "less than": "max",
    "under": "max",
}

DURATION_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30.4}
DURATION_DAYS |= {"year": 365.25, "decade": 3652.5}
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₪": "ILS"}
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "shekel": "ILS", "yuan": "CNY", "rupee": "INR"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
_MONTHS += ("november", "december")

# Counted nouns that name the same kind of thing (lemma -> class); demonym plurals ("Palestinians") are "people".
_HEAD_CLASSES = {
    "people": ("person", "people", "civilian", "resident", "inhabitant", "individual", "citizen", "refugee"),
    "troop": ("troop", "soldier", "serviceman", "servicemember", "reservist", "personnel", "marine"),
    "fighter": ("fighter", "militant", "terrorist", "gunman", "insurgent", "combatant", "operative", "jihadist"),
    "hostage": ("hostage", "captive", "abductee"),
    "child": ("child", "kid", "minor", "infant", "baby", "toddler"),
    "woman": ("woman",),
    "projectile": ("rocket", "missile", "projectile", "mortar", "shell"),
    "truck": ("truck", "lorry"),
    "ceasefire": ("ceasefire", "cease-fire", "truce", "pause", "lull", "armistice"),
    "death": ("death", "fatality"),
    "injury": ("injury",),
}
_HEAD_CLASS = {lemma: cls for cls, lemmas in _HEAD_CLASSES.items() for lemma in lemmas}
# Counted nouns that imply what happened to them.
_HEAD_ROLE = {"hostage": "held", "refugee": "displaced", "death": "killed", "injury": "wounded"}
_HEAD_ROLE |= {"captive": "held", "abductee": "held", "fatality": "killed", "casualty": "casualties"}
_ROLE_CLASS_OVERRIDE = {"death": "people", "injury": "people"}  # "5 deaths" counts people killed

_ROLES = {
    "killed": ("killed", "kill", "kills", "killing", "died", "die", "dies", "dead", "slain", "murdered", "perished"),
    "wounded": ("wounded", "wounding", "injured", "injuring", "hurt", "injuries"),
    "held": ("held", "holding", "kidnapped", "abducted", "captive", "hostage"),
    "released": ("released", "releasing", "freed", "freeing", "release"),
    "displaced": ("displaced", "fled", "fleeing", "sheltering", "sheltered", "evacuated", "homeless", "uprooted"),
    "arrested": ("arrested", "detained", "arresting", "detaining"),
    "missing": ("missing",),
    "fired": ("fired", "launched", "firing", "launching"),
}
_ROLE = {word: role for role, words in _ROLES.items() for word in words}

STOP = _word_set(
    """a an the of in on at to for from by with without into onto over under about after before during since until
    and or but nor as than that which who whom whose where when while if because so though although this these those
    is are was were be been being am has have had do does did will would shall should can could may might must
    its their his her our your my it they them he she we you i there here also only just even still now then not no
    ago per each every all both some any more most less least many much such other another same own very too
    said says say told according ago
    between among against across through throughout within along toward towards near beyond amid despite
    including via like upon around"""
)
_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child", "gunmen": "gunman"}
_IRREGULAR |= {"servicemen": "serviceman", "lives": "life", "personnel": "personnel", "data": "data"}
_SINGULAR_S = _word_set("news series species politics economics physics means headquarters")
_WEEKDAYS = _word_set("monday tuesday wednesday thursday friday saturday sunday")

# --- regular expressions ----------------------------------------------------------------------------------------

_WORDNUM = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE_WORDS = "dozen|hundred|thousand|million|billion|trillion"
_QUAL_RE = "|".join(sorted((q.replace(" ", r"\s+") for q in _QUALIFIERS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((v.replace(" ", r"\s+") for v in _VAGUE), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_CORE = rf"""
    (?:{_DIGITS})(?:\s+(?:{_SCALE_WORDS})\b|(?:k|m|mn|bn|tn)\b|(?!\w))
  | (?:half\s+a|a|an|one)\s+(?:{_SCALE_WORDS}|dozen)\b
  | (?:{_WORDNUM})(?:(?:\s+and\s+|[\s-]+)(?:{_WORDNUM}|{_SCALE_WORDS}))*\b
  | (?:{_VAGUE_RE})\b
"""
_FIGURE = re.compile(
    rf"""
    (?<![\w.,$£€¥₪-])
    (?:(?P<qual>{_QUAL_RE})\s+)?
    (?P<cur>US\$|\$|£|€|¥|₪)?\s?
    (?P<num>{_NUMBER_CORE})
    (?:\s*(?:-|–|to)\s*(?P<cur2>US\$|\$|£|€)?(?P<num2>{_DIGITS}|{_WORDNUM})(?:\s+(?P<scale2>{_SCALE_WORDS}))?\b)?
    (?:\s*(?P<pct>%|percent\b|per\s+cent\b))?
    (?:\s+(?P<curword>dollars?|euros?|pounds?|shekels?|yuan|rupees?)\b)?
    (?:(?:\s+of)?[\s-]+(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?P<old>-old)?)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A month: a name or abbreviation, or a short capitalised prefix with a period ("Oc. 7" is a typo worth reading).
_MONTH_RE = r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|(?!No\.)[A-Z][a-z](?=\.))"
_DATE = re.compile(
    rf"""
    \b(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]\d)(?:,?\s+(?P<y1>\d{{4}})\b)?
  | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?
  | \b(?P<m3>{_MONTH_RE})\.?\s+(?P<y3>(?:1[89]|20)\d\d)\b
  | \b(?i:in|since|until|by|of|from|before|after)\s+(?P<y4>(?:1[89]|20)\d\d)\b(?![.,]?\d)
    """,
    re.VERBOSE,
)
TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z0-9'’]|[-.](?=[A-Za-z0-9]))*\.?|\d[\d,.]*|[^\w\s]")
_OF_TOTAL = re.compile(r"\d\s+of\s+(?:the\s+)?$")
_DEMONYM_END = re.compile(r"(?:[ae]ns|is|ese)$")
_BEFORE_WORD = re.compile(r"([A-Za-z][\w.’'-]*)[\s-]*$")


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


# --- parsing ----------------------------------------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("1.5 million", "forty-two", "a dozen"); None if none."""
    words = re.findall(r"[a-z]+|\d[\d,]*(?:\.\d+)?", re.sub(r"half\s+an?\b", "half", text.lower().replace("-", " ")))
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word[0].isdigit():
            current += float(word.replace(",", ""))
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in {"a", "an"}:
            current += 1
        elif word == "half":
            current += 0.5
        elif word in _SCALES:
            scale = _SCALES[word]
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
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zzes")) and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _is_demonym(word: str) -> bool:
    return word[:1].isupper() and bool(_DEMONYM_END.search(word)) and word.lower() not in STOP


def _month(word: str) -> int | None:
    """The month a name, abbreviation or dotted prefix names ("Oct.", "Oc.", "September"); None if not one."""
    w = word.lower().rstrip(".")
    hits = [i for i, m in enumerate(_MONTHS, 1) if m.startswith(w)]
    if len(hits) == 1 and (len(w) >= 3 or word.endswith(".")) and len(w) >= 2:
        return hits[0]
    return None


def _is_name_word(word: str) -> bool:
    low = word.lower().rstrip(".")
    return (
        word[0].isupper() and low not in STOP and low not in _QUALIFIERS and low not in _WEEKDAYS and not _month(word)
    )


def _dimension(unit: str) -> str:
    return "time" if unit in DURATION_DAYS else unit


def base_value(figure: Figure) -> float:
    return figure.value * DURATION_DAYS.get(figure.unit, 1)


def _counted_phrase(tokens: list[str]) -> tuple[list[str], str]:
    """The counted noun phrase at the start of `tokens` and any outcome word inside it ("11 wounded")."""
    phrase: list[str] = []
    role = ""
    for tok in tokens[:5]:
        low = tok.lower().rstrip(".")
        if not tok[0].isalpha() or low in STOP or low in _WEEKDAYS or (_month(tok) and tok[0].isupper()):
            break
        if low in _ROLE and low not in _HEAD_CLASS and low not in _HEAD_ROLE:
            role = role or _ROLE[low]
            if phrase:
                break
            continue
        if phrase and (low.endswith(("ing", "ed", "ly")) and low not in _HEAD_CLASS):
            break
        if phrase and tok[0].isupper() and any(p[0].islower() for p in phrase):
            break
        phrase.append(tok.rstrip(".") if "." not in tok[:-1] else tok)
        if tok[0].islower() and (noun_lemma(tok) != low or low in _IRREGULAR) and low not in _SINGULAR_S:
            break  # a plural noun ends the phrase: "3,000 workers lost their jobs"
        if _is_demonym(tok):
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
    if _is_demonym(last) and lemma not in _HEAD_CLASS:
        return "people", role
    head_role = _HEAD_ROLE.get(lemma, "")
    cls = _ROLE_CLASS_OVERRIDE.get(lemma, _HEAD_CLASS.get(lemma, lemma))
    return cls, role or head_role


def _figures_in_sentence(article_id: str, index: int, text: str, offset: int) -> list[Figure]:
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        figure = _date_figure(article_id, index, match, offset)
        if figure:
            out.append(figure)
            taken.append((match.start(), match.end()))
    previous_head = ""
    for match in _FIGURE.finditer(text):
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
        month = _month(month_word + ("." if month_word + "." in match.group(0) else "")) or 0
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
    low_num = re.sub(r"\s+", " ", num.lower())
    before = _BEFORE_WORD.search(text[max(0, match.start() - 40) : match.start()])
    if before and not match.group("qual") and _is_name_word(before.group(1)):
        return None  # an identifier such as "Route 60" or "Resolution 2334"
    if low_num == "one" and not match.group("unit"):
        rest = TOKEN.findall(text[match.end() :])
        if not rest or noun_lemma(rest[0]) not in _HEAD_CLASS:
            return None  # "one of", "no one", "never conveyed one"
    qualifier = re.sub(r"\s+", " ", (match.group("qual") or "").lower())
    if low_num in _VAGUE:
        low, high = _VAGUE[low_num]
        bound = "vague"
    else:
        value = parse_number(num)
        if value is None:
            return None
        low = high = value
        bound = _QUALIFIERS.get(qualifier, "exact")
        if match.group("num2"):
            second = parse_number(match.group("num2") + " " + (match.group("scale2") or ""))
            if second is None or second <= value:
                return None
            scale = re.search(rf"(?:{_SCALE_WORDS})$", num, re.I)
            if scale and not match.group("scale2") and second < value:
                second *= _SCALES[scale.group(0).lower()]
            high, bound = second, "range"
    kind, unit = "count", ""
    currency = (match.group("cur") or match.group("cur2") or "").lower()
    if currency:
        kind, unit = "money", _CURRENCY_SIGNS.get(currency, currency.upper())
    elif match.group("curword"):
        kind, unit = "money", _CURRENCY_WORDS[noun_lemma(match.group("curword"))]
    elif match.group("pct"):
        kind, unit = "percent", "%"
    elif match.group("unit"):
        kind, unit = ("age" if match.group("old") else "duration"), noun_lemma(match.group("unit"))
    elif re.fullmatch(r"(?:1[89]|20)\d\d", num) and not qualifier:
        return None  # a bare year is read by the date rules
    start, end = match.start("qual") if qualifier else match.start(), match.end()
    while text[start].isspace():
        start += 1
    rest = TOKEN.findall(text[end:])
    if rest and rest[0].lower() == "of" and (bound == "vague" or kind in {"percent", "money"}):
        rest = rest[1:]
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
    if kind == "money" and rest and rest[0].lower() in {"in", "for", "worth"}:
        rest = rest[1:]
    if len(rest) > 1 and rest[0].lower() == "of" and _FIGURE.match(text, end + text[end:].find(rest[1])):
        rest = TOKEN.findall(text[_FIGURE.match(text, end + text[end:].find(rest[1])).end() :])  # "157 of 338 seats"
    phrase, role = _counted_phrase(rest)
    head, role = _head(phrase, role)
    if not role:
        role = _nearby_role(rest[len(phrase) :])
    if not head and role and kind == "count":
        head = previous_head or "people"  # "three troops were killed and 11 wounded": 11 troops
    if _OF_TOTAL.search(text, max(0, start - 30), start):
        role = "total"  # "157 of 338 seats": 338 is the whole, not a rival count
    if kind == "count" and not head:
        return None  # a bare number with nothing counted is not a comparable figure
    if kind == "age":
        head, role = head or "person", "age"
    printed = text[start:end]
    return Figure(
        article_id,
        index,
        offset + start,
        offset + end,
        printed,
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


def _modifier(phrase: list[str]) -> str:
    """Capitalised words of the counted phrase (demonyms, names), normalised: they narrow what is counted."""
    words = {noun_lemma(w).rstrip("s") if _is_demonym(w) else w.lower() for w in phrase if w[0].isupper()}
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
