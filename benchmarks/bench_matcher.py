"""Accuracy and speed of the suggestion matchers, against a plain TF-IDF baseline and a linear
scan measured in the same run.

Three labelled sets:

Real titles (``real_titles.csv``): module and session titles of published peer-support training
programmes, each with the programme and the page it was read from, labelled with the SB 803
competency and the SAMHSA category it teaches (see ``README.md`` for how they were labelled).
The programmes are split once, by a hash of the programme's name, into a training split (used to
tune) and a held-out split (reported, never tuned on). A title with no label for a framework is
not scored for it; it is one of the "nothing fits" cases the threshold is measured on.

Set A (IC&RC / RFC → SAMHSA category): the statements bja-prss-2020 takes from the IC&RC domains
and the Regional Facilitation Center best practices, each labelled with the SAMHSA category seed
004 files it under; suggestions are made against samhsa-2015 and read at category level.

Set B (CalMHSA → SB 803 competency): every ca-sb803 field example and theme, labelled with its
competency; the statement itself, and any other statement with the same wording, are held out of
the index when it is tested.

Run: ``python benchmarks/bench_matcher.py [--no-timing]``.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import math
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import peer_competencies as pc
from peer_competencies.coverage import _suggest as suggest_module
from peer_competencies.coverage._suggest import Matcher, Suggestion, targets

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
HERE = Path(__file__).resolve().parent
REAL_TITLES = HERE / "real_titles.csv"

Case = tuple[str, frozenset[str], frozenset[str]]  # text, acceptable labels, ids to hold out
Ranker = Callable[[str, frozenset[str]], list[str]]  # text, held out → ranked target ids


def set_a() -> list[Case]:
    cases: list[Case] = []
    for item in pc.framework("bja-prss-2020").items:
        if any(o.framework in ("icrc-pr", "rfc-forensic-2017") for o in item.origins):
            category = item.ancestors[-1] if item.ancestors else item
            label = f"samhsa-2015:{ROMAN[int(category.code) - 1]}"
            cases.append((item.text, frozenset({label}), frozenset()))
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
        cases.append((item.text, frozenset({item.parent_id}), same))
    return cases


def real_rows() -> list[dict[str, str]]:
    """Every row of ``real_titles.csv``."""
    with REAL_TITLES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def real_titles(framework: str, split: str | None = None) -> list[Case]:
    """The real titles labelled for ``framework`` (``split``: "train", "held-out" or None)."""
    column = {"ca-sb803": "ca_sb803", "samhsa-2015": "samhsa_2015"}[framework]
    cases: list[Case] = []
    for row in real_rows():
        if split is not None and row["split"] != split:
            continue
        codes = row[column].split()
        if codes:
            labels = frozenset(f"{framework}:{code}" for code in codes)
            cases.append((row["title"], labels, frozenset()))
    return cases


def _label_of(target_id: str, framework: str) -> str:
    if framework == "samhsa-2015":
        return target_id.split(".")[0]  # competency → its category
    return target_id


def ours(framework: str, **options: object) -> Ranker:
    """The default matcher (``options`` override its parameters, for tuning)."""
    matcher = lexical(framework, **options)

    def rank(text: str, held_out: frozenset[str]) -> list[str]:
        return [s.item.id for s in matcher(text, held_out)]

    return rank


def lexical(
    framework: str, **options: object
) -> Callable[[str, frozenset[str]], tuple[Suggestion, ...]]:
    """The default matcher's raw ranking, with an index built per set of held-out ids (the
    last one kept)."""
    last: list[tuple[frozenset[str], Matcher]] = []

    def rank(text: str, held_out: frozenset[str]) -> tuple[Suggestion, ...]:
        if not last or last[0][0] != held_out:
            last[:] = [(held_out, Matcher(pc.framework(framework), exclude=held_out, **options))]  # type: ignore[arg-type]
        return last[0][1]._ranked(text, keep=100)

    return rank


def semantic(framework: str, hybrid: bool = True) -> Ranker:
    """The semantic matcher (the ``semantic`` extra: the default matcher's score plus word
    embeddings), or with ``hybrid=False`` the embeddings alone."""
    from peer_competencies.coverage import _semantic

    name = "semantic" if hybrid else "embedding"
    words = lexical(framework)

    def rank(text: str, held_out: frozenset[str]) -> list[str]:
        base = words(text, held_out) if hybrid else None
        found = _semantic.rank(text, framework, 80, held_out, name, base)
        return [s.item.id for s in found]

    return rank


_WORD = re.compile(r"[a-z0-9]+")


def tfidf(framework: str) -> Ranker:
    """Plain TF-IDF: lower-cased words, no stemming, smoothed idf, cosine similarity; each target
    is one document made of its own wording and every statement below it."""
    fw = pc.framework(framework)
    built: dict[frozenset[str], tuple[list[tuple[str, dict[str, float]]], dict[str, float]]] = {}

    def build(
        held_out: frozenset[str],
    ) -> tuple[list[tuple[str, dict[str, float]]], dict[str, float]]:
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
        vectors = [(tid, _unit({w: c * idf[w] for w, c in words.items()})) for tid, words in docs]
        return vectors, idf

    def rank(text: str, held_out: frozenset[str]) -> list[str]:
        if held_out not in built:
            built[held_out] = build(held_out)
        vectors, idf = built[held_out]
        q = _unit({w: c * idf.get(w, 0.0) for w, c in Counter(_WORD.findall(text.lower())).items()})
        scored = [(sum(q.get(w, 0.0) * x for w, x in v.items()), tid) for tid, v in vectors]
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [tid for score, tid in scored if score > 0]

    return rank


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def accuracy(cases: Sequence[Case], rank: Ranker, framework: str) -> tuple[float, float]:
    """Top-1 and top-3 accuracy: a case counts when one of its labels is among the first 1 or 3
    distinct labels ranked."""
    if not cases:
        return math.nan, math.nan
    top1 = top3 = 0
    for text, labels, held_out in cases:
        ranked = list(dict.fromkeys(_label_of(t, framework) for t in rank(text, held_out)))
        top1 += bool(labels & set(ranked[:1]))
        top3 += bool(labels & set(ranked[:3]))
    return top1 / len(cases), top3 / len(cases)


def _matchers(framework: str) -> list[tuple[str, Ranker]]:
    found: list[tuple[str, Ranker]] = [("tf-idf", tfidf(framework)), ("default", ours(framework))]
    if importlib.util.find_spec("wordllama") is None:
        return found
    found += [("embedding", semantic(framework, hybrid=False)), ("semantic", semantic(framework))]
    return found


def accuracy_report() -> None:
    print("accuracy (top-1 / top-3)")
    sets: list[tuple[str, str, Callable[[], list[Case]]]] = [
        ("real titles, train", "ca-sb803", lambda: real_titles("ca-sb803", "train")),
        ("real titles, held-out", "ca-sb803", lambda: real_titles("ca-sb803", "held-out")),
        ("real titles, all", "ca-sb803", lambda: real_titles("ca-sb803")),
        ("real titles, train", "samhsa-2015", lambda: real_titles("samhsa-2015", "train")),
        ("real titles, held-out", "samhsa-2015", lambda: real_titles("samhsa-2015", "held-out")),
        ("real titles, all", "samhsa-2015", lambda: real_titles("samhsa-2015")),
        ("set A: IC&RC/RFC -> SAMHSA category", "samhsa-2015", set_a),
        ("set B: CalMHSA -> SB 803 competency", "ca-sb803", set_b),
    ]
    rankers: dict[str, list[tuple[str, Ranker]]] = {}
    for name, framework, make in sets:
        cases = make()
        print(f"  {framework:<12} {name} ({len(cases)} cases)")
        for matcher, rank in rankers.setdefault(framework, _matchers(framework)):
            one, three = accuracy(cases, rank, framework)
            print(f"    {matcher:<9} {one:6.1%} / {three:6.1%}")


# ---------------------------------------------------------------------------------------------
# calibration: a logistic map from raw score to the chance a reviewer accepts the suggestion


Shown = tuple[bool, list[tuple[float, bool]]]  # the title has a label; (raw score, right) each


def shown(framework: str, split: str, matcher: str = "default", k: int = 3) -> list[Shown]:
    """Per real title of ``split`` (labelled for ``framework`` or not), the first ``k``
    suggestions the matcher ranks, each with its raw score and whether it is right."""
    from peer_competencies.coverage import _semantic

    column = {"ca-sb803": "ca_sb803", "samhsa-2015": "samhsa_2015"}[framework]
    found = []
    for row in real_rows():
        if row["split"] != split:
            continue
        labels = {f"{framework}:{code}" for code in row[column].split()}
        if matcher == "default":
            ranked = suggest_module._matcher(framework)._ranked(row["title"])[:k]
        else:
            ranked = _semantic.rank(row["title"], framework, k, (), matcher)
        found.append(
            (bool(labels), [(s.raw, _label_of(s.item.id, framework) in labels) for s in ranked])
        )
    return found


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def fit_logistic(points: list[tuple[float, bool]]) -> tuple[float, float]:
    """Slope and intercept of a logistic regression of ``correct`` on ``raw`` (Newton's method,
    with a weak prior that keeps the fit finite on separable data)."""
    a, b = 1.0, 0.0
    for _ in range(100):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in points:
            p = _sigmoid(a * x + b)
            ga += (p - y) * x
            gb += p - y
            w = p * (1 - p)
            haa += w * x * x
            hab += w * x
            hbb += w
        ga += 0.01 * a
        haa += 0.01
        hbb += 0.01
        det = haa * hbb - hab * hab
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        size = max(abs(da), abs(db))
        if size > 2.0:  # damped: a full Newton step can overshoot from a poor start
            da, db = da * 2.0 / size, db * 2.0 / size
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    return a, b


def at_threshold(
    titles: list[Shown], a: float, b: float, t: float
) -> tuple[float, float, int, int]:
    """Precision of the suggestions made, recall over labelled titles, titles with no
    confident suggestion (labelled, unlabelled)."""
    made = right = found = labelled = quiet_labelled = quiet_unlabelled = 0
    for has_label, suggestions in titles:
        kept = [ok for raw, ok in suggestions if _sigmoid(a * raw + b) >= t]
        made += len(kept)
        right += sum(kept)
        labelled += has_label
        found += has_label and any(kept)
        if not kept:
            quiet_labelled += has_label
            quiet_unlabelled += not has_label
    precision = right / made if made else math.nan
    return precision, found / labelled if labelled else math.nan, quiet_labelled, quiet_unlabelled


def fit(matcher: str = "default") -> dict[str, dict[str, float]]:
    """The calibration of ``matcher``, fitted on the training split: per framework and pooled
    ("*"), the logistic map and the threshold that maximises F1 of the suggestions made."""
    fitted: dict[str, dict[str, float]] = {}
    by_framework = {fw: shown(fw, "train", matcher) for fw in ("ca-sb803", "samhsa-2015")}
    by_framework["*"] = [t for titles in by_framework.values() for t in titles]
    for framework, titles in by_framework.items():
        a, b = fit_logistic([point for _, points in titles for point in points])
        best = (-1.0, 0.0)
        for step in range(5, 96):
            t = step / 100
            precision, recall, _, _ = at_threshold(titles, a, b, t)
            if precision == precision and precision + recall > 0:
                f1 = 2 * precision * recall / (precision + recall)
                best = max(best, (round(f1, 6), -t))
        fitted[framework] = {"slope": round(a, 4), "intercept": round(b, 4), "threshold": -best[1]}
    return fitted


def calibration_report(matcher: str = "default") -> None:
    """Precision and recall at the shipped threshold, per framework and split."""
    print(f"calibration of the {matcher} matcher (precision of the suggestions made, recall,")
    print("titles with no confident suggestion: labelled / unlabelled for the framework)")
    for framework in ("ca-sb803", "samhsa-2015"):
        cal = suggest_module.calibration(framework, matcher)
        for split in ("train", "held-out"):
            titles = shown(framework, split, matcher)
            p, r, ql, qu = at_threshold(titles, cal.slope, cal.intercept, cal.threshold)
            n_labelled = sum(has for has, _ in titles)
            print(
                f"  {framework:<12} {split:<9} threshold {cal.threshold:.2f}: precision {p:6.1%}"
                f"  recall {r:6.1%}  quiet {ql}/{n_labelled} labelled,"
                f" {qu}/{len(titles) - n_labelled} unlabelled"
            )


def _linear_scan(statements: list[tuple[str, frozenset[str]]], text: str) -> list[str]:
    """The baseline: every statement's words against the query's, in a plain loop."""
    query = set(_WORD.findall(text.lower()))
    hits = [(len(query & words), sid) for sid, words in statements]
    hits.sort(key=lambda h: (-h[0], h[1]))
    return [sid for n, sid in hits[:5] if n]


def _per_query(
    call: Callable[[str], object],
    queries: list[str],
    clock: Callable[[], float] = time.process_time,
) -> float:
    """Seconds per query, of this process's CPU by default (a wait for a core that another
    process holds is not counted; see README.md)."""
    for q in queries[:3]:
        call(q)  # warm: the indexes are built once per framework
    start = clock()
    for q in queries:
        call(q)
    return (clock() - start) / len(queries)


def timing_report(repeat: int = 5) -> None:
    """CPU seconds per query of suggest (first call and cached) and search, against a linear
    scan of the same framework's statements, median and spread of ``repeat`` runs (each run
    times every call in turn, so that a change in the machine's load weighs on all alike)."""
    queries = [row["title"] for row in real_rows()]
    print(f"speed per query ({len(queries)} real titles, median of {repeat} runs, spread)")
    for framework in ("ca-sb803", "samhsa-2015"):
        fw = pc.framework(framework)
        statements = [(i.id, frozenset(_WORD.findall(i.text.lower()))) for i in fw.items]
        calls: dict[str, Callable[[str], object]] = {
            "linear scan": functools.partial(_linear_scan, statements),
            "suggest": functools.partial(suggest_module.suggest, framework=framework),
            "suggest (cached)": functools.partial(suggest_module.suggest, framework=framework),
            "search": functools.partial(pc.search, framework=framework),
        }
        runs: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(repeat):
            suggest_module._SUGGESTIONS.clear()
            for name, call in calls.items():
                runs[name].append(_per_query(call, queries))
        base = statistics.median(runs["linear scan"])
        for name, times in runs.items():
            med = statistics.median(times)
            print(
                f"  {framework:<12} {name:<17} {med * 1000:7.3f} ms "
                f"(min {min(times) * 1000:.3f}, max {max(times) * 1000:.3f})  "
                f"{med / base:5.2f}x the linear scan"
            )


