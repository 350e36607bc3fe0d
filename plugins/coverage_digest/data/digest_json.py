"""Digest record -> the `digest.json` document (contract version 1), in a stable order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

from ..digest import Digest, OutletDocument, StoryDocument, distributions
from ..records import Article, Skipped
from ..site.paths import SitePaths
from ..story.analyse import StoryAnalysis
from ..story.quote_match import Occurrence, QuoteRow
from ..story.reuse import Derivation

SCHEMA_VERSION = 1


def digest_document(digest: Digest, paths: SitePaths) -> dict[str, Any]:
    """The machine-readable twin of the site, as `../shared/digest-contract.md` describes it (plus added fields)."""
    story_of = {aid: s.id for s in digest.stories for aid in s.article_ids}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [_article(a, paths, story_of[a.id]) for a in digest.articles],
        "stories": [_story(doc, paths) | _spread(doc, digest) for doc in digest.documents],
        "skipped": [_skipped(k) for k in digest.skipped],
        "outlets": [_outlet(o, paths) for o in digest.outlets],
    }


def document_chunks(
    digest: Digest,
    paths: SitePaths,
    on_story: Callable[[dict[str, Any], dict[str, dict[str, Any]]], None] | None = None,
) -> Iterator[str]:
    """The text of `dumps(digest_document(digest, paths))`, piece by piece, one record made at a time: the whole
    document of 10,000 articles is hundreds of MB as Python objects, the file itself about fifty.
    `on_story(story, articles)` is given each story's record and its articles' records ({id: record}) as they are
    made (the CSV files and the feed are made from them)."""
    story_of = {aid: s.id for s in digest.stories for aid in s.article_ids}

    def stories() -> Iterator[dict[str, Any]]:
        for doc in digest.documents:
            story = _story(doc, paths) | _spread(doc, digest)
            if on_story is not None:
                on_story(story, {a.id: _article(a, paths, doc.story.id) for a in doc.articles})
            yield story

    yield "{\n" + json.dumps("schema_version") + ": " + _compact(SCHEMA_VERSION)
    yield from _list_chunks("articles", (_article(a, paths, story_of[a.id]) for a in digest.articles))
    yield from _list_chunks("stories", stories())
    yield from _list_chunks("skipped", (_skipped(k) for k in digest.skipped))
    yield from _list_chunks("outlets", (_outlet(o, paths) for o in digest.outlets))
    yield "\n}\n"


def _list_chunks(key: str, records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One list of the document as `dumps` writes it (after the part before it): a record a line, [] when empty."""
    head = ",\n" + json.dumps(key) + ": "
    empty = True
    for record in records:
        yield (head + "[\n" if empty else ",\n") + _compact(record)
        empty = False
    yield head + "[]" if empty else "\n]"


def _outlet(o: OutletDocument, paths: SitePaths) -> dict[str, Any]:
    """An identified outlet across the stories, as its page shows it."""
    return {
        "name": o.name,
        "url": paths.outlet_url(o.name),
        "article_ids": list(o.article_ids),
        "story_ids": list(o.story_ids),
        "quotes": [{"story_id": s, "quote_id": q} for s, q in o.quotes],
        "reworded": o.reworded,
        "first": o.first,
        "contested": o.contested,
        "derived_share": o.derived_share,
        "derives_from": [asdict(x) for x in o.derives_from],
        "derived_by": [asdict(x) for x in o.derived_by],
        **({"coding": [asdict(v) for v in o.coding.values]} if o.coding else {}),
    }


def _spread(doc: StoryDocument, digest: Digest) -> dict[str, Any]:
    """The story's spread over the user's coding of outlets, when there is one."""
    found = distributions(doc, digest.outlets)
    if not found:
        return {}
    return {"spread": [{"field": d.field, "counts": dict(d.counts), "missing": list(d.missing)} for d in found]}


def _skipped(k: Skipped) -> dict[str, Any]:
    """A skipped file, or one record of a file of many articles ("record" only then)."""
    where = {"record": k.record} if k.record else {}
    return {"source_file": k.source_file, **where, "reason": k.reason}


def _article(a: Article, paths: SitePaths, story_id: str) -> dict[str, Any]:
    where = {"record": a.record} if a.record else {}  # which record of a file of many articles
    captured = {"captured": a.captured} if a.captured else {}  # when a web archive or `make fetch` captured it
    return {
        "id": a.id,
        "source_file": a.source_file,
        **where,
        "outlet": a.outlet,
        "republisher": a.republisher,
        "outlet_evidence": a.outlet_evidence,
        "headline": a.headline,
        "byline": a.byline,
        "published": a.published,
        **captured,
        "original_url": a.url,
        "text": a.text,
        "removed": list(a.removed),
        "url": paths.article_url(a.id),
        "story_id": story_id,
    }


