"""`make bench`: time and measure our digest build against a plain Pelican build of the same generated articles.

For each corpus size: our full build, a plain Pelican build of the same articles as Markdown, each analysis stage
timed in-process, and our rebuild after one seed changed; wall time, CPU time, peak memory and output size of each,
then a cProfile of our build; all written to bench/results.md. Builds use a snapshot of the code (bench/out/code).

    .venv/bin/python scripts/bench.py                  # 100, 1,000 and 10,000 articles, cProfile at 1,000
    .venv/bin/python scripts/bench.py --quick          # 100 and 1,000
    .venv/bin/python scripts/bench.py --sizes 100 --profile-size 0
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import io
import itertools
import json
import logging
import math
import os
import platform
import pstats
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import DEFAULT_SEED, write_corpus, write_real_corpus

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
PELICAN = VENV_BIN / "pelican"
PYTHON = VENV_BIN / "python"
CODE_SNAPSHOT = BENCH / "out" / "code"
SNAPSHOT_ITEMS = ("pelican.conf.py", "plugins", "theme", "content")
# From issue 15, at 10,000 generated articles (wall, CPU, memory, output, rebuild) and on the real corpus (cold).
TARGETS = {
    "time_ratio": 1.5,
    "cpu_ratio": 2.5,
    "rss_mb": 700.0,
    "output_ratio": 2.5,
    "rebuild_fraction": 0.10,
    "real_ratio": 2.0,
}
EVAL = ROOT.parent / "shared" / "eval"  # the real-text corpus: the eval sets' articles (make bench SHARED=...)
CHANGED_SENTENCE = "Officials said on Friday that a fuller account of the events would be published next week."
PLAIN_CONF = """# Plain Pelican baseline for scripts/bench.py: the same articles as Markdown, default theme, no plugins.
AUTHOR = "Bench"
SITENAME = "Plain Pelican baseline"
SITEURL = ""
RELATIVE_URLS = True
PATH = {path!r}
THEME = "simple"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = []
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
"""


@dataclass
class Run:
    """One measured build: what ran, how long, how much memory, what it wrote."""

    label: str
    command: list[str]
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    max_rss_mb: float = 0.0  # largest single process (wait4 ru_maxrss: the process or a reaped descendant)
    tree_mb: float = 0.0  # peak of the whole process tree's summed PSS, sampled
    returncode: int | None = None
    timed_out: bool = False
    out_bytes: int = 0
    out_files: int = 0
    warnings: int = 0
    errors: int = 0
    tail: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)  # from the build's own progress lines, when it prints them

    @property
    def ok(self) -> bool:
        """The build finished in time with exit status 0."""
        return self.returncode == 0 and not self.timed_out

    @property
    def peak_mb(self) -> float:
        """The memory figure compared with the target: the larger of the two measurements."""
        return max(self.max_rss_mb, self.tree_mb)


@dataclass
class SizeResult:
    """Everything measured for one corpus size."""

    size: int
    manifest: dict
    ours: Run | None = None
    plain: Run | None = None
    rebuild: Run | None = None
    stories_found: int | None = None
    stages: Run | None = None
    stage_report: dict = field(default_factory=dict)
    crashed: Run | None = None  # our first build, when it failed and a retry without the failing seeds ran
    set_aside: list[str] = field(default_factory=list)
    name: str = ""  # "real" for the eval texts; "" for a generated corpus
    dask: Run | None = None  # our build with DIGEST_EXECUTOR = "dask" (a LocalCluster), cold
    dask_identical: bool | None = None  # whether its output equals the local build's, file for file

    @property
    def title(self) -> str:
        """The corpus as the tables name it: "10,000", or "2,078 real"."""
        return f"{self.size:,}" + (f" {self.name}" if self.name else "")

    def runs(self) -> list[Run]:
        """Every build that ran for this size, in order."""
        return [r for r in (self.crashed, self.ours, self.plain, self.stages, self.dask, self.rebuild) if r]


class TreeSampler(threading.Thread):
    """Samples the summed memory (PSS, else RSS) of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        while not self._stop_event.is_set():
            self.peak_kb = max(self.peak_kb, sum(_memory_kb(p) for p in _process_tree(self.pid)))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop_event.set()
        self.join()


def _process_tree(pid: int) -> list[int]:
    """The pid and every live descendant, from /proc/<pid>/task/<tid>/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> int:
    """Proportional set size of a process in kB (shared pages split between sharers), or RSS when PSS is unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def measure(label: str, command: list[str], log: Path, timeout: float, output: Path | None) -> Run:
    """Run a command in its own session; wall time, CPU and peak memory from wait4 and a /proc sampler."""
    run = Run(label, command)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as fh:
        start = time.perf_counter()
        env = {**os.environ, "COLUMNS": "240"}  # Pelican's rich log wraps tracebacks to the terminal width
        proc = subprocess.Popen(command, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    timer = threading.Timer(timeout, _kill_session, (proc.pid, run))
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except BaseException:  # interrupted (Ctrl-C): do not leave the build running in its own session
        _kill_session(proc.pid, run)
        os.waitpid(proc.pid, 0)
        raise
    run.seconds = time.perf_counter() - start
    timer.cancel()
    sampler.stop()
    proc.returncode = run.returncode = os.waitstatus_to_exitcode(status)
    run.cpu_seconds = usage.ru_utime + usage.ru_stime
    run.max_rss_mb = usage.ru_maxrss / 1024
    run.tree_mb = sampler.peak_kb / 1024
    _read_log(run, log)
    if output is not None and output.is_dir():
        run.out_bytes, run.out_files = folder_size(output)
    return run


def _kill_session(pid: int, run: Run) -> None:
    """Timeout: kill the build's own process group (the session started for it), workers included."""
    run.timed_out = True
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _read_log(run: Run, log: Path) -> None:
    """Count warnings and errors in the build's log; keep the plugin's traceback frames, or else the last lines."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    run.warnings = sum(1 for ln in lines if "WARNING" in ln)
    run.errors = sum(1 for ln in lines if "ERROR" in ln or "CRITICAL" in ln)
    run.tail = _traceback_summary(lines) or [ln.rstrip() for ln in lines[-15:]]
    run.phases = _phases(lines, run.seconds)


PROGRESS = re.compile(r"^\s*(?P<label>[a-z][a-z ]+): [\d,]+/[\d,]+ \((?P<at>[\d.]+) s\)")
DONE = re.compile(r"^Done: .* in (?P<total>[\d.]+) seconds")
# The digest's progress lines (seconds since the digest started) -> phases: (label of the line ending it, phase).
PHASE_LINES = (
    ("articles read and analysed", "read + analyse articles"),
    ("grouped into stories", "group"),
    ("stories analysed", "analyse stories"),
)


def _phases(lines: list[str], wall: float) -> dict[str, float]:
    """Seconds per phase of our build from its progress lines; {} when the log has none (or another format)."""
    marks: dict[str, float] = {}
    total = None
    for line in lines:
        match = PROGRESS.match(line)
        if match:
            marks[match["label"]] = float(match["at"])
        done = DONE.match(line.strip())
        if done:
            total = float(done["total"])
    if total is None or any(label not in marks for label, _ in PHASE_LINES):
        return {}
    phases, previous = {}, 0.0
    for label, phase in PHASE_LINES:
        phases[phase] = marks[label] - previous
        previous = marks[label]
    phases["delete old output + write pages"] = total - previous
    phases["start-up (imports, settings)"] = wall - total
    return phases


def phases_table(results: list[SizeResult]) -> list[str]:
    """Where our build's time goes, full build and rebuild, per size (from the build's progress lines)."""
    runs = [(r.title, run) for r in results for run in (r.ours, r.rebuild, r.dask) if run and run.phases]
    if not runs:
        return []
    names = list(runs[0][1].phases)
    head = "| articles | build | " + " | ".join(f"{n} s" for n in names) + " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for size, run in runs:
        lines.append(f"| {size} | {run.label} | " + " | ".join(f"{run.phases.get(n, 0):.1f}" for n in names) + " |")
    return [
        "### Where our build's time goes (wall s, from the build's progress lines)",
        "",
        *lines,
        "",
        "The analysis phases run on `DIGEST_WORKERS` processes. From 1,000 articles, *group* runs on a forked worker "
        "while the main process makes the articles' search postings and, in a rebuild, loads the cached analyses of "
        "the stories it expects to find again and analyses the changed ones (so a rebuild's *analyse stories* is "
        "near zero). *write pages* is one list of jobs on forked workers: digest.json with the CSV files, feed and "
        "sitemap; the search index; and slices of at most 40 pages of each story that changed.",
        "",
    ]


def _traceback_summary(lines: list[str]) -> list[str]:
    """The first traceback's frames in the plugin (with their source line) and the exception, from a build log."""
    out: list[str] = []
    for i, line in enumerate(lines):
        text = line.strip()
        if text.startswith("File ") and "coverage_digest" in text and text not in out:
            out += [text, lines[i + 1].strip() if i + 1 < len(lines) else ""]
        elif out and re.match(r"^\w+(Error|Exception|Interrupt)\b", text):
            return [*out, text]
    return out


