"""Recognise site furniture: lines a web page wraps around an article that are not part of it.

Each rule describes a kind of furniture by its shape (a prompt, a widget label, a counter, a signature), never a
particular site's wording, and applies only to short lines so that a sentence of the article is never taken.
"""

from __future__ import annotations

import re

_SOCIAL = (
    r"(?:whats\s?app|facebook|twitter|x|telegram|instagram|tiktok|youtube|linkedin|threads|google\s+news|rss|email)"
)
MAX_FURNITURE_WORDS = 14

# (kind, pattern); patterns are matched against the whole stripped line, case-insensitively.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("stray counter", r"[\d,.]+\s*(?:k|m)?(?:\s+(?:comments?|shares?|views?|likes?|reads?))?"),
        ("comment prompt", r"(?:leave|post|add|write)\s+a\s+(?:reply|comment|response)\b.*"),
        ("comment prompt", r"please\s+(?:enter|type|fill\s+in)\s+your\s+(?:comment|name|e-?mail|website)\b.*"),
        ("comment prompt", r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?\s*[:.!]?|(?:view|show|load)\s+(?:all\s+)?comments.*"),
        ("comment prompt", r"you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment.*"),
        (
            "share widget",
            r"(?:>>|<<|»|«)?\s*(?:follow|like|join|share|find)\b.*\b(?:on|via|with)\s+" + _SOCIAL + r"\b.*",
        ),
        (
            "share widget",
            r"(?:share|tweet|print|e-?mail|copy\s+link|share\s+this(?:\s+article)?|share\s+on\s+\w+)\s*[.:!]?",
        ),
        ("share widget", r"(?:share|tweet|pin|email|print)(?:\s*[|·•/]\s*(?:share|tweet|pin|email|print|\w+))+\s*"),
        (
            "navigation",
            r"(?:exit\s+mobile\s+version|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|advertisement|ad)\s*",
        ),
        (
            "read-more prompt",
            r"(?:click|tap)\s+here\b.*|(?:read|see)\s+more\b.*|(?:related|recommended|also\s+read)\s*:.*",
        ),
        ("read-more prompt", r"continue\s+reading\b.*|read\s+the\s+full\s+(?:story|article)\b.*"),
        (
            "subscribe prompt",
            r"discover\s+more\s+from\b.*|subscribe\b.*|sign\s+up\b.*\b(?:newsletter|updates|email)\b.*",
        ),
        ("subscribe prompt", r"get\s+the\s+latest\b.*\b(?:email|inbox|newsletter)\b.*"),
        ("signature", r"\{[^{}]{2,80}\}|\[[^\[\]]{2,80}\]"),
        ("copyright line", r"(?:©|\(c\)|copyright)\s*.*|all\s+rights\s+reserved\.?"),
    )
)


def furniture_kind(line: str) -> str | None:
    """Name the kind of furniture a line is, or None when it may be article text."""
    stripped = line.strip()
    if not stripped:
        return "blank"
    if len(stripped.split()) > MAX_FURNITURE_WORDS:
        return None
    for kind, pattern in _RULES:
        if pattern.fullmatch(stripped):
            return kind
    return None
