"""The story document and every output made from it, tested on hand-made records (no pipeline, no Pelican): the
counts are made once, and the index, story page view, digest.json, CSV, feed and search index all show them."""

from __future__ import annotations

import csv
import io
import json

from coverage_digest.article.analyse import ArticleAnalysis
from coverage_digest.article.quotes import Quote
from coverage_digest.data.csv_files import articles_csv, quotes_csv
from coverage_digest.data.digest_json import digest_document, dumps
from coverage_digest.data.feeds import atom_feed
from coverage_digest.data.search import build_index, story_docs
from coverage_digest.digest import FRAGMENTS, QUOTES, Digest, story_document, with_documents
from coverage_digest.group.stories import StoryGroup
from coverage_digest.records import Sentence
from coverage_digest.settings import DigestSettings
from coverage_digest.site import views
from coverage_digest.site.index_view import index_pages
from coverage_digest.site.paths import SitePaths
from coverage_digest.story.analyse import StoryAnalysis
from coverage_digest.story.figures import FigureGroup
from coverage_digest.story.quote_match import Occurrence, QuoteRow, QuoteTable
from coverage_digest.story.reuse import Derivation
from coverage_digest.story.summary import Summary
from coverage_digest.story.support import ArticleSupport, SentenceRef, SentenceSupport, Support
from coverage_digest.story.wording import Wording
from support import make_article

TEXT_A = "“We will stay,” the mayor said. Rain fell."
TEXT_B = "“We will stay,” the mayor said. Roads closed."


def _quote(article_id: str, n: int, text: str, kind: str = "full", headline: bool = False) -> Quote:
    start = 1 if not headline else 0
    return Quote(
        f"{article_id}-q{n}", article_id, start, start + len(text), text, -1 if headline else 0, kind,
        in_headline=headline, speaker="Mayor", speaker_as_written="the mayor",
    )  # fmt: skip


def _row(row_id: str, quotes: list[Quote], flags: tuple[str, ...] = ()) -> QuoteRow:
    occurrences = tuple(Occurrence(q, "verbatim", (("equal", q.text),), q.speaker) for q in quotes)
    ids = tuple(dict.fromkeys(q.article_id for q in quotes))
    return QuoteRow(row_id, "Mayor", (), quotes[0].text, occurrences, flags, ids)


def _sentences(article_id: str, text: str) -> tuple[Sentence, ...]:
    first = text.index(". ") + 1
    return (
        Sentence(article_id, 0, 0, 0, first, text[:first]),
        Sentence(article_id, 1, 0, first + 1, len(text), text[first + 1 :]),
    )


def _digest() -> Digest:
    a = make_article(TEXT_A, article_id="a", headline="Storm hits")
    b = make_article(TEXT_B, article_id="b")
    table_row = _row("quote-1", [_quote("a", 0, "We will stay,"), _quote("b", 0, "We will stay,")], ("altered",))
    fragment = _row("quote-2", [_quote("a", 1, "stay", kind="fragment")])
    headline_only = _row("quote-3", [_quote("a", 2, "Storm", headline=True), _quote("b", 1, "Storm", headline=True)])
    story = StoryGroup("storm-hits-1", "Storm hits", "a", ("a", "b"), ("mayor",), (("a", 0.9), ("b", 0.9)), 0.8)
    support = Support(
        tuple(
            ArticleSupport(i, tuple(SentenceSupport(SentenceRef(i, k), ()) for k in range(2)), (0,), (1,))
            for i in ("a", "b")
        )
    )
    derivation = Derivation("b", "a", 0.5, 0.5, 1.0, "b from a", ("b is later",), (), ())
    conflict = FigureGroup("k", "roads", "count", "conflict", ("a", "b"), ("A", "B"), ())
    analysis = StoryAnalysis(
        story,
        QuoteTable((table_row, headline_only), (), (fragment,)),
        (conflict,),
        Wording(("a.txt", "b.txt"), (), ()),
        (),
        support,
        (derivation,),
        Summary((), (), ()),
    )
    analyses = tuple(ArticleAnalysis(x.id, _sentences(x.id, x.text), (), ()) for x in (a, b))
    return with_documents(Digest((a, b), (story,), (), analyses, (analysis,)))


def _paths(digest: Digest) -> SitePaths:
    pairs = [(d.article_id, d.from_article_id) for sa in digest.story_analyses for d in sa.derivations]
    return SitePaths.build(DigestSettings(), ["a", "b"], [digest.stories[0].id], pairs)


def test_the_document_counts_once():
    [doc] = _digest().documents
    c = doc.counts
    assert (c.sources, c.quotes, c.fragments, c.altered, c.disputed, c.conflicts, c.derivations) == (
        2,
        2,
        1,
        1,
        0,
        1,
        1,
    )
    assert [table for table, _ in doc.listed()] == [QUOTES, QUOTES, FRAGMENTS]
    assert doc.carried == {"a": 2, "b": 2}  # every printing of a table statement, headline ones too
    assert story_document(doc.analysis, {a.id: a for a in doc.articles}) == doc


def test_every_output_shows_the_documents_counts():
    digest = _digest()
    paths = _paths(digest)
    [doc] = digest.documents
    [(_, first_page), *_] = index_pages(digest, paths)
    assert first_page["stories"][0]["quotes"] == 2
    page = views.story_view(doc, {a.id: a for a in digest.articles}, paths, {x.article_id: x for x in digest.analyses})
    assert page["quote_count"] == 2 and len(page["quotes"]["rows"]) == 2 and len(page["quotes"]["fragments"]) == 1
    assert [g["quotes"] for g in page["glance"]] == [2, 2]
    document = json.loads(dumps(digest_document(digest, paths)))
    [story] = document["stories"]
    assert story["counts"]["quotes"] == 2 and [q["table"] for q in story["quotes"]] == ["quotes", "quotes", "fragments"]
    assert story["quotes"][1]["occurrences"] == [] and len(story["quotes"][1]["headline_occurrences"]) == 2
    articles = {a["id"]: a for a in document["articles"]}
    rows = list(csv.DictReader(io.StringIO(quotes_csv(story, articles))))
    assert len({r["quote_id"] for r in rows if r["table"] == "quotes"}) == 2
    carried = {r["article_id"]: r["quotes_carried"] for r in csv.DictReader(io.StringIO(articles_csv(story, articles)))}
    assert carried == {"a": "2", "b": "2"}
    assert ", 2 quotes." in atom_feed(document, "Site", "", "feeds/stories.atom.xml")
    index = build_index(story_docs(doc, {x.article_id: x for x in digest.analyses}, paths))
    assert sum(1 for d in json.loads(index["docs-0.js"].split(",", 1)[1].rsplit(");", 1)[0]) if d[0] == "quote") == 3


def test_paths_give_every_derived_pair_its_own_page():
    digest = _digest()
    paths = _paths(digest)
    assert paths.reuse_save_as("b", "a") == "reuse/b-from-a.html"
    assert paths.downloads(digest.stories[0].id) == {
        "quotes": "stories/storm-hits-1-quotes.csv",
        "articles": "stories/storm-hits-1-articles.csv",
    }
