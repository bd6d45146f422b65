"""The fast paths give what the strict paths give, and a cold start does only what it needs.

Speed itself is measured by the scripts in ``benchmarks/``, never here.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import _load, _resources

words = st.text(st.sampled_from("abcdefgh "), min_size=1, max_size=12).map(
    lambda t: " ".join(t.split()) or "x"
)
optional_words = st.none() | words
citation_data = st.fixed_dictionaries(
    {"title": words, "publisher": words},
    optional={
        "year": st.integers(1990, 2030),
        "url": words,
        "section": optional_words,
        "checked_on": st.sampled_from(["2024-05-01", "2026-01-31"]),
    },
)


@st.composite
def framework_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid framework file: parents before children, sections often shared, some items
    with their own source, origins and notes."""
    count = draw(st.integers(1, 12))
    items = []
    for n in range(count):
        item: dict[str, Any] = {
            "code": f"C{n}",
            "kind": draw(st.sampled_from([k.value for k in pc.Kind])),
            "text": draw(words),
            "section": draw(st.sampled_from(["Part 1", "Part 2", f"Item {n}"])),
        }
        if n and draw(st.booleans()):
            item["parent"] = f"C{draw(st.integers(0, n - 1))}"
        for key, value in (
            ("description", words),
            ("label", words),
            ("source", citation_data),
            (
                "origins",
                st.lists(
                    st.fixed_dictionaries(
                        {"framework": st.sampled_from(["a", "b"])},
                        optional={"code": optional_words, "tag": optional_words},
                    ),
                    max_size=3,
                ),
            ),
            ("notes", st.lists(words, max_size=2)),
        ):
            if draw(st.booleans()):
                item[key] = draw(value)
        items.append(item)
    data: dict[str, Any] = {
        "format": 1,
        "id": "my-framework",
        "title": draw(words),
        "version": "1",
        "source": draw(citation_data),
        "items": items,
    }
    if draw(st.booleans()):
        data["notes"] = [
            {"code": "Q1", "title": draw(words), "text": draw(words), "source": draw(citation_data)}
        ]
    if draw(st.booleans()):
        data["attribution_confirmed"] = False
        data["attribution_note"] = draw(words)
    if draw(st.booleans()):
        data["editorial_notes"] = draw(st.lists(words, max_size=2))
    return data


def test_every_shipped_framework_reads_the_same_fast_and_strictly() -> None:
    folder = _resources.data_folder("frameworks")
    for framework_id in _load.database().framework_ids():
        path = Path(str(folder.joinpath(f"{framework_id}.json")))
        strict = pc.read_framework(path)
        assert pc.framework(framework_id) == strict
        assert [i.citation for i in strict] == [i.citation for i in pc.framework(framework_id)]


def test_a_shipped_framework_is_freed_without_the_cyclic_collector() -> None:
    gc.disable()
    try:
        framework = _load._Database().framework("samhsa-2015")
        item = framework.lookup("VIII.4")
        freed = weakref.ref(framework)
        del framework
        assert freed() is None
        assert item.framework is pc.framework("samhsa-2015")  # found by its framework id
        assert item.parent == pc.lookup("samhsa-2015:VIII")
    finally:
        gc.enable()


def test_a_users_framework_lives_as_long_as_one_of_its_items() -> None:
    path = _resources.data_folder("frameworks", "samhsa-2015.json")
    item = pc.read_framework(Path(str(path))).lookup("VIII.4")
    assert item.framework is not pc.framework("samhsa-2015")
    assert item.framework == pc.framework("samhsa-2015")
    assert item.parent is not None
    assert item.parent.id == "samhsa-2015:VIII"


def test_the_data_folder_on_disk_holds_what_the_package_resources_hold() -> None:
    on_disk = _resources.data_folder("frameworks")
    packaged = _resources._packaged("frameworks")
    assert isinstance(on_disk, Path)
    assert sorted(e.name for e in on_disk.iterdir()) == sorted(e.name for e in packaged.iterdir())
    name = "samhsa-2015.json"
    assert on_disk.joinpath(name).read_bytes() == packaged.joinpath(name).read_bytes()


def _printed_by(code: str) -> list[str]:
    """The lines a new interpreter prints running ``code`` with this package."""
    env = {**os.environ, "PYTHONPATH": str(Path(pc.__file__).parent.parent)}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return run.stdout.splitlines()


def test_a_first_lookup_imports_no_zip_support_and_makes_no_converter() -> None:
    code = (
        "import sys, peer_competencies as pc\n"
        "pc.lookup('samhsa-2015:VIII.4')\n"
        "model = vars(sys.modules['peer_competencies._model'])\n"
        "zip_support = ('zipfile', 'tempfile', 'importlib.resources')\n"
        "print(sorted(m for m in zip_support if m in sys.modules))\n"
        "print('converter' in model, pc._load._converter.cache_info().currsize)\n"
        "print(pc.converter is model['converter'])\n"
    )
    assert _printed_by(code) == ["[]", "False 0", "True"]