def folder_size(folder: Path) -> tuple[int, int]:
    """(total bytes, number of files) under a folder."""
    total = count = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            total += os.path.getsize(os.path.join(dirpath, name))
            count += 1
    return total, count


def ours_command(settings: Path, seeds: Path, output: Path, cache: Path, *extra: str) -> list[str]:
    """Our full digest build, as `make site` runs it (cache path kept per size so the first build is cold)."""
    return [
        str(PELICAN.relative_to(ROOT)),
        "-s",
        _rel(settings),
        "-o",
        str(output),
        "-e",
        f"DIGEST_SEEDS={json.dumps(str(seeds))}",
        f"CACHE_PATH={json.dumps(str(cache))}",
        *extra,
    ]


def plain_command(markdown: Path, conf: Path, output: Path) -> list[str]:
    """A plain Pelican build of the same articles as Markdown posts."""
    conf.write_text(PLAIN_CONF.format(path=str(markdown)), encoding="utf-8")
    return [str(PELICAN.relative_to(ROOT)), "-s", str(conf), "-o", str(output), "--delete-output-directory"]


def change_one_seed(seeds: Path) -> Path:
    """Append a sentence to one article (the middle file in name order); return its path."""
    files = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")
    target = files[len(files) // 2]
    text = target.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(f"{text}\n\n{CHANGED_SENTENCE}\n", encoding="utf-8")
    return target


def bench_size(n: int, args: argparse.Namespace) -> SizeResult:
    """Generate the corpus of n articles, then measure our build, the plain build and our rebuild."""
    corpus, out = BENCH / "corpora" / str(n), BENCH / "out" / str(n)
    print(f"[{n}] generating corpus ...", flush=True)
    shutil.rmtree(corpus / "set-aside", ignore_errors=True)
    result = SizeResult(n, write_corpus(n, corpus, args.seed))
    ours_cmd = ours_command(args.code / "pelican.conf.py", corpus / "seeds", out / "ours", out / "cache")
    for folder in ("ours", "plain", "cache"):  # full builds start from an empty output folder and a cold cache
        shutil.rmtree(out / folder, ignore_errors=True)
    result.ours = _step(n, "ours", ours_cmd, out, args.timeout, out / "ours")
    plain_cmd = plain_command(corpus / "markdown", out / "plain_pelicanconf.py", out / "plain")
    result.plain = _step(n, "plain", plain_cmd, out, args.timeout, out / "plain")
    if args.stages:
        worker = ["scripts/bench.py", "--stage-worker", str(n), "--code", _rel(args.code)]
        command = [str(PYTHON.relative_to(ROOT)), *worker]
        result.stages = _step(n, "stages", command, out, args.timeout, None)
        result.stage_report = _load_json(out / "stages.json")
    if not result.ours.ok and not result.ours.timed_out:
        result.set_aside = set_aside(corpus, result.stage_report)
        if result.set_aside:
            print(f"[{n}] set aside {len(result.set_aside)} seeds the per-article stages fail on; retrying", flush=True)
            shutil.rmtree(out / "cache", ignore_errors=True)
            result.crashed, result.ours = result.ours, _step(n, "ours-retry", ours_cmd, out, args.timeout, out / "ours")
    result.stories_found = _stories_found(out / "ours")
    if n in args.dask_sizes and result.ours.ok:
        bench_dask(n, result, corpus / "seeds", out, args)
    if result.ours.ok:
        changed = change_one_seed(corpus / "seeds")
        print(f"[{n}] changed {changed.name}", flush=True)
        result.rebuild = _step(n, "rebuild", ours_cmd, out, args.timeout, out / "ours")
    return result


def bench_dask(n: int, result: SizeResult, seeds: Path, out: Path, args: argparse.Namespace) -> None:
    """Our cold build again with DIGEST_EXECUTOR = "dask" (a LocalCluster of a worker process per core, started and
    stopped by the build), and whether its site is the local build's, file for file."""
    for folder in ("dask", "dask-cache"):
        shutil.rmtree(out / folder, ignore_errors=True)
    settings = args.code / "pelican.conf.py"
    command = ours_command(settings, seeds, out / "dask", out / "dask-cache", 'DIGEST_EXECUTOR="dask"')
    result.dask = _step(n, "dask", command, out, args.timeout, out / "dask")
    if result.dask.ok:
        result.dask_identical = tree_digest(out / "dask") == tree_digest(out / "ours")


def bench_real(args: argparse.Namespace) -> SizeResult:
    """The eval sets' real articles (hard-linked from shared/eval, never edited): our cold build and plain Pelican."""
    corpus, out = BENCH / "corpora" / "real", BENCH / "out" / "real"
    manifest = write_real_corpus(args.eval, corpus)
    n = manifest["articles"]
    print(f"[real] {n} articles from {args.eval}", flush=True)
    result = SizeResult(n, manifest, name="real")
    for folder in ("ours", "plain", "cache"):
        shutil.rmtree(out / folder, ignore_errors=True)
    ours_cmd = ours_command(args.code / "pelican.conf.py", corpus / "seeds", out / "ours", out / "cache")
    result.ours = _step(n, "ours", ours_cmd, out, args.timeout, out / "ours")
    plain_cmd = plain_command(corpus / "markdown", out / "plain_pelicanconf.py", out / "plain")
    result.plain = _step(n, "plain", plain_cmd, out, args.timeout, out / "plain")
    result.stories_found = _stories_found(out / "ours")
    return result


def tree_digest(folder: Path) -> dict[str, str]:
    """{relative path: SHA-256} of every file under a folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def set_aside(corpus: Path, report: dict) -> list[str]:
    """Move the seeds that a per-article stage failed on out of seeds/ (into set-aside/); return their names."""
    ids = {i for entry in report.get("stages", {}).values() for i in entry.get("failed_ids", ())}
    aside = corpus / "set-aside"
    aside.mkdir(exist_ok=True)
    moved = []
    for path in sorted((corpus / "seeds").iterdir()):
        if path.stem in ids:
            path.rename(aside / path.name)
            moved.append(path.name)
    return moved


def _load_json(path: Path) -> dict:
    """A JSON file's content, or {} when it is missing or broken."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _step(n: int, label: str, command: list[str], out: Path, timeout: float, output: Path) -> Run:
    """Measure one build and print a one-line summary."""
    print(f"[{n}] {label}: {shlex.join(command)}", flush=True)
    run = measure(label, command, out / f"{label}.log", timeout, output)
    state = "ok" if run.ok else ("TIMEOUT" if run.timed_out else f"FAILED (exit {run.returncode})")
    print(
        f"[{n}] {label}: {state} {run.seconds:.1f}s wall, {run.cpu_seconds:.1f}s cpu, {run.peak_mb:.0f} MB", flush=True
    )
    return run


def _stories_found(output: Path) -> int | None:
    """How many stories our build formed (from its digest.json), if it wrote one."""
    try:
        return len(json.loads((output / "digest.json").read_text(encoding="utf-8"))["stories"])
    except (OSError, ValueError, KeyError):
        return None


def profile(n: int, args: argparse.Namespace) -> tuple[list[list[str]], list[list[str]], str]:
    """cProfile our build at n articles in one process (DIGEST_WORKERS=1); top cumulative and own-time rows."""
    corpus, out = BENCH / "corpora" / str(n), BENCH / "out" / str(n)
    if not (corpus / "seeds").is_dir():
        write_corpus(n, corpus, args.seed)
    prof = out / "profile.prof"
    settings = args.code / "pelican.conf.py"
    base = ours_command(settings, corpus / "seeds", out / "profiled", out / "profile-cache", "DIGEST_WORKERS=1")
    command = [str(PYTHON.relative_to(ROOT)), "-m", "cProfile", "-o", str(prof), *base]
    shutil.rmtree(out / "profile-cache", ignore_errors=True)
    shutil.rmtree(out / "profiled", ignore_errors=True)
    run = _step(n, "profile", command, out, args.timeout, None)
    if not run.ok or not prof.exists():
        return [], [], shlex.join(command) + f"  (failed: {run.tail[-1] if run.tail else 'no output'})"
    stats = pstats.Stats(str(prof))
    (out / "profile.txt").write_text(_pstats_text(stats), encoding="utf-8")
    return _top(stats, "cumulative", 15), _top(stats, "tottime", 15), shlex.join(command)


def _pstats_text(stats: pstats.Stats) -> str:
    """The full pstats listing (top 60 cumulative) for bench/out/<n>/profile.txt."""
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("cumulative").print_stats(60)
    return buffer.getvalue()


def _top(stats: pstats.Stats, key: str, count: int) -> list[list[str]]:
    """Rows (function, calls, own s, cumulative s) of the top functions by key, skipping interpreter plumbing."""
    rows = []
    entries = stats.stats  # type: ignore[attr-defined]
    order = sorted(entries.items(), key=lambda kv: -(kv[1][3] if key == "cumulative" else kv[1][2]))
    for func, (_, calls, own, cumulative, _) in order:
        name = _func_name(func)
        if _is_plumbing(name):
            continue
        rows.append([name, f"{calls:,}", f"{own:.2f}", f"{cumulative:.2f}"])
        if len(rows) == count:
            break
    return rows


def _func_name(func: tuple[str, int, str]) -> str:
    """module path:line(function), shortened to the project or the package inside site-packages."""
    filename, line, name = func
    if "site-packages/" in filename:
        filename = filename.split("site-packages/", 1)[1]
    elif filename.startswith(str(CODE_SNAPSHOT)):
        filename = filename[len(str(CODE_SNAPSHOT)) + 1 :]
    elif filename.startswith(str(ROOT)):
        filename = filename[len(str(ROOT)) + 1 :]
    elif "/lib/python" in filename:
        filename = "stdlib/" + filename.split("/lib/python", 1)[1].split("/", 1)[-1]
    return f"{filename}:{line}({name})" if line else name


def _is_plumbing(name: str) -> bool:
    """Frames that only dispatch (the interpreter, the pelican entry point, import machinery)."""
    plumbing = ("builtins.exec", "<module>", "<frozen importlib", "_call_with_frames_removed", "pelican/__init__.py")
    return any(p in name for p in plumbing)


# --- the real-text corpus profiled: CPU per stage (no profiler), then cProfile's top functions -----------------------

PROFILE_REAL_STAGES = "stages-real.json"
PROFILE_REAL_STATS = "profile-real.prof"


def profile_real(args: argparse.Namespace) -> dict:
    """Profile our analysis of the real corpus in one process (a worker run of this script); its report."""
    out = BENCH / "out" / "real"
    command = [str(PYTHON.relative_to(ROOT)), "scripts/bench.py", "--profile-real-worker", "--code", _rel(args.code)]
    run = _step(0, "profile-real", command, out, args.timeout, None)
    report = _load_json(out / PROFILE_REAL_STAGES)
    report["command"] = shlex.join(command)
    report["ok"] = run.ok
    if run.ok and (out / PROFILE_REAL_STATS).exists():
        stats = pstats.Stats(str(out / PROFILE_REAL_STATS))
        report["own"] = _top(stats, "tottime", 15)
        stage_rows = [row for row in _top(stats, "cumulative", 80) if _is_stage_function(row[0])]
        report["cumulative"] = stage_rows[:25]
    return report


def profile_real_worker(code: Path) -> None:
    """In one process over bench/corpora/real: the build's stages with CPU time per stage, then the same under
    cProfile; writes bench/out/real/stages-real.json and profile-real.prof."""
    import cProfile
    from dataclasses import replace

    sys.path.insert(0, str(code / "plugins"))
    logging.disable(logging.WARNING)
    from coverage_digest.article import analyse as article_analyse
    from coverage_digest.build import pipeline
    from coverage_digest.read.folder import read_seed_folder
    from coverage_digest.read.sidecar import Sidecar
    from coverage_digest.settings import DigestSettings
    from coverage_digest.story import analyse as story_analyse

    out = BENCH / "out" / "real"
    files, _ = read_seed_folder(BENCH / "corpora" / "real" / "seeds", 5_000_000)
    cpu: dict[str, float] = {}

    def timed(key: str, fn):
        def run(*given):
            start = time.process_time()
            try:
                return fn(*given)
            finally:
                cpu[key] = cpu.get(key, 0.0) + time.process_time() - start

        return run

    plain = (pipeline.process_file, pipeline.group_articles, article_analyse.ARTICLE_STAGES, story_analyse.STORY_STAGES)
    pipeline.process_file = timed("per file: read, clean, analyse (all)", pipeline.process_file)
    pipeline.group_articles = timed("corpus: group", pipeline.group_articles)
    article_analyse.ARTICLE_STAGES = tuple(
        replace(stage, run=timed(f"article: {stage.name}", stage.run)) for stage in article_analyse.ARTICLE_STAGES
    )
    story_analyse.STORY_STAGES = tuple(
        replace(stage, run=timed(f"story: {stage.name}", stage.run)) for stage in story_analyse.STORY_STAGES
    )
    start = time.process_time()
    digest = pipeline.build_digest(files, Sidecar(), DigestSettings(workers=1))
    total = time.process_time() - start
    report = {"articles": len(digest.articles), "stories": len(digest.stories), "total_cpu": total, "stages": cpu}
    (out / PROFILE_REAL_STAGES).write_text(json.dumps(report, indent=1), encoding="utf-8")
    pipeline.process_file, pipeline.group_articles, article_analyse.ARTICLE_STAGES, story_analyse.STORY_STAGES = plain
    from coverage_digest.text import sentences

    sentences._split_spans.cache_clear()  # the profiled build splits every paragraph again, as a cold build does
    profiler = cProfile.Profile()
    profiler.enable()
    pipeline.build_digest(files, Sidecar(), DigestSettings(workers=1))
    profiler.disable()
    profiler.dump_stats(out / PROFILE_REAL_STATS)


def split_worker(code: Path) -> None:
    """Split every paragraph of the real corpus with `code`'s splitter, cold; print CPU seconds and a digest of the
    spans (the same digest from two versions: the same splits). For A/B runs of two checkouts."""
    sys.path.insert(0, str(code / "plugins"))
    from coverage_digest.clean.article import clean_article
    from coverage_digest.read.folder import read_seed_folder
    from coverage_digest.read.inputs import read_file
    from coverage_digest.records import Metadata, RawArticle
    from coverage_digest.text.sentences import split_spans

    files, _ = read_seed_folder(BENCH / "corpora" / "real" / "seeds", 5_000_000)
    raws = [raw for f in files for raw in read_file(f, Metadata()) if isinstance(raw, RawArticle)]
    paragraphs = [p for raw in raws for p in clean_article(raw).paragraphs]
    start = time.process_time()
    spans = [split_spans(p) for p in paragraphs]
    seconds = time.process_time() - start
    digest = hashlib.sha256(repr(spans).encode()).hexdigest()[:16]
    print(f"{len(paragraphs)} paragraphs, {sum(map(len, spans))} sentences, {seconds:.2f} s CPU, spans {digest}")


def _is_stage_function(name: str) -> bool:
    """A named function of the plugin's stages (not the build's scheduling, not a lambda or comprehension)."""
    plugin = name.startswith("plugins/coverage_digest/") and "/build/" not in name
    return plugin and not any(anon in name for anon in ("<lambda>", "<listcomp>", "<genexpr>", "<dictcomp>"))


def _profile_real_section(report: dict | None) -> list[str]:
    """## Profile: CPU per stage on real text, and cProfile's top functions."""
    if not report:
        return []
    lines = [
        "## Profile (real text: the eval sets' articles, one process)",
        "",
        "```sh",
        report.get("command", ""),
        "```",
        "",
    ]
    if not report.get("stages"):
        return [*lines, "The profile run failed; see bench/out/real/profile-real.log.", ""]
    total = report["total_cpu"]
    lines += [
        f"{report['articles']:,} articles, {report['stories']:,} stories: {total:.1f} s of CPU for the analysis "
        "(`build_digest`, no cache, one process, no profiler). CPU per stage (the article stages are part of the",
        "per-file total; read and clean are the rest of it):",
        "",
        "| stage | CPU s | share of the analysis |",
        "|---|---|---|",
    ]
    for name, seconds in sorted(report["stages"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    for title, key in (
        ("Top 15 by own time (under cProfile, which inflates small functions)", "own"),
        ("Top 25 stage functions by cumulative time (under cProfile)", "cumulative"),
    ):
        if report.get(key):
            lines += ["", f"### {title}", "", "| function | calls | own s | cumulative s |", "|---|---|---|---|"]
            lines += [f"| `{name}` | {calls} | {o} | {c} |" for name, calls, o, c in report[key]]
    return [*lines, "", *PROFILE_FINDINGS, ""]


# What the profile of real text showed, and what was done about it (kept with the figures each run writes).
PROFILE_FINDINGS = (
    "Findings (issue 15; before/after measured on the same 26,820 paragraphs of the eval texts, whole process,",
    "interleaved runs): sentence splitting with pysbd was two thirds regular-expression *compilation*. pysbd found",
    "each sentence's offsets with a new pattern per sentence (`re.escape(sentence)`), which flushed its own ~730 rule",
    "patterns out of the `re` module's 512-entry cache, so every paragraph compiled them again (93,000 compilations",
    "for 2,078 articles). `text/sentences.py` now finds the offsets by `str.find` (same matches), gives pysbd's",
    "modules a compile cache that holds all its patterns, and skips the abbreviations pysbd could replace nothing for",
    "(a plain abbreviation not followed by a full stop anywhere in the line). Splitting: 27.9 s → 9.6 s of CPU",
    "(2.9× faster), every paragraph split exactly as before (40,561 of 40,561 sentences, same offsets). No pattern",
    "is compiled twice any more (the `re` cache serves every look-up). What is left, by stage: grouping (one core,",
    "its term extraction); quote attribution (`article/attribution.py`, with a name resolver `text/names.py` built",
    "per article); wording (`story/wording.py`: `spelling_families`, `_compound_form`); mentions",
    "(`story/mentions.py`: `_runs`, `_mid_capitalised`); the sentence vectors of support and summary",
    "(`story/similarity.py`: `_terms`, `vectorize`): each several seconds of CPU on 2,000 articles.",
)


# --- analysis stages, timed one by one in-process, over the true stories ------------------------------------------


def stage_worker(n: int, code: Path) -> None:
    """Time each analysis stage on the n-article corpus over its true stories; write bench/out/<n>/stages.json."""
    sys.path.insert(0, str(code / "plugins"))
    logging.disable(logging.WARNING)
    corpus, path = BENCH / "corpora" / str(n), BENCH / "out" / str(n) / "stages.json"
    truth = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["truth"]
    report: dict = {"articles": n, "stages": {}, "import_errors": _import_stages()}
    state: dict = {}
    steps = [("read + clean", _stage_read, "corpus"), ("group", _stage_group, "corpus")]
    per_article, per_story = _registered_stages()
    steps += [(name, fn, "article") for name, fn in per_article]
    steps += [(name, fn, "story") for name, fn in per_story]
    for name, fn, scope in steps:
        report["stages"][name] = {**_run_stage(fn, scope, state, corpus, truth), "scope": scope}
        path.write_text(json.dumps(report, indent=1), encoding="utf-8")


def _import_stages() -> dict[str, str]:
    """Import every analysis module before timing (so no stage pays for imports); name -> error for failures."""
    errors = {}
    import coverage_digest

    package = Path(coverage_digest.__file__).parent
    names = sorted(".".join(p.relative_to(package).with_suffix("").parts) for p in package.rglob("*.py"))
    for name in (n.removesuffix(".__init__") for n in names):
        try:
            importlib.import_module(f"coverage_digest.{name}")
        except Exception as exc:
            errors[name] = _describe(exc)
    return errors


def _run_stage(fn, scope: str, state: dict, corpus: Path, truth: dict) -> dict:
    """Run one stage over the corpus, each article or each story; total time, slowest story, first error."""
    if scope == "corpus":
        start = time.perf_counter()
        try:
            extra = fn(state, corpus, truth) or {}
        except Exception as exc:
            return {"seconds": time.perf_counter() - start, "error": _describe(exc)}
        return {"seconds": time.perf_counter() - start, **extra}
    if "articles" not in state:
        return {"seconds": 0.0, "error": "no articles (read + clean failed)"}
    units = state["articles"] if scope == "article" else state["stories"]
    entry = {"seconds": 0.0, "slowest_seconds": 0.0, "slowest_size": 0, "units": len(units), "failed": 0}
    for unit in units:
        start = time.perf_counter()
        try:
            fn(state, unit)
        except Exception as exc:
            entry["failed"] += 1
            first = unit.id if scope == "article" else unit[0].id
            entry.setdefault("error", f"{_describe(exc)} (first on {first})")
            if scope == "article":
                entry.setdefault("failed_ids", []).append(unit.id)
        took = time.perf_counter() - start
        entry["seconds"] += took
        if took > entry["slowest_seconds"]:
            entry["slowest_seconds"], entry["slowest_size"] = took, (len(unit) if scope == "story" else 1)
    return entry


def _describe(exc: BaseException) -> str:
    """Exception type, message and the innermost frame of the plugin that raised it."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "coverage_digest" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno} ({frames[-1].name})" if frames else ""
    return f"{type(exc).__name__}: {str(exc)[:200]}{where}"


def _stage_read(state: dict, corpus: Path, truth: dict) -> dict:
    """Read, ingest and clean every seed (one process), and form the true stories from the manifest."""
    from coverage_digest.clean.article import clean_article
    from coverage_digest.read.folder import read_seed_folder
    from coverage_digest.read.ingest import ingest_file
    from coverage_digest.records import RawArticle

    files, _ = read_seed_folder(corpus / "seeds", 5_000_000)
    raws = [ingest_file(f) for f in files]
    state["articles"] = [clean_article(r) for r in raws if isinstance(r, RawArticle)]
    members: dict[str, list] = {}
    for article in state["articles"]:
        members.setdefault(truth.get(article.id, article.id), []).append(article)
    state["stories"] = [tuple(sorted(m, key=lambda a: a.id)) for m in members.values()]
    state["done"], state["story_done"] = {}, {}
    return {"articles_read": len(state["articles"])}


def _stage_group(state: dict, corpus: Path, truth: dict) -> dict:
    """Group the whole corpus; report how many stories and the B-cubed F1 against the generated truth."""
    from coverage_digest.group.stories import group_articles

    groups = group_articles(tuple(state["articles"]))
    found = {aid: g.id for g in groups for aid in g.article_ids}
    return {"stories_found": len(groups), "bcubed_f1": round(bcubed_f1(found, truth), 3)}


def bcubed_f1(found: dict[str, str], truth: dict[str, str]) -> float:
    """B-cubed F1 of a clustering (item -> cluster) against the true one, over the items both have."""
    items = [i for i in found if i in truth]
    by_found, by_true = _members(found, items), _members(truth, items)
    precision = recall = 0.0
    for item in items:
        same = len(by_found[found[item]] & by_true[truth[item]])
        precision += same / len(by_found[found[item]])
        recall += same / len(by_true[truth[item]])
    precision, recall = precision / max(1, len(items)), recall / max(1, len(items))
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _members(assign: dict[str, str], items: list[str]) -> dict[str, set[str]]:
    """Cluster -> its items."""
    out: dict[str, set[str]] = {}
    for item in items:
        out.setdefault(assign[item], set()).add(item)
    return out


def _article_stage(stage):
    """A bench step running one of the plugin's own ARTICLE_STAGES on an article (results kept for later stages)."""

    def step(state: dict, article) -> None:
        done = state["done"].setdefault(article.id, {})
        done[stage.name] = stage.run(article, done)

    return step


def _story_stage(stage):
    """A bench step running one of the plugin's own STORY_STAGES on a true story (results kept for later stages)."""
    from coverage_digest.article.analyse import ArticleAnalysis
    from coverage_digest.group.stories import StoryGroup
    from coverage_digest.story.analyse import story_inputs

    def step(state: dict, story) -> None:
        ids = tuple(a.id for a in story)
        per_article = {i: ArticleAnalysis(i, **_filled(state["done"].get(i, {}))) for i in ids}
        inputs = story_inputs(StoryGroup("", "", ids[0], ids, (), ()), {a.id: a for a in story}, per_article)
        done = state["story_done"].setdefault(ids[0], {})
        done[stage.name] = stage.run(inputs, done)

    return step


def _filled(done: dict) -> dict:
    """An article's stage results, with () for a stage that failed on it (later stages still run)."""
    return {name: done.get(name, ()) for name in ("sentences", "quotes", "figures")}


def _registered_stages() -> tuple[list, list]:
    """(article steps, story steps) from the plugin's own stage lists, so the benchmark times what a build runs."""
    from coverage_digest.article.analyse import ARTICLE_STAGES
    from coverage_digest.story.analyse import STORY_STAGES

    return (
        [(s.name, _article_stage(s)) for s in ARTICLE_STAGES],
        [(s.name, _story_stage(s)) for s in STORY_STAGES],
    )


def stages_table(results: list[SizeResult]) -> list[str]:
    """Seconds per analysis stage and size, with the slowest single story at each size."""
    done = [r for r in results if r.stage_report.get("stages")]
    if not done:
        return []
    names = list(done[-1].stage_report["stages"])
    head = "| stage | scope | " + " | ".join(f"{r.size:,}: total s (slowest story s, its size)" for r in done) + " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name in names:
        scope = done[-1].stage_report["stages"][name].get("scope", "")
        cells = [_stage_cell(r.stage_report["stages"].get(name)) for r in done]
        lines.append(f"| {name} | {scope} | " + " | ".join(cells) + " |")
    return lines


def _stage_cell(entry: dict | None) -> str:
    """One stage at one size: seconds, slowest story, extra figures, or the error."""
    if entry is None:
        return "not run"
    text = f"{entry['seconds']:.1f}"
    if entry.get("slowest_size", 0) > 1:
        text += f" ({entry['slowest_seconds']:.2f}, {entry['slowest_size']})"
    if "stories_found" in entry:
        text += f"; {entry['stories_found']} stories, B³ F1 {entry['bcubed_f1']}"
    if "error" in entry:
        failed = f"{entry['failed']} of {entry['units']} failed, " if entry.get("failed") else ""
        text += f"; **{failed}{entry['error']}**"
    return text


def growth(results: list[SizeResult], attr: str) -> list[tuple[int, int, float, float, float]]:
    """(small n, large n, wall ratio, CPU ratio, n log n bound) for consecutive sizes where both builds succeeded."""
    rows = []
    done = [r for r in results if not r.name and getattr(r, attr) and getattr(r, attr).ok]
    for small, large in itertools.pairwise(done):
        a, b = getattr(small, attr), getattr(large, attr)
        bound = (large.size / small.size) * math.log(large.size) / math.log(small.size)
        rows.append((small.size, large.size, b.seconds / a.seconds, b.cpu_seconds / a.cpu_seconds, bound))
    return rows


def machine() -> dict[str, str]:
    """Cores, memory, CPU model, Python and Pelican versions, load, and which code was measured."""
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kb = next((int(ln.split()[1]) for ln in meminfo if ln.startswith("MemTotal:")), 0)
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), platform.processor())
    return {
        "cores (nproc)": str(os.cpu_count()),
        "memory": f"{total_kb / 1024 / 1024:.1f} GiB",
        "CPU": model,
        "Python": _output([str(PYTHON), "--version"]),
        "Pelican": _output([str(PELICAN), "--version"]),
        "OS": platform.platform(),
        "load average at start (1/5/15 min)": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "git HEAD": _output(["git", "rev-parse", "--short", "HEAD"]),
        "plugin files changed or new since HEAD": str(_changed_plugin_files()),
    }


def snapshot_code() -> Path:
    """Copy the settings, plugin, theme and site pages to bench/out/code: one fixed version of the code per run."""
    shutil.rmtree(CODE_SNAPSHOT, ignore_errors=True)
    CODE_SNAPSHOT.mkdir(parents=True)
    for item in SNAPSHOT_ITEMS:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, CODE_SNAPSHOT / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, CODE_SNAPSHOT / item)
    return CODE_SNAPSHOT


