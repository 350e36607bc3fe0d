"""The attribution rules that read the words after a quotation: a speech verb and its subject ('“…,” Ana Ruiz said',
'“…,” said the mayor, Ana Ruiz'), an inverted or late attribution, and a dash ('“…” — Ana Ruiz')."""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.lexicon import LISTENER_VERBS
from ..text.names import is_relay, words_of
from .quote_frames import VERB, abbreviation_before
from .speaker_phrases import DETERMINERS, Attribution, SpeakerPhrases, held_role, role_lead

_APPOSITIVE = re.compile(r"(?:a|an|the|one|another|his|her|its|their|who|whose|\d+|[\w\-]+ (?:of|at|for))\b")
_AUX = re.compile(
    r"(?:\s+(?:\w+ly|also|later|then|again|once|further|never|even|just|still|has|have|had|was|were|is|are|would|"
    r"will|could|can|may|might|did|does|do|not|previously|recently|often|had|reportedly|publicly|privately))+\s*$",
    re.IGNORECASE,
)
# A quotation that closes its clause: a comma, stop or dash inside or right after the closing mark.
_CLOSED = re.compile(r"[,.!?…—–\-]\s*[\"'”’»]{1,3}\s*$")
# '“…,” Ana Ruiz was quoted as saying': the subject of a passive "quoted as saying".
_QUOTED_AS = re.compile(r"\s*((?:[\w.’'\-]+\s+){1,6}?)(?:is|was|were|are|has been|had been)\s+quoted\s+as\s+")
_CLAUSE_WORD = re.compile(r"\b(?:that|which|when|while|because|if)\b")  # a subject phrase holds no clause
_DASH = re.compile(r"^\s*(?:[―—–]|--)\s*([A-Z][^,;:\x00\n()]{1,60}?)\s*(?:[.,]\s*)?(?:\n|$)")
# A subject phrase opening with one of these is a subordinate clause or a prepositional phrase: no speaker.
_SUBORDINATE = words_of("""after about until unless as just because since while when before though although like""")
# Words after a speech verb that begin no speaker ("said Monday", "said that", "said last week").
_NOT_INVERTED = words_of(
    """monday tuesday wednesday thursday friday saturday sunday that this last earlier later it there yesterday
    today tonight repeatedly recently previously again also then so not only just once"""
)
_PREPOSITIONS = words_of("""in on at during after before for from with by since under over through to of""")
MAX_SUBJECT_WORDS = 14


def _relay_name(phrase: str) -> str | None:
    """The outlet or body a relay phrase names ("the Guardian" -> "Guardian"), when it names one."""
    name = re.sub(r"^(?:the|The)\s+", "", phrase.strip(" ,.")).strip()
    name = re.sub(r"\s+(?:of|for|and)$", "", name)
    return name if name[:1].isupper() and is_relay(name) else None


