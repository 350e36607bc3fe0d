"""Data: the machine-readable outputs: digest.json, CSV files, the Atom feed, the sitemap, the search index."""
