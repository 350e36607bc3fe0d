"""Articles -> stories. Interim: every article forms one story until the grouping stage lands (issue 4)."""

from __future__ import annotations

from .records import Article, Story
from .sentences import split_spans
from .slugs import short_hash, slugify


def form_stories(
    articles: tuple[Article, ...],
    merge: tuple[tuple[str, ...], ...] = (),
    split: tuple[tuple[str, ...], ...] = (),
    threshold: float | None = None,
) -> tuple[Story, ...]:
    """Group the articles into stories; every article lands in exactly one."""
    if not articles:
        return ()
    title, title_id = story_title(articles)
    ids = tuple(a.id for a in articles)
    return (Story(f"{slugify(title)[:50].strip('-')}-{short_hash(' '.join(ids), 6)}", title, title_id, ids),)


def story_title(articles: tuple[Article, ...]) -> tuple[str, str]:
    """A headline copied from a source, or the first sentence of the earliest article when none has one."""
    with_headline = [a for a in articles if a.headline]
    if with_headline:
        chosen = with_headline[0]
        return chosen.headline or "", chosen.id
    first = articles[0]
    start, end = split_spans(first.paragraphs[0])[0]
    return first.paragraphs[0][start:end], first.id
