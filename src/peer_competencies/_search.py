"""Full-text search over the items of one or more frameworks (Okapi BM25)."""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from collections.abc import Iterable

import attrs

from ._errors import InputError
from ._load import database
from ._model import Framework, Item, Kind
from ._text import bm25, idf, tokens

__all__ = ["Match", "search"]

_K1 = 1.2
_B = 0.75
_DESCRIPTION_WEIGHT = 0.5
_PHRASE_BONUS = 1.0


@attrs.frozen
class Match:
    """A search result: the item, its score (higher is better) and the words that matched."""

    item: Item
    score: float
    matched: tuple[str, ...]


@attrs.frozen
class _Index:
    """One framework's search index, built once: for each stem, the items that hold it with
    the stem's whole BM25 contribution to each (its idf, count and the item's length folded
    in), so that a query only adds up numbers."""

    items: tuple[Item, ...]
    ids: tuple[str, ...]
    kinds: tuple[Kind, ...]
    terms: tuple[frozenset[str], ...]  # each item's stems
    postings: dict[str, tuple[tuple[int, float], ...]]  # stem → (item, contribution), in order
    folded: tuple[str, ...]  # each item's text and description, lower-cased, for phrases


def _index_of(framework: Framework) -> _Index:
    terms: list[dict[str, float]] = []
    for item in framework.items:
        weights: dict[str, float] = dict(Counter(tokens(item.text)))
        if item.description:
            for term, count in Counter(tokens(item.description)).items():
                weights[term] = weights.get(term, 0.0) + _DESCRIPTION_WEIGHT * count
        terms.append(weights)
    lengths = [sum(t.values()) for t in terms]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    frequency: Counter[str] = Counter()
    for weights in terms:
        frequency.update(weights.keys())
    idfs = {t: idf(len(terms), d) for t, d in frequency.items()}
    postings: dict[str, list[tuple[int, float]]] = {}
    for n, weights in enumerate(terms):
        for term in weights:
            score = bm25((term,), idfs, weights, lengths[n], average, _K1, _B)
            postings.setdefault(term, []).append((n, score))
    return _Index(
        framework.items,
        tuple(i.id for i in framework.items),
        tuple(i.kind for i in framework.items),
        tuple(frozenset(t) for t in terms),
        {t: tuple(p) for t, p in postings.items()},
        tuple(f"{i.text}\n{i.description or ''}".lower() for i in framework.items),
    )


_INDEXES: dict[str, _Index] = {}
_LOCK = threading.Lock()


def _cached_index(framework: Framework) -> _Index:
    with _LOCK:
        index = _INDEXES.get(framework.id)
        if index is None or index.items is not framework.items:
            index = _INDEXES[framework.id] = _index_of(framework)
        return index


_Scored = tuple[float, str, _Index, int]  # minus the score, the item's id, where it is


def _scores(
    index: _Index, unique: list[str], phrase: str, wanted: set[Kind] | None
) -> list[_Scored]:
    """Every item that holds a query word (and is of a wanted kind), scored: each query
    word's contribution added in the query's order, then the phrase bonus."""
    sums: dict[int, float] = {}
    for term in unique:
        for n, contribution in index.postings.get(term, ()):
            sums[n] = sums.get(n, 0) + contribution
    found = []
    ids, kinds, folded = index.ids, index.kinds, index.folded
    for n, score in sums.items():
        if wanted is not None and kinds[n] not in wanted:
            continue
        if phrase and phrase in folded[n]:
            score += _PHRASE_BONUS
        found.append((-round(score, 6), ids[n], index, n))
    return found


def _match(scored: _Scored, unique: list[str]) -> Match:
    negative, _, index, n = scored
    held = index.terms[n]
    return Match(index.items[n], -negative, tuple(t for t in unique if t in held))


def search(
    text: str,
    framework: str | None = None,
    kinds: Iterable[Kind | str] | None = None,
    limit: int | None = 10,
) -> tuple[Match, ...]:
    """Items whose wording matches ``text``, best first, ties broken by id (a stable order).

    ``framework`` restricts the search to one framework id; ``kinds`` to some kinds of item
    (``"competency"``, ``Kind.SKILL`` …); ``limit`` caps the number of results (None: all).
    """
    if not isinstance(text, str):
        raise InputError(
            f"search text must be a str, not {type(text).__name__}",
            fix="pass the words to look for",
        )
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise InputError(f"limit must be a whole number ≥ 0 or None, got {limit!r}")
    try:
        wanted = None if kinds is None else {Kind(k) for k in kinds}
    except ValueError:
        known = ", ".join(k.value for k in Kind)
        raise InputError(
            f"unknown kind in {list(kinds or [])!r}", fix=f"use one of {known}"
        ) from None
    db = database()
    frameworks = db.frameworks() if framework is None else (db.framework(framework),)
    unique = list(dict.fromkeys(tokens(text)))
    if not unique:
        return ()
    phrase = " ".join(text.lower().split())
    found: list[_Scored] = []
    for fw in frameworks:
        found += _scores(_cached_index(fw), unique, phrase, wanted)
    if limit is None:
        found.sort()
    else:
        found = heapq.nsmallest(limit, found)
    return tuple(_match(s, unique) for s in found)
