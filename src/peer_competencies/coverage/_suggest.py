"""Text-based suggestions: which competencies a module's wording most likely addresses.

The default matcher needs only the standard library. It indexes every statement of the framework
(the competencies and all their children: skills, values, themes, field examples, sub-items)
as TF-IDF vectors over lightly stemmed words, and scores each competency by how closely its best
statements match the text (each next one counting less; CalMHSA's themes and field examples
less than a skill; a sentence a competency lists twice once), plus how closely all of its
wording taken as one length-normalised document and its own title match. Cosine similarity keeps a
competency with many statements from winning on common words. A small curated concept layer
(``data/matcher/concepts.json``) links everyday course words to the frameworks' words, each
entry for the frameworks whose wording justifies it.

Scores are calibrated to a 0-1 confidence on labelled real course titles
(``data/matcher/calibration.json``: the raw score and, where it helps, how far a suggestion is
behind the first); suggestions below the threshold are not made ("no
confident suggestion"). The statements that matched are the evidence. Suggestions are never
counted as coverage until a person accepts them.
"""

from __future__ import annotations

import json
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from operator import itemgetter
from typing import Any

import attrs

from .._errors import InputError
from .._load import database
from .._model import Framework, Item, Kind, top_items
from .._resources import Table
from .._text import words

__all__ = [
    "MATCHERS",
    "Calibration",
    "Evidence",
    "Matcher",
    "Suggestion",
    "calibration",
    "credited_targets",
    "suggest",
    "suggest_many",
    "targets",
]

MATCHERS = ("default", "semantic")

# Tuned on the training split of the real titles and the two seed-derived sets
# (benchmarks/bench_matcher.py; see docs/coverage.md).
DECAY = 0.35  # the n-th best statement of a competency counts DECAY ** n
COUNTED = 3  # statements counted per competency
WHOLE = 0.6  # weight of all of a competency's wording taken as one document
TITLE = 0.5  # weight of the competency's own wording
CONCEPT = 0.8  # weight of a framework word reached through the concept layer
# Weight of a statement by its kind (1 where not named): CalMHSA's themes restate other states'
# standards and its field examples illustrate, while a competency's own wording and its skills
# define what it asks for.
KINDS: Mapping[str, float] = {"theme": 0.8, "field-example": 0.8}
_EVIDENCE = 3  # statements shown as evidence
_KEPT = 10  # ranked targets kept per (text, framework) in the cache


@attrs.frozen
class Evidence:
    """A statement that matched, and the words of the text it shares (as the text spells them;
    ``word→framework word`` where the concept layer made the link)."""

    item: Item
    words: tuple[str, ...]
    score: float


@attrs.frozen
class Suggestion:
    """A competency suggested for a text: ``score`` is a confidence from 0 to 1, calibrated
    on labelled course titles (about the share of suggestions with that score that a reviewer
    accepted); ``raw`` is the matcher's own score; ``evidence`` the statements that matched."""

    item: Item
    score: float
    evidence: tuple[Evidence, ...]
    raw: float = 0.0


def targets(framework: Framework) -> tuple[Item, ...]:
    """The items coverage is counted against: the competencies where the framework has them,
    otherwise its top-level items (IC&RC domains, best practices, principles)."""
    return framework.of_kind(Kind.COMPETENCY) or top_items(framework)


def credited_targets(item: Item, positions: Mapping[str, int]) -> tuple[int, ...]:
    """The targets a statement credits, by their ``positions`` (target id → index): a target
    itself; otherwise the nearest target above it; otherwise (an item above the targets, such
    as a SAMHSA category) every target below it."""
    if item.id in positions:
        return (positions[item.id],)
    for above in item.ancestors:
        if above.id in positions:
            return (positions[above.id],)
    return tuple(positions[d.id] for d in item.descendants if d.id in positions)


# ---------------------------------------------------------------------------------------------
# shipped matcher data: the concept layer and the calibration


def _parse_matcher_data(raw: bytes, file: str, name: str) -> Any:
    return json.loads(raw)


