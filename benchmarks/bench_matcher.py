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

On the real titles it also prints each matcher's top-3 points above plain TF-IDF with a 95%
interval from resampling the programmes: with 12 held-out programmes, a gap moves by several
points with the sample, and a goal stated in points is judged against that.

Run: ``python benchmarks/bench_matcher.py [--no-timing]``.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import peer_competencies as pc
from peer_competencies.coverage import _suggest as suggest_module
from peer_competencies.coverage._suggest import Calibration, Matcher, Suggestion, targets

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
HERE = Path(__file__).resolve().parent
REAL_TITLES = HERE / "real_titles.csv"
COLUMNS = {"ca-sb803": "ca_sb803", "samhsa-2015": "samhsa_2015"}  # real_titles.csv's label columns

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
    column = COLUMNS[framework]
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


def _labels_ranked(rank: Ranker, text: str, held_out: frozenset[str], framework: str) -> list[str]:
    """The distinct labels ``rank`` gives ``text``, best first (SAMHSA read at category level)."""
    return list(dict.fromkeys(_label_of(t, framework) for t in rank(text, held_out)))


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
        ranked = _labels_ranked(rank, text, held_out, framework)
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


def _hits(framework: str, rank: Ranker, split: str | None) -> dict[str, list[int]]:
    """Per programme, 1 or 0 for each of its titles labelled for ``framework``: a label is
    among the first 3 distinct labels ranked."""
    column = COLUMNS[framework]
    found: dict[str, list[int]] = {}
    for row in real_rows():
        codes = row[column].split()
        if not codes or (split is not None and row["split"] != split):
            continue
        labels = {f"{framework}:{code}" for code in codes}
        ranked = _labels_ranked(rank, row["title"], frozenset(), framework)
        found.setdefault(row["programme"], []).append(int(bool(labels & set(ranked[:3]))))
    return found


def top3_gap(
    framework: str, rank: Ranker, split: str | None, resamples: int = 2000
) -> tuple[float, float, float, int]:
    """Top-3 points of ``rank`` above plain TF-IDF on the real titles of ``split`` (None: all),
    with a 95% interval from resampling the programmes with replacement (the titles of one
    programme are not independent: they share a writer and a syllabus); and the number of
    programmes. Returns (gap, low, high, programmes), the gaps as fractions."""
    base = _hits(framework, tfidf(framework), split)
    hits = _hits(framework, rank, split)
    programmes = sorted(base)
    diffs = [(sum(hits[p]) - sum(base[p]), len(base[p])) for p in programmes]
    point = sum(d for d, _ in diffs) / sum(n for _, n in diffs)
    rng = random.Random(803)
    gaps = []
    for _ in range(resamples):
        drawn = [rng.choice(diffs) for _ in diffs]
        gaps.append(sum(d for d, _ in drawn) / sum(n for _, n in drawn))
    gaps.sort()
    return point, gaps[int(0.025 * resamples)], gaps[int(0.975 * resamples) - 1], len(programmes)


def gap_report() -> None:
    """:func:`top3_gap` of every matcher, per framework, held-out and all titles: a goal of
    "N points above TF-IDF" is judged against how much the figure moves with the sample."""
    print("top-3 points above plain TF-IDF, 95% interval (2000 resamples of the programmes)")
    for framework in ("ca-sb803", "samhsa-2015"):
        for split in ("held-out", None):
            for name, rank in _matchers(framework)[1:]:
                gap, low, high, n = top3_gap(framework, rank, split)
                print(
                    f"  {framework:<12} {split or 'all':<9} {name:<9} {gap * 100:+5.1f}"
                    f"  ({low * 100:+5.1f} to {high * 100:+5.1f}; {n} programmes)"
                )


# ---------------------------------------------------------------------------------------------
# calibration: a logistic map from raw score to the chance a reviewer accepts the suggestion


Point = tuple[float, float, bool]  # raw score, how far behind the first suggestion's, right
Shown = tuple[str, bool, list[Point]]  # the title's programme, it has a label, its suggestions
FEATURES = {"raw": 0, "behind": 1}


def shown(framework: str, split: str, matcher: str = "default", k: int = 3) -> list[Shown]:
    """Per real title of ``split`` (labelled for ``framework`` or not), the first ``k``
    suggestions the matcher ranks, each with its raw score, how far that is behind the first
    suggestion's, and whether it is right."""
    from peer_competencies.coverage import _semantic

    column = COLUMNS[framework]
    found = []
    for row in real_rows():
        if row["split"] != split:
            continue
        labels = {f"{framework}:{code}" for code in row[column].split()}
        if matcher == "default":
            ranked = suggest_module._matcher(framework)._ranked(row["title"])[:k]
        else:
            ranked = _semantic.rank(row["title"], framework, k, (), matcher)
        first = ranked[0].raw if ranked else 0.0
        points = [(s.raw, first - s.raw, _label_of(s.item.id, framework) in labels) for s in ranked]
        found.append((row["programme"], bool(labels), points))
    return found


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector (Gaussian elimination with partial pivoting)."""
    n = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[col], strict=True)]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def fit_logistic(points: list[tuple[list[float], bool]]) -> list[float]:
    """Weights of a logistic regression of ``correct`` on the features, the last weight the
    intercept (Newton's method, with a weak prior that keeps the fit finite on separable
    data); the first feature's weight starts at 1, the others at 0."""
    size = len(points[0][0]) + 1
    w = [1.0] + [0.0] * (size - 1)
    for _ in range(100):
        grad = [0.0] * size
        hess = [[0.0] * size for _ in range(size)]
        for features, y in points:
            x = [*features, 1.0]
            p = _sigmoid(sum(a * b for a, b in zip(w, x, strict=True)))
            for i in range(size):
                grad[i] += (p - y) * x[i]
                for j in range(size):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(size):
            grad[i] += 0.01 * w[i] if i < size - 1 else 0.0
            hess[i][i] += 0.01
        step = _solve(hess, grad)
        longest = max(abs(d) for d in step)
        if longest > 2.0:  # damped: a full Newton step can overshoot from a poor start
            step = [d * 2.0 / longest for d in step]
        w = [a - d for a, d in zip(w, step, strict=True)]
        if sum(abs(d) for d in step) < 1e-9:
            break
    return w


