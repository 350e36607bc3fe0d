"""Digest record -> the `digest.json` document (contract version 1), in a stable order."""

from __future__ import annotations

import json
from typing import Any

from .pipeline import Digest
from .site_paths import SitePaths

SCHEMA_VERSION = 1


def digest_document(digest: Digest, paths: SitePaths) -> dict[str, Any]:
    """The machine-readable twin of the site, as `../shared/digest-contract.md` describes it."""
    story_of = {aid: s.id for s in digest.stories for aid in s.article_ids}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [
            {
                "id": a.id,
                "source_file": a.source_file,
                "outlet": a.outlet,
                "republisher": a.republisher,
                "outlet_evidence": a.outlet_evidence,
                "headline": a.headline,
                "byline": a.byline,
                "published": a.published,
                "original_url": a.url,
                "text": a.text,
                "removed": list(a.removed),
                "url": paths.article_url(a.id),
                "story_id": story_of[a.id],
            }
            for a in digest.articles
        ],
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "title_article_id": s.title_article_id,
                "url": paths.story_url(s.id),
                "article_ids": list(s.article_ids),
                "summary": [],
                "quotes": [],
                "derivations": [],
            }
            for s in digest.stories
        ],
        "skipped": [{"source_file": k.source_file, "reason": k.reason} for k in digest.skipped],
    }


def dumps(document: dict[str, Any]) -> str:
    """Serialise deterministically: sorted keys are not used, so the contract's field order is kept."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
