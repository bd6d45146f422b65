"""How well two readers agree on the labels of the real course titles, and how the matchers fare
on the titles they agree on.

The first reader's labels are ``real_titles.csv`` (the set ``bench_matcher.py`` scores); the
second reader's are ``real_titles_review.csv``, written independently from the same labelling
rules (``README.md``) and the framework texts, without seeing the first labels or running a
matcher. Per framework this prints:

- how many titles each reader labelled, and how many both did;
- among the titles both labelled: exact agreement (the same set of labels), overlap agreement
  (the two sets share a label), agreement on the first label, and Cohen's kappa on the first
  label (agreement corrected for what the two readers' label frequencies give by chance);
- over every title, kappa on the first label with "no label" counted as one more category,
  which also scores whether a title is labelled at all;
- the labels the readers confuse most often, and every title on which they disagree.

Then (``--no-matchers`` skips it) the top-1 / top-3 of plain TF-IDF and the default matcher,
taken from ``bench_matcher.py``, on all titles and on the titles the readers agree on, to see
whether the gap between them changes on unambiguous titles.

Run: ``python benchmarks/label_agreement.py [--no-matchers]``.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import peer_competencies as pc

HERE = Path(__file__).resolve().parent
FIRST = HERE / "real_titles.csv"
SECOND = HERE / "real_titles_review.csv"
COLUMNS = {"ca-sb803": "ca_sb803", "samhsa-2015": "samhsa_2015"}
NONE = "-"  # the "no label" category of the all-titles kappa
Case = tuple[str, frozenset[str], frozenset[str]]  # as bench_matcher.Case: text, labels, held out


class LabelFileError(Exception):
    """A labels file that cannot be compared: names the file, the row and what to fix."""


@dataclass(frozen=True)
class Title:
    programme: str
    title: str
    split: str
    first: dict[str, tuple[str, ...]]  # framework → the first reader's codes, in order
    second: dict[str, tuple[str, ...]]  # framework → the second reader's codes, in order
    note: str

    def codes(self, reader: str, framework: str) -> tuple[str, ...]:
        """The codes ``reader`` ("first" or "second") gave for ``framework``."""
        return (self.first if reader == "first" else self.second)[framework]


def _codes(path: Path, line: int, framework: str, value: str) -> tuple[str, ...]:
    codes = tuple(value.split())
    for code in codes:
        if pc.get(f"{framework}:{code}") is None:
            raise LabelFileError(
                f"{path.name}, line {line}: {COLUMNS[framework]} names {code!r}, which is not "
                f"an item of {framework}; use its code (e.g. 11 for ca-sb803, XI for samhsa-2015)"
            )
    if len(set(codes)) != len(codes):
        raise LabelFileError(f"{path.name}, line {line}: {COLUMNS[framework]} repeats a code")
    return codes


def _read(path: Path) -> dict[tuple[str, str], tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"programme", "title", *COLUMNS.values()} - set(reader.fieldnames or ())
        if missing:
            raise LabelFileError(f"{path.name}: no column {', '.join(sorted(missing))}")
        rows: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
        for row in reader:
            key = (row["programme"], row["title"])
            if key in rows:
                raise LabelFileError(
                    f"{path.name}, line {reader.line_num}: {key[1]!r} of {key[0]!r} is also on "
                    f"line {rows[key][0]}; keep one row per title"
                )
            rows[key] = (reader.line_num, row)
    return rows


def titles(first: Path = FIRST, second: Path = SECOND) -> list[Title]:
    """Every title of ``first`` with both readers' labels; ``second`` must hold the same titles
    (matched by programme and title), no more and no fewer."""
    a, b = _read(first), _read(second)
    for here, there, other in ((a, b, second), (b, a, first)):
        lost = [k for k in here if k not in there]
        if lost:
            line = here[lost[0]][0]
            name = first.name if here is a else second.name
            raise LabelFileError(
                f"{name}, line {line}: {lost[0][1]!r} of {lost[0][0]!r} is not in {other.name} "
                f"({len(lost)} such titles); give every title a row in both files"
            )
    found = []
    for key, (line, row) in a.items():
        line_b, row_b = b[key]
        found.append(
            Title(
                programme=key[0],
                title=key[1],
                split=row.get("split", ""),
                first={fw: _codes(first, line, fw, row[col]) for fw, col in COLUMNS.items()},
                second={fw: _codes(second, line_b, fw, row_b[col]) for fw, col in COLUMNS.items()},
                note=row_b.get("note", ""),
            )
        )
    return found


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float:
    """Cohen's kappa of two readers' single labels (nan for no pairs, or when chance agreement
    is already certain, i.e. both readers always give the same one label)."""
    if not pairs:
        return math.nan
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    left, right = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected == 1:
        return math.nan
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class Agreement:
    framework: str
    first_only: int  # titles only the first reader labelled
    second_only: int
    neither: int
    both: list[Title]
    exact: int
    overlap: int
    first_label: int
    kappa_both: float  # on the first label, titles both labelled
    kappa_all: float  # on the first label or "none", every title
    disagreements: list[Title]  # no label in common (one side may be empty)

    def agreed(self) -> list[Title]:
        """The titles both readers labelled with at least one label in common."""
        fw = self.framework
        return [t for t in self.both if set(t.first[fw]) & set(t.second[fw])]


def agreement(rows: Sequence[Title], framework: str) -> Agreement:
    """The two readers' agreement on ``framework``."""
    both = [t for t in rows if t.first[framework] and t.second[framework]]
    pairs_all = [(t.first[framework] or (NONE,))[0] for t in rows]
    pairs_all_b = [(t.second[framework] or (NONE,))[0] for t in rows]
    return Agreement(
        framework=framework,
        first_only=sum(bool(t.first[framework]) and not t.second[framework] for t in rows),
        second_only=sum(bool(t.second[framework]) and not t.first[framework] for t in rows),
        neither=sum(not t.first[framework] and not t.second[framework] for t in rows),
        both=both,
        exact=sum(set(t.first[framework]) == set(t.second[framework]) for t in both),
        overlap=sum(bool(set(t.first[framework]) & set(t.second[framework])) for t in both),
        first_label=sum(t.first[framework][0] == t.second[framework][0] for t in both),
        kappa_both=cohen_kappa([(t.first[framework][0], t.second[framework][0]) for t in both]),
        kappa_all=cohen_kappa(list(zip(pairs_all, pairs_all_b, strict=True))),
        disagreements=[
            t
            for t in rows
            if not set(t.first[framework]) & set(t.second[framework])
            if t.first[framework] or t.second[framework]
        ],
    )


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:6.1%}" if whole else f"{part}/0 (not measured)"


