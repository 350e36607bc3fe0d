"""Speaker attribution, issue 16 third round: one invented sentence per rule of English news syntax."""

from __future__ import annotations

from test_quotes import make_article

from coverage_digest.article.analyse import extract_quotes


def first(*paragraphs: str):
    """The first quotation of an article made of these paragraphs."""
    return extract_quotes(make_article(*paragraphs))[0]


def test_role_before_the_name_is_part_of_the_speaker_as_written() -> None:
    """ "Ms. Ruiz's spokesman, Ana Lee," and "The leader of the Rail Union, Ana Lee,": the role is written with her."""
    after = first("“We are ready,” Ms. Ruiz's spokesman, Ana Lee, said.")
    assert (after.speaker, after.speaker_as_written) == ("Ana Lee", "Ms. Ruiz's spokesman, Ana Lee")
    before = first("The leader of the Rail Union, Ana Lee, warned that the plan was “a trap.”")
    assert (before.speaker, before.speaker_as_written) == ("Ana Lee", "The leader of the Rail Union, Ana Lee")
    joined = first("And the Rail Union's chief spokesman, Ana Lee, said the bridge was “safe.”")
    assert joined.speaker_as_written == "the Rail Union's chief spokesman, Ana Lee"


def test_name_after_a_comma_resolves_to_the_full_name() -> None:
    """ "…," the captain, Lee, said: the surname is the person the article named in full."""
    found = extract_quotes(make_article("Coach Ana Lee arrived late.", "“We won,” the captain, Lee, said."))
    assert (found[0].speaker, found[0].speaker_kind) == ("Ana Lee", "person")


def test_inverted_appositive_with_an_initial() -> None:
    quote = first("The dam held “without a crack,” said the board's director, Ana B. Lee, on Monday.")
    assert (quote.speaker, quote.speaker_as_written) == ("Ana B. Lee", "the board's director, Ana B. Lee")


