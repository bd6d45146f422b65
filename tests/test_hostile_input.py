"""Hostile and damaged files end in a result or one error of the package's hierarchy, never
another exception, a hang or an unbounded read (issue 8): for every reader of user files, a
table of crafted inputs, special files, and a hypothesis suite that damages valid documents.
Time and memory are bounded by the readers' limits (size, nesting, alias expansion), not by
timed assertions."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import crosswalk
from peer_competencies import eligibility as el
from peer_competencies._decoders import MAX_DEPTH, parse_json, parse_toml, parse_yaml
from peer_competencies._files import read_bytes
from tests.crosswalk_fixtures import HEADER, sssom_text
from tests.hostile import BOMB, DEEP, DIGITS, Reader, crafted, readers, special_files
from tests.support import WriteFile

READERS = readers()
IDS = [r.name for r in READERS]


def outcome(reader: Reader, path: Path) -> str:
    """ "accepted" or "clean" (one error of the package's hierarchy); anything else raises."""
    try:
        reader.read(path)
    except pc.PeerCompetenciesError:
        return "clean"
    return "accepted"


@pytest.mark.parametrize("reader", READERS, ids=IDS)
def test_every_crafted_input_ends_in_a_result_or_a_package_error(
    reader: Reader, tmp_path: Path
) -> None:
    uncaught = []
    for n, (name, data) in enumerate(crafted(reader)):
        path = tmp_path / f"doc{n}{reader.suffix}"
        path.write_bytes(data)
        try:
            outcome(reader, path)
        except Exception as exc:
            uncaught.append(f"{name}: {type(exc).__name__}: {exc}")
    assert uncaught == []


@pytest.mark.parametrize("reader", READERS, ids=IDS)
def test_pipes_devices_folders_and_missing_files_are_refused_without_reading(
    reader: Reader, tmp_path: Path
) -> None:
    for name, path in special_files(tmp_path, reader.suffix):
        with pytest.raises(pc.InputError) as info:
            reader.read(path)
        assert info.value.file == str(path), name
        if "pipe" in name or "zero" in name or "folder" in name:
            assert info.value.problem.startswith("not a regular file"), name


@pytest.mark.parametrize("reader", READERS, ids=IDS)
def test_the_valid_documents_are_accepted(reader: Reader, tmp_path: Path) -> None:
    path = tmp_path / f"valid{reader.suffix}"
    path.write_bytes(reader.valid)
    assert outcome(reader, path) == "accepted"


TOKENS = [
    b"\xff",
    b"\x00",
    b'"',
    b"\n",
    b"\r",
    b"\t",
    b",",
    b":",
    b"[",
    b"{",
    b"&a ",
    b"*a",
    b"- ",
    b"#",
    b"2024-02-30",
    b"1e999",
    b"9" * 4400,
    b"true",
    b"=1+1",
]

edits = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.sampled_from(["replace", "delete", "insert", "repeat", "cut"]),
        st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=4,
)


def damaged(valid: bytes, changes: list[tuple[float, str, bytes]]) -> bytes:
    data = bytearray(valid)
    for where, kind, token in changes:
        at = int(where * len(data))
        if kind == "replace":
            data[at : at + len(token)] = token
        elif kind == "delete":
            del data[at : at + len(token)]
        elif kind == "insert":
            data[at:at] = token
        elif kind == "repeat":
            data[at:at] = data[at : at + 8 * len(token)]
        else:
            del data[at:]
    return bytes(data)


