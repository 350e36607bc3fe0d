"""axe-core (from the npm registry, injected by the test) on every page type, in light and dark colour schemes."""

from __future__ import annotations

import json

import pytest

from support import ROOT

from .test_pages import page_urls

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(browser, served_site, scheme):
    if not AXE.exists():
        pytest.fail("axe-core is missing: make test installs it from package-lock.json (npm ci)")
    base, _, digest = served_site
    # The site forbids inline script (its CSP); the test alone may inject axe.
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    counts = {}
    problems = []
    for name, url in page_urls(base, digest).items():
        tab.goto(url)
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = result["violations"]
        counts[name] = {
            level: sum(1 for v in violations if v["impact"] == level)
            for level in ("minor", "moderate", "serious", "critical")
        }
        problems += [
            f"{name}: {v['id']} ({v['impact']}) {v['help']}, {len(v['nodes'])}x: {v['nodes'][0]['html'][:100]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    print(f"\naxe ({scheme} scheme) violations by page and impact: {json.dumps(counts)}")
    assert problems == []
