"""Who said it, within one article: speech verbs, sentence structure, continuation, pronouns, roles and bodies."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..records import Article
from ..text.names import (
    BODY_NOUNS,
    MASK,
    ROLE_NOUNS,
    STOPWORDS,
    Cast,
    Mention,
    is_body_name,
    is_relay,
    is_role_phrase,
    words_of,
)
from .quote_frames import (
    LISTENER_VERBS,
    VERB,
    FrameSentence,
    abbreviation_before,
    mark_bounds,
    mask,
    noun_use,
    split_sentences,
)
from .quotes import Quote

_NP_BREAK = re.compile(r"\b(?:with|of|at|in|on|for|from|by|to|have|has|had|is|was|were|are|\w+ed|\w+ing)\b|[,;:]")
_APPOSITIVE = re.compile(r"(?:a|an|the|one|another|his|her|its|their|who|whose|\d+|[\w\-]+ (?:of|at|for))\b")
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
PRONOUNS = words_of("""he she they it we i who you""")
DETERMINERS = words_of("""a an the one two three four several some many other another his her its their this that""")
_AUX = re.compile(
    r"(?:\s+(?:\w+ly|also|later|then|again|once|further|never|even|just|still|has|have|had|was|were|is|are|would|"
    r"will|could|can|may|might|did|does|do|not|previously|recently|often|had|reportedly|publicly|privately))+\s*$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(
    r"[\x00;:()\[\]—–\n]|--|,|\b(?:that|which|when|while|because|as|if|after|before|since|though|although|where|whom|"
    r"and|but|so|than|whether|what|how|why)\b|(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|Sr|Jr|St|Lt))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Rev))\.(?=\s)",
)
_ACCORDING = re.compile(
    r"\baccording to\s+((?:[^,;:\x00\n.]|\.(?=\S)|(?<=\b[A-Z])\.|(?<=Mr|Ms|Dr)\.|(?<=Mrs)\.){2,90})", re.IGNORECASE
)
# Who passed words on: "according to X", "carried by X", "reported by X", "quoted by X", "cited by X".
_RELAY = re.compile(
    r"\b(?:according to|(?:carried|reported|quoted|cited|published|broadcast|aired|relayed) by)\s+"
    r"((?:the\s+)?[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|of|for|and))*)"
)


def _relay_name(phrase: str) -> str | None:
    """The outlet or body a relay phrase names ("the Guardian" -> "Guardian"), when it names one."""
    name = re.sub(r"^(?:the|The)\s+", "", phrase.strip(" ,.")).strip()
    name = re.sub(r"\s+(?:of|for|and)$", "", name)
    return name if name[:1].isupper() and is_relay(name) else None


_TRANSCRIPT = re.compile(r"^([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s")
_DASH = re.compile(r"^\s*(?:[―—–]|--)\s*([A-Z][^,;:\x00\n()]{1,60}?)\s*(?:[.,]\s*)?(?:\n|$)")
_INTRO = re.compile(
    r"\s*(?:(?:In|On|At|During|After|Before|Following|Speaking|Since|Earlier|Later|Last|But|And|Still|Yet|So)\b"
    r"[^,\x00]{0,80},)?\s*"
)
# A finite verb right after a subject (an appositive and adverbs allowed between): "X, the mayor, also blamed".
_FINITE = re.compile(
    r"(?:\s*,[^,\x00;:]{1,120},)?\s+(?:(?:\w+ly|also|later|then|again|once|has|have|had|would|will|did|does)\s+)*"
    r"([a-z]+(?:ed|es|s)|made|took|gave|told|wrote|thought|spoke|went|put|set|sent|drew|threw|kept|held|hit|cast)\b"
)
_CLAUSE = re.compile(r"(?:,\s+(?:but|and|yet|while|though|although)|;)\s+")  # where a coordinated clause begins
# Finite verbs that describe rather than report words ("was", "has", "needs").
_NOT_SPEECH = words_of("""is was has does needs seems appears remains becomes goes comes gets""")
# A subject phrase opening with one of these is a subordinate clause or a prepositional phrase: no speaker.
_SUBORDINATE = words_of("""after about until unless as just because since while when before though although like""")
_AS = words_of("""as like just about""")  # "As X put it, “…”": an attribution, not a subordinate clause
# Words after a speech verb that begin no speaker ("said Monday", "said that", "said last week").
_NOT_INVERTED = words_of(
    """monday tuesday wednesday thursday friday saturday sunday that this last earlier later it there yesterday
    today tonight repeatedly recently previously again also then so not only just once"""
)
_PREPOSITIONS = words_of("""in on at during after before for from with by since under over through to of""")
MAX_SUBJECT_WORDS = 14
# Words around a quotation looked at for its attribution (keeps a huge paragraph linear).
MAX_FRAME_CHARS = 400
# Earlier speakers looked back on for continuations, "the group" and "the official".
RECENT_SPEAKERS = 50


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


def attribute(article: Article, quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Return the quotes with their speakers filled in from the article's own words."""
    body = [q for q in quotes if not q.in_headline]
    text = article.text
    marks = [mark_bounds(text, q) for q in body]
    masked = mask(text, marks)
    cast = Cast(masked)
    sentences = split_sentences(masked, body, marks, article.paragraphs)
    finder = _Finder(text, masked, cast, body, marks, sentences)
    found = finder.run()
    by_id = {q.id: a for q, a in zip(body, found, strict=True)}
    return tuple(_with(q, by_id.get(q.id, _NONE)) for q in quotes)


