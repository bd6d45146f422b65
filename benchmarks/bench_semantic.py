"""The semantic matcher's start and speed, in fresh processes, against a process that only
imports wordllama, measured in the same run.

Each round runs, one after the other (baseline and measured processes interleaved, so that a
change in the machine's load weighs on all alike):

- the baseline: ``python -c "import wordllama"``;
- first answer: a process that imports ``peer_competencies.coverage`` and calls
  ``suggest(text, "ca-sb803", matcher="semantic")`` once (its whole wall time, start to exit);
- the command line: a whole ``peer-competencies suggest TEXT -f ca-sb803 --matcher semantic``;
- phases: a process that times, one after the other, importing the package and reading the
  framework, loading the model alone (``_semantic.load_model()``), indexing the framework alone
  (``_semantic._index``: tokenising its statements and titles, at first use, and pooling
  their vectors), the first answer, then every real course title (``real_titles.csv``)
  once with the semantic matcher and once with the default one (seconds per title after
  loading; each title is new to the cache).

Prints, per measure, the median, the range and the runs; for whole processes the ratio of the
medians to the baseline's and the quartiles of the per-round ratios, for their wall time (what
the goal is about) and for their CPU time (user and system: on a shared machine a process that
waits for a core is charged the wait on the wall, never in CPU). Goal (issue 11): the first
answer of a fresh process within 1 s; a title within 5 ms after loading.

Run: ``python benchmarks/bench_semantic.py [RUNS]`` (default 7). It measures the
``peer_competencies`` that ``python`` imports: set ``PYTHONPATH`` to a source tree to measure it.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FRAMEWORK = "ca-sb803"
TEXT = "Healing after trauma"

# Byte-code is cached as after a normal install (pip compiles it).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BASELINE = [sys.executable, "-c", "import wordllama"]
FIRST = [
    sys.executable,
    "-c",
    "import peer_competencies.coverage as c; "
    f"c.suggest({TEXT!r}, {FRAMEWORK!r}, matcher='semantic')",
]
SCRIPT = shutil.which("peer-competencies", path=os.path.dirname(sys.executable))
CLI = [
    *([SCRIPT] if SCRIPT else [sys.executable, "-m", "peer_competencies"]),
    "suggest",
    TEXT,
    "-f",
    FRAMEWORK,
    "--matcher",
    "semantic",
]
PHASES = f"""
import json, sys, time
start = time.perf_counter()
import peer_competencies.coverage as cov
from peer_competencies._load import database
database().framework({FRAMEWORK!r})
imported = time.perf_counter()
from peer_competencies.coverage import _semantic
_semantic.load_model()
loaded = time.perf_counter()
_semantic._index({FRAMEWORK!r})
indexed = time.perf_counter()
cov.suggest({TEXT!r}, {FRAMEWORK!r}, matcher="semantic")
answered = time.perf_counter()
per_title = {{"semantic": [], "default": []}}
for title in json.load(sys.stdin):
    for matcher in ("semantic", "default"):
        before = time.perf_counter()
        cov.suggest(title, {FRAMEWORK!r}, matcher=matcher)
        per_title[matcher].append(time.perf_counter() - before)
print(json.dumps({{
    "import": imported - start, "model": loaded - imported, "index": indexed - loaded,
    "first": answered - indexed, "in-process": answered - start,
    "semantic": sum(per_title["semantic"]) / len(per_title["semantic"]),
    "default": sum(per_title["default"]) / len(per_title["default"]),
}}))
"""


def _titles() -> str:
    with (HERE / "real_titles.csv").open(encoding="utf-8", newline="") as f:
        return json.dumps(sorted({row["title"] for row in csv.DictReader(f)}))


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _wall(command: list[str], cpu: list[float] | None = None) -> float:
    """The wall seconds of a whole process (appending its CPU seconds, user and system, to
    ``cpu``: what it costs when it need not wait for a core)."""
    used = _cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    if cpu is not None:
        cpu.append(_cpu() - used)
    return wall


def _phases(titles: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PHASES],
        check=True,
        env=ENV,
        input=titles,
        capture_output=True,
        text=True,
    )
    found: dict[str, float] = json.loads(done.stdout)
    return found


def _line(name: str, seconds: list[float], base: list[float] | None = None) -> str:
    med = statistics.median(seconds)
    text = (
        f"{name:<34} median {med * 1000:8.2f} ms  "
        f"(min {min(seconds) * 1000:.2f}, max {max(seconds) * 1000:.2f}, {len(seconds)} runs)"
    )
    if base is not None:
        ratios = sorted(s / b for s, b in zip(seconds, base, strict=True))
        q1, _, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
        text += f"  {med / statistics.median(base):.2f}x baseline (quartiles {q1:.2f}-{q3:.2f}x)"
    return text


def main(runs: int = 7) -> None:
    titles = _titles()
    for command in (BASELINE, FIRST, CLI):  # warm the file cache and the byte-code
        _wall(command)
    base: list[float] = []
    first: list[float] = []
    cli: list[float] = []
    cpu: dict[str, list[float]] = {"base": [], "first": [], "cli": []}
    phases: list[dict[str, float]] = []
    for _ in range(runs):
        base.append(_wall(BASELINE, cpu["base"]))
        first.append(_wall(FIRST, cpu["first"]))
        cli.append(_wall(CLI, cpu["cli"]))
        phases.append(_phases(titles))
    count = len(json.loads(titles))
    print(f"fresh processes, {runs} rounds; per title: {count} real course titles, {FRAMEWORK}")
    print(_line("baseline: import wordllama", base))
    print(_line("first answer (whole process)", first, base))
    print(_line("CLI suggest --matcher semantic", cli, base))
    print("the same processes' CPU seconds (user + system):")
    print(_line("baseline: import wordllama", cpu["base"]))
    print(_line("first answer (whole process)", cpu["first"], cpu["base"]))
    print(_line("CLI suggest --matcher semantic", cpu["cli"], cpu["base"]))
    print("phases of one process, in turn (wall):")
    for key, name in [
        ("import", "  import + read the framework"),
        ("model", "  load the model"),
        ("index", "  index the framework"),
        ("first", "  first answer after the index"),
        ("in-process", "  start of script to first answer"),
    ]:
        print(_line(name, [p[key] for p in phases]))
    semantic = [p["semantic"] for p in phases]
    default = [p["default"] for p in phases]
    print(_line("per title, semantic", semantic, default).replace("baseline", "default"))
    print(_line("per title, default", default))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
