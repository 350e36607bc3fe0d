"""Exports of many articles (CSV, JSON Lines, JSON): one article per record, common column names or the sidecar's
`columns:`, every bad row reported by file and row number while the rest of the file is read."""

from __future__ import annotations

import csv
import io
import json

from bs4 import BeautifulSoup

from coverage_digest.build.pipeline import process_file
from coverage_digest.read.given import Given
from coverage_digest.read.inputs import file_stem, given_for, read_file
from coverage_digest.read.sidecar import parse_sidecar
from coverage_digest.records import Metadata, RawArticle, SeedFile, Skipped
from support import build_site, check_digest

QUAKE = (
    "A strong earthquake struck the northern coast of Corland on Saturday morning, damaging dozens of buildings.\n\n"
    "Rescue teams searched collapsed houses through the afternoon, the regional governor said in a statement.\n\n"
    "“We are doing everything we can,” the governor told reporters outside the town hall in the evening."
)
VOTE = (
    "Voters in Norland went to the polls on Sunday in a parliamentary election that was expected to be close.\n\n"
    "Turnout was 71 percent by late afternoon, the electoral commission said, higher than four years ago.\n\n"
    "“This is a good day for our democracy,” the commission's chair said at a news conference."
)


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def read(name: str, text: str | bytes, given: Given | Metadata = Metadata()) -> tuple[RawArticle | Skipped, ...]:
    return read_file(SeedFile(name, text.encode("utf-8") if isinstance(text, str) else text), given)


def test_csv_with_common_column_names_and_a_bad_row():
    rows = [
        ["headline", "body", "media_name", "publish_date", "url", "byline"],
        ["Quake hits coast", QUAKE, "The Daily Example", "2024-05-04 10:00:00", "https://example.com/quake", "Ana"],
        ["Broken row", "text", "x", "y", "z", "w", "one value too many"],
        ["Norland votes", VOTE, "Norland Post", "Sun, 05 May 2024 09:30:00 +0200", "https://post.example/vote", ""],
        ["No text here", "", "Wire", "2024-05-05", "https://wire.example/empty", ""],
    ]
    results = read("monitor.csv", csv_text(rows))
    assert [type(r).__name__ for r in results] == ["RawArticle", "Skipped", "RawArticle", "Skipped"]
    quake, bad, vote, empty = results
    assert quake.record == "row 2" and quake.headline == "Quake hits coast" and len(quake.paragraphs) == 3
    assert quake.found.outlet == "The Daily Example" and quake.found.published == "2024-05-04T10:00:00"
    assert quake.found.url == "https://example.com/quake" and quake.found.byline == "Ana"
    assert vote.found.published == "2024-05-05T09:30:00+02:00"  # RFC 2822, its time zone kept
    assert (bad.source_file, bad.record) == ("monitor.csv", "row 3") and "7 values" in bad.reason
    assert empty.record == "row 5" and "no article text" in empty.reason
    # ids: the file's stem and a short hash of the record's URL, stable when rows move
    assert quake.id.startswith("monitor-") and quake.id != vote.id
    moved = read("monitor.csv", csv_text([rows[0], rows[3], rows[1]]))
    assert {r.id for r in moved} == {quake.id, vote.id}


def test_an_unclosed_quote_is_reported_and_the_rows_before_it_are_read():
    text = csv_text([["title", "text"], ["Quake hits coast", QUAKE]]) + 'Norland votes,"never closed\r\n'
    quake, broken = read("a.csv", text)
    assert isinstance(quake, RawArticle)
    assert broken.record == "row 3" and "never closed" in broken.reason


def test_semicolon_csv_in_a_windows_code_page_and_without_a_url():
    text = "title;text\r\n"
    text += "Café talks;“The café owner said the talks were serious,” the report said. They went on all night.\r\n"
    (raw,) = read("cafe.csv", text.encode("cp1252"))
    assert raw.encoding == "cp1252" and raw.headline == "Café talks"
    assert raw.paragraphs[0].startswith("“The café owner") and raw.id == "cafe-row2"


def test_a_file_without_a_text_column_says_which_columns_it_has():
    (skipped,) = read("stories.csv", csv_text([["stories_id", "title", "url"], ["1", "A title", "https://a.example"]]))
    assert skipped.record is None and "no article text column" in skipped.reason and "'stories_id'" in skipped.reason