def _show(codes: tuple[str, ...]) -> str:
    return " ".join(codes) or "none"


def print_agreement(result: Agreement, n_titles: int) -> None:
    fw = result.framework
    n = len(result.both)
    print(f"\n== {fw}: {n_titles} titles ==")
    print(f"labelled by both      {n}")
    print(f"first reader only     {result.first_only}")
    print(f"second reader only    {result.second_only}")
    print(f"neither               {result.neither}")
    two_a = sum(len(t.first[fw]) > 1 for t in result.both)
    two_b = sum(len(t.second[fw]) > 1 for t in result.both)
    print(f"two labels given      first reader {two_a}, second reader {two_b} (of the {n})")
    print(f"exact agreement       {_pct(result.exact, n)}  (same set of labels)")
    print(f"overlap agreement     {_pct(result.overlap, n)}  (a label in common)")
    print(f"first-label agreement {_pct(result.first_label, n)}")
    print(f"Cohen's kappa, first label, titles both labelled:       {result.kappa_both:.3f}")
    print(f"Cohen's kappa, first label or none, all {n_titles} titles: {result.kappa_all:.3f}")
    confused: Counter[tuple[str, str]] = Counter()
    for t in result.disagreements:
        for x in t.first[fw] or (NONE,):
            for y in t.second[fw] or (NONE,):
                confused[(x, y)] += 1
    print("most confused (first reader → second reader, '-' = no label, counting every pair):")
    print("  " + ", ".join(f"{x}→{y} x{c}" for (x, y), c in confused.most_common(12)))
    print(f"titles with no label in common ({len(result.disagreements)}):")
    for t in result.disagreements:
        print(
            f"  {_show(t.first[fw]):>7} | {_show(t.second[fw]):<7} | {t.title}"
            f"  [{t.programme.split(',')[0]}]"
        )


