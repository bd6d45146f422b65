"""Accuracy of the default suggestion matcher against a plain TF-IDF baseline, on labelled sets
built from the seed data itself.

Set A (IC&RC / RFC → SAMHSA category): the statements bja-prss-2020 takes from the IC&RC domains
and the Regional Facilitation Center best practices, each labelled with the SAMHSA category seed
004 files it under; suggestions are made against samhsa-2015 and read at category level.

Set B (CalMHSA → SB 803 competency): every ca-sb803 field example and theme, labelled with its
competency; the statement itself, and any other statement with the same wording, are held out of
the index when it is tested.

Run: ``python benchmarks/bench_matcher.py``. Prints top-1 and top-3 accuracy of both matchers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

import peer_competencies as pc
from peer_competencies.coverage._suggest import Matcher, targets

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

Case = tuple[str, str, frozenset[str]]  # text, label, ids to hold out
Ranker = Callable[[str, frozenset[str]], list[str]]  # text, held out → ranked target ids


def set_a() -> list[Case]:
    cases: list[Case] = []
    for item in pc.framework("bja-prss-2020").items:
        if any(o.framework in ("icrc-pr", "rfc-forensic-2017") for o in item.origins):
            category = item.ancestors[-1] if item.ancestors else item
            cases.append((item.text, f"samhsa-2015:{ROMAN[int(category.code) - 1]}", frozenset()))
    return cases


def set_b() -> list[Case]:
    fw = pc.framework("ca-sb803")
    by_text: dict[str, set[str]] = {}
    for item in fw.items:
        by_text.setdefault(" ".join(item.text.lower().split()), set()).add(item.id)
    cases: list[Case] = []
    for item in fw.of_kind("field-example", "theme"):
        same = frozenset(by_text[" ".join(item.text.lower().split())])
        assert item.parent_id is not None
        cases.append((item.text, item.parent_id, same))
    return cases


def _label_of(target_id: str, framework: str) -> str:
    if framework == "samhsa-2015":
        return target_id.split(".")[0]  # competency → its category
    return target_id


def ours(framework: str) -> Ranker:
    cache: dict[frozenset[str], Matcher] = {}

    def rank(text: str, held_out: frozenset[str]) -> list[str]:
        if held_out not in cache:
            cache[held_out] = Matcher(pc.framework(framework), exclude=held_out)
        return [s.item.id for s in cache[held_out].suggest(text, k=40)]

    return rank


_WORD = re.compile(r"[a-z0-9]+")


def tfidf(framework: str) -> Ranker:
    """Plain TF-IDF: lower-cased words, no stemming, smoothed idf, cosine similarity; each target
    is one document made of its own wording and every statement below it."""
    fw = pc.framework(framework)

    def rank(text: str, held_out: frozenset[str]) -> list[str]:
        docs = []
        for target in targets(fw):
            parts = [target.text, target.description or ""]
            parts += [d.text for d in target.descendants if d.id not in held_out]
            docs.append((target.id, Counter(_WORD.findall(" ".join(parts).lower()))))
        n = len(docs)
        df: Counter[str] = Counter()
        for _, words in docs:
            df.update(words.keys())
        idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}

        def vector(words: Counter[str]) -> dict[str, float]:
            v = {w: c * idf.get(w, 0.0) for w, c in words.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            return {w: x / norm for w, x in v.items()}

        q = vector(Counter(_WORD.findall(text.lower())))
        scored = [
            (sum(q.get(w, 0.0) * x for w, x in vector(words).items()), tid) for tid, words in docs
        ]
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [tid for score, tid in scored if score > 0]

    return rank


def accuracy(cases: Sequence[Case], rank: Ranker, framework: str) -> tuple[float, float]:
    top1 = top3 = 0
    for text, label, held_out in cases:
        labels = list(dict.fromkeys(_label_of(t, framework) for t in rank(text, held_out)))
        top1 += labels[:1] == [label]
        top3 += label in labels[:3]
    return top1 / len(cases), top3 / len(cases)


def main() -> None:
    for name, cases, framework in (
        ("A: IC&RC/RFC -> SAMHSA category", set_a(), "samhsa-2015"),
        ("B: CalMHSA -> SB 803 competency", set_b(), "ca-sb803"),
    ):
        print(f"set {name}: {len(cases)} cases")
        for matcher, rank in (("tf-idf baseline", tfidf(framework)), ("default", ours(framework))):
            one, three = accuracy(cases, rank, framework)
            print(f"  {matcher:<16} top-1 {one:6.1%}   top-3 {three:6.1%}")


if __name__ == "__main__":
    main()
