import pytest

from coverage_digest.read.textlayout import looks_like_headline, split_headline, split_paragraphs


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Talks Teeter on Edge of Failure", True),
        ("Truce Talks Said To Be Nearing ‘Collapse’", True),
        ("Talks collapsed on Sunday as envoys left.", False),
        ("Is this the end of the talks?", False),
        ("He said: “We will not stop.”", False),
        ("word " * 40, False),
        ("", False),
    ],
)
def test_headline_shape(line, expected):
    assert looks_like_headline(line) is expected


def test_headline_needs_a_blank_line_after_it():
    assert split_headline("Short Title\nBody line one.\nBody line two.") == (
        None,
        "Short Title\nBody line one.\nBody line two.",
    )
    assert split_headline("Short Title\n\nBody.")[0] == "Short Title"
    assert split_headline("Short Title\r\n\r\nBody.")[0] == "Short Title"


def test_first_sentence_is_not_taken_as_headline():
    headline, body = split_headline("Talks collapsed on Sunday.\nMore text.")
    assert headline is None and body.startswith("Talks collapsed")


def test_paragraphs_from_blank_lines_or_single_lines():
    assert split_paragraphs("One.\n\nTwo.\n\n\nThree.") == ("One.", "Two.", "Three.")
    assert split_paragraphs("One.\nTwo.\nThree.") == ("One.", "Two.", "Three.")


def test_hard_wrapped_text_is_joined_into_paragraphs():
    body = (
        "The talks in Cairo ended on Sunday without a deal, and the\n"
        "delegation flew back to Doha in the evening, officials said\n"
        "after the meeting.\n\n"
        "A second round is planned for Tuesday, according to the\n"
        "mediators, who did not give details of the proposal that\n"
        "was discussed."
    )
    paragraphs = split_paragraphs(body)
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("after the meeting.")
