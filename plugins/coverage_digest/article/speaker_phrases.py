"""Turning a subject phrase into a speaker, within one article: names resolved to the person (the shared resolver,
text/names.py), pronouns to the nearest fitting name, roles ("the prime minister") to whom the article gave them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..text.cast import STOPWORDS, Cast, Mention
from ..text.lexicon import (
    BODY_NOUNS,
    DOCUMENT_NOUNS,
    MODIFIER_ENDINGS,
    NOUN_MODIFIERS,
    OBJECT_PREPOSITIONS,
    ROLE_NOUNS,
    TITLE_ROLES,
)
from ..text.names import MASK, is_body_name, is_relay, is_role_phrase, words_of
from .quote_frames import FrameSentence

_NP_BREAK = re.compile(r"\b(?:with|of|at|in|on|for|from|by|to|have|has|had|is|was|were|are|\w+ed|\w+ing)\b|[,;:]")
_FUNCTION_WORDS = re.compile(
    r"\b(?:the|a|an|and|or|but|that|which|who|whom|whose|this|these|those|it|its|he|she|they|his|her|their|as|if|"
    r"when|while|than|not|no|there|here|what|how|why|where|said|says|told)\b|[,;:\x00]|--"
)


def _clean_lead(lead: str) -> bool:
    """Say whether words before a name can belong to its noun phrase ("Democratic presidential nominee")."""
    return not _NP_BREAK.search(lead) and not _FUNCTION_WORDS.search(lead)


# A verb in a subject phrase: an auxiliary, or an -ed/-ing word that ends it or takes an object ("the retired
# neurosurgeon" is a noun phrase; "the campaign released" and "one aide involved in" are not).
_VERBISH = re.compile(
    r"\b(?:has|have|had|is|was|were|are|will|would)\b|\b\w+(?:ed|ing)(?:$|\s+(?:in|on|at|by|to|for|with|the|a|an)\b)"
)
# A role held for someone named: "a spokesman for Trump", "an aide to Mr. Sanders", "a friend of Ana Ruiz".
_AGENT_OF = re.compile(
    r"(?:\S+\s+){0,4}?([A-Za-z\-]+)\s+(?:for|to|of)\s+(?:the\s+|both\s+)?[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}$"
)
_SHARE = re.compile(r"%|\bpercent\b|\b\w+ in (?:10|ten)\b|\b(?:majority|half|third|quarter) of\b", re.IGNORECASE)
PRONOUNS = words_of("""he she they it we i who you""")
DETERMINERS = words_of("""a an the one two three four several some many other another his her its their this that""")
# Words that make a description the newspaper's: "the paper's editorial board", "the daily".
_PAPER_WORDS = frozenset({"paper", "newspaper", "editorial", "daily"})
# Earlier speakers looked back on for continuations, "the group" and "the official".
RECENT_SPEAKERS = 50


# A described subject: a determiner, up to three modifiers, a lower-case head ("The two lawmakers", "An early tweet").
_DESCRIBED = re.compile(
    r"(?:The|the|A|An|One|Another|Two|Three|Some|Many|Several)\s+(?:[\w\-’']+\s+){0,3}?([a-z][a-z\-]+)\b(?!['’])"
)


def _role_words(role: str) -> set[str]:
    """The words of a role as written, short titles spelled out ("Sen." -> sen, senator)."""
    words = set(re.findall(r"[a-z\-]+", role.lower()))
    return words.union(*(TITLE_ROLES.get(w, ()) for w in words))


def _modified_noun(after: str) -> int:
    """The length of the noun a name modifies ("GOP nominee", "Rove ad"), spaces included; 0 when none."""
    end = 0
    for index in range(3):  # up to two modifiers first: "GOP presidential candidate"
        word = re.match(r"\s+([a-z][a-z\-]+)\b", after[end:])
        if not word:
            return 0
        end += word.end()
        if _source_noun(word.group(1)):
            return end
        if index == 2 or not _MODIFIER.fullmatch(word.group(1)):
            return 0
    return 0


# A modifier between a name and the noun it modifies: an adjective by its ending, or a common noun modifier.
_MODIFIER = re.compile(r"[a-z\-]+(?:" + "|".join(MODIFIER_ENDINGS) + ")|" + "|".join(NOUN_MODIFIERS))


# A role written before the name it belongs to, set off by a comma: "Ms. Ruiz's spokesman, Ana Lee", "the Water Board's
# chief engineer, Ana Lee", "the leader of the Rail Union, Ana Lee" (up to four modifiers, capitalised ones too).
_ROLE_LEAD = re.compile(
    r"(?:(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s|(?:[Tt]he|[Aa]n?|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))"
    r"\s+(?:[\w.’'\-]+\s+){0,4}?([a-z][\w\-]*)(?:\s+(?:of|for|at)\s+(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,4})?"
)


def held_role(word: str) -> bool:
    """Say whether a word before "for/to/of <Name>" is a role held for that name ("aide", "attorneys", "close")."""
    return word == "close" or (_source_noun(word) and word not in BODY_NOUNS | DOCUMENT_NOUNS)


# A preposition right before a name: the name is its object ("With a vote for Ana Ruiz ruled out, Lee said"), not the
# sentence's subject.
_OBJECT_OF = re.compile(r"\b(?:" + "|".join(OBJECT_PREPOSITIONS) + r")\s+(?:the\s+)?$")


def role_lead(text: str) -> bool:
    """Say whether a phrase is a role written before a name and a comma ("Ms. Ruiz's spokesman", "the leader of X")."""
    match = _ROLE_LEAD.fullmatch(text.strip())
    if match is None:
        return False
    return _source_noun(match.group(1)) and match.group(1) not in BODY_NOUNS | DOCUMENT_NOUNS


def _source_noun(word: str) -> bool:
    """Say whether a head noun can name who or what said something: a role, a body or a text, or their plural."""
    nouns = ROLE_NOUNS | BODY_NOUNS | DOCUMENT_NOUNS
    return (
        word in nouns
        or (word.endswith("s") and word[:-1] in nouns)
        or (word.endswith("ies") and word[:-3] + "y" in nouns)
    )


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who an article says spoke a quotation: as written, resolved, and by which rule."""

    as_written: str | None
    speaker: str | None
    kind: str | None
    role: str | None
    cue: str | None
    how: str
    relay: str | None = None  # the outlet or body that passed the words on ("according to the Guardian")


