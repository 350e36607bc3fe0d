"""digest.json's story records -> CSV downloads for researchers (the quote table, the article list), deterministic.

Built from the same records that `digest.json` is written from (each made once from the story document), so every
row and number agrees with it: the CSV files format, they never count or decide what is counted. UTF-8 without
a byte-order mark, RFC 4180 line ends (CRLF). A text cell that a spreadsheet would run as a formula (it begins
with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP recommends; every other field is
verbatim, and digest.json keeps every text exactly as printed.
"""

from __future__ import annotations

import csv
import io
from typing import Any

QUOTE_COLUMNS = (
    "quote_id",
    "speaker",
    "quote_text",
    "table",
    "kind",
    "roles",
    "flags",
    "article_id",
    "outlet",
    "in_headline",
    "text_as_printed",
    "speaker_as_written",
    "match",
    "occurrence_id",
    "start",
    "end",
    "article_url",
)
ARTICLE_COLUMNS = (
    "article_id",
    "outlet",
    "republisher",
    "headline",
    "byline",
    "published",
    "original_url",
    "source_file",
    "record",
    "words",
    "quotes_carried",
    "unique_sentences",
    "derived_from",
    "derived_share",
    "verbatim_share",
    "similarity",
    "article_url",
)


def quotes_csv(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """One row per time a quote is printed: body occurrences, then headline occurrences, quote by quote; the
    `table` column says whether the statement is in the story's quote table or among the fragments listed apart."""
    rows = []
    for quote in story["quotes"]:
        common = [
            quote["id"],
            quote["speaker"],
            quote["text"],
            quote["table"],
            quote["kind"],
            "; ".join(quote["roles"]),
            "; ".join(quote["flags"]),
        ]
        for o in quote["occurrences"]:
            art = articles[o["article_id"]]
            rows.append(
                [
                    *common,
                    *(o["article_id"], story["outlets"][o["article_id"]], "false", o["text"]),
                    *(o["speaker_as_written"], o["match"], o["quote_id"], o["start"], o["end"], art["url"]),
                ]
            )
        for o in quote["headline_occurrences"]:
            art = articles[o["article_id"]]
            rows.append(
                [*common, o["article_id"], story["outlets"][o["article_id"]], "true", o["text"], *[""] * 5, art["url"]]
            )
    return _csv(QUOTE_COLUMNS, rows)


def articles_csv(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """One row per article of the story, in the story's order."""
    carried = story["quotes_carried"]
    derived = {d["article_id"]: d for d in story["derivations"]}
    rows = []
    for aid in story["article_ids"]:
        a, d = articles[aid], derived.get(aid)
        rows.append(
            [
                *(aid, story["outlets"][aid], a["republisher"], a["headline"], a["byline"], a["published"]),
                *(a["original_url"], a["source_file"], a.get("record"), len(a["text"].split()), carried.get(aid, 0)),
                *(len(story["unique_sentences"].get(aid, ())), d["from_article_id"] if d else ""),
                *(d["share"] if d else "", d["verbatim_share"] if d else ""),
                *(story["grouping"]["similarities"].get(aid, ""), a["url"]),
            ]
        )
    return _csv(ARTICLE_COLUMNS, rows)


def _csv(header: tuple[str, ...], rows: list[list[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: empty for None, text that could start a formula neutralised, anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
