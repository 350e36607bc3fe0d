"""The offline search index: tokenising (the browser does the same), sharding, postings, determinism."""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from coverage_digest.data.search import (
    SearchDoc,
    article_terms,
    build_index,
    postings,
    shard_key,
    story_docs,
    tokens,
)


def _data(text: str):
    name, _, payload = text.removeprefix("CoverageDigestSearch.add(").rpartition(");")[0].partition(",")
    return json.loads(name), json.loads(payload)


def test_tokens_fold_case_and_accents_and_split_on_punctuation():
    assert tokens("Café “Déjà-vu” Hamas’ 40-day") == ["cafe", "deja", "vu", "hamas", "40", "day"]
    assert tokens("___") == []


def test_shard_keys_are_safe_file_names():
    assert shard_key("gallant") == "67-61" and shard_key("gallant", 1) == "67" and shard_key("é") == "e9"


def test_index_links_to_the_first_sentence_and_weights_titles():
    docs = [
        SearchDoc(
            "article", "articles/a.html", "Quake", "Outlet", "Quake Outlet", ((0, "Rescuers came."), (1, "Quake hit."))
        ),
        SearchDoc("quote", "stories/s.html#quote-1", "“We came”", "Mayor", "We came Mayor"),
    ]
    files = build_index(docs)
    manifest = _data(files["manifest.js"])[1]
    assert manifest["docs"] == 2 and "the" in manifest["stop_words"]
    terms = {}
    for key in manifest["shards"]:
        terms.update(_data(files[f"t-{key}.js"])[1])
    assert terms["quake"] == [0, 1, 4]  # title (weight 3) + sentence 1 (weight 1), links to sentence 1
    assert terms["came"] == [0, 0, 1, 1, -1, 3]  # flat; each doc number a gap from the previous one
    assert postings(terms["came"]) == [(0, 0, 1), (1, -1, 3)]
    assert "the" not in terms
    assert _data(files["docs-0.js"])[1][1] == ["quote", "stories/s.html#quote-1", "“We came”", "Mayor"]


def test_postings_are_gaps_between_doc_numbers():
    titles = ["Harbour" if i in (0, 3, 7) else "Other" for i in range(9)]
    docs = [SearchDoc("story", f"s{i}.html", title, "x", title) for i, title in enumerate(titles)]
    files = build_index(docs)
    (key,) = [k for k in _data(files["manifest.js"])[1]["shards"] if files[f"t-{k}.js"].count('"harbour"')]
    flat = _data(files[f"t-{key}.js"])[1]["harbour"]
    assert flat[0::3] == [0, 3, 4]  # docs 0, 3 and 7
    assert [doc for doc, _, _ in postings(flat)] == [0, 3, 7]


def test_index_is_deterministic_and_escapes_nothing_into_code():
    docs = [SearchDoc("story", "s.html", "</script><script>alert(1)</script>", "x", "alert")]
    first, second = build_index(docs), build_index(docs)
    assert first == second
    name, payload = _data(first["docs-0.js"])
    assert name == "docs-0" and payload[0][2] == "</script><script>alert(1)</script>"  # data in a JSON string


@given(st.text(alphabet=st.sampled_from(list("abc XYZ-1,2.éÉüñøß’“”ﬁİıẞΩω한\u0301\u0327"))))
def test_tokens_fold_like_nfkd_without_marks(text):
    """Folding character by character gives what decomposing the whole text and dropping its marks gives."""
    folded = unicodedata.normalize("NFKD", text.lower())
    expected = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
    assert tokens(text) == re.findall(r"[^\W_]+", expected)


def test_article_terms_made_ahead_index_exactly_what_the_articles_text_gives():
    from coverage_digest.build.pipeline import build_digest
    from coverage_digest.read.folder import read_seed_folder
    from coverage_digest.read.sidecar import Sidecar
    from coverage_digest.settings import validate_settings
    from coverage_digest.site.paths import SitePaths
    from support import SEEDS

    settings = validate_settings({"DIGEST_SEEDS": str(SEEDS)})
    digest = build_digest(read_seed_folder(SEEDS, settings.max_file_bytes)[0], Sidecar(), settings)
    articles = {a.id: a for a in digest.articles}
    analyses = {x.article_id: x for x in digest.analyses}
    made = article_terms(digest.articles, analyses)
    assert set(made) == set(articles) and all(made.values())

    paths = SitePaths.build(settings, list(articles), [s.id for s in digest.stories])

    def docs(ahead):
        return [item for doc in digest.documents for item in story_docs(doc, analyses, paths, ahead)]

    assert build_index(docs(made)) == build_index(docs(None))