def semantic_timing_report(repeat: int = 3) -> None:
    """Loading the semantic model (and one framework's index), and seconds per title after."""
    from peer_competencies.coverage import _semantic

    queries = [row["title"] for row in real_rows()]
    loads, per_title = [], []
    for _ in range(repeat):
        _semantic._MODEL = None
        _semantic._INDEXES.clear()
        suggest_module._SUGGESTIONS.clear()
        start = time.perf_counter()
        _semantic.load_model()
        loads.append(time.perf_counter() - start)
        call = functools.partial(suggest_module.suggest, framework="ca-sb803", matcher="semantic")
        per_title.append(_per_query(call, queries))
    print(f"semantic matcher ({repeat} runs: median, min, max)")
    print(
        f"  loading the model       {statistics.median(loads):.3f} s "
        f"({min(loads):.3f}, {max(loads):.3f})"
    )
    print(
        f"  ca-sb803, per title     {statistics.median(per_title) * 1000:.2f} ms "
        f"({min(per_title) * 1000:.2f}, {max(per_title) * 1000:.2f})"
    )


def main() -> None:
    if "--fit" in sys.argv:  # print the calibration to ship in data/matcher/calibration.json
        import json

        matchers = ["default"]
        if importlib.util.find_spec("wordllama") is not None:
            matchers.append("semantic")
        print(json.dumps({m: fit(m) for m in matchers}, indent=2))
        return
    accuracy_report()
    calibration_report()
    if importlib.util.find_spec("wordllama") is not None:
        calibration_report("semantic")
    if "--no-timing" not in sys.argv:
        timing_report()
        if importlib.util.find_spec("wordllama") is not None:
            semantic_timing_report()


if __name__ == "__main__":
    main()
