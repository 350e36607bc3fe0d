"""Who said it, within one article: the rules in order (sentence_rules.py reads one sentence, this module follows
quotes across sentences and paragraphs), then the relay; speaker_phrases.py resolves names, pronouns and roles."""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Article
from ..text.cast import Cast
from ..text.names import MASK
from .quote_frames import VERB, FrameSentence, mark_bounds, mask, split_sentences
from .quotes import Quote
from .sentence_rules import (
    _FINITE,
    _INTRO,
    _NOT_SPEECH,
    _RELAY,
    _TRANSCRIPT,
    MAX_FRAME_CHARS,
    SentenceRules,
    _relay_name,
)
from .speaker_phrases import _NONE, Attribution


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


# A connective opening a quote-only sentence ("Instead, “…”"): the quote still runs on from the last speaker.
# Words that open a quote-only sentence and leave it the previous speaker's: "Instead, “…”", "Adding, “…”" (a
# participle with no subject of its own continues the last sentence's speaker).
_CONNECTIVE = re.compile(
    r"^\s*(?:Instead|But|And|Still|Yet|Also|Then|Now|So|Plus|Again|However|Indeed|Adding|Continuing),?\s*$"
)


# A quote followed by a preposition or conjunction runs on into the writer's sentence: a speech verb before it is
# nearer the quote than one after the rest of the sentence ("Cruz says he is “…” with Rubio, in a finish that …").
_EMBEDDED = re.compile(
    r"\s*(?:and|or|but|by|with|in|on|at|for|from|to|of|as|than|about|into|over|because|since|while|when|if)\b"
)


class _Finder(SentenceRules):
    """Walks an article's quotes in order, remembering earlier attributions for continuations and pronouns."""

    def __init__(self, text, masked, cast: Cast, body, marks, sentences) -> None:
        super().__init__(text, masked, cast, sentences)
        self.body, self.marks, self.sentences = body, marks, sentences
        self.sentence_of = {q: s for s in sentences for q in s.quotes}
        self.position = {s.start: i for i, s in enumerate(sentences)}
        self.worded: dict[int, bool] = {}
        self.found: list[Attribution] = []

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
        embedded = _EMBEDDED.match(following)  # '“…” by the army, …, X said': the writer's sentence runs on
        found = (
            self._dash(following, end)
            or (embedded and self._before(preceding, frame_start))
            or self._after(following, end)
            or self._before(preceding, frame_start)
            or self._interrupted(index, sentence)
            or self._according(sentence, start)
            or self._passive(preceding, following, end)
            or self._possessive(preceding, frame_start, following)
            or self._subject_verb(sentence, start)
            or self._continued(index, sentence, preceding, following)
            or _NONE
        )
        if found.how == "before":  # "For Trump, according to X, the speech was “a test”": X is the source
            according = self._according(sentence, start)
            if according and according.speaker and according.kind in ("person", "body"):
                found = according
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

    def _continued(self, index: int, sentence: FrameSentence, preceding: str, following: str) -> Attribution | None:
        frame = (preceding + following).replace(MASK, "")
        own = _CONNECTIVE.sub("", preceding.replace(MASK, ""))  # "Instead, “…”" has no words of the writer's own
        if re.search(r"[^\W\d_]", own) or VERB.search(frame):
            return None  # the writer's own sentence: no guessing
        if self.body[index].text.rstrip("\"'”’ ")[-1:] in ("?", "!"):  # '“Why?” Ana Ruiz asked.' before a lead-in
            trailing = self._trailing_attribution(sentence)
            if trailing and trailing.speaker:
                return trailing
        lead_in = self._lead_in(sentence)
        if lead_in:
            return lead_in
        previous = index - 1
        if previous >= 0 and self.body[previous].paragraph == sentence.paragraph and self.found[previous].speaker:
            return replace(self.found[previous], how="continued", as_written=None)
        trailing = self._trailing_attribution(sentence)
        if trailing:
            return trailing
        return self._previous_paragraph(index, sentence)

    def _lead_in(self, sentence: FrameSentence) -> Attribution | None:
        """ "Ana Ruiz agreed. “…”": a quote-only sentence after a sentence of the writer's whose subject acts."""
        position = self.position[sentence.start]
        before = self.sentences[position - 1] if position else None
        if before is None or before.quotes or before.paragraph != sentence.paragraph:
            return None
        intro = _INTRO.match(self.masked, before.start, before.end)
        begin = intro.end() if intro else before.start
        head = self.opening_speaker(begin, before.end)
        if not head:
            return None
        verb = _FINITE.match(self.masked[begin + len(head[0]) : before.end])
        if not verb or verb.group(1) in _NOT_SPEECH:
            return None
        return self.phrase(head[0], begin, "lead-in", verb.group(1))

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
        if re.match(r"\s*(?:that|if|whether|how|why|what)\b", rest):
            return None
        if len(frame[: verb.start()].split()) > 6 and not self._apposed_name(
            following.start, following.start + verb.start()
        ):
            return None
        if re.search(r"\b(?:that|which)\b", rest[:40]):
            return None
        found = self._after(frame, following.start)
        return replace(found, how="next-sentence") if found and found.speaker else None

    def _apposed_name(self, start: int, end: int) -> bool:
        """Say whether a stretch opens with a person's name and an appositive: "Ana Ruiz, a retired nurse, "."""
        head = self.opening_speaker(start, end)
        return bool(
            head and head[1] == "person" and re.fullmatch(r",[^,\x00]+,\s*", self.masked[start + len(head[0]) : end])
        )

    def _interrupted(self, index: int, sentence: FrameSentence) -> Attribution | None:
        """ "A," said Ana Ruiz, "B.": the second part takes the first part's speaker."""
        previous = index - 1
        if previous < 0 or previous not in sentence.quotes or not self.found[previous].speaker:
            return None
        between = self.masked[self.marks[previous][1] : self.marks[index][0]]
        if MASK in between or len(between.split()) > 25 or not VERB.search(between):
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
        return self._paragraph_lead(last, frame)

    def _paragraph_lead(self, last: FrameSentence, frame: str) -> Attribution | None:
        """ "Kerry said that 100,000 would be accepted." then a paragraph that is a quote: the previous paragraph ends
        with a sentence of the writer's whose speech verb has a named person for its subject."""
        if last.quotes or not VERB.search(frame):
            return None
        found = self._before(frame, last.start)
        if not found or found.kind != "person" or not found.speaker:
            return None
        return replace(found, how="paragraph-lead", as_written=None)

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
