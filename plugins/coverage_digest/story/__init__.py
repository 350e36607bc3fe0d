"""Story: the per-story analysis (the reduce): quotes, figures, wording, mentions, support, reuse, summary."""
