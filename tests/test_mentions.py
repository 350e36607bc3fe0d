"""Who is mentioned where: names, titles, kinds, and joining short forms to full names within a story."""

from __future__ import annotations

import pytest

from coverage_digest.story.mentions import find_mentions, mention_table
from support import article_from_text, seed_articles


def _table(*texts: str):
    rows = mention_table(tuple(article_from_text(f"s{i}", text) for i, text in enumerate(texts)))
    return {row.entity: row for row in rows}


@pytest.mark.parametrize(
    ("text", "entity", "kind"),
    [
        ("The plan was backed by Finance Minister Maria Lopez on Friday.", "Maria Lopez", "person"),
        ("Officials at the Ministry of Health said little.", "Ministry of Health", "body"),
        ("Troops crossed into Ukraine overnight.", "Ukraine", "place"),
        ("Protests spread in Lyon after the vote.", "Lyon", "place"),
        ("The report was released by the National Weather Service late.", "National Weather Service", "body"),
        ("He was stopped at the Rosh Ha'ayin border crossing yesterday.", "Rosh Ha'ayin", "place"),
        ("Talks were held in the southern city of Sumy again.", "Sumy", "place"),
    ],
)
def test_kinds(text, entity, kind):
    table = _table(text)
    assert table[entity].kind == kind


def test_surname_joins_full_name_across_articles():
    table = _table(
        "President Ana Ruiz visited the port. Ruiz said the port would reopen.",
        "Mrs. Ruiz spoke on Tuesday, and critics of Ms. Ruiz objected.",
    )
    row = table["Ana Ruiz"]
    assert row.kind == "person"
    assert dict(row.counts) == {"s0": 2, "s1": 2}
    assert "Ruiz" not in table


def test_same_title_joins_a_nickname():
    table = _table("Prime Minister Robert Hale resigned.", "Prime Minister Bobby Hale said he would stay.")
    (row,) = table.values()
    assert (row.total, set(row.aliases)) == (2, {"Robert Hale", "Bobby Hale"})


def test_acronym_joins_its_body():
    table = _table("The Federal Aviation Administration grounded jets. The FAA gave no date.")
    assert table["Federal Aviation Administration"].total == 2


@pytest.mark.parametrize(
    "text",
    [
        "However, the talks continued.",
        "Yesterday the market fell.",
        "Israeli leaders met on Sunday.",
        "Palestinians queued for bread.",
        "CLICK HERE TO READ MORE",
    ],
)
def test_not_names(text):
    assert _table(text) == {}


def test_sentence_initial_word_counts_when_seen_mid_sentence():
    table = _table("Kowalski arrived late. The coach thanked Kowalski.")
    assert table["Kowalski"].total == 2


def test_offsets_point_at_the_name():
    articles = (article_from_text("s0", "Yesterday Governor Tim Walz spoke in Duluth."),)
    for mention in find_mentions(articles):
        assert articles[0].text[mention.start : mention.end] == mention.text


# --- the seed story ---------------------------------------------------------------------------------------------


def test_seed_netanyahu_joined_across_outlets():
    table = {row.entity: row for row in mention_table(seed_articles())}
    row = table["Benjamin Netanyahu"]
    assert row.kind == "person"
    assert len(row.counts) == 5
    assert {"Netanyahu", "Bibi Netanyahu", "Benjamin Netanyahu"} <= set(row.aliases)
    assert "Netanyahu" not in table and "Bibi Netanyahu" not in table


def test_seed_kinds():
    table = {row.entity: row.kind for row in mention_table(seed_articles())}
    assert table["Hamas"] == "body"
    assert table["Rafah"] == "place"
    assert table["Yoav Gallant"] == "person"
    assert table["Israel Defense Forces"] == "body"


def test_runs_skip_lower_case_words_outside_a_name_and_keep_particles_and_of():
    """Lower-case words between names change nothing; particles and "of" after a cue join; a day name and a
    possessive end a run."""
    from coverage_digest.story.mentions import _context_votes, _runs

    text = "the Mayor of Kestrin met Ada van der Lind’s aide on Sunday in the city of Orvale, said Ministry of Health"
    assert [[word for word, _, _ in run] for run in _runs(text)] == [
        ["Mayor"],
        ["Kestrin"],
        ["Ada", "van", "der", "Lind"],
        ["Orvale"],
        ["Ministry", "of", "Health"],
    ]
    assert _runs(text)[2][-1] == ("Lind", 37, 41)  # the possessive is left out of the name
    assert _context_votes("they met in the city of Orvale said", 24, 30, 1) == [("place", 2)]
    assert _context_votes("Orvale officials said", 0, 6, 1) == [("body", 2)]  # read from the name's end on
    assert _context_votes("Orvale slept", 0, 6, 1) == []
