"""Attribution within one article: one test per pattern, then the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quotes import make_article, seed_article

from coverage_digest.article.analyse import extract_quotes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def first(*paragraphs: str):
    """The first quotation of an article made of these paragraphs."""
    return extract_quotes(make_article(*paragraphs))[0]


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(make_article(*paragraphs))]


@pytest.mark.parametrize(
    ("paragraph", "written", "speaker"),
    [
        ("“The river is rising,” Mayor Ana Ruiz said.", "Mayor Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” said Mayor Ana Ruiz.", "Mayor Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz told Reuters on Monday.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz declared.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz warned.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz added.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz wrote in a post.", "Ana Ruiz", "Ana Ruiz"),
        ("Ana Ruiz stated that the river was “rising fast.”", "Ana Ruiz", "Ana Ruiz"),
        ("Ana Ruiz said, “The river is rising.”", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz assured the crowd.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz surmised.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising,” Ana Ruiz shot back.", "Ana Ruiz", "Ana Ruiz"),
        ("“The river is rising!” barked Ana Ruiz.", "Ana Ruiz", "Ana Ruiz"),
        ("The engineers conclude that the river is “rising fast.”", "The engineers", "the engineers"),
    ],
)
def test_speech_verbs(paragraph: str, written: str, speaker: str) -> None:
    quote = first(paragraph)
    assert (quote.speaker_as_written, quote.speaker) == (written, speaker)


def test_according_to() -> None:
    quote = first("The dam held, and the repairs were “nearly done,” according to the Water Board.")
    assert (quote.speaker, quote.cue) == ("Water Board", "according to")


def test_colon_introduction() -> None:
    assert first("Ana Ruiz put it plainly:", "“We will not leave.”").speaker == "Ana Ruiz"
    assert first("In a statement, the Port Authority said: “Ships may dock again.”").speaker == "Port Authority"


def test_continued_in_next_paragraph() -> None:
    found = extract_quotes(make_article("“We are ready,” said Coach Lena Park.", "“Nobody here is tired.”"))
    assert [q.speaker for q in found] == ["Lena Park", "Lena Park"]
    assert found[1].how == "continued" and found[1].speaker_as_written is None


def test_broken_by_attribution() -> None:
    assert speakers("“The vote is close,” Tom Reyes said, “but we expect to win.”") == ["Tom Reyes", "Tom Reyes"]


def test_pronoun_resolved_to_nearest_fitting_name() -> None:
    quote = first("Governor Maria Lopez visited the plant on Friday. She toured the floor.", "“It was loud,” she said.")
    assert (quote.speaker_as_written, quote.speaker) == ("she", "Maria Lopez")


def test_pronoun_skips_name_of_other_gender() -> None:
    paragraphs = ("Mr. Hale met Ms. Dara Quinn in June, and she thanked him.", "“Thank you,” he said.")
    assert first(*paragraphs).speaker == "Hale"


def test_role_phrase_resolved_to_person_introduced_with_it() -> None:
    paragraphs = ("Finance Minister Ivo Petrov met the bankers.", "“Rates will fall,” the finance minister said.")
    quote = first(*paragraphs)
    assert (quote.speaker_as_written, quote.speaker, quote.how) == ("the finance minister", "Ivo Petrov", "after")


def test_body_with_statement() -> None:
    quote = first("The Rail Union, in its statement, repeated its call to “stop all cuts.”")
    assert (quote.speaker, quote.speaker_kind) == ("Rail Union", "body")


def test_body_role_phrase() -> None:
    paragraphs = ("The talks ended, according to the Rail Union.", "The militant group said the talks were “useful.”")
    assert extract_quotes(make_article(*paragraphs))[0].speaker == "Rail Union"


@pytest.mark.parametrize(
    ("paragraph", "description"),
    [
        ("“The deal is dead,” an official close to the talks told Reuters.", "an official close to the talks"),
        ("An Israeli official said the plan was “on hold.”", "an Israeli official"),
    ],
)
def test_unnamed_source_kept_as_description(paragraph: str, description: str) -> None:
    quote = first(paragraph)
    assert (quote.speaker, quote.speaker_kind) == (description, "unnamed")


def test_appositive_role() -> None:
    quote = first("“Costs are up,” said Lee Chan, an economist at the Harbor Institute.")
    assert quote.speaker == "Lee Chan" and quote.role == "an economist at the Harbor Institute"


def test_dash_attribution() -> None:
    assert first("“We deserve better.” ― Rosa Vidal").speaker == "Rosa Vidal"


def test_transcript_speaker() -> None:
    assert first('"HOST: Welcome back to the show."').speaker_as_written == "HOST"


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("Traffic was slow, and the “experts” stayed home.",),
        ("“A long wait.”",),
        ("Traffic was heavy.", "“What a day.”"),
    ],
)
def test_no_guessing(paragraphs: tuple[str, ...]) -> None:
    assert first(*paragraphs).speaker is None


SEED_SPEAKERS = {
    "000": [
        "an official close to the talks",
        None,  # "…” …, according to the Guardian": the paper relayed it; the sentence does not say who spoke
        "Yoav Gallant",
        "Yoav Gallant",
        "Benjamin Netanyahu",
        "Benjamin Netanyahu",
        "Benjamin Netanyahu",
        "Benjamin Netanyahu",
        "Benjamin Netanyahu",
    ],
    "002": ["Hamas", "Benjamin Netanyahu"],
    "003": ["an Israeli official", "Hamas"],  # "…, but the group intended to continue … with “positivity.”"
    "004": ["Hamas", "Hamas", "Benjamin Netanyahu", "Yoav Gallant"],
}


@pytest.mark.parametrize("prefix", sorted(SEED_SPEAKERS))
def test_seed_speakers(prefix: str) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    found = [q.speaker for q in extract_quotes(seed_article(path)) if not q.in_headline]
    assert found == SEED_SPEAKERS[prefix]


def test_seed_roles_and_writing() -> None:
    path = next(SEEDS.glob("000_*.txt"))
    quotes = extract_quotes(seed_article(path))
    assert quotes[2].speaker_as_written == "Israeli Defence Minister Yoav Gallant"
    assert quotes[4].speaker_as_written == "the prime minister" and quotes[4].role == "Israel Prime Minister"
    assert quotes[7].speaker_as_written == "he"
    assert (quotes[1].relay, quotes[1].how) == ("Guardian", "according-relay")


def test_relay_besides_the_speaker() -> None:
    quote = first("“We accept,” Hamas said in a statement carried by Reuters.")
    assert (quote.speaker, quote.relay) == ("Hamas", "Reuters")
    quote = first("“The talks were serious,” the group said on Monday, according to the Guardian.")
    assert quote.relay == "Guardian" and quote.speaker != "Guardian"


def test_according_to_a_person_is_the_speaker() -> None:
    quote = first("The dam held, and repairs were “nearly done,” according to engineer Ana Ruiz.")
    assert (quote.speaker, quote.relay) == ("Ana Ruiz", None)


# -- rules added for issue 16 (one sentence each) ----------------------------------------------------------------


def test_inverted_subject_with_a_lower_case_modifier() -> None:
    quote = first("“The river is rising,” said former mayor Ana Ruiz.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "inverted-modifier")


def test_inverted_subject_after_a_clause() -> None:
    quote = first("“The dam will hold” if the rain stops, said Ana Ruiz, an engineer.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "inverted-late")


def test_inverted_description_then_name() -> None:
    quote = first("“The dam will hold,” said her oldest friend from school, Ana Ruiz, who lives nearby.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "inverted-appositive")
    assert quote.speaker_as_written == "her oldest friend from school, Ana Ruiz"


def test_interrupted_quote_keeps_its_speaker() -> None:
    text = "“The dam will hold,” said the chief engineer, “because the rain has stopped.”"
    found = extract_quotes(make_article(text))
    assert [q.speaker for q in found] == ["the chief engineer", "the chief engineer"]
    assert found[1].how == "interrupted"


def test_quote_ending_its_sentence_takes_the_next_sentence_subject() -> None:
    quote = first("“What a week!” Ana Ruiz said of the floods on Monday at the old bridge near the school.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "next-sentence")


def test_next_sentence_with_a_that_clause_is_not_an_attribution() -> None:
    assert first("“What a week!” Ana Ruiz said that the floods closed the bridge and the school.").speaker is None


def test_continuation_skips_a_title_between() -> None:
    found = extract_quotes(make_article("“It was hard,” said Ana Ruiz, author of “Floods.”", "“We rebuilt it.”"))
    assert (found[0].speaker, found[-1].speaker) == ("Ana Ruiz", "Ana Ruiz")


def test_fragment_in_a_sentence_whose_subject_speaks() -> None:
    assert first("The senator called the plan a “reckless gamble” on Tuesday.").speaker == "the senator"
    quote = first("Ana Ruiz blamed the rain for the “worst week of the year.”")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "subject-verb")


def test_a_describing_verb_gives_no_speaker() -> None:
    assert first("Ana Ruiz was a “rising star” in the party.").speaker is None


def test_a_subordinate_clause_after_the_quote_is_no_subject() -> None:
    assert first("“We are ready,” after Ana Ruiz arrived, the meeting began.").speaker is None


def test_a_clause_before_the_main_clause_is_not_the_speaker() -> None:
    quote = first("After Ana Ruiz asked about it, the neighbours became “agitated” and left.")
    assert quote.speaker != "Ana Ruiz"


def test_a_connective_does_not_stop_a_continuation() -> None:
    found = extract_quotes(make_article("“We held,” Ana Ruiz said. Instead, “the water went around us.”"))
    assert [q.speaker for q in found] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_spokesman_for_someone_is_not_that_someone() -> None:
    quote = first("“We disagree,” said a spokesman for Ana Ruiz.")
    assert (quote.speaker, quote.speaker_kind) == ("a spokesman for Ana Ruiz", "unnamed")
    assert first("A spokesman for Ana Ruiz said the plan was “unworkable.”").speaker == "a spokesman for Ana Ruiz"


def test_lead_in_sentence_gives_the_next_quote_its_speaker() -> None:
    found = extract_quotes(make_article("“We held,” Tom Reyes said.", "Ana Ruiz agreed. “The water went around us.”"))
    assert [q.speaker for q in found] == ["Tom Reyes", "Ana Ruiz"]
    assert found[1].how == "lead-in"


def test_a_poll_share_is_no_speaker() -> None:
    assert first("In the new poll, 55 percent of voters said the plan was “a mistake.”").speaker is None


def test_a_possessive_role_before_the_name_is_kept_as_written() -> None:
    quote = first("Ana Ruiz’s lawyer, Tom Reyes, said the claim was “baseless.”")
    assert (quote.speaker, quote.speaker_as_written) == ("Tom Reyes", "Ana Ruiz’s lawyer, Tom Reyes")


def test_a_title_with_of_is_stripped() -> None:
    quote = first("“We are ready,” said Chief of Staff Denis Lowe.")
    assert quote.speaker == "Denis Lowe"


def test_according_to_a_person_outranks_a_subject_before_the_quote() -> None:
    quote = first("For the mayor, according to engineer Ana Ruiz, the flood was “a test of the dam.”")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "according")


def test_no_speaker_after_a_participle() -> None:
    """ "…" urging X / referencing X: the name after a participle is its object, not the speaker."""
    assert first("The flyer read “a new start” urging Ana Ruiz to run.").speaker is None
    assert first("“Vote early,” referencing Ana Ruiz and her plan.").speaker is None


def test_inner_single_quote_before_a_closing_double_apostrophe() -> None:
    """''… 'no matter what,''' said X (print copies close an inner quote and the quote together)."""
    quote = first("''We will stay, 'no matter what,''' said Ana Ruiz.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "after")


def test_inverted_asked() -> None:
    quote = first("“Who pays for it?” asked Sen. Ana Ruiz of Ohio.")
    assert (quote.speaker, quote.cue) == ("Ana Ruiz", "asked")


def test_next_sentence_told_and_appositive() -> None:
    told = first("“Who knows?” Ana Ruiz told the valley radio station in a long interview on Monday night.")
    assert (told.speaker, told.how) == ("Ana Ruiz", "next-sentence")
    apposed = first("“How are you today?” Ana Ruiz, a retired nurse from the valley, said warmly into the phone.")
    assert (apposed.speaker, apposed.how) == ("Ana Ruiz", "next-sentence")


def test_subject_verb_progressive_and_subordinate_clause() -> None:
    """ "X is pledging to “…”", "… when X assailed a judge for his “…”": the subject of the quote's own clause."""
    progressive = first("Ana Ruiz, fresh from a win at home, is hoping to “win many hundreds of seats” next week.")
    assert (progressive.speaker, progressive.how) == ("Ana Ruiz", "subject-verb")
    clause = first("The row follows a fight in June when Ana Ruiz assailed a judge for his “heritage.”")
    assert (clause.speaker, clause.how) == ("Ana Ruiz", "subject-verb")


