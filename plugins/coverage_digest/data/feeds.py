"""digest.json's stories -> an Atom feed of stories and a sitemap, deterministic (no build time anywhere).

Atom (RFC 4287): ids are `urn:uuid:` names derived from the story ids, so they stay put across builds; `updated` is
the latest publication date among a story's articles, or the Unix epoch when no article has a date. Links are
absolute when SITEURL is an absolute http(s) URL, otherwise relative to the feed's own location (Atom resolves
relative references against the feed document, so a feed read from the site's folder still links correctly).

Sitemaps (sitemaps.org 0.9) require absolute URLs. With an absolute SITEURL the sitemap is fully standard. When
SITEURL is empty (the default: the site works from any folder), <loc> holds each page's path relative to the
site root and a comment in the file says so: set SITEURL to publish the sitemap to search engines.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
EPOCH = "1970-01-01T00:00:00Z"
SUMMARY_SENTENCES = 3
# The fields of digest.json's story and article records the feed reads (a build keeps only these for it).
STORY_FIELDS = ("id", "title", "url", "article_ids", "outlets", "counts", "summary")
ARTICLE_FIELDS = ("id", "published")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def is_absolute(siteurl: str) -> bool:
    return siteurl.startswith(("http://", "https://"))


def atom_date(value: str | None) -> str | None:
    """An ISO 8601 date or date-time as an RFC 3339 UTC timestamp (dates without a zone are taken as UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def story_updated(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """The latest publication date among the story's articles, or the epoch when none is known."""
    dates = [d for aid in story["article_ids"] if (d := atom_date(articles[aid]["published"]))]
    return max(dates, default=EPOCH)


def atom_feed(document: dict[str, Any], sitename: str, siteurl: str, save_as: str) -> str:
    """The stories as an Atom feed, newest first (then by title)."""
    articles = {a["id"]: a for a in document["articles"]}
    stories = sorted(document["stories"], key=lambda s: (story_updated(s, articles), s["title"]), reverse=True)
    feed = ET.Element("feed", xmlns=ATOM_NS)
    _sub(feed, "title", f"{sitename}: stories")
    _sub(feed, "subtitle", "How each story was covered: sources, quotes, and where the outlets differ.")
    _sub(feed, "id", _urn(f"feed:{sitename}:{siteurl}"))
    _sub(feed, "updated", max((story_updated(s, articles) for s in stories), default=EPOCH))
    _link(feed, _href(save_as.rsplit("/", 1)[-1], siteurl, save_as, self_link=True), "self", "application/atom+xml")
    _link(feed, _href("index.html", siteurl, save_as), "alternate", "text/html")
    author = _sub(feed, "author")
    _sub(author, "name", sitename)
    _sub(feed, "generator", "Coverage Digest")
    for story in stories:
        entry = _sub(feed, "entry")
        _sub(entry, "title", story["title"])
        _sub(entry, "id", _urn(f"story:{story['id']}"))
        _sub(entry, "updated", story_updated(story, articles))
        _link(entry, _href(story["url"], siteurl, save_as), "alternate", "text/html")
        _sub(entry, "summary", _summary(story)).set("type", "text")
        for outlet in sorted(set(story["outlets"].values())):
            _sub(entry, "category").set("term", _clean(outlet))
    return _serialise(feed)


def sitemap(paths: list[tuple[str, str | None]], siteurl: str) -> str:
    """A <url> per page: (path relative to the site root, last modification date or None)."""
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    if not is_absolute(siteurl):
        root.append(
            ET.Comment(
                " SITEURL is not set: each <loc> is a path relative to the site's root folder, which the sitemap "
                "standard does not accept. Set SITEURL to an absolute http(s) URL to publish this sitemap. "
            )
        )
    for path, lastmod in sorted(set(paths)):
        url = _sub(root, "url")
        _sub(url, "loc", f"{siteurl.rstrip('/')}/{path}" if is_absolute(siteurl) else path)
        if lastmod:
            _sub(url, "lastmod", lastmod[:10])
    return _serialise(root)


def _summary(story: dict[str, Any]) -> str:
    count = len(story["article_ids"])
    lead = f"{count} {'source' if count == 1 else 'sources'} ({', '.join(sorted(set(story['outlets'].values())))})"
    quotes = story["counts"]["quotes"]
    lead += f", {quotes} {'quote' if quotes == 1 else 'quotes'}."
    return " ".join([lead] + [s["text"] for s in story["summary"][:SUMMARY_SENTENCES]])


def _href(path: str, siteurl: str, save_as: str, self_link: bool = False) -> str:
    if is_absolute(siteurl):
        return f"{siteurl.rstrip('/')}/{save_as if self_link else path}"
    return path if self_link else "../" * save_as.count("/") + path


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'coverage-digest:' + name)}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, tag)  # the namespace is the root's xmlns attribute
    if text is not None:
        child.text = _clean(text)
    return child


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    _sub(parent, "link").attrib.update({"href": href, "rel": rel, "type": kind})


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters): the feed must always parse."""
    return _NOT_XML.sub("", text)


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
