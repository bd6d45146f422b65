"""Crosswalk queries: ``mappings(id, inferred=True)`` for every item of the five curated
frameworks (their categories, competencies, statements and skills), and ``translate`` of all of
SAMHSA's items into SB 803.

Baseline, measured in the same run and taking turns with the queries: a plain breadth-first walk
of up to three steps from every one of those items over the same graph (networkx's
``single_source_shortest_path_length`` on its undirected view), the floor any chaining over it
has to pay. The queries also compose predicates, weigh confidences, check curated negatives and
keep the best path per target.

Printed first, on a new crosswalk: the first query (building the inference index), the first
pass over all the items (each item's paths searched, then kept), and the first ``graph()`` (the
networkx graph, built only when asked for). The timed passes reuse the kept paths, as every
query after an item's first does.

Run: ``python benchmarks/bench_crosswalk.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import networkx as nx
from _timing import interleaved, report_pairs

from peer_competencies import crosswalk as cw

KINDS = (
    "category",
    "domain",
    "best-practice",
    "competency",
    "sub-competency",
    "statement",
    "skill",
)


def _ms(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return (time.process_time() - start) * 1000


def main(repeat: int = 7) -> None:
    walk = cw.Crosswalk()
    curated = walk.completeness().frameworks  # the frameworks the shipped set says it curates
    ids = [i.id for f in curated for i in walk.framework(f).items if i.kind.value in KINDS]
    samhsa = [i.id for i in walk.framework("samhsa-2015").items]

    def queries() -> None:
        for item_id in ids:
            walk.mappings(item_id, inferred=True)

    first_query = _ms(lambda: walk.mappings(ids[0], inferred=True))
    first_pass = _ms(queries)
    first_graph = _ms(walk.graph)
    graph = nx.Graph(walk.graph())

    def baseline() -> None:
        for item_id in ids:
            nx.single_source_shortest_path_length(graph, item_id, cutoff=3)

    print(f"{len(ids)} items, {len(walk.records)} asserted mappings")
    print(
        f"new crosswalk: first query {first_query:.1f} ms, first pass {first_pass:.1f} ms, "
        f"first graph() {first_graph:.1f} ms"
    )
    base, ours = interleaved(baseline, queries, repeat)
    ratio = report_pairs("mappings", base, ours)
    print(f"per call {statistics.median(ours) / len(ids) * 1e6:.1f} µs ({ratio:.2f}x)")
    _, one = interleaved(baseline, lambda: walk.translate(samhsa, to="ca-sb803"), repeat)
    median = statistics.median(one) * 1000
    print(f"translate {len(samhsa)} SAMHSA items -> ca-sb803: median {median:.1f} ms")


if __name__ == "__main__":
    main()
