"""The rule registry: every rule a quote can record is listed, and every listed rule exists in the code."""

from __future__ import annotations

import re
from pathlib import Path

from test_attribution import SEEDS
from test_quotes import make_article, seed_article

from coverage_digest.article.analyse import extract_quotes
from coverage_digest.article.speaker_rules import RULES

ARTICLE = Path(__file__).resolve().parent.parent / "plugins" / "coverage_digest" / "article"
SENTENCES = [
    "“The river is rising,” Mayor Ana Ruiz said.",
    "“The river is rising,” said former mayor Ana Ruiz.",
    "Ana Ruiz blamed the rain for the “worst week of the year.”",
    "The talks were “in-depth and serious,” according to the Guardian.",
    "“What a week!” Ana Ruiz said of the floods on Monday at the old bridge near the school.",
]


def test_every_recorded_rule_is_listed() -> None:
    found = {q.how for text in SENTENCES for q in extract_quotes(make_article(text))}
    found |= {q.how for path in SEEDS.glob("*.txt") for q in extract_quotes(seed_article(path))}
    assert found - set(RULES) == set()
    assert {"after", "inverted-modifier", "subject-verb", "according-relay", "next-sentence"} <= found


def test_every_listed_rule_is_in_the_code() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in ARTICLE.glob("*.py") if p.name != "speaker_rules.py")
    missing = [name for name in RULES if not re.search(rf"[\"']{re.escape(name)}[\"']", code)]
    assert missing == []
