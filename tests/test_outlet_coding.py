"""The user's coding of outlets (outlets.yaml / .csv): read as written, bad entries reported by file and row with a
reason while the rest is used, and shown on outlet, article and story pages and in digest.json."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from coverage_digest.read.outlet_coding import CodedValue, parse_outlet_coding
from support import DATED_SPLIT, build_site, check_digest, write_dated_seeds

YAML = """outlets:
  Washington Examiner:
    owner: Clarity Media Group
    lean: {value: right, source: "AllSides chart, 2024"}
    source: Wikipedia
  Capital Courier:
    country: UK
    lean: left
  Daily Wire Desk:
    lean: right
    colour: blue
  Matzav.com: just a string
  example-times.co.uk:
    lean: [a, list]
  "  capital   courier ":
    lean: centre
"""


def test_yaml_entries_are_read_as_written_with_their_sources():
    codings, problems = parse_outlet_coding(YAML, "outlets.yaml")
    by_name = {c.name: c for c in codings}
    assert set(by_name) == {"Washington Examiner", "Capital Courier"}
    assert by_name["Washington Examiner"].values == (
        CodedValue("owner", "Clarity Media Group", "Wikipedia"),
        CodedValue("lean", "right", "AllSides chart, 2024"),
    )
    assert by_name["Capital Courier"].get("country") == "UK"
    reasons = {p.record: p.reason for p in problems}
    assert all(p.source_file == "outlets.yaml" for p in problems)
    assert "unknown field 'colour'" in reasons["entry 'Daily Wire Desk'"]
    assert "expected its values as a mapping" in reasons["entry 'Matzav.com'"]
    assert "lean must be a text value" in reasons["entry 'example-times.co.uk'"]
    assert "coded twice" in reasons["entry '  capital   courier '"]


def test_csv_rows_are_reported_by_row_number():
    text = (
        "outlet,lean,lean_source,country,source\n"
        "Reuters,center,AllSides,UK,my notes\n"
        ",left,,,\n"
        "AP,center,,US,,extra\n"
        "Fox News,right,,US,\n"
        "Bad,,,,\n"
    )
    codings, problems = parse_outlet_coding(text, "outlets.csv")
    assert [c.name for c in codings] == ["Reuters", "Fox News"]
    reuters = codings[0]
    assert reuters.values == (CodedValue("country", "UK", "my notes"), CodedValue("lean", "center", "AllSides"))
    assert [(p.record, p.reason.split(": ", 1)[-1]) for p in problems] == [
        ("row 3", "no outlet name"),
        ("row 4", "more values than columns"),
        ("row 6", "Bad: no value coded"),
    ]


@pytest.mark.parametrize("text", ["outlets: [1, 2]", "{unclosed", "- a list"])
def test_a_file_that_is_no_mapping_is_reported_once_and_the_build_goes_on(text):
    codings, problems = parse_outlet_coding(text, "outlets.yaml")
    assert codings == () and len(problems) == 1 and problems[0].record is None
    assert problems[0].reason.startswith("outlet coding not used")


def test_a_csv_without_an_outlet_column_is_reported():
    _, problems = parse_outlet_coding("name,lean\nA,left\n", "outlets.csv")
    assert "no 'outlet' column" in problems[0].reason


CODED_SITE = """outlets:
  Washington Examiner:
    owner: Clarity Media Group
    lean: {value: right, source: "AllSides chart, 2024"}
  Capital Courier: {lean: left, country: UK}
  Daily Wire Desk: {lean: right}
  Matzav.com: {lean: far-right}
  example-times.co.uk: {lean: center, colour: blue}
"""


@pytest.mark.site
def test_the_coding_shows_on_pages_and_in_digest_json_with_blind_spots(tmp_path):
    (tmp_path / "seeds").mkdir()
    seeds = write_dated_seeds(tmp_path / "seeds")
    (seeds / "outlets.yaml").write_text(CODED_SITE, encoding="utf-8")
    out = tmp_path / "out"
    digest = build_site(seeds, out, DIGEST_SPLIT=DATED_SPLIT)
    check_digest(digest)
    outlets = {o["name"]: o for o in digest["outlets"]}
    assert outlets["Washington Examiner"]["coding"][1] == {
        "field": "lean",
        "value": "right",
        "source": "AllSides chart, 2024",
    }
    assert "coding" not in outlets["example-times.co.uk"]  # its entry was bad: reported, not used
    [bad] = [s for s in digest["skipped"] if s["source_file"] == "outlets.yaml"]
    assert bad["record"] == "entry 'example-times.co.uk'" and "colour" in bad["reason"]
    assert "outlets.yaml" in (out / "skipped.html").read_text(encoding="utf-8")

    page = BeautifulSoup((out / outlets["Washington Examiner"]["url"]).read_text(encoding="utf-8"), "html.parser")
    assert "AllSides chart, 2024" in page.select_one("#coding-h").find_parent("section").get_text()
    article = next(a for a in digest["articles"] if a["outlet"] == "Capital Courier")
    facts = BeautifulSoup((out / article["url"]).read_text(encoding="utf-8"), "html.parser").select_one(".facts")
    assert "Lean (on your scale): left" in facts.get_text()

    story = max(digest["stories"], key=lambda s: len(s["article_ids"]))
    [lean] = [d for d in story["spread"] if d["field"] == "lean"]
    assert lean["counts"] == {"right": 2, "left": 1, "not coded": 1}
    assert lean["missing"] == ["far-right"]  # coded for Matzav.com, whose article is another story
    section = BeautifulSoup((out / story["url"]).read_text(encoding="utf-8"), "html.parser").select_one("#spread-h")
    assert "Blind spot: no far-right outlet carried this story." in section.find_parent("section").get_text()
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "1 blind spot" in index.select_one("#story-table").get_text()
