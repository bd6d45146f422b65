"""The JSON Schemas of the package's own formats: shipped as the code makes them, valid for every
shipped file and example, and refusing what the readers refuse (a property test that mutates
valid documents: a key dropped, an unknown key added, a value of another JSON type)."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import eligibility as el
from peer_competencies._schemas import SCHEMAS, build, schema
from tests.support import REPO, main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

DATA = REPO / "src" / "peer_competencies" / "data"
Validator = jsonschema.protocols.Validator


def _validator(name: str) -> Validator:
    document = schema(name)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def _plain(value: Any) -> Any:
    """Decoded YAML or TOML as JSON holds it (dates as text)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def _load(path: Path) -> Any:
    if path.suffix == ".toml":
        return _plain(tomllib.loads(path.read_text(encoding="utf-8")))
    if path.suffix in (".yaml", ".yml"):
        return _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_shipped_schemas_are_what_the_code_makes(name: str) -> None:
    shipped = json.loads((DATA / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert shipped == build(name), "run: python -m peer_competencies._schemas"
    jsonschema.Draft202012Validator.check_schema(shipped)
    assert shipped["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _shipped_files() -> Iterator[tuple[str, Path]]:
    for path in sorted((DATA / "frameworks").glob("*.json")):
        yield "framework", path
    for path in sorted((DATA / "credentials").glob("*.json")):
        yield "credential", path
    for path in sorted((DATA / "requirements").glob("*.json")):
        yield "requirement", path
    for path in sorted((REPO / "examples").iterdir()):
        if path.suffix == ".toml" or path.name.startswith("syllabus"):
            yield "syllabus", path
        elif path.name.startswith("applicant"):
            yield "applicant", path
        elif path.suffix == ".json" and path.name != "applicant.json":
            yield "framework", path


SHIPPED = list(_shipped_files())


@pytest.mark.parametrize(("name", "path"), SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_every_shipped_data_file_and_example_is_valid(name: str, path: Path) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(_load(path))
    ]
    assert errors == []


def test_the_shipped_files_cover_every_format_but_the_roster() -> None:
    assert {name for name, _ in SHIPPED} == set(SCHEMAS) - {"roster"}
    assert len([p for n, p in SHIPPED if n == "credential"]) == len(el.credentials())


def test_every_row_of_the_example_roster_is_valid_and_a_wrong_column_is_not() -> None:
    validator = _validator("roster")
    with (REPO / "examples" / "roster.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        assert list(validator.iter_errors(row)) == []
    assert all(c in schema("roster")["properties"] or "." in c for c in el.roster_columns())
    assert not validator.is_valid({"trainings.1.hour": "3"})
    assert validator.is_valid({"trainings.12.hours": "3"})


def test_the_command_line_prints_a_schema_and_the_api_returns_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "syllabus"]) == 0
    assert json.loads(capsys.readouterr().out) == schema("syllabus") == pc.schema("syllabus")
    with pytest.raises(pc.InputError, match="unknown schema"):
        pc.schema("syllabi")


# --- the property: the schema refuses what the reader refuses --------------------------------

_POOL: list[Any] = [None, True, 17, -3.5, "zz text", [], {}]
_MAPS = {"sources"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*path, index))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def _mutations(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with one change: a key dropped, an unknown key added, or a value replaced
    by one of another JSON type (a reader's semantic checks, such as a parent that exists, are
    beyond a schema and are not what this tests)."""
    mutated = copy.deepcopy(document)
    places = list(_places(mutated))
    objects = [(p, v) for p, v in places if isinstance(v, dict)]
    # an entry of a map other keys refer to (a credential's sources) is not dropped: a rule
    # naming it is a reference a schema cannot follow
    keyed = [(p, k) for p, v in objects for k in v if not (p and p[-1] in _MAPS)]
    kind = draw(st.sampled_from(["drop", "add", "retype"]))
    if kind == "drop" and keyed:
        path, key = draw(st.sampled_from(keyed))
        del _at(mutated, path)[key]
    elif kind == "add":
        path, _ = draw(st.sampled_from(objects))
        _at(mutated, path)["zz_unknown"] = "zz text"
    else:
        path, value = draw(st.sampled_from([(p, v) for p, v in places if p]))
        other = draw(st.sampled_from([v for v in _POOL if _kind(v) != _kind(value)]))
        _at(mutated, path[:-1])[path[-1]] = other
    return mutated


def _accepts(read: Callable[[Any], object], document: Any) -> bool:
    try:
        read(document)
    except pc.InputError:
        return False
    return True


def _read_framework(data: Any) -> object:
    return pc.parse_framework(data, source="<mutated>")


def _read_syllabus(data: Any) -> object:
    return cov.parse_syllabus(data, source="<mutated>")


def _read_credential(data: Any) -> object:
    return el.parse_credential(data, source="<mutated>")


def _read_requirement(data: Any) -> object:
    from peer_competencies._structure import strict_converter, structure

    return structure(strict_converter(), data, cov.CurriculumRequirement, "<mutated>", "see docs")


def _read_applicant(data: Any) -> object:
    return el.parse_applicant(data)


CASES = [
    ("framework", REPO / "examples" / "acme-state.json", _read_framework),
    ("framework", DATA / "frameworks" / "samhsa-recovery-principles.json", _read_framework),
    ("syllabus", REPO / "examples" / "ca-core-80h.toml", _read_syllabus),
    ("credential", DATA / "credentials" / "ca-pss.json", _read_credential),
    ("credential", DATA / "credentials" / "pa-cps.json", _read_credential),
    ("requirement", DATA / "requirements" / "ca-sb803.json", _read_requirement),
    ("applicant", REPO / "examples" / "applicant.json", _read_applicant),
]


@pytest.mark.parametrize(("name", "path", "read"), CASES, ids=[p.name for _, p, _ in CASES])
def test_the_schema_and_the_reader_refuse_the_same_mutated_documents(
    name: str, path: Path, read: Callable[[Any], object]
) -> None:
    document = _load(path)
    validator = _validator(name)
    assert validator.is_valid(document)
    assert _accepts(read, document)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_mutations(document))
    def check(mutated: Any) -> None:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(mutated)]
        assert (errors == []) == _accepts(read, mutated), errors

    check()


def test_an_applicant_date_in_the_future_is_beyond_the_schema_but_not_the_reader() -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    document = {"date_of_birth": future}
    assert _validator("applicant").is_valid(document)
    assert not _accepts(_read_applicant, document)


def test_a_credential_with_a_list_or_number_where_text_belongs_is_an_input_error() -> None:
    document = _load(DATA / "credentials" / "pa-cps.json")
    for key, value in (("source", []), ("section", 17)):
        wrong = copy.deepcopy(document)
        wrong["pathways"][0]["all_of"][0][key] = value
        with pytest.raises(pc.InputError, match=r"\$\.pathways\[0\]"):
            _read_credential(wrong)
    wrong = copy.deepcopy(document)
    wrong["pathways"][0]["all_of"][0]["test"]["kind"] = []
    with pytest.raises(pc.InputError, match="a test is an object whose kind is one of"):
        _read_credential(wrong)
    wrong = copy.deepcopy(document)
    wrong["pathways"][0]["description"] = 17
    with pytest.raises(pc.InputError, match=r"\$\.pathways\[0\]\.description: expected str"):
        _read_credential(wrong)


def test_each_schema_description_names_a_reader_that_is_public_and_reads_that_format() -> None:
    import re
    import warnings

    import peer_competencies as pc
    from peer_competencies import coverage, eligibility
    from peer_competencies._schemas import SCHEMAS

    for name, description in SCHEMAS.items():
        for reader in re.findall(r"\bread_\w+", description):
            module = next(m for m in (pc, coverage, eligibility) if reader in m.__all__)
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                getattr(module, reader)
        assert "Excel" not in description or name == "syllabus", name