class AfterRules(SpeakerPhrases):
    """The rules that find a quote's speaker in the words after it (each records its name in `how`)."""

    def _dash(self, following: str, at: int) -> Attribution | None:
        match = _DASH.match(following)
        if not match or len(match.group(1).split()) > 6:
            return None
        return self.phrase(match.group(1), at + match.start(1), "dash", "―")

    def _after(self, following: str, at: int) -> Attribution | None:
        opening = re.match(r"\s*,?\s*", following)
        lead = opening.end() if opening else 0  # the pattern matches every string
        verb = VERB.search(following, lead)
        quoted = _QUOTED_AS.fullmatch(following, lead, verb.start()) if verb else None
        if verb and quoted and verb.group() == "saying":  # '“…,” Ana Ruiz was quoted as saying'
            return self._after_subject(quoted.group(1), quoted.group(1), at + lead, "quoted as saying", True)
        if not verb or verb.group().endswith("ing"):
            return None  # '"…" referencing the crowd', '"…," urging voters': a participle names no speaker after it
        head = following[lead : verb.start()]
        if not head.strip():
            return self._inverted(following, verb, at)
        if head.rstrip().endswith(","):  # '"…" if she loses, said Ana Ruiz': the speaker follows the verb
            late = self._inverted(following, verb, at)
            if late and late.speaker and late.kind != "unnamed":
                return replace(late, how="inverted-late")
        subject = _AUX.sub("", head).strip()
        subject = re.sub(r"^(?:and|but|so)\s+", "", subject)
        if not re.sub(r"^(?:-+|–|—)\s*(?:(?:and|but|so)\b)?", "", subject).strip():
            return None  # '… of his team - “…” - and stressed': the writer's sentence goes on; its subject spoke
        if "," not in subject:  # '“…,” as Ana Ruiz said on Monday': an attribution, not a subordinate clause
            subject = re.sub(r"^as\s+(?=[A-Z])", "", subject)
        if subject.split()[:1] and subject.split()[0].lower() in _SUBORDINATE:
            return None  # '"…" after Super Tuesday, Trump said': the clause is the writer's; its subject is no speaker
        closed = bool(_CLOSED.search(self.text, max(0, at - 4), at)) or "," in following[:lead]
        offset = head.find(subject) if subject else 0
        return self._after_subject(subject, head[offset:], at + lead + offset, verb.group(), closed)

    def _after_subject(self, subject: str, head: str, at: int, cue: str, closed: bool) -> Attribution | None:
        """The speaker a subject phrase between a quote and its verb names ("Ana Ruiz, the mayor," / "she"); a name
        right after a quote is the speaker only when the quote closes its clause ('“in homage to” Lee, Ana Ruiz
        wrote': Lee is the writer's object), and never when a preposition opens it ('“…” by the army, X said')."""
        named_head = re.match(r"([^,]+),", subject) if closed else None
        if named_head and (_CLAUSE_WORD.search(named_head.group(1)) or named_head.group(1).split()[0] in _PREPOSITIONS):
            named_head = None  # '“…” primary on March 1 that includes Texas, …, Jones said': a clause, not a subject
        if named_head and self._name_in(at, at + named_head.end(1)) and "\x00" not in subject:
            found = self.phrase(named_head.group(1), at, "after", cue)
            if found and found.speaker:
                rest = subject[named_head.end() :].strip(" ,")
                return replace(found, role=found.role or (rest if _APPOSITIVE.match(rest) else None))
        if "," in subject.rstrip(","):  # '"…" to drive up the price, she said': the clause after the last comma
            lead, tail = subject.rstrip(",").rsplit(",", 1)
            if _CLAUSE_WORD.search(tail):
                return None  # '“…” against him, a charge that party leaders denied': the tail is a clause
            found = self.phrase(tail.strip(), at + head.find(tail.strip()), "after", cue)
            if found and found.kind == "person" and "," not in lead and role_lead(lead):
                whole = subject.rstrip(", ")  # "Ms. Ruiz's spokesman, Ana Lee": the role is part of the speaker
                return replace(found, as_written=self._written(whole, at + head.find(whole)), role=lead.strip())
            return found
        if not subject or len(subject.split()) > MAX_SUBJECT_WORDS or re.search(r"[;:\x00\n]", subject):
            return None
        if any(abbreviation_before(subject, m.start()) is False for m in re.finditer(r"\.(?=\s)", subject)):
            return None
        if _CLAUSE_WORD.search(subject):
            return None
        return self.phrase(subject.rstrip(","), at, "after", cue)

    def _inverted(self, following: str, verb: re.Match, at: int) -> Attribution | None:
        """ "…," said Mayor Ana Ruiz / said the mayor / said former mayor Ana Ruiz / said her aide, Ana Ruiz."""
        if verb.group() in LISTENER_VERBS and not verb.group().startswith("ask"):
            return None  # "…," told Reuters: the listener; but "…?" asked Ana Ruiz: the one who asked
        rest = following[verb.end() :]
        match = re.match(r"\s+((?:the|a|an|one|two|another|he|she|[A-Z]|[a-z][\w\-’']*\s)[^,;:\x00\n()]{0,100})", rest)
        if not match:
            return None
        pieces = re.split(r"(\s+(?:in|on|at|during|to|after|before|while|when|as|from|for|with)\s+)", match.group(1))
        phrase = pieces[0]
        if len(pieces) > 2 and pieces[1].strip() in ("to", "for") and pieces[0].split()[-1:] and _held_for(pieces):
            phrase = "".join(pieces[:3])  # "said a spokesman for Trump": who the spokesman speaks for stays
        elif len(pieces) > 2 and pieces[1].strip() == "as" and re.search(r"\b(?:known|identified)$", pieces[0]):
            known = re.match(r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)?", pieces[2])  # "said the officer known as Bob"
            phrase = pieces[0] + pieces[1] + (known.group() if known else "")
        phrase = re.split(r"\s+(?:who|whose|which|that|\w+ed\s+(?:in|on|at|with|by|to|for))\b", phrase)[0]
        ends = [m.start() for m in re.finditer(r"\.(?=\s|$)", phrase) if not abbreviation_before(phrase, m.start())]
        phrase = phrase[: ends[0]] if ends else phrase
        words = phrase.split()
        if not words or words[0].lower() in _NOT_INVERTED or words[0].lower() in _PREPOSITIONS:
            return None
        begin = at + verb.end() + match.start(1)
        if verb.group() == "according to" and is_relay(phrase):
            return Attribution(None, None, None, None, "according to", "according-relay", _relay_name(phrase))
        lowered = phrase[0].islower() and words[0].lower() not in DETERMINERS
        found = self.phrase(phrase.strip(), begin, "inverted-modifier" if lowered else "after", verb.group())
        if found and found.kind != "unnamed":
            return found
        return self._inverted_appositive(rest, match, begin, verb.group()) or found

    def _inverted_appositive(self, rest: str, match: re.Match, begin: int, cue: str) -> Attribution | None:
        """ "…," said his best friend at college, Bruce Lee, who …: the name in the appositive."""
        after = re.match(r",\s*([^,;:\x00\n()]{2,60}?)\s*(?=[,;]|(?<!\b[A-Z])\.|$)", rest[match.end(1) :])
        if not after:
            return None
        start = begin + (match.end(1) - match.start(1)) + after.start(1)
        mention = self._name_in(start, start + len(after.group(1)))
        if not mention or mention.kind != "person" or mention.start != start:
            return None
        found = self.named(mention.text, mention.start, "inverted-appositive", match.group(1).strip(), cue)
        whole = rest[match.start(1) : match.end(1) + after.end(1)]
        return replace(found, as_written=self._written(whole, begin))


def _held_for(pieces: list[str]) -> bool:
    """Say whether "<role> to/for <Name>" holds a role for someone named ("an aide to Mr. Sanders")."""
    named = re.sub(r"^(?:the|both)\s+", "", pieces[2])
    return held_role(pieces[0].split()[-1].lower()) and named[:1].isupper()
