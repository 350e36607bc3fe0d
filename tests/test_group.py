"""Grouping articles into stories: same event together, look-alike events apart, overrides, stable ids and titles."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from coverage_digest.group.stories import GroupSettings, StoryGroup, group_articles, story_id
from coverage_digest.group.terms import NAMES, NUMBERS, WORDS, article_terms, term_matrix
from support import article_from_text, seed_articles

MERROW = {
    "merrow-wire": """Strong earthquake kills 12 in Merrow

A magnitude 6.2 earthquake struck the mountain town of Merrow in northern Valdoria on Tuesday, killing at least 12
people and injuring 80, the Valdorian interior ministry said.

Interior Minister Petra Oslund said rescue teams were searching collapsed homes in the old quarter of Merrow.

The quake hit at 4:10 a.m. at a depth of 10 kilometres, according to the Valdoria Seismic Institute.""",
    "merrow-daily": """Merrow quake: death toll rises to 12 as rescuers dig through rubble

Rescuers in Merrow dug through rubble on Tuesday after a 6.2-magnitude earthquake flattened dozens of homes in the
northern Valdoria town, killing 12 people.

Petra Oslund, the interior minister, visited Merrow and promised emergency funds for the 80 injured and their families.

The Valdoria Seismic Institute said the tremor was the strongest to hit the north in thirty years.""",
    "merrow-radio": """At least twelve people died when an earthquake of magnitude 6.2 shook Merrow, in northern
Valdoria, early on Tuesday.

Interior Minister Petra Oslund told reporters that 80 people were being treated in hospital and that the old quarter
of Merrow had suffered most.

Aftershocks continued through the morning, the Valdoria Seismic Institute reported.""",
}

TESSA = {
    "tessa-wire": """Moderate quake rattles Tessa island, two hurt

A magnitude 5.1 earthquake shook the island of Tessa off the coast of Corland on Friday, injuring two people and
cracking the walls of the harbour church, Corland's civil protection agency said.

Harbour master Ivo Brandt said ferries to Tessa had been suspended while engineers inspected the pier.

The quake struck at a depth of 35 kilometres, the Corland Geophysical Office said.""",
    "tessa-post": """Tessa island shaken by 5.1 tremor

Two people were hurt on Friday when a 5.1-magnitude earthquake rattled Tessa, a small island off Corland.

Ivo Brandt, the harbour master, said the ferry pier was being checked and services to Tessa would resume on Saturday.

The Corland Geophysical Office recorded several small aftershocks.""",
    "tessa-local": """An earthquake measuring 5.1 hit the island of Tessa, off Corland, on Friday afternoon, the Corland
Geophysical Office said.

Two islanders suffered minor injuries and the harbour church was damaged, harbour master Ivo Brandt said, adding that
ferries to Tessa were suspended.""",
}

FESTIVAL = {
    "festival": """Lantern festival draws record crowds to Ostrava riverside

More than 40,000 visitors lined the riverside in Ostrava on Saturday for the annual lantern festival, organisers said.

The parade of paper boats, a tradition since 1921, was led by a brass band from the old town.""",
}


# One event told by three outlets in their own words: they share little beyond the names.
LINDQVIST = {
    "lindqvist-wire": """Central bank raises rates to 4.5 percent

The Bank of Norvia raised its main interest rate by half a point to 4.5 percent on Thursday, its third increase this
year, as governor Anna Lindqvist warned that prices were still climbing too fast.""",
    "lindqvist-tabloid": """Mortgage misery as Lindqvist hikes again

Homeowners face hundreds more a month after Anna Lindqvist's bank hit borrowers with yet another hike. Families told
us they were already struggling to pay for food and heating.""",
    "lindqvist-analysis": """Why Norvia's central bank could not wait

Inflation running at twice its target left the Bank of Norvia little choice. Lindqvist's decision to tighten again
signals that policymakers fear a wage spiral more than a slowdown.""",
}

QUAKES = {
    "quake-chile": """Earthquake shakes northern Chile

A magnitude 6.8 earthquake struck near Antofagasta in northern Chile on Monday, cutting power to thousands of homes,
Chile's emergency office said. No deaths were reported.""",
    "quake-japan": """Strong quake hits Japan's Hokkaido

A magnitude 6.5 earthquake hit eastern Hokkaido on Wednesday, the Japan Meteorological Agency said, briefly halting
trains. There were no reports of serious damage.""",
}


