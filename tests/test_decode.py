import pytest

from coverage_digest.read.decode import DecodeError, decode_text

TEXT = "He said “it’s a ‘truce’ — not peace,” in Zürich… café"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1252"])
def test_typographic_text_survives_every_supported_encoding(encoding):
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + TEXT.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + TEXT.encode("utf-16-be")
    else:
        data = TEXT.encode(encoding)
    text, _ = decode_text(data)
    assert text.lstrip("\ufeff") == TEXT


def test_latin1_is_read_as_western_text():
    text, encoding = decode_text("Zürich café naïve résumé, à propos".encode("latin-1"))
    assert text == "Zürich café naïve résumé, à propos"
    assert encoding == "cp1252"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
        (b"\xef\xbb\xbf\xff\xfe\xfa broken after a BOM", "byte-order mark"),
    ],
)
def test_non_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_text(data)
