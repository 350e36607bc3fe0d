import re

import pytest

from coverage_digest.read.sidecar import SidecarError, parse_sidecar
from coverage_digest.settings import DigestSettings, SettingsError, validate_settings


def test_defaults():
    assert validate_settings({}) == DigestSettings()


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        ({"DIGEST_MAX_FILE_BYTES": -1}, "DIGEST_MAX_FILE_BYTES"),
        ({"DIGEST_MAX_FILE_BYTES": "5MB"}, "DIGEST_MAX_FILE_BYTES"),
        ({"DIGEST_STORY_SAVE_AS": "../../x/{slug}.html"}, "DIGEST_STORY_SAVE_AS"),
        ({"DIGEST_ARTICLE_SAVE_AS": "/etc/{slug}.html"}, "DIGEST_ARTICLE_SAVE_AS"),
        ({"DIGEST_ARTICLE_URL": "articles/page.html"}, "DIGEST_ARTICLE_URL"),
        ({"DIGEST_JSON_SAVE_AS": "..\\digest.json"}, "DIGEST_JSON_SAVE_AS"),
        ({"DIGEST_MERGE": "a,b"}, "DIGEST_MERGE"),
        ({"DIGEST_GROUP_THRESHOLD": 3}, "DIGEST_GROUP_THRESHOLD"),
        ({"DIGEST_SEEDZ": "x"}, "DIGEST_SEEDZ"),
    ],
)
def test_bad_settings_name_the_key(settings, key):
    with pytest.raises(SettingsError, match=key):
        validate_settings(settings)


def test_sidecar_metadata_and_story_overrides():
    sidecar = parse_sidecar(
        "articles:\n  a.txt:\n    outlet: Outlet A\n    date: 2024-05-05\n    colour: blue\n"
        "  b:\n    url: ftp://nope\nstories:\n  merge: [[a, b]]\n  split: [[c]]\n",
        "sources.yaml",
    )
    assert sidecar.for_file("a.txt").outlet == "Outlet A"
    assert sidecar.for_file("a.txt").published == "2024-05-05"
    assert sidecar.for_file("sub/b.md").url is None
    assert sidecar.merge == (("a", "b"),) and sidecar.split == (("c",),)


@pytest.mark.parametrize("text", ["articles: [a, b]", "- just\n- a list", "stories:\n  merge: a"])
def test_unusable_sidecar_raises(text):
    with pytest.raises(SidecarError):
        parse_sidecar(text, "sources.yaml")


def test_a_blog_keeping_its_own_index_must_put_the_digests_elsewhere():
    with pytest.raises(SettingsError, match=r"DIGEST_INDEX_SAVE_AS.*Pelican's own index"):
        validate_settings({"DIRECT_TEMPLATES": ["index", "archives"], "INDEX_SAVE_AS": "index.html"})
    assert validate_settings({"DIRECT_TEMPLATES": ["index"], "DIGEST_INDEX_SAVE_AS": "digest/index.html"})
    assert validate_settings({"DIRECT_TEMPLATES": []})  # this site: the digest's index is the site's index


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("DIGEST_STORY_SAVE_AS", "stories/{slug}/{date}.html", "unknown field {date}"),
        ("DIGEST_ARTICLE_URL", "a/{slug}{.html", "not a path pattern"),
        ("DIGEST_INDEX_SAVE_AS", "index-{lang}.html", "unknown field {lang}"),
    ],
)
def test_a_path_pattern_with_an_unknown_field_is_a_message_not_a_traceback(key, value, says):
    with pytest.raises(SettingsError, match=re.escape(says)) as caught:
        validate_settings({key: value})
    assert str(caught.value).startswith(key)


@pytest.mark.parametrize(
    ("settings", "key"),
    [
        ({"DIGEST_INDEX_PAGINATION": 0}, "DIGEST_INDEX_PAGINATION"),
        ({"DIGEST_INDEX_PAGINATION": True}, "DIGEST_INDEX_PAGINATION"),
        ({"DIGEST_OUTLETS_FILE": 3}, "DIGEST_OUTLETS_FILE"),
        ({"DIGEST_OUTLET_SAVE_AS": "outlets/page.html"}, "DIGEST_OUTLET_SAVE_AS"),
        ({"DIGEST_OUTLETS_SAVE_AS": "../outlets.html"}, "DIGEST_OUTLETS_SAVE_AS"),
    ],
)
def test_bad_index_and_outlet_settings_name_the_key(settings, key):
    with pytest.raises(SettingsError, match=key):
        validate_settings(settings)


def test_the_index_paginates_as_pelican_says_unless_told_otherwise():
    assert validate_settings({}).index_pagination == 50
    assert validate_settings({"DEFAULT_PAGINATION": 20}).index_pagination == 20
    assert validate_settings({"DEFAULT_PAGINATION": False}).index_pagination == 50
    assert validate_settings({"DEFAULT_PAGINATION": 20, "DIGEST_INDEX_PAGINATION": 30}).index_pagination == 30


def test_index_pages_are_named_as_pelican_names_pages():
    from coverage_digest.site.paths import SitePaths

    paths = SitePaths.build(DigestSettings(index_save_as="digest/index.html"), [], [])
    assert [paths.index_page("recent", 1), paths.index_page("recent", 2), paths.index_page("title", 3)] == [
        "digest/index.html",
        "digest/index2.html",
        "digest/index-title3.html",
    ]
