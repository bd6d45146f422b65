"""The shipped frameworks' compiled form (``data/compiled``): current, and building frameworks
equal to those of the strict reader; a stale compiled file is never used.

Speed itself is measured by ``benchmarks/bench_load.py``, never here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import peer_competencies as pc
from peer_competencies import _compiled, _load
from peer_competencies._resources import data_folder
from tests.test_fast_paths import framework_data

IDS = _load.database().framework_ids()


def _source(framework_id: str) -> Path:
    return Path(str(data_folder("frameworks", f"{framework_id}.json")))


def _same(a: pc.Framework, b: pc.Framework) -> None:
    assert a == b
    assert (a.source, a.notes, a.editorial_notes) == (b.source, b.notes, b.editorial_notes)
    for x, y in zip(a.items, b.items, strict=True):
        assert (x.citation, x.origins, x.children_ids, x.notes) == (
            y.citation,
            y.origins,
            y.children_ids,
            y.notes,
        )


def test_every_shipped_framework_has_a_compiled_form() -> None:
    assert _compiled.COMPILED.names() == IDS, "run: python -m peer_competencies._compiled"


@pytest.mark.parametrize("framework_id", IDS)
def test_each_compiled_file_is_current(framework_id: str) -> None:
    source = _source(framework_id)
    expected = _compiled.compile_framework(pc.read_framework(source), source.read_bytes())
    shipped = json.loads(_compiled.COMPILED.read(framework_id) or b"null")
    assert shipped == expected, "run: python -m peer_competencies._compiled"


@pytest.mark.parametrize("framework_id", IDS)
def test_the_compiled_form_builds_what_the_strict_reader_builds(framework_id: str) -> None:
    strict = pc.read_framework(_source(framework_id))
    _same(_compiled.COMPILED[framework_id], strict)
    _same(pc.framework(framework_id), strict)


def test_a_compiled_file_made_from_other_bytes_is_not_used() -> None:
    source = _source("samhsa-2015").read_bytes()
    edited = source.replace(b"Helps peers to manage crises", b"Helps peers to manage crisis")
    assert edited != source
    framework = _load._parse_shipped(edited, "samhsa-2015.json", "samhsa-2015")
    assert framework.lookup("VIII").text == "Helps peers to manage crisis"


def test_the_database_reads_the_compiled_form(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = _compiled.build

    def build(data: dict[str, Any]) -> pc.Framework:
        built.append(data["id"])
        return real(data)

    monkeypatch.setattr(_compiled, "build", build)
    assert _load._Database().framework("icrc-pr") == pc.framework("icrc-pr")
    assert built == ["icrc-pr"]


@settings(max_examples=60, deadline=None)
@given(framework_data())
def test_any_framework_reads_the_same_through_its_compiled_form(data: dict[str, Any]) -> None:
    raw = json.dumps(data).encode()
    strict = pc.parse_framework(json.loads(raw), source="framework.json")
    compiled = json.loads(json.dumps(_compiled.compile_framework(strict, raw)))
    assert _compiled.matches(compiled, raw)
    _same(_compiled.build(compiled), strict)
