"""Site: the pages: where each goes (paths), what each template receives (views), and build-time charts."""