def make_articles(*groups: dict[str, str]):
    """Articles from {id: text} dicts, with the test helper's headline rule."""
    return tuple(article_from_text(aid, text) for group in groups for aid, text in group.items())


def partition(stories: tuple[StoryGroup, ...]) -> set[frozenset[str]]:
    """The stories as a set of member sets."""
    return {frozenset(s.article_ids) for s in stories}


ALL = make_articles(MERROW, TESSA, FESTIVAL)


def test_same_event_together_and_look_alike_events_apart():
    stories = group_articles(ALL)
    assert partition(stories) == {frozenset(MERROW), frozenset(TESSA), frozenset(FESTIVAL)}


@pytest.mark.parametrize(
    "ids",
    [tuple(LINDQVIST), ("lindqvist-wire", "lindqvist-tabloid"), ("lindqvist-tabloid", "lindqvist-analysis")],
)
def test_a_few_differently_worded_articles_about_one_event_form_one_story(ids):
    stories = group_articles(make_articles({i: LINDQVIST[i] for i in ids}))
    assert partition(stories) == {frozenset(ids)}


@pytest.mark.parametrize(
    "ids", [("quake-chile", "quake-japan"), ("merrow-wire", "tessa-wire"), ("merrow-daily", "tessa-local")]
)
def test_two_look_alike_events_stay_apart_when_they_are_all_there_is(ids):
    texts = QUAKES | MERROW | TESSA
    stories = group_articles(make_articles({i: texts[i] for i in ids}))
    assert partition(stories) == {frozenset({i}) for i in ids}


@pytest.mark.parametrize(
    ("first", "second", "texts"),
    [
        ("merrow-wire", "merrow-radio", MERROW),
        ("tessa-wire", "tessa-local", TESSA),
        ("lindqvist-wire", "lindqvist-analysis", LINDQVIST),
    ],
)
def test_similarity_of_two_articles_hardly_depends_on_corpus_size(first, second, texts):
    """IDF over two articles alone would weigh exactly their shared terms least; the background keeps one scale."""

    def similarity(corpus):
        ids = [a.id for a in corpus]
        matrix = term_matrix(article_terms(corpus, 80), {NAMES: 1.0, NUMBERS: 0.5, WORDS: 0.5}, 1000).matrix
        return float(matrix[ids.index(first)].multiply(matrix[ids.index(second)]).sum())

    alone = similarity(make_articles({first: texts[first], second: texts[second]}))
    among_others = similarity((*ALL, *make_articles(LINDQVIST, QUAKES)))
    assert alone == pytest.approx(among_others, abs=0.03)


def test_every_article_in_exactly_one_story():
    stories = group_articles(ALL)
    ids = [a for s in stories for a in s.article_ids]
    assert sorted(ids) == sorted(a.id for a in ALL)


@pytest.mark.parametrize("aid", ["festival", "merrow-radio", "lindqvist-tabloid"])
def test_single_article_forms_its_own_story(aid):
    texts = FESTIVAL | MERROW | LINDQVIST
    stories = group_articles(make_articles({aid: texts[aid]}))
    assert len(stories) == 1
    story = stories[0]
    assert story.article_ids == (aid,)
    assert story.similarities == ((aid, 1.0),)
    assert story.cohesion == 1.0


def test_empty_input_gives_no_stories():
    assert group_articles(()) == ()


def test_shuffled_input_gives_identical_output():
    expected = group_articles(ALL)
    for seed in range(3):
        shuffled = list(ALL)
        random.Random(seed).shuffle(shuffled)
        assert group_articles(tuple(shuffled)) == expected


def test_title_is_a_verbatim_headline_of_a_member():
    for story in group_articles(ALL):
        by_id = {a.id: a for a in ALL}
        assert story.title_article_id in story.article_ids
        assert story.title == by_id[story.title_article_id].headline


def test_title_falls_back_to_the_lead_sentence_without_headlines():
    articles = make_articles({"radio": MERROW["merrow-radio"], "local": TESSA["tessa-local"]})
    assert all(a.headline is None for a in articles)
    for story in group_articles(articles):
        source = next(a for a in articles if a.id == story.title_article_id)
        assert source.paragraphs[0].startswith(story.title)
        assert story.title.endswith(".")