def test_aside_before_the_quote() -> None:
    aside = first("The trouble, says Ana Ruiz, a historian at the state library, is that it was “the costliest flood.”")
    assert (aside.speaker, aside.how) == ("Ana Ruiz", "aside")
    assert first("But, said Ana Ruiz, “nobody here is leaving.”").speaker == "Ana Ruiz"
    # the subject's appositive, then the name spoken of: the subject speaks
    assert first("Tom Reyes, a former aide, said Ana Ruiz was “too careful.”").speaker == "Tom Reyes"


def test_interrupted_by_a_long_attribution() -> None:
    found = speakers(
        "“The risk,” said Ana Ruiz, an economist who is the director of the forecast at the state university in the"
        " valley, “is that we lose the jobs.”"
    )
    assert found == ["Ana Ruiz", "Ana Ruiz"]


def test_pronoun_in_the_sentence_is_its_subject() -> None:
    """ "X said …, whom he called “…”": he is the sentence's subject, not the person just named."""
    quote = first("Tom Reyes said he would vote against Ana Ruiz, whom he called “the worst mayor.”")
    assert (quote.speaker_as_written, quote.speaker) == ("he", "Tom Reyes")


def test_quote_running_on_into_the_sentence_takes_the_verb_before_it() -> None:
    """ "X says he is “…” with Y, in a finish that Z said …": the speech verb before the quote is its own."""
    quote = first("Tom Reyes says he is “tied for second” with Ana Ruiz, in a race that Lena Park said was close.")
    assert (quote.speaker, quote.how) == ("Tom Reyes", "before")
    plain = first("“We are tied,” Ana Ruiz said of the race with Tom Reyes.")
    assert (plain.speaker, plain.how) == ("Ana Ruiz", "after")


