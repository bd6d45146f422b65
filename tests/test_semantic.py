"""The semantic matcher (the ``semantic`` extra): its model read offline from wordllama's wheel,
the frameworks tokenised at first use (no data of its own in the package), and the one clear
error when the extra is missing (a test of the private module ``_semantic``)."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import InputError
from peer_competencies import coverage as cov
from peer_competencies.coverage import _semantic
from tests.support import REPO

EXTRA = "pip install 'peer-competencies[semantic]'"
HELD_OUT = REPO / "benchmarks" / "real_titles.csv"


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """No model, index or suggestion kept from earlier tests."""
    monkeypatch.setattr(_semantic, "_MODEL", None)
    monkeypatch.setattr(_semantic, "_INDEXES", {})
    monkeypatch.setattr(cov._suggest, "_SUGGESTIONS", type(cov._suggest._SUGGESTIONS)())


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every way out to the network refused and recorded."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> Any:
        attempts.append(args)
        raise OSError("the network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture(scope="module")
def wordllama_model() -> Any:
    """wordllama's own loader, pointed at its package folder with downloads disabled."""
    import wordllama  # type: ignore[import-untyped,unused-ignore]

    folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(cache_dir=folder, disable_download=True)


def _without_extra(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for name in modules:  # import name → ModuleNotFoundError; find_spec(name) → None
        monkeypatch.setitem(sys.modules, name, None)


# ---------------------------------------------------------------------------------------------
# offline


def test_the_model_loads_from_wordllamas_wheel_with_the_network_blocked(
    fresh: None, no_network: list[object]
) -> None:
    model = _semantic.load_model()
    spec = importlib.util.find_spec("wordllama")
    assert spec is not None
    assert model.folder == Path(spec.origin or "").parent
    assert model.embed(["crisis"]).shape == (1, 256)
    found = cov.suggest("safety and crisis planning", "ca-sb803", k=1, matcher="semantic")
    assert found[0].item.id == "ca-sb803:13"
    assert no_network == []


def test_wordllamas_own_loader_pointed_at_its_folder_loads_offline(
    no_network: list[object],
) -> None:
    import wordllama  # type: ignore[import-untyped,unused-ignore]

    folder = Path(wordllama.__file__).parent
    model = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    assert model.embed(["crisis"]).shape == (1, 256)
    assert no_network == []


def test_a_semantic_suggestion_imports_neither_wordllama_nor_a_network_library() -> None:
    code = (
        "import sys, peer_competencies.coverage as c\n"
        "found = c.suggest('healing after trauma', 'ca-sb803', matcher='semantic')\n"
        "assert found[0].item.id == 'ca-sb803:6', found\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(roots & {'wordllama', 'requests', 'urllib3', 'httpx', 'huggingface_hub',"
        " 'pydantic'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# the same vectors and rankings as wordllama's, from no shipped data


@pytest.mark.parametrize("framework", [fw.id for fw in pc.frameworks()])
def test_the_index_vectors_equal_wordllamas_own_embeddings(
    framework: str, wordllama_model: Any
) -> None:
    index = _semantic._index(framework)
    fw = pc.framework(framework)
    statements, titles = _semantic._texts(fw, index.statements)
    assert len(statements) == len(index.vectors) > 0
    np.testing.assert_allclose(
        index.vectors, wordllama_model.embed(statements, norm=True), atol=1e-6
    )
    np.testing.assert_allclose(index.titles, wordllama_model.embed(titles, norm=True), atol=1e-6)
    fresh_ids = _semantic.load_model().tokenize(statements)
    assert np.array_equal(index.vectors, _semantic.load_model().pool(fresh_ids))


texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(texts, min_size=1, max_size=5))
def test_any_text_is_embedded_as_wordllama_embeds_it_whatever_its_batch(
    batch: list[str], wordllama_model: Any
) -> None:
    model = _semantic.load_model()
    found = model.embed(batch)
    expected = wordllama_model.embed(batch, norm=True)
    np.testing.assert_allclose(found, expected, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(found, axis=1), 1.0, atol=1e-5)
    for n, text in enumerate(batch):  # a text's vector never depends on its neighbours
        assert np.array_equal(model.embed([text])[0], found[n])


def test_the_installed_package_holds_no_data_used_only_by_the_semantic_matcher() -> None:
    from importlib.resources import files

    data = files("peer_competencies").joinpath("data")
    assert data.is_dir()
    assert "semantic" not in [entry.name for entry in data.iterdir()]


def test_a_semantic_suggestion_opens_no_shipped_file_of_its_own_and_writes_no_file() -> None:
    code = (
        "import sys\n"
        "sys.dont_write_bytecode = True\n"
        "import peer_competencies.coverage as c\n"
        "from peer_competencies._resources import data_folder\n"
        "data = str(data_folder())\n"
        "frameworks = [fw.id for fw in __import__('peer_competencies').frameworks()]\n"
        "for fw in frameworks:\n"
        "    c.suggest('Crisis and safety planning', fw)\n"
        "opened = []\n"
        "def record(event, args):\n"
        "    if event == 'open' and isinstance(args[0], str):\n"
        "        opened.append((args[0], args[1], args[2]))\n"
        "sys.addaudithook(record)\n"
        "for fw in frameworks:\n"
        "    c.suggest('Crisis and safety planning', fw, matcher='semantic')\n"
        "import os\n"
        "writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND\n"
        "print(sorted({p for p, mode, flags in opened if p.startswith(data)}))\n"
        "print(sorted({p for p, mode, flags in opened\n"
        "    if set(mode or '') & set('wax+') or (flags or 0) & writes}))\n"
        "print(len(frameworks), any(p.endswith('.safetensors') for p, _, _ in opened))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    read_shipped, written, seen = done.stdout.splitlines()
    assert read_shipped == "[]"  # the default matcher's files were read before; nothing else
    assert written == "[]"
    assert seen == f"{len(pc.frameworks())} True"  # the hook saw the model being read


def test_a_frameworks_texts_are_tokenised_at_first_use_once_per_process(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _semantic.load_model()
    tokenize = model.tokenize
    calls: list[list[str]] = []

    def counted(texts: Any) -> list[list[int]]:
        calls.append(list(texts))
        found: list[list[int]] = tokenize(texts)
        return found

    monkeypatch.setattr(model, "tokenize", counted)
    fw = pc.framework("samhsa-2015")
    statements, titles = _semantic._texts(fw, _semantic._statements(fw)[0])
    cov.suggest("Ethics and boundaries", "samhsa-2015", matcher="semantic")
    cov.suggest("Crisis planning", "samhsa-2015", matcher="semantic")
    assert calls == [statements, titles, ["Ethics and boundaries"], ["Crisis planning"]]


def _held_out_titles(column: str, count: int) -> list[str]:
    with HELD_OUT.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["split"] == "held-out" and r[column]]
    return [r["title"] for r in rows[:count]]


@pytest.mark.parametrize(
    ("framework", "title"),
    [("ca-sb803", t) for t in _held_out_titles("ca_sb803", 4)]
    + [("samhsa-2015", t) for t in _held_out_titles("samhsa_2015", 4)],
)
def test_a_real_title_is_ranked_as_wordllamas_own_embeddings_rank_it(
    framework: str, title: str, wordllama_model: Any
) -> None:
    fw = pc.framework(framework)
    statements, credits = _semantic._statements(fw)
    said, titles = _semantic._texts(fw, statements)
    query = wordllama_model.embed([title], norm=True)[0]
    sims = wordllama_model.embed(said, norm=True) @ query
    own = wordllama_model.embed(titles, norm=True) @ query
    expected = []
    for n, target in enumerate(_semantic._index(framework).targets):
        best = sorted((float(sims[i]) for i, c in enumerate(credits) if n in c), reverse=True)
        raw = sum(max(c, 0.0) * _semantic.DECAY**i for i, c in enumerate(best[: _semantic.COUNTED]))
        expected.append((raw + _semantic.TITLE * max(float(own[n]), 0.0), target.id))
    expected.sort(key=lambda e: (-e[0], e[1]))
    found = _semantic.rank(title, framework, k=5, mode="embedding")
    assert [s.item.id for s in found] == [i for _, i in expected[:5]]
    assert [s.raw for s in found] == pytest.approx([r for r, _ in expected[:5]], abs=1e-4)


# ---------------------------------------------------------------------------------------------
# errors


def test_a_damaged_or_missing_model_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    model = _semantic.load_model()
    (tmp_path / "weights").mkdir()
    (tmp_path / "tokenizers").mkdir()
    shutil.copy(model.folder / _semantic.TOKENIZER, tmp_path / _semantic.TOKENIZER)
    with pytest.raises(InputError, match="could not be read") as missing:
        _semantic.Model(tmp_path)
    assert missing.value.file == str(tmp_path / _semantic.WEIGHTS)
    raw = (model.folder / _semantic.WEIGHTS).read_bytes()
    (tmp_path / _semantic.WEIGHTS).write_bytes(raw[: len(raw) // 2])
    with pytest.raises(InputError, match="safetensors") as cut:
        _semantic.Model(tmp_path)
    assert cut.value.file == str(tmp_path / _semantic.WEIGHTS)
    assert "--force-reinstall" in str(cut.value)
    (tmp_path / _semantic.WEIGHTS).write_bytes(raw)
    (tmp_path / _semantic.TOKENIZER).write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="tokenizer") as tokenizer:
        _semantic.Model(tmp_path)
    assert tokenizer.value.file == str(tmp_path / _semantic.TOKENIZER)


@pytest.mark.parametrize(
    "missing", [("wordllama", "numpy", "tokenizers"), ("numpy",), ("tokenizers",)]
)
def test_without_the_extra_the_api_names_it(
    missing: tuple[str, ...], fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_extra(monkeypatch, *missing)
    with pytest.raises(InputError, match=r"'semantic' extra") as raised:
        cov.suggest("crisis", "ca-sb803", matcher="semantic")
    assert EXTRA in str(raised.value)
    with pytest.raises(InputError, match=r"'semantic' extra"):
        cov.coverage(
            cov.read_syllabus(REPO / "examples" / "ca-core-80h.toml"),
            "ca-sb803",
            matcher="semantic",
        )


@pytest.mark.parametrize(
    "argv",
    [
        ["suggest", "crisis planning", "-f", "ca-sb803", "--matcher", "semantic"],
        ["coverage", str(REPO / "examples" / "ca-core-80h.toml"), "--matcher", "semantic"],
    ],
)
def test_without_the_extra_the_command_line_says_so_once_and_exits_3(
    argv: list[str],
    fresh: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.support import main

    _without_extra(monkeypatch, "wordllama", "numpy", "tokenizers")
    assert main(argv) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "peer-competencies: the semantic matcher needs the 'semantic' extra (wordllama) "
        f"({EXTRA}, or use matcher='default')"
    ]


def test_the_default_matcher_never_loads_the_semantic_model(fresh: None) -> None:
    assert cov.suggest("crisis planning", "ca-sb803")
    pc.lookup("ca-sb803:13")
    assert _semantic._MODEL is None
    assert _semantic._INDEXES == {}
