"""Cold start: ``import peer_competencies`` and one lookup, against importing attrs, cattrs, json.

Each run is a fresh interpreter (``python -c``), baseline and measured interleaved so that both
see the same machine load. Target: at most 1.5x the baseline.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from _timing import report

# Byte-code is cached as after a normal install (pip compiles it); some environments set
# PYTHONDONTWRITEBYTECODE, which would charge our modules' compilation to every run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BASELINE = "import attrs, cattrs, json"
MEASURED = "import peer_competencies as pc; pc.lookup('samhsa-2015:VIII.4')"


def main(repeat: int = 40) -> None:
    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
        return time.perf_counter() - start

    run(MEASURED)  # warm the file cache and the byte-code
    base: list[float] = []
    ours: list[float] = []
    for _ in range(repeat):  # interleaved, so that both see the same drift in machine load
        base.append(run(BASELINE))
        ours.append(run(MEASURED))
    report("lookup", (min(base), statistics.median(base)), (min(ours), statistics.median(ours)))


if __name__ == "__main__":
    main()
