"""Coverage of a 1,000-module syllabus against every shipped framework.

The syllabus is generated: each module names two or three ids drawn from all frameworks (so most
credit goes through the crosswalk) and one module in ten names none (so it gets suggestions).
Baseline, measured in the same run: structuring the same syllabus from its decoded data
(``parse_syllabus``), the floor any report has to pay.

Run: ``python benchmarks/bench_coverage.py``.
"""

from __future__ import annotations

import random
from typing import Any

from _timing import best_and_median, report

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


def main(repeat: int = 3) -> None:
    data = syllabus_data()
    syllabus = cov.parse_syllabus(data, source="bench")
    frameworks = [f.id for f in pc.frameworks()]
    cov.coverage(syllabus, frameworks[0])  # warm: load data, build the crosswalk graph
    base = best_and_median(lambda: cov.parse_syllabus(data, source="bench"), repeat)
    ours = best_and_median(lambda: [cov.coverage(syllabus, f) for f in frameworks], repeat)
    print(f"{len(syllabus.modules)} modules x {len(frameworks)} frameworks")
    report("coverage", base, ours)


if __name__ == "__main__":
    main()
