"""Infer who published an article from lines that give it away; never guess from anything weaker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tld import get_fld

from ..text.lexicon import OUTLET_SMALL_WORDS

_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|org|net|news|co\.uk|co|io|info|tv|us|uk|ca|au|il|de|fr|in))\b", re.I)
_NAME = r"([A-Z0-9][\w&'’.-]*(?:\s+(?:of|the|and|&|[A-Z0-9][\w&'’.-]*)){0,5})"


@dataclass(frozen=True, slots=True)
class OutletClue:
    """What one line says about the outlet: who, in which role, and the line itself as evidence."""

    name: str
    role: str  # "outlet" or "republisher"
    strength: int  # higher wins when clues disagree
    evidence: str


_PATTERNS: tuple[tuple[re.Pattern[str], str, int], ...] = (
    # {Site.com City} or [Site.com]: a signature line closing the article.
    (re.compile(r"^[{\[]\s*(?P<name>[^{}\[\]]+?)\s*[}\]]$"), "outlet", 3),
    # "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER", "Read more from Outlet"
    (re.compile(r"\bread\s+more\s+(?:from|at|on)\s+(?:the\s+)?(?P<name>[^.!?]{2,60}?)\s*[.!]?$", re.I), "outlet", 3),
    # "Copyright 2024 Outlet" / "© Outlet. All rights reserved."
    (
        re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s+)?(?P<name>[^.,]{2,60}?)\s*(?:[.,].*)?$", re.I),
        "outlet",
        2,
    ),
    # ">>Follow Outlet On Whatsapp!<<"
    (re.compile(r"\bfollow\s+(?:the\s+)?(?P<name>.{2,40}?)\s+(?:on|via)\s+\w+", re.I), "outlet", 1),
    # "Discover more from site.com": the subscribe box of the site that hosts this copy.
    (re.compile(r"^discover\s+more\s+from\s+(?P<name>.{2,60}?)\s*[.!]?$", re.I), "republisher", 2),
)
# "WASHINGTON (Reuters) —" at the start of the text: an agency dateline.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}\((?P<name>[A-Z][\w .&-]{1,30})\)\s*[-—–:]")


def find_clues(removed: tuple[str, ...], first_paragraph: str | None) -> tuple[OutletClue, ...]:
    """Collect outlet clues from removed furniture lines and from a dateline opening the article."""
    clues: list[OutletClue] = []
    for line in removed:
        stripped = line.strip()
        for pattern, role, strength in _PATTERNS:
            match = pattern.search(stripped)
            if match:
                clues.append(OutletClue(outlet_name(match.group("name")), role, strength, stripped))
                break
    if first_paragraph:
        match = _DATELINE.match(first_paragraph)
        if match:
            clues.append(OutletClue(outlet_name(match.group("name")), "outlet", 3, first_paragraph[: match.end()]))
    return tuple(c for c in clues if c.name)


def outlet_name(raw: str) -> str:
    """Tidy a name as printed: a domain wins inside a signature; shouting capitals become title case."""
    raw = raw.strip(" .!:;,-–—<>«»")
    domain = _DOMAIN.search(raw)
    if domain and domain.group(0) != raw:
        raw = domain.group(0)
    if raw.lower().startswith("the "):
        raw = raw[4:]
    letters = [c for c in raw if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(raw.split()) > 1:
        raw = " ".join(_title_word(w, i) for i, w in enumerate(raw.split()))
    return raw.strip()


def _title_word(word: str, index: int) -> str:
    if index and word.lower() in OUTLET_SMALL_WORDS:
        return word.lower()
    return word if len(word) <= 3 else word.capitalize()


def choose_outlet(clues: tuple[OutletClue, ...]) -> tuple[str | None, str | None, str | None]:
    """Return (outlet, republisher, evidence): the strongest outlet clue; a republisher only when distinct."""
    outlets = sorted((c for c in clues if c.role == "outlet"), key=lambda c: -c.strength)
    hosts = [c for c in clues if c.role == "republisher"]
    outlet = outlets[0] if outlets else None
    host = hosts[0] if hosts else None
    if outlet is None and host is not None:
        # The only clue is the site hosting this copy: as far as the text shows, it is the publisher.
        return host.name, None, host.evidence
    if outlet is None:
        return None, None, None
    republisher = host.name if host is not None and not _same_outlet(host.name, outlet.name) else None
    return outlet.name, republisher, outlet.evidence


def _same_outlet(a: str, b: str) -> bool:
    def key(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", name.lower().split(".")[0])

    return key(a) == key(b)


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of an article's address ("https://www.washingtonexaminer.com/x" ->
    "washingtonexaminer.com"), by the public suffix list bundled with `tld` (no network); None for an address with
    no registered domain (an IP address, localhost). The name is the domain as written: no name is made up from it."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").rstrip(".")
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return None
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    return found.lower() if isinstance(found, str) else None
