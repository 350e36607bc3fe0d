"""Figures: parsing numbers in digits and words, what they count, and comparing them across outlets."""

from __future__ import annotations

import pytest

from coverage_digest.article.figures import find_all_figures, find_figures
from coverage_digest.article.numbers import FIGURE, may_hold_figure, parse_number
from coverage_digest.story.figures import compare_figures
from support import article_from_text, seed_articles


def _figures(text: str, article_id: str = "a"):
    return find_figures(article_from_text(article_id, text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42),
        ("1,250", 1250),
        ("1.5 million", 1.5e6),
        ("forty-two", 42),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("half a million", 5e5),
        ("a million", 1e6),
        ("$5 billion", 5e9),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("sentence", "printed", "value", "qualifier", "bound", "kind", "unit", "head", "role"),
    [
        ("The mayor said about 200 residents fled the floods.", "about 200", 200, "about", "approx", "count", "",
         "people", "displaced"),
        ("Officials said more than 3,000 workers lost their jobs.", "more than 3,000", 3000, "more than", "min",
         "count", "", "worker", ""),
        ("Nearly forty miners were trapped below ground.", "Nearly forty", 40, "nearly", "nearly", "count", "",
         "miner", ""),
        ("The deal includes a 60-day truce between the parties.", "60-day", 60, "", "exact", "duration", "day",
         "ceasefire", ""),
        ("The council approved $2.5 million in road repairs.", "$2.5 million", 2.5e6, "", "exact", "money", "USD",
         "repair", ""),
        ("Turnout rose to 48 percent of registered voters.", "48 percent", 48, "", "exact", "percent", "%", "voter",
         ""),
        ("At least 12 people died in the crash on the motorway.", "At least 12", 12, "at least", "min", "count", "",
         "people", "killed"),
        ("Up to 500 passengers were stranded overnight.", "Up to 500", 500, "up to", "max", "count", "",
         "passenger", ""),
    ],
)  # fmt: skip
def test_figure_parts(sentence, printed, value, qualifier, bound, kind, unit, head, role):
    (figure,) = _figures(sentence)
    assert figure.text == printed
    assert sentence[figure.start : figure.end] == printed
    assert (figure.value, figure.qualifier, figure.bound) == (value, qualifier, bound)
    assert (figure.kind, figure.unit, figure.head, figure.role) == (kind, unit, head, role)


def test_coordinated_counts_share_the_counted_noun():
    figures = _figures("Two firefighters were injured and one died at the scene.")
    assert [(f.value, f.head, f.role) for f in figures] == [(2, "firefighter", "wounded")]
    figures = _figures("Five guards were killed and 14 wounded in the raid.")
    assert [(f.value, f.head, f.role) for f in figures] == [(5, "guard", "killed"), (14, "guard", "wounded")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("The storm hit on Sept. 14 after dark.", 914), ("It began on 3 March 2021 in the north.", 20210303),
     ("He returned on Jan 5.", 105), ("The law dates from 1998 and was amended.", 19980000)],
)  # fmt: skip
def test_dates(sentence, value):
    (figure,) = _figures(sentence)
    assert (figure.kind, figure.value) == ("date", value)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bus took Route 66 to the coast.",
        "No one knew which one to choose.",
        "The team met for the third time.",
        "She was in her 30s when she moved.",
        "The 2019 season ended early.",
    ],
)
def test_no_figure(sentence):
    assert _figures(sentence) == ()


def _compare(*texts: str):
    articles = tuple(article_from_text(f"s{i}", text) for i, text in enumerate(texts))
    return compare_figures(articles, find_all_figures(articles))


@pytest.mark.parametrize(
    ("texts", "flag"),
    [
        (("Three soldiers were killed in the ambush.", "Four soldiers were killed in the ambush."), "conflict"),
        (("Three soldiers were killed in the ambush.", "Three soldiers were killed in an ambush."), "agree"),
        (("About 2,000 people were evacuated from the valley.", "Over 2,000 people were evacuated."), "hedge"),
        (("At least 30 people were injured.", "Some 34 people were injured by the blast."), "hedge"),
        (("Nine hostages were released on Friday.",), "single"),
    ],
)
def test_flags(texts, flag):
    (group,) = _compare(*texts)
    assert group.flag == flag


