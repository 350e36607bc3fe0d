"""Web archives (`.warc`, `.warc.gz`: what Webrecorder, Browsertrix, ArchiveBox, wget and Heritrix write) -> one
raw article per captured HTML page, read by warcio and extracted by the HTML reader (read/htmlpage.py), with the
target URI as its record and the capture date (WARC-Date) as a labelled fallback date.

Each capture that is not an article says why (not HTML, not a 2xx response, a revisit, a duplicate, no article text,
too big); the records that hold no captured content (requests, warcinfo, metadata) are counted in one line.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from warcio.archiveiterator import ArchiveIterator

from ..records import RawArticle, Skipped
from .dates import normalise_date
from .decode import DecodeError, decode_text
from .htmlpage import NoArticleError, read_html
from .metadata import MetadataError, safe_url
from .record import record_id

Result = RawArticle | Skipped
MAX_RECORD_BYTES = 5_000_000  # one captured page (the default size limit of a seed file)
MAX_ARCHIVE_BYTES = 1_000_000_000  # uncompressed, over all records: a small .warc.gz must not unpack without end
HTML_TYPES = {"text/html", "application/xhtml+xml"}
CAPTURES = {"response", "resource"}  # the record types that hold a captured page


def read_warc(path: str, data: bytes, stem: str, columns: object = ()) -> Iterator[Result]:
    """Every record of the archive, in order: an article, a reason, or (for non-captures) a count."""
    if not _is_warc(data):
        yield Skipped(path, "not a web archive: the file does not start with a WARC/1.x record")
        return
    archive = _Archive(path, stem)
    yield from archive.read(data)
    yield from archive.summary()


@dataclass
class _Archive:
    """One archive's reading: what was seen (for duplicates), what was counted, and where the last record ended."""

    path: str
    stem: str
    seen: dict[str, str] = field(default_factory=dict)
    other: Counter[str] = field(default_factory=Counter)
    number: int = 0
    end: int = 0
    unread: int = 0  # bytes after the last record that is whole

    def read(self, data: bytes) -> Iterator[Result]:
        total = 0
        try:
            records = ArchiveIterator(io.BytesIO(data))
            for record in records:
                self.number += 1
                total += int(record.rec_headers.get_header("Content-Length") or 0)
                if total > MAX_ARCHIVE_BYTES:
                    yield Skipped(
                        self.path, f"over {MAX_ARCHIVE_BYTES / 1e9:.0f} GB unpacked: records {self.number} on not read"
                    )
                    return
                result = _capture(self.path, self.stem, self.number, record, self.seen)
                records.read_to_end(record)
                self.end = records.get_record_offset() + records.get_record_length()
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended before the record's Content-Length
                    result = Skipped(
                        self.path,
                        "the archive ends inside this record: its content is cut short",
                        _label(self.number, record),
                    )
                if result is None:
                    self.other[record.rec_type or "unknown"] += 1
                else:
                    yield result
        except Exception as exc:  # warcio fails in many ways on a damaged archive; what was read before stays read
            yield Skipped(
                self.path,
                f"the archive is damaged after record {self.number} ({type(exc).__name__}); "
                "the records before it were read",
            )
            return
        self.unread = len(data[self.end :].strip())

    def summary(self) -> Iterator[Skipped]:
        if self.unread:
            yield Skipped(
                self.path, f"the archive ends inside a record after record {self.number}: {self.unread} bytes not read"
            )
        if self.other:
            n = sum(self.other.values())
            counted = ", ".join(f"{k} {kind}" for kind, k in sorted(self.other.items()))
            holds = "record holds" if n == 1 else "records hold"
            yield Skipped(self.path, f"{n} {holds} no captured page ({counted}): counted, nothing to read")


def _label(number: int, record) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return f"record {number}: {uri}" if uri else f"record {number}"


def _is_warc(data: bytes) -> bool:
    head = data[:65536]
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip()[:5] == b"WARC/"


def _capture(path: str, stem: str, number: int, record, seen: dict[str, str]) -> Result | None:
    """One record as an article or the reason it is none; None for a record that holds no captured page."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    label = _label(number, record)
    if record.rec_type == "revisit":
        return Skipped(
            path, "a revisit record: the archive kept no content for it (unchanged since an earlier capture)", label
        )
    if record.rec_type not in CAPTURES:
        return None
    status, content_type, charset = _http(record)
    if not 200 <= status < 300 or status == 204:
        where = record.http_headers.get_header("Location") if record.http_headers else None
        return Skipped(
            path, f"an HTTP {status} response, not a page" + (f" (a redirect to {where})" if where else ""), label
        )
    if content_type not in HTML_TYPES:
        return Skipped(path, f"not an HTML page ({content_type or 'no content type'})", label)
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        return Skipped(path, f"captured page over the {MAX_RECORD_BYTES / 1e6:.1f} MB limit", label)
    digest = hashlib.sha256(payload).hexdigest()
    first = seen.get(uri) or seen.get(digest)
    if first:
        return Skipped(path, f"duplicate of {first} (the same page captured again): read once", label)
    seen[digest] = f"record {number}"
    if uri:
        seen[uri] = f"record {number}"
    return _page(path, stem, label, uri, payload, charset, record.rec_headers.get_header("WARC-Date"))


def _http(record) -> tuple[int, str, str | None]:
    """(status, media type, declared charset) of a captured response, or of a resource record (status 200)."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = int(record.http_headers.get_statuscode() or 0)
        header = record.http_headers.get_header("Content-Type") or ""
    else:
        status, header = 200, record.rec_headers.get_header("Content-Type") or ""
    media, _, params = header.partition(";")
    charset = next((p.split("=", 1)[1].strip(" \"'") for p in params.split(";") if "charset=" in p.lower()), None)
    return status, media.strip().lower(), charset


def _page(path: str, stem: str, label: str, uri: str, payload: bytes, charset: str | None, date: str | None) -> Result:
    try:
        text, encoding = _decode(payload, charset)
        headline, paragraphs, found = read_html(text)
    except (DecodeError, NoArticleError) as exc:
        return Skipped(path, str(exc), label)
    try:
        url = found.url or (safe_url(uri) if uri else None)
    except MetadataError:
        url = None
    found = replace(found, url=url, captured=normalise_date(date or ""))
    return RawArticle(
        record_id(stem, uri or None, label),
        path,
        "warc",
        headline,
        paragraphs,
        found=found,
        encoding=encoding,
        record=label,
    )


def _decode(payload: bytes, charset: str | None) -> tuple[str, str]:
    """UTF-8 when the bytes are UTF-8; else the charset the response declared; else the usual detection."""
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        if charset:
            try:
                return payload.decode(charset), charset.lower()
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(payload)