@pytest.mark.parametrize("reader", READERS, ids=IDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits)
def test_a_damaged_document_ends_in_a_result_or_a_package_error(
    reader: Reader, changes: list[tuple[float, str, bytes]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{reader.suffix}"
        path.write_bytes(damaged(reader.valid, changes))
        outcome(reader, path)


# --- each crash and hang of issue 8, by name ---------------------------------------------------


def test_an_impossible_unquoted_date_is_a_located_error_in_every_yaml_reader(
    write_file: WriteFile,
) -> None:
    syllabus = write_file(
        "s.yaml", "program: {title: T}\nmodules:\n  - {id: M, title: T, x: 2024-02-30}\n"
    )
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(syllabus)
    assert info.value.where == "line 3, column 26"
    assert "day is out of range" in info.value.problem
    applicant = write_file("a.yaml", "id: A\ndate_of_birth: 1990-13-01\n")
    with pytest.raises(pc.InputError) as info:
        el.read_applicant(applicant)
    assert info.value.where == "line 2, column 16"
    assert "1990" not in str(info.value)  # an applicant's values stay out of messages
    sssom = write_file("m.sssom.tsv", sssom_text(HEADER + "# mapping_date: 2024-02-30\n"))
    with pytest.raises(pc.InputError) as info:
        crosswalk.read_mappings(sssom)
    assert info.value.where == "line 9, column 17"
    assert info.value.problem.startswith("the header is not valid YAML")


@pytest.mark.parametrize(
    ("parse", "before"),
    [(parse_json, '{"a": [1, '), (parse_yaml, "a: [1, "), (parse_toml, "a = [1, ")],
    ids=["json", "yaml", "toml"],
)
def test_a_number_past_the_conversion_limit_is_a_located_error(parse: object, before: str) -> None:
    with pytest.raises(pc.InputError) as info:
        parse(f"{before}{DIGITS}]" + ("}" if before.startswith("{") else ""), "f")  # type: ignore[operator]
    assert info.value.where == f"line 1, column {len(before) + 1}"
    assert "digits" in info.value.problem


def test_long_digits_inside_a_string_are_text_not_a_number() -> None:
    assert parse_json('{"id": "' + DIGITS + '"}', "f") == {"id": DIGITS}
    assert parse_toml('id = "' + DIGITS + '"', "f") == {"id": DIGITS}


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_json, "[" * DEEP + "]" * DEEP),
        (parse_json, '{"a": ' * DEEP + "1" + "}" * DEEP),
        (parse_yaml, "[" * DEEP + "]" * DEEP),
        (parse_yaml, "".join(" " * n + "-\n" for n in range(0, 2 * DEEP, 2))),
        (parse_toml, "a = " + "[" * DEEP + "]" * DEEP),
        (parse_toml, "a = " + "{b = " * DEEP + "1" + "}" * DEEP),
        (parse_toml, "a = 1.5\nx" + '."x"' * DEEP + " = 1"),
        (parse_toml, "[x" + " . x" * DEEP + "]"),
    ],
    ids=[
        "json-array",
        "json-object",
        "yaml-flow",
        "yaml-block",
        "toml-array",
        "toml-table",
        "toml-dotted-key",
        "toml-dotted-table",
    ],
)
def test_deep_nesting_is_refused_at_the_depth_limit(parse: object, text: str) -> None:
    with pytest.raises(pc.InputError) as info:
        parse(text, "f")  # type: ignore[operator]
    assert f"nested more than {MAX_DEPTH} levels" in info.value.problem
    assert (info.value.where or "").startswith("line ")


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse_json(text, "f") == parse_yaml(text, "f")
    assert parse_json('["' + "[" * 500 + '"]', "f") == ["[" * 500]  # brackets in a string
    dotted = "x" + ".x" * (MAX_DEPTH - 1) + " = 1.5\ns = '" + "." * 500 + "'"
    read = parse_toml(dotted, "f")
    assert isinstance(read, dict)
    assert read["s"] == "." * 500  # dots in a string are no nesting


def test_a_yaml_alias_bomb_is_refused_in_every_yaml_reader(write_file: WriteFile) -> None:
    with pytest.raises(pc.InputError, match="aliases expand the document"):
        parse_yaml(BOMB, "f")
    header = "".join(f"# {line}\n" for line in BOMB.splitlines())
    sssom = write_file("m.sssom.tsv", sssom_text(HEADER + header))
    with pytest.raises(pc.InputError, match="aliases expand the document"):
        crosswalk.read_mappings(sssom)
    syllabus = write_file("s.yaml", BOMB + "\nprogram: {title: T}\nmodules: []\n")
    with pytest.raises(pc.InputError, match="aliases expand the document"):
        cov.read_syllabus(syllabus)


def test_a_few_aliases_are_read_and_a_loop_is_refused() -> None:
    assert parse_yaml("a: &x [1, 2]\nb: *x\n", "f") == {"a": [1, 2], "b": [1, 2]}
    with pytest.raises(pc.InputError, match="loop"):
        parse_yaml("a: &x [1, *x]\n", "f")


def test_the_size_limit_holds_while_reading_whatever_the_file_claims() -> None:
    status = Path("/proc/self/status")  # a regular file whose recorded size is 0
    if status.is_file() and status.stat().st_size == 0:
        with pytest.raises(pc.InputError, match="more than the 10 allowed"):
            read_bytes(status, limit=10)
    assert len(read_bytes(Path(__file__), limit=10**6)) == Path(__file__).stat().st_size


# --- standard output that cannot be written ---------------------------------------------------

CLI = [sys.executable, "-m", "peer_competencies"]


def test_a_full_disk_on_standard_output_is_one_line_and_a_non_zero_exit() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*CLI, "export", "samhsa-2015", "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        "peer-competencies: cannot write the output: No space left on device"
    ]


def test_a_closed_pipe_or_standard_output_is_one_line_and_a_non_zero_exit() -> None:
    reader = subprocess.Popen(
        [*CLI, "export", "ca-sb803", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None
    reader.stdout.close()  # the reader of the pipe went away, as `| head` does
    _, err = reader.communicate()
    assert reader.returncode == 3
    assert len(err.splitlines()) == 1
    assert err.startswith("peer-competencies: cannot write the output")
    closed = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *CLI, "frameworks"],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert closed.returncode == 3
    assert (
        closed.stderr == "peer-competencies: cannot write the output: standard output is closed\n"
    )


@settings(max_examples=60, deadline=None)
@given(changes=edits)
def test_a_damaged_roster_gives_one_result_per_line_in_order(
    changes: list[tuple[float, str, bytes]],
) -> None:
    roster = next(r for r in READERS if r.name == "roster")
    data = damaged(roster.valid * 3, changes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        try:
            results = list(el.check_roster(el.read_roster(path), "ca-pss"))
        except pc.InputError:  # the header (first line) is refused: nothing is read
            return
    lines = data.split(b"\n")[1:]
    if lines and lines[-1] == b"":
        lines.pop()  # the line end of the last line
    assert [r.row for r in results] == list(range(2, len(lines) + 2))
