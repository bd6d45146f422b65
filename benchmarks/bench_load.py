"""Loading every shipped framework (parse, check, build the model) against ``json.loads``."""

from __future__ import annotations

import json

from _timing import best_and_median, report

from peer_competencies._load import _Database


def main(repeat: int = 20) -> None:
    folder = _Database()._folder()
    raw = [entry.read_bytes() for entry in sorted(folder.iterdir(), key=lambda e: e.name)]
    print(f"{len(raw)} files, {sum(map(len, raw)):,} bytes")
    base = best_and_median(lambda: [json.loads(b) for b in raw], repeat)
    ours = best_and_median(lambda: _Database().frameworks(), repeat)
    report("load all", base, ours)


if __name__ == "__main__":
    main()