def test_passive_agent() -> None:
    called = first("The plan has been called “strategic ambiguity” by Ana Ruiz, a professor at the state college.")
    assert (called.speaker, called.how) == ("Ana Ruiz", "passive")
    assert first("The phrase “tax reform” was uttered once, by Mr. Tom Reyes.").speaker == "Tom Reyes"
    assert first("The “new deal” was called a scam by some.").speaker is None  # no agent named


def test_subject_verb_with_a_described_subject() -> None:
    """ "The ad targets a “…”": a text, a role or a body as the sentence's subject is the source as written."""
    quote = first("The ad targets a “rigged system that keeps the rich in place.”")
    assert (quote.speaker, quote.how) == ("the ad", "subject-verb")
    assert first("The river rose to a “record high” on Monday.").speaker is None  # a river says nothing


def test_subject_after_an_introductory_clause() -> None:
    """ "Asked …, X shook her head and said, “No.”", "When …, X characterizes herself as a “…”"."""
    assert first("Asked on Monday about the post, Ana Ruiz shook her head and said, “No.”").speaker == "Ana Ruiz"
    quote = first("When the subject comes up, Ana Ruiz routinely characterizes herself as a “change agent.”")
    assert quote.speaker == "Ana Ruiz"


def test_no_subject_from_a_clause_after_the_quote() -> None:
    assert first("“We will win,” said Ana Ruiz when asked about Tom Reyes.").speaker == "Ana Ruiz"
    quote = first(
        "Crowds came for the “big day” primary on March 1 that includes Texas, which Ana Ruiz expects to win,"
        " Tom Reyes said."
    )
    assert quote.speaker == "Tom Reyes"


