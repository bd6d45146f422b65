"""Words out of text, and how well they match: the tokenizer, the light stemmer and Okapi BM25
scoring, shared by search and suggestions."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

__all__ = ["STOPWORDS", "bm25", "idf", "stem", "tokens", "words"]

_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """a about above after again all also an and any are as at be been being both but by can
    could did do does doing each either etc for from had has have having he her here hers him his
    how i if in into is it its itself may might more most must my no nor not of on once only or
    other our ours out over own per same she should so some such than that the their theirs them
    then there these they this those through to too under until up upon use used uses using very
    was we were what when where whether which while who whom why will with within would you your
    e g eg ie including include includes""".split()
)

# Longest first: the first suffix that leaves a stem of three letters or more is removed.
_SUFFIXES = (
    "ational",
    "ization",
    "fulness",
    "iveness",
    "ousness",
    "ations",
    "nesses",
    "ments",
    "ities",
    "ation",
    "ness",
    "ment",
    "ings",
    "ible",
    "able",
    "ions",
    "ives",
    "ence",
    "ance",
    "ity",
    "ing",
    "ion",
    "ive",
    "ies",
    "ers",
    "ful",
    "ous",
    "ist",
    "ism",
    "ed",
    "es",
    "er",
    "ly",
    "al",
    "s",
    "e",
    "y",
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem: ``advocates``, ``advocacy``, ``advocating`` → ``advoc``."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # fold the consonant doubled before a suffix (planning → plann → plan)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    if word.endswith(("ac", "at")) and len(word) > 5:
        word = word[:-2]
    return word


def words(text: str) -> list[tuple[str, str]]:
    """The content words of ``text`` in order (stop words dropped), each with its stem."""
    folded = text.lower().replace("\u2019", "'").replace("'s", "")
    return [(w, stem(w)) for w in _WORD.findall(folded) if w not in STOPWORDS]


def tokens(text: str) -> list[str]:
    """The stemmed content words of ``text``, in order (stop words dropped)."""
    return [s for _, s in words(text)]


def idf(documents: int, containing: int) -> float:
    """BM25's inverse document frequency of a term found in ``containing`` of ``documents``."""
    return math.log(1 + (documents - containing + 0.5) / (containing + 0.5))


def bm25(
    query: Iterable[str],
    idfs: Mapping[str, float],
    counts: Mapping[str, float],
    length: float,
    average: float,
    k1: float,
    b: float,
) -> float:
    """Okapi BM25 of one document (its term ``counts`` and ``length``, the collection's
    ``average`` length) for the ``query`` terms."""
    norm = k1 * (1 - b + b * length / average)
    return sum(idfs[t] * counts[t] * (k1 + 1) / (counts[t] + norm) for t in query if t in counts)
