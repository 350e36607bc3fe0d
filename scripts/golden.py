"""`make golden`: rebuild the committed golden output of the demo seeds (tests/golden/), which test_golden.py compares
byte for byte. Run it when a change is meant to change the seed site, then read the diff before committing it.

    python scripts/golden.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]

from support import SEEDS, build_site  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        digest = build_site(SEEDS, out, DIGEST_CACHE=False)
        GOLDEN.mkdir(exist_ok=True)
        shutil.copyfile(out / "digest.json", GOLDEN / "digest.json")
        shutil.copyfile(out / digest["stories"][0]["url"], GOLDEN / "story.html")
    json.loads((GOLDEN / "digest.json").read_text(encoding="utf-8"))
    print(f"wrote {GOLDEN}/digest.json and story.html; review `git diff tests/golden` before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