_MATCHER_DATA = Table("matcher", _parse_matcher_data)
"""``concepts``: the concept layer; ``calibration``: the calibrated thresholds."""


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(s for _, s in words(text))


@attrs.frozen
class _Concept:
    id: str
    course: tuple[tuple[str, ...], ...]  # stemmed phrases
    framework: tuple[str, ...]  # stems
    framework_words: tuple[str, ...]  # as the framework spells them, for evidence
    frameworks: frozenset[str]  # the frameworks whose items justify it: it applies to these


def _wording_of(framework: Framework) -> frozenset[str]:
    """The framework's id and those of the frameworks it takes statements from (BJA: SAMHSA's,
    IC&RC's, RFC's)."""
    return frozenset(
        {framework.id} | {o.framework for item in framework.items for o in item.origins}
    )


@cache
def _concept_starts(
    wording: frozenset[str],
) -> Mapping[str, tuple[tuple[tuple[str, ...], _Concept], ...]]:
    """The course phrases of each concept that applies to a framework whose wording is that of
    the frameworks ``wording`` names (:func:`_wording_of`), by their first stem, to look up only
    what a text holds.

    A concept links course words to the wording of the frameworks whose items justify it, so it
    applies to those and to a framework that takes its statements from one of them (BJA's from
    SAMHSA's); to no other. "Supervision" belongs with SAMHSA's "growth and development"
    (category XII), but SB 803 files supervision under professional ethics (11)."""
    starts: dict[str, list[tuple[tuple[str, ...], _Concept]]] = {}
    for concept in _concepts():
        if not wording & concept.frameworks:
            continue
        for phrase in concept.course:
            starts.setdefault(phrase[0], []).append((phrase, concept))
    return {first: tuple(found) for first, found in starts.items()}


@cache
def _course_words() -> frozenset[str]:
    """Stems of the words that name a course's own structure (never matched)."""
    return frozenset(s for w in _MATCHER_DATA["concepts"]["course_words"] for s in _phrase(w))


@cache
def _concepts() -> tuple[_Concept, ...]:
    found = []
    for entry in _MATCHER_DATA["concepts"]["concepts"]:
        course = tuple(p for p in (_phrase(t) for t in entry["course_terms"]) if p)
        spelled: dict[str, str] = {}
        for term in entry["framework_terms"]:
            for word, stemmed in words(term):
                spelled.setdefault(stemmed, word)
        frameworks = frozenset(i.split(":", 1)[0] for i in entry["justified_by"])
        found.append(
            _Concept(entry["id"], course, tuple(spelled), tuple(spelled.values()), frameworks)
        )
    return tuple(found)


@attrs.frozen
class Calibration:
    """A logistic map from a matcher's raw score to a 0-1 confidence, and the threshold below
    which nothing is suggested. ``gap`` weighs how far a suggestion's raw score is behind the
    first suggestion's for the same text (0: not used; a suggestion far behind the best is less
    often right)."""

    slope: float
    intercept: float
    threshold: float
    gap: float = 0.0

    def confidence(self, raw: float, behind: float = 0.0) -> float:
        """The confidence of a suggestion with this ``raw`` score, ``behind`` the first
        suggestion's raw score by that much."""
        z = self.slope * raw + self.gap * behind + self.intercept
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@cache
def _calibrations() -> Mapping[str, Mapping[str, Calibration]]:
    data = _MATCHER_DATA["calibration"]
    return {
        matcher: {
            framework: Calibration(c["slope"], c["intercept"], c["threshold"], c.get("gap", 0.0))
            for framework, c in by_framework.items()
        }
        for matcher, by_framework in data["matchers"].items()
    }


def calibration(framework: str, matcher: str = "default") -> Calibration:
    """The shipped calibration of ``matcher`` for ``framework`` (or its fit for all the
    labelled frameworks together, where that framework has no labelled titles of its own)."""
    by_framework = _calibrations()[matcher]
    return by_framework.get(framework) or by_framework["*"]


