"""What the user gave for one seed file, as the per-file stage receives it: the file's sidecar entry and, for a file of
many articles, each record's entry (by article id) and how the export's columns map to fields."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Metadata
from .metadata import merge_metadata


@dataclass(frozen=True, slots=True)
class Given:
    """One file's share of the sidecar: all a file's result depends on (its cache key hashes this record)."""

    file: Metadata = Metadata()  # the entry for the file itself (by name, path or stem): for every record in it
    records: tuple[tuple[str, Metadata], ...] = ()  # entries naming one record's article id ("export-row12")
    columns: tuple[tuple[str, str], ...] = ()  # (our field, the export's column) from the sidecar's `columns:`

    def for_record(self, article_id: str) -> Metadata:
        """A record's own entry wins over the file's entry, field by field."""
        own = next((meta for key, meta in self.records if key == article_id), Metadata())
        return merge_metadata(own, self.file)


def as_given(given: Given | Metadata) -> Given:
    """A plain Metadata (what callers of the single-article reader pass) is the file's entry alone."""
    return given if isinstance(given, Given) else Given(file=given)
