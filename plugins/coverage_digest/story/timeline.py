"""A story in publication order: who published when, who was first, and what each article added that no earlier one
had (quotes of the quote table, figures).

Only publication dates order articles. A capture date (a web archive's, `make fetch`'s) is shown, labelled, and orders
nothing: a page captured on Tuesday may have been published on Monday or a year before. When two dates cannot say
which came first (the same day, one without a time; times without zones hours apart) neither is put before the other:
both may be first, both may add the same quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..read.dates import Moment, compare_moments, parse_moment, sort_key
from ..records import Article

PUBLISHED, CAPTURED = "published", "captured"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One article on the story's timeline."""

    article_id: str
    date: str | None  # the publication date as given; else the capture date; None when there is neither
    basis: str | None  # PUBLISHED, CAPTURED or None (undated)
    first: bool  # no other article of the story is known to be published before it (and it is dated)
    new_quotes: tuple[str, ...]  # ids of quote-table rows no earlier article carries
    new_figures: tuple[str, ...]  # keys of figure groups no earlier article gives


@dataclass(frozen=True, slots=True)
class Carried:
    """Something several articles print (a quote row, a figure group): its key and the articles printing it."""

    key: str
    article_ids: tuple[str, ...]


def story_timeline(
    members: Sequence[Article], quotes: Iterable[Carried], figures: Iterable[Carried]
) -> tuple[TimelineEntry, ...]:
    """The story's articles, dated ones in publication order, then those dated only by capture, then undated ones.
    Empty when no article of the story has a publication date (there is no order to show)."""
    moments = {a.id: m for a in members if (m := parse_moment(a.published)) is not None}
    if not moments:
        return ()
    firsts = _earliest(moments, moments.keys())
    added_quotes = _additions(moments, quotes)
    added_figures = _additions(moments, figures)
    ordered = sorted(members, key=lambda a: (_basis_rank(a), sort_key(a.published or a.captured), a.id))
    return tuple(
        TimelineEntry(
            a.id,
            a.published or a.captured,
            PUBLISHED if a.published and a.id in moments else CAPTURED if a.captured else None,
            a.id in firsts,
            tuple(added_quotes.get(a.id, ())),
            tuple(added_figures.get(a.id, ())),
        )
        for a in ordered
    )


def _basis_rank(article: Article) -> int:
    if article.published and parse_moment(article.published):
        return 0
    return 1 if article.captured else 2


def _earliest(moments: dict[str, Moment], ids: Iterable[str]) -> set[str]:
    """The dated ids of which no other is known to be earlier (several when the dates cannot tell them apart).

    An article three calendar days after the earliest is later whatever the zones and precisions (every gap that
    leaves the order unknown is under 48 hours), so only those near the earliest day are compared pairwise."""
    dated = [i for i in ids if i in moments]
    if not dated:
        return set()
    start = min(moments[i].day for i in dated)
    near = [i for i in dated if (moments[i].day - start).days < 3]
    return {i for i in near if not any(compare_moments(moments[j], moments[i]) == -1 for j in near if j != i)}


def _additions(moments: dict[str, Moment], carried: Iterable[Carried]) -> dict[str, list[str]]:
    """article id -> keys of what it prints before any other dated article does."""
    out: dict[str, list[str]] = {}
    for item in carried:
        for article_id in sorted(_earliest(moments, set(item.article_ids))):
            out.setdefault(article_id, []).append(item.key)
    return out
