"""JSON Schemas (2020-12) of the package's own file formats, shipped in ``data/schemas/``.

The schemas are generated from the classes the readers structure the files into (the same attrs
classes, enums and the same strict rules: exact types, no unknown keys, hours from 0 to a
million), so a format changes in one place; a test holds the shipped files equal to what
:func:`build` makes now (``python -m peer_competencies._schemas`` rewrites them). They say what a
JSON Schema can: the readers also check what it cannot (a parent code that exists, a vocabulary
name, a date not in the future, ids that repeat).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args, get_origin

import attrs

from ._resources import Table, source_folder
from ._structure import MAX_HOURS, Hours, choose

__all__ = ["SCHEMAS", "build", "schema", "schema_arguments", "schema_text"]

SCHEMAS: Mapping[str, str] = {
    "framework": "a framework file (data/frameworks/*.json, read_framework)",
    "credential": "a credential file (data/credentials/*.json)",
    "requirement": "a curriculum requirement file (data/requirements/*.json)",
    "syllabus": "a syllabus file (JSON, YAML or TOML; read_syllabus)",
    "applicant": "an applicant file (JSON or YAML; read_applicant)",
    "roster": "one row of a roster (CSV; read_roster): its columns",
}
"""The schema names, each with what it describes."""

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://peer-competencies.github.io/schemas/"
_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_HOURS = {"type": "number", "minimum": 0, "maximum": MAX_HOURS}


class _Builder:
    """Turns types into schemas, collecting the classes in ``$defs``.

    ``from_text`` mirrors a converter made ``from_text`` (applicant records): a number, a
    bool, a date or an enum value may also be written as text."""

    def __init__(self, from_text: bool = False) -> None:
        self.from_text = from_text
        self.defs: dict[str, Any] = {}
        self.overrides: dict[tuple[type, str], dict[str, Any]] = {}
        self.skipped: set[tuple[type, str]] = set()

    def of(self, tp: Any) -> dict[str, Any]:
        origin, args = get_origin(tp), get_args(tp)
        if tp is Hours:
            return self.textual(dict(_HOURS), r"^\s*[0-9][0-9,]*(\.[0-9]*)?\s*$")
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return self.textual(
                {"type": "boolean"},
                r"^\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[YyNn]|[Yy][Ee][Ss]|[Nn][Oo]|[01])\s*$",
            )
        if tp is int:
            return self.textual({"type": "integer"}, r"^\s*[+-]?[0-9][0-9,]*(\.0*)?\s*$")
        if tp is float:
            return self.textual(
                {"type": "number"},
                r"^\s*[+-]?([0-9][0-9,]*(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$",
            )
        if tp is dt.date:
            return dict(_DATE) if not self.from_text else {"type": "string", "format": "date"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [member.value for member in tp]
            if self.from_text:
                return {
                    "type": "string",
                    "pattern": "^\\s*(" + "|".join(_any_case(v) for v in values) + ")\\s*$",
                }
            return {"enum": values}
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            options = [a for a in args if a is not type(None)]
            found = [self.of(a) for a in options]
            if len(options) < len(args):
                found.append({"type": "null"})
            return found[0] if len(found) == 1 else {"anyOf": found}
        if origin in (tuple, list, Sequence) and (
            not args or args[-1] is Ellipsis or origin is not tuple
        ):
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin in (dict, Mapping) or tp is dict:
            return {"type": "object", "additionalProperties": self.of(args[1]) if args else {}}
        if tp is Any or tp is object:
            return {}
        if attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def textual(self, schema: dict[str, Any], pattern: str) -> dict[str, Any]:
        if not self.from_text:
            return schema
        return {"anyOf": [schema, {"type": "string", "pattern": pattern}]}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__.lstrip("_")
        if name not in self.defs:
            self.defs[name] = {}  # placed first: a class may refer to itself
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type, *, doc: str | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        for field in attrs.fields(cls):
            if (cls, field.name) in self.skipped or not field.init:
                continue
            prop = self.overrides.get((cls, field.name)) or self.of(hints[field.name])
            if getattr(field.validator, "__name__", "") == "_non_negative":
                prop = _at_least_zero(prop)
            properties[field.alias or field.name] = prop
            if field.default is attrs.NOTHING:
                required.append(field.alias or field.name)
        found: dict[str, Any] = {"type": "object"}
        description = doc or (cls.__doc__ or "").strip().split("\n\n")[0]
        if description:
            found["description"] = " ".join(description.split())
        found["properties"] = properties
        if required:
            found["required"] = required
        found["additionalProperties"] = False
        return found


def _at_least_zero(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with every number in it at least 0 (a field the reader holds non-negative)."""
    if schema.get("type") in ("number", "integer"):
        return {**schema, "minimum": 0}
    if "anyOf" in schema:
        return {"anyOf": [_at_least_zero(s) for s in schema["anyOf"]]}
    return schema


