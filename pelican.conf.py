"""Pelican settings for the coverage digest site. Every DIGEST_* setting is documented in the README."""

import os

AUTHOR = "Coverage Digest"
SITENAME = "Coverage Digest"
SITEURL = ""
RELATIVE_URLS = True  # every link is relative: the site works from any sub-path and from a plain file server

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []  # news articles come from DIGEST_SEEDS, not from Pelican's article folders
STATIC_PATHS = []
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = "fs"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["coverage_digest"]

# The digest writes its own index; Pelican's blog pages (archives, tags, authors, feeds) are not part of this site.
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Input articles (relative to the folder Pelican runs in). `make site SEEDS=dir` sets it through the environment.
DIGEST_SEEDS = os.environ.get("DIGEST_SEEDS", "seeds")
DIGEST_MAX_FILE_BYTES = 5_000_000
