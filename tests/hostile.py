"""Every reader of user files, a valid document for each, and hostile inputs built from them.

Shared by ``tests/test_hostile_input.py`` (which asserts that every input ends in a result or
one error of the package's hierarchy) and ``benchmarks/input_integrity.py`` (which counts them).
A reader is a function of a path; a document is bytes written to a file with the reader's
suffix (or, for special files, a path made by :func:`special_files`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

from tests.crosswalk_fixtures import framework_data, sssom_text
from tests.support import ELIGIBLE_CA_PSS, ELIGIBLE_CA_PSS_YAML

AS_OF = dt.date(2026, 6, 1)


@attrs.frozen
class Reader:
    """A reader of user files: its name, the suffix of its files, how it reads one, and a valid
    document."""

    name: str
    suffix: str
    read: Callable[[Path], object]
    valid: bytes


def _syllabus(path: Path) -> object:
    from peer_competencies import coverage

    return coverage.read_syllabus(path)


def _applicant(path: Path) -> object:
    from peer_competencies import eligibility

    return eligibility.read_applicant(path)


def _roster(path: Path) -> object:
    from peer_competencies import eligibility

    rows = eligibility.read_roster(path)
    return list(eligibility.check_roster(rows, "ca-pss", as_of=AS_OF))


def _framework(path: Path) -> object:
    import peer_competencies as pc

    return pc.read_framework(path)


def _credential(path: Path) -> object:
    from peer_competencies import eligibility

    return eligibility.read_credential(path)


def _sssom(path: Path) -> object:
    import peer_competencies as pc
    from peer_competencies import crosswalk
    from tests.crosswalk_fixtures import framework_data

    return crosswalk.read_mappings(path, [pc.parse_framework(framework_data())])


SYLLABUS = {
    "program": {"title": "Core", "provider": "Acme", "framework": "ca-sb803"},
    "modules": [
        {
            "id": "M1",
            "title": "Crisis support",
            "hours": 4,
            "competencies": ["13", "ca-sb803:2"],
            "hours_by_competency": {"13": 2},
            "measures": ["role play"],
            "delivery": "in person",
        },
        {"id": "M2", "title": "Ethics", "description": "Boundaries", "hours": 2.5},
    ],
}

SYLLABUS_YAML = """\
program: {title: Core, provider: Acme, framework: ca-sb803}
modules:
  - id: M1
    title: Crisis support
    hours: 4
    competencies: ["13", "ca-sb803:2"]
    hours_by_competency: {"13": 2}
    measures: [role play]
    delivery: in person
  - {id: M2, title: Ethics, description: Boundaries, hours: 2.5}
"""

SYLLABUS_TOML = """\
[program]
title = "Core"
provider = "Acme"
framework = "ca-sb803"

[[modules]]
id = "M1"
title = "Crisis support"
hours = 4
competencies = ["13", "ca-sb803:2"]
hours_by_competency = { "13" = 2 }
measures = ["role play"]
delivery = "in person"