def _any_case(value: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else _escape(c) for c in str(value))


def _escape(c: str) -> str:
    return "\\" + c if c in r".^$*+?{}[]\|()" else c


def _document(name: str, title: str, root: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{name}.schema.json",
        "title": title,
        "description": SCHEMAS[name].capitalize() + ", as the package reads it.",
        **root,
    }
    if defs:
        document["$defs"] = dict(sorted(defs.items()))
    return document


def _framework() -> dict[str, Any]:
    from ._load import _FileFramework, _FileItem

    b = _Builder()
    b.overrides[(_FileFramework, "format")] = {"const": 1}
    b.overrides[(_FileFramework, "id")] = {"type": "string", "pattern": _ID}
    b.overrides[(_FileFramework, "items")] = {
        "type": "array",
        "minItems": 1,
        "items": b.ref(_FileItem),
    }
    root = b.object(_FileFramework, doc="A competency framework: its source and every item.")
    return _document("framework", "peer_competencies framework file", root, b.defs)


def _requirement() -> dict[str, Any]:
    from .coverage._requirements import CurriculumRequirement as Requirement

    b = _Builder()
    b.overrides[(Requirement, "format")] = {"const": 1}
    b.overrides[(Requirement, "total_hours_at_least")] = {"anyOf": [dict(_HOURS), {"type": "null"}]}
    root = b.object(Requirement)
    return _document("requirement", "peer_competencies curriculum requirement file", root, b.defs)


def _syllabus() -> dict[str, Any]:
    from .coverage._syllabus import Module, Program, Syllabus

    b = _Builder()
    text = {"type": "string", "pattern": r"\S"}
    code = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]}
    b.overrides[(Module, "id")] = text
    b.overrides[(Module, "title")] = text
    b.overrides[(Module, "competencies")] = {"type": "array", "items": code}
    b.overrides[(Module, "hours_by_competency")] = {
        "type": "object",
        "propertyNames": {"pattern": r"\S"},
        "additionalProperties": dict(_HOURS),
    }
    b.skipped |= {(Syllabus, "source"), (Syllabus, "rows")}
    module = b.ref(Module)
    b.defs["Module"]["if"] = {
        "properties": {"hours_by_competency": {"minProperties": 1}},
        "required": ["hours_by_competency"],
    }
    b.defs["Module"]["then"] = {  # named hours divide the module's: it must give them
        "properties": {"hours": dict(_HOURS)},
        "required": ["hours"],
    }
    root = b.object(Syllabus, doc="A syllabus: the programme and its modules, in order.")
    root["properties"]["modules"] = {"type": "array", "minItems": 1, "items": module}
    b.ref(Program)
    return _document("syllabus", "peer_competencies syllabus file", root, b.defs)


def _applicant() -> dict[str, Any]:
    from .eligibility._applicant import Applicant

    b = _Builder(from_text=True)
    root = b.object(Applicant)
    _states(root, b.defs)
    return _document("applicant", "peer_competencies applicant file", root, b.defs)


def _states(root: dict[str, Any], defs: dict[str, Any]) -> None:
    """The fields that hold a two-letter state code."""
    state = {"anyOf": [{"type": "string", "pattern": "^[A-Za-z]{2}$"}, {"type": "null"}]}
    for node in [root, *defs.values()]:
        for name in ("jurisdiction", "residence_jurisdiction", "work_jurisdiction", "applying_in"):
            if name in node.get("properties", {}):
                node["properties"][name] = state


