"""The semantic matcher (the ``semantic`` extra): WordLlama's 256-dimension word embeddings.

WordLlama ships its model inside its wheel: a table of token vectors (``weights/``) and the
Llama 2 tokenizer (``tokenizers/``). This module reads those two files straight from the
installed package's folder, found without importing ``wordllama``: its package pulls in
pydantic, requests and toml at import and configures the root logger, 0.8 s of a cold start
that the matcher does not need. A text's vector is computed as wordllama's
``WordLlamaInference.embed(texts, norm=True)`` computes it (the mean of its tokens' vectors,
made unit length; a test holds the two equal), so no code of wordllama's runs and nothing can
be downloaded: a missing file is an error naming the extra, never a download.

The statements of a framework are tokenised with the model's own tokenizer and embedded at
first use, once per process (about 17 ms for CalMHSA's 593 texts, the largest), and kept in
memory only: nothing is written to disk, and the package ships no data of the semantic
matcher's.

A text scores each competency by the cosine similarity of its best statements (each next one
counting less) and of the competency's own wording. The ``semantic`` matcher adds that score to
the default matcher's (a hybrid: it measured better than the embeddings alone, which the
benchmark reports as ``embedding``).
"""

from __future__ import annotations

import importlib.util
import json
import math
import threading
from collections.abc import Collection, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import InputError
from .._load import database
from .._model import Framework, Item
from ._suggest import Evidence, Suggestion, _matcher, calibration, credited_targets, targets

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]

__all__ = ["Model", "load_model", "rank", "ranked"]

# Tuned on the training split of the real titles (benchmarks/bench_matcher.py).
DECAY = 0.35  # the n-th best statement counts DECAY ** n
COUNTED = 3
TITLE = 1.0  # weight of the competency's own wording
LEXICAL = 2.0  # weight of the default matcher's raw score in the semantic matcher
_EVIDENCE = 3
_KEPT = 40

# The files of wordllama's bundled model (l2_supercat at 256 dimensions), in its package folder.
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
_TENSOR = "embedding.weight"
_DTYPES = {"F16": "<f2", "F32": "<f4"}
_REINSTALL = "reinstall the extra: pip install --force-reinstall 'peer-competencies[semantic]'"
_NEEDS_EXTRA = "the semantic matcher needs the 'semantic' extra (wordllama)"
_INSTALL = "pip install 'peer-competencies[semantic]', or use matcher='default'"

_LOCK = threading.Lock()
_MODEL: Model | None = None
_INDEXES: dict[str, _Index] = {}


def _no_extra() -> InputError:
    return InputError(_NEEDS_EXTRA, fix=_INSTALL)


def wordllama_folder() -> Path:
    """The folder of the installed ``wordllama`` package, found without importing it."""
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):  # a broken install, or a module without a spec
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise _no_extra()
    return Path(next(iter(spec.submodule_search_locations)))


