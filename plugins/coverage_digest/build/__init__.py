"""Build: running the stages over a seed folder: the pipeline, workers, the cache, the page manifest."""