def test_name_after_a_quote_that_does_not_close_its_clause() -> None:
    """ "“in homage to” Lee, Ana Ruiz wrote": Lee is the object of the writer's sentence; Ana Ruiz wrote it."""
    quote = first("The boat was named “in homage to” Lee, Ana Ruiz wrote.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "after")
    assert first("“It works,” Ana Ruiz, the mayor, said.").speaker == "Ana Ruiz"  # a closed quote: the name speaks


def test_preposition_opens_no_subject_after_a_quote() -> None:
    """ "“…” by the Port Authority, Ana Ruiz said": the phrase after the quote is the writer's, not a speaker."""
    quote = first("“Had there been no help” by the Port Authority, Ana Ruiz said, the town would have drowned.")
    assert quote.speaker == "Ana Ruiz"


def test_as_the_speaker_said_after_a_quote() -> None:
    assert first("The race “is a dead heat,” as Ana Ruiz said on the radio on Monday.").speaker == "Ana Ruiz"


def test_quoted_as_saying() -> None:
    quote = first("“Our method works,” Ana Ruiz is quoted as saying.")
    assert (quote.speaker, quote.cue) == ("Ana Ruiz", "quoted as saying")


def test_subject_of_the_clause_that_holds_the_verb() -> None:
    """ "…, when Mr. Lee, who had lost, called for a “…”": the clause's subject, not the sentence's."""
    when = first(
        "Some voters said they feared a repeat of 1992, when Mr. Lee, who had lost, called for a “culture war.”"
    )
    assert when.speaker == "Lee"
    what = first("He guarded the delegates, in what Ana Ruiz, the party treasurer, called “hand-to-hand combat.”")
    assert what.speaker == "Ana Ruiz"
    # a subordinate clause whose subject names nobody: no speaker, not the main clause's subject
    nobody = first(
        "Mayor Ana Ruiz is telling voters she is tough after a woman in Dover, Delaware, told her she is “too nice.”"
    )
    assert nobody.speaker is None
    # a relative clause is an appositive: "X, who served when …, conceded"
    who = first("Ana Ruiz, who served when the dam was built, conceded the flood was “deeply regrettable.”")
    assert who.speaker == "Ana Ruiz"


def test_a_role_held_for_someone_named_is_kept_whole() -> None:
    """ "a person close to the Ruizes", "a longtime adviser to both Ruizes", "Supporters of Ruiz": they spoke."""
    close = first("“We have work to do,” said a person close to the Ruizes.")
    assert (close.speaker, close.speaker_as_written) == ("a person close to the Ruizes", "a person close to the Ruizes")
    assert first("“We have work to do,” said a longtime adviser to both Ruizes.").speaker == (
        "a longtime adviser to both Ruizes"
    )
    assert first("Ana Ruiz spoke. Supporters of Ruiz said the race was on the “wrong track.”").speaker == (
        "supporters of Ruiz"
    )
    titled = first("Secretary of State Ana Ruiz called the deal “far from perfect.”")
    assert titled.speaker == "Ana Ruiz"  # a title, not a role held for someone


def test_asked_by_names_the_asker_and_a_passive_listener_is_no_speaker() -> None:
    asked = first("Ana Ruiz was asked by talk-show host Lee Park whether the plan would risk “a second flood.”")
    assert (asked.speaker, asked.how) == ("Lee Park", "passive")
    assert (
        first("In an interview, Ana Ruiz was asked, “What is the most dangerous place you have seen?”").speaker is None
    )
    assert first("According to the manual, the staff were told, “You sell feelings.”").speaker is None


def test_subject_verb_reads_more_of_english_word_order() -> None:
    """An opening adverb ("First,"), a time phrase before the verb ("last week"), a place after the name ("of
    Ohio"), and two names joined by "and"."""
    assert first("First, Ana Ruiz identified the judge as “Spanish,” which he is not.").speaker == "Ana Ruiz"
    assert first("Ana Ruiz last week invited the press to look for the “missing” files.").speaker == "Ana Ruiz"
    place = first("Senator Ana Ruiz of Ohio, a Democrat on the committee, advocates a “progressive tax” plan.")
    assert (place.speaker, place.how) == ("Ana Ruiz", "subject-verb")
    both = first("Ana Ruiz and Lee Chan issued a statement describing the meeting as a “positive step.”")
    assert (both.speaker_as_written, both.how) == ("Ana Ruiz and Lee Chan", "subject-verb")


def test_a_name_modifying_a_described_noun_and_catenative_verbs() -> None:
    """ "The Rail presidential candidate sent …" is the candidate; "X went so far as to say:" is X."""
    described = first("The Rail presidential candidate sent an email inviting supporters to “win my shotgun!”")
    assert (described.speaker, described.how) == ("the Rail presidential candidate", "subject-verb")
    assert first("The columnist Ana Ruiz went so far as to say: “The paper is over.”").speaker == "Ana Ruiz"
    assert first("Ana Ruiz was prompted to say, “I cannot believe how civil it is.”").speaker == "Ana Ruiz"


def test_colon_after_a_sentence_whose_subject_is_named() -> None:
    board = first("The Rail Board of Appeals was firm in its findings: “No more appeals.”")
    assert (board.speaker, board.how) == ("Rail Board of Appeals", "colon")
    # a colon phrase that opens with a verb is not a subject: "delivered a message to X:" is not X speaking
    assert (
        first("Senator Ana Ruiz, a Democrat, delivered a blunt message to Lee Chan: “It is time to quit.”").speaker
        != "Lee Chan"
    )


def test_a_question_or_exclamation_takes_the_next_sentence_before_a_lead_in() -> None:
    """ "Lee Chan spoke to the press. “Why now?” Ana Ruiz asked.": the asker, not the writer's earlier subject."""
    quote = first("Lee Chan spoke to the press on Monday. “Why now?” Ana Ruiz asked.")
    assert quote.speaker == "Ana Ruiz"
    assert first("Lee Chan spoke to the press on Monday. “We are ready.”").speaker == "Lee Chan"  # a lead-in still


def test_name_with_decomposed_accents_or_mis_decoded_letters() -> None:
    """ "José" written with a combining accent, and "Peña" whose UTF-8 bytes were read as Latin-1 ("PeÃ±a"): one
    word each, so the speaker is the whole name."""
    assert first("“We are ready,” said Jose\u0301 Ruiz.").speaker == "Jose\u0301 Ruiz"
    assert first("“We are ready,” said Ana Pe\u00c3\u00b1a Lee.").speaker == "Ana Pe\u00c3\u00b1a Lee"
    assert first("“We are ready,” said Ana PeA\u0303\u00b1a Lee.").speaker == "Ana PeA\u0303\u00b1a Lee"


def test_abbreviation_period_inside_the_subject() -> None:
    """ "The nominee for the Nov. 8 election later said": the period of "Nov." does not cut the subject."""
    quote = first("The nominee for the Nov. 8 election later said he was being “sarcastic” in his comments.")
    assert quote.speaker_as_written == "The nominee for the Nov. 8 election"


def test_town_and_state_after_the_name_before_the_verb() -> None:
    """ "Ana Ruiz of Dover, Delaware says": the state is where she lives, she is the speaker."""
    assert first("Ana Ruiz of Dover, Delaware says she thinks Lee will “win big.”").speaker == "Ana Ruiz"


def test_name_after_that_with_a_relative_clause() -> None:
    """ "It was a year ago that Ana Ruiz, who …, said": the name after "that" is the subject of "said"."""
    quote = first("It was a year ago that Ana Ruiz, who is thinking about running, said it was “impossible” to win.")
    assert quote.speaker == "Ana Ruiz"


def test_said_opening_the_sentence() -> None:
    """ "Said Ana Ruiz, who grew up there, “…”": the inverted verb opens the sentence (rule `said-first`)."""
    quote = first("Said Ana Ruiz, who grew up there, “We were all so proud of him.”")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "said-first")


def test_as_the_speaker_had_written() -> None:
    """ "As the columnist Ana Ruiz had written years earlier, “…”": the past perfect reports words; "As" is no part
    of the speaker as written."""
    quote = first("As the columnist Ana Ruiz had written years earlier, “We just could not stay.”")
    assert (quote.speaker, quote.speaker_as_written) == ("Ana Ruiz", "the columnist Ana Ruiz")


