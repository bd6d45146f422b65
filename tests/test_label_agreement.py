"""The second reader's labels of the real course titles and the agreement script that compares
them with the first reader's (``benchmarks/label_agreement.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
HEADER_A = "title,programme,source,split,ca_sb803,samhsa_2015\n"
HEADER_B = "programme,title,ca_sb803,samhsa_2015,note\n"


def _script() -> Any:
    path = REPO / "benchmarks" / "label_agreement.py"
    spec = importlib.util.spec_from_file_location("label_agreement", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["label_agreement"] = module
    spec.loader.exec_module(module)
    return module


def test_the_second_reader_labelled_every_real_title_and_only_those() -> None:
    la = _script()
    rows = la.titles()
    with (REPO / "benchmarks" / "real_titles.csv").open(encoding="utf-8") as f:
        assert len(rows) == sum(1 for _ in f) - 1
    assert sum(bool(t.second["ca-sb803"]) for t in rows) > len(rows) // 2
    assert all(len(t.second[fw]) <= 2 for t in rows for fw in la.COLUMNS)


def test_kappa_is_one_for_identical_readers_and_corrects_for_chance() -> None:
    la = _script()
    assert la.cohen_kappa([("a", "a"), ("b", "b"), ("c", "c")]) == pytest.approx(1.0)
    # 50 items: agree on a 20 times and on b 15 times, a/b 5 times, b/a 10 times: observed 0.7,
    # chance (25·30 + 25·20) / 50² = 0.5, kappa (0.7 - 0.5) / (1 - 0.5) = 0.4
    pairs = [("a", "a")] * 20 + [("b", "b")] * 15 + [("a", "b")] * 5 + [("b", "a")] * 10
    assert la.cohen_kappa(pairs) == pytest.approx(0.4)
    assert la.cohen_kappa([]) != la.cohen_kappa([])  # nan: nothing to measure is not 0


def test_overlap_counts_a_shared_label_and_exact_needs_the_same_set(tmp_path: Path) -> None:
    la = _script()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER_A + "T1,P,http://x,train,16 11,IX\nT2,P,http://x,train,1,\n")
    second.write_text(HEADER_B + "P,T1,11,IX,\nP,T2,2,,\n")
    result = la.agreement(la.titles(first, second), "ca-sb803")
    assert (len(result.both), result.exact, result.overlap, result.first_label) == (2, 0, 1, 0)
    assert [t.title for t in result.disagreements] == ["T2"]
    samhsa = la.agreement(la.titles(first, second), "samhsa-2015")
    assert (len(samhsa.both), samhsa.exact, samhsa.neither) == (1, 1, 1)


def test_a_title_the_second_reader_left_out_is_named_with_its_file_and_line(
    tmp_path: Path,
) -> None:
    la = _script()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER_A + "T1,P,http://x,train,1,\nT2,P,http://x,train,2,\n")
    second.write_text(HEADER_B + "P,T1,1,,\n")
    with pytest.raises(la.LabelFileError, match=r"a\.csv, line 3: 'T2' of 'P' is not in b\.csv"):
        la.titles(first, second)


def test_a_label_that_is_not_an_item_of_the_framework_is_refused(tmp_path: Path) -> None:
    la = _script()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER_A + "T1,P,http://x,train,1,\n")
    second.write_text(HEADER_B + "P,T1,1,XIII,\n")
    with pytest.raises(la.LabelFileError, match=r"b\.csv, line 2: samhsa_2015 names 'XIII'"):
        la.titles(first, second)
