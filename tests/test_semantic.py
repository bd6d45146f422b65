"""The semantic matcher (the ``semantic`` extra): its model read offline from wordllama's wheel,
the shipped token ids and their key, and the one clear error when the extra is missing (a test
of the private module ``_semantic``)."""

from __future__ import annotations

import importlib.util
import json
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
SHIPPED = REPO / "src" / "peer_competencies" / "data" / "semantic"


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
# the same vectors as wordllama's, and the shipped token ids


@pytest.mark.parametrize("framework", [fw.id for fw in pc.frameworks()])
def test_the_shipped_token_ids_are_those_the_installed_tokenizer_makes_now(
    framework: str,
) -> None:
    shipped = (SHIPPED / f"{framework}.json").read_text(encoding="utf-8")
    made = _semantic.shipped_tokens(pc.framework(framework))
    rewrite = "the framework's wording changed: python -m peer_competencies.coverage._semantic"
    assert json.loads(shipped) == made, rewrite
    assert shipped == _semantic._json(made), rewrite


def test_every_shipped_token_file_is_of_a_shipped_framework() -> None:
    assert sorted(p.stem for p in SHIPPED.iterdir()) == sorted([fw.id for fw in pc.frameworks()])


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


def test_another_tokenizer_or_changed_wording_is_tokenised_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = _semantic.load_model()
    fw = pc.framework("samhsa-2015")
    statements, titles = _semantic._texts(fw, _semantic._statements(fw)[0])
    calls: list[int] = []
    tokenize = model.tokenize

    def counted(texts: Any) -> list[list[int]]:
        calls.append(len(texts))
        return tokenize(texts)

    monkeypatch.setattr(model, "tokenize", counted)
    shipped = _semantic._tokens(fw, model, statements, titles)
    assert calls == []  # the shipped ids, keyed to this tokenizer and these texts
    changed = [*statements[:-1], statements[-1] + " (revised)"]
    again = _semantic._tokens(fw, model, changed, titles)
    assert calls == [len(changed), len(titles)]
    assert again[0][:-1] == shipped[0][:-1]
    assert again[0][-1] != shipped[0][-1]
    monkeypatch.setattr(model, "tokenizer_digest", "0" * 64)
    calls.clear()
    assert _semantic._tokens(fw, model, statements, titles) == shipped
    assert calls == [len(statements), len(titles)]


def test_another_models_weights_are_used_never_the_shipped_vectors(tmp_path: Path) -> None:
    from safetensors.numpy import save_file

    model = _semantic.load_model()
    (tmp_path / "weights").mkdir()
    (tmp_path / "tokenizers").mkdir()
    shutil.copy(model.folder / _semantic.TOKENIZER, tmp_path / _semantic.TOKENIZER)
    reversed_rows = np.ascontiguousarray(model.weights[::-1])
    save_file({"embedding.weight": reversed_rows}, str(tmp_path / _semantic.WEIGHTS))
    other = _semantic.Model(tmp_path)
    assert other.tokenizer_digest == model.tokenizer_digest  # the shipped ids still apply
    fw = pc.framework("samhsa-2015")
    statements, titles = _semantic._texts(fw, _semantic._statements(fw)[0])
    ids = _semantic._tokens(fw, other, statements, titles)[0]
    assert np.array_equal(other.pool(ids), other.embed(statements))
    assert not np.allclose(other.pool(ids), model.pool(ids))


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
