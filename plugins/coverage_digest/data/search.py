"""The site's offline full-text search: an inverted index over stories, articles and quotes, built at build time.

Written as small JavaScript files (not JSON) because a page opened from the disk (file://) may load scripts but not
fetch() files; each file calls `CoverageDigestSearch.add(name, data)`. The index is split so a search loads only
what it needs: `search/manifest.js` (settings, the stop words and which shards exist), `search/docs-<n>.js` (the
result cards, DOCS_PER_CHUNK per file) and `search/t-<key>.js` (the terms that start with the same one or two
characters, each with its postings as one flat list `[doc gap, sentence or -1, weight, ...]`, a posting's doc number
written as its gap from the previous posting's (docs in increasing order; the first gap is from 0): about a third
smaller than `[[doc, sentence, weight], ...]` with the full numbers (issue 15: output bytes). Pure and deterministic:
sorted keys, no clock.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise
from typing import Any

from ..article.analyse import ArticleAnalysis
from ..digest import StoryDocument
from ..records import Article
from ..site.paths import SitePaths
from ..site.story_parts import row_page_url
from ..text.lexicon import STOP_SEARCH

DOCS_PER_CHUNK = 200
TITLE_WEIGHT = 3
ONE_CHAR_SHARDS_UP_TO = 5000  # distinct terms; a bigger index is split by the first two characters
_WORD = re.compile(r"[^\W_]+")
# Dropped from the index and from queries alike (the browser reads this list from the manifest).
STOP_WORDS = STOP_SEARCH


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One search result: what it is, where it links, how it is shown, and the text it is found by."""

    kind: str  # "story", "article" or "quote"
    url: str  # relative to the site root
    title: str
    context: str
    title_text: str
    sentences: tuple[tuple[int, str], ...] = ()  # (anchor sentence index, text) for articles
    terms: Mapping[str, tuple[int, int]] | None = None  # its postings, when made ahead (article_terms)


def tokens(text: str) -> list[str]:
    """Lower-case words with accents folded: the same rule as the browser's (search.js `tokens`)."""
    lowered = text.lower()
    if not lowered.isascii():  # fold each distinct character once (news text repeats a few: ’ “ ” é)
        lowered = lowered.translate({ord(c): _fold(c) for c in set(lowered) if not c.isascii()})
    return _WORD.findall(lowered)


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """A character decomposed (NFKD) without its combining marks: "é" -> "e", "ﬁ" -> "fi", a lone mark -> ""."""
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.category(c).startswith("M"))


def shard_key(term: str, chars: int = 2) -> str:
    """The shard a term lives in: its first `chars` characters, as hexadecimal code points (safe file names)."""
    return "-".join(format(ord(c), "x") for c in term[:chars])


def story_docs(
    doc: StoryDocument,
    analyses: dict[str, ArticleAnalysis],
    paths: SitePaths,
    made: Mapping[str, Mapping[str, tuple[int, int]]] | None = None,
) -> list[SearchDoc]:
    """The story, each of its articles (by sentence) and each of its quotes as search documents; an article's
    postings come from `made` (article_terms) when they were made ahead."""
    story, story_url = doc.story, paths.story_url(doc.story.id)
    context = f"{doc.counts.sources} sources: {', '.join(doc.outlets)}"
    docs = [SearchDoc("story", story_url, story.title, context, story.title)]
    articles = {a.id: a for a in doc.articles}
    for a in doc.articles:
        aid = a.id
        terms = made.get(aid) if made else None
        text, sentences = ("", ()) if terms is not None else _article_text(a, analyses[aid])  # text: for terms only
        context = f"{a.display_outlet} · {story.title}" if a.headline else story.title
        docs.append(
            SearchDoc(
                "article", paths.article_url(aid), a.headline or a.display_outlet, context, text, sentences, terms
            )
        )
    positions: dict[str, int] = {}
    for table, row in doc.listed():  # a row past the story page's share of its table is on a part page
        position = positions[table] = positions.get(table, -1) + 1
        speaker = row.speaker or "unknown speaker"
        carried = sorted({articles[o.quote.article_id].display_outlet for o in row.occurrences})
        docs.append(
            SearchDoc(
                "quote",
                f"{row_page_url(doc, table, position, paths)}#{row.id}",
                f"“{row.text}”",
                f"{speaker} · {', '.join(carried)}",
                f"{row.text} {speaker} {' '.join(row.roles)}",
            )
        )
    return docs


