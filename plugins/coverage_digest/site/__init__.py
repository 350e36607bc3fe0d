"""Site: the pages: where each goes (paths), what each template receives (views), and build-time charts.

The digest's own templates and static files ship here, with the package: a theme overrides any of them by holding a
file of the same name (templates/, static/).
"""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
