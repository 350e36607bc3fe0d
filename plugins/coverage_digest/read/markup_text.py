"""HTML -> text blocks: one paragraph per block element, scripts and styles dropped, whitespace collapsed."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt", "figcaption")
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head")


def html_blocks(html: str) -> list[tuple[str, str]]:
    """Return (tag name, text) for each innermost block element, in document order."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    out: list[tuple[str, str]] = []
    for tag in soup.find_all(_BLOCKS):
        if isinstance(tag, Tag) and not tag.find(_BLOCKS):
            text = " ".join(tag.get_text(" ").split())
            if text:
                out.append((tag.name, text))
    if not out:
        text = " ".join(soup.get_text(" ").split())
        if text:
            out.append(("p", text))
    return out
