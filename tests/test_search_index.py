"""Search's precomputed index ranks exactly as BM25 written out plainly over every item does."""

from __future__ import annotations

import csv
import functools
import math
from collections import Counter

import pytest

import peer_competencies as pc
from peer_competencies import Framework, _search
from peer_competencies._text import tokens
from tests.support import REPO

Row = tuple[str, float, tuple[str, ...]]


@functools.cache
def documents(framework: Framework) -> tuple[list[dict[str, float]], Counter[str]]:
    """Each item's stems and their counts (the description's words count half), and in how
    many items each stem is."""
    docs = []
    for item in framework.items:
        weights: dict[str, float] = dict(Counter(tokens(item.text)))
        for term, count in Counter(tokens(item.description or "")).items():
            weights[term] = weights.get(term, 0.0) + _search._DESCRIPTION_WEIGHT * count
        docs.append(weights)
    return docs, Counter(t for d in docs for t in d)


def plain_bm25(text: str, framework: Framework, kinds: set[str] | None = None) -> list[Row]:
    """Okapi BM25 of every item of ``framework`` for ``text``, computed item by item with no
    index, plus the bonus for the whole phrase."""
    docs, holding = documents(framework)
    n = len(docs)
    average = sum(sum(d.values()) for d in docs) / n
    query = list(dict.fromkeys(tokens(text)))
    phrase = " ".join(text.lower().split())
    k1, b = _search._K1, _search._B
    rows = []
    for item, weights in zip(framework.items, docs, strict=True):
        matched = tuple(t for t in query if t in weights)
        if not matched or (kinds is not None and item.kind.value not in kinds):
            continue
        norm = k1 * (1 - b + b * sum(weights.values()) / average)
        score = 0.0
        for term in matched:
            idf = math.log(1 + (n - holding[term] + 0.5) / (holding[term] + 0.5))
            score += idf * weights[term] * (k1 + 1) / (weights[term] + norm)
        if phrase in f"{item.text}\n{item.description or ''}".lower():
            score += _search._PHRASE_BONUS
        rows.append((item.id, round(score, 6), matched))
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows


def queries(framework: Framework) -> list[str]:
    """Every statement's own text, and every real course title of the benchmark."""
    with (REPO / "benchmarks" / "real_titles.csv").open(encoding="utf-8", newline="") as f:
        titles = [row["title"] for row in csv.DictReader(f)]
    return [item.text for item in framework.items] + titles


@pytest.mark.parametrize("framework_id", ["samhsa-2015", "icrc-pr", "peer-support-17"])
def test_search_ranks_every_statement_and_title_as_plain_bm25_does(framework_id: str) -> None:
    fw = pc.framework(framework_id)
    for text in queries(fw):
        found = [(m.item.id, m.score, m.matched) for m in pc.search(text, fw.id, limit=None)]
        assert found == plain_bm25(text, fw), text


def test_search_of_a_large_framework_keeps_plain_bm25s_order_and_kinds() -> None:
    fw = pc.framework("ca-sb803")
    for n, text in enumerate(queries(fw)):
        found = [(m.item.id, m.score, m.matched) for m in pc.search(text, fw.id, limit=None)]
        assert found == plain_bm25(text, fw), text
        if n % 4:
            continue
        skills = pc.search(text, fw.id, kinds=["skill"], limit=4)
        plain = plain_bm25(text, fw, {"skill"})[:4]
        assert [(m.item.id, m.score, m.matched) for m in skills] == plain, text


def test_search_of_every_framework_merges_their_rankings() -> None:
    text = "crisis and safety planning with peers"
    merged = [r for fw in pc.frameworks() for r in plain_bm25(text, fw)]
    merged.sort(key=lambda r: (-r[1], r[0]))
    found = [(m.item.id, m.score, m.matched) for m in pc.search(text, limit=25)]
    assert found == merged[:25]
