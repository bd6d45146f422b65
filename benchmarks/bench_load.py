"""Loading every shipped framework (read, parse, build the model) against ``json.loads`` of the
same bytes, the two taking turns. Goal: at most 3x the baseline.

Run: ``python benchmarks/bench_load.py``.
"""

from __future__ import annotations

import json

from _timing import interleaved, report_pairs

from peer_competencies._load import _Database
from peer_competencies._resources import data_folder


def main(repeat: int = 40) -> None:
    folder = data_folder("frameworks")
    raw = [entry.read_bytes() for entry in sorted(folder.iterdir(), key=lambda e: e.name)]
    print(f"{len(raw)} files, {sum(map(len, raw)):,} bytes")
    _Database().frameworks()  # warm: the modules a first load imports, the file cache
    base, ours = interleaved(
        lambda: [json.loads(b) for b in raw], lambda: _Database().frameworks(), repeat
    )
    report_pairs("load all", base, ours)


if __name__ == "__main__":
    main()