[[modules]]
id = "M2"
title = "Ethics"
description = "Boundaries"
hours = 2.5
"""

SYLLABUS_CSV = """\
id,title,description,hours,competencies,measures,delivery
M1,Crisis support,,4,13; ca-sb803:2,role play,in person
M2,Ethics,Boundaries,2.5,,,
"""


ROSTER_HEADER = (
    "id,date_of_birth,education,lived_experience,willing_to_share,dedicated_to_recovery,"
    "code_of_ethics_signed,trainings.1.topic,trainings.1.hours,trainings.1.date,"
    "trainings.1.approved,exams,exams.1.exam,exams.1.passed,exams.1.date"
)
ROSTER_ROWS = (
    "E-1,1990-05-01,high-school,self,yes,yes,2025-01-10,ca-pss-core,80,2024-01-10,yes,,ca-pss,yes,"
    "2025-02-01",
    "E-2,1991-02-03,ged,family,yes,yes,2025-01-10,ca-pss-core,40,2024-01-10,yes,none,,,",
    "E-3,,,,,,,,,,,,,,",
)
ROSTER = "\n".join((ROSTER_HEADER, *ROSTER_ROWS)) + "\n"


def _xlsx() -> bytes:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    sheet = book.active
    for line in SYLLABUS_CSV.splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def readers() -> list[Reader]:
    """Every reader of user files, each with a valid document."""
    return [
        Reader("syllabus-yaml", ".yaml", _syllabus, SYLLABUS_YAML.encode()),
        Reader("syllabus-json", ".json", _syllabus, json.dumps(SYLLABUS, indent=1).encode()),
        Reader("syllabus-toml", ".toml", _syllabus, SYLLABUS_TOML.encode()),
        Reader("syllabus-csv", ".csv", _syllabus, SYLLABUS_CSV.encode()),
        Reader("syllabus-xlsx", ".xlsx", _syllabus, _xlsx()),
        Reader(
            "applicant-json", ".json", _applicant, json.dumps(ELIGIBLE_CA_PSS, indent=1).encode()
        ),
        Reader("applicant-yaml", ".yaml", _applicant, ELIGIBLE_CA_PSS_YAML.encode()),
        Reader("roster", ".csv", _roster, ROSTER.encode()),
        Reader("framework", ".json", _framework, json.dumps(framework_data(), indent=1).encode()),
        Reader("sssom", ".tsv", _sssom, sssom_text().encode()),
        Reader("credential", ".json", _credential, _shipped("credentials", "pa-cps.json")),
    ]


def _shipped(*parts: str) -> bytes:
    from peer_competencies._resources import data_folder

    raw: bytes = data_folder(*parts).read_bytes()
    return raw


# --- crafted hostile documents ----------------------------------------------------------------

DEEP = 10_000
DIGITS = "9" * 5000
BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 12)]
)


def _yaml_hostile(valid: bytes, header: bool = False) -> Iterator[tuple[str, bytes]]:
    """Hostile YAML: documents that crash or hang a YAML reader without a bound."""
    prefix = "# " if header else ""

    def lines(text: str) -> bytes:
        return "\n".join(prefix + line for line in text.splitlines()).encode() + b"\n"

    yield "impossible date 2024-02-30", lines("mapping_date: 2024-02-30\nother: 2024-13-01")
    yield "number past the digit limit", lines(f"mapping_date: {DIGITS}")
    yield "deep flow nesting", lines("comment: " + "[" * DEEP + "]" * DEEP)
    yield "deep block nesting", lines("\n".join(" " * n + "- " for n in range(0, 2000, 2)) + "x")
    yield "alias bomb", lines(BOMB)
    yield "alias loop", lines("comment: &a [*a]")
    yield "binary tag", lines("comment: !!binary '%%%'")
    yield "python tag", lines("comment: !!python/object/apply:os.system ['true']")
    yield "timestamp tag on text", lines("comment: !!timestamp 'soon'")
    yield "int tag on text", lines("comment: !!int 'ten'")
    yield "tabs", valid.replace(b"  ", b"\t")


def crafted(reader: Reader) -> Iterator[tuple[str, bytes]]:
    """Hostile documents for ``reader``: damaged versions of its valid document, and documents
    that crash, hang or mislead a reader without bounds."""
    valid = reader.valid
    yield "empty", b""
    yield "only white space", b"  \n\n \t\n"
    yield "byte-order mark only", b"\xef\xbb\xbf"
    yield "not UTF-8", valid[:20] + b"\xff\xfe" + valid[20:]
    yield "UTF-16", valid.decode("utf-8", "replace").encode("utf-16")
    yield "NUL bytes", valid.replace(b"e", b"\x00", 3)
    yield "truncated", valid[: len(valid) // 2]
    yield "random bytes", random.Random(8).randbytes(2000)
    yield "a very long line", valid + b"x" * 300_000 + b"\n"
    yield "control characters", valid.replace(b"a", "\x1b[2J\u202e".encode(), 2)
    yield (
        "formula-like values",
        valid.replace(b"Crisis", b"=HYPERLINK(1)").replace(b"E-1", b"@SUM(A1)"),
    )
    if reader.suffix in (".json",):
        yield "deep nesting", b"[" * DEEP + b"]" * DEEP
        yield "deep objects", b'{"a":' * DEEP + b"1" + b"}" * DEEP
        yield (
            "number past the digit limit",
            valid.replace(b"2.5", DIGITS.encode()).replace(
                b'"format": 1', b'"format": ' + DIGITS.encode()
            )
            + b"",
        )
        yield "bare number past the digit limit", DIGITS.encode()
        yield "long digits in a string", json.dumps({"id": DIGITS}).encode()
        yield "NaN and Infinity", valid.replace(b"2.5", b"NaN").replace(b"80", b"Infinity")
        yield "repeated key", valid.replace(b"{", b'{"id": "x", "id": "y",', 1)
        yield "a list at the top", b"[1, 2, 3]"
    if reader.suffix == ".toml":
        yield "deep arrays", b"a = " + b"[" * DEEP + b"]" * DEEP
        yield "deep inline tables", b"a = " + b"{b = " * DEEP + b"1" + b"}" * DEEP
        yield "number past the digit limit", valid.replace(b"2.5", DIGITS.encode())
        yield "impossible date", valid.replace(b'"Boundaries"', b"2024-02-30")
        yield "brackets in strings", b'a = "' + b"[" * 500 + b'"\n' + valid
        yield "deep dotted keys", valid + b"\nx" + b".x" * DEEP + b" = 1\n"
        yield (
            "deep dotted keys in a module",
            valid.replace(b'delivery = "in person"', b"delivery" + b".x" * DEEP + b" = 1"),
        )
    if reader.suffix == ".yaml":
        yield from _yaml_hostile(valid)
        yield "impossible date of birth", valid.replace(b"1990-05-01", b"1990-02-30")
        yield "impossible month", valid.replace(b"2025-01-10", b"2025-13-01")
        yield "codes as numbers", valid.replace(b'"13", ', b"13, 1.10, true, ")
    if reader.suffix == ".tsv":
        header, _, table = valid.partition(b"subject_id")
        for name, bad in _yaml_hostile(b"", header=True):
            yield f"header: {name}", header + bad + b"subject_id" + table
        yield "no table", header
        yield "a repeated column", valid.replace(b"comment\n", b"comment\tcomment\n", 1)
    if reader.suffix == ".csv":
        header, _, rows = valid.partition(b"\n")
        yield "a column named twice", header + b"," + header.split(b",")[1] + b"\n" + rows
        yield "unclosed quote", header + b'\n"' + rows
        yield "a quote closed lines later", header + b'\nX,"a\nY,b\nZ,c",1\n' + rows
        yield "a cell past the csv limit", header + b"\nX," + b"y" * 140_000 + b"\n" + rows
        yield "more cells than columns", header + b"\n" + rows.replace(b"\n", b",extra\n")
        yield "carriage returns only", valid.replace(b"\n", b"\r")
        yield "semicolons", valid.replace(b",", b";")
        yield "empty rows", header + b"\n,,,,\n\n" + rows
    if reader.suffix == ".xlsx":
        yield from _xlsx_hostile(valid)


def _xlsx_hostile(valid: bytes) -> Iterator[tuple[str, bytes]]:
    import re
    import zipfile

    def rewrite(change: Callable[[str, bytes], bytes]) -> bytes:
        with zipfile.ZipFile(io.BytesIO(valid)) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, change(name, data))
        return out.getvalue()

    def sheet(change: Callable[[bytes], bytes]) -> bytes:
        return rewrite(lambda name, data: change(data) if name.endswith("sheet1.xml") else data)

    yield (
        "stale dimension",
        sheet(lambda d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', d)),
    )
    yield "a row far below", sheet(lambda d: d.replace(b'r="3"', b'r="999999999"'))
    yield "a cell far right", sheet(lambda d: d.replace(b'r="A2"', b'r="XFD2"', 1))
    yield "broken sheet XML", sheet(lambda d: d[: len(d) // 2])
    yield (
        "entity expansion",
        sheet(
            lambda d: d.replace(
                b"<worksheet",
                b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet',
                1,
            )
        ),
    )
    yield "no sheet", rewrite(lambda name, data: data if "sheet1" not in name else b"")
    yield "a zip that is not a workbook", _zip({"hello.txt": b"hi"})


def _zip(parts: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def special_files(folder: Path, suffix: str) -> Iterator[tuple[str, Path]]:
    """Paths that are no regular file, or none at all: a pipe no one writes to, a link to an
    endless device, a folder, a dangling link, a missing file, an unreadable file."""
    fifo = folder / f"fifo{suffix}"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        yield "a pipe (FIFO)", fifo
    zero = folder / f"zero{suffix}"
    if Path("/dev/zero").exists():
        zero.symlink_to("/dev/zero")
        yield "a link to /dev/zero", zero
    directory = folder / f"folder{suffix}"
    directory.mkdir()
    yield "a folder", directory
    dangling = folder / f"dangling{suffix}"
    dangling.symlink_to(folder / "nowhere")
    yield "a dangling link", dangling
    yield "a missing file", folder / f"missing{suffix}"


# --- random damage ------------------------------------------------------------------------------


def mutate(valid: bytes, rng: random.Random, steps: int = 3) -> bytes:
    """``valid`` damaged by a few random edits: bytes flipped, dropped, repeated or inserted,
    slices moved, the end cut, hostile tokens put in."""
    tokens = [
        b"\xff",
        b"\x00",
        b'"',
        b"'",
        b"\n",
        b"\r",
        b"\t",
        b",",
        b":",
        b"[",
        b"{",
        b"&a ",
        b"*a",
        b"-",
        b"#",
        b"2024-02-30",
        b"1e999",
        b"9" * 4400,
        b"null",
        b"true",
        b"=1+1",
        b"\xe2\x80\xae",
    ]
    data = bytearray(valid)
    for _ in range(steps):
        if not data:
            data.extend(rng.choice(tokens))
            continue
        at = rng.randrange(len(data))
        kind = rng.randrange(6)
        if kind == 0:
            data[at] = rng.randrange(256)
        elif kind == 1:
            del data[at : at + rng.randint(1, 8)]
        elif kind == 2:
            data[at:at] = rng.choice(tokens)
        elif kind == 3:
            end = min(len(data), at + rng.randint(1, 40))
            data[at:at] = data[at:end]
        elif kind == 4:
            del data[at:]
        else:
            other = rng.randrange(len(data))
            piece = bytes(data[at : at + rng.randint(1, 30)])
            data[other:other] = piece
    return bytes(data)
