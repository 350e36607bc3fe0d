"""The digest's word lists, read once from lexicon.toml: each stage imports the lists it needs from here by name.

The data file says what each list is for; this module gives each a type. Rules name no article's words: the lists
describe English news in general, and a list is added here, not in the module that uses it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

_DATA: dict[str, Any] = tomllib.loads(Path(__file__).with_name("lexicon.toml").read_text(encoding="utf-8"))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_stop, _figures, _wording = _DATA["stop_words"], _DATA["figures"], _DATA["wording"]

# Stop words, by the comparison they keep common words out of.
STOP_ENGLISH = _words(_stop["english"])  # TF-IDF vectors (scikit-learn's English list)
STOP_ATTRIBUTION = _words(_stop["attribution"])  # said, told, according ...: in every news sentence
STOP_SEARCH = _words(_stop["search"])  # the search index and its queries
STOP_QUOTATION = _words(_stop["quotation"])  # content words of quotations
STOP_FIGURE_CONTEXT = _words(_stop["figure_context"])  # the words around a figure
STOP_WORDING = _words(_stop["wording"])  # an outlet's distinctive word choice

# Figures: number words, vague amounts, qualifiers, units, currencies, what is counted and what happened to it.
NUMBER_UNITS: dict[str, int] = _figures["units"]
NUMBER_TENS: dict[str, int] = _figures["tens"]
NUMBER_SCALES: dict[str, int | float] = _figures["scales"]
VAGUE_AMOUNTS: dict[str, tuple[int | float, int | float]] = {k: tuple(v) for k, v in _figures["vague"].items()}
QUALIFIERS: dict[str, str] = _figures["qualifiers"]
DAYS_PER_UNIT: dict[str, float] = _figures["units_of_time"]
CURRENCY_SIGNS: dict[str, str] = _figures["currencies"]["signs"]
CURRENCY_WORDS: dict[str, str] = _figures["currencies"]["words"]
COUNTED_CLASSES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _figures["counted"]["classes"].items()}
IMPLIED_OUTCOME: dict[str, str] = _figures["counted"]["implied_outcome"]
OUTCOME_CLASS: dict[str, str] = _figures["counted"]["outcome_class"]
OUTCOMES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _figures["counted"]["outcomes"].items()}
IRREGULAR_PLURALS: dict[str, str] = _figures["counted"]["irregular_plurals"]
SINGULAR_S = _words(_figures["counted"]["singular_s"])

MONTHS: tuple[str, ...] = tuple(_DATA["calendar"]["months"])  # in calendar order
WEEKDAYS = _words(_DATA["calendar"]["weekdays"])

# Word choice: family -> ((term, pattern), ...); British -> American spellings as (compiled pattern, replacement).
WORDING_FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    family: tuple((term, pattern) for term, pattern in terms) for family, terms in _wording["families"].items()
}
BRITISH_TO_AMERICAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in _wording["spelling"]["british_to_american"]
)

# Places: countries, large cities, and short forms -> the name they stand for.
COUNTRIES = frozenset(_DATA["places"]["countries"])
CITIES = frozenset(_DATA["places"]["cities"])
PLACE_ALIASES: dict[str, str] = _DATA["places"]["aliases"]

OUTLET_SMALL_WORDS = _words(_DATA["outlets"]["small_words"])  # lower-case words inside an outlet's name

# Exports (CSV, JSON, JSON Lines): our field -> the column names tools give it, in order of preference; and the keys a
# JSON export keeps its list of articles under.
_columns = _DATA["export_columns"]
EXPORT_LIST_KEYS: tuple[str, ...] = tuple(_columns["list_keys"])
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _columns.items() if k != "list_keys"}
