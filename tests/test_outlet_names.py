"""Outlets named from what the page says, else from the registered domain of its address; never invented."""

from __future__ import annotations

import pytest

from coverage_digest.clean.article import clean_article
from coverage_digest.clean.outlet import outlet_from_url
from coverage_digest.records import Metadata, RawArticle


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.washingtonexaminer.com/news/a-story", "washingtonexaminer.com"),
        ("http://news.bbc.co.uk/2/hi/a.stm", "bbc.co.uk"),  # a two-part public suffix
        ("https://WWW.Reuters.COM/world/", "reuters.com"),
        ("https://someone.github.io/post", "someone.github.io"),  # a private suffix: each site its own
        ("https://127.0.0.1/a", None),
        ("http://localhost:8000/a", None),
        ("https://[::1]/a", None),
        ("https://example.invalidtld/a", None),
        (None, None),
    ],
)
def test_an_outlet_is_named_by_its_registered_domain(url, name):
    assert outlet_from_url(url) == name


def _raw(url: str | None, paragraphs: tuple[str, ...] = ("Officials said the bridge will close.",), **found):
    return RawArticle("a", "a.html", "html", "Bridge closes", paragraphs, found=Metadata(url=url, **found))


def test_the_domain_names_an_outlet_only_when_the_page_gives_no_name():
    article = clean_article(_raw("https://www.washingtonexaminer.com/news/a"))
    assert article.outlet == "washingtonexaminer.com"
    assert article.outlet_evidence == "the article's address: https://www.washingtonexaminer.com/news/a"
    named = clean_article(_raw("https://www.washingtonexaminer.com/news/a", outlet="Washington Examiner"))
    assert (named.outlet, named.outlet_evidence) == ("Washington Examiner", "the page's own metadata")
    signed = clean_article(_raw("https://example.com/a", ("The bridge will close.", "[Reuters]")))
    assert signed.outlet == "Reuters"


def test_no_address_and_no_clue_leaves_the_outlet_unidentified():
    article = clean_article(_raw(None))
    assert article.outlet is None and article.display_outlet.startswith("Unidentified source")
