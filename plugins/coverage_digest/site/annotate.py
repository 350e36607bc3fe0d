"""Paragraph text + located marks (sentences, quotes, shared passages) -> a tree of properly nested nodes.

Marks may cross each other (a quotation running over two sentences); a mark that crosses its parent's end is split
into pieces, and only the first piece keeps the mark's anchor id, so every id stays unique on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


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
    nodes: list[Node] = []
    pos = start
    pending = list(marks)
    while pending:
        outer = pending.pop(0)
        if outer.start > pos:
            nodes.append(Node(text=text[pos : outer.start]))
        inside, rest = [], []
        for m in pending:
            if m.start >= outer.end:
                rest.append(m)
            elif m.end <= outer.end:
                inside.append(m)
            else:  # crosses the outer mark's end: split, the remainder loses its id
                inside.append(replace(m, end=outer.end))
                rest.append(replace(m, start=outer.end, attrs=_without_id(m.attrs)))
        nodes.append(Node(mark=outer, children=_build(text, outer.start, outer.end, inside)))
        pos = outer.end
        pending = sorted(rest, key=_order)
    if pos < end:
        nodes.append(Node(text=text[pos:end]))
    return tuple(nodes)


def _without_id(attrs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in attrs if k != "id")