def _wordllama_release() -> str:
    """``wordllama X.Y`` as installed, for an error message."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"wordllama {version('wordllama')}"
    except PackageNotFoundError:
        return "wordllama"


def read_tensors(raw: bytes, file: str) -> dict[str, Vectors]:
    """The float16 and float32 arrays of a safetensors file's bytes (read-only views of
    ``raw``): an 8-byte little-endian header length, a JSON header giving each array's type,
    shape and offsets, then the arrays."""
    import numpy as np

    try:
        size = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8 : 8 + size])
        header.pop("__metadata__", None)
        arrays = {}
        for name, entry in header.items():
            start, end = entry["data_offsets"]
            dtype = np.dtype(_DTYPES[entry["dtype"]])
            shape = tuple(int(n) for n in entry["shape"])
            count = math.prod(shape)
            if end - start != count * dtype.itemsize or 8 + size + end > len(raw):
                raise ValueError(f"array {name!r} does not fit its offsets")
            arrays[name] = np.frombuffer(raw, dtype, count, 8 + size + start).reshape(shape)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            f"not a readable safetensors file: {exc}", file=file, fix=_REINSTALL
        ) from None
    return arrays


class Model:
    """WordLlama's bundled model (l2_supercat, 256 dimensions), read from the files in
    ``folder`` (the installed ``wordllama`` package's folder): :meth:`embed` gives the unit
    vectors that ``WordLlama.load(...).embed(texts, norm=True)`` gives."""

    def __init__(self, folder: Path) -> None:
        try:
            import numpy  # noqa: F401 - the extra's; checked before anything is read
            from tokenizers import Tokenizer
        except ImportError:
            raise _no_extra() from None
        self.folder = folder
        weights_file, tokenizer_file = folder / WEIGHTS, folder / TOKENIZER
        try:
            weights = weights_file.read_bytes()
            tokenizer = tokenizer_file.read_bytes()
        except OSError as exc:
            raise InputError(
                f"{_wordllama_release()}'s bundled model could not be read: "
                f"{exc.strerror or exc} (the matcher reads the files of wordllama 0.4's wheel)",
                file=str(exc.filename or folder),
                fix=_REINSTALL,
            ) from None
        found = read_tensors(weights, str(weights_file)).get(_TENSOR)
        if found is None or found.ndim != 2:
            raise InputError(
                f"wordllama's weights hold no {_TENSOR!r} table",
                file=str(weights_file),
                fix=_REINSTALL,
            )
        self.weights = found  # float16 as shipped (16 MB): rows are widened when looked up
        try:
            self.tokenizer = Tokenizer.from_buffer(tokenizer)
        except Exception as exc:  # the tokenizers library raises a bare Exception
            raise InputError(
                f"wordllama's tokenizer could not be read: {exc}",
                file=str(tokenizer_file),
                fix=_REINSTALL,
            ) from None
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """The token ids of each text (no special tokens, no padding)."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    def pool(self, ids: Sequence[Sequence[int]]) -> Vectors:
        """The unit vectors of texts given by their token ids: the mean of each text's token
        vectors (float16 rows widened to float32), made unit length, as wordllama's ``embed``
        computes it (its sums are taken over padded batches, in another order: the two agree
        within 1e-7); a text without tokens gets the zero vector."""
        import numpy as np

        vocabulary, dimensions = self.weights.shape
        lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
        np.clip(flat, 0, vocabulary - 1, out=flat)
        starts = np.zeros(len(ids), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        found = np.zeros((len(ids), dimensions), dtype=np.float32)
        some = lengths > 0
        if some.any():
            sums = np.add.reduceat(self.weights[flat].astype(np.float32), starts[some], axis=0)
            found[some] = sums / lengths[some, np.newaxis].astype(np.float32)
        norms = np.linalg.norm(found, axis=1, keepdims=True)
        np.divide(found, norms, out=found, where=norms > 0)
        return found

    def embed(self, texts: Sequence[str]) -> Vectors:
        """The unit vectors of ``texts``."""
        return self.pool(self.tokenize(texts))


def load_model() -> Model:
    """WordLlama's model bundled in its wheel, loaded once, offline."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = Model(wordllama_folder())
        return _MODEL


# ---------------------------------------------------------------------------------------------
# the index of a framework


def _texts(framework: Framework, statements: Sequence[Item]) -> tuple[list[str], list[str]]:
    """The texts embedded for ``framework``: its credited ``statements`` (with their
    description), and its targets' own wording."""
    said = [i.text if not i.description else f"{i.text}. {i.description}" for i in statements]
    return said, [t.text for t in targets(framework)]


def _statements(framework: Framework) -> tuple[tuple[Item, ...], tuple[tuple[int, ...], ...]]:
    """The statements of ``framework`` that credit a target, and the targets each credits
    (by position in :func:`targets`)."""
    position = {t.id: n for n, t in enumerate(targets(framework))}
    statements, credits = [], []
    for item in framework.items:
        credited = credited_targets(item, position)
        if credited:
            statements.append(item)
            credits.append(credited)
    return tuple(statements), tuple(credits)


class _Index:
    def __init__(self, framework: Framework) -> None:
        model = load_model()
        self.framework = framework
        self.targets = targets(framework)
        self.statements, self.credits = _statements(framework)
        statements, titles = _texts(framework, self.statements)
        self.vectors, self.titles = model.embed(statements), model.embed(titles)

    def scores(
        self, text: str, exclude: Collection[str] = ()
    ) -> list[tuple[int, float, list[tuple[float, int]]]]:
        import numpy as np

        query = load_model().embed([text])[0]
        sims = self.vectors @ query
        titles = self.titles @ query
        best: dict[int, list[tuple[float, int]]] = {}
        for n in np.argsort(-sims)[:200].tolist():
            if exclude and self.statements[n].id in exclude:
                continue
            for target in self.credits[n]:
                best.setdefault(target, []).append((float(sims[n]), n))
        found = []
        for target in range(len(self.targets)):
            top = best.get(target, [])[:COUNTED]
            raw = sum(max(c, 0.0) * DECAY**i for i, (c, _) in enumerate(top))
            raw += TITLE * max(float(titles[target]), 0.0)
            found.append((target, raw, best.get(target, [])[:_EVIDENCE]))
        return found


def _index(framework: str) -> _Index:
    fw = database().framework(framework)
    with _LOCK:
        found = _INDEXES.get(framework)
    if found is None or found.framework is not fw:
        found = _Index(fw)
        with _LOCK:
            _INDEXES[framework] = found
    return found


def rank(
    text: str,
    framework: str,
    k: int = 5,
    exclude: Collection[str] = (),
    mode: str = "semantic",
    lexical: tuple[Suggestion, ...] | None = None,
) -> tuple[Suggestion, ...]:
    """The ``k`` best targets for ``text`` by the semantic score (``mode="embedding"``: the
    embeddings alone), no threshold. ``exclude`` holds statement ids left out; ``lexical`` the
    default matcher's ranking to add (by default, the shipped index's)."""
    return _rank(text, framework, exclude, mode, lexical)[:k]


def ranked(text: str, framework: str, mode: str) -> tuple[Suggestion, ...]:
    """The ranked targets for ``text``, as the suggestion cache keeps them."""
    return _rank(text, framework, (), mode, None)


def _rank(
    text: str,
    framework: str,
    exclude: Collection[str],
    mode: str,
    lexical_ranking: tuple[Suggestion, ...] | None,
) -> tuple[Suggestion, ...]:
    index = _index(framework)
    lexical: dict[str, Suggestion] = {}
    if mode == "semantic":
        if lexical_ranking is None:
            lexical_ranking = _matcher(framework)._ranked(text)
        lexical = {s.item.id: s for s in lexical_ranking}
    cal = calibration(framework, "semantic" if mode == "semantic" else "default")
    found = []
    for target, raw, top in index.scores(text, exclude):
        item = index.targets[target]
        evidence = tuple(Evidence(index.statements[n], (), round(c, 4)) for c, n in top)
        words = lexical.get(item.id)
        if words is not None:
            raw += LEXICAL * words.raw
            evidence = words.evidence or evidence
        found.append(Suggestion(item, round(cal.confidence(raw), 4), evidence, round(raw, 4)))
    found.sort(key=lambda s: (-s.raw, s.item.id))
    return tuple(found[:_KEPT])