def article_terms(
    articles: Iterable[Article], analyses: Mapping[str, ArticleAnalysis]
) -> dict[str, dict[str, tuple[int, int]]]:
    """{article id: its search document's postings}: what story_docs would index for each article, made ahead of
    grouping (it needs no story). Terms are shared strings, so the postings of ten thousand articles stay compact."""
    shared: dict[str, str] = {}
    out = {}
    for a in articles:
        title_text, sentences = _article_text(a, analyses[a.id])
        terms = _doc_postings(SearchDoc("article", "", "", "", title_text, sentences))
        out[a.id] = {shared.setdefault(term, term): posting for term, posting in terms.items()}
    return out


def _article_text(a: Article, analysis: ArticleAnalysis) -> tuple[str, tuple[tuple[int, str], ...]]:
    """An article's search text: headline, outlet and byline (the title's weight), then its sentences."""
    return f"{a.headline or ''} {a.display_outlet} {a.byline or ''}", tuple(
        (s.index, s.text) for s in analysis.sentences
    )


def build_index(docs: Iterable[SearchDoc]) -> dict[str, str]:
    """{file name inside the search folder (SitePaths.search_file): JavaScript text} for the whole index.

    Read once, a document at a time (its text and postings are not kept); each term's postings are kept as one flat
    array of ints (doc, sentence, weight, ...) until its shard is written: as lists of tuples, the millions of
    postings of 10,000 articles took hundreds of MB."""
    postings: dict[str, array] = {}  # term -> [doc, sentence, weight, doc, ...], by doc
    cards: list[list[str]] = []  # [kind, url, title, context] of every doc
    for n, doc in enumerate(docs):
        cards.append([doc.kind, doc.url, doc.title, doc.context])
        for term, (sentence, weight) in (_doc_postings(doc) if doc.terms is None else doc.terms).items():
            found = postings.get(term)
            if found is None:
                found = postings[term] = array("i")
            found.extend((n, sentence, weight))
    chars = 1 if len(postings) <= ONE_CHAR_SHARDS_UP_TO else 2
    shards: dict[str, list[str]] = defaultdict(list)
    for term in sorted(postings):
        shards[shard_key(term, chars)].append(term)
    files = {}
    for key in sorted(shards):
        shard = {term: _gaps(postings.pop(term)) for term in shards[key]}
        files[f"t-{key}.js"] = _script(f"t-{key}", shard)
    for start in range(0, len(cards), DOCS_PER_CHUNK):
        files[f"docs-{start // DOCS_PER_CHUNK}.js"] = _script(
            f"docs-{start // DOCS_PER_CHUNK}", cards[start : start + DOCS_PER_CHUNK]
        )
    manifest = {
        "docs": len(cards),
        "per_chunk": DOCS_PER_CHUNK,
        "key_chars": chars,
        "stop_words": sorted(STOP_WORDS),
        "shards": sorted(shards),
    }
    files["manifest.js"] = _script("manifest", manifest)
    return dict(sorted(files.items()))


def _gaps(flat: array) -> list[int]:
    """[doc gap, sentence, weight, ...] from a flat array of [doc, sentence, weight, ...] in doc order."""
    values = flat.tolist()
    docs = values[0::3]
    values[3::3] = [b - a for a, b in pairwise(docs)]
    return values


def postings(flat: list[int]) -> list[tuple[int, int, int]]:
    """[(doc, sentence, weight), ...] from a term's flat, gap-coded postings as written (what the browser decodes)."""
    out, doc = [], 0
    for i in range(0, len(flat), 3):
        doc += flat[i]
        out.append((doc, flat[i + 1], flat[i + 2]))
    return out


def _doc_postings(doc: SearchDoc) -> dict[str, tuple[int, int]]:
    """{term: (the first sentence it occurs in, or -1 if only in the title; weight)} for one document, stop words
    dropped. A title occurrence weighs TITLE_WEIGHT, a sentence's one; the counting runs in C (Counter, dict.update)."""
    words = [tokens(text) for _, text in doc.sentences]
    weight = Counter(chain.from_iterable(words))
    first: dict[str, int] = {}
    for (index, _), found in zip(reversed(doc.sentences), reversed(words), strict=True):
        first.update(dict.fromkeys(found, index))  # reversed: the first sentence's index is written last and stays
    for term, n in Counter(tokens(doc.title_text)).items():
        weight[term] = weight.get(term, 0) + n * TITLE_WEIGHT
    return {term: (first.get(term, -1), w) for term, w in weight.items() if term not in STOP_WORDS}


def _script(name: str, data: Any) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"CoverageDigestSearch.add({json.dumps(name)},{payload});\n"


__all__ = ["SearchDoc", "article_terms", "build_index", "postings", "shard_key", "story_docs", "tokens"]