def _story(doc: StoryDocument, paths: SitePaths) -> dict[str, Any]:
    sa, s = doc.analysis, doc.story
    return {
        "id": s.id,
        "title": s.title,
        "title_article_id": s.title_article_id,
        "url": paths.story_url(s.id),
        "article_ids": list(s.article_ids),
        "counts": asdict(doc.counts),
        "dates": {"first": doc.dates[0], "last": doc.dates[1]},
        "downloads": paths.downloads(s.id),
        "summary": [
            {"text": x.text, "article_ids": list(x.article_ids), "from_article_id": x.article_id, "sentence": x.index}
            for x in sa.summary.sentences
        ],
        "quotes": [_quote_row(row, table) for table, row in doc.listed()],
        "derivations": [_derivation(d, paths) for d in sa.derivations],
        "speakers": [
            {"name": sp.name, "kind": sp.kind, "aliases": list(sp.aliases), "roles": list(sp.roles)}
            for sp in sa.quote_table.speakers
        ],
        **_differences(sa),
        "mentions": [{"entity": e.entity, "kind": e.kind, "counts": dict(e.counts)} for e in sa.entities],
        "unique_sentences": {item.article_id: list(item.unique) for item in sa.support.articles},
        "quotes_carried": dict(doc.carried),
        "outlets": {a.id: a.display_outlet for a in doc.articles},
        "unidentified": doc.unidentified,
        "timeline": [
            asdict(e) | {"new_quotes": list(e.new_quotes), "new_figures": list(e.new_figures)} for e in doc.timeline
        ],
        "grouping": {
            "shared_terms": list(s.shared_terms),
            "cohesion": round(s.cohesion, 4),
            "similarities": {aid: round(sim, 4) for aid, sim in s.similarities},
            "forced": list(s.forced),
        },
    }


def _derivation(d: Derivation, paths: SitePaths) -> dict[str, Any]:
    return {
        "article_id": d.article_id,
        "from_article_id": d.from_article_id,
        "share": round(d.share, 4),
        "verbatim_share": round(d.verbatim_share, 4),
        "direction": d.direction,
        "direction_evidence": list(d.direction_evidence),
        "url": paths.reuse_url(d.article_id, d.from_article_id),
    }


def _differences(sa: StoryAnalysis) -> dict[str, Any]:
    """Where the outlets differ: sentences that disagree, claims one outlet alone makes, figures, word choice."""
    return {
        "disagreements": [
            {
                "kind": d.kind,
                "detail": d.detail,
                "sentences": [
                    {"article_id": d.a.article_id, "sentence": d.a.index},
                    {"article_id": d.b.article_id, "sentence": d.b.index},
                ],
            }
            for d in sa.summary.disagreements
        ],
        "single_outlet": [
            {"article_id": c.article_id, "sentence": c.index, "text": c.text} for c in sa.summary.single_outlet
        ],
        "figures": [
            {
                "label": g.label,
                "kind": g.kind,
                "flag": g.flag,
                "figures": [
                    {"article_id": f.article_id, "text": f.text, "value": f.value, "qualifier": f.qualifier}
                    for f in g.figures
                ],
            }
            for g in sa.figure_groups
        ],
        "wording": [
            {"family": fam.name, "terms": [{"term": u.term, "outlet": u.outlet, "count": u.count} for u in fam.uses]}
            for fam in sa.wording.families
            if fam.varied
        ],
    }


def _body(row: QuoteRow) -> tuple[Occurrence, ...]:
    """Occurrences in the article body: the contract's quote texts are substrings of the article's text."""
    return tuple(o for o in row.occurrences if not o.quote.in_headline)


def _quote_row(row: QuoteRow, table: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "speaker": row.speaker,
        "text": row.text,
        "table": table,
        "kind": "fragment" if all(o.quote.kind == "fragment" for o in row.occurrences) else "full",
        "roles": list(row.roles),
        "flags": list(row.flags),
        "occurrences": [
            {
                "article_id": o.quote.article_id,
                "text": o.quote.text,
                "speaker_as_written": o.quote.speaker_as_written,
                "relay": o.quote.relay,
                "how": o.quote.how,
                "match": o.match,
                "quote_id": o.quote.id,
                "start": o.quote.start,
                "end": o.quote.end,
            }
            for o in _body(row)
        ],
        "headline_occurrences": [
            {"article_id": o.quote.article_id, "text": o.quote.text} for o in row.occurrences if o.quote.in_headline
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    """Serialise deterministically, one article, story or skipped file per line, in the contract's field order.

    Indented JSON goes through Python's slow pure-Python encoder (18 s for 10,000 articles); each record on its own
    line keeps the file readable and diffable line by line, and encodes in C.
    """
    parts = []
    for key, value in document.items():
        head = json.dumps(key) + ": "
        if isinstance(value, list) and value:
            parts.append(head + "[\n" + ",\n".join(map(_compact, value)) + "\n]")
        else:
            parts.append(head + _compact(value))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: Any) -> str:
    """No space after separators: a record stays one line to read and diff, 2-4% of the file lighter."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
