"""The ``crosswalk`` command, and the handler behind ``export crosswalk``.

``crosswalk_arguments(parser)`` adds the arguments of::

    crosswalk ID [--to F] [--inferred] [--json]
    crosswalk --matrix F1 F2 [--level top|competency|statement]
                             [--format text|html|csv|xlsx|json] [-o FILE] [--html FILE]

(each also takes ``--with-framework FILE`` / ``--with-mappings FILE``, repeatable, to add a
user's own framework and SSSOM mapping set). :func:`cmd_export` serves
``export crosswalk --format sssom|csv|graphml|json [-o FILE]``. Handlers return the exit code and
raise the package's errors; networkx is imported only when a handler runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._cli import json_flag
from .._errors import InputError
from .._terminal import clip, dump_json, escape, terminal_width, wrap, write_output
from ._export import FORMATS as EXPORT_FORMATS

if TYPE_CHECKING:
    from ._crosswalk import Crosswalk
    from ._matrix import Matrix
    from ._model import MappingRecord, MappingSet

__all__ = ["EXPORT_FORMATS", "cmd_crosswalk", "cmd_export", "crosswalk_arguments"]

MATRIX_LEVELS = ("top", "competency", "statement")
MATRIX_FORMATS = ("text", "html", "csv", "xlsx", "json")


def crosswalk_arguments(p: argparse.ArgumentParser) -> None:
    """Add the ``crosswalk`` command's arguments and handler to its parser."""
    p.description = (
        "Show an item's mappings (asserted, or with --inferred also inverted and chained ones), "
        "or with --matrix the strongest mapping between the top items of two frameworks."
    )
    p.add_argument("id", nargs="?", help="an item id such as samhsa-2015:VIII")
    p.add_argument("--to", metavar="F", help="only mappings into framework F")
    p.add_argument(
        "--inferred", action="store_true", help="also mappings read backwards and chained"
    )
    p.add_argument("--matrix", nargs=2, metavar=("F1", "F2"), help="rows F1, columns F2")
    p.add_argument("--html", metavar="FILE", help="with --matrix: write a self-contained page")
    p.add_argument(
        "--level",
        choices=MATRIX_LEVELS,
        help="with --matrix: the items drawn (default top; competency: SAMHSA's 62 competencies, "
        "SB 803's 17; statement: the finest, CalMHSA's skills)",
    )
    p.add_argument(
        "--format",
        choices=MATRIX_FORMATS,
        help="with --matrix: text (default), html, csv, xlsx (needs the excel extra) or json",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="with --matrix: write to FILE")
    json_flag(p)
    p.add_argument(
        "--with-framework",
        action="append",
        default=[],
        metavar="FILE",
        help="add your own framework file (repeatable)",
    )
    p.add_argument(
        "--with-mappings",
        action="append",
        default=[],
        metavar="FILE",
        help="add your own SSSOM/TSV mapping set (repeatable)",
    )
    p.set_defaults(handler=cmd_crosswalk)


def _shipped_case(args: argparse.Namespace) -> None:
    """Ids of the shipped data written in other upper and lower case, as the data spells them."""
    from .._api import get
    from .._load import database

    def framework(text: str) -> str:
        return database().shipped_id(text) or text

    if args.id:
        item = get(args.id)
        args.id = item.id if item is not None else args.id
    if args.to:
        args.to = framework(args.to)
    if args.matrix:
        args.matrix = [framework(f) for f in args.matrix]


def _crosswalk(args: argparse.Namespace) -> Crosswalk:
    from ._crosswalk import Crosswalk, default
    from ._user_files import load_framework, load_mappings

    frameworks = [load_framework(path) for path in args.with_framework]
    sets: list[MappingSet] = []
    for path in args.with_mappings:  # each checked with the shipped ones and those before it
        sets.append(load_mappings(path, frameworks, mapping_sets=sets))
    if not frameworks and not sets:
        return default()
    return Crosswalk(frameworks, sets)


def cmd_crosswalk(args: argparse.Namespace) -> int:
    """Handler of ``crosswalk``."""
    if args.matrix and args.id:
        raise InputError("give an item id or --matrix F1 F2, not both", fix="run two commands")
    if not args.matrix and not args.id:
        raise InputError(
            "nothing to show", fix="give an item id (crosswalk samhsa-2015:VIII) or --matrix F1 F2"
        )
    for flag, value in (
        ("--html", args.html),
        ("--level", args.level),
        ("--format", args.format),
        ("--output", args.output),
    ):
        if value and not args.matrix:
            raise InputError(f"{flag} goes with --matrix", fix="add --matrix F1 F2")
    if args.matrix and (args.to or args.inferred):
        raise InputError("--to and --inferred go with an item id", fix="drop them")
    _shipped_case(args)
    cw = _crosswalk(args)
    if args.matrix:
        return _matrix(cw, args)
    records = cw.mappings(args.id, to=args.to, inferred=args.inferred)
    if args.json:
        sys.stdout.write(dump_json([_record_json(r) for r in records]))
        return 0
    _print_mappings(cw, args.id, records, args.inferred, args.to)
    return 0