def test_possessive_and_a_noun_for_something_said() -> None:
    claim = first("Tom Reyes laughed at Ana Ruiz’s dubious claim that the mayor “founded the gang.”")
    assert (claim.speaker, claim.how) == ("Ana Ruiz", "possessive")
    remark = first("Ana Ruiz came under fire over her remark that “we are finally there.”")
    assert (remark.speaker_as_written, remark.speaker) == ("her", "Ana Ruiz")
    # the quote is the writer's predicate about the comments, not the comments themselves
    assert first("The town said Ana Ruiz’s comments “are based on opinion.”").speaker != "Ana Ruiz"


def test_role_from_a_short_title() -> None:
    """ "Sen. Ana Ruiz …" then "the senator said": the title's role resolves the description."""
    found = extract_quotes(make_article("Sen. Ana Ruiz spoke first.", "“We will win,” the senator said."))
    assert (found[0].speaker_as_written, found[0].speaker) == ("the senator", "Ana Ruiz")


def test_unresolved_pronoun_is_an_abstention() -> None:
    """ "“…,” it said." with no body before it: nobody is named, so no speaker is shown (not a bare "it")."""
    quote = first("“We are closed today,” it said.")
    assert (quote.speaker_as_written, quote.speaker) == (None, None)
    assert first("“I was wrong,” I said.").speaker_as_written == "I"  # the writer's own voice is kept


