"""Paragraph text + located marks (sentences, quotes, shared passages) -> a tree of properly nested nodes.

Marks may cross each other (a quotation running over two sentences); a mark that crosses its parent's end is split
into pieces, and only the first piece keeps the mark's anchor id, so every id stays unique on the page.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of a paragraph (offsets relative to the paragraph) to be wrapped in an element."""

    start: int
    end: int
    tag: str  # "span", "mark", "q", ...: presentation is the template's business
    attrs: tuple[tuple[str, str], ...] = ()  # id, class, title, data-*: values are escaped by the template
    rank: int = 0  # when two marks cover the same span, the lower rank is the outer element


@dataclass(frozen=True, slots=True)
class Node:
    """Either plain text (mark is None) or an element wrapping child nodes."""

    text: str = ""
    mark: Mark | None = None
    children: tuple[Node, ...] = ()


def annotate(text: str, marks: list[Mark]) -> tuple[Node, ...]:
    """Nest the marks over the text; marks outside the text or empty are ignored."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    return _build(text, 0, len(text), sorted(valid, key=_order))


def _order(m: Mark) -> tuple[int, int, int]:
    return (m.start, -m.end, m.rank)


def _build(text: str, start: int, end: int, marks: list[Mark]) -> tuple[Node, ...]:
    """The nodes of text[start:end] with `marks` nested over it (marks in start order; the first is the first outer).

    Linear in the marks at each level (a paragraph of 10,000 sentences used to take a quadratic scan and re-sort per
    mark): marks are in start order, so those inside an outer mark are the next few in the list; a mark crossing the
    outer's end leaves a remainder that starts where the outer ends, kept in `carry` and merged back in order.
    """
    nodes: list[Node] = []
    pos, j = start, 0
    tail: list[Mark] = []
    carry: list[Mark] = []
    if marks:  # the first outer mark is taken as given (the caller's order); the rest in sort order
        first = marks[0]
        k = 1
        while k < len(marks) and marks[k].start < first.end:
            k += 1
        pos = _emit(text, pos, first, marks[1:k], nodes, carry)
        tail = sorted(marks[k:], key=_order)
    while carry or j < len(tail):
        if carry and (j >= len(tail) or _order(carry[0]) <= _order(tail[j])):
            outer = carry.pop(0)
        else:
            outer, j = tail[j], j + 1
        k = j
        while k < len(tail) and tail[k].start < outer.end:
            k += 1
        inside = list(heapq.merge(carry, tail[j:k], key=_order))
        carry.clear()
        j = k
        pos = _emit(text, pos, outer, inside, nodes, carry)
    if pos < end:
        nodes.append(Node(text=text[pos:end]))
    return tuple(nodes)


def _emit(text: str, pos: int, outer: Mark, inside: list[Mark], nodes: list[Node], carry: list[Mark]) -> int:
    """Append the text before `outer` and `outer` with its children; remainders of crossing marks go to `carry`
    (sorted); return the position after `outer`."""
    if outer.start > pos:
        nodes.append(Node(text=text[pos : outer.start]))
    kept, remainders = [], []
    for m in inside:
        if m.end <= outer.end:
            kept.append(m)
        else:  # crosses the outer mark's end: split, the remainder loses its id
            kept.append(replace(m, end=outer.end))
            remainders.append(replace(m, start=outer.end, attrs=_without_id(m.attrs)))
    nodes.append(Node(mark=outer, children=_build(text, outer.start, outer.end, kept)))
    carry.extend(sorted(remainders, key=_order))
    return outer.end


def _without_id(attrs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in attrs if k != "id")


def nodes_html(nodes: Iterable[Node]) -> Markup:
    """The nodes as HTML: text escaped, each element with the attributes the plugin set (values escaped). The
    templates' `digest_nodes` filter: the same bytes as macros.html's recursive `nodes` macro, at a fraction of its
    cost (a macro call per element was a fifth of rendering an article page; issue 15)."""
    out: list[str] = []
    _html(nodes, out)
    return Markup("".join(out))


def _html(nodes: Iterable[Node], out: list[str]) -> None:
    for n in nodes:
        mark = n.mark
        if mark:
            tag = _escape(mark.tag)
            out.append(f"<{tag}")
            for k, v in mark.attrs:
                out.append(f' {_escape(k)}="{_escape(v)}"')
            out.append(">")
            _html(n.children, out)
            out.append(f"</{tag}>")
        else:
            out.append(_escape(n.text))


def _escape(text: str) -> str:
    """markupsafe.escape's replacements, byte for byte (&, <, >, ' and " as &amp; &lt; &gt; &#39; &#34;), without
    making a Markup object per piece of text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text or ">" in text:
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    if "'" in text or '"' in text:
        text = text.replace("'", "&#39;").replace('"', "&#34;")
    return text