def test_story_fields_explain_the_grouping():
    story = next(s for s in group_articles(ALL) if "merrow-wire" in s.article_ids)
    assert story.article_ids == tuple(sorted(MERROW))
    assert {"Merrow", "Petra Oslund"} <= set(story.shared_terms)
    assert [a for a, _ in story.similarities] == list(story.article_ids)
    assert all(0.0 < sim <= 1.0 for _, sim in story.similarities)
    assert 0.0 < story.cohesion < 1.0


def test_story_id_is_a_slug_with_a_member_hash():
    story = next(s for s in group_articles(ALL) if "tessa-wire" in s.article_ids)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{6}", story.id)
    slug = "-".join(re.findall(r"[a-z0-9]+", story.title.lower())[:8])
    assert story.id.startswith(f"{slug}-")
    assert story.id == story_id(story.title, story.article_ids)
    assert story_id("Same title", ("a",)) != story_id("Same title", ("b",))
    assert story_id("¿Qué pasó?", ("a",)).startswith("que-paso-")
    assert story_id("!!!", ("a",)).startswith("story-")


def test_merge_override_joins_stories():
    settings = GroupSettings(merge=(("merrow-wire", "tessa-post"),))
    stories = group_articles(ALL, settings)
    joined = next(s for s in stories if "merrow-wire" in s.article_ids)
    assert "tessa-post" in joined.article_ids
    assert "merge" in joined.forced
    assert frozenset(FESTIVAL) in partition(stories)


def test_split_override_with_one_id_keeps_the_article_alone():
    stories = group_articles(ALL, GroupSettings(split=(("merrow-daily",),)))
    assert frozenset({"merrow-daily"}) in partition(stories)
    assert frozenset({"merrow-wire", "merrow-radio"}) in partition(stories)


def test_split_override_keeps_listed_articles_in_different_stories():
    stories = group_articles(ALL, GroupSettings(split=(("tessa-wire", "tessa-post"),)))
    story_of = {a: s.id for s in stories for a in s.article_ids}
    assert story_of["tessa-wire"] != story_of["tessa-post"]
    assert sorted(story_of) == sorted(a.id for a in ALL)


def test_unknown_override_ids_are_ignored():
    settings = GroupSettings(merge=(("nope", "festival"),), split=(("missing",),))
    assert partition(group_articles(ALL, settings)) == partition(group_articles(ALL))


@pytest.mark.parametrize(
    "settings",
    [
        GroupSettings(merge=(("merrow-wire", "merrow-daily"),), split=(("merrow-wire", "merrow-daily"),)),
        GroupSettings(merge=(("merrow-wire", "merrow-daily"),), split=(("merrow-daily",),)),
    ],
)
def test_contradictory_overrides_raise(settings):
    with pytest.raises(ValueError, match="merrow"):
        group_articles(ALL, settings)


@pytest.mark.parametrize("threshold", [0.25, 0.3, 0.35])
def test_grouping_is_stable_around_the_default_threshold(threshold):
    stories = group_articles(ALL, dataclasses.replace(GroupSettings(), threshold=threshold))
    assert partition(stories) == {frozenset(MERROW), frozenset(TESSA), frozenset(FESTIVAL)}


def test_the_demo_seeds_are_one_story():
    articles = seed_articles()
    assert len(articles) == 5
    stories = group_articles(articles)
    assert len(stories) == 1
    assert stories[0].title in {a.headline for a in articles if a.headline}


def test_contradictory_overrides_raise_from_a_grouping_worker_too(monkeypatch):
    from coverage_digest.build import pipeline, schedule
    from coverage_digest.group.stories import OverrideError

    monkeypatch.setattr(schedule, "MIN_PARALLEL_GROUPING", 1)  # group on a worker while this process works
    settings = GroupSettings(merge=(("merrow-wire", "merrow-daily"),), split=(("merrow-daily",),))
    ran = []
    plan = schedule.Schedule(workers=2)
    with pytest.raises(OverrideError, match="merrow"):
        plan.group(
            lambda: group_articles(ALL, settings),
            lambda ids: (ids, {}, {}),
            pipeline.analyse_story_task,
            lambda: ran.append(True),
            len(ALL),
        )
    assert ran == [True]
