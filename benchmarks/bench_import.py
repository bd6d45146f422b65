"""Cold start: ``import peer_competencies`` and one lookup, against importing attrs, cattrs, json.

Each run is a fresh interpreter (``python -c``), baseline and measured interleaved so that both
see the same machine load. Prints both medians, the ratio of the medians and the spread of the
per-pair ratios (quartiles). Goal: at most 1.3x the baseline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from _timing import interleaved, report_pairs

# Byte-code is cached as after a normal install (pip compiles it); some environments set
# PYTHONDONTWRITEBYTECODE, which would charge our modules' compilation to every run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BASELINE = "import attrs, cattrs, json"
MEASURED = "import peer_competencies as pc; pc.lookup('samhsa-2015:VIII.4')"


def main(repeat: int = 40) -> None:
    def run(code: str) -> None:
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)

    run(MEASURED)  # warm the file cache and the byte-code
    base, ours = interleaved(
        lambda: run(BASELINE), lambda: run(MEASURED), repeat, clock=time.perf_counter
    )
    report_pairs("lookup", base, ours)


if __name__ == "__main__":
    main()
