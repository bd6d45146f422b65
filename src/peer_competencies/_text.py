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

# Words whose plural or variant no suffix rule reaches.
_IRREGULAR = {
    "crises": "crisis",
    "diagnoses": "diagnosis",
    "analyses": "analysis",
    "hypotheses": "hypothesis",
    "children": "child",
    "women": "woman",
    "men": "man",
    "lives": "life",
    "selves": "self",
    "wives": "wife",
    "isation": "ization",
}

# Derivational endings, longest first: (ending, replacement, shortest stem left). A stem shorter
# than its minimum keeps the ending, so "action" (act + ion) and "active" (act + ive) stay apart.
_DERIVATIONAL = (
    ("entation", "ent", 4),  # documentation → document
    ("ization", "is", 4),  # organization, organisation → organis(e)
    ("isation", "is", 4),
    ("ality", "al", 4),  # confidentiality → confidential, spirituality → spiritual
    ("ation", "at", 4),  # facilitation → facilitat(e)
    ("ator", "at", 4),  # facilitator → facilitat(e)
    ("ement", "e", 5),  # engagement → engage; "statement" is kept whole (≠ state)
    ("ment", "", 5),  # empowerment → empower; "document" keeps its ending
    ("ness", "", 5),  # awareness → aware; "wellness" and "illness" are kept whole
    ("ship", "", 4),  # partnership → partner
    ("ence", "ent", 4),  # resilience → resilient
    ("ency", "ent", 4),  # resiliency, competency → resilient, competent
    ("ance", "ant", 4),
    ("ancy", "ant", 4),
    ("ally", "al", 4),  # culturally → cultural
    ("ical", "ic", 4),  # ethical → ethic
    ("tion", "t", 5),  # prevention → prevent; "action" is kept whole
    ("sion", "s", 5),  # discussion → discuss
    ("acy", "at", 4),  # advocacy → advocat(e)
    ("ery", "er", 4),  # recovery → recover
    ("ful", "", 4),  # respectful → respect
    ("ive", "", 5),  # supportive → support; "active" is kept whole
    ("isory", "is", 3),  # supervisory → supervis(e), advisory → advis(e)
    ("atory", "at", 4),  # regulatory → regulat(e)
    ("ize", "is", 4),  # -ize and -ise spell one ending: organize, organise, organised → organis
    ("ise", "is", 4),  # supervise, supervised, supervision → supervis
    ("iz", "is", 4),  # what -ed and -ing leave of an -ize verb: organized → organiz → organis
    ("al", "", 5),  # professional → profession, cultural → cultur(e), referral → refer
    ("ly", "", 5),  # actively → active; "family" is kept whole
)

_VOWELS = frozenset("aeiouy")
_UNDOUBLED = frozenset("lsz")


def _undouble(word: str) -> str:
    """planning → plann → plan; referral → referr → refer (not skill, process, buzz)."""
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | _UNDOUBLED:
        return word[:-1]
    return word


def _inflection(word: str) -> str:
    """The word without its plural, -ing or -ed ending."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # boundaries → boundary
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]  # pathways → pathway
        if not word.endswith("ing"):
            return word  # (trainings → training goes on to lose its -ing below)
    for ending in ("ing", "ed"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) < 3 or not _VOWELS & set(stem):
                return word  # sing, red, bed
            undoubled = _undouble(stem)
            if undoubled != stem:
                return undoubled  # planning → plan
            short = len(stem) <= 4 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS
            if short and stem[-3] not in _VOWELS:
                return stem + "e"  # sharing → share, coping → cope
            return stem
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem: word families conflate (``partners``, ``partnering`` →
    ``partner``; ``crisis``, ``crises`` → ``crisis``; ``advocacy``, ``advocates`` →
    ``advocat``) while words of different meaning stay apart (``action`` ≠ ``active``)."""
    if len(word) <= 3 or word.isdigit():
        return word
    word = _IRREGULAR.get(word, word)
    word = _inflection(word)
    for _ in range(2):  # relationships → relationship → relation → relat
        for ending, replacement, shortest in _DERIVATIONAL:
            if word.endswith(ending) and len(word) - len(ending) >= shortest:
                rest = word[: -len(ending)]
                if ending in ("al", "ly") and rest[-1] in _VOWELS:
                    continue  # spiritual, individual, daily
                if ending == "ment" and rest[-1] == "e":
                    continue  # "-ement" has its own rule: statement ≠ state
                word = _undouble(rest + replacement) if not replacement else rest + replacement
                break
        else:
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]  # facilitate → facilitat, culture → cultur
    return word


# A prefix that a hyphen splits off is not a word of its own: "co-occurring" is matched on
# "occurring", "co-reflection" on "reflection", "re-entry" on "entry", never on "co" or "re".
_BOUND_PREFIX = re.compile(r"\b(?:anti|co|de|inter|multi|non|post|pre|pro|re|semi)-(?=[a-z])")


def words(text: str) -> list[tuple[str, str]]:
    """The content words of ``text`` in order, each with its stem: stop words, prefixes split
    off by a hyphen and single letters (the s of "peer(s)") are dropped; numbers are kept."""
    folded = text.lower().replace("\u2019", "'").replace("'s", "")
    folded = _BOUND_PREFIX.sub(" ", folded)
    return [
        (w, stem(w))
        for w in _WORD.findall(folded)
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


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