def _cases(fw: str, chosen: Sequence[Title], labels: str) -> list[Case]:
    """``chosen`` as bench_matcher cases, labelled with the first reader's codes, the second
    reader's, or those both gave (``labels``: "first", "second", "both")."""
    out: list[Case] = []
    for t in chosen:
        a, b = set(t.first[fw]), set(t.second[fw])
        codes = {"first": a, "second": b, "both": a & b}[labels]
        if codes:
            out.append((t.title, frozenset(f"{fw}:{c}" for c in codes), frozenset()))
    return out


def print_matchers(rows: Sequence[Title], results: dict[str, Agreement]) -> None:
    """Top-1 / top-3 of plain TF-IDF and the default matcher on subsets of the titles."""
    sys.path.insert(0, str(HERE))
    from bench_matcher import accuracy, ours, tfidf

    print("\n== matchers on the titles, by how the readers agree ==")
    print("(scored as bench_matcher.py scores: a hit when a label is among the first 1 / 3 ranked)")
    for fw, result in results.items():
        agreed = result.agreed()
        keep = {(t.programme, t.title) for t in agreed}

        subsets = [
            ("all, first reader's labels", _cases(fw, rows, "first")),
            ("all, second reader's labels", _cases(fw, rows, "second")),
            ("agreed, first reader's labels", _cases(fw, agreed, "first")),
            ("agreed, labels both gave", _cases(fw, agreed, "both")),
            (
                "agreed, held-out split",
                _cases(fw, [t for t in agreed if t.split == "held-out"], "first"),
            ),
            (
                "not agreed, first reader's labels",
                _cases(fw, [t for t in rows if (t.programme, t.title) not in keep], "first"),
            ),
        ]
        rankers = [("tf-idf", tfidf(fw)), ("default", ours(fw))]
        print(f"\n{fw}")
        for truth, guess in (("first", "second"), ("second", "first")):
            scored = [(t.codes(truth, fw), t.codes(guess, fw)) for t in rows if t.codes(truth, fw)]
            top1 = sum(bool(set(g[:1]) & set(r)) for r, g in scored)
            hit = sum(bool(set(g) & set(r)) for r, g in scored)
            print(
                f"  the {guess} reader as a matcher, on the {truth} reader's {len(scored)} titles: "
                f"top-1 {top1 / len(scored):.1%}, any of its labels {hit / len(scored):.1%}"
            )
        print(f"  {'titles':<36} {'n':>4}  {'tf-idf 1/3':>13}  {'default 1/3':>13}  top-3 gap")
        for name, chosen in subsets:
            (b1, b3), (o1, o3) = (accuracy(chosen, rank, fw) for _, rank in rankers)
            print(
                f"  {name:<36} {len(chosen):>4}  {b1:6.1%} {b3:6.1%}  {o1:6.1%} {o3:6.1%}"
                f"  {100 * (o3 - b3):+5.1f} pts"
            )


def main() -> None:
    try:
        rows = titles()
    except LabelFileError as error:
        sys.exit(f"label_agreement: {error}")
    results = {fw: agreement(rows, fw) for fw in COLUMNS}
    for result in results.values():
        print_agreement(result, len(rows))
    if "--no-matchers" not in sys.argv[1:]:
        print_matchers(rows, results)


if __name__ == "__main__":
    main()