# ---------------------------------------------------------------------------------------------
# the lexical index


def _unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


class _Space:
    """TF-IDF vectors of some documents, each of length 1 (or of its ``scale``), with an
    inverted index for fast dot products."""

    def __init__(
        self,
        documents: list[Counter[str]],
        idf: Mapping[str, float],
        scale: list[float] | None = None,
    ) -> None:
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for n, counts in enumerate(documents):
            vector = _unit({t: (1 + math.log(c)) * idf[t] for t, c in counts.items()})
            if scale is not None and scale[n] != 1:
                vector = {t: w * scale[n] for t, w in vector.items()}
            for term, weight in vector.items():
                self.postings.setdefault(term, []).append((n, weight))

    def cosines(self, query: Mapping[str, float]) -> dict[int, float]:
        found: dict[int, float] = {}
        for term, q in query.items():
            for n, weight in self.postings.get(term, ()):
                found[n] = found.get(n, 0.0) + q * weight
        return found


class Matcher:
    """The default matcher's index over every statement of one framework, credited to its
    targets. Built once per framework; ``exclude`` holds ids left out of the index (to test on
    held-out statements); the keyword options override the tuned parameters.

    A wording that a competency lists more than once (CalMHSA often repeats a skill as a theme
    and a field example) is one statement of that competency, weighted as its highest kind: the
    same sentence counted twice would pass for two pieces of evidence."""

    def __init__(
        self,
        framework: Framework,
        exclude: Collection[str] = (),
        *,
        decay: float = DECAY,
        counted: int = COUNTED,
        whole: float = WHOLE,
        title: float = TITLE,
        concept: float = CONCEPT,
        kinds: Mapping[str, float] = KINDS,
    ) -> None:
        self.framework = framework
        self.targets = targets(framework)
        self._decay, self._counted, self._whole_weight = decay, counted, whole
        self._title_weight, self._concept = title, concept
        self._concept_starts = _concept_starts(_wording_of(framework))
        target_ids = {t.id: n for n, t in enumerate(self.targets)}
        self._target_ids = tuple(t.id for t in self.targets)
        statements: list[Item] = []
        counts: list[Counter[str]] = []
        credits: list[tuple[int, ...]] = []
        weights: list[float] = []
        wordings: dict[tuple[tuple[int, ...], str], int] = {}  # → its statement
        whole_docs = [Counter[str]() for _ in self.targets]
        for item in framework.items:
            if item.id in exclude:
                continue
            found = Counter(_phrase(item.text))
            if item.description:
                found.update(_phrase(item.description))
            credited = credited_targets(item, target_ids)
            if not (found and credited):
                continue
            weight = kinds.get(item.kind.value, 1.0)
            wording = (credited, " ".join(f"{item.text}\n{item.description or ''}".lower().split()))
            same = wordings.get(wording)
            if same is not None:
                weights[same] = max(weights[same], weight)
                continue
            wordings[wording] = len(statements)
            statements.append(item)
            counts.append(found)
            credits.append(credited)
            weights.append(weight)
            if len(credited) == 1:
                whole_docs[credited[0]].update(found)
        df = Counter(t for c in counts for t in c)
        n = len(counts)
        self._idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self._statements = tuple(statements)
        self._credits = tuple(credits)
        self._terms = tuple(frozenset(c) for c in counts)
        self._space = _Space(counts, self._idf, weights)
        titles = [Counter(_phrase(t.text)) for t in self.targets]
        self._whole = _Space(whole_docs, self._idf_for(whole_docs))
        self._title = _Space(titles, self._idf_for(titles))

    def _idf_for(self, documents: list[Counter[str]]) -> dict[str, float]:
        idf = dict(self._idf)
        for doc in documents:
            for term in doc:
                idf.setdefault(term, 1.0)
        return idf

    def _query(self, text: str) -> tuple[dict[str, float], dict[str, str]]:
        """The query's unit vector, and how each of its terms is spelled in the text."""
        skipped = _course_words()
        found = [(w, s) for w, s in words(text) if s not in skipped]
        surface: dict[str, str] = {}
        weights: dict[str, float] = {}
        for word, stemmed in found:
            surface.setdefault(stemmed, word)
            weights[stemmed] = weights.get(stemmed, 0.0) + 1.0
        if self._concept > 0:
            stems = [s for _, s in found]
            concepts = self._concept_starts
            reached: set[str] = set()
            for first in dict.fromkeys(stems):
                for phrase, concept in concepts.get(first, ()):
                    if concept.id in reached or not _contains(stems, phrase):
                        continue
                    reached.add(concept.id)
                    via = " ".join(surface.get(s, s) for s in phrase)
                    for term, spelled in zip(
                        concept.framework, concept.framework_words, strict=True
                    ):
                        if term not in weights:
                            surface[term] = f"{via}→{spelled}"
                            weights[term] = self._concept
        vector = _unit({t: w * self._idf[t] for t, w in weights.items() if t in self._idf})
        return vector, surface

    def rank(self, text: str, k: int = 5) -> tuple[Suggestion, ...]:
        """The ``k`` best targets for ``text`` with raw scores (no threshold), best first (ties
        broken by id); ``score`` is the calibrated confidence."""
        _check_k(k)
        _check_text(text, "text")
        return self._ranked(text, k)

    def suggest(self, text: str, k: int = 5) -> tuple[Suggestion, ...]:
        """The ``k`` best targets for ``text`` that reach the confidence threshold."""
        threshold = calibration(self.framework.id).threshold
        return tuple(s for s in self.rank(text, k) if s.score >= threshold)

    def _ranked(self, text: str, keep: int = _KEPT) -> tuple[Suggestion, ...]:
        query, surface = self._query(text)
        if not query:
            return ()
        counted = max(self._counted, _EVIDENCE)
        best: dict[int, list[tuple[float, int]]] = {}  # each target's best statements
        matched = sorted(self._space.cosines(query).items(), key=itemgetter(1), reverse=True)
        for n, cos in matched:
            for target in self._credits[n]:
                top = best.get(target)
                if top is None:
                    best[target] = [(cos, n)]
                elif len(top) < counted:
                    top.append((cos, n))
        whole = self._whole.cosines(query)
        title = self._title.cosines(query)
        weights = [self._decay**i for i in range(self._counted)]
        whole_weight, title_weight = self._whole_weight, self._title_weight
        scored = []
        for target in best.keys() | whole.keys() | title.keys():
            raw = whole_weight * whole.get(target, 0.0) + title_weight * title.get(target, 0.0)
            top = best.get(target)
            if top:
                raw += sum(c * w for (c, _), w in zip(top, weights, strict=False))
            scored.append((-raw, self._target_ids[target], target))
        scored.sort()
        cal = calibration(self.framework.id)
        ranked = []
        first = -scored[0][0] if scored else 0.0
        for negative, _, target in scored[:keep]:
            found = best.get(target, [])
            evidence = tuple(
                Evidence(
                    self._statements[n],
                    tuple(surface[t] for t in query if t in self._terms[n]),
                    round(c, 4),
                )
                for c, n in found[:_EVIDENCE]
            )
            raw = -negative
            item = self.targets[target]
            confidence = cal.confidence(raw, first - raw)
            ranked.append(Suggestion(item, round(confidence, 4), evidence, round(raw, 4)))
        return tuple(ranked)


