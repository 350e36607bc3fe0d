"""The evidence gate: a merge needs shared names or figures (who, where, how many) unless it stands out from every
member's look-alikes. Invented events on small inline inputs: templated reports of look-alike events stay apart, one
event told from two angles stays together, and a tiny corpus about one event is not split for lack of names."""

from __future__ import annotations

import dataclasses

import numpy as np
import scipy.sparse as sp
from test_group import make_articles, partition

from coverage_digest.group import link
from coverage_digest.group.stories import GroupSettings, _look_alike_bars, group_articles

UNGATED = dataclasses.replace(GroupSettings(), evidence_gate=0.0)

# Six look-alike floods told in one wire template, each with its own town, region, official and figures; each is
# reported three times with small changes of wording, as copy of one agency would be.
PLACES = (
    ("Kalvik", "Ostavia", "Ilka Varen", 14, 2300),
    ("Oristan", "Verland", "Tomas Reddeby", 31, 5100),
    ("Belmora", "Cumbrel", "Nadia Orsk", 9, 870),
    ("Tazrin", "Sadovia", "Piet Lanholm", 22, 12400),
    ("Quenby", "Marlow Vale", "Ardis Fenwick", 47, 900),
    ("Dolvan", "Isterra", "Corvin Aldous", 5, 3600),
)
TEMPLATE = (
    "Floods kill {dead} in {town}\n\n"
    "Flooding after days of heavy rain has killed {dead} people in {town} in the {region} province and forced "
    "{displaced} people from their homes, said {official}, who leads the relief effort.\n\n"
    "Rescue boats were sent to {town}, where water reached the roofs of single-storey houses{tail}. Officials warned "
    "that the death toll could rise as the water receded, and health workers warned of the risk of disease in crowded "
    "shelters.\n\n"
    "{official} said the main highway between {town} and the coast was closed after a bridge was washed away."
)
TAILS = ("", " and schools", " on the river bank")


def templated() -> dict[str, str]:
    out = {}
    for town, region, official, dead, displaced in PLACES:
        for k, tail in enumerate(TAILS):
            slots = {"town": town, "region": region, "official": official, "dead": dead, "displaced": displaced}
            out[f"{town.lower()}-{k}"] = TEMPLATE.format(tail=tail, **slots)
    return out


def test_templated_look_alike_events_stay_apart_with_the_gate_and_merge_without_it():
    articles = make_articles(templated())
    truth = {frozenset(f"{town.lower()}-{k}" for k in range(3)) for town, *_ in PLACES}
    assert partition(group_articles(articles)) == truth
    assert len(group_articles(articles, UNGATED)) < len(truth)  # the template alone glues different floods


ANGLE = {
    "kalvik-angle": """Kalvik counts the cost of the flood

In the Ostavia town of Kalvik, shopkeepers swept mud from their floors as Ilka Varen toured the streets and promised
compensation to the 2300 families who left their homes; 14 people died.

Ilka Varen said the Ostavia authorities would rebuild the washed-out bridge before winter."""
}


def test_one_event_told_from_another_angle_joins_its_story_among_look_alikes():
    articles = make_articles(templated(), ANGLE)
    story = next(s for s in group_articles(articles) if "kalvik-angle" in s.article_ids)
    assert set(story.article_ids) == {"kalvik-0", "kalvik-1", "kalvik-2", "kalvik-angle"}


def test_a_tiny_corpus_about_one_event_is_not_split_for_lack_of_shared_names():
    # Three short reports with no name or figure in common: nothing else competes for them, so the bar is the margin.
    texts = {
        "a": "Explosions at flooded chemical plant\n\nThe owner of a flooded chemical plant warned that stored "
        "chemicals would catch fire and explode once the cooling failed.",
        "b": "Blasts reported at flooded chemical plant\n\nThe chemical plant had been flooded by the storm, and "
        "its cooling failed before the blasts.",
        "c": "Explosions and black smoke at flooded chemical plant\n\nA police officer was treated after inhaling "
        "smoke from the explosions at the flooded chemical plant.",
    }
    stories = group_articles(make_articles(texts))
    assert [s.article_ids for s in stories] == [("a", "b", "c")]


def test_average_link_gate_blocks_a_merge_without_evidence_unless_it_beats_the_bars():
    matrix = sp.csr_matrix(np.array([[1.0, 0.0], [0.8, 0.6]]))
    edges = (np.array([0]), np.array([1]), np.array([0.8]))
    apart = sp.csr_matrix(np.eye(2))  # no name or figure in common
    low, high = np.array([0.1, 0.1]), np.array([0.9, 0.1])
    assert link.average_link(matrix, edges, 0.5, gate=(apart, 0.2, high)) == ((0,), (1,))
    assert link.average_link(matrix, edges, 0.5, gate=(apart, 0.2, low)) == ((0, 1),)  # beats both bars
    shared = sp.csr_matrix(np.array([[1.0, 0.0], [1.0, 0.0]]))
    assert link.average_link(matrix, edges, 0.5, gate=(shared, 0.2, high)) == ((0, 1),)  # evidence suffices


def test_look_alike_bars_are_each_articles_rank_th_neighbour_plus_the_margin():
    edges = (np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2]), np.array([0.5, 0.4, 0.3, 0.2]))
    bars = _look_alike_bars(4, edges, 2, 0.03)
    assert np.allclose(bars, [0.43, 0.23, 0.23, 0.03])  # article 3 has one neighbour: the margin alone


def test_figures_alone_are_evidence_when_nothing_is_capitalised():
    lower = {key: text.lower() for key, text in templated().items()}  # no names can be told from case
    truth = {frozenset(f"{town.lower()}-{k}" for k in range(3)) for town, *_ in PLACES}
    assert partition(group_articles(make_articles(lower))) == truth
    assert len(group_articles(make_articles(lower), UNGATED)) < len(truth)
