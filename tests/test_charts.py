"""Inline SVG charts: pure, escaped, accessible (role="img" with a title and a description that says the numbers)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from coverage_digest.site.charts import Bar, bar_chart, heatmap

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "Co"'


def parse(markup: Markup) -> ET.Element:
    return ET.fromstring(str(markup))  # well-formed XML, or this raises


def test_bar_chart_is_an_accessible_image_with_the_numbers_in_words():
    svg = parse(bar_chart("c1", "Length in words", [Bar("Outlet A", 400, "400"), Bar("Outlet B", 200, "200")]))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-t c1-d"
    assert svg.find(f"{SVG}title").text == "Length in words" and svg.find(f"{SVG}title").get("id") == "c1-t"
    desc = svg.find(f"{SVG}desc").text
    assert "Outlet A: 400" in desc and "Outlet B: 200" in desc
    widths = [r.get("width") for r in svg.iter(f"{SVG}rect")]
    assert widths == ["80%", "40%"]  # the longest bar is full length, the others in proportion


def test_bar_chart_handles_zero_and_empty_data():
    svg = parse(bar_chart("c2", "Quotes", [Bar("A", 0, "0")]))
    assert [r.get("width") for r in svg.iter(f"{SVG}rect")] == ["0%"]
    assert "no data" in parse(bar_chart("c3", "Quotes", [])).find(f"{SVG}desc").text


def test_a_fixed_scale_caps_bars():
    svg = parse(bar_chart("c4", "Share", [Bar("A", 46, "46%"), Bar("B", 250, "?")], scale=100))
    assert [r.get("width") for r in svg.iter(f"{SVG}rect")] == ["36.8%", "80%"]


@pytest.mark.parametrize("chart", ["bars", "heat"])
def test_hostile_names_come_out_escaped(chart):
    if chart == "bars":
        markup = bar_chart("c5", HOSTILE, [Bar(HOSTILE, 3, HOSTILE, short=HOSTILE)])
    else:
        markup = heatmap("c6", HOSTILE, [HOSTILE], [HOSTILE], [[(2, HOSTILE)]], what=HOSTILE)
    assert isinstance(markup, Markup)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    svg = parse(markup)
    assert not list(svg.iter("script")) and not list(svg.iter(f"{SVG}script"))
    assert HOSTILE in svg.find(f"{SVG}title").text  # the text survives, as text


def test_heatmap_cells_are_shaded_by_value_and_empty_cells_marked():
    svg = parse(
        heatmap(
            "c7",
            "Who quotes whom",
            ["Speaker One", "Speaker Two"],
            ["Outlet A", "Outlet B"],
            [[(4, "4"), (0, "0")], [(1, "1"), None]],
            short_columns=["A", "B"],
        )
    )
    classes = [r.get("class") for r in svg.iter(f"{SVG}rect")]
    assert classes == ["cell l4", "cell l0", "cell l1", "cell none"]
    desc = svg.find(f"{SVG}desc").text
    assert "Speaker One × Outlet A: 4" in desc and "Speaker Two × Outlet A: 1" in desc and "Outlet B: 0" not in desc
    drawn = [t.text for t in svg.iter(f"{SVG}text")]
    assert "A" in drawn and "Outlet A" not in drawn  # short labels drawn, full names in tooltips and <desc>


def test_long_labels_are_clipped_in_the_drawing_but_whole_in_the_description():
    name = "An Extremely Long Outlet Name That Would Not Fit In Any Reasonable Chart Column"
    svg = parse(bar_chart("c8", "Words", [Bar(name, 1, "1")]))
    drawn = [t.text for t in svg.iter(f"{SVG}text")]
    assert any(t.endswith("…") and len(t) < len(name) for t in drawn)
    assert name in svg.find(f"{SVG}desc").text


def test_a_label_has_a_tooltip_only_when_it_is_drawn_short_or_clipped():
    """The whole name and number are already printed beside a bar or a heat-map row (and all are in the <desc>): a
    tooltip saying them again is left out; a short or clipped label keeps the whole name as its tooltip (issue 15)."""
    long = "An Extremely Long Outlet Name That Would Not Fit In Any Reasonable Chart Column"
    svg = parse(bar_chart("c9", "Words", [Bar("AP", 3, "3"), Bar(long, 1, "1"), Bar("Outlet B", 2, "2", short="B")]))
    tips = [t.text for g in svg.iter(f"{SVG}g") for t in g.iter(f"{SVG}title")]
    assert tips == [f"{long}: 1", "Outlet B: 2"]
    heat = parse(heatmap("h2", "Who quotes whom", ["Mayor", long], ["AP"], [[(1, "1")], [(2, "2")]]))
    names = [t.text for g in heat.iter(f"{SVG}g") for t in g.iter(f"{SVG}title") if "×" not in t.text]
    assert names == [long]  # "Mayor" and "AP" are drawn whole; the long row name is clipped