def _code_note(code: Path) -> str:
    """Which code the builds ran: the working tree, or a snapshot of it, with a fingerprint of its files."""
    digest = hashlib.sha256()
    for item in SNAPSHOT_ITEMS:
        paths = sorted((code / item).rglob("*")) if (code / item).is_dir() else [code / item]
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(code).as_posix().encode() + path.read_bytes())
    where = "the working tree" if code == ROOT else f"a snapshot of the working tree copied to `{_rel(code)}` at start"
    return f"{where}; fingerprint of {', '.join(SNAPSHOT_ITEMS)}: {digest.hexdigest()[:12]}"


def _rel(path: Path) -> str:
    """A path relative to the repository root when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_absolute() and path.is_relative_to(ROOT) else str(path)


def _changed_plugin_files() -> int:
    """How many files under plugins/ differ from HEAD (the plugin is under active change while we measure)."""
    status = subprocess.run(["git", "status", "--porcelain", "--", "plugins"], cwd=ROOT, capture_output=True, text=True)
    return len(status.stdout.splitlines())


def _output(command: list[str]) -> str:
    """A command's stdout, stripped ('?' when it cannot run)."""
    try:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip() or "?"
    except OSError:
        return "?"


def mb(value: float) -> str:
    """Megabytes with no decimals."""
    return f"{value:,.0f}"


