"""Read: the seed folder, decoding, and .txt/.md/.html files (with the sidecar and metadata) into raw articles."""
