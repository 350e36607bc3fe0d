"""What a person sees: pages load cleanly from a sub-path, citations land on highlighted quotes, both widths."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def page_urls(base: str, digest: dict) -> dict[str, str]:
    story = digest["stories"][0]
    return {
        "index": base + "index.html",
        "story": base + story["url"],
        "article": base + digest["articles"][0]["url"],
        "aligned": base + story["derivations"][0]["url"],
        "skipped": base + "skipped.html",
        "about": base + "how-to-read.html",
        "search": base + "search.html?q=gallant",
        "outlets": base + "outlets/index.html",
        "outlet": base + digest["outlets"][0]["url"],
        "index by title": base + "index-title.html",
    }


def test_every_page_type_loads_from_a_sub_path_without_errors(page, served_site):
    base, _, digest = served_site
    for name, url in page_urls(base, digest).items():
        response = page.goto(url)
        assert response.ok, name
        assert page.evaluate("getComputedStyle(document.body).fontFamily"), name  # the stylesheet loaded
        assert page.errors == [], f"{name}: {page.errors}"


def test_clicking_an_outlet_in_the_quote_table_lands_on_the_highlighted_quote(page, served_site):
    base, _, digest = served_site
    page.goto(base + digest["stories"][0]["url"])
    link = page.locator("table.quotes ul.occurrences a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_load_state()
    target = page.locator(f"[id='{anchor}']")
    assert page.url.endswith("#" + anchor)
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_navigation_index_to_story_to_article_and_back(page, served_site):
    base, _, _ = served_site
    page.goto(base + "index.html")
    page.locator(".story-title").first.click()
    page.locator(".outlets a.chip").first.click()
    assert "/digest/articles/" in page.url
    page.locator(".crumbs a").nth(1).click()
    assert "/digest/stories/" in page.url
    page.locator(".crumbs a").first.click()
    assert page.url.endswith("/digest/index.html")


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_nothing_cut_off(browser, served_site, width):
    base, _, digest = served_site
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    for name, url in page_urls(base, digest).items():
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    context.close()
