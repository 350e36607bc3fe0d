"""The user's own coding of outlets (outlets.yaml / .yml / .csv in the seeds folder): owner, country, type, lean, each
with the source of the value. Read as the user wrote it: the scale of `lean` is the user's, nothing is checked against
a list of ours. A bad entry is reported by file and row (or entry) with its reason; the rest of the file is used.

    outlets:
      Washington Examiner:
        owner: Clarity Media Group
        country: US
        type: national
        lean: {value: right, source: "AllSides media bias chart, 2024"}
        source: Wikipedia            # the source of every value that names none of its own

or, as CSV: `outlet,owner,country,type,lean,source,lean_source,...` (a `<field>_source` column per field).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..records import Skipped
from .yaml_data import YamlDataError, load_yaml

FIELDS = ("owner", "country", "type", "lean")
MAX_VALUE = 200
MAX_ENTRIES = 20_000


@dataclass(frozen=True, slots=True)
class CodedValue:
    """One value the user coded, with where they took it from (None: not said)."""

    field: str
    value: str
    source: str | None


@dataclass(frozen=True, slots=True)
class OutletCoding:
    """The user's coding of one outlet, under the name they wrote."""

    name: str
    values: tuple[CodedValue, ...]

    def get(self, field: str) -> str | None:
        return next((v.value for v in self.values if v.field == field), None)


def parse_outlet_coding(text: str, file_name: str) -> tuple[tuple[OutletCoding, ...], tuple[Skipped, ...]]:
    """The codings a file holds, and a Skipped record per entry that cannot be used (the file itself when nothing can
    be read from it)."""
    if file_name.lower().endswith(".csv"):
        entries = _csv_entries(text, file_name)
    else:
        try:
            entries = _yaml_entries(text, file_name)
        except YamlDataError as exc:
            return (), (Skipped(file_name, f"outlet coding not used: {exc}"),)
    codings: dict[str, OutletCoding] = {}
    problems: list[Skipped] = []
    for where, name, raw in entries[:MAX_ENTRIES]:
        if isinstance(raw, Skipped):
            problems.append(raw)
            continue
        found = _coding(name, raw)
        if isinstance(found, str):
            problems.append(Skipped(file_name, f"outlet coding not used: {found}", where))
        elif found.name.casefold() in codings:
            problems.append(Skipped(file_name, f"outlet coding not used: {found.name!r} is coded twice", where))
        else:
            codings[found.name.casefold()] = found
    return tuple(codings.values()), tuple(problems)


Entry = tuple[str, str, object]  # (where in the file, outlet name as written, its values or a Skipped)


def _yaml_entries(text: str, file_name: str) -> list[Entry]:
    data = load_yaml(text)
    if isinstance(data, dict) and set(data) == {"outlets"}:
        data = data["outlets"]
    if not isinstance(data, dict):
        raise YamlDataError("expected a mapping of outlet names to their values (outlets: {Name: {lean: ...}})")
    return [(f"entry {str(name)[:60]!r}", str(name), values) for name, values in data.items()]


def _csv_entries(text: str, file_name: str) -> list[Entry]:
    rows = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in rows.fieldnames or ()]
    if "outlet" not in header:
        return [("", "", Skipped(file_name, "outlet coding not used: the CSV file has no 'outlet' column"))]
    rows.fieldnames = header
    out: list[Entry] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        if None in row:
            out.append(("", "", Skipped(file_name, "more values than columns", f"row {number}")))
            continue
        values: dict[str, object] = {k: v for k, v in row.items() if k != "outlet" and v not in (None, "")}
        out.append((f"row {number}", (row.get("outlet") or "").strip(), values))
    return out


def _coding(name: str, raw: object) -> OutletCoding | str:
    """The coding of one entry, or the reason it cannot be used."""
    name = " ".join(name.split())[:MAX_VALUE]
    if not name:
        return "no outlet name"
    if not isinstance(raw, dict):
        return f"{name}: expected its values as a mapping (lean: ..., country: ...), got {type(raw).__name__}"
    default = raw.get("source")
    if default is not None and not isinstance(default, str | int | float):
        return f"{name}: 'source' must be text"
    values = []
    for key, value in raw.items():
        key = str(key).strip().lower()
        if key == "source":
            continue
        field = key.removesuffix("_source")
        if field not in FIELDS:
            return f"{name}: unknown field {key!r} (known: {', '.join(FIELDS)}, source, and <field>_source)"
        if key.endswith("_source"):
            continue
        source = raw.get(f"{field}_source", default)
        if isinstance(value, dict):
            source, value = value.get("source", source), value.get("value")
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            return f"{name}: {field} must be a text value (or {{value: ..., source: ...}})"
        if source is not None and not isinstance(source, str | int | float):
            return f"{name}: the source of {field} must be text"
        values.append(CodedValue(field, _text(value), _text(source) if source is not None else None))
    if not values:
        return f"{name}: no value coded"
    return OutletCoding(name, tuple(sorted(values, key=lambda v: FIELDS.index(v.field))))


def _text(value: object) -> str:
    return " ".join(str(value).split())[:MAX_VALUE]
