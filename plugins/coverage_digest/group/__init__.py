"""Group: articles into stories (one story per news event), with what explains each grouping."""
