"""The attribution rules that read one sentence: a speech verb before the quote (the rules after it are in
after_rules.py), an aside, a colon, "according to", a passive, a possessive, and a sentence whose subject does
something with words."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..text.lexicon import ABBREVIATIONS, CATENATIVE_WORDS, INTRO_WORDS, OPENING_SPEECH_VERBS, SPEECH_NOUNS
from ..text.names import MASK, is_relay, words_of
from .after_rules import (
    _APPOSITIVE,
    _AUX,
    _PREPOSITIONS,
    _SUBORDINATE,
    MAX_SUBJECT_WORDS,
    AfterRules,
    _relay_name,
)
from .quote_frames import VERB, FrameSentence, noun_use
from .speaker_phrases import Attribution, role_lead

# The period of an abbreviation ("Sen.", "Nov. 8") ends no phrase: one look-behind per length (they are fixed-width).
_ONE_DOT = sorted(w[:-1].capitalize() for w in ABBREVIATIONS if w.count(".") == 1)
_ABBREVIATED = "".join(
    r"(?<!\b(?:" + "|".join(w for w in _ONE_DOT if len(w) == n) + "))" for n in sorted({len(w) for w in _ONE_DOT})
)
_BOUNDARY = re.compile(
    r"[\x00;:()\[\]—–\n]|--|,|\b(?:that|which|when|while|because|as|if|after|before|since|though|although|where|whom|"
    r"and|but|so|than|whether|what|how|why)\b|(?<![A-Z])" + _ABBREVIATED + r"\.(?=\s)",
)
_ACCORDING = re.compile(
    r"\baccording to\s+((?:[^,;:\x00\n.]|\.(?=\S)|(?<=\b[A-Z])\.|(?<=Mr|Ms|Dr)\.|(?<=Mrs)\.){2,90})", re.IGNORECASE
)
# Who passed words on: "according to X", "carried by X", "reported by X", "quoted by X", "cited by X".
_RELAY = re.compile(
    r"\b(?:according to|(?:carried|reported|quoted|cited|published|broadcast|aired|relayed) by)\s+"
    r"((?:the\s+)?[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|of|for|and))*)"
)


# A segment before the verb that opens a clause ("when Mr. Buchanan", "in what Ana Ruiz", "which the mayor"), or a
# clause inside one ("… to be president after a woman"): the clause's subject follows the opener.
_CLAUSE_OPENER = re.compile(
    r"\s*(?:(?:in|at|by|for|of|to)\s+)?(?:when|after|as|while|because|before|until|though|although|once|what|whom|"
    r"which|where)\s+(?=[A-Z]|(?:the|a|an|his|her|their)\s)"
)
_CLAUSE_INSIDE = re.compile(
    r"\s(?:after|when|because|while|until|although|though)\s+(?=(?:a|an|the|his|her)\s)|\sthat\s+(?=(?:[A-Z][\w.’'\-]*\s*){1,4}$)"
)  # "… ago that Ana Ruiz, who …, said": a name alone after "that" ends the segment
# A name, then "of"/"from" a town and its state, before the verb: "Ana Ruiz of Dover, Delaware says".
_SAID_FIRST = re.compile(r"\s*(" + "|".join(OPENING_SPEECH_VERBS) + r")\s+")
_SET_OFF = re.compile(r"(?:\s*,[^,;:\x00\n]{1,120})?\s*[,:]\s*")  # the end of "Said X, who …, “"
# Where an apposed subject cannot reach back past: a semicolon, a colon, a line, or a quote, unless the quote is a
# title inside the appositive ("Ana Lee, a star of “Rain,” who …, said").
_HARD = re.compile(r"[;:\n]|\x00+(?!\x00)(?!\s+(?:who|whose|which)\b)")
_HELD_FOR = re.compile(r"\s+(?:for|to|of)\s+(?:the\s+)?[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}")
_TIME_TAIL = re.compile(
    r"(?<=,)\s*(?:on|last|this|early|late)\s+(?:[A-Z][a-z]+day|week|month|year|night|morning|weekend)"
    r"(?:\s+(?:night|morning|afternoon|evening))?\s*$"
)
_TOWN_STATE = re.compile(
    r"\b[A-Z][\w’'\-]*(\s+(?:of|from)\s+[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)?,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)$"
)
_PLACE_AFTER = re.compile(r"\b(?:in|of|from|at)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?\s*$")
_ASKER = re.compile(r"\s+by\s+([^,;:\x00\n]{2,80}?)(?=\s*(?:,|\b(?:whether|if|about|to|what|why|how)\b|$))")
_PASSIVE_BE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?$")
# Where an inverted aside may open: after a comma or a dash, or at the sentence start (after a connective).
_ASIDE_OPEN = re.compile(r"(?:^|[,—–]|^\s*(?:But|And|Yet|So|Still|Or))\s*$")
# A passive speech verb and its agent: 'called “…” by X' (verb before the quote) or '“…” was called by X' (after it).
_PASSIVE_VERB = r"(?:called|labell?ed|described|dubbed|termed|branded|coined|uttered|used|repeated|chanted|shouted)"
_PASSIVE_BEFORE = re.compile(
    r"\b(?:been|be|being|was|were|is|are|often|widely|once)\s+" + _PASSIVE_VERB + r"(?:\s+as)?(?:\s+(?:a|an|the))?\s*$"
)
_AGENT = r"\s*,?\s*by\s+((?:the\s+)?[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*){0,5})"
_PASSIVE_AFTER = re.compile(_AGENT)
_PASSIVE_AGENT = re.compile(
    r"\s*,?\s*(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+|once\s+|first\s+)?"
    + _PASSIVE_VERB
    + r"(?:\s+once)?"
    + _AGENT
)
# A possessor, up to three modifiers and a noun, then "that"/"of"/"was"/"for" or a colon right before the quote
# ("Ana Ruiz's comments “are …”" has none: the quote is the writer's predicate, not the comments).
_SAID_NOUN = re.compile(
    r"\b((?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s|[Hh]is|[Hh]er)\s+(?:[\w\-]+\s+){0,3}?([a-z]+)"
    r"(?:(?:\s+(?:of|was|is|were|about|against|for))+\s*:?|\s+(?:was\s+|is\s+)?that(?:\s+[\w’'.\-]+){0,4}|\s*:)\s*$"
)
# A possessor right before the quote and a noun for something said right after it: "Ana Ruiz's “…” comment".
_OWNER = re.compile(r"\b((?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['’]s|[Hh]is|[Hh]er)()\s*$")
_NOUN_AFTER = re.compile(r"\s*([a-z]+)")
_TRANSCRIPT = re.compile(r"^([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s")
# A dateline opening a story's first sentence: "WASHINGTON, Dec. 8 (UPI) — ", "DOVER, Del. - ".
_DATELINE = r"(?:[A-Z]{2}[A-Z.’'\-]*(?:\s+[A-Z]{2}[A-Z.’'\-]*)*,\s[^\x00—–\n]{0,40}?\s(?:—|–|--|-)\s+)?"
# An introductory phrase before the subject: "Meanwhile,", "Holding a book,", "Immediately after the vote,",
# "Preceded at the lectern by Ana Ruiz, the mayor," (a participle and a preposition, an appositive after its name).
_INTRO = re.compile(
    _DATELINE + r"\s*(?:(?:" + "|".join(INTRO_WORDS) + r"|[A-Z][a-z]+(?:ing|ly))\b[^,\x00]{0,120},|"
    r"[A-Z][a-z]{3,}ed\s+(?:at|by|in|on|with|from|for|as)\b[^,\x00]{0,120},(?:\s+(?:the|a|an)\s[^,\x00]{1,80},)?)?\s*"
)
# A finite verb right after a subject (an appositive and adverbs allowed between): "X, the mayor, also blamed".
_FINITE = re.compile(
    r"(?:\s*,[^,\x00;:]{1,120},)?\s+(?:(?:\w+ly|also|later|then|again|once|instead|always|never|still|often|already|"
    r"long|has|have|had|(?:last|this|next)\s+"
    r"(?:week|month|year|night|weekend|[A-Z][a-z]+day)|on\s+[A-Z][a-z]+day|during\s+(?:a|the)\s+[A-Za-z]+)\s+)*"
    r"((?:did|does|do|would|will|could|can|should|must)(?:\s+not)?\s+(?!(?:still|also|then|never|even|just|only)\b)[a-z]{3,}|"
    r"(?:(?:is|was|are|were|has been|have been|had been)\s+)?[a-z]+ing|[a-z]+(?:ed|es|s)|made|took|gave|told|wrote|"
    r"thought|spoke|went|put|set|sent|drew|threw|kept|held|hit|cast|began|brought|chose|fought|ran|sought|stood|swore|"
    r"written|spoken|given|taken|shown)\b"
)
# A subject, then verbs and adverbs before "to" and the speech verb: "X went so far as to say", "X could not bring
# himself to utter", "X was prompted to say".
_CATENATIVE = re.compile(r"(.+?)\s+(?:(?:\w+ly|" + "|".join(CATENATIVE_WORDS) + r"|[a-z]+ed|[a-z]+s)\s+)+to")
# An appositive ending with a quoted title: ", star of television's “Rain,”" (the comma inside the marks).
_TITLED_APPOSITIVE = re.compile(r"\s*,[^,;:\x00]{1,120}?\x00+(?=\s)")
# A place or body after a name, before its verb: "Ana Ruiz of Ohio", "The Water Museum in Dover".
_NAME_PP = re.compile(r"\s+(?:of|in|from)\s+(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*){0,4}(?=[\s,])")
# Where a coordinated or subordinate clause begins ("…, but X blamed", "… when X called").
_CLAUSE = re.compile(r"(?:,\s+(?:but|and|yet|while|though|although)|;|\b(?:when|after|because|since|while|until))\s+")
# Finite verbs that describe rather than report words ("was", "has", "needs").
_NOT_SPEECH = words_of("""is was has does needs seems appears remains becomes goes comes gets""")
_AS = words_of("""as like just about""")  # "As X put it, “…”": an attribution, not a subordinate clause
# Words around a quotation looked at for its attribution (keeps a huge paragraph linear).
MAX_FRAME_CHARS = 400


class SentenceRules(AfterRules):
    """The rules that find a quote's speaker in the words of its own sentence (each records its name in `how`)."""

    def _before(self, preceding: str, at: int) -> Attribution | None:
        found = self._said_first(preceding, at)
        if found:
            return found
        words = re.search(r"[a-z]{2}", preceding)  # a frame of masked quotes and marks has no verb to find
        verbs = [v for v in VERB.finditer(preceding, words.start()) if not noun_use(preceding, v)] if words else []
        for verb in reversed(verbs):
            found = (
                self._asked_by(preceding, verb, at)
                or self._aside(preceding, verb, at)
                or self._subject_of(preceding, verb, at)
            )
            if found:
                return found
        colon = re.search(r"([^,;\x00\n]{2,80}):\s*$", preceding)
        if colon and not verbs:
            phrase = _trim_intro(re.split(r"\s+(?:-|–|—|--)\s+", colon.group(1))[-1])  # "… - Ana Ruiz:"
            begin = at + colon.start(1) + colon.group(1).rfind(phrase)
            opens = re.match(r"(?:[A-Z]|(?:the|a|an|one|two|some|many)\s)", phrase)  # not "delivered … to X:"
            found = self.phrase(phrase, begin, "colon", ":") if opens else None
            head = None if found or not opens else self.opening_speaker(begin, at + colon.end(1))
            if head and head[1] in ("person", "body", "role"):  # "the Rail Board was clear in its findings: “…”"
                return self.phrase(head[0], begin, "colon", ":")
            return found
        return None

    def _said_first(self, preceding: str, at: int) -> Attribution | None:
        """ "Said Ana Ruiz, who grew up there, “…”": a capitalised speech verb opening the sentence, then a person."""
        verb = _SAID_FIRST.match(preceding)
        head = self.opening_speaker(at + verb.end(), at + len(preceding)) if verb else None
        if not verb or not head or head[1] not in ("person", "role"):
            return None
        if not _SET_OFF.fullmatch(preceding, verb.end() + len(head[0])):
            return None  # "Said Ana Ruiz's aide …": the name does not end the phrase
        return self.phrase(head[0], at + verb.end(), "said-first", verb.group(1).lower())

    def _asked_by(self, frame: str, verb: re.Match, at: int) -> Attribution | None:
        """ "Ana Ruiz was asked by host Lee Park whether …": the asker spoke; "Ana Ruiz was asked, “…?”" or "the staff
        were told, “…”": the subject is the listener, and who spoke is not said."""
        if verb.group() not in ("asked", "told") or not _PASSIVE_BE.search(frame, 0, verb.start()):
            return None
        agent = _ASKER.match(frame, verb.end())
        found = agent and self.phrase(agent.group(1), at + agent.start(1), "passive", "asked by")
        return found if found and found.speaker else Attribution(None, None, None, None, verb.group(), "passive")

    def _aside(self, frame: str, verb: re.Match, at: int) -> Attribution | None:
        """ "The risk, says Ana Ruiz, is that “…”", "But, said Ana Ruiz, “…”": a named speaker set off before the quote
        by an inverted speech verb (after a comma or at the sentence start)."""
        if (
            verb.group().endswith("ing")
            or verb.group() == "according to"
            or not _ASIDE_OPEN.search(frame[: verb.start()])
        ):
            return None
        begin = verb.end() + len(frame[verb.end() :]) - len(frame[verb.end() :].lstrip())
        head = self.opening_speaker(at + begin, at + len(frame))
        if not head or head[1] != "person" or not re.match(r"\s*[,:]", frame[begin + len(head[0]) :]):
            return None  # "X, a former aide, said Fiorina was …": the name after the verb is the one spoken of
        found = self.phrase(head[0], at + begin, "aside", verb.group())
        return found if found and found.speaker and found.kind == "person" else None

    def _subject_of(self, frame: str, verb: re.Match, at: int) -> Attribution | None:
        left = _AUX.sub("", frame[: verb.start()])
        if verb.group().endswith("ing") and re.search(r"\b(?:by|after|before|while|when|without|in|for|on)\s+$", left):
            return self._earlier_subject(frame, verb, at)
        if left.rstrip().endswith(","):
            return self._apposed_subject(left, at, verb.group()) or self._earlier_subject(frame, verb, at)
        town = _TOWN_STATE.search(left)  # "Ana Ruiz of Dover, Delaware says": the state is not the subject
        left = left[: town.start(1)] if town else left
        when = _TIME_TAIL.search(frame, 0, verb.start())  # "Ana Ruiz, who …, on Friday described": not Friday
        if when:
            blank = frame[: when.start()] + " " * (when.end() - when.start()) + frame[when.end() :]
            return self._subject_of(blank, verb, at)
        pieces = list(_BOUNDARY.finditer(left))
        cut = pieces[-1].end() if pieces else 0
        subject = left[cut:].strip()
        if not subject:
            return self._earlier_subject(frame, verb, at)
        opener = subject.split()[0].lower()
        if opener in _SUBORDINATE and opener not in _AS and "," in frame[verb.end() :]:
            return None  # "After X asked about it, the Graysons became “agitated”": X's clause is not the quote's
        subject = _trim_intro(subject)
        catenative = _CATENATIVE.fullmatch(subject)  # "Ana Ruiz went so far as to say", "X was prompted to say"
        subject = catenative.group(1) if catenative else subject
        if len(subject.split()) > MAX_SUBJECT_WORDS or not subject:
            return None
        return self.phrase(subject, at + left.rfind(subject), "before", verb.group())

    def _apposed_subject(self, left: str, at: int, cue: str) -> Attribution | None:
        """ "Aaron Kall, the director of …, said" or "X continued to …, labeling": the head segment speaks."""
        hard = max((m.end() for m in _HARD.finditer(left)), default=0)
        segments = list(re.finditer(r"[^,]+", left[hard:]))[-6:]
        opening = re.match(_DATELINE, left[hard:])  # "WASHINGTON, May 2 (UPI) — …": no segment of it speaks
        dateline = opening.end() if opening else 0
        segments = [m for m in segments if m.start() >= dateline] if dateline else segments
        heads = []
        for index in range(len(segments) - 1, -1, -1):
            segment = segments[index]
            text = segment.group()
            relative = re.match(r"\s*(?:who|whose|which)\b", text)  # "X, who served when …,": an appositive
            opener = _CLAUSE_OPENER.match(text) or (None if relative else _CLAUSE_INSIDE.search(text))
            opener = None if cue.endswith("ing") else opener  # "X said … after Y won, remarking": X's participle
            skip = opener.end() if opener else len(text) - len(text.lstrip())
            begin = at + hard + segment.start() + skip
            head = self.opening_speaker(begin, at + hard + segment.end())
            if head and not (head[1] == "body" and index and _PLACE_AFTER.search(segments[index - 1].group())):
                heads.append((head, begin, segment))  # (a state after a town, "in Worcester, Massachusetts,": no)
            if opener:  # "…, when Mr. Buchanan, who …, called": the verb is the clause's; earlier segments are not
                if not heads:
                    return Attribution(None, None, None, None, cue, "before")  # its subject names nobody
                break
        heads.sort(key=lambda h: h[0][1] != "person")  # a person before a body or place ("…, of Ashton, Md.,")
        for (phrase, kind), begin, segment in heads:
            held = _HELD_FOR.match(self.masked, begin + len(phrase)) if kind != "person" else None
            whole = held and self.phrase(phrase + held.group(), begin, "before", cue)  # "Attorneys for Ana Ruiz"
            found = whole if whole and whole.kind == "unnamed" else self.phrase(phrase, begin, "before", cue)
            if found and found.speaker:
                found = self._possessive_role(left, hard, segments, segment, found, at)
                rest = left[hard + segment.end() :].strip(" ,")
                return replace(found, role=found.role or (rest if _APPOSITIVE.match(rest) else None))
        return None

    def _possessive_role(self, left, hard, segments, segment, found: Attribution, at: int) -> Attribution:
        """ "Trump's attorney, Alan Garten, said": the role before the name is part of the speaker as written."""
        index = segments.index(segment)
        if index == 0 or found.kind != "person":
            return found
        role = segments[index - 1].group()
        skip = re.match(r"\s*(?:(?:And|But|So|Yet|Still|Meanwhile)\s+)?", role)
        role = role[skip.end() if skip else 0 :]  # "And Florida's attorney general, Pam Bondi": the role without "And"
        if not role_lead(role):
            return found
        start = hard + segments[index - 1].end() - len(role)
        whole = left[start : hard + segment.end()].strip()
        return replace(found, as_written=self._written(whole, at + start), role=found.role or role.strip())

    def _earlier_subject(self, frame: str, verb: re.Match, at: int) -> Attribution | None:
        """A participle ("…, adding") or coordinated verb ("… and described") takes the earlier verb's subject."""
        earlier = [v for v in VERB.finditer(frame[: verb.start()])]
        for other in reversed(earlier):
            found = self._subject_of(frame, other, at)
            if found:
                return replace(found, cue=verb.group())
        return self._sentence_subject(frame, at, verb.group())

    def _sentence_subject(self, frame: str, at: int, cue: str) -> Attribution | None:
        """The name or pronoun a sentence opens with (after an introductory phrase), if any."""
        intro = re.match(
            _DATELINE
            + r"\s*(?:(?:In|On|At|During|After|Before|Following|Speaking|Since|Earlier|Later|Last|When|While|Asked|"
            r"Pressed)\b[^,]{0,80},)?\s*",  # "WASHINGTON, May 2 (UPI) — In response to …, X said"
            frame,
        )
        begin = at + (intro.end() if intro else 0)  # the pattern matches every string
        head = self.opening_speaker(begin, at + len(frame))
        if head:
            return self.phrase(head[0], begin, "subject", cue)
        return None

    def _subject_verb(self, sentence: FrameSentence, at: int) -> Attribution | None:
        """ "The senator called the plan a “reckless gamble”": a fragment in a sentence whose subject (a name, a
        pronoun or a role, first in the sentence) does something with words: the subject is the speaker."""
        if at - sentence.start > MAX_FRAME_CHARS:
            return None
        frame = self.masked[sentence.start : at]
        intro = _INTRO.match(frame)
        clauses = [m.end() for m in _CLAUSE.finditer(frame)]  # the clause nearest the quote first
        for begin in [sentence.start + c for c in reversed(clauses)] + [sentence.start + (intro.end() if intro else 0)]:
            head = self.opening_speaker(begin, at, described=True)
            if not head:
                continue
            phrase, after = self._coordinated(head[0], begin, at)
            place = _NAME_PP.match(after)  # "Senator Ana Ruiz of Ohio advocates a “…”"
            titled = _TITLED_APPOSITIVE.match(after)  # "Ana Ruiz, star of “Rain,” thanked …": the title is hers
            skip = titled.end() if titled else place.end() if place else 0
            verb = _FINITE.match(after, skip)
            if not verb or MASK in after[skip : verb.end()] or verb.group(1) in _NOT_SPEECH:
                continue
            return self.phrase(phrase, begin, "subject-verb", verb.group(1))
        return None

    def _coordinated(self, head: str, begin: int, at: int) -> tuple[str, str]:
        """A subject and the words after it up to the quote; "Ana Ruiz and Lee Park issued …": both names."""
        end = begin + len(head)
        joined = re.match(r"\s+and\s+", self.masked[end:at])
        if joined and head[:1].isupper():
            low = bisect.bisect_left(self.mention_starts, end + joined.end())
            mention = self.cast.mentions[low] if low < len(self.cast.mentions) else None
            if mention and mention.start == end + joined.end() and mention.kind == "person" and not mention.possessive:
                end = mention.end
        return self.masked[begin:end], self.masked[end:at]

    def _passive(self, preceding: str, following: str, at: int) -> Attribution | None:
        """'has been called “…” by Ana Ruiz', '“…” was uttered once, by Ana Ruiz': the agent of a passive speech verb
        (a named person or body; a description is left alone)."""
        agent = _PASSIVE_AFTER.match(following) if _PASSIVE_BEFORE.search(preceding) else None
        agent = agent or _PASSIVE_AGENT.match(following)
        if not agent:
            return None
        found = self.phrase(agent.group(1), at + agent.start(1), "passive", "by")
        return found if found and found.speaker and found.kind in ("person", "body") else None

    def _possessive(self, preceding: str, at: int, following: str = "") -> Attribution | None:
        """ "Trump's claim that “…”", "her remark that “…”": a possessor and a noun for something said, just before
        the quote (a named person, or he/she resolved as a pronoun); or the noun just after it ("Ana Ruiz's “…”
        comment")."""
        match = _SAID_NOUN.search(preceding) or _OWNER.search(preceding)
        after = _NOUN_AFTER.match(following)
        noun = match and (match.group(2) or (after.group(1) if after else ""))
        if not match or not noun or noun.lower() not in SPEECH_NOUNS:
            return None
        owner = match.group(1)
        begin = at + match.start(1)
        if owner.lower() in ("his", "her"):
            found = self.pronoun("he" if owner.lower() == "his" else "she", begin, owner, "possessive", noun)
            return found if found.speaker else None
        mention = self._name_in(begin, begin + len(owner) + 2) or next(
            (m for m in self._mentions_within(begin, begin + len(owner) + 2) if m.possessive), None
        )
        if not mention or mention.kind != "person":
            return None
        return self.named(mention.name, mention.start, "possessive", None, noun, owner)

    def _according(self, sentence: FrameSentence, at: int) -> Attribution | None:
        window = (max(sentence.start, at - MAX_FRAME_CHARS), min(sentence.end, at + MAX_FRAME_CHARS))
        if self.masked.find("ccording to", *window) < 0:
            return None
        match = _ACCORDING.search(self.masked, *window)
        if not match:
            return None
        source = match.group(1).strip()
        if is_relay(source):  # "…," according to the Guardian: the paper passed it on; who spoke is not said
            return Attribution(None, None, None, None, "according to", "according-relay", _relay_name(source))
        return self.phrase(source, match.start(1), "according", "according to")


def _trim_intro(phrase: str) -> str:
    """Drop an introductory phrase ("In a Bloomberg interview Trump" -> "Trump")."""
    phrase = phrase.strip()
    words = phrase.split()
    if len(words) > 1 and words[0].lower() in ("as", "like"):  # "As the columnist Ana Ruiz had written, “…”"
        return phrase.split(None, 1)[1]
    if words and words[0].lower() in _PREPOSITIONS:
        names = re.search(r"((?:[A-Z][\w’'.\-]*\s+(?:(?:of|for|on|and)\s+(?=[A-Z]))?)*[A-Z][\w’'\-]*)$", phrase)
        if names:
            return names.group(1)
        determiner = list(re.finditer(r"\b(?:the|a|an)\s+", phrase))
        return phrase[determiner[-1].start() :] if determiner else phrase
    return phrase