def _roster() -> dict[str, Any]:
    from .eligibility._applicant import Applicant
    from .eligibility._roster_read import _LISTS

    cell: dict[str, Any] = {"type": "string"}
    plain = [f.name for f in attrs.fields(Applicant)]
    patterns = {
        f"^{name}\\.[1-9][0-9]*\\.({'|'.join(f.name for f in attrs.fields(kind))})$": cell
        for name, kind in _LISTS.items()
    }
    root = {
        "type": "object",
        "description": "One roster row as column name -> cell text: the applicant fields, and "
        "for each list field the numbered columns of its entries (trainings.1.hours, "
        "trainings.2.hours …). Cells are text; each is read as the applicant field it names.",
        "properties": {name: cell for name in plain},
        "patternProperties": patterns,
        "additionalProperties": False,
    }
    return _document("roster", "peer_competencies roster row", root, {})


def _credential() -> dict[str, Any]:
    from ._model import Citation
    from .eligibility._credential_file import _File, _Note
    from .eligibility._predicates import PREDICATES

    b = _Builder()
    b.overrides[(_File, "format")] = {"const": 1}
    b.overrides[(_File, "id")] = {"type": "string", "pattern": _ID}
    b.overrides[(_File, "sources")] = {"type": "object", "additionalProperties": b.ref(Citation)}
    b.overrides[(_File, "pathways")] = {
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/$defs/Pathway"},
    }
    b.ref(_Note)
    root = b.object(_File, doc="A peer credential: who awards it, its sources and its pathways.")
    name = {"type": "string", "pattern": _ID}
    b.defs["Pathway"] = {
        "type": "object",
        "description": "One way to the credential; all_of lists its requirements.",
        "properties": {
            "id": name,
            "title": {"type": "string"},
            "description": {"type": ["string", "null"]},
            "all_of": {"$ref": "#/$defs/Nodes"},
        },
        "required": ["id", "title", "all_of"],
        "additionalProperties": False,
    }
    b.defs["Nodes"] = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Node"}}
    statement = {"type": "string", "minLength": 1}
    group = {"id": name, "statement": statement}
    b.defs["Node"] = {
        "description": "A requirement: a copy of another credential's (use), a group, or a rule.",
        "oneOf": [
            {
                "type": "object",
                "properties": {"use": {"type": "string"}},
                "required": ["use"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {**group, "all_of": {"$ref": "#/$defs/Nodes"}},
                "required": ["id", "statement", "all_of"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {**group, "any_of": {"$ref": "#/$defs/Nodes"}},
                "required": ["id", "statement", "any_of"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    **group,
                    "of": {"$ref": "#/$defs/Nodes"},
                    "n": {"type": "integer", "minimum": 1},
                },
                "required": ["id", "statement", "of", "n"],
                "additionalProperties": False,
            },
            {"$ref": "#/$defs/Rule"},
        ],
    }
    text = {"type": "string"}
    nullable_text = {"type": ["string", "null"]}
    nullable_date = {"anyOf": [dict(_DATE), {"type": "null"}]}
    b.defs["Rule"] = {
        "type": "object",
        "description": "One rule: its statement, citation (a source key or an item id), dates "
        "and test.",
        "properties": {
            "id": name,
            "statement": statement,
            "source": text,
            "item": text,
            "basis": nullable_text,
            "section": nullable_text,
            "test": {"$ref": "#/$defs/Test"},
            "effective_from": nullable_date,
            "effective_to": nullable_date,
            "checked_on": nullable_date,
            "unverified": {"anyOf": [statement, {"type": "null"}]},
        },
        "required": ["id", "statement", "test"],
        "oneOf": [{"required": ["source"]}, {"required": ["item"]}],
        "additionalProperties": False,
    }
    tests = []
    for kind, cls in sorted(PREDICATES.items()):
        b.skipped |= {(cls, f.name) for f in attrs.fields(cls) if f.name.endswith("_rule")}
        test = b.object(cls)
        test["properties"] = {"kind": {"const": kind}, **test["properties"]}
        test["required"] = ["kind", *test.get("required", [])]
        b.defs[f"Test.{kind}"] = test
        tests.append({"$ref": f"#/$defs/Test.{kind}"})
    b.defs["Test"] = {"description": "The typed test of a rule, by its kind.", "oneOf": tests}
    if "Part" in b.defs:  # a part that is not peer-specific names its topic
        b.defs["Part"]["if"] = {
            "properties": {"peer_specific": {"const": True}},
            "required": ["peer_specific"],
        }
        b.defs["Part"]["else"] = {
            "properties": {"topic": {"type": "string"}},
            "required": ["topic"],
        }
    return _document("credential", "peer_competencies credential file", root, b.defs)


_BUILDERS = {
    "framework": _framework,
    "credential": _credential,
    "requirement": _requirement,
    "syllabus": _syllabus,
    "applicant": _applicant,
    "roster": _roster,
}


def build(name: str) -> dict[str, Any]:
    """The schema ``name`` as the current code makes it (what ``data/schemas/`` must hold)."""
    return choose(_BUILDERS, name, "schema")()


def schema_text(name: str) -> str:
    """The shipped schema ``name`` as JSON text; raises :class:`InputError` for an unknown
    name."""
    choose(SCHEMAS, name, "schema")
    return _SHIPPED[name]


def _parse_schema(raw: bytes, file: str, name: str) -> str:
    return raw.decode("utf-8")


_SHIPPED = Table("schemas", _parse_schema, suffix=".schema.json")


def schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema ``name`` (one of :data:`SCHEMAS`) as a new dict."""
    document: dict[str, Any] = json.loads(schema_text(name))
    return document


def schema_arguments(p: Any) -> None:
    """``schema NAME [-o FILE]``: the command line's arguments (see ``_cli.COMMANDS``)."""
    p.description = (
        "Print the JSON Schema (2020-12) of one of the package's file formats: "
        + "; ".join(f"{name}: {what}" for name, what in SCHEMAS.items())
    )
    p.add_argument("name", choices=list(SCHEMAS), help="the format")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(handler=_cmd_schema)


def _cmd_schema(args: Any) -> int:
    from ._terminal import write_output

    write_output(schema_text(args.name), args.output)
    return 0


def markdown_page() -> str:
    """The documentation page of the schemas: what each describes, how to get it, and the
    schema itself."""
    lines = [
        "# JSON Schemas of the file formats",
        "",
        "Each file format the package reads has a JSON Schema (2020-12), shipped in the package "
        "(`peer_competencies/data/schemas/`) and printed by `peer-competencies schema NAME`; "
        "`peer_competencies.schema(name)` returns it as a dict. Editors such as VS Code "
        "check a JSON or YAML file against a schema as it is typed.",
        "",
        "A schema says what a JSON Schema can: the keys, their types, the values a field takes, "
        "hours from 0 to a million, no unknown keys. The readers check more: that a parent code "
        "or a vocabulary name exists, that a date is not in the future, that ids do not repeat. "
        "YAML and TOML files are checked as the JSON they decode to (dates as `YYYY-MM-DD` "
        "text). An applicant record may write a number, a yes/no or a date as text, as a "
        "spreadsheet cell holds it, and its schema allows that; one difference remains: JSON "
        "Schema counts `2.0` as a whole number, the readers do not.",
        "",
        "| name | describes |",
        "|---|---|",
        *(f"| `{name}` | {what} |" for name, what in SCHEMAS.items()),
        "",
    ]
    for name in SCHEMAS:
        lines += [f"## {name}", "", "```json", schema_text(name).rstrip("\n"), "```", ""]
    return "\n".join(lines)


def _render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str]) -> int:
    """Write every schema into ``src/peer_competencies/data/schemas/`` (for maintainers)."""
    folder = source_folder("schemas")
    folder.mkdir(exist_ok=True)
    for name in SCHEMAS:
        (folder / f"{name}.schema.json").write_text(_render(build(name)), encoding="utf-8")
    print(f"wrote {len(SCHEMAS)} schemas to {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