def test_dates_and_counts_are_not_compared():
    groups = _compare("Three soldiers were killed on Nov. 4.", "Four people were evacuated on Nov. 5.")
    assert "conflict" not in {g.flag for g in groups}


def test_different_named_kinds_are_not_a_conflict():
    groups = _compare("Tariffs hit $60 billion of Canadian goods.", "Tariffs hit $16 billion of Mexican goods.")
    assert {g.flag for g in groups} == {"single"}


def test_unrelated_plain_counts_split():
    groups = _compare(
        "The museum displayed 40 paintings in its east wing.", "Thieves stole 12 paintings from a private collector."
    )
    assert {g.flag for g in groups} == {"single"}


# --- the seed story ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_groups():
    articles = seed_articles()
    return articles, compare_figures(articles, find_all_figures(articles))


def test_seed_rafah_population_is_hedged(seed_groups):
    _, groups = seed_groups
    (rafah,) = [g for g in groups if any(f.value == 1e6 for f in g.figures)]
    assert rafah.flag == "hedge"
    assert [a[:3] for a in rafah.article_ids] == ["000", "003", "004"]
    assert sorted(f.qualifier for f in rafah.figures) == ["about", "more than", "over"]


def test_seed_troops_killed_and_wounded(seed_groups):
    articles, _ = seed_groups
    figures = find_figures(articles[4])
    troops = [(f.value, f.head, f.role) for f in figures if f.head == "troop"]
    assert troops == [(3, "troop", "killed"), (11, "troop", "wounded")]


def test_seed_ceasefire_hostages_and_date(seed_groups):
    articles, _ = seed_groups
    text = {a.id[:3]: a.text for a in articles}
    figures = find_all_figures(articles)
    found = {(f.article_id[:3], text[f.article_id[:3]][f.start : f.end], f.head) for f in figures}
    assert ("000", "40 day", "ceasefire") in found
    assert ("001", "over 100", "hostage") in found
    assert any(f.kind == "date" and f.value == 1007 for f in figures)  # "Oc. 7": a typo for Oct. 7


def test_seed_has_no_conflicts(seed_groups):
    _, groups = seed_groups
    assert [g for g in groups if g.flag == "conflict"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks resumed in March, officials said on Oct. the fifth.",
        "Since May of last year, in January and by June, the 5th of many, nothing moved.",
        "Voters in Kestrin, from Jan. on, said no.",
    ],
)
def test_dates_need_a_digit_so_sentences_without_one_skip_the_date_scan(sentence):
    """Every form of the date pattern holds a digit: a sentence without one has no date match to skip."""
    from coverage_digest.article.numbers import DATE

    no_digits = "".join(c for c in sentence if not c.isdigit())
    assert list(DATE.finditer(no_digits)) == []
    figures = find_figures(article_from_text("d", no_digits))
    assert all(f.kind != "date" for f in figures)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister spoke to reporters on Tuesday.",
        "Someone said everyone was gone.",  # "one" inside words is not a number
        "They were oneself and tenfold.",
        "Many people came, and some left early.",
    ],
)
def test_sentences_without_a_number_skip_the_figure_scan(sentence):
    assert not may_hold_figure(sentence)
    assert FIGURE.search(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Three people died.",
        "It cost $5.",
        "A few dozen came.",
        "A couple left.",
        "Hundreds of thousands fled.",
        "About a hundred stayed.",
        "Forty-two were held.",
        "Scores were hurt.",
        "٣ people came.",  # a digit of another script is a digit to FIGURE too
        "ſeven came.",  # the long s matches "s" when case is ignored: the scan runs
        "SEVERAL WERE HURT.",
    ],
)
def test_sentences_that_may_hold_a_figure_are_scanned(sentence):
    assert may_hold_figure(sentence)