def test_the_sidecar_maps_other_column_names():
    rows = [["Story Title", "Article Copy", "Publication"], ["Quake hits coast", QUAKE, "The Daily Example"]]
    (unmapped,) = read("tool.csv", csv_text(rows))
    assert "no article text column" in unmapped.reason and "columns: text:" in unmapped.reason
    sidecar = parse_sidecar("columns:\n  text: Article Copy\n  outlet: publication\n", "sources.yaml")
    (raw,) = read("tool.csv", csv_text(rows), given_for(sidecar, "tool.csv"))
    assert raw.headline == "Quake hits coast" and raw.found.outlet == "The Daily Example"
    per_file = parse_sidecar("columns:\n  text: Article Copy\n  tool.csv:\n    text: Story Body\n", "sources.yaml")
    (missing,) = read("tool.csv", csv_text(rows), given_for(per_file, "tool.csv"))
    assert "'Story Body' is not a column here" in missing.reason


def test_the_sidecar_addresses_one_record_by_its_article_id():
    rows = [["title", "text"], ["Quake hits coast", QUAKE], ["Norland votes", VOTE]]
    sidecar = parse_sidecar(
        "articles:\n  poll.csv:\n    outlet: Every Row Outlet\n  poll-row3:\n    outlet: Row Three Outlet\n", "s.yaml"
    )
    first, second = read("poll.csv", csv_text(rows), given_for(sidecar, "poll.csv"))
    assert first.given.outlet == "Every Row Outlet" and second.given.outlet == "Row Three Outlet"


def test_jsonl_export_reads_every_good_line_and_names_the_bad_one():
    lines = [
        json.dumps({"title": "Quake hits coast", "maintext": QUAKE, "source_domain": "example.com", "id": "a1"}),
        "{not json",
        "",
        json.dumps(["a list, not an article"]),
        json.dumps({"headline": "Norland votes", "content": VOTE.split("\n\n"), "authors": ["Ana", "Ben"]}),
        json.dumps({"title": "Quake hits coast again", "text": QUAKE, "id": "a1"}),
    ]
    quake, bad, not_object, vote, duplicate = read("news.jsonl", "\n".join(lines))
    assert quake.record == "line 1" and quake.found.outlet == "example.com"
    assert bad.record == "line 2" and "not valid JSON" in bad.reason
    assert not_object.record == "line 4" and "not a JSON object" in not_object.reason
    assert vote.paragraphs == tuple(VOTE.split("\n\n")) and vote.found.byline == "Ana, Ben"
    assert duplicate.record == "line 6" and "duplicate of line 1" in duplicate.reason


def test_json_list_under_a_common_key_and_a_single_news_please_article():
    data = {"count": 2, "articles": [{"title": "Quake hits coast", "text": QUAKE}, {"title": "Norland votes"}]}
    quake, empty = read("export.json", json.dumps(data))
    assert quake.record == "record 1" and quake.id == "export-record1"
    assert empty.record == "record 2" and "no article text" in empty.reason
    article = {"title": "Quake hits coast", "maintext": QUAKE, "date_publish": "2024-05-04 10:00:00", "url": "x"}
    (single,) = read("one.json", json.dumps(article))
    assert single.found.published == "2024-05-04T10:00:00" and single.found.url is None  # not an http(s) URL
    (nothing,) = read("config.json", json.dumps({"name": "not an export"}))
    assert nothing.record is None and "no list of articles" in nothing.reason
    (broken,) = read("broken.json", '[{"title": "x",')
    assert "does not parse as JSON" in broken.reason


def test_markup_in_an_export_is_read_as_text_or_as_blocks_never_run():
    rows = [
        ["title", "text"],
        ["Plain", "He wrote <script>alert(1)</script> in the comment box, the court heard on Monday."],
        ["Markup", "<p>First paragraph of the story.</p><script>alert(2)</script><p>Second paragraph.</p>"],
    ]
    plain, markup = read("m.csv", csv_text(rows))
    assert "<script>alert(1)</script>" in plain.paragraphs[0]  # shown as text (the templates escape it)
    assert markup.paragraphs == ("First paragraph of the story.", "Second paragraph.")


