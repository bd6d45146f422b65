"""The command line's start: a whole ``peer-competencies show ID`` process, against a process
that only imports attrs, cattrs and json.

Each run is a fresh process, baseline and measured interleaved so that both see the same machine
load. Prints both medians, the ratio of the medians and the spread of the per-pair ratios
(quartiles). Goal: at most 2x the baseline.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

# Byte-code is cached as after a normal install (pip compiles it).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BASELINE = [sys.executable, "-c", "import attrs, cattrs, json"]
SCRIPT = shutil.which("peer-competencies", path=os.path.dirname(sys.executable))
MEASURED = [
    *([SCRIPT] if SCRIPT else [sys.executable, "-m", "peer_competencies"]),
    "show",
    "samhsa-2015:VIII.4",
]


def _run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(repeat: int = 30) -> None:
    _run(MEASURED)  # warm the file cache and the byte-code
    _run(BASELINE)
    base: list[float] = []
    ours: list[float] = []
    for _ in range(repeat):
        base.append(_run(BASELINE))
        ours.append(_run(MEASURED))
    ratios = sorted(o / b for o, b in zip(ours, base, strict=True))
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    print(f"measured: {' '.join(MEASURED[-3:])}")
    print(
        f"baseline median {statistics.median(base) * 1000:7.1f} ms  (best {min(base) * 1000:.1f})"
    )
    print(
        f"show     median {statistics.median(ours) * 1000:7.1f} ms  (best {min(ours) * 1000:.1f})"
    )
    print(
        f"ratio {statistics.median(ours) / statistics.median(base):.2f}x"
        f"  (per pair: median {statistics.median(ratios):.2f}x, quartiles {q1:.2f}-{q3:.2f}x)"
    )


if __name__ == "__main__":
    main()
