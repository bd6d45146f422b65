"""Coverage of a 1,000-module syllabus against every shipped framework.

The syllabus is generated: each module names two or three ids drawn from all frameworks (so most
credit goes through the crosswalk) and one module in ten names none (so it gets suggestions).
Baseline, measured in the same run and taking turns with the reports: ``json.loads`` of the
syllabus's JSON. Goal: at most 50x.

The first pass (printed first) fills what a process keeps: the crosswalk graph, each id's
translation and reach into each framework, the matcher's index; the timed passes reuse them, as a
long-running process or a second report does.

A report makes each competency's credits (about 28,000 here) when they are first read; the
second figure, ``every credit read``, is the cost for a reader that reads them all (a JSON
report does), so that the first figure does not hide it.

Run: ``python benchmarks/bench_coverage.py``.
"""

from __future__ import annotations

import json
import random
import time
from typing import Any

from _timing import interleaved, report_pairs

import peer_competencies as pc
from peer_competencies import coverage as cov


def syllabus_data(modules: int = 1000, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    ids = [i.id for f in pc.frameworks() for i in f.items if i.kind is not pc.Kind.QUALIFICATION]
    rows = []
    for n in range(modules):
        chosen = [] if n % 10 == 0 else rng.sample(ids, rng.randint(2, 3))
        rows.append(
            {
                "id": f"M{n:04d}",
                "title": f"Module {n}",
                "description": pc.lookup(rng.choice(ids)).text,
                "hours": 2,
                "competencies": chosen,
                "measures": ["quiz"],
            }
        )
    return {"program": {"title": "Benchmark syllabus"}, "modules": rows}


def main(repeat: int = 7) -> None:
    data = syllabus_data()
    raw = json.dumps(data).encode("utf-8")
    syllabus = cov.parse_syllabus(data, source="bench")
    frameworks = [f.id for f in pc.frameworks()]

    def reports() -> None:
        for framework in frameworks:
            cov.coverage(syllabus, framework)

    def read() -> None:
        for framework in frameworks:
            for row in cov.coverage(syllabus, framework).competencies:
                row.credits  # noqa: B018 (made when first read)

    start = time.process_time()
    reports()
    first = time.process_time() - start
    base, ours = interleaved(lambda: json.loads(raw), reports, repeat)
    print(f"{len(syllabus.modules)} modules x {len(frameworks)} frameworks, {len(raw):,} bytes")
    print(f"first pass {first * 1000:.0f} ms (CPU)")
    report_pairs("coverage", base, ours)
    base, ours = interleaved(lambda: json.loads(raw), read, repeat)
    print("every credit read:")
    report_pairs("coverage", base, ours)


if __name__ == "__main__":
    main()