def _calibration(w: list[float], features: Sequence[str], threshold: float) -> Calibration:
    gap = w[features.index("behind")] if "behind" in features else 0.0
    return Calibration(w[0], w[-1], threshold, gap)


def at_threshold(titles: list[Shown], cal: Calibration) -> tuple[float, float, int, int]:
    """Precision of the suggestions made, recall over labelled titles, titles with no
    confident suggestion (labelled, unlabelled)."""
    made = right = found = labelled = quiet_labelled = quiet_unlabelled = 0
    for _, has_label, suggestions in titles:
        kept = [ok for raw, behind, ok in suggestions if _confidence(cal, raw, behind)]
        made += len(kept)
        right += sum(kept)
        labelled += has_label
        found += has_label and any(kept)
        if not kept:
            quiet_labelled += has_label
            quiet_unlabelled += not has_label
    precision = right / made if made else math.nan
    return precision, found / labelled if labelled else math.nan, quiet_labelled, quiet_unlabelled


def _confidence(cal: Calibration, raw: float, behind: float) -> bool:
    return cal.confidence(raw, behind) >= cal.threshold


def _fit_one(titles: list[Shown], features: Sequence[str]) -> Calibration:
    """The logistic map on ``features`` and the threshold that maximises F1 of the
    suggestions made on ``titles``."""
    points = [
        ([point[FEATURES[f]] for f in features], point[2]) for _, _, pts in titles for point in pts
    ]
    w = fit_logistic(points)
    best = (-1.0, 0.0)
    for step in range(5, 96):
        t = step / 100
        precision, recall, _, _ = at_threshold(titles, _calibration(w, features, t))
        if precision == precision and precision + recall > 0:
            f1 = 2 * precision * recall / (precision + recall)
            best = max(best, (round(f1, 6), -t))
    return _calibration(w, features, -best[1])


def cross_validated_f1(titles: list[Shown], features: Sequence[str]) -> float:
    """F1 of the suggestions made when each programme's titles are judged by the calibration
    fitted on the other programmes' (leave one programme out)."""
    made = right = found = labelled = 0
    for programme in sorted({p for p, _, _ in titles}):
        cal = _fit_one([t for t in titles if t[0] != programme], features)
        for _, has_label, suggestions in (t for t in titles if t[0] == programme):
            kept = [ok for raw, behind, ok in suggestions if _confidence(cal, raw, behind)]
            made, right = made + len(kept), right + sum(kept)
            labelled, found = labelled + has_label, found + (has_label and any(kept))
    precision, recall = right / made if made else 0.0, found / labelled if labelled else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def fit(matcher: str = "default") -> dict[str, dict[str, float]]:
    """The calibration of ``matcher``, fitted on the training split: per framework and pooled
    ("*"), the logistic map and the threshold that maximises F1 of the suggestions made. For
    the default matcher, how far a suggestion is behind the first is a second feature where it
    raises the F1 of leave-one-programme-out cross-validation on the training split."""
    fitted: dict[str, dict[str, float]] = {}
    by_framework = {fw: shown(fw, "train", matcher) for fw in ("ca-sb803", "samhsa-2015")}
    by_framework["*"] = [t for titles in by_framework.values() for t in titles]
    models: list[tuple[str, ...]] = [("raw",)]
    if matcher == "default":  # the semantic matcher does not pass "behind" to its calibration
        models.append(("raw", "behind"))
    for framework, titles in by_framework.items():
        scored = [(round(cross_validated_f1(titles, m), 6), -len(m), m) for m in models]
        for f1, _, m in scored:
            print(
                f"{matcher} {framework} {'+'.join(m)}: cross-validated F1 {f1:.3f}", file=sys.stderr
            )
        features = max(scored)[2]
        cal = _fit_one(titles, features)
        fitted[framework] = {
            "slope": round(cal.slope, 4),
            "intercept": round(cal.intercept, 4),
            "threshold": cal.threshold,
        }
        if "behind" in features:
            fitted[framework]["gap"] = round(cal.gap, 4)
    return fitted


def calibration_report(matcher: str = "default") -> None:
    """Precision and recall at the shipped threshold, per framework and split."""
    print(f"calibration of the {matcher} matcher (precision of the suggestions made, recall,")
    print("titles with no confident suggestion: labelled / unlabelled for the framework)")
    for framework in ("ca-sb803", "samhsa-2015"):
        cal = suggest_module.calibration(framework, matcher)
        for split in ("train", "held-out"):
            titles = shown(framework, split, matcher)
            p, r, ql, qu = at_threshold(titles, cal)
            n_labelled = sum(has for _, has, _ in titles)
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
    gap_report()
    calibration_report()
    if importlib.util.find_spec("wordllama") is not None:
        calibration_report("semantic")
    if "--no-timing" not in sys.argv:
        timing_report()
        if importlib.util.find_spec("wordllama") is not None:
            semantic_timing_report()


if __name__ == "__main__":
    main()
