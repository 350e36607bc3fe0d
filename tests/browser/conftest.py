"""Browser fixtures: the seed site served from a sub-path on loopback, and headless Debian Chromium via Playwright."""

from __future__ import annotations

import functools
import shutil
import threading
import warnings
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# Flags that keep Chromium off the network entirely (this machine has none) and working as root in a container.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(seed_site, tmp_path_factory):
    """The built seed site copied under /digest/ of a local web server: (base URL, output folder, digest)."""
    out, digest = seed_site
    www = tmp_path_factory.mktemp("www")
    shutil.copytree(out, www / "digest")
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/digest/", out, digest
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian's package; skipped, loudly, only where it cannot run at all."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip("the playwright package is not installed (run make test, which installs it)")
    if not Path(CHROMIUM).exists():
        _skip("Chromium is not installed and scripts/ensure-browser.sh could not install it")
    with sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:
            _skip(f"Chromium did not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("requestfailed", lambda req: tab.errors.append(f"failed: {req.url}"))
    yield tab
    context.close()


def _skip(reason: str):
    message = f"BROWSER TESTS SKIPPED: {reason}"
    warnings.warn(message, stacklevel=2)
    print(f"\n{'!' * 20} {message} {'!' * 20}")
    pytest.skip(message)
