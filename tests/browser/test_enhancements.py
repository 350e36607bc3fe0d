"""The JavaScript enhancements as a person uses them (search, quote table, citations), and the pages without JS."""

from __future__ import annotations

import re

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser
TRANSPARENT = ("rgba(0, 0, 0, 0)", "transparent")


def test_search_from_the_index_finds_the_article_and_lands_on_the_sentence(page, served_site):
    base, _, digest = served_site
    page.goto(base + "index.html")
    page.get_by_label("Search articles and quotes").fill("Bill Burns")
    page.get_by_label("Search articles and quotes").press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=Bill%20Burns$"))
    first = page.locator(".search-results li.result-article a").first
    first.wait_for()
    matzav = next(a for a in digest["articles"] if a["id"].startswith("002"))
    assert matzav["url"] in first.get_attribute("href")
    first.click()
    page.wait_for_load_state()
    target = page.locator(":target")
    assert "Bill Burns" in target.inner_text()
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") not in TRANSPARENT
    assert page.errors == []


def test_search_finds_quotes_by_speaker_and_says_when_nothing_matches(page, served_site):
    base, _, _ = served_site
    page.goto(base + "search.html?q=netanyahu")
    page.locator(".search-results li.result-quote").first.wait_for()
    assert page.locator(".search-results li.result-quote").count() >= 3
    page.get_by_label("Search articles and quotes").fill("zzzqqq")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("Nothing found for “zzzqqq”").wait_for()
    assert page.errors == []


def test_search_works_from_the_disk(browser, served_site):
    _, out, _ = served_site
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.goto((out / "search.html").as_uri() + "?q=rafah")
    tab.locator(".search-results li").first.wait_for()
    assert tab.locator(".search-results li").count() >= 2 and errors == []
    context.close()


def test_quote_table_filters_and_sorts(page, served_site):
    base, _, _ = served_site
    page.goto(base + page_story(served_site))
    rows = page.locator("#quote-table tbody tr")
    total = rows.count()
    page.get_by_label("Filter quotes").fill("netanyahu")
    visible = page.locator("#quote-table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("netanyahu" in t.lower() for t in visible.all_inner_texts())
    assert page.get_by_text(f"Showing {visible.count()} of {total} quotes").is_visible()
    page.get_by_label("Filter quotes").fill("")
    assert page.locator("#quote-table tbody tr:not([hidden])").count() == total

    page.get_by_role("button", name="Speaker").click()
    speakers = [r.locator("td").nth(1).inner_text().split("\n")[0].lower() for r in rows.all()]
    assert speakers == sorted(speakers)
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Speaker")
    page.get_by_role("button", name="Carried by").click()
    counts = [int(r.get_attribute("data-outlets")) for r in rows.all()]
    assert counts == sorted(counts, reverse=True)
    page.get_by_role("button", name="Carried by").click()
    assert [int(r.get_attribute("data-outlets")) for r in rows.all()] == sorted(counts)
    assert page.errors == []


def test_copy_citation_puts_the_sentence_and_its_link_on_the_clipboard(browser, served_site):
    base, _, _ = served_site
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(base + page_story(served_site))
    first = tab.locator("ol.summary li").first
    first.get_by_role("button", name="Copy citation").click()
    tab.get_by_role("button", name="Copied").wait_for()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert first.locator(".said").inner_text() in copied and copied.endswith("#summary-1")
    context.close()


def test_summary_citation_lands_on_the_highlighted_sentence(page, served_site):
    base, _, _ = served_site
    page.goto(base + page_story(served_site))
    cite = page.locator("ol.summary a.cite").first
    anchor = cite.get_attribute("href").split("#")[1]
    cite.click()
    page.wait_for_load_state()
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor and "sentence" in target.get_attribute("class")
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") not in TRANSPARENT


@pytest.mark.parametrize("width", [375, 1280])
def test_charts_are_visible_images_with_accessible_names(browser, served_site, width):
    base, _, _ = served_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(base + page_story(served_site))
    charts = tab.get_by_role("img")
    names = [c.evaluate("el => el.querySelector('title').textContent") for c in charts.all()]
    assert len(names) == 6 and all(names)  # four "At a glance" bars, speakers x outlets, reuse
    assert tab.get_by_role("img", name="Length in words").is_visible()
    for chart in charts.all():
        box = chart.bounding_box()
        assert box["width"] > 200 and box["height"] > 100
    glance = tab.locator(".glance-charts")
    glance.screenshot(path=str(ARTIFACTS / f"glance-{width}.png"))
    context.close()


def test_without_javascript_every_quote_is_there_and_nothing_is_hidden(browser, served_site):
    base, _, digest = served_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    story = digest["stories"][0]
    tab.goto(base + story["url"])
    ids = set(tab.locator("[id]").evaluate_all("els => els.map(e => e.id)"))
    assert {q["id"] for q in story["quotes"]} <= ids
    assert tab.locator("#quote-table tbody tr[hidden]").count() == 0
    assert tab.locator("#quote-table tbody tr").count() > 0 and tab.locator(".table-controls").count() == 0
    assert tab.get_by_role("img").count() == 6  # the charts are built at build time
    tab.goto(base + "search.html")
    assert tab.locator(".search-nojs").is_visible() and not tab.locator("form.search-form").is_visible()
    context.close()


def page_story(served_site) -> str:
    return served_site[2]["stories"][0]["url"]
