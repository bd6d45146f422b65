"""Loading every shipped framework (read, parse, build the model) against ``json.loads`` of the
framework files' bytes, the two taking turns. Goal: at most 3x the baseline (issue 13); 2.5x
kept as a margin.

The package reads each framework's compiled form (``data/compiled``, see ``_compiled``) and its
source file too (whose checksum says whether the compiled form is current): both reads, the
checksum, the decoding and the building are timed; the baseline decodes the source files only.

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
