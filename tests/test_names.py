"""The one name resolver (text/names.py) and its users: an article's cast, the story's speakers, the mentions table."""

from __future__ import annotations

from coverage_digest.article.analyse import extract_quotes
from coverage_digest.story.mentions import mention_table
from coverage_digest.story.quote_match import match_quotes
from coverage_digest.text.cast import Cast
from coverage_digest.text.names import (
    NAME_WORD,
    canonical_speakers,
    is_body_name,
    is_nickname,
    same_person,
    split_title,
)
from support import article_from_text


def test_titles_are_stripped() -> None:
    assert split_title("Israel Prime Minister Benjamin Netanyahu").name == "Benjamin Netanyahu"
    assert split_title("Sen. Ana Ruiz").title == "Sen."
    assert split_title("Mayor Ana Ruiz").name == "Ana Ruiz"


def test_nicknames_and_initials_name_one_person() -> None:
    assert same_person("Bibi Netanyahu", "Benjamin Netanyahu")
    assert same_person("B. Netanyahu", "Benjamin Netanyahu")
    assert same_person("Netanyahu", "Benjamin Netanyahu")
    assert not same_person("Bill Clinton", "Hillary Clinton")
    assert is_nickname("Bibi") and not is_nickname("Benjamin")


def test_surname_only_mentions_join_the_person() -> None:
    cast = Cast("Mayor Ana Ruiz arrived early. Later Ruiz spoke, and Ms. Ruiz left.")
    assert cast.resolve("Ruiz") == "Ana Ruiz" and cast.resolve("Ms. Ruiz") == "Ana Ruiz"
    assert cast.is_person("Ruiz")


def test_non_ascii_names_are_found() -> None:
    words = [m.group() for m in NAME_WORD.finditer("Émile Dubois flew to Ōsaka and Łódź.")]
    assert words[:2] == ["Émile", "Dubois"] and "Ōsaka" in words and "Łódź." in words
    cast = Cast("Talks began as Émile Dubois arrived in Ōsaka.")
    assert "Émile Dubois" in [m.name for m in cast.mentions]
    table = {row.entity for row in mention_table((article_from_text("a", "On Monday, Émile Dubois flew to Ōsaka."),))}
    assert {"Émile Dubois", "Ōsaka"} <= table


def test_a_body_is_not_a_person() -> None:
    assert is_body_name("Port Authority") and is_body_name("New York")
    assert not is_body_name("Ana Ruiz")
    [quote] = extract_quotes(article_from_text("a", "“Ships may dock again,” the Port Authority said."))
    assert (quote.speaker, quote.speaker_kind) == ("Port Authority", "body")


def test_nickname_and_formal_name_are_one_person_everywhere() -> None:
    article = article_from_text("a", "“We will rebuild,” Bibi Netanyahu said. Benjamin Netanyahu later spoke again.")
    quotes = extract_quotes(article)
    assert [q.speaker for q in quotes] == ["Benjamin Netanyahu"]
    table = match_quotes((article,), quotes)
    assert [s.name for s in table.speakers] == ["Benjamin Netanyahu"]
    people = [row for row in mention_table((article,)) if row.kind == "person"]
    assert [(row.entity, row.total) for row in people] == [("Benjamin Netanyahu", 2)]


def test_story_speakers_join_surname_and_nickname() -> None:
    speakers = canonical_speakers(
        [
            ("Benjamin Netanyahu", "person", "Prime Minister Benjamin Netanyahu", None),
            ("Netanyahu", "person", "Netanyahu", None),
            ("Bibi Netanyahu", "person", "Bibi Netanyahu", None),
        ]
    )
    assert {s.name for s in speakers.values()} == {"Benjamin Netanyahu"}
