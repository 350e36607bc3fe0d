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

# Speakers and names (text/names.py, text/cast.py, article/attribution*.py): titles, bodies, roles, speech verbs.
_speakers = _DATA["speakers"]
TITLE_WORDS = _words(_speakers["titles"])  # a title or an office before a name
PERSON_TITLES = _words(_speakers["person_titles"])  # a title that makes the mention a person
PERSONAL_TITLES: dict[str, str] = _speakers["personal_titles"]  # honorific -> "m" or "f"
BODY_WORDS = _words(_speakers["body_words"])  # a name ending in one names a body or a place
PLACE_FIRST_WORDS = _words(_speakers["place_first_words"])  # a name starting with one names a place
NAME_STOP_WORDS = _words(_speakers["name_stop_words"])  # capitalised only at a sentence start: never a name
TIME_WORDS = _words(_speakers["time_words"])  # days and months
ABBREVIATIONS = _words(_speakers["abbreviations"])  # a period that ends no sentence
NAME_PARTICLES = _words(_speakers["particles"])  # "bin", "van", "de" inside a name
NICKNAMES: dict[str, str] = _speakers["nicknames"]  # familiar form -> given name
TITLE_ROLES: dict[str, frozenset[str]] = {k: _words(v) for k, v in _speakers["title_roles"].items()}  # sen -> senator
ROLE_NOUNS = _words(_speakers["role_nouns"])  # "the prime minister", "a spokesman"
BODY_NOUNS = _words(_speakers["body_nouns"])  # "the group", "the ministry"
DOCUMENT_NOUNS = _words(_speakers["document_nouns"])  # "the ad", "the complaint": a text that says something
MEDIA_WORDS = _words(_speakers["media_words"])  # a news organisation or a report: a relay
SPEECH_VERBS = _words(_speakers["speech_verbs"])  # the cue between a quote and its speaker
SPEECH_PHRASES: tuple[str, ...] = tuple(_speakers["speech_phrases"])
SPEECH_NOUNS = _words(_speakers["speech_nouns"])  # "her remark that “…”": something said, by the possessor
LISTENER_VERBS = _words(_speakers["listener_verbs"])  # "told Reuters": the object is the listener
INTRO_WORDS = tuple(_speakers["intro_words"].split())  # "Meanwhile, X said": before the subject (as written)
CATENATIVE_WORDS = tuple(_speakers["catenative_words"].split())  # "X went so far as to say"
OPENING_SPEECH_VERBS = tuple(_speakers["opening_speech_verbs"].split())  # "Said Ana Ruiz, “…”" (as written)
OBJECT_PREPOSITIONS = tuple(_speakers["object_prepositions"].split())  # "a vote for Ana Ruiz": no subject
NOUN_MODIFIERS = tuple(_speakers["noun_modifiers"].split())  # "The GOP presidential candidate"
MODIFIER_ENDINGS = tuple(_speakers["modifier_endings"].split())  # an adjective by its ending

# The mentions table (story/mentions.py): cue words by the kind of name they mark.
MENTION_CUES: dict[str, frozenset[str]] = {key: _words(value) for key, value in _DATA["mentions"].items()}
