"""The attribution rules by name: each quote records the rule that found its speaker in `Quote.how`, and
scripts/speakers_eval.py prints each rule's counts and precision. A rule not listed here does not exist."""

from __future__ import annotations

RULES: dict[str, str] = {
    "after": "a speech verb after the quote, its subject before or after it: '“…,” Ana Ruiz said' / 'said Ana Ruiz'",
    "inverted-modifier": "said + a lower-case modifier and a name: '“…,” said former mayor Ana Ruiz'",
    "inverted-appositive": "said + a description, then the name: '“…,” said her aide, Ana Ruiz'",
    "inverted-late": "a clause after the quote, then said + the speaker: '“…” if it rains, said Ana Ruiz'",
    "before": "a speech verb before the quote, with its subject: 'Ana Ruiz said that it was “…”'",
    "aside": "an inverted speech verb set off before the quote: 'The risk, says Ana Ruiz, is that “…”'",
    "said-first": "a capitalised speech verb opening the sentence, then the speaker: 'Said Ana Ruiz, “…”'",
    "colon": "a phrase ending with a colon before the quote: 'Ana Ruiz put it plainly: “…”'",
    "dash": "a dash and a name after the quote: '“…” — Ana Ruiz'",
    "according": "'according to' a person or body: '“…,” according to the Water Board'",
    "according-relay": "'according to' a news outlet: the outlet is the relay, the speaker is not given",
    "passive": "the agent of a passive speech verb: 'has been called “…” by Ana Ruiz'",
    "possessive": "a possessor and a noun for something said: 'Ana Ruiz's claim that “…”', 'her remark that “…”'",
    "subject-verb": "a quote inside a sentence whose subject does something with words: 'X blamed the “…”'",
    "interrupted": "the second part of a quote broken by its attribution: '“…,” said X, “…”'",
    "next-sentence": "a quote ending its sentence, attributed by the next: '“…!” X said of the plan.'",
    "lead-in": "a quote-only sentence after a writer's sentence whose subject acts: 'X agreed. “…”'",
    "paragraph-lead": "a quote-only paragraph after one ending with a named person's speech verb: 'X said … ¶ “…”'",
    "continued": "a quote-only sentence or paragraph running on from the previous speaker",
    "subject": "a participle or coordinated verb takes the sentence's subject: 'X …, adding “…”'",
    "transcript": "a transcript line: 'SMITH: …'",
    "role": "a role resolved to whom the article gave it: 'the prime minister' -> Benjamin Netanyahu",
    "none": "no rule applied: the text does not say who spoke (the speaker stays unknown)",
}