def test_ids_and_stems():
    assert file_stem("a.b.csv") == "a.b" and file_stem("x.txt") == "x" and file_stem(".csv") == ".csv"


def test_process_file_gives_one_result_per_record():
    seed = SeedFile("two.csv", csv_text([["title", "text"], ["A", QUAKE], ["B", ""]]).encode())
    results = process_file((seed, Given()))
    assert len(results) == 2 and results[0][0].record == "row 2" and isinstance(results[1], Skipped)


def test_exports_build_into_a_digest_with_every_record_accounted_for(make_seeds, tmp_path):
    rows = [
        ["title", "text", "outlet", "published", "url"],
        ["Quake hits coast", QUAKE, "The Daily Example", "2024-05-04T10:00:00Z", "https://example.com/quake"],
        ["Bad", "only", "three"],
        ["Norland votes", VOTE, "<b>Norland Post</b>", "2024-05-05", "javascript:alert(1)"],
    ]
    lines = [
        json.dumps({"title": "Corland quake damages buildings", "text": QUAKE.replace("strong", "powerful")}),
        "{broken",
    ]
    seeds = make_seeds({"monitor.csv": csv_text(rows), "news.jsonl": "\n".join(lines)})
    digest = build_site(seeds, tmp_path / "out")
    check_digest(digest)
    records = sorted((a["source_file"], a["record"]) for a in digest["articles"])
    assert records == [("monitor.csv", "row 2"), ("monitor.csv", "row 4"), ("news.jsonl", "line 1")]
    skipped = {(s["source_file"], s["record"]): s["reason"] for s in digest["skipped"]}
    assert set(skipped) == {("monitor.csv", "row 3"), ("news.jsonl", "line 2")}
    page = BeautifulSoup((tmp_path / "out" / "skipped.html").read_text(encoding="utf-8"), "html.parser")
    cells = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    assert any("monitor.csv" in c and "row 3" in c and "3 values" in c for c in cells)
    quake = next(a for a in digest["articles"] if a["record"] == "row 2")
    article = BeautifulSoup((tmp_path / "out" / quake["url"]).read_text(encoding="utf-8"), "html.parser")
    assert "monitor.csv, row 2" in article.select_one("dl.facts").get_text()
    vote = next(a for a in digest["articles"] if a["record"] == "row 4")
    assert vote["original_url"] is None and vote["outlet"] == "<b>Norland Post</b>"  # text, never a link or markup
    vote_page = (tmp_path / "out" / vote["url"]).read_text(encoding="utf-8")
    assert "<b>Norland Post</b>" not in vote_page and "&lt;b&gt;Norland Post&lt;/b&gt;" in vote_page
    assert "javascript:" not in vote_page
    unnamed = next(a for a in digest["articles"] if a["source_file"] == "news.jsonl")
    outlets = {aid: name for story in digest["stories"] for aid, name in story["outlets"].items()}
    assert unnamed["outlet"] is None and outlets[unnamed["id"]] == "Unidentified source (news.jsonl, line 1)"


def test_an_unchanged_export_comes_from_the_cache(make_seeds, tmp_path, monkeypatch):
    from coverage_digest.build import pipeline

    rows = [["title", "text"], ["Quake hits coast", QUAKE], ["Norland votes", VOTE]]
    seeds = make_seeds({"monitor.csv": csv_text(rows)})
    first = build_site(seeds, tmp_path / "out")
    calls = []
    real = pipeline.process_file
    monkeypatch.setattr(pipeline, "process_file", lambda pair: calls.append(pair[0].path) or real(pair))
    assert build_site(seeds, tmp_path / "out") == first and calls == []
    (seeds / "monitor.csv").write_text(csv_text([*rows, ["Quake toll rises", QUAKE + " Two more died."]]), "utf-8")
    third = build_site(seeds, tmp_path / "out")
    assert calls == ["monitor.csv"] and len(third["articles"]) == 3
    before = {a["id"]: (a["record"], a["text"]) for a in first["articles"]}
    after = {a["id"]: (a["record"], a["text"]) for a in third["articles"]}
    assert after.items() >= before.items()  # the rows already there keep their ids (row-number ids here)
