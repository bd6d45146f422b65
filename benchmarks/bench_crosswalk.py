"""Crosswalk queries: ``mappings(id, inferred=True)`` for every item of the five curated
frameworks (their categories, competencies, statements and skills), and ``translate`` of all of
SAMHSA's items into SB 803.

Baseline, measured in the same run: a plain breadth-first walk of up to three steps from every
one of those items over the same graph (networkx's ``single_source_shortest_path_length`` on its
undirected view), the floor any chaining over it has to pay. The queries also compose predicates,
weigh confidences, check curated negatives and keep the best path per target.

Run: ``python benchmarks/bench_crosswalk.py``.
"""

from __future__ import annotations

import networkx as nx
from _timing import best_and_median, report

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


def main(repeat: int = 5) -> None:
    walk = cw.default()
    ids = [
        i.id
        for f in cw.CURATED_FRAMEWORKS
        for i in walk.framework(f).items
        if i.kind.value in KINDS
    ]
    samhsa = [i.id for i in walk.framework("samhsa-2015").items]
    walk.mappings(ids[0], inferred=True)  # warm: build the graph and the index
    graph = nx.Graph(cw.graph())

    def baseline() -> None:
        for item_id in ids:
            nx.single_source_shortest_path_length(graph, item_id, cutoff=3)

    def queries() -> None:
        for item_id in ids:
            walk.mappings(item_id, inferred=True)

    print(f"{len(ids)} items, {len(walk.records)} asserted mappings")
    report("mappings", best_and_median(baseline, repeat), best_and_median(queries, repeat))
    one = best_and_median(lambda: walk.translate(samhsa, to="ca-sb803"), repeat)
    print(f"translate {len(samhsa)} SAMHSA items -> ca-sb803: median {one[1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
