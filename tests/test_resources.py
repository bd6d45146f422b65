"""The shipped-data layer: one lazy, locked table per data folder, and the only module that
opens the package's resources (a test of the private module ``_resources``)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

import peer_competencies as pc
from peer_competencies import _resources

SRC = Path(pc.__file__).resolve().parent
OPENERS = re.compile(
    r"data_folder|_packaged\(|_on_disk\(|importlib\.resources|importlib_resources|pkgutil"
    r"|pkg_resources|files\(\s*[\"']peer_competencies|(?<![\w.])__file__"
)


def test_no_module_but_resources_opens_the_package_resources() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "_resources.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OPENERS.search(line)
    ]
    assert found == []  # another package's own files (wordllama's weights) are its business


def test_every_shipped_data_folder_has_exactly_one_table() -> None:
    declared = [
        m.group(1)
        for path in sorted(SRC.rglob("*.py"))
        for m in re.finditer(r"\bTable\(\s*\"([^\"]*)\"", path.read_text(encoding="utf-8"))
    ]
    folders = sorted(p.name for p in (SRC / "data").iterdir() if p.is_dir())
    assert sorted(declared) == sorted(["", *folders])  # "": vocabulary.json at the top


def test_a_table_parses_each_file_once_however_many_threads_ask() -> None:
    calls: list[str] = []
    gate = threading.Barrier(8)

    def parse(raw: bytes, file: str, name: str) -> int:
        calls.append(file)
        return len(raw)

    table = _resources.Table("frameworks", parse)
    results: list[int] = []

    def ask() -> None:
        gate.wait()
        results.append(table["samhsa-2015"])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["peer_competencies/data/frameworks/samhsa-2015.json"]
    assert results == [results[0]] * 8


def test_a_table_lists_its_files_by_name_and_reads_nothing_before_it_is_asked() -> None:
    table = _resources.Table("schemas", lambda raw, file, name: name, suffix=".schema.json")
    assert table.loaded == {}
    assert "credential" in table.names()
    assert table.get("no-such-schema") is None
    with pytest.raises(KeyError):
        table["no-such-schema"]
    assert table.all() == table.names()
