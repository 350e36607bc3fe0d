"""The plugin installed with pip as pelican-coverage-digest, used by another Pelican site with Pelican's own default
theme: the wheel carries the templates, static files and rule data it needs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from support import ROOT, SEEDS

pytestmark = pytest.mark.site


def _run(*args: str, cwd, env=None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_the_wheel_serves_another_site_with_pelicans_default_theme(tmp_path):
    source = tmp_path / "source"  # built from a copy, so that the build leaves nothing in the checkout
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    python = sys.executable
    _run(python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), ".", cwd=source)
    [wheel] = tmp_path.glob("pelican_coverage_digest-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"coverage_digest/text/lexicon.toml", "coverage_digest/site/templates/story.html"} <= set(names)
    assert "coverage_digest/site/static/js/digest.js" in names
    installed = tmp_path / "installed"
    _run(python, "-m", "pip", "install", "--no-deps", "-q", "--target", str(installed), str(wheel), cwd=tmp_path)

    site = tmp_path / "other-site"
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        f'SITENAME = "Another site"\nPATH = "content"\nPLUGINS = ["coverage_digest"]\nDIGEST_SEEDS = {str(SEEDS)!r}\n'
        'DIGEST_INDEX_SAVE_AS = "digest/index.html"\n',  # the blog keeps its own index.html
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = _run(python, "-c", "import coverage_digest; print(coverage_digest.__file__)", cwd=site, env=env)
    assert where.strip().startswith(str(installed))
    _run(python, "-m", "pelican", "-s", "pelicanconf.py", "-o", "output", "content", cwd=site, env=env)
    digest = json.loads((site / "output" / "digest.json").read_text(encoding="utf-8"))
    [story] = digest["stories"]
    page = (site / "output" / story["url"]).read_text(encoding="utf-8")
    assert "Another site" in page and story["quotes"][0]["text"] in page
    assert (site / "output" / "theme" / "js" / "digest.js").is_file()
