"""A polite HTTP client for `make fetch` (never used by a build): an identifying user agent, one request at a time
per host with a delay between them, robots.txt (RFC 9309) respected unless the user says otherwise, a timeout, a size
limit, and redirects followed by hand within a limit (each hop checked like the first).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

AGENT_TOKEN = "CoverageDigestFetch"
USER_AGENT = f"{AGENT_TOKEN}/0.2 (pelican-coverage-digest; fetches a person's list of links for an offline digest)"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
REDIRECTS = {301, 302, 303, 307, 308}
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is read as this
_CHUNK = 65536


class FetchError(Exception):
    """A page that was not fetched; the message is the reason a user reads."""


@dataclass(frozen=True, slots=True)
class Politeness:
    """How `make fetch` treats the sites it visits."""

    delay: float = 2.0  # seconds between two requests to one host (more when robots.txt asks for it)
    timeout: float = 20.0  # seconds for one request, connecting and reading included
    max_bytes: int = 5_000_000  # a larger page is not kept (the build's default size limit too)
    max_redirects: int = 5
    robots: bool = True  # False: the user said to fetch what robots.txt disallows
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched HTML page: the URL it was finally read from (after redirects) and its bytes as sent."""

    url: str
    body: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # every redirect comes back as an HTTPError, and is followed (and checked) by hand


@dataclass
class PoliteClient:
    """Fetches one URL at a time; waits before a request to a host it asked less than `delay` seconds ago."""

    politeness: Politeness = field(default_factory=Politeness)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last_request: dict[str, float] = field(default_factory=dict)  # host -> when the last request to it ended
    robots: dict[str, RobotFileParser | None] = field(default_factory=dict)  # origin -> its rules (None: allow all)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(_NoRedirects)

    def get(self, url: str) -> Page:
        """The HTML page at `url`, following redirects; FetchError says why not."""
        current = url
        for _ in range(self.politeness.max_redirects + 1):
            _check_scheme(current)
            if self.politeness.robots:
                self._check_robots(current)
            status, headers, response = self._open(current)
            if status in REDIRECTS:
                location = headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if status != 200 or response is None:
                raise FetchError(f"HTTP {status}" + (f" {_REASONS[status]}" if status in _REASONS else ""))
            body = self._html_body(response, headers)
            self.last_request[urlsplit(current).netloc.lower()] = self.clock()  # the delay counts from the last byte
            return Page(current, body)
        raise FetchError(f"more than {self.politeness.max_redirects} redirects (last to {current})")

    def _open(self, url: str):
        """(status, headers, open response for a 200 else None), after waiting for the host's turn."""
        host = urlsplit(url).netloc.lower()
        self._wait(host)
        request = urllib.request.Request(url, headers={"User-Agent": self.politeness.user_agent, "Accept": "text/html"})
        try:
            response = self.opener.open(request, timeout=self.politeness.timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            return exc.code, exc.headers, None
        except TimeoutError as exc:
            raise FetchError(f"timed out after {self.politeness.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise FetchError(f"timed out after {self.politeness.timeout:g} s") from exc
            raise FetchError(f"could not connect: {exc.reason}") from exc
        except (OSError, ValueError) as exc:
            raise FetchError(f"could not connect: {exc}") from exc
        finally:
            self.last_request[host] = self.clock()
        return response.status, response.headers, response

    def _wait(self, host: str) -> None:
        delay = max(self.politeness.delay, self._crawl_delay(host))
        last = self.last_request.get(host)
        if last is not None and delay > 0:
            remaining = last + delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)

    def _html_body(self, response, headers: Message) -> bytes:
        limit = self.politeness.max_bytes
        with response:
            media = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
            if media and media not in HTML_TYPES:
                raise FetchError(f"not an HTML page ({media})")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchError(f"too big: {_size(int(length))}, over the {_size(limit)} limit")
            body = self._read(response, limit)
        body = _decompressed(body, headers.get("Content-Encoding", ""), limit)
        if not media and not _looks_like_html(body):
            raise FetchError("not an HTML page (no content type, and it does not start like one)")
        return body

    def _read(self, response, limit: int) -> bytes:
        deadline = self.clock() + self.politeness.timeout
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                chunk = response.read(_CHUNK)
            except TimeoutError as exc:
                raise FetchError(f"timed out after {self.politeness.timeout:g} s while reading") from exc
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise FetchError(f"too big: over the {_size(limit)} limit")
            if self.clock() > deadline:
                raise FetchError(f"timed out after {self.politeness.timeout:g} s while reading")
            chunks.append(chunk)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin not in self.robots:
            self.robots[origin] = self._robots_of(origin)
        rules = self.robots[origin]
        if rules is not None and not rules.can_fetch(AGENT_TOKEN, url):
            raise FetchError("disallowed by the site's robots.txt (--ignore-robots to fetch it anyway)")

    def _robots_of(self, origin: str) -> RobotFileParser | None:
        """The site's rules. RFC 9309: none found (4xx) allows everything; an unreachable one (5xx, no answer)
        disallows everything."""
        url = origin + "/robots.txt"
        for _ in range(self.politeness.max_redirects + 1):
            try:
                status, headers, response = self._open(url)
            except FetchError as exc:
                raise FetchError(f"robots.txt could not be read ({exc}): not fetched (--ignore-robots to try)") from exc
            if status in REDIRECTS and headers.get("Location"):
                url = urljoin(url, headers["Location"])
                continue
            if response is not None:
                with response:
                    text = self._read(response, MAX_ROBOTS_BYTES * 4)[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
                rules = RobotFileParser()
                rules.parse(text.splitlines())
                return rules
            if 400 <= status < 500:
                return None
            raise FetchError(f"robots.txt answered HTTP {status}: not fetched (--ignore-robots to try)")
        raise FetchError("robots.txt redirects too often: not fetched (--ignore-robots to try)")

    def _crawl_delay(self, host: str) -> float:
        rules = next((r for o, r in self.robots.items() if urlsplit(o).netloc == host and r is not None), None)
        asked = rules.crawl_delay(AGENT_TOKEN) if rules is not None else None
        return min(float(asked), MAX_CRAWL_DELAY) if asked else 0.0


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    410: "Gone",
    429: "Too Many Requests (try again later)",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable (try again later)",
}


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url[:100]}")


def _decompressed(body: bytes, encoding: str, limit: int) -> bytes:
    """A body some server compressed although it was not asked to (gzip, deflate), unpacked within the limit."""
    encoding = encoding.strip().lower()
    if encoding not in {"gzip", "x-gzip", "deflate"}:
        return body
    try:
        unpacked = zlib.decompressobj(47 if "gzip" in encoding else 15).decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchError(f"a broken {encoding} body ({exc})") from exc
    if len(unpacked) > limit:
        raise FetchError(f"too big: over the {_size(limit)} limit once unpacked")
    return unpacked


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head