def _matrix(cw: Crosswalk, args: argparse.Namespace) -> int:

    from ._matrix import matrix, matrix_csv, matrix_html, matrix_text, matrix_xlsx

    m = matrix(args.matrix[0], args.matrix[1], cw, level=args.level or "top")
    if args.html:
        write_output(matrix_html(m), args.html)
    fmt = args.format or ("json" if args.json else None)
    if args.json and fmt != "json":
        raise InputError("--json and --format name two formats", fix="give one of them")
    if fmt == "xlsx":
        if not args.output:
            raise InputError("an Excel workbook is written to a file", fix="add -o FILE.xlsx")
        write_output(matrix_xlsx(m), args.output)  # via a temporary file, renamed into place
    elif fmt == "json":
        write_output(dump_json(_matrix_json(m)), args.output)
    elif fmt == "csv":
        write_output(matrix_csv(m), args.output)
    elif fmt == "html":
        write_output(matrix_html(m), args.output)
    elif fmt == "text" or not args.html:
        text = matrix_text(m, terminal_width())
        # labels of a user's own framework are shown escaped on a terminal
        write_output(text if args.output else escape(text, keep_newlines=True), args.output)
    return 0


def _matrix_json(m: Matrix) -> dict[str, Any]:
    return {
        "level": m.level,
        "rows": [r.id for r in m.rows],
        "columns": [c.id for c in m.columns],
        "cells": [
            {
                "row": row,
                "column": column,
                "predicate": cell.predicate.value,
                "negated": cell.negated,
                "direct": cell.direct,
                "confidence": cell.confidence,
            }
            for (row, column), cell in m.cells.items()
        ],
        "no_match": sorted(m.no_match),
        "no_match_notes": {i: m.no_match_note(i) for i in sorted(m.no_match)},
    }


def _record_json(record: MappingRecord) -> dict[str, Any]:
    return {
        "subject_id": record.subject_id,
        "predicate_id": record.predicate.value,
        "predicate_modifier": "Not" if record.negated else None,
        "object_id": record.object_id,
        "subject_source": record.subject_source,
        "object_source": record.object_source,
        "mapping_justification": record.justification.value,
        "confidence": record.confidence,
        "author_id": list(record.author_id),
        "comment": record.comment,
        "where": record.where,
        "path": [
            {
                "subject_id": s.subject_id,
                "relation": s.relation,
                "object_id": s.object_id,
                "confidence": s.confidence,
                "inverted": s.inverted,
            }
            for s in record.path
        ],
    }


def _print_mappings(
    cw: Crosswalk,
    item_id: str,
    records: Sequence[MappingRecord],
    inferred: bool,
    to: str | None = None,
) -> None:
    from ._completeness import curated_frameworks
    from ._model import NO_TERM_FOUND

    width = terminal_width()
    item = cw.lookup(item_id)
    print(clip(f"{item.id}  {item.text}", width))
    if not records:
        print("no mappings" + ("" if inferred else " (try --inferred)"))
        curated = curated_frameworks(cw.mapping_sets)
        outside = [f for f in (item.framework_id, to) if f is not None and f not in curated]
        if outside:
            note = (
                f"not known to have no counterpart: the curators map {', '.join(curated)} "
                f"into each other, not {' or '.join(dict.fromkeys(outside))}"
            )
            print("\n".join(wrap(note, width)))
        return
    for record in records:
        mine = record.subject_id == item_id
        other = record.object_id if mine else record.subject_id
        predicate = record.predicate if mine else record.predicate.inverse
        source = record.object_source if mine else record.subject_source
        confidence = "" if record.confidence is None else f"{record.confidence:.2f}"
        if other == NO_TERM_FOUND:
            head = f"no {predicate.label} match in {source}"
        else:
            label = "not " + predicate.label if record.negated else predicate.label
            target = cw.get(other)
            text = target.text if target is not None else ""
            head = f"{label:<11} {other}  {text}"
        print()
        print(clip(f"  {head}", width))
        how = record.justification.value.removeprefix("semapv:")
        who = ", ".join(record.author_id) or ("inferred" if record.inferred else "(no author)")
        print(clip(f"    {confidence}  {how}  {who}", width))
        if not mine:
            print("\n".join(wrap(f"(asserted as: {record})", width, "    ", "  ")))
        if record.path and len(record.path) > 1:
            print("\n".join(wrap("path: " + " ; ".join(map(str, record.path)), width, "    ")))
        if record.comment and len(record.path) <= 1:
            print("\n".join(wrap(record.comment, width, "    ")))


def cmd_export(args: argparse.Namespace) -> int:
    """Handler of ``export crosswalk --format sssom|graphml|json [-o FILE]``: reads
    ``args.format`` and ``args.output``."""
    from ._export import render

    write_output(render(None, args.format), args.output)
    return 0
