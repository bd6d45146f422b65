"""Propose crosswalk mappings for people to review: a maintainer's tool, never run by the package.

For every statement of a source framework it scores the statements of a target framework two
ways, and proposes the pairs that score well on either:

- lexical overlap: the Dice coefficient of the two statements' stemmed content words (the
  package's own tokenizer, ``peer_competencies._text``), and the similarity of the two
  normalised word sequences (``difflib``); a pair whose word sequences are the same, or
  nearly (ratio >= 0.85), is flagged ``verbatim``;
- the package's matcher: the rank and BM25 score of the target in
  ``peer_competencies.search(source text, framework=target)``.

It writes a review table (``tools/crosswalk_candidates.tsv`` by default): one proposed pair a
row with its scores and what the shipped mapping set now says about it, ``accepted`` (a
positive mapping of the pair, either way), ``rejected: curated no-match`` (a curated negative
on the pair) or ``rejected`` (not taken: reviewed and found not to correspond). The counts at
the end are the figures docs/crosswalk.md quotes. The tool proposes; people decide, by
writing rows into the mapping set (docs/crosswalk.md, "Editing the mapping set").

    python tools/crosswalk_candidates.py            # write the table, print the counts
    python tools/crosswalk_candidates.py --lexical  # print SSSOM rows for unmapped verbatim pairs
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import peer_competencies as pc
from peer_competencies import crosswalk
from peer_competencies._model import Item
from peer_competencies._text import tokens
from peer_competencies.crosswalk._curie import CURATORS, curie_for

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tools" / "crosswalk_candidates.tsv"

STATEMENT = ("competency", "sub-competency", "statement", "skill", "principle")

PAIRS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("samhsa-2015", ("competency",), "ca-sb803", ("competency", "skill")),
    ("icrc-pr", ("statement",), "ca-sb803", ("competency", "skill")),
    ("rfc-forensic-2017", ("sub-competency",), "ca-sb803", ("competency", "skill")),
    ("icrc-pr", ("statement",), "samhsa-2015", ("competency",)),
    ("rfc-forensic-2017", ("sub-competency",), "samhsa-2015", ("competency",)),
    ("peer-support-17", ("competency",), "samhsa-2015", ("competency",)),
    ("peer-support-17", ("competency",), "ca-sb803", ("competency",)),
    ("samhsa-recovery-principles", ("principle",), "samhsa-2015", ("competency",)),
    ("samhsa-recovery-principles", ("principle",), "ca-sb803", ("competency", "skill")),
    ("samhsa-recovery-principles", ("principle",), "icrc-pr", ("statement",)),
    ("samhsa-recovery-principles", ("principle",), "peer-support-17", ("competency",)),
)
"""(source framework, source kinds, target framework, target kinds) to propose pairs for."""

SEARCH_TOP = 3
"""Propose the matcher's best this many targets of every source statement."""
DICE_MIN = 0.4
"""Propose any target whose stemmed words overlap at least this much (Dice)."""
VERBATIM = 0.85
"""A word-sequence similarity from which a pair is flagged as (near-)verbatim."""

COLUMNS = (
    "subject_id",
    "object_id",
    "verbatim",
    "dice",
    "sequence_ratio",
    "search_rank",
    "search_score",
    "status",
    "subject_text",
    "object_text",
)


