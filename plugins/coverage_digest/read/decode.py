"""Bytes -> text: byte-order marks, strict UTF-8, then charset detection; binary files are refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in real text (tab, newline, carriage return and form feed aside).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}
_CONTROL_CHAR = re.compile("[" + "".join(sorted(_CONTROL)) + "]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise; the message says why."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise DecodeError with a reason a user can act on."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but does not decode as {encoding}"
                ) from exc
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return _check(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detect(data[:200_000])
    try:
        return _check(data.decode(encoding)), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"undecodable bytes: looked like {encoding} but does not decode as it") from exc


def _detect(data: bytes) -> str:
    """Pick the detected encoding; among equally clean candidates prefer cp1252, the usual Western code page."""
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("undecodable bytes: not UTF-8 and no other text encoding fits")
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos == least]
    # Short Western text fits several single-byte code pages equally well; cp1252 (a superset of latin-1 with
    # typographic quotes) is what Windows tools save English and Western European news in.
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252"
    return tied[0].encoding


def _check(text: str) -> str:
    sample = text[:20_000]
    if sample and len(_CONTROL_CHAR.findall(sample)) / len(sample) > 0.01:  # one C scan, not a call per character
        raise DecodeError("binary file (too many control characters), not text")
    return text
