"""Digest record -> the plain dicts each template receives (the template boundary: presentation data only)."""

from __future__ import annotations

from typing import Any

from .annotate import Mark, Node, annotate
from .pipeline import Digest
from .records import Article, Sentence, Story
from .sentences import split_article
from .site_paths import SitePaths


def article_card(article: Article, paths: SitePaths) -> dict[str, Any]:
    """What every page says about an article when it lists it."""
    return {
        "id": article.id,
        "outlet": article.outlet,
        "display_outlet": article.display_outlet,
        "republisher": article.republisher,
        "headline": article.headline,
        "byline": article.byline,
        "published": article.published,
        "original_url": article.url,
        "source_file": article.source_file,
        "words": len(article.text.split()),
        "paragraphs": len(article.paragraphs),
        "url": paths.article_url(article.id),
    }


def index_view(digest: Digest, paths: SitePaths) -> dict[str, Any]:
    """The list of stories, most-covered first."""
    by_id = {a.id: a for a in digest.articles}
    rows = []
    for story in digest.stories:
        members = [by_id[i] for i in story.article_ids]
        rows.append(
            {
                "title": story.title,
                "url": paths.story_url(story.id),
                "sources": len(members),
                "outlets": sorted({a.display_outlet for a in members}),
                "dates": _date_range(members),
            }
        )
    rows.sort(key=lambda r: (-r["sources"], r["dates"][0] or "", r["title"]))
    return {"stories": rows, "article_count": len(digest.articles), "skipped_count": len(digest.skipped)}


def story_view(story: Story, digest: Digest, paths: SitePaths) -> dict[str, Any]:
    """The story page's frame: title, the sources side by side."""
    by_id = {a.id: a for a in digest.articles}
    members = [by_id[i] for i in story.article_ids]
    return {
        "id": story.id,
        "title": story.title,
        "title_source": article_card(by_id[story.title_article_id], paths),
        "sources": [article_card(a, paths) for a in members],
        "dates": _date_range(members),
        "url": paths.story_url(story.id),
    }


def article_view(article: Article, story: Story, paths: SitePaths) -> dict[str, Any]:
    """An article page: header facts, the clean text with anchors, what was removed."""
    sentences = split_article(article)
    return {
        **article_card(article, paths),
        "outlet_evidence": article.outlet_evidence,
        "story": {"title": story.title, "url": paths.story_url(story.id)},
        "body": paragraph_nodes(article, sentences),
        "removed": list(article.removed),
    }


def paragraph_nodes(article: Article, sentences: tuple[Sentence, ...], extra: list[Mark] | None = None) -> list[dict]:
    """Each paragraph as an anchor id and a node tree: sentences (s<n>) and any extra marks (quotes, ...)."""
    starts = _paragraph_starts(article)
    out = []
    for p_index, paragraph in enumerate(article.paragraphs):
        base = starts[p_index]
        marks = [
            Mark(s.start - base, s.end - base, "span", (("id", f"s{s.index}"), ("class", "sentence")))
            for s in sentences
            if s.paragraph == p_index
        ]
        marks += [
            Mark(m.start - base, m.end - base, m.tag, m.attrs, m.rank)
            for m in extra or []
            if base <= m.start < base + len(paragraph)
        ]
        out.append({"id": f"p{p_index}", "nodes": annotate(paragraph, marks)})
    return out


def _paragraph_starts(article: Article) -> list[int]:
    starts, pos = [], 0
    for paragraph in article.paragraphs:
        starts.append(pos)
        pos += len(paragraph) + 2
    return starts


def skipped_view(digest: Digest) -> dict[str, Any]:
    """Files that did not become articles, with reasons."""
    return {"skipped": [{"source_file": s.source_file, "reason": s.reason} for s in digest.skipped]}


def _date_range(articles: list[Article]) -> tuple[str | None, str | None]:
    dates = sorted(a.published[:10] for a in articles if a.published)
    return (dates[0], dates[-1]) if dates else (None, None)


__all__ = ["Node", "article_card", "article_view", "index_view", "paragraph_nodes", "skipped_view", "story_view"]