def figures_table(results: list[SizeResult]) -> list[str]:
    """The main Markdown table: one row per size."""
    head = (
        "| articles | true stories | stories found | ours wall s | ours CPU s | ours peak MB | plain wall s "
        "| plain CPU s | plain peak MB | time ours/plain: wall (CPU) | memory ours/plain | ours output "
        "| plain output | rebuild s: wall (CPU) | rebuild / full: wall (CPU) |"
    )
    return [head, "|" + "---|" * (head.count("|") - 1), *(_figures_row(r) for r in results)]


def _figures_row(r: SizeResult) -> str:
    """One row of the figures table."""
    ours, plain, rebuild = r.ours, r.plain, r.rebuild
    size = r.title + (f" (−{len(r.set_aside)}†)" if r.crashed else "")
    cells = [size, str(r.manifest["stories"]), str(r.stories_found if r.stories_found is not None else "—")]
    cells += _run_cells(ours) + _run_cells(plain)
    both = ours and plain and ours.ok and plain.ok
    cells.append(f"{ours.seconds / plain.seconds:.2f}× ({ours.cpu_seconds / plain.cpu_seconds:.2f}×)" if both else "—")
    cells.append(f"{ours.peak_mb / plain.peak_mb:.2f}×" if both else "—")
    cells.append(_output_cell(ours))
    cells.append(_output_cell(plain))
    if rebuild and rebuild.ok and ours and ours.ok:
        cells.append(f"{rebuild.seconds:.1f} ({rebuild.cpu_seconds:.1f})")
        cells.append(f"{rebuild.seconds / ours.seconds:.0%} ({rebuild.cpu_seconds / ours.cpu_seconds:.0%})")
    else:
        cells += [_state(rebuild) if rebuild else "not run", "—"]
    return "| " + " | ".join(cells) + " |"