def dice(a: Iterable[str], b: Iterable[str]) -> float:
    """The Dice coefficient of two sets of words."""
    left, right = set(a), set(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def _plain(text: str) -> list[str]:
    """Every word of a statement, lower case, a final ``s`` dropped (``Uses`` = ``use``,
    ``peers'`` = ``peer``): the form in which restatements are compared word for word."""
    folded = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [
        w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[a-z0-9]+", folded)
    ]


def sequence_ratio(a: str, b: str) -> float:
    """How alike two statements' word sequences are (1.0: the same words in the same order)."""
    return difflib.SequenceMatcher(None, _plain(a), _plain(b), autojunk=False).ratio()


def _items(framework_id: str, kinds: Sequence[str]) -> list[Item]:
    return [i for i in pc.framework(framework_id).items if i.kind.value in kinds]


def candidates() -> list[dict[str, str]]:
    """Every proposed pair with its scores, in source order then best first."""
    rows: list[dict[str, str]] = []
    for source_fw, source_kinds, target_fw, target_kinds in PAIRS:
        targets = _items(target_fw, target_kinds)
        for source in _items(source_fw, source_kinds):
            ranked = pc.search(source.text, framework=target_fw, kinds=target_kinds, limit=None)
            rank = {m.item.id: (n, m.score) for n, m in enumerate(ranked, start=1)}
            source_tokens = tokens(source.text)
            proposed = []
            for target in targets:
                d = dice(source_tokens, tokens(target.text))
                ratio = sequence_ratio(source.text, target.text)
                n, score = rank.get(target.id, (0, 0.0))
                if (0 < n <= SEARCH_TOP) or d >= DICE_MIN or ratio >= VERBATIM:
                    proposed.append((target, d, ratio, n, score))
            proposed.sort(key=lambda p: (-max(p[1], p[2]), p[3] or 10**6, p[0].id))
            for target, d, ratio, n, score in proposed:
                rows.append(
                    {
                        "subject_id": source.id,
                        "object_id": target.id,
                        "verbatim": "yes" if ratio >= VERBATIM else "",
                        "dice": f"{d:.2f}",
                        "sequence_ratio": f"{ratio:.2f}",
                        "search_rank": str(n) if n else "",
                        "search_score": f"{score:.2f}" if n else "",
                        "status": status(source.id, target.id),
                        "subject_text": source.text,
                        "object_text": target.text,
                    }
                )
    return rows


def status(subject_id: str, object_id: str) -> str:
    """What the shipped mapping set says about a pair: accepted or rejected, and how."""
    records = [
        r
        for r in crosswalk.mappings(subject_id)
        if {r.subject_id, r.object_id} == {subject_id, object_id}
    ]
    positive = [r for r in records if r.positive]
    if positive:
        best = positive[0]
        return f"accepted: {best.predicate.value} ({best.justification.value})"
    if records:
        return "rejected: curated no-match"
    return "rejected"


def lexical_rows(rows: Iterable[dict[str, str]]) -> list[str]:
    """SSSOM rows (tab-separated, the shipped column order) for verbatim pairs not yet mapped:
    exact matches by ``semapv:LexicalMatching``, to be read before they are added."""
    out = []
    for row in rows:
        if row["verbatim"] != "yes" or row["status"] != "rejected":
            continue
        s, o = pc.lookup(row["subject_id"]), pc.lookup(row["object_id"])
        out.append(
            "\t".join(
                (
                    curie_for(s.id),
                    s.text,
                    "skos:exactMatch",
                    "",
                    curie_for(o.id),
                    o.text,
                    "semapv:LexicalMatching",
                    "1.0",
                    CURATORS,
                    "",
                    f"peer_competencies:{s.framework_id}",
                    f"peer_competencies:{o.framework_id}",
                    f"Near-verbatim restatement (word-sequence similarity {row['sequence_ratio']})"
                    "; proposed by tools/crosswalk_candidates.py, reviewed by the curators.",
                )
            )
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT, help="the review table")
    parser.add_argument(
        "--lexical", action="store_true", help="print SSSOM rows for unmapped verbatim pairs"
    )
    args = parser.parse_args(argv)
    rows = candidates()
    if args.lexical:
        print("\n".join(lexical_rows(rows)))
        return 0
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = Counter(r["status"].partition(":")[0] for r in rows)
    verbatim = sum(1 for r in rows if r["verbatim"])
    print(
        f"{len(rows)} candidates ({verbatim} verbatim): {counts['accepted']} accepted, "
        f"{counts['rejected']} rejected; written to {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