def _contains(stems: list[str], phrase: tuple[str, ...]) -> bool:
    if len(phrase) == 1:
        return phrase[0] in stems
    width = len(phrase)
    return any(tuple(stems[i : i + width]) == phrase for i in range(len(stems) - width + 1))


# ---------------------------------------------------------------------------------------------
# the public functions, with one index per framework and a cache per (text, framework, matcher)

_MATCHERS: dict[str, Matcher] = {}
_SUGGESTIONS: OrderedDict[tuple[str, str, str], tuple[Suggestion, ...]] = OrderedDict()
_CACHED = 4096
_LOCK = threading.Lock()


def _matcher(framework_id: str) -> Matcher:
    fw = database().framework(framework_id)
    with _LOCK:
        found = _MATCHERS.get(framework_id)
        if found is None or found.framework is not fw:
            found = _MATCHERS[framework_id] = Matcher(fw)
        return found


def _ranked(text: str, framework: str, matcher: str) -> tuple[Suggestion, ...]:
    key = (framework, matcher, text)
    with _LOCK:
        found = _SUGGESTIONS.get(key)
        if found is not None:
            _SUGGESTIONS.move_to_end(key)
            return found
    if matcher == "default":
        found = _matcher(framework)._ranked(text)
    else:
        from . import _semantic

        found = _semantic.ranked(text, framework, mode=matcher)
    with _LOCK:
        _SUGGESTIONS[key] = found
        if len(_SUGGESTIONS) > _CACHED:
            _SUGGESTIONS.popitem(last=False)
    return found