def _run_cells(run: Run | None) -> list[str]:
    """Wall, CPU and peak memory cells (or the failure)."""
    if run is None:
        return ["not run", "—", "—"]
    if not run.ok:
        return [f"{_state(run)} after {run.seconds:.0f}", f"{run.cpu_seconds:.1f}", mb(run.peak_mb)]
    return [f"{run.seconds:.1f}", f"{run.cpu_seconds:.1f}", mb(run.peak_mb)]


def _state(run: Run) -> str:
    """ok / TIMEOUT / FAILED (exit n)."""
    return "ok" if run.ok else ("TIMEOUT" if run.timed_out else f"FAILED (exit {run.returncode})")


def _output_cell(run: Run | None) -> str:
    """Output size as MB and file count."""
    if run is None or not run.out_files:
        return "—"
    return f"{run.out_bytes / 1e6:.1f} MB, {run.out_files:,} files"


def memory_table(results: list[SizeResult]) -> list[str]:
    """Both memory measurements per build: largest single process and the whole tree's summed PSS."""
    lines = [
        "| articles | build | largest process MB (wait4) | process tree MB (PSS sum, sampled) | warnings | errors |"
    ]
    lines.append("|---|---|---|---|---|---|")
    for r in results:
        for run in r.runs():
            if run:
                lines.append(
                    f"| {r.title} | {run.label} | {mb(run.max_rss_mb)} | {mb(run.tree_mb)} "
                    f"| {run.warnings} | {run.errors} |"
                )
    return lines


