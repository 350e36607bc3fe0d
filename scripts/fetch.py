"""`make fetch URLS=links.txt [SEEDS=folder]`: download each listed page into the seeds folder, with its URL and fetch
time in the sidecar (a step before the build, which stays offline). The work is in
plugins/coverage_digest/read/fetch.py; `python scripts/fetch.py --help` lists the options.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from coverage_digest.read.fetch import main

if __name__ == "__main__":
    sys.exit(main())
