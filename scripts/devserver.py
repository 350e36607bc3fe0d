"""`make devserver`: build, serve the output with Pelican's server, and rebuild when any input changes.

Pelican's own autoreload watches content/ and the theme but not the seeds folder or the plugin's code; this watches
seeds, content, theme, plugins and pelican.conf.py, and rebuilds in a fresh process so that plugin edits take effect.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from pathlib import Path

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from watchfiles import watch

ROOT = Path(__file__).resolve().parent.parent


def rebuild(seeds: str, output: str) -> None:
    """One build in a fresh interpreter, as `make site` runs it."""
    command = [
        str(Path(sys.executable).parent / "pelican"),
        "-s",
        "pelican.conf.py",
        "-o",
        output,
        "-e",
        f'DIGEST_SEEDS="{seeds}"',
    ]
    subprocess.run(command, cwd=ROOT, check=False)


def serve(output: str, port: int) -> None:
    """Serve the output folder on localhost in a background thread."""
    httpd = RootedHTTPServer(str(ROOT / output), ("127.0.0.1", port), ComplexHTTPRequestHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"Serving {output}/ at http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="seeds")
    parser.add_argument("--output", default="output")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    rebuild(args.seeds, args.output)
    serve(args.output, args.port)
    watched = [ROOT / p for p in (args.seeds, "content", "theme", "plugins", "pelican.conf.py") if (ROOT / p).exists()]
    try:
        for changes in watch(*watched, watch_filter=lambda _change, path: "__pycache__" not in path):
            print(f"{len(changes)} change(s): rebuilding", flush=True)
            rebuild(args.seeds, args.output)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