def targets_section(results: list[SizeResult]) -> list[str]:
    """The issue's targets next to what was measured (at the largest generated size that ran, and the real one)."""
    lines = ["| target | measured | met? |", "|---|---|---|"]
    big = next((r for r in reversed(results) if not r.name and r.ours and r.plain), None)
    if big and big.ours.ok and big.plain.ok:
        lines += _size_targets(big)
    elif big:
        lines.append(f"| time and memory at {big.title} | our build {_state(big.ours)} | no |")
    for small, large, ratio, cpu, bound in growth(results, "ours"):
        lines.append(
            f"| growth {small:,} → {large:,} ≤ n log n ({bound:.1f}×) | {ratio:.1f}× wall ({cpu:.1f}× CPU) "
            f"| {_yes(ratio <= bound)} |"
        )
    for r in results:
        if r.rebuild and r.rebuild.ok and r.ours and r.ours.ok:
            frac, cpu = r.rebuild.seconds / r.ours.seconds, r.rebuild.cpu_seconds / r.ours.cpu_seconds
            met = _yes(frac <= TARGETS["rebuild_fraction"])
            lines.append(
                f"| rebuild after one changed seed ≤ {TARGETS['rebuild_fraction']:.0%} of full, {r.title} "
                f"| {frac:.0%} wall ({cpu:.0%} CPU) | {met} |"
            )
    for r in results:
        if r.name and r.ours and r.plain and r.ours.ok and r.plain.ok:
            ratio, cpu = r.ours.seconds / r.plain.seconds, r.ours.cpu_seconds / r.plain.cpu_seconds
            met = _yes(max(ratio, cpu) <= TARGETS["real_ratio"])
            lines.append(f"| {r.title}, cold: wall and CPU ≤ 2× plain | {ratio:.2f}× wall ({cpu:.2f}× CPU) | {met} |")
        if r.dask_identical is not None:
            lines.append(
                f"| Dask build at {r.title} byte-identical to the local one | {r.dask_identical} | "
                f"{_yes(r.dask_identical)} |"
            )
    if not any(r.size == 10000 and not r.name for r in results):
        lines.append("| (the 10,000-article targets) | not measured in this run | — |")
    return [*lines, "", *REBUILD_NOTE]


