"""Chart data -> inline SVG, drawn at build time so the browser runs no charting code.

Pure functions. Every piece of text placed into the SVG goes through `escape`, so the result is returned as `Markup`
(the only place the theme receives markup that is not the annotate stage's node trees). Colours come from the theme's
CSS classes (no style attributes: the pages' Content-Security-Policy forbids inline styles), so light and dark follow
the system setting. Each chart is `role="img"` with a <title> and a <desc> that says the numbers in words; the same
numbers stay in the tables next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_REACH = 80  # percent of the chart's width a full-length bar takes (the rest is for its number)
BAR_ROW = 40
LABEL_CHARS = 48
HEAT_CELL = 46
CHAR_WIDTH = 8  # a generous average advance at 13px in common system fonts, to size the label columns
HEAT_ROW_CHARS = 24
HEAT_COLUMN_CHARS = 22
MAX_DESC_ITEMS = 60


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled bar: `value` sets its length against the chart's scale; `text` is what is printed after it."""

    label: str
    value: float
    text: str
    short: str = ""  # drawn instead of the label when given (the label stays the accessible name)


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], scale: float | None = None) -> Markup:
    """Horizontal bars, each with its label on the line above it; `scale` is the value of a full-length bar.

    Drawn in percentages of the chart's width (no viewBox), so the text keeps its size at every screen width.
    """
    peak = scale if scale else max((b.value for b in bars), default=0) or 1
    height = BAR_ROW * len(bars) + 6
    parts = [_open(chart_id, title, _bar_desc(title, bars), "100%", height, "chart bars", viewbox=False)]
    for i, bar in enumerate(bars):
        top = i * BAR_ROW
        length = round(BAR_REACH * max(0.0, min(bar.value, peak)) / peak, 2)
        drawn = _clip(bar.short or bar.label, LABEL_CHARS)
        # a tooltip only where the drawn label is not the whole name (a short or clipped one): otherwise it would say
        # again the label and number printed beside the bar (the <desc> has them all) (issue 15: output bytes)
        tip = f"<title>{escape(bar.label)}: {escape(bar.text)}</title>" if drawn != bar.label else ""
        parts.append(
            f"<g>{tip}"
            f'<text x="0" y="{top + 14}" class="label">{escape(drawn)}</text>'
            f'<rect x="0" y="{top + 20}" width="{length:g}%" height="14" rx="2" class="bar"/>'
            f'<text x="{length:g}%" dx="6" y="{top + 32}" class="value">{escape(bar.text)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def heatmap(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[tuple[float, str] | None]],
    peak: float | None = None,
    what: str = "",
    short_rows: Sequence[str] = (),
    short_columns: Sequence[str] = (),
) -> Markup:
    """A grid of rows x columns; each cell is (value, printed text) or None (no value), shaded by value / peak.

    `short_rows` / `short_columns` are drawn in place of long names (which stay in the tooltips and the <desc>).
    """
    drawn_rows, drawn_columns = list(short_rows) or list(rows), list(short_columns) or list(columns)
    top = _column_header_height(drawn_columns)
    left = max((len(_clip(r, HEAT_ROW_CHARS)) for r in drawn_rows), default=4) * CHAR_WIDTH + 16
    width = left + HEAT_CELL * len(columns) + _overhang(drawn_columns)
    height = top + HEAT_CELL * len(rows) + 4
    high = peak or max((c[0] for row in cells for c in row if c), default=0) or 1
    desc = _heat_desc(title, rows, columns, cells, what)
    parts = [_open(chart_id, title, desc, width, height, "chart heat")]
    for j, column in enumerate(columns):
        x = left + HEAT_CELL * j + HEAT_CELL / 2
        drawn = _clip(drawn_columns[j], HEAT_COLUMN_CHARS)
        parts.append(
            f'{_name_tip(column, drawn)}<text class="label" transform="translate({x + 4},{top - 8}) '
            f'rotate(-45)">{escape(drawn)}</text>{"</g>" if drawn != column else ""}'
        )
    for i, (row, row_cells) in enumerate(zip(rows, cells, strict=True)):
        y = top + HEAT_CELL * i
        drawn = _clip(drawn_rows[i], HEAT_ROW_CHARS)
        parts.append(
            f'{_name_tip(row, drawn)}<text class="label" x="{left - 8}" y="{y + HEAT_CELL / 2 + 5}"'
            f' text-anchor="end">{escape(drawn)}</text>{"</g>" if drawn != row else ""}'
        )
        for j, cell in enumerate(row_cells):
            parts.append(_heat_cell(left + HEAT_CELL * j, y, cell, high, f"{row} × {columns[j]}"))
    parts.append("</svg>")
    return Markup("".join(parts))


def _name_tip(name: str, drawn: str) -> str:
    """The opening of a label's group with the whole name as its tooltip, when the drawn label is a short or clipped
    one; nothing when the label is the whole name (the tooltip would repeat it) (issue 15: output bytes)."""
    return f"<g><title>{escape(name)}</title>" if drawn != name else ""


def _heat_cell(x: float, y: float, cell: tuple[float, str] | None, high: float, name: str) -> str:
    size = HEAT_CELL - 3
    if cell is None:
        return f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="3" class="cell none"/>'
    value, text = cell
    if value <= 0:  # an empty cell needs no tooltip: the <desc> and the table list only the counts
        return f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="3" class="cell l0"/>'
    level = 0 if value <= 0 else max(1, min(4, round(4 * value / high)))
    label = (
        f'<text x="{x + size / 2}" y="{y + size / 2 + 5}" text-anchor="middle" class="count l{level}">'
        f"{escape(text)}</text>"
        if value > 0
        else ""
    )
    return (
        f"<g><title>{escape(name)}: {escape(text)}</title>"
        f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="3" class="cell l{level}"/>{label}</g>'
    )


def _open(chart_id: str, title: str, desc: str, width, height: float, cls: str, viewbox: bool = True) -> str:
    box = f'viewBox="0 0 {width:g} {height:g}" ' if viewbox else ""
    width = f"{width:g}" if viewbox else width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" {box}width="{width}" height="{height:g}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d">'
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title><desc id="{escape(chart_id)}-d">{escape(desc)}</desc>'
    )


def _bar_desc(title: str, bars: Sequence[Bar]) -> str:
    items = [f"{b.label}: {b.text}" for b in bars]
    return f"{title}. " + _listing(items) if items else f"{title}: no data."


def _heat_desc(title, rows, columns, cells, what: str) -> str:
    items = [
        f"{row} × {column}: {cell[1]}"
        for row, row_cells in zip(rows, cells, strict=True)
        for column, cell in zip(columns, row_cells, strict=True)
        if cell and cell[0] > 0
    ]
    lead = f"{title}. {len(rows)} rows by {len(columns)} columns{'; ' + what if what else ''}. "
    return lead + (_listing(items) if items else "Every cell is empty.")


def _listing(items: list[str]) -> str:
    shown = "; ".join(items[:MAX_DESC_ITEMS])
    more = len(items) - MAX_DESC_ITEMS
    return shown + (f"; and {more} more (see the table)." if more > 0 else ".")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _column_header_height(columns: Sequence[str]) -> int:
    longest = max((len(_clip(c, HEAT_COLUMN_CHARS)) for c in columns), default=4)
    return int(longest * CHAR_WIDTH * 0.71) + 24


def _overhang(columns: Sequence[str]) -> int:
    """Room on the right for the last column's slanted label."""
    if not columns:
        return 0
    return max(0, int(len(_clip(columns[-1], HEAT_COLUMN_CHARS)) * CHAR_WIDTH * 0.71) - HEAT_CELL // 2) + 8