def _with(quote: Quote, a: Attribution) -> Quote:
    return replace(
        quote,
        speaker_as_written=a.as_written,
        speaker=a.speaker,
        speaker_kind=a.kind,
        role=a.role,
        cue=a.cue,
        how=a.how,
        relay=a.relay,
    )


class _Finder:
    """Walks an article's quotes in order, remembering earlier attributions for continuations and pronouns."""

    def __init__(self, text, masked, cast: Cast, body, marks, sentences) -> None:
        self.text, self.masked, self.cast, self.body, self.marks = text, masked, cast, body, marks
        self.sentences = sentences
        self.sentence_of = {q: s for s in sentences for q in s.quotes}
        self.sentence_starts = [s.start for s in sentences]
        self.position = {s.start: i for i, s in enumerate(sentences)}
        self.worded: dict[int, bool] = {}
        self.mention_ends = [m.end for m in cast.mentions]
        self.mention_starts = [m.start for m in cast.mentions]
        self.found: list[Attribution] = []
        self.spoke: list[tuple[int, str, str]] = []  # (offset, speaker, kind) in text order

    def run(self) -> list[Attribution]:
        for index in range(len(self.body)):
            found = self.find(index)
            self.found.append(found)
            if found.speaker:
                self.spoke.append((self.marks[index][0], found.speaker, found.kind or ""))
        return self._fill_from_later(self.found)

    def find(self, index: int) -> Attribution:
        quote, sentence = self.body[index], self.sentence_of[index]
        transcript = _TRANSCRIPT.match(quote.text)
        if transcript:
            return self.named(transcript.group(1), self.marks[index][0], "transcript", None, cue=":")
        start, end = self.marks[index]
        following = self._frame_after(index, sentence)
        frame_start = max(sentence.start, start - MAX_FRAME_CHARS)
        preceding = self.masked[frame_start:start]
        found = (
            self._dash(following, end)
            or self._after(following, end)
            or self._before(preceding, frame_start)
            or self._interrupted(index, sentence)
            or self._according(sentence, start)
            or self._subject_verb(sentence, start)
            or self._continued(index, sentence, preceding, following)
            or _NONE
        )
        return self._relayed(found, sentence, start)

    def _relayed(self, found: Attribution, sentence: FrameSentence, at: int) -> Attribution:
        """The relay a sentence names besides the speaker: "…," Hamas said in a statement carried by Reuters."""
        if found.relay or found.how in ("none", "continued"):
            return found
        window = self.masked[max(sentence.start, at - MAX_FRAME_CHARS) : min(sentence.end, at + MAX_FRAME_CHARS)]
        for match in _RELAY.finditer(window):
            relay = _relay_name(match.group(1))
            if relay and relay != found.speaker and relay != found.as_written:
                return replace(found, relay=relay)
        return found

    def _frame_after(self, index: int, sentence: FrameSentence) -> str:
        end = self.marks[index][1]
        stop = self.marks[index + 1][0] if index + 1 in sentence.quotes else sentence.end
        return self.masked[end : min(stop, end + MAX_FRAME_CHARS)]

    # -- rules -----------------------------------------------------------------------------------------------

    def _dash(self, following: str, at: int) -> Attribution | None:
        match = _DASH.match(following)
        if not match or len(match.group(1).split()) > 6:
            return None
        return self.phrase(match.group(1), at + match.start(1), "dash", "―")

    def _after(self, following: str, at: int) -> Attribution | None:
        opening = re.match(r"\s*,?\s*", following)
        lead = opening.end() if opening else 0  # the pattern matches every string
        verb = VERB.search(following, lead)
        if not verb:
            return None
        head = following[lead : verb.start()]
        if not head.strip():
            return self._inverted(following, verb, at)
        if head.rstrip().endswith(","):  # '"…" if she loses, said Ana Ruiz': the speaker follows the verb
            late = self._inverted(following, verb, at)
            if late and late.speaker and late.kind != "unnamed":
                return replace(late, how="inverted-late")
        subject = _AUX.sub("", head).strip()
        subject = re.sub(r"^(?:and|but|so)\s+", "", subject)
        if subject.split()[:1] and subject.split()[0].lower() in _SUBORDINATE:
            return None  # '"…" after Super Tuesday, Trump said': the clause is the writer's; its subject is no speaker
        named_head = re.match(r"([^,]+),", subject)
        if named_head and self._name_in(at + lead, at + lead + named_head.end(1)) and "\x00" not in subject:
            found = self.phrase(named_head.group(1), at + lead, "after", verb.group())
            if found and found.speaker:
                rest = subject[named_head.end() :].strip(" ,")
                return replace(found, role=found.role or (rest if _APPOSITIVE.match(rest) else None))
        if "," in subject.rstrip(","):  # '"…" to drive up the price, she said': the clause after the last comma
            tail = subject.rstrip(",").rsplit(",", 1)[1]
            return self.phrase(tail, at + lead + head.find(tail.strip()), "after", verb.group())
        if not subject or len(subject.split()) > MAX_SUBJECT_WORDS or re.search(r"[;:\x00\n]", subject):
            return None
        if any(abbreviation_before(subject, m.start()) is False for m in re.finditer(r"\.(?=\s)", subject)):
            return None
        if re.search(r"\b(?:that|which|when|while|because|if)\b", subject):
            return None
        return self.phrase(subject.rstrip(","), at + lead, "after", verb.group())

    def _inverted(self, following: str, verb: re.Match, at: int) -> Attribution | None:
        """ "…," said Mayor Ana Ruiz / said the mayor / said former mayor Ana Ruiz / said her aide, Ana Ruiz."""
        if verb.group() in LISTENER_VERBS:
            return None
        rest = following[verb.end() :]
        match = re.match(r"\s+((?:the|a|an|one|two|another|he|she|[A-Z]|[a-z][\w\-’']*\s)[^,;:\x00\n()]{0,100})", rest)
        if not match:
            return None
        phrase = re.split(r"\s+(?:in|on|at|during|to|after|before|while|as|from|for|with)\s+", match.group(1))[0]
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
        after = re.match(r",\s*([^,;:\x00\n()]{2,60}?)\s*(?=[,.;]|$)", rest[match.end(1) :])
        if not after:
            return None
        start = begin + (match.end(1) - match.start(1)) + after.start(1)
        mention = self._name_in(start, start + len(after.group(1)))
        if not mention or mention.kind != "person" or mention.start != start:
            return None
        found = self.named(mention.text, mention.start, "inverted-appositive", match.group(1).strip(), cue)
        whole = rest[match.start(1) : match.end(1) + after.end(1)]
        return replace(found, as_written=self._written(whole, begin))

    def _before(self, preceding: str, at: int) -> Attribution | None:
        words = re.search(r"[a-z]{2}", preceding)  # a frame of masked quotes and marks has no verb to find
        verbs = [v for v in VERB.finditer(preceding, words.start()) if not noun_use(preceding, v)] if words else []
        for verb in reversed(verbs):
            found = self._subject_of(preceding, verb, at)
            if found:
                return found
        colon = re.search(r"([^,;\x00\n]{2,80}):\s*$", preceding)
        if colon and not verbs:
            return self.phrase(_trim_intro(colon.group(1)), at + colon.start(1), "colon", ":")
        return None

    def _subject_of(self, frame: str, verb: re.Match, at: int) -> Attribution | None:
        left = _AUX.sub("", frame[: verb.start()])
        if verb.group().endswith("ing") and re.search(r"\b(?:by|after|before|while|when|without|in|for|on)\s+$", left):
            return self._earlier_subject(frame, verb, at)
        if left.rstrip().endswith(","):
            return self._apposed_subject(left, at, verb.group()) or self._earlier_subject(frame, verb, at)
        pieces = list(_BOUNDARY.finditer(left))
        cut = pieces[-1].end() if pieces else 0
        subject = left[cut:].strip()
        if not subject:
            return self._earlier_subject(frame, verb, at)
        opener = subject.split()[0].lower()
        if opener in _SUBORDINATE and opener not in _AS and "," in frame[verb.end() :]:
            return None  # "After X asked about it, the Graysons became “agitated”": X's clause is not the quote's
        subject = _trim_intro(subject)
        if len(subject.split()) > MAX_SUBJECT_WORDS or not subject:
            return None
        return self.phrase(subject, at + left.rfind(subject), "before", verb.group())

    def _apposed_subject(self, left: str, at: int, cue: str) -> Attribution | None:
        """ "Aaron Kall, the director of …, said" or "X continued to …, labeling": the head segment speaks."""
        hard = max((m.end() for m in re.finditer(r"[\x00;:\n]", left)), default=0)
        segments = list(re.finditer(r"[^,]+", left[hard:]))[-6:]
        heads = []
        for segment in reversed(segments):
            text = segment.group()
            begin = at + hard + segment.start() + len(text) - len(text.lstrip())
            head = self.opening_speaker(begin, at + hard + segment.end())
            if head:
                heads.append((head, begin, segment))
        heads.sort(key=lambda h: h[0][1] != "person")  # a person before a body or place ("…, of Ashton, Md.,")
        for (phrase, _kind), begin, segment in heads:
            found = self.phrase(phrase, begin, "before", cue)
            if found and found.speaker:
                rest = left[hard + segment.end() :].strip(" ,")
                return replace(found, role=found.role or (rest if _APPOSITIVE.match(rest) else None))
        return None

    def opening_speaker(self, begin: int, end: int) -> tuple[str, str] | None:
        """The (phrase, kind) a stretch of text opens with: a pronoun, a titled name, or a role phrase."""
        segment = self.masked[begin:end]
        pronoun = re.match(r"(he|she|they|He|She|They)\b", segment)
        if pronoun:
            return pronoun.group(1), "person"
        low = bisect.bisect_left(self.mention_starts, begin)
        fallback = None
        for mention in self.cast.mentions[low : low + 4]:
            lead = self.masked[begin : mention.start]
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
        described = re.match(r"(?:the|The)\s+(?:[\w\-’']+\s+){0,3}?[a-z]+\b", segment)
        if described and is_role_phrase(described.group()):
            return described.group(), "role"
        return None

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
            r"\s*(?:(?:In|On|At|During|After|Before|Following|Speaking|Since|Earlier|Later|Last)\b[^,]{0,80},)?\s*",
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
            head = self.opening_speaker(begin, at)
            if not head:
                continue
            after = self.masked[begin + len(head[0]) : at]
            verb = _FINITE.match(after)
            if not verb or MASK in after[: verb.end()] or verb.group(1) in _NOT_SPEECH:
                continue
            return self.phrase(head[0], begin, "subject-verb", verb.group(1))
        return None

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

    def _continued(self, index: int, sentence: FrameSentence, preceding: str, following: str) -> Attribution | None:
        frame = (preceding + following).replace(MASK, "")
        if re.search(r"[^\W\d_]", preceding.replace(MASK, "")) or VERB.search(frame):
            return None  # the writer's own sentence: no guessing
        previous = index - 1
        if previous >= 0 and self.body[previous].paragraph == sentence.paragraph and self.found[previous].speaker:
            return replace(self.found[previous], how="continued", as_written=None)
        trailing = self._trailing_attribution(sentence)
        if trailing:
            return trailing
        return self._previous_paragraph(index, sentence)

    def _trailing_attribution(self, sentence: FrameSentence) -> Attribution | None:
        """ "Go!" Ana Ruiz said of the plan. (a quote ending in ! ? or . ends its sentence): the next sentence's
        subject, when it only says who spoke (short, or its verb says nothing more: no "that" clause)."""
        position = self.position[sentence.start]
        if position + 1 >= len(self.sentences):
            return None
        following = self.sentences[position + 1]
        frame = self.masked[following.start : following.end]
        if following.quotes or following.paragraph != sentence.paragraph:
            return None
        verb = VERB.search(frame)
        if not verb:
            return None
        if len(frame.split()) <= 10:
            return self._subject_of(frame, verb, following.start)
        rest = frame[verb.end() :]
        if len(frame[: verb.start()].split()) > 6 or re.match(r"\s*(?:that|if|whether|how|why|what)\b", rest):
            return None
        if verb.group() in LISTENER_VERBS or re.search(r"\b(?:that|which)\b", rest[:40]):
            return None
        found = self._after(frame, following.start)
        return replace(found, how="next-sentence") if found and found.speaker else None

    def _interrupted(self, index: int, sentence: FrameSentence) -> Attribution | None:
        """ "A," said Ana Ruiz, "B.": the second part takes the first part's speaker."""
        previous = index - 1
        if previous < 0 or previous not in sentence.quotes or not self.found[previous].speaker:
            return None
        between = self.masked[self.marks[previous][1] : self.marks[index][0]]
        if MASK in between or len(between.split()) > 12 or not VERB.search(between):
            return None
        return replace(self.found[previous], how="interrupted", as_written=None)

    def _previous_paragraph(self, index: int, sentence: FrameSentence) -> Attribution | None:
        position = self.position[sentence.start]
        last = self.sentences[position - 1] if position else None
        while last is not None and last.paragraph == sentence.paragraph and self.position[last.start]:
            last = self.sentences[self.position[last.start] - 1]
        if last is None or last.paragraph != sentence.paragraph - 1:
            return None
        frame = self.masked[last.start : last.end].rstrip()
        if frame.endswith(":"):
            found = self._before(frame, last.start)
            if found:
                return replace(found, how="colon")
        previous = index - 1
        while previous >= 0 and self.body[previous].kind == "fragment" and not self.found[previous].speaker:
            previous -= 1  # a title or scare quote after the speaker's words ("…," said X, author of "Y.")
        if previous >= 0 and self.body[previous].paragraph == sentence.paragraph - 1 and self.found[previous].speaker:
            return replace(self.found[previous], how="continued", as_written=None)
        return None

    def _fill_from_later(self, found: list[Attribution]) -> list[Attribution]:
        """A quote-only sentence, or a quotation running on into the next paragraph, takes the next quote's speaker."""
        out = list(found)
        for index in range(len(out) - 1, -1, -1):
            if out[index].how != "none" or index + 1 >= len(out):
                continue
            nxt = index + 1
            same = self.body[nxt].paragraph == self.body[index].paragraph
            runs_on = self.body[index].continues and self.body[nxt].paragraph == self.body[index].paragraph + 1
            if out[nxt].speaker and (runs_on or (same and not self._has_words(self.sentence_of[index]))):
                out[index] = replace(out[nxt], how="continued", as_written=None)
        return out

    def _has_words(self, sentence: FrameSentence) -> bool:
        """Say whether a sentence has words of the writer's own (outside its quotes); cached per sentence."""
        if sentence.start not in self.worded:
            frame = self.masked[sentence.start : sentence.end].replace(MASK, "")
            self.worded[sentence.start] = bool(re.search(r"[^\W\d_]", frame))
        return self.worded[sentence.start]

    # -- resolution ------------------------------------------------------------------------------------------

    def phrase(self, phrase: str, at: int, how: str, cue: str | None) -> Attribution | None:
        """Turn a subject phrase as written into a speaker: a name, a pronoun, a role or a description."""
        stripped = phrase.strip(" ,")
        at += phrase.find(stripped) if stripped else 0
        phrase = stripped
        if not phrase or MASK in phrase or not re.search(r"[^\W\d_]", phrase):
            return None
        words = phrase.split()
        if words[-1].lower() in PRONOUNS and (len(words) <= 2 or words[-1].lower() in {"he", "she", "they"}):
            return self.pronoun(words[-1].lower(), at, self._written(phrase, at), how, cue)
        mention = self._head_name(phrase, at)
        first = words[0].lower()
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
        return Attribution(written, None, None, None, cue, how)

    def _nearest_person(self, at: int, gender: str) -> str | None:
        fits = [m for m in self._mentions_before(at) if m.kind == "person"]
        fits = [m for m in fits if self.cast.gender(self.cast.resolve(m.name)) in (None, gender)]
        if not fits:
            return None
        here = bisect.bisect_right(self.sentence_starts, at) - 1
        current = [m for m in fits if m.start >= self.sentence_starts[max(here, 0)]]
        if current:
            plain = [m for m in current if not m.possessive] or current
            known = [m for m in plain if self.cast.gender(self.cast.resolve(m.name)) == gender]
            return self.cast.resolve((known or plain)[-1].name)
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

    def _mentions_before(self, at: int) -> list[Mention]:
        high = bisect.bisect_right(self.mention_ends, at)
        return list(self.cast.mentions[max(0, high - 200) : high])

    def role(self, phrase: str, at: int) -> Attribution | None:
        """Resolve "the prime minister" or "the terrorist group" to whom the article introduced that way."""
        words = [w for w in re.findall(r"[a-z\-]+", phrase.lower()) if w not in DETERMINERS]
        head = words[-1]
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
                    fits = offset < at and wanted <= set(re.findall(r"[a-z\-]+", role.lower()))
                    if fits and (best is None or offset > best[0]):
                        best = (offset, full, role)
            if best:
                return Attribution(phrase, best[1], "person", best[2], None, "role")
        return None


def _trim_intro(phrase: str) -> str:
    """Drop an introductory phrase ("In a Bloomberg interview Trump" -> "Trump")."""
    phrase = phrase.strip()
    words = phrase.split()
    if words and words[0].lower() in _PREPOSITIONS:
        names = re.search(r"((?:[A-Z][\w’'.\-]*\s+(?:(?:of|for|on|and)\s+(?=[A-Z]))?)*[A-Z][\w’'\-]*)$", phrase)
        if names:
            return names.group(1)
        determiner = list(re.finditer(r"\b(?:the|a|an)\s+", phrase))
        return phrase[determiner[-1].start() :] if determiner else phrase
    return phrase