def _size_targets(big: SizeResult) -> list[str]:
    """Time, CPU, memory and output against plain Pelican at one size."""
    assert big.ours and big.plain
    ratio, cpu = big.ours.seconds / big.plain.seconds, big.ours.cpu_seconds / big.plain.cpu_seconds
    peak = big.ours.peak_mb
    out = big.ours.out_bytes / big.plain.out_bytes if big.plain.out_bytes else float("inf")
    return [
        f"| ours ≤ {TARGETS['time_ratio']}× plain Pelican wall at {big.title} | {ratio:.2f}× | "
        f"{_yes(ratio <= TARGETS['time_ratio'])} |",
        f"| ours ≤ {TARGETS['cpu_ratio']}× plain Pelican CPU at {big.title} | {cpu:.2f}× | "
        f"{_yes(cpu <= TARGETS['cpu_ratio'])} |",
        f"| peak memory ≤ {TARGETS['rss_mb']:.0f} MB at {big.title} | {mb(peak)} MB | "
        f"{_yes(peak <= TARGETS['rss_mb'])} |",
        f"| output ≤ {TARGETS['output_ratio']}× plain's bytes at {big.title} | {out:.2f}× | "
        f"{_yes(out <= TARGETS['output_ratio'])} |",
    ]


def dask_section(results: list[SizeResult]) -> list[str]:
    """Our build on a LocalCluster (DIGEST_EXECUTOR = "dask") beside the local build of the same corpus."""
    rows = [r for r in results if r.dask and r.ours]
    if not rows:
        return []
    lines = [
        "## Dask executor: the same build on a LocalCluster",
        "",
        "| articles | local wall s (CPU) | Dask wall s (CPU) | Dask / local: wall (CPU) | Dask peak MB | same site |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        local, dask = r.ours, r.dask
        assert local and dask
        if not dask.ok:
            lines.append(f"| {r.title} | {local.seconds:.1f} ({local.cpu_seconds:.1f}) | {_state(dask)} | — | — | — |")
            continue
        lines.append(
            f"| {r.title} | {local.seconds:.1f} ({local.cpu_seconds:.1f}) "
            f"| {dask.seconds:.1f} ({dask.cpu_seconds:.1f}) "
            f"| {dask.seconds / local.seconds:.2f}× ({dask.cpu_seconds / local.cpu_seconds:.2f}×) | {mb(dask.peak_mb)} "
            f"| {'byte-identical' if r.dask_identical else '**differs**'} |"
        )
    return [
        *lines,
        "",
        '*Dask*: `DIGEST_EXECUTOR="dask"` without a scheduler address: the build starts a LocalCluster of one worker',
        "process per core (one thread each), runs the per-article map, the grouping and the per-story reduce as its",
        "tasks, and stops it; CPU includes the worker processes. Cold cache, empty output folder, as *ours*.",
        "",
    ]


# The issue states its targets for 10,000 articles; smaller rebuilds are reported too, with what bounds them.
REBUILD_NOTE = (
    "The issue states these targets for 10,000 articles. Smaller rebuilds are shown for what they are: a rebuild",
    "pays a fixed start-up (Python, Pelican and the plugin's imports, about 0.9 s) and regroups the whole corpus",
    "(grouping needs every article, and a cached rebuild must equal a fresh build byte for byte), so at 100 and",
    "1,000 articles it cannot fall to a tenth of a build that itself takes a few seconds.",
)


def _yes(flag: bool) -> str:
    """yes / **no**."""
    return "yes" if flag else "**no**"


def write_results(
    path: Path, results: list[SizeResult], info: dict, date: str, prof: tuple | None, extra: list[str] | None = None
) -> None:
    """Write bench/results.md from what has been measured so far."""
    lines = [
        "# Benchmark: `make bench`",
        "",
        f"Date: {date}. Written by `scripts/bench.py`; corpora from `scripts/bench_corpus.py` (seed `{DEFAULT_SEED}`).",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "The machine is shared: other builds and tests may run at the same time, so wall times are noisy; CPU time",
        "(user + system of the build and its worker processes) is given next to wall time.",
        "",
        "## Figures",
        "",
        *figures_table(results),
        "",
        "*ours*: full digest build (`DIGEST_WORKERS` default: a process per core), cold (`CACHE_PATH` emptied first).",
        "Full builds start from an empty output folder; the rebuild starts from the full build's output and cache,",
        "as `make site` does (it keeps the pages of stories whose content did not change).",
        "*plain*: plain Pelican 4 build of the same articles as Markdown posts (theme `simple`, no plugins, no feeds).",
        "*rebuild*: our build again, same command and output folder, after appending one sentence to one seed file.",
        "*peak MB*: the larger of the largest single process (wait4 `ru_maxrss`) and the sampled sum over the process",
        "tree (PSS, so pages shared by forked workers count once).",
        "",
        "### Memory and log detail",
        "",
        *memory_table(results),
        "",
        *phases_table(results),
        "",
        "## Targets (from the issue)",
        "",
        *targets_section(results),
        "",
        *dask_section(results),
        *_stages_section(results),
        *_growth_lines(results),
        *_commands_section(results),
        *_failures_section(results),
        *(extra or []),
        *_profile_section(prof),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _stages_section(results: list[SizeResult]) -> list[str]:
    """The analysis-stage table, with what it measures."""
    table = stages_table(results)
    if not table:
        return []
    return [
        "## Analysis stages, timed in-process",
        "",
        "`scripts/bench.py --stage-worker N`: each analysis module called directly on the cleaned articles, one",
        "process, stories = the generated true stories (so per-story cost does not depend on grouping quality);",
        "`group` runs on the whole corpus. Whether the Pelican build above runs a stage depends on the plugin's",
        "current wiring: its per-story half runs over the stories in the figures table's *stories found* column.",
        "",
        *table,
        "",
    ]


def _growth_lines(results: list[SizeResult]) -> list[str]:
    """Growth of wall time between sizes for both builds, against the n log n bound."""
    lines = ["## Growth (wall time ratio between sizes; n log n bound = (N/n)·log N / log n)", ""]
    for attr in ("ours", "plain"):
        for small, large, ratio, cpu, bound in growth(results, attr):
            lines.append(f"- {attr}: {small:,} → {large:,}: {ratio:.1f}× wall, {cpu:.1f}× CPU (n log n: {bound:.1f}×)")
    return [*lines, ""]


def _commands_section(results: list[SizeResult]) -> list[str]:
    """The exact commands run (from the repository root)."""
    lines = ["## Commands (run from the repository root)", "", "```sh"]
    for r in results:
        for run in r.runs():
            if run:
                lines.append(f"# {r.title} articles, {run.label}")
                lines.append(shlex.join(run.command))
    return [*lines, "```", ""]


def _failures_section(results: list[SizeResult]) -> list[str]:
    """The last lines of the log of every build that failed or timed out."""
    lines = []
    for r in results:
        for run in r.runs():
            if run and not run.ok:
                lines += [f"### {r.title} articles, {run.label}: {_state(run)}", "", "```", *run.tail, "```", ""]
        if r.crashed:
            names = ", ".join(r.set_aside[:8]) + (" …" if len(r.set_aside) > 8 else "")
            lines += [
                f"† {r.size:,} articles: our build crashed; the {len(r.set_aside)} seeds a per-article stage fails on",
                f"were moved to `bench/corpora/{r.size}/set-aside/` and the build was run again (`ours-retry`); the",
                f"figures are from that run. Set aside: {names}",
                "",
            ]
    return ["## Failures", "", *lines] if lines else []


def _profile_section(prof: tuple | None) -> list[str]:
    """The cProfile hotspots table."""
    if not prof:
        return []
    cumulative, own, command = prof
    lines = ["## cProfile of our build (one process)", "", "```sh", command, "```", ""]
    for title, rows in (("Top 15 by cumulative time", cumulative), ("Top 15 by own time", own)):
        lines += [f"### {title}", "", "| function | calls | own s | cumulative s |", "|---|---|---|---|"]
        lines += [f"| `{name}` | {calls} | {o} | {c} |" for name, calls, o, c in rows]
        lines.append("")
    return lines


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated article counts")
    parser.add_argument("--quick", action="store_true", help="only 100 and 1,000 articles")
    parser.add_argument("--timeout", type=float, default=2400, help="seconds allowed per build (default 40 min)")
    parser.add_argument("--profile-size", type=int, default=1000, help="cProfile our build at this size (0: skip)")
    parser.add_argument("--date", default=None, help="date to record (default: output of `date -u`)")
    parser.add_argument("--seed", default=DEFAULT_SEED, help="corpus generator seed")
    parser.add_argument("--results", type=Path, default=BENCH / "results.md", help="where to write the results")
    parser.add_argument("--no-stages", dest="stages", action="store_false", help="skip the in-process stage timing")
    parser.add_argument("--dask-sizes", default="10000", help="sizes also built on a Dask LocalCluster ('' for none)")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the eval sets whose real articles form a corpus")
    parser.add_argument("--no-real", dest="real", action="store_false", help="skip the real-text corpus")
    parser.add_argument(
        "--no-pathological", dest="pathological", action="store_false", help="skip the pathological inputs section"
    )
    parser.add_argument("--stage-worker", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--profile-real-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--split-worker", action="store_true", help="time the sentence splitter of --code on the real corpus"
    )
    parser.add_argument(
        "--no-profile-real", dest="profile_real", action="store_false", help="skip the profile of the real corpus"
    )
    parser.add_argument("--code", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="build with the working tree's code (default: a snapshot copied at the start, so every build of the "
        "run, and the rebuild's cache, see the same code while the plugin is being edited)",
    )
    args = parser.parse_args()
    args.sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    args.dask_sizes = {int(s) for s in args.dask_sizes.split(",") if s.strip()}
    return args


def main() -> None:
    """Run every size in one go, rewriting the results file after each, then profile."""
    args = parse_args()
    if args.stage_worker:
        stage_worker(args.stage_worker, args.code or ROOT)
        return
    if args.profile_real_worker:
        profile_real_worker(args.code or ROOT)
        return
    if args.split_worker:
        split_worker(args.code or ROOT)
        return
    date = args.date or _output(["date", "-u"])
    args.code = ROOT if args.in_place else snapshot_code()
    info = machine()
    info["code measured"] = _code_note(args.code)
    results: list[SizeResult] = []
    for n in args.sizes:
        results.append(bench_size(n, args))
        write_results(args.results, results, info, date, None)
    real_profile = None
    if args.real and args.eval.is_dir():
        results.append(bench_real(args))
        write_results(args.results, results, info, date, None)
        real_profile = profile_real(args) if args.profile_real else None
    elif args.real:
        print(f"no eval sets at {args.eval}: the real-text corpus is skipped", flush=True)
    extra = _profile_real_section(real_profile)
    if args.pathological:
        import bench_pathological

        extra += bench_pathological.section(
            [bench_pathological.build(label, make, args.timeout) for label, make in bench_pathological.CASES]
        )
    write_results(args.results, results, info, date, None, extra)
    prof = profile(args.profile_size, args) if args.profile_size else None
    info["load average at end (1/5/15 min)"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    info["git HEAD at end (the plugin may change during a run)"] = _output(["git", "rev-parse", "--short", "HEAD"])
    write_results(args.results, results, info, date, prof, extra)
    print("\n".join(figures_table(results)))
    print(f"wrote {_rel(args.results)}")


if __name__ == "__main__":
    main()