def _mixed_syllabus() -> Any:
    """Modules naming ids of every framework (most credit goes through the crosswalk), bare
    codes, named hours, no hours, and modules naming nothing."""
    from peer_competencies import coverage as cov

    ids = [i.id for f in pc.frameworks() for i in f.items if i.kind is not pc.Kind.QUALIFICATION]
    modules: list[dict[str, Any]] = []
    for n in range(60):
        chosen = [] if n % 10 == 0 else [ids[(n * 37 + k * 101) % len(ids)] for k in range(3)]
        module: dict[str, Any] = {
            "id": f"M{n}",
            "title": f"Module {n}",
            "description": pc.lookup(ids[(n * 13) % len(ids)]).text,
            "competencies": list(dict.fromkeys(chosen)),
            "measures": ["quiz"] if n % 3 else [],
        }
        if n % 7:
            module["hours"] = 1 + n % 4
        if n % 7 and n % 5 == 1 and chosen:
            module["hours_by_competency"] = {chosen[0]: 0.5}
        modules.append(module)
    return cov.parse_syllabus({"program": {"title": "Mixed"}, "modules": modules}, source="mixed")


def test_coverage_through_the_reach_tables_equals_coverage_through_the_crosswalk() -> None:
    from peer_competencies import coverage as cov
    from peer_competencies.coverage import _credit

    syllabus = _mixed_syllabus()
    examples = Path(__file__).parent.parent / "examples"
    for framework in _load.database().framework_ids():
        for via in (True, False):
            fast = cov.coverage(syllabus, framework, via_crosswalk=via)
            plain = cov.coverage(
                syllabus, framework, via_crosswalk=via, translate=_credit._crosswalk
            )
            assert fast == plain
    example = cov.read_syllabus(examples / "ca-core-80h.toml")
    assert cov.coverage(example, "samhsa-2015") == cov.coverage(
        example, "samhsa-2015", translate=_credit._crosswalk
    )


def test_kept_paths_answer_as_a_new_crosswalk_does() -> None:
    """The crosswalk keeps each item's searched paths and best paths; answers after that (other
    targets, filters, fewer hops) equal those of a crosswalk that kept nothing yet."""
    from peer_competencies import crosswalk as cw

    warmed = cw.Crosswalk()
    sources = [i.id for i in warmed.framework("samhsa-2015").items][:25]
    for item_id in sources:  # fill what is kept
        warmed.mappings(item_id, inferred=True)
        warmed.translate([item_id], to="ca-sb803")
    queries: list[tuple[str, dict[str, Any]]] = [
        ("ca-sb803", {}),
        ("ca-sb803", {"predicates": ["skos:exactMatch", "skos:closeMatch"]}),
        ("ca-sb803", {"min_confidence": 0.6}),
        ("peer-support-17", {"max_hops": 2}),
        ("bja-prss-2020", {}),
    ]
    for to, options in queries:
        assert warmed.translate(sources, to=to, **options) == cw.Crosswalk().translate(
            sources, to=to, **options
        )
    for item_id in sources:
        fresh = cw.Crosswalk()
        assert warmed.mappings(item_id, inferred=True) == fresh.mappings(item_id, inferred=True)
        assert warmed.mappings(item_id, to="icrc-pr", inferred=True, max_hops=2) == (
            cw.Crosswalk().mappings(item_id, to="icrc-pr", inferred=True, max_hops=2)
        )


def test_the_graph_holds_every_item_and_every_positive_mapping_once() -> None:
    from peer_competencies import crosswalk as cw

    walk = cw.Crosswalk()
    walk.mappings("samhsa-2015:VIII.4", inferred=True)  # queries build no graph
    graph = walk.graph()
    items = [i for f in walk.frameworks.values() for i in f.items]
    assert list(graph.nodes) == [i.id for i in items]
    hierarchy = [(u, v) for u, v, k in graph.edges(keys=True) if k == "skos:broader"]
    assert hierarchy == [(i.id, i.parent_id) for i in items if i.parent_id is not None]
    positive = {(r.subject_id, r.object_id, r.predicate.value) for r in walk.records if r.positive}
    mapped = [(u, v, k) for u, v, k in graph.edges(keys=True) if k != "skos:broader"]
    assert sorted(mapped) == sorted(positive)
    assert graph.nodes["samhsa-2015:VIII.4"]["framework"] == "samhsa-2015"


def test_crosswalk_queries_import_no_networkx() -> None:
    code = (
        "import sys\n"
        "from peer_competencies import crosswalk as cw\n"
        "cw.default().mappings('samhsa-2015:VIII.4', inferred=True)\n"
        "cw.translate(['samhsa-2015:VIII.4'], to='ca-sb803')\n"
        "print('networkx' in sys.modules)\n"
        "cw.default().graph()\n"
        "print('networkx' in sys.modules)\n"
    )
    assert _printed_by(code) == ["False", "True"]
