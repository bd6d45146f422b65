"""Full-text search over the items of one or more frameworks (Okapi BM25)."""

from __future__ import annotations

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
    items: tuple[Item, ...]
    terms: tuple[dict[str, float], ...]
    lengths: tuple[float, ...]
    document_frequency: dict[str, int]
    average_length: float
    postings: dict[str, tuple[int, ...]]  # term → the items holding it, in order
    folded: tuple[str, ...]  # each item's text and description, lower-cased, for phrases


def _index_of(framework: Framework) -> _Index:
    terms: list[dict[str, float]] = []
    for item in framework.items:
        weights: dict[str, float] = dict(Counter(tokens(item.text)))
        if item.description:
            for term, count in Counter(tokens(item.description)).items():
                weights[term] = weights.get(term, 0.0) + _DESCRIPTION_WEIGHT * count
        terms.append(weights)
    lengths = tuple(sum(t.values()) for t in terms)
    frequency: Counter[str] = Counter()
    postings: dict[str, list[int]] = {}
    for n, weights in enumerate(terms):
        frequency.update(weights.keys())
        for term in weights:
            postings.setdefault(term, []).append(n)
    return _Index(
        framework.items,
        tuple(terms),
        lengths,
        dict(frequency),
        (sum(lengths) / len(lengths)) if lengths else 1.0,
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


def _scores(index: _Index, query_terms: list[str], phrase: str) -> Iterable[Match]:
    unique = list(dict.fromkeys(query_terms))
    n = len(index.items)
    idfs = {t: idf(n, index.document_frequency.get(t, 0)) for t in unique}
    holding = sorted({n for t in unique for n in index.postings.get(t, ())})
    for n in holding:  # only the items that hold a query word (an inverted index)
        item, weights, length = index.items[n], index.terms[n], index.lengths[n]
        matched = [t for t in unique if t in weights]
        score = bm25(matched, idfs, weights, length, index.average_length, _K1, _B)
        if phrase and phrase in index.folded[n]:
            score += _PHRASE_BONUS
        yield Match(item, round(score, 6), tuple(matched))


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
    query_terms = tokens(text)
    phrase = " ".join(text.lower().split())
    found: list[Match] = []
    if query_terms:
        for fw in frameworks:
            for match in _scores(_cached_index(fw), query_terms, phrase):
                if wanted is None or match.item.kind in wanted:
                    found.append(match)
    found.sort(key=lambda m: (-m.score, m.item.id))
    return tuple(found if limit is None else found[:limit])
