"""Text-based suggestions: which competencies a module's wording most likely addresses.

The default matcher needs only the standard library. It indexes every statement of the framework
(the competencies and all their children: skills, values, themes, field examples, sub-items),
scores each with Okapi BM25 over stemmed words, and credits a competency with the best score in
its subtree plus a share of the next best, so that a module matching several of a competency's
skills ranks it above one matching a single stray word. The statements that matched are the
evidence. Suggestions are never counted as coverage until a person accepts them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

import attrs

from .._errors import InputError
from .._load import database
from .._model import Framework, Item, Kind
from .._text import bm25, idf, tokens, words

__all__ = ["Evidence", "Matcher", "Suggestion", "suggest", "suggest_many", "targets"]

# Tuned on the two labelled sets of benchmarks/bench_matcher.py (see docs/coverage.md).
_K1 = 1.6
_B = 0.9
_DECAY = 0.5  # the n-th best statement of a competency counts _DECAY ** n
_COUNTED = 6  # statements counted per competency
_WHOLE = 1.0  # weight of all of a competency's statements taken as one document
_EVIDENCE = 3  # statements shown as evidence


@attrs.frozen
class Evidence:
    """A statement that matched, and the words of the text it shares (as the text spells them)."""

    item: Item
    words: tuple[str, ...]
    score: float


@attrs.frozen
class Suggestion:
    """A competency suggested for a text, its score (higher is better) and the evidence."""

    item: Item
    score: float
    evidence: tuple[Evidence, ...]


def targets(framework: Framework) -> tuple[Item, ...]:
    """The items coverage is counted against: the competencies where the framework has them,
    otherwise its top-level items (IC&RC domains, best practices, principles)."""
    found = framework.of_kind(Kind.COMPETENCY)
    if found:
        return found
    return tuple(i for i in framework.roots if i.kind is not Kind.QUALIFICATION)


def _score(query: list[str], idfs: dict[str, float], words: Counter[str], average: float) -> float:
    return bm25(query, idfs, words, sum(words.values()), average, _K1, _B)


def _idf(query: list[str], documents: Iterable[Counter[str]]) -> tuple[dict[str, float], float]:
    docs = list(documents)
    df = Counter(t for words in docs for t in query if t in words)
    average = sum(sum(w.values()) for w in docs) / len(docs) if docs else 1.0
    return {t: idf(len(docs), df[t]) for t in query}, average


class Matcher:
    """A BM25 index over every statement of one framework, credited to its targets.

    Each statement credits the target it stands under (a skill its competency), or every target
    below it (a SAMHSA category its competencies). A target's score is its best statements'
    scores, each next one counting less, plus the score of all its statements taken together as
    one document. ``exclude`` holds ids left out of the index (to test on held-out statements).
    """

    def __init__(self, framework: Framework, exclude: Collection[str] = ()) -> None:
        self.framework = framework
        self.targets = targets(framework)
        target_ids = {t.id for t in self.targets}
        self._statements: list[tuple[Item, tuple[Item, ...], Counter[str]]] = []
        whole: dict[str, Counter[str]] = {}
        for item in framework.items:
            if item.id in exclude:
                continue
            words = Counter(tokens(item.text))
            if item.description:
                words.update(tokens(item.description))
            if item.id in target_ids:
                credited: tuple[Item, ...] = (item,)
            else:
                above = [a for a in item.ancestors if a.id in target_ids]
                credited = tuple(above[:1]) or tuple(
                    d for d in item.descendants if d.id in target_ids
                )
            if words and credited:
                self._statements.append((item, credited, words))
                if len(credited) == 1:
                    whole.setdefault(credited[0].id, Counter()).update(words)
        self._whole = whole

    def suggest(self, text: str, k: int = 5) -> tuple[Suggestion, ...]:
        """The ``k`` best targets for ``text``, best first (ties broken by id)."""
        _check_k(k)
        _check_text(text, "text")
        return self._ranked(text, k)

    def _ranked(self, text: str, k: int) -> tuple[Suggestion, ...]:
        surface: dict[str, str] = {}
        for word, stemmed in words(text):
            surface.setdefault(stemmed, word)
        query = list(surface)
        if not query:
            return ()
        idf, average = _idf(query, (w for _, _, w in self._statements))
        found: dict[str, list[Evidence]] = {}
        items: dict[str, Item] = {}
        for item, credited, counts in self._statements:
            score = _score(query, idf, counts, average)
            if score <= 0:
                continue
            shared = tuple(surface[t] for t in query if t in counts)
            for target in credited:
                found.setdefault(target.id, []).append(Evidence(item, shared, score))
                items[target.id] = target
        whole_idf, whole_average = _idf(query, self._whole.values())
        ranked = []
        for target_id, evidence in found.items():
            evidence.sort(key=lambda e: (-e.score, e.item.id))
            score = sum(e.score * _DECAY**n for n, e in enumerate(evidence[:_COUNTED]))
            if target_id in self._whole:
                score += _WHOLE * _score(query, whole_idf, self._whole[target_id], whole_average)
            shown = tuple(attrs.evolve(e, score=round(e.score, 4)) for e in evidence[:_EVIDENCE])
            ranked.append(Suggestion(items[target_id], round(score, 4), shown))
        ranked.sort(key=lambda s: (-s.score, s.item.id))
        return tuple(ranked[:k])


_MATCHERS: dict[str, Matcher] = {}


def _matcher(framework_id: str) -> Matcher:
    fw = database().framework(framework_id)
    found = _MATCHERS.get(framework_id)
    if found is None or found.framework is not fw:
        found = _MATCHERS[framework_id] = Matcher(fw)
    return found


def _check_k(k: object) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a whole number ≥ 1, got {k!r}", fix="ask for 1 or more")


def _check_text(text: object, name: str) -> None:
    if not isinstance(text, str):
        raise InputError(f"{name} must be a str, not {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{name} is empty", fix="give the words to match, e.g. a module's title")


def suggest(text: str, framework: str, k: int = 5) -> tuple[Suggestion, ...]:
    """Competencies of ``framework`` that ``text`` (a module's title and description) most
    likely addresses, best first, each with its score and the statements that matched.
    ``text`` must hold some words; ``k`` is a whole number ≥ 1."""
    _check_k(k)
    _check_text(text, "text")
    return _matcher(framework)._ranked(text, k)


def suggest_many(texts: Iterable[str], framework: str, k: int = 5) -> list[tuple[Suggestion, ...]]:
    """:func:`suggest` for many texts against one framework, sharing one index; ``texts`` is
    a list (or any iterable) of texts, read one by one as they are ranked."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise InputError(
            f"texts must be a list of texts, not {type(texts).__name__}",
            fix="for one text, use suggest(), or pass [text]",
        )
    _check_k(k)
    matcher = _matcher(framework)
    found = []
    for n, text in enumerate(texts):
        _check_text(text, f"texts[{n}]")
        found.append(matcher._ranked(text, k))
    return found
