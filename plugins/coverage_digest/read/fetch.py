"""`make fetch URLS=links.txt`: download each listed page into the seeds folder as the raw HTML, with its URL and
fetch time in the sidecar, so that a build stays offline and reproducible. This is a step before the build: nothing a
build runs imports it (scripts/fetch.py does). A second run skips what is already there; every page not fetched is
listed with its URL and the reason.

    python scripts/fetch.py links.txt --seeds seeds [--delay 2] [--timeout 20] [--ignore-robots]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .fetch_http import FetchError, PoliteClient, Politeness
from .fetch_sidecar import SidecarWriteError, add_entries, entries_text
from .folder import find_sidecar

_UNSAFE = re.compile(r"[^a-z0-9]+")
_PAGE_SUFFIX = re.compile(r"\.(s?html?|php\d?|aspx?|jsp|cgi)$", re.I)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one listed URL: "fetched" (into `name`), "had" (already there) or "failed" (`reason`)."""

    url: str
    status: str
    name: str = ""
    reason: str = ""


def read_url_list(text: str) -> list[str]:
    """One URL a line; blank lines and `#` comments are ignored, and a URL listed twice is fetched once."""
    urls = [line.strip() for line in text.splitlines()]
    return list(dict.fromkeys(u for u in urls if u and not u.startswith("#")))


def page_name(url: str) -> str:
    """The seed file a URL is saved as: host and last path segment, readable, plus a short hash of the whole URL
    (the same URL always gives the same name: that is how a second run knows what it has)."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    tail = _PAGE_SUFFIX.sub("", segments[-1]) if segments else ""
    slug = _UNSAFE.sub("-", f"{host}-{tail}".lower()).strip("-")[:60].strip("-") or "page"
    return f"{slug}-{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}.html"


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def fetch_all(
    urls: list[str],
    seeds: Path,
    sidecar: Path,
    client: PoliteClient,
    say: Callable[[str], None] = print,
    clock: Callable[[], str] = now_utc,
) -> list[Outcome]:
    """Fetch every URL not fetched before (hosts taken in turn, so waiting for one host is time spent on another);
    the outcomes come back in the list's order."""
    seeds.mkdir(parents=True, exist_ok=True)
    outcomes: dict[str, Outcome] = {}
    for url in _interleaved(urls):
        name = page_name(url)
        if (seeds / name).exists():
            outcomes[url] = Outcome(url, "had", name)
            _record(sidecar, {name: {"url": url, "fetched": _mtime(seeds / name)}}, say)  # if an earlier run stopped
            say(f"have     {url} ({name})")
            continue
        try:
            page = client.get(url)
        except FetchError as exc:
            outcomes[url] = Outcome(url, "failed", reason=str(exc))
            say(f"FAILED   {url}: {exc}")
            continue
        _save(seeds / name, page.body)
        _record(sidecar, {name: {"url": page.url, "fetched": clock()}}, say)
        outcomes[url] = Outcome(url, "fetched", name)
        moved = f" (redirected to {page.url})" if page.url != url else ""
        say(f"fetched  {url} -> {name}, {len(page.body):,} bytes{moved}")
    return [outcomes[u] for u in urls]


def _interleaved(urls: list[str]) -> list[str]:
    """The URLs with their hosts in turn: a, b, c, a, b, a ... (each host's own order kept)."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    queues = list(by_host.values())
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def _save(path: Path, body: bytes) -> None:
    """The page's bytes exactly as sent, written in one step (an interrupted run leaves no half page)."""
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False) as fh:
        fh.write(body)
    os.replace(fh.name, path)


def _record(sidecar: Path, entries: dict[str, dict[str, str]], say: Callable[[str], None]) -> None:
    try:
        add_entries(sidecar, entries)
    except (SidecarWriteError, OSError) as exc:
        say(f"WARNING  {exc}\n         add these lines under 'articles:' yourself:\n{entries_text(entries)}")


def _mtime(path: Path) -> str:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return stamp.isoformat(timespec="seconds").replace("+00:00", "Z")


def report(outcomes: list[Outcome], say: Callable[[str], None] = print) -> int:
    """The closing summary (every failure again, with its reason); the exit status: 1 when any page failed."""
    counts = {s: sum(o.status == s for o in outcomes) for s in ("fetched", "had", "failed")}
    say(f"{counts['fetched']} fetched, {counts['had']} already there, {counts['failed']} not fetched")
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        say(f"  not fetched: {o.url}\n    {o.reason}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = _arguments().parse_args(argv)
    text = sys.stdin.read() if args.urls == "-" else Path(args.urls).read_text(encoding="utf-8-sig")
    seeds = Path(args.seeds)
    sidecar = Path(args.sidecar) if args.sidecar else (find_sidecar(seeds) if seeds.is_dir() else None)
    politeness = Politeness(
        delay=args.delay,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        max_redirects=args.max_redirects,
        robots=not args.ignore_robots,
        user_agent=args.user_agent,
    )
    urls = read_url_list(text)
    outcomes = fetch_all(urls, seeds, sidecar or seeds / "sources.yaml", PoliteClient(politeness))
    return report(outcomes)


def _arguments() -> argparse.ArgumentParser:
    base = Politeness()
    parser = argparse.ArgumentParser(prog="make fetch", description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", help="a text file with one URL a line ('-': standard input)")
    parser.add_argument("--seeds", default="seeds", help="the seeds folder the pages go into (default: seeds)")
    parser.add_argument("--sidecar", help="the sidecar to record URLs and fetch times in (default: the folder's)")
    parser.add_argument("--delay", type=float, default=base.delay, help="seconds between requests to one host")
    parser.add_argument("--timeout", type=float, default=base.timeout, help="seconds for one request")
    parser.add_argument("--max-bytes", type=int, default=base.max_bytes, help="largest page kept, in bytes")
    parser.add_argument("--max-redirects", type=int, default=base.max_redirects, help="redirects followed per URL")
    parser.add_argument("--ignore-robots", action="store_true", help="fetch pages that robots.txt disallows")
    parser.add_argument("--user-agent", default=base.user_agent, help="the User-Agent header sent")
    return parser