def test_adverb_opening_the_sentence_before_the_subject() -> None:
    """ "Immediately after the flood, Ana Ruiz issued a statement, “…”": an -ly phrase is introductory."""
    quote = first("Immediately after the flood, Ana Ruiz issued a statement, “We are done.”")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "subject-verb")


def test_passive_participle_opening_the_sentence() -> None:
    """ "Preceded at the lectern by Ana Ruiz, the mayor, Lee Park launched into …": the subject follows the phrase."""
    quote = first("Preceded at the lectern by Ana Ruiz, the mayor, Lee Park launched into a lament for “lost towns.”")
    assert (quote.speaker, quote.how) == ("Lee Park", "subject-verb")


def test_subject_with_an_appositive_ending_in_a_quoted_title() -> None:
    """ "Lee Park, star of the film “Rain,” thanked the mayor for “…”": the title closes the appositive."""
    found = extract_quotes(make_article("Lee Park, star of the film “Rain,” thanked the mayor for “taking steps.”"))
    assert (found[1].speaker, found[1].how) == ("Lee Park", "subject-verb")


def test_pronoun_skips_names_that_are_objects_of_a_preposition() -> None:
    """ "With a vote for Ana Ruiz ruled out, Tom Keller said …, whom he called “…”": he is Tom Keller, the subject."""
    quote = first(
        "With a vote for Ana Ruiz ruled out, Tom Keller said he is left with a vote for Mark Dunn, whom he called “the"
        " least bad.”"
    )
    assert quote.speaker == "Tom Keller"


def test_time_phrase_after_the_appositive_is_not_the_subject() -> None:
    """ "Ana Ruiz, who …, on Friday described her plan as a “…”": Ana Ruiz, not Friday."""
    quote = first("Ana Ruiz, who has been feuding with the council, on Friday described her plan as a “big tent” deal.")
    assert quote.speaker == "Ana Ruiz"


def test_goes_on_in_a_sense_that_reports_no_words() -> None:
    """ "Ana Ruiz said that once the Senate goes on recess, “…”": "goes on recess" is no speech verb."""
    assert first("Ana Ruiz said that once the Senate goes on recess, “I will go home.”").speaker == "Ana Ruiz"


def test_dateline_is_not_the_subject() -> None:
    """ "DOVER, July 25 (UPI) — The Rail Union released a statement, offering “…”": the union, not the town."""
    quote = first("DOVER, July 25 (UPI) — The Rail Union released a statement on Monday, offering “a deep apology.”")
    assert quote.speaker_as_written == "The Rail Union"


def test_role_held_for_someone_before_a_participle() -> None:
    """ "Attorneys for Ana Ruiz appeared to oppose it, saying …": the attorneys, kept whole as written."""
    quote = first("Attorneys for Ana Ruiz appeared to oppose the effort, saying that her account was “private.”")
    assert quote.speaker_as_written == "Attorneys for Ana Ruiz"


def test_inverted_speaker_known_as_a_name() -> None:
    """ "“…,” said the officer known as Bob": the name after "known as" is part of the speaker."""
    quote = first("“There never was an order,” said the officer known as Bob, speaking for the first time.")
    assert (quote.speaker, quote.speaker_as_written) == ("Bob", "the officer known as Bob")


def test_apposed_subject_past_a_quoted_title_and_a_relative_clause() -> None:
    """ "Sam Lee, a contestant on “The Race,” who went on to work for X, said …": Sam Lee."""
    found = extract_quotes(
        make_article(
            "Sam Lee, a contestant on “The Race,” who went on to work for Ana Ruiz, said his boss was “a genius.”"
        )
    )
    assert found[1].speaker == "Sam Lee"


def test_possessor_before_and_a_speech_noun_after_the_quote() -> None:
    """ "Ana Ruiz's “47 percent” comment": the owner of the comment said it (rule `possessive`)."""
    quote = first("Ana Ruiz's “47 percent” comment was nearly as dismissive as the others.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "possessive")


def test_dash_and_a_coordinated_verb_after_the_quote() -> None:
    """ "Lee boasted of his team - “…” - and stressed …": "- and" is no subject; Lee spoke."""
    quote = first("Lee boasted to reporters of his team - “the best in the state” - and stressed the stakes.")
    assert quote.speaker == "Lee"


def test_subject_verb_with_an_adverb_after_the_auxiliary() -> None:
    """ "Ana Ruiz has instead positioned her agenda around plans to “…”": the adverb between has and the verb."""
    quote = first("Ana Ruiz has instead positioned her agenda around plans to “build on the gains” of the council.")
    assert (quote.speaker, quote.how) == ("Ana Ruiz", "subject-verb")


def test_adding_opening_a_quote_only_sentence() -> None:
    """ "Ana Ruiz said … “…” Adding, “…”": the participle has no subject of its own; the last speaker goes on."""
    found = extract_quotes(make_article("Ana Ruiz said of the report that it “was not good.” Adding, “Now we know.”"))
    assert (found[1].speaker, found[1].how) == ("Ana Ruiz", "continued")
