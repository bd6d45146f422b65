"""The semantic matcher (the ``semantic`` extra): WordLlama's 256-dimension word embeddings.

WordLlama ships its weights and tokenizer inside its wheel. Its loader is pointed at the
package's own folder with downloads disabled, so nothing is ever fetched: a missing file is an
error, never a download. Each statement of a framework is embedded once; a text scores each
competency by the cosine similarity of its best statements (each next one counting less) and
of the competency's own wording. The ``semantic`` matcher adds that score to the default
matcher's (a hybrid: it measured better than the embeddings alone, which the benchmark reports
as ``embedding``).
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import Any

from .._errors import InputError
from .._load import database
from .._model import Framework
from ._suggest import Evidence, Suggestion, _matcher, calibration, targets

__all__ = ["load_model", "rank", "ranked"]

# Tuned on the training split of the real titles (benchmarks/bench_matcher.py).
DECAY = 0.35  # the n-th best statement counts DECAY ** n
COUNTED = 3
TITLE = 1.0  # weight of the competency's own wording
LEXICAL = 2.0  # weight of the default matcher's raw score in the semantic matcher
_EVIDENCE = 3
_KEPT = 40

_LOCK = threading.Lock()
_MODEL: Any = None
_INDEXES: dict[str, _Index] = {}


def load_model() -> Any:
    """The WordLlama model bundled in its wheel, loaded once, offline."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            try:
                import wordllama  # type: ignore[import-untyped,unused-ignore]
            except ImportError:
                raise InputError(
                    "the semantic matcher needs the 'semantic' extra (wordllama)",
                    fix="pip install 'peer-competencies[semantic]', or use matcher='default'",
                ) from None
            from pathlib import Path

            folder = Path(wordllama.__file__).parent  # weights/ and tokenizers/ live here
            try:
                _MODEL = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
            except (FileNotFoundError, OSError, ValueError) as exc:
                raise InputError(
                    f"wordllama's bundled model could not be loaded from {folder}: {exc}",
                    fix="reinstall the extra: pip install --force-reinstall wordllama",
                ) from None
        return _MODEL


class _Index:
    def __init__(self, framework: Framework) -> None:
        import numpy as np

        model = load_model()
        self.framework = framework
        self.targets = targets(framework)
        position = {t.id: n for n, t in enumerate(self.targets)}
        statements, credits = [], []
        for item in framework.items:
            if item.id in position:
                credited: tuple[int, ...] = (position[item.id],)
            else:
                above = [position[a.id] for a in item.ancestors if a.id in position]
                credited = tuple(above[:1]) or tuple(
                    position[d.id] for d in item.descendants if d.id in position
                )
            if credited:
                statements.append(item)
                credits.append(credited)
        self.statements = tuple(statements)
        self.credits = tuple(credits)
        texts = [i.text if not i.description else f"{i.text}. {i.description}" for i in statements]
        self.vectors = np.asarray(model.embed(texts, norm=True), dtype=np.float32)
        titles = [t.text for t in self.targets]
        self.titles = np.asarray(model.embed(titles, norm=True), dtype=np.float32)

    def scores(
        self, text: str, exclude: Collection[str] = ()
    ) -> list[tuple[int, float, list[tuple[float, int]]]]:
        import numpy as np

        query = np.asarray(load_model().embed([text], norm=True), dtype=np.float32)[0]
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
