import re

import pytest

from coverage_digest.clean.article import clean_article, split_furniture
from coverage_digest.clean.furniture import furniture_kind
from coverage_digest.read.ingest import ingest_file
from coverage_digest.records import Metadata, RawArticle, SeedFile
from coverage_digest.text.sentences import split_spans
from support import SEEDS, seed_article


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("LEAVE A REPLY", "comment prompt"),
        ("Please enter your comment!", "comment prompt"),
        ("Please enter your name here", "comment prompt"),
        (">>Follow Matzav On Whatsapp!<<", "share widget"),
        ("Follow The Daily Planet on Telegram", "share widget"),
        ("Share.", "share widget"),
        ("Exit mobile version", "navigation"),
        ("CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER", "read-more prompt"),
        ("Discover more from example.org", "subscribe prompt"),
        ("Subscribe to get the latest posts to your email.", "subscribe prompt"),
        ("0", "stray counter"),
        ("12 Comments", "stray counter"),
        ("{Matzav.com Israel}", "signature"),
        ("© 2024 Example Media. All rights reserved.", "copyright line"),
    ],
)
def test_furniture_kinds(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday after the central bank raised rates.",
        "Subscribers to the service said the outage lasted three hours and affected most of the region.",
        "He urged his followers to share the message on WhatsApp before the vote, which was held on Sunday.",
        "Read more than a hundred pages of the report and you find the same conclusion again and again.",
        "The talks will resume on Tuesday.",
        "“Never again is now.”",
    ],
)
def test_article_sentences_are_not_furniture(line):
    assert furniture_kind(line) is None


def test_signature_only_removed_at_the_edges():
    paragraphs = ("[Editor's note]", "Real text one.", "[a bracketed aside]", "Real text two.", "{Example.com}")
    keep, removed = split_furniture(paragraphs)
    assert keep == ("Real text one.", "[a bracketed aside]", "Real text two.")
    assert removed == ("[Editor's note]", "{Example.com}")


def _sentences(paragraphs):
    return [p[s:e] for p in paragraphs for s, e in split_spans(p)]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_no_sentence_of_any_seed_is_lost(path):
    raw = ingest_file(SeedFile(path.name, path.read_bytes()))
    article = clean_article(raw)
    before = _sentences(raw.paragraphs)
    after = _sentences(article.paragraphs) + _sentences(article.removed)
    assert sorted(after) == sorted(before)
    removed_words = sum(len(line.split()) for line in article.removed)
    assert removed_words <= 25  # only furniture goes; no paragraph of the article
    assert "".join(article.paragraphs) and all(line in raw.paragraphs for line in article.removed)


def test_seed_furniture_removed_and_listed():
    assert seed_article("002").removed == (
        "0",
        ">>Follow Matzav On Whatsapp!<<",
        "{Matzav.com Israel}",
        "LEAVE A REPLY",
        "Please enter your comment!",
        "Please enter your name here",
    )
    assert seed_article("003").removed == ("Share.", "Exit mobile version")
    assert seed_article("004").removed == (
        "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",
        "Discover more from reviewer4you.com",
        "Subscribe to get the latest posts to your email.",
    )
    assert seed_article("000").removed == () and seed_article("001").removed == ()


def test_seed_outlets_are_inferred_or_honestly_unknown():
    assert seed_article("002").outlet == "Matzav.com"
    examiner = seed_article("004")
    assert (examiner.outlet, examiner.republisher) == ("Washington Examiner", "reviewer4you.com")
    for name in ("000", "001", "003"):
        article = seed_article(name)
        assert article.outlet is None
        assert article.display_outlet.startswith("Unidentified source (") and name in article.display_outlet


def test_seed_headlines_found_and_none_invented():
    assert seed_article("001").headline == "Israel-Hamas Ceasefire Talks Teeter on Edge of Failure"
    assert seed_article("002").headline.startswith("Hamas Departs Cairo")
    for name in ("000", "003", "004"):
        assert seed_article(name).headline is None


def test_mentioning_an_agency_in_the_text_does_not_make_it_the_outlet():
    raw = RawArticle("x", "x.txt", "txt", None, ("An official told Reuters the talks had failed.", "More text."))
    assert clean_article(raw).outlet is None


def test_agency_dateline_names_the_outlet():
    raw = RawArticle("x", "x.txt", "txt", None, ("CAIRO (Reuters) - Talks ended on Sunday.", "More text."))
    assert clean_article(raw).outlet == "Reuters"


def test_user_given_outlet_wins_over_inference():
    raw = RawArticle("x", "x.txt", "txt", None, ("Text.", "{Example.com}"), given=Metadata(outlet="Given"))
    article = clean_article(raw)
    assert article.outlet == "Given" and article.outlet_evidence == "given by the user"
    assert article.removed == ("{Example.com}",)


def test_only_a_hosting_site_clue_names_that_site():
    raw = RawArticle("x", "x.txt", "txt", None, ("Text of the story.", "Discover more from blog.example.com"))
    article = clean_article(raw)
    assert article.outlet == "blog.example.com" and article.republisher is None


def test_shouting_outlet_names_are_title_cased():
    raw = RawArticle("x", "x.txt", "txt", None, ("Text.", "READ MORE FROM THE DAILY PLANET"))
    assert clean_article(raw).outlet == "Daily Planet"
    assert re.fullmatch(r"[A-Z].*", clean_article(raw).outlet)


def test_a_furniture_first_line_is_removed_not_taken_as_the_headline():
    seed = SeedFile("x.txt", b"Skip to content\n\nThe council voted on Tuesday to close the bridge.\n\nShare.\n")
    article = clean_article(ingest_file(seed, Metadata()))
    assert article.headline is None
    assert article.removed == ("Skip to content", "Share.")
    assert article.paragraphs == ("The council voted on Tuesday to close the bridge.",)
    seed = SeedFile("y.txt", b"Council shuts the bridge\n\nThe council voted.\n")
    real = clean_article(ingest_file(seed, Metadata()))
    assert real.headline == "Council shuts the bridge" and real.removed == ()


def test_a_headline_the_user_gave_is_kept_even_if_it_looks_like_furniture():
    raw = RawArticle("x", "x.txt", "txt", "Advertisement", ("Text.",), given=Metadata(headline="Advertisement"))
    assert clean_article(raw).headline == "Advertisement"