def test_editorial_board_is_the_paper() -> None:
    """ "the paper's editorial board wrote": the newspaper named before, not a word of the description."""
    found = extract_quotes(
        make_article("Then came The Valley Herald.", "“He is selling fiction,” the paper's editorial board wrote.")
    )
    assert (found[0].speaker_as_written, found[0].speaker) == ("the paper's editorial board", "Valley Herald")


def test_paragraph_lead() -> None:
    """A quote-only paragraph after a paragraph ending with a named person's speech verb: that person."""
    found = extract_quotes(make_article("Ana Ruiz said that the plan would pass.", "“We have the votes.”"))
    assert (found[0].speaker, found[0].how) == ("Ana Ruiz", "paragraph-lead")
    # a writer's sentence without a speech verb does not introduce the next paragraph's quote
    assert extract_quotes(make_article("Ana Ruiz left the hall early.", "“We have the votes.”"))[0].speaker is None


def test_name_that_modifies_a_noun() -> None:
    """ "The GOP nominee", "Sanders supporters", "Post columnist Ana Ruiz": a name before a noun is not the subject."""
    nominee = first("The GOP nominee has staked his campaign on crime, portraying migrants as “rapists” and thieves.")
    assert (nominee.speaker, nominee.how) == ("the GOP nominee", "subject-verb")
    assert first("Ruiz supporters called it “fraud.”").speaker == "Ruiz supporters"
    assert first("Herald columnist Ana Ruiz called the mayor “a conviction candidate.”").speaker == "Ana Ruiz"
    book = first("Ana Ruiz has written a book in which she exposes the “eruptive” temper of the mayor.")
    assert (book.speaker, book.how) == ("Ana Ruiz", "subject-verb")


def test_subject_verb_after_do_or_a_modal() -> None:
    quote = first("Ana Ruiz would not comment on an order signed by the mayor “to protect privacy.”")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "subject-verb")
    assert first("Ana Ruiz did post on Twitter that the claims were “sarcasm” after all.").speaker == "Ana Ruiz"