def _check_k(k: object) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a whole number ≥ 1, got {k!r}", fix="ask for 1 or more")


def _check_text(text: object, name: str) -> None:
    if not isinstance(text, str):
        raise InputError(f"{name} must be a str, not {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{name} is empty", fix="give the words to match, e.g. a module's title")


def _check_matcher(matcher: object) -> str:
    if matcher not in MATCHERS:
        raise InputError(f"unknown matcher {matcher!r}", fix=f"use one of {', '.join(MATCHERS)}")
    return str(matcher)


def _check_threshold(threshold: object) -> None:
    if threshold is None:
        return
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise InputError(f"threshold must be a number from 0 to 1 or None, got {threshold!r}")
    if not 0 <= threshold <= 1:
        raise InputError(f"threshold must be from 0 to 1, got {threshold!r}")


def _confident(
    found: tuple[Suggestion, ...], framework: str, matcher: str, k: int, threshold: float | None
) -> tuple[Suggestion, ...]:
    floor = calibration(framework, matcher).threshold if threshold is None else threshold
    return tuple(s for s in found[:k] if s.score >= floor)


def suggest(
    text: str,
    framework: str,
    k: int = 5,
    matcher: str = "default",
    threshold: float | None = None,
) -> tuple[Suggestion, ...]:
    """Competencies of ``framework`` that ``text`` (a module's title and description) most
    likely addresses, best first, each with its 0-1 confidence and the statements that matched.

    Only suggestions whose confidence reaches ``threshold`` are made (None: the calibrated
    threshold of that matcher and framework; 0: every match); an empty result means "no
    confident suggestion". ``matcher`` is ``"default"`` (standard library only) or
    ``"semantic"`` (adds word embeddings; needs the ``semantic`` extra: ``pip install
    'peer-competencies[semantic]'``). ``text`` must hold some words; ``k`` is a whole number ≥ 1.
    """
    _check_k(k)
    _check_text(text, "text")
    name = _check_matcher(matcher)
    _check_threshold(threshold)
    database().framework(framework)  # an unknown id is reported before anything is loaded
    return _confident(_ranked(text, framework, name), framework, name, k, threshold)


def suggest_many(
    texts: Iterable[str],
    framework: str,
    k: int = 5,
    matcher: str = "default",
    threshold: float | None = None,
) -> list[tuple[Suggestion, ...]]:
    """:func:`suggest` for many texts against one framework, sharing one index; ``texts`` is
    a list (or any iterable) of texts, read one by one as they are ranked."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise InputError(
            f"texts must be a list of texts, not {type(texts).__name__}",
            fix="for one text, use suggest(), or pass [text]",
        )
    _check_k(k)
    name = _check_matcher(matcher)
    _check_threshold(threshold)
    database().framework(framework)
    found = []
    for n, text in enumerate(texts):
        _check_text(text, f"texts[{n}]")
        found.append(_confident(_ranked(text, framework, name), framework, name, k, threshold))
    return found
