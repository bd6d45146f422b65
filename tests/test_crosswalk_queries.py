"""The graph and its queries: graph(), mappings(), translate(), the inference rules."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

import peer_competencies as pc
from peer_competencies import crosswalk as cw
from peer_competencies.crosswalk import (
    NO_TERM_FOUND,
    Crosswalk,
    Justification,
    MappingRecord,
    MappingSet,
    Predicate,
)
from tests.crosswalk_fixtures import (
    USER_FRAMEWORK_ID,
    shipped_rows_text,
    write_framework,
    write_sssom,
)

DECAY = 0.9  # docs/crosswalk.md: a chain's confidence is times 0.9 for every step after the first

E, C, B, N, R = (
    Predicate.EXACT,
    Predicate.CLOSE,
    Predicate.BROAD,
    Predicate.NARROW,
    Predicate.RELATED,
)


# -- the graph -------------------------------------------------------------------------------


def test_graph_is_a_multidigraph_of_every_item_with_its_attributes() -> None:
    graph = cw.graph()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == sum(len(f) for f in pc.frameworks())
    node = graph.nodes["samhsa-2015:VIII.4"]
    assert node["framework"] == "samhsa-2015"
    assert node["code"] == "VIII.4"
    assert node["kind"] == "competency"
    assert node["text"] == pc.lookup("samhsa-2015:VIII.4").text


def test_the_shared_graph_is_frozen_and_a_copy_is_not() -> None:
    graph = cw.graph()
    assert nx.is_frozen(graph)
    with pytest.raises(nx.NetworkXError):
        graph.add_node("mine:1")
    copy = graph.copy()
    copy.add_node("mine:1")
    assert "mine:1" not in graph


def test_hierarchy_edges_run_from_child_to_parent() -> None:
    graph = cw.graph()
    assert graph.has_edge("samhsa-2015:VIII.4", "samhsa-2015:VIII", key="skos:broader")
    assert not graph.has_edge("samhsa-2015:VIII", "samhsa-2015:VIII.4")
    data = graph.get_edge_data("samhsa-2015:VIII.4", "samhsa-2015:VIII", key="skos:broader")
    assert data["relation"] == "hierarchy"


def test_mapping_edges_are_keyed_by_predicate_with_the_evidence() -> None:
    graph = cw.graph()
    data = graph.get_edge_data("samhsa-2015:VIII", "ca-sb803:13", key="skos:closeMatch")
    assert data["relation"] == "mapping"
    assert data["confidence"] == 0.9
    assert data["justification"] == "semapv:ManualMappingCuration"
    assert data["author_id"] == ("peer_competencies:curators",)
    assert "crisis" in data["comment"]


def test_negative_mappings_are_not_edges() -> None:
    graph = cw.graph()
    assert not graph.has_edge("peer-support-17:10", "samhsa-2015:VIII", key="skos:closeMatch")
    assert NO_TERM_FOUND not in graph


def test_the_graph_records_framework_and_mapping_set_versions() -> None:
    attributes = cw.graph().graph
    assert attributes["frameworks"]["samhsa-2015"] == "2015"
    assert set(attributes["frameworks"]) == {f.id for f in pc.frameworks()}
    (mapping_set,) = cw.mapping_sets()
    assert attributes["mapping_sets"] == {mapping_set.id: mapping_set.version}


def test_threads_racing_for_the_graph_each_get_the_whole_graph_of_their_own() -> None:
    fresh = Crosswalk()
    graphs: list[nx.MultiDiGraph[str]] = []
    barrier = threading.Barrier(8)

    def build() -> None:
        barrier.wait()
        graphs.append(fresh.graph())

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(graphs) == 8
    assert len({id(g) for g in graphs}) == 8
    expected = sorted(cw.graph().edges(keys=True))
    assert all(sorted(g.edges(keys=True)) == expected for g in graphs)


def test_changing_the_attributes_of_a_graph_changes_no_other_graph_nor_the_exports() -> None:
    graph = cw.graph()
    before = (cw.to_json(), cw.to_graphml())
    graph.nodes["samhsa-2015:I"]["text"] = "CHANGED"
    graph.graph["frameworks"]["samhsa-2015"] = "v999"
    graph.graph["name"] = "mine"
    _, _, data = next(iter(graph.edges(data=True)))
    data["confidence"] = -1
    again = cw.graph()
    assert again.nodes["samhsa-2015:I"]["text"] == pc.lookup("samhsa-2015:I").text
    assert again.graph["frameworks"]["samhsa-2015"] == "2015"
    assert again.graph["name"] == "peer_competencies crosswalk"
    assert -1 not in {d.get("confidence") for _, _, d in again.edges(data=True)}
    assert (cw.to_json(), cw.to_graphml()) == before


def test_importing_the_package_does_not_import_networkx() -> None:
    code = (
        "import sys, peer_competencies as pc; pc.lookup('samhsa-2015:I');"
        "from peer_competencies import crosswalk;"
        "print('networkx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- mappings() ------------------------------------------------------------------------------


def test_asserted_mappings_include_those_where_the_item_is_the_object() -> None:
    found = cw.mappings("ca-sb803:13")
    assert "samhsa-2015:VIII skos:closeMatch ca-sb803:13 (0.90)" in [str(r) for r in found]
    assert all("ca-sb803:13" in (r.subject_id, r.object_id) for r in found)
    assert all(not r.inferred for r in found)


def test_mappings_into_one_framework() -> None:
    found = cw.mappings("ca-sb803:13", to="samhsa-2015")
    assert [(r.subject_id, r.predicate, r.object_id) for r in found] == [
        ("samhsa-2015:VIII", C, "ca-sb803:13"),
        ("samhsa-2015:VIII.5", B, "ca-sb803:13"),
        ("samhsa-2015:VIII.4", B, "ca-sb803:13"),
        ("samhsa-2015:VIII.2", B, "ca-sb803:13"),
        ("samhsa-2015:VIII.3", R, "ca-sb803:13"),
    ]
    assert cw.mappings("ca-sb803:13", to="bja-prss-2020") == ()


def test_curated_no_matches_are_mappings_of_the_item_too() -> None:
    found = cw.mappings("ca-sb803:17", to="rfc-forensic-2017")
    assert len(found) == 1
    assert found[0].no_term_found
    assert not found[0].positive


def test_unknown_ids_and_frameworks_raise_unknown_id_error_with_suggestions() -> None:
    with pytest.raises(pc.UnknownIdError, match="samhsa-2015:VIII"):
        cw.mappings("samhsa-2015:VIII.9")
    with pytest.raises(pc.UnknownIdError, match="ca-sb803"):
        cw.mappings("samhsa-2015:VIII", to="ca-sb80")
    with pytest.raises(LookupError):
        cw.translate(["nope:1"], to="ca-sb803")


def test_inferred_mappings_read_every_mapping_from_the_item() -> None:
    found = cw.mappings("ca-sb803:13", inferred=True)
    assert all(r.subject_id == "ca-sb803:13" for r in found)
    inverted = next(r for r in found if r.object_id == "samhsa-2015:VIII")
    assert inverted.predicate is C
    assert inverted.justification is Justification.MAPPING_INVERSION
    assert inverted.confidence == 0.9
    assert len(inverted.path) == 1
    assert inverted.path[0].inverted
    assert inverted.path[0].record is not None
    assert inverted.path[0].record.subject_id == "samhsa-2015:VIII"


def test_inversion_swaps_broad_and_narrow() -> None:
    found = cw.mappings("samhsa-2015:VIII", to="icrc-pr", inferred=True)
    direct = next(r for r in found if r.object_id == "icrc-pr:4.12")
    assert direct.predicate is N
    assert direct.justification is Justification.MAPPING_INVERSION


def test_chained_mappings_carry_the_path_that_explains_them() -> None:
    found = cw.mappings("ca-sb803:13.S2", to="samhsa-2015", inferred=True)
    chained = next(r for r in found if r.object_id == "samhsa-2015:VIII")
    assert chained.justification is Justification.MAPPING_CHAINING
    assert chained.predicate is B
    steps = chained.path
    assert steps[0].subject_id == "ca-sb803:13.S2"
    assert steps[-1].object_id == "samhsa-2015:VIII"
    assert all(a.object_id == b.subject_id for a, b in itertools.pairwise(steps))
    assert [s.relation for s in steps] == ["skos:broader", "skos:closeMatch"]


def test_a_chain_runs_through_the_items_own_statement_level_mapping_before_its_category() -> None:
    """CalMHSA 14.S6 reaches SAMHSA VI both through its own word-for-word source, IC&RC 4.10
    (which seed 004 files under VI, a related filing), and through its competency 14 (close to
    VI, a broad match at 0.77): the chain from its own statement-level mapping is chosen."""
    found = cw.mappings("ca-sb803:14.S6", to="samhsa-2015", inferred=True)
    chained = next(r for r in found if r.object_id == "samhsa-2015:VI")
    assert chained.predicate is R
    assert [s.relation for s in chained.path] == ["skos:exactMatch", "skos:relatedMatch"]
    assert chained.path[0].object_id == "icrc-pr:4.10"
    coarse = cw.default().mappings("ca-sb803:14", to="samhsa-2015", inferred=False)
    assert any(r.subject_id == "samhsa-2015:VI" and r.predicate is C for r in coarse)


def test_a_chain_is_less_sure_than_each_of_its_steps() -> None:
    found = [r for r in cw.mappings("peer-support-17:12", inferred=True) if len(r.path) > 1]
    assert found
    for chained in found:
        assert chained.confidence is not None
        product = 1.0
        for step in chained.path:
            product *= step.confidence
            assert chained.confidence < step.confidence
        expected = product * DECAY ** (len(chained.path) - 1)
        assert chained.confidence == pytest.approx(expected, abs=1e-4)


def test_inferred_mappings_never_target_the_items_own_framework() -> None:
    for item_id in ("bja-prss-2020:4.8", "samhsa-2015:VI", "ca-sb803:14"):
        found = cw.mappings(item_id, inferred=True)
        framework = item_id.partition(":")[0]
        assert all(not r.object_id.startswith(f"{framework}:") for r in found if r.positive), (
            item_id
        )


def test_a_curated_negative_blocks_the_inference_it_denies() -> None:
    found = cw.mappings("peer-support-17:10", to="samhsa-2015", inferred=True)
    to_viii = [r for r in found if r.object_id == "samhsa-2015:VIII"]
    assert {(r.predicate, r.negated) for r in to_viii} == {(R, False), (C, True)}


# -- inference rules -------------------------------------------------------------------------


def test_predicates_know_their_inverse_and_strength() -> None:
    assert B.inverse is N
    assert N.inverse is B
    assert C.inverse is C
    assert [p.strength for p in (E, C, B, N, R)] == [4, 3, 2, 2, 1]
    assert {p.symmetric for p in (E, C, R)} == {True}


# -- translate() -----------------------------------------------------------------------------


def test_translate_credits_a_competency_against_another_framework_with_evidence() -> None:
    result = cw.translate(["ca-sb803:13.S2"], to="samhsa-2015")
    best = result.get("samhsa-2015:VIII")
    assert best is not None
    assert best.predicate is B
    assert best.confidence == pytest.approx(0.9 * DECAY)
    assert best.justification is Justification.MAPPING_CHAINING
    assert best.via == ("ca-sb803:13.S2", "ca-sb803:13", "samhsa-2015:VIII")
    assert best.source_id == "ca-sb803:13.S2"
    assert result.unmatched == ()


def test_translate_puts_the_finest_mapping_first() -> None:
    result = cw.translate(["samhsa-2015:VIII.1"], to="ca-sb803")
    first = next(iter(result.targets.values()))
    assert (first.target_id, first.predicate, first.direct) == ("ca-sb803:13.S4", E, True)
    # competency 13 is reached through the exact skill 13.S4, not through category VIII
    assert result.targets["ca-sb803:13"].via == (
        "samhsa-2015:VIII.1",
        "ca-sb803:13.S4",
        "ca-sb803:13",
    )


def test_translate_keeps_the_best_evidence_per_target_best_first() -> None:
    result = cw.translate(["samhsa-2015:VI", "samhsa-2015:VI.1"], to="ca-sb803")
    best = result.targets["ca-sb803:14"]
    assert (best.source_id, best.predicate, best.direct) == ("samhsa-2015:VI.1", B, True)
    direct = [c.direct for c in result.targets.values()]
    assert direct == sorted(direct, reverse=True)  # direct mappings first, then chains
    assert result.from_source("samhsa-2015:VI.1")


def test_an_asserted_mapping_wins_over_a_more_confident_chain() -> None:
    best = cw.translate(["ca-sb803:7"], to="samhsa-2015").targets["samhsa-2015:VII"]
    assert best.direct
    assert best.predicate is R
    assert best.confidence == 0.45
    assert best.justification is Justification.MANUAL_MAPPING_CURATION


def test_translate_reports_unmatched_sources_and_curated_no_matches() -> None:
    result = cw.translate(["ca-sb803:17", "ca-sb803:13"], to="samhsa-2015")
    assert result.unmatched == ("ca-sb803:17",)
    (no_match,) = result.no_match["ca-sb803:17"]
    assert no_match.object_id == NO_TERM_FOUND
    assert "samhsa-2015:VIII" in result


def test_translate_filters_by_predicate_and_confidence() -> None:
    ids = [i.id for i in pc.framework("samhsa-2015").items]
    everything = cw.translate(ids, to="peer-support-17")
    strong = cw.translate(ids, to="peer-support-17", predicates=["skos:exactMatch", C])
    sure = cw.translate(ids, to="peer-support-17", min_confidence=0.8)
    assert {c.predicate for c in strong.targets.values()} <= {E, C}
    assert all(c.confidence >= 0.8 for c in sure.targets.values())
    assert len(strong) < len(everything)
    assert len(sure) < len(everything)
    assert strong.targets["peer-support-17:12"].predicate is C


def test_a_predicate_filter_looks_past_an_unwanted_direct_mapping_to_a_wanted_chain() -> None:
    anything = cw.translate(["samhsa-2015:IX"], to="ca-sb803").targets["ca-sb803:16"]
    assert (anything.predicate, anything.direct) == (R, True)
    narrower = cw.translate(["samhsa-2015:IX"], to="ca-sb803", predicates=[N])
    best = narrower.targets["ca-sb803:16"]
    assert best.predicate is N
    assert best.via == ("samhsa-2015:IX", "samhsa-2015:IX.6", "ca-sb803:16")


def test_an_item_already_in_the_target_framework_is_its_own_translation() -> None:
    result = cw.translate(["samhsa-2015:VIII"], to="samhsa-2015")
    best = result.targets["samhsa-2015:VIII"]
    assert (best.predicate, best.confidence, best.path) == (E, 1.0, ())


# -- a user's framework and mappings in the graph --------------------------------------------


@pytest.fixture
def extended(tmp_path: Path) -> Crosswalk:
    framework = pc.read_framework(write_framework(tmp_path))
    mapping_set = cw.read_mappings(write_sssom(tmp_path), [framework])
    return cw.default().extended([framework], [mapping_set])


def test_a_users_framework_and_mappings_join_the_graph(extended: Crosswalk) -> None:
    graph = extended.graph()
    assert graph.nodes[f"{USER_FRAMEWORK_ID}:1"]["text"] == "Crisis support"
    assert graph.has_edge(f"{USER_FRAMEWORK_ID}:1", "samhsa-2015:VIII", key="skos:exactMatch")
    assert graph.has_edge(f"{USER_FRAMEWORK_ID}:1.S1", f"{USER_FRAMEWORK_ID}:1")
    assert graph.graph["frameworks"][USER_FRAMEWORK_ID] == "2024"
    assert len(graph.graph["mapping_sets"]) == 2
    assert USER_FRAMEWORK_ID not in cw.graph().graph["frameworks"]


def test_a_users_items_translate_through_the_shipped_mappings(extended: Crosswalk) -> None:
    result = extended.translate([f"{USER_FRAMEWORK_ID}:1.S1"], to="ca-sb803")
    best = result.targets["ca-sb803:13"]
    assert best.predicate is B
    assert best.via == (
        f"{USER_FRAMEWORK_ID}:1.S1",
        f"{USER_FRAMEWORK_ID}:1",
        "samhsa-2015:VIII",
        "ca-sb803:13",
    )
    assert best.confidence == pytest.approx(0.9 * 0.9 * DECAY**2)
    tele = extended.translate([f"{USER_FRAMEWORK_ID}:2"], to="samhsa-2015")
    assert tele.unmatched == (f"{USER_FRAMEWORK_ID}:2",)
    assert tele.no_match[f"{USER_FRAMEWORK_ID}:2"]


def test_a_users_no_term_found_blocks_stronger_inferences(tmp_path: Path) -> None:
    framework = pc.read_framework(write_framework(tmp_path))
    records = (
        MappingRecord(
            subject_id=f"{USER_FRAMEWORK_ID}:2",
            predicate=E,
            object_id="ca-sb803:17",
            justification=Justification.MANUAL_MAPPING_CURATION,
        ),
        MappingRecord(
            subject_id=f"{USER_FRAMEWORK_ID}:2",
            predicate=C,
            object_id=NO_TERM_FOUND,
            object_source="icrc-pr",
            justification=Justification.MANUAL_MAPPING_CURATION,
        ),
    )
    mapping_set = MappingSet(
        id="https://example.org/x", license="https://example.org/l", records=records
    )
    extended = cw.default().extended([framework], [mapping_set])
    found = extended.mappings(f"{USER_FRAMEWORK_ID}:2", inferred=True)
    assert all(not (r.positive and r.object_id.startswith("icrc-pr:")) for r in found)
    assert any(r.object_id == "ca-sb803:17" for r in found)


def only_these_mappings(*rows: str) -> Crosswalk:
    """The shipped frameworks with only these mappings (see ``shipped_rows_text``)."""
    mapping_set = cw.parse_sssom(shipped_rows_text(*rows), source="mine.sssom.tsv")
    return Crosswalk(pc.frameworks(), [mapping_set], shipped=False)


def test_a_negative_on_a_pair_does_not_hide_the_chain_that_translate_finds() -> None:
    crosswalk = only_these_mappings(
        "samhsa_2015:I.1 skos:broadMatch ca_sb803:5 0.9",
        "ca_sb803:5 skos:exactMatch peer_support_17:3 0.9",
        "samhsa_2015:I.1 skos:exactMatch Not peer_support_17:3 0.9",
    )
    best = crosswalk.translate(["samhsa-2015:I.1"], to="peer-support-17").targets[
        "peer-support-17:3"
    ]
    found = crosswalk.mappings("samhsa-2015:I.1", to="peer-support-17", inferred=True)
    chained = [r for r in found if r.positive]
    assert [(r.object_id, r.predicate, r.confidence) for r in chained] == [
        ("peer-support-17:3", best.predicate, best.confidence)
    ]
    assert best.predicate is B
    assert chained[0].path == best.path
    assert any(r.negated for r in found)  # the curated negative is listed too


def test_a_mapping_stated_without_confidence_counts_as_fully_confident_everywhere() -> None:
    stated = cw.parse_sssom(
        shipped_rows_text("samhsa_2015:I skos:relatedMatch ca_sb803:1 -"), source="stated.sssom.tsv"
    )
    weaker = cw.parse_sssom(
        shipped_rows_text(
            "samhsa_2015:I skos:relatedMatch ca_sb803:1 0.5", set_id="https://example.org/weak"
        ),
        source="weaker.sssom.tsv",
    )
    crosswalk = Crosswalk(pc.frameworks(), [weaker, stated], shipped=False)
    edge = crosswalk.graph().get_edge_data("samhsa-2015:I", "ca-sb803:1", key=R.value)
    assert edge["confidence"] is None  # the edge keeps the record that counts for more
    assert set(edge["mapping_sets"]) == {stated.id, weaker.id}
    best = crosswalk.translate(["samhsa-2015:I"], to="ca-sb803").targets["ca-sb803:1"]
    assert best.confidence == 1.0
    first = crosswalk.mappings("samhsa-2015:I", to="ca-sb803")[0]
    assert first.confidence is None


def test_two_mapping_sets_that_make_the_same_statement_agree_rather_than_repeat() -> None:
    mine = cw.parse_sssom(
        shipped_rows_text("ca_sb803:13 skos:closeMatch samhsa_2015:VIII 0.8"),
        source="mine.sssom.tsv",
    )
    assert cw.default().extended(mapping_sets=[mine]).problems() == ()
    twice = cw.parse_sssom(
        shipped_rows_text(
            "ca_sb803:13 skos:closeMatch samhsa_2015:VIII 0.8",
            "samhsa_2015:VIII skos:closeMatch ca_sb803:13 0.8",
        ),
        source="twice.sssom.tsv",
    )
    kinds = [p.kind for p in Crosswalk(pc.frameworks(), [twice], shipped=False).problems()]
    assert kinds == ["stated-twice"]


@pytest.mark.parametrize(
    ("call", "says"),
    [
        pytest.param(
            lambda: cw.translate("samhsa-2015:VIII.4", to="ca-sb803"),
            "ids is a list of item ids, not one text 'samhsa-2015:VIII.4'",
            id="one-id-as-text",
        ),
        pytest.param(
            lambda: cw.translate([4], to="ca-sb803"),  # type: ignore[list-item]
            "ids[0] is int 4",
            id="an-id-that-is-no-text",
        ),
        pytest.param(
            lambda: cw.translate(["samhsa-2015:VIII.4"], to=None),  # type: ignore[arg-type]
            "a framework id is text, not NoneType None",
            id="no-target",
        ),
        pytest.param(
            lambda: cw.translate(["samhsa-2015:VIII.4"], to="ca-sb803", predicates=["exact"]),
            "'exact' is not a mapping predicate (did you mean 'skos:exactMatch'? use",
            id="predicate-label",
        ),
        pytest.param(
            lambda: cw.translate(["samhsa-2015:VIII.4"], to="ca-sb803", predicates=[]),
            "predicates is empty",
            id="no-predicate",
        ),
        pytest.param(
            lambda: cw.translate(["samhsa-2015:VIII.4"], to="ca-sb803", predicates="skos:x"),
            "predicates is a list of predicates, not one text 'skos:x'",
            id="one-predicate-as-text",
        ),
        pytest.param(
            lambda: cw.translate(["samhsa-2015:VIII.4"], to="ca-sb803", min_confidence=2),
            "min_confidence 2 is not a number from 0 to 1",
            id="confidence-above-one",
        ),
        pytest.param(
            lambda: cw.translate(
                ["samhsa-2015:VIII.4"], to="ca-sb803", min_confidence=float("nan")
            ),
            "min_confidence nan is not a number from 0 to 1",
            id="confidence-nan",
        ),
        pytest.param(
            lambda: cw.default().translate(["samhsa-2015:VIII.4"], to="ca-sb803", max_hops=0),
            "max_hops 0 is not a whole number of steps of at least 1",
            id="translate-no-hops",
        ),
        pytest.param(
            lambda: cw.default().mappings("samhsa-2015:VIII.4", inferred=True, max_hops=0),
            "max_hops 0 is not a whole number of steps of at least 1",
            id="mappings-no-hops",
        ),
        pytest.param(
            lambda: cw.completeness("samhsa-2015"),
            "frameworks is a list of framework ids, not one text 'samhsa-2015'",
            id="completeness-one-text",
        ),
        pytest.param(
            lambda: cw.completeness(["ca-sb803", "ca-sb803"]),
            "repeat ca-sb803",
            id="completeness-repeat",
        ),
        pytest.param(
            lambda: cw.default().lookup(None),  # type: ignore[arg-type]
            "an item id is text, not NoneType None",
            id="lookup-none",
        ),
    ],
)
def test_a_query_with_a_bad_argument_says_which_and_how_to_fix_it(
    call: Callable[[], object], says: str
) -> None:
    with pytest.raises(pc.InputError) as caught:
        call()
    assert says in str(caught.value)
    assert caught.value.fix


def test_one_hop_means_the_asserted_mappings_only() -> None:
    found = cw.default().mappings("ca-sb803:13.S2", to="samhsa-2015", inferred=True, max_hops=1)
    assert found == ()
    found = cw.default().mappings("samhsa-2015:VIII", to="ca-sb803", inferred=True, max_hops=1)
    assert found
    assert not any(len(r.path) > 1 for r in found)
    translation = cw.default().translate(["ca-sb803:13.S2"], to="samhsa-2015", max_hops=1)
    assert len(translation) == 0
