"""The records' fast pickler: the same values back, for every record type the pipeline stores or ships."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import numpy as np

from coverage_digest.article.analyse import analyse_article
from coverage_digest.build import pickling
from coverage_digest.group.stories import group_articles
from coverage_digest.story.analyse import analyse_story
from support import seed_articles


@dataclass(frozen=True)
class _KeywordOnly:
    a: int
    b: tuple = field(default=(), kw_only=True)


def test_a_story_analysis_round_trips_equal_and_smaller_than_plain_pickle():
    articles = seed_articles()
    per_article = {a.id: analyse_article(a) for a in articles}
    (story,) = group_articles(articles)
    analysis = analyse_story(story, {a.id: a for a in articles}, per_article)
    data = pickling.dumps((articles, per_article, analysis))
    assert pickling.loads(data) == (articles, per_article, analysis)
    assert len(data) <= len(pickle.dumps((articles, per_article, analysis), protocol=pickle.HIGHEST_PROTOCOL))


def test_other_values_pickle_as_usual():
    value = {"array": np.arange(3), "kw": _KeywordOnly(1, b=(2,)), "set": {1, 2}, "none": None}
    back = pickling.loads(pickling.dumps(value))
    assert back["kw"] == value["kw"] and back["set"] == value["set"] and back["none"] is None
    assert back["array"].tolist() == [0, 1, 2]
