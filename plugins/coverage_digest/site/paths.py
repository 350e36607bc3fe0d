"""Where each page is saved and linked: settings' `{slug}` patterns filled with safe, unique slugs."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import DigestSettings
from .slugs import unique_slugs


@dataclass(frozen=True, slots=True, eq=False)
class SitePaths:
    """Page locations for one build, from the settings and the ids of articles and stories."""

    settings: DigestSettings
    article_slugs: dict[str, str]  # read-only after build(); a dict so that lookups stay O(1) on big sites
    story_slugs: dict[str, str]

    @classmethod
    def build(cls, settings: DigestSettings, article_ids: list[str], story_ids: list[str]) -> SitePaths:
        """Assign every article and story a slug that is safe as a path segment and unique in its kind."""
        return cls(settings, unique_slugs(article_ids), unique_slugs(story_ids))

    def article_url(self, article_id: str) -> str:
        return self.settings.article_url.format(slug=self.article_slugs[article_id])

    def article_save_as(self, article_id: str) -> str:
        return self.settings.article_save_as.format(slug=self.article_slugs[article_id])

    def story_url(self, story_id: str) -> str:
        return self.settings.story_url.format(slug=self.story_slugs[story_id])

    def story_save_as(self, story_id: str) -> str:
        return self.settings.story_save_as.format(slug=self.story_slugs[story_id])

    def reuse_url(self, pair_slug: str) -> str:
        return self.settings.reuse_url.format(slug=pair_slug)

    def reuse_save_as(self, pair_slug: str) -> str:
        return self.settings.reuse_save_as.format(slug=pair_slug)