_NONE = Attribution(None, None, None, None, None, "none")


class SpeakerPhrases:
    """An article's cast and text, and how a phrase written as a subject resolves to a speaker."""

    def __init__(self, text: str, masked: str, cast: Cast, sentences: list[FrameSentence]) -> None:
        self.text, self.masked, self.cast = text, masked, cast
        self.sentence_starts = [s.start for s in sentences]
        self.mention_ends = [m.end for m in cast.mentions]
        self.mention_starts = [m.start for m in cast.mentions]
        self.spoke: list[tuple[int, str, str]] = []  # (offset, speaker, kind) in text order

    def opening_speaker(self, begin: int, end: int, described: bool = False) -> tuple[str, str] | None:
        """The (phrase, kind) a stretch of text opens with: a pronoun, a titled name, or a role phrase; with
        `described`, also a description whose head is a role, a body or a text ("The two lawmakers", "The ad")."""
        segment = self.masked[begin:end]
        pronoun = re.match(r"(he|she|they|He|She|They)\b", segment)
        if pronoun:
            return pronoun.group(1), "person"
        low = bisect.bisect_left(self.mention_starts, begin)
        fallback = None
        for mention in self.cast.mentions[low : low + 4]:
            lead = self.masked[begin : mention.start]
            noun = _modified_noun(self.masked[mention.end : mention.end + 30])
            if noun:  # "The GOP nominee", "Sanders supporters", "Post columnist Ana Ruiz": the name modifies a noun
                if fallback is None and lead.strip().lower() in ("", "the", "a", "an") and mention.start < end:
                    fallback = self.masked[begin : mention.end + noun], "unnamed"
                continue
            if lead.strip().lower() == "the" and mention.kind == "body" and not mention.possessive:
                return self.masked[begin : mention.end], "body"  # "The Rail Union"
            if mention.start >= end or mention.start - begin > 80 or not _clean_lead(lead):
                break
            if mention.kind == "person" and not mention.possessive:
                return self.masked[begin : mention.end], "person"
            if not lead.strip() and not mention.possessive and fallback is None:
                fallback = self.masked[begin : mention.end], mention.kind
        if fallback:
            return fallback
        role = re.match(r"(?:the|The)\s+(?:[\w\-’']+\s+){0,3}?[a-z]+\b", segment)
        if role and is_role_phrase(role.group()):
            return role.group(), "role"
        wide = _DESCRIBED.match(segment) if described else None
        if wide and _source_noun(wide.group(1)):
            return wide.group(), "unnamed"
        return None

    def phrase(self, phrase: str, at: int, how: str, cue: str | None) -> Attribution | None:
        """Turn a subject phrase as written into a speaker: a name, a pronoun, a role or a description."""
        stripped = phrase.strip(" ,")
        at += phrase.find(stripped) if stripped else 0
        phrase = stripped
        if not phrase or MASK in phrase or not re.search(r"[^\W\d_]", phrase) or _SHARE.search(phrase):
            return None  # "55 percent of voters said": a poll's finding, whose source the phrase does not name
        words = phrase.split()
        if words[-1].lower() in PRONOUNS and (len(words) <= 2 or words[-1].lower() in {"he", "she", "they"}):
            return self.pronoun(words[-1].lower(), at, self._written(phrase, at), how, cue)
        first = words[0].lower()
        agent = _AGENT_OF.match(phrase)
        plural = agent and agent.start(1) == 0 and first.endswith("s")  # "Aides to X", not "Secretary of State X"
        if agent and (first in DETERMINERS or plural) and held_role(agent.group(1).lower()):
            # "a spokesman for Trump", "Aides to Ms. Ruiz", "a person close to the Ruizes": the spokesman spoke, not
            # Trump (kept whole: who he speaks for is said)
            description = phrase[0].lower() + phrase[1:]
            return Attribution(self._written(phrase, at), description, "unnamed", None, cue, how)
        mention = self._head_name(phrase, at)
        if mention:
            offset = mention.start - at
            lead = _NP_BREAK.split(phrase[:offset])[-1]
            written = self._written(phrase[offset - len(lead) : mention.end - at], mention.start - len(lead))
            role = lead.strip(" ,") if lead.strip(" ,").lower() not in DETERMINERS else None
            return self.named(mention.text, mention.start, how, role or None, cue, written)
        written = self._written(phrase, at)
        if is_role_phrase(phrase) and first in {"the", "this", "that"}:
            resolved = self.role(phrase, at)
            if resolved:
                return replace(resolved, as_written=written, how=how, cue=cue)
        if first in PRONOUNS or (phrase[0].islower() and first not in DETERMINERS):
            return None
        if (first in STOPWORDS and first not in DETERMINERS) or len(words) > 8 or _VERBISH.search(phrase):
            return None  # not a noun phrase: the text does not say who spoke
        description = phrase[0].lower() + phrase[1:] if first in DETERMINERS else phrase
        return Attribution(written, description, "unnamed", None, cue, how)

    def _written(self, phrase: str, at: int) -> str:
        """The phrase as printed (the masked text hides short parentheticals such as party labels)."""
        return (self.text[at : at + len(phrase)] if self.masked[at : at + len(phrase)] == phrase else phrase).strip()

    def _head_name(self, phrase: str, at: int) -> Mention | None:
        """The name a phrase is about: "Gov. Earl Ray Tomblin of West Virginia", not "an Israeli official"."""
        core = phrase
        place = re.search(r"\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,]*$", phrase)
        if place and any(m.kind == "person" for m in self._mentions_within(at, at + place.start())):
            core = phrase[: place.start()]
        inside = [m for m in self._mentions_within(at, at + len(core)) if not m.possessive]
        if not inside:
            return None
        tail = self.masked[inside[-1].end : at + len(core)].strip(" ,.")
        if tail and re.search(r"[a-z]", tail.split()[-1][:1]):
            return None  # the phrase ends with a common noun ("an Israeli official", "a spokesman for Trump")
        persons = [m for m in inside if m.kind == "person"]
        return (persons or inside)[-1]

    def _mentions_within(self, start: int, end: int) -> list[Mention]:
        low = bisect.bisect_left(self.mention_starts, start)
        out = []
        for m in self.cast.mentions[low:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def _name_in(self, start: int, end: int) -> Mention | None:
        inside = [m for m in self._mentions_within(start, end) if not m.possessive]
        return inside[-1] if inside else None

    def named(self, name: str, at: int, how: str, role: str | None, cue: str | None, written=None) -> Attribution:
        """A speaker the article names: resolved to the fullest form of the name in the article."""
        full = self.cast.resolve(name)
        person = self.cast.is_person(name) or bool(self.cast.gender_votes.get(full))
        if name.isupper() and len(name) > 3:  # transcripts print the speaker's name in capitals
            full = self.cast.resolve(name.title())
            person = True
        role = role or (self.cast.role_of(full) if person else None)
        return Attribution(written or name, full, "person" if person else "body", role, cue, how)

    def pronoun(self, pronoun: str, at: int, written: str, how: str, cue: str | None) -> Attribution:
        """Resolve he/she/they/it/who to the nearest fitting name before it."""
        if pronoun == "who":
            antecedent = re.search(r"([A-Z][^,\x00;:]{1,60}),\s*$", self.masked[max(0, at - 80) : at])
            if antecedent:
                return replace(self.phrase(antecedent.group(1), at - 80 + antecedent.start(1), how, cue) or _NONE)
        if pronoun in {"he", "she"}:
            person = self._nearest_person(at, "m" if pronoun == "he" else "f")
            if person:
                return Attribution(written, person, "person", self.cast.role_of(person), cue, how)
        if pronoun in {"it", "they"}:
            body = self._nearest_body(at, strict=True)
            if body:
                return Attribution(written, body, "body", None, cue, how)
        if pronoun in {"i", "we", "you"}:  # the writer's or the reader's own voice: kept as written
            return Attribution(written, None, None, None, cue, how)
        return Attribution(None, None, None, None, cue, how)  # an unresolved he/she/it/they/who names nobody

    def _nearest_person(self, at: int, gender: str) -> str | None:
        fits = [m for m in self._mentions_before(at) if m.kind == "person"]
        fits = [m for m in fits if self.cast.gender(self.cast.resolve(m.name)) in (None, gender)]
        if not fits:
            return None
        here = bisect.bisect_right(self.sentence_starts, at) - 1
        current = [m for m in fits if m.start >= self.sentence_starts[max(here, 0)]]
        if current:  # the sentence's subject, its first person named ("X said that he …", "…, whom he called")
            plain = [m for m in current if not m.possessive] or current
            plain = [m for m in plain if not _OBJECT_OF.search(self.masked, 0, m.start)] or plain  # "With … for X, Y"
            known = [m for m in plain if self.cast.gender(self.cast.resolve(m.name)) == gender]
            return self.cast.resolve((known or plain)[0].name)
        last = fits[-1]
        start = self.sentence_starts[max(bisect.bisect_right(self.sentence_starts, last.start) - 1, 0)]
        same = [m for m in fits if m.start >= start]
        plain = [m for m in same if not m.possessive] or same
        known = [m for m in plain if self.cast.gender(self.cast.resolve(m.name)) == gender]
        return self.cast.resolve((known or plain)[0].name)

    def _nearest_body(self, at: int, strict: bool = False) -> str | None:
        """The body that last spoke, else (unless strict) the body the article names most often before this point."""
        for offset, speaker, kind in reversed(self.spoke[-RECENT_SPEAKERS:]):
            if kind == "body" and offset < at:
                return speaker
        bodies = [m for m in self._mentions_before(at) if m.kind == "body" and not m.possessive]
        if strict:
            bodies = [m for m in bodies if is_body_name(m.name) and not m.name.isupper()]
        if not bodies:
            return None
        counts: dict[str, int] = {}
        for m in bodies:
            counts[m.name] = counts.get(m.name, 0) + 1
        order = {m.name: i for i, m in enumerate(bodies)}
        return max(counts, key=lambda n: (counts[n], order[n]))

    def _nearest_outlet(self, at: int) -> str | None:
        """The news outlet named last before a point ("The Washington Post"), if any."""
        outlets = [m for m in self._mentions_before(at) if m.kind == "body" and is_relay(m.name)]
        return outlets[-1].name if outlets else None

    def _mentions_before(self, at: int) -> list[Mention]:
        high = bisect.bisect_right(self.mention_ends, at)
        return list(self.cast.mentions[max(0, high - 200) : high])

    def role(self, phrase: str, at: int) -> Attribution | None:
        """Resolve "the prime minister" or "the terrorist group" to whom the article introduced that way."""
        words = [w for w in re.findall(r"[a-z\-]+", phrase.lower()) if w not in DETERMINERS]
        head = words[-1]
        if _PAPER_WORDS & set(words):  # "the paper's editorial board", "the city's oldest daily": the newspaper
            paper = self._nearest_outlet(at)
            return Attribution(phrase, paper, "body", phrase, None, "role") if paper else None
        if head in BODY_NOUNS and head not in ROLE_NOUNS:
            body = self._nearest_body(at)
            return Attribution(phrase, body, "body", phrase, None, "role") if body else None
        for spoken_at, speaker, kind in reversed(self.spoke[-RECENT_SPEAKERS:]):
            if kind == "unnamed" and spoken_at < at and speaker.split()[-1].lower() == head:
                return Attribution(phrase, speaker, "unnamed", None, None, "role")
        for wanted in (set(words), {head}):
            best = None
            for full, roles in self.cast.roles.items():
                for offset, role in roles:
                    fits = offset < at and wanted <= _role_words(role)
                    if fits and (best is None or offset > best[0]):
                        best = (offset, full, role)
            if best:
                return Attribution(phrase, best[1], "person", best[2], None, "role")
        return None
