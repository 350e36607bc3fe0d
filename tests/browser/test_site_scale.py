"""The month-scale index (sort and filter with and without JavaScript), outlet pages and the timeline, as a person
uses them, with axe on each."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest

from support import DATED_SPLIT, build_site, write_dated_seeds, write_many_stories

from .conftest import ARTIFACTS, _QuietHandler
from .test_accessibility import AXE

pytestmark = pytest.mark.browser


def _serve(folder):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """The dated demo seeds (three stories, one per index page), served: (base URL, digest)."""
    seeds = write_dated_seeds(tmp_path_factory.mktemp("dated-seeds"))
    out = tmp_path_factory.mktemp("dated-www")
    digest = build_site(seeds, out, DIGEST_INDEX_PAGINATION=1, DIGEST_SPLIT=DATED_SPLIT)
    server, base = _serve(out)
    yield base, digest
    server.shutdown()


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """Sixty stories of a month, served with the default pagination: (base URL, digest)."""
    seeds, split = write_many_stories(tmp_path_factory.mktemp("month-seeds"), 60)
    out = tmp_path_factory.mktemp("month-www")
    digest = build_site(seeds, out, DIGEST_SPLIT=split)
    server, base = _serve(out)
    yield base, digest
    server.shutdown()


def _rows(page):
    return page.locator("#story-table tbody tr")


def test_the_first_screen_shows_at_least_15_stories_at_1280_by_800(browser, month):
    base, digest = month
    assert len(digest["stories"]) == 60
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(base + "index.html")
    visible = tab.evaluate(
        "() => Array.from(document.querySelectorAll('#story-table tbody tr'))"
        ".filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length"
    )
    tab.screenshot(path=str(ARTIFACTS / "index-1280.png"))
    context.close()
    assert visible >= 15


def test_without_javascript_the_index_sorts_and_pages_by_links(browser, month):
    base, _ = month
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(base + "index.html")
    assert _rows(tab).count() == 50
    assert tab.locator(".story-filters").count() == 0  # the script's filters are not there
    assert tab.get_by_text("list of outlets").is_visible()  # the filter by outlet that needs no script
    days = [d for d in tab.locator("#story-table td.dates").all_inner_texts()]
    assert days == sorted(days, reverse=True)  # newest first
    tab.get_by_role("link", name="Title", exact=True).click()
    assert tab.url.endswith("index-title.html")
    titles = tab.locator(".story-title").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)
    tab.locator("a[rel=next]").click()
    assert tab.url.endswith("index-title2.html") and _rows(tab).count() == 10
    context.close()


def test_with_javascript_the_index_filters_every_story_by_words_outlet_and_date(page, month):
    base, digest = month
    page.goto(base + "index.html")
    page.get_by_label("Filter stories").fill("district 42")
    assert _rows(page).count() == 1 and "district 42" in _rows(page).first.inner_text()  # found beyond page 1
    page.get_by_label("Filter stories").fill("")
    page.get_by_label("Outlet", exact=True).select_option(label="Outlet 3")
    outlets = _rows(page).locator(".outlets-cell").all_inner_texts()
    assert len(outlets) == sum(1 for s in digest["stories"] if "Outlet 3" in s["outlets"].values())
    assert all(o == "Outlet 3" for o in outlets)
    assert page.locator("nav.pager").is_hidden()
    page.get_by_label("Outlet", exact=True).select_option(label="any outlet")
    page.get_by_label("From", exact=True).fill("2024-05-10")
    page.get_by_label("To", exact=True).fill("2024-05-11")
    days = set(_rows(page).locator("td.dates").all_inner_texts())
    assert days == {"2024-05-10", "2024-05-11"}
    assert "stories of 60 match" in page.locator(".story-filters [role=status]").inner_text()
    page.get_by_label("From", exact=True).fill("")
    page.get_by_label("To", exact=True).fill("")
    page.get_by_role("button", name="Quotes").click()  # all 60, sorted by the script
    assert _rows(page).count() == 60
    page.get_by_role("button", name="Story").click()
    titles = _rows(page).locator(".story-title").all_inner_texts()
    assert titles == sorted(titles, key=lambda t: t.casefold())
    assert page.errors == []


def test_the_outlet_page_lists_its_articles_and_links_back(page, dated):
    base, digest = dated
    outlet = next(o for o in digest["outlets"] if o["name"] == "example-times.co.uk")
    page.goto(base + "index-sources.html")
    page.locator(".outlets-cell a", has_text="example-times.co.uk").first.click()
    assert page.url.endswith(outlet["url"])
    assert page.locator("h1").inner_text() == "example-times.co.uk"
    assert page.locator(".outlet-articles tbody tr").count() == len(outlet["article_ids"])
    page.locator(".outlet-articles tbody tr td a").first.click()
    assert "/articles/" in page.url
    assert page.errors == []


def test_the_timeline_marks_the_first_report_and_each_link_lands(page, dated):
    base, digest = dated
    story = max(digest["stories"], key=lambda s: len(s["article_ids"]))
    page.goto(base + story["url"] + "#timeline-h")
    first = page.locator("ol.timeline li.is-first")
    assert first.count() == 1 and "example-times.co.uk" in first.inner_text()
    link = page.locator("ol.timeline .added a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_load_state()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(base + story["url"] + "#timeline-h")
        page.screenshot(path=str(ARTIFACTS / f"timeline-{width}.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"the page scrolls sideways at {width} px"
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_pages_have_no_serious_or_critical_axe_violations(browser, dated, month, scheme):
    if not AXE.exists():
        pytest.fail("axe-core is missing: make test installs it from package-lock.json (npm ci)")
    base, digest = dated
    story = max(digest["stories"], key=lambda s: len(s["article_ids"]))
    urls = {
        "index": month[0] + "index.html",
        "index by title": month[0] + "index-title2.html",
        "outlets": base + "outlets/index.html",
        "outlet": base + digest["outlets"][0]["url"],
        "timeline": base + story["url"],
    }
    problems = []
    for width in (375, 1280):
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900}, bypass_csp=True)
        tab = context.new_page()
        for name, url in urls.items():
            tab.goto(url)
            tab.add_script_tag(path=str(AXE))
            violations = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
            problems += [
                f"{name} at {width}px: {v['id']} ({v['impact']}) {v['help']}: {v['nodes'][0]['html'][:100]}"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
        context.close()
    assert problems == []
