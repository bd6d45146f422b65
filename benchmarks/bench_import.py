"""Cold start: ``import peer_competencies`` and one lookup, against importing attrs, cattrs, json.

Each run is a fresh interpreter (``python -c``), alternating baseline and measured so that both
see the same machine load. Target: at most 1.5x the baseline.
"""

from __future__ import annotations

import subprocess
import sys

from _timing import best_and_median, report

BASELINE = "import attrs, cattrs, json"
MEASURED = "import peer_competencies as pc; pc.lookup('samhsa-2015:VIII.4')"


def main(repeat: int = 30) -> None:
    def run(code: str) -> None:
        subprocess.run([sys.executable, "-c", code], check=True)

    run(MEASURED)  # warm the file cache and the byte-code
    base = best_and_median(lambda: run(BASELINE), repeat)
    ours = best_and_median(lambda: run(MEASURED), repeat)
    report("lookup", base, ours)


if __name__ == "__main__":
    main()
