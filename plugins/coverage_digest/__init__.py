"""Coverage Digest: a Pelican plugin that turns news articles about one event into a coverage digest site."""

from .plugin import register

__all__ = ["register"]
