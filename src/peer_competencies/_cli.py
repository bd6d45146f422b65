"""The ``peer-competencies`` command line (also ``python -m peer_competencies``).

Exit codes: 0 success, 3 an error (bad input, unknown id), 2 never used for errors so that the
commands that report an outcome (eligibility, coverage) can give it a meaning of their own.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import _api
from ._errors import InputError, PeerCompetenciesError
from ._export import FORMATS, export
from ._load import database
from ._model import Framework, Item, Kind, converter
from ._search import search
from ._terminal import command_inputs, write_output

__all__ = ["COMMAND_MODULES", "EXIT_ERROR", "main"]

EXIT_ERROR = 3

COMMAND_MODULES: tuple[str, ...] = (
    "peer_competencies.coverage._commands",
    "peer_competencies.crosswalk._commands",
    "peer_competencies.eligibility._commands",
)
"""Modules whose ``add_commands(subparsers)`` adds their commands; each command's parser sets
``handler`` (a function of the parsed arguments returning the exit code) with ``set_defaults``.
Their heavy imports (networkx …) happen inside the handlers, not at registration."""
_WIDTH = 80


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _emit_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def _cmd_frameworks(args: argparse.Namespace) -> int:
    fws = _api.frameworks()
    if args.json:
        _emit_json(
            [
                {
                    "id": f.id,
                    "title": f.title,
                    "version": f.version,
                    "items": len(f),
                    "kinds": {k.value: n for k, n in f.kinds.items()},
                    "source": converter.unstructure(f.source),
                }
                for f in fws
            ]
        )
        return 0
    width = max(len(f.id) for f in fws)
    for f in fws:
        print(f"{f.id:<{width}}  {len(f):>4} items  {f.title}"[:_WIDTH])
    return 0


def _framework_summary(f: Framework) -> None:
    print(f"{f.id}: {f.title} (version {f.version})")
    print(f"source: {f.source}")
    if not f.attribution_confirmed:
        print(f"attribution unconfirmed: {f.attribution_note or ''}")
    kinds = ", ".join(f"{n} {k.value}" for k, n in f.kinds.items())
    print(f"items: {len(f)} ({kinds})")
    for root in f.roots:
        print(_wrap(f"{root.code}. {root.text}")[: _WIDTH * 2])


def _item_summary(item: Item) -> None:
    print(f"{item.id}  [{item.kind.value}]")
    print(_wrap(item.text))
    if item.description:
        print(_wrap(item.description))
    print(f"citation: {item.citation}")
    if item.origins:
        print("origins: " + "; ".join(o.tag or o.framework for o in item.origins))
    for note in item.notes:
        print(_wrap(f"note (ours): {note}", ""))
    parent = item.parent
    print(f"parent: {parent.id}  {parent.text}"[:_WIDTH] if parent else "parent: (none)")
    children = item.children
    print(f"children: {len(children)}")
    for child in children:
        print(f"  {child.id}  {child.text}"[:_WIDTH])


def _cmd_show(args: argparse.Namespace) -> int:
    ident: str = args.id
    if ":" not in ident and ident in database().framework_ids():
        f = _api.framework(ident)
        if args.json:
            _emit_json(converter.unstructure(f))
        else:
            _framework_summary(f)
        return 0
    item = _api.lookup(ident)
    if args.json:
        data = converter.unstructure(item)
        data["kind"] = item.kind.value
        _emit_json(data)
    else:
        _item_summary(item)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    matches = search(args.text, framework=args.framework, kinds=args.kind or None, limit=args.limit)
    if args.json:
        _emit_json(
            [
                {
                    "id": m.item.id,
                    "score": m.score,
                    "kind": m.item.kind.value,
                    "text": m.item.text,
                    "matched": list(m.matched),
                }
                for m in matches
            ]
        )
        return 0
    if not matches:
        print("no matches")
    for m in matches:
        print(f"{m.score:6.2f}  {m.item.id}  {m.item.text}"[:_WIDTH])
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .crosswalk._export import EXPORT_FORMATS as CROSSWALK_FORMATS

    if args.framework == "crosswalk":
        if args.format not in CROSSWALK_FORMATS:
            raise InputError(
                f"the crosswalk exports as {', '.join(CROSSWALK_FORMATS)}, not {args.format}",
                fix="use --format sssom, for example",
            )
        from .crosswalk._commands import cmd_export

        return cmd_export(args)
    if args.format == "case":  # the command line's CASE package carries the crosswalk's mappings
        from .crosswalk import to_case

        text = to_case(_api.framework(args.framework).id)
    else:
        text = export(_api.framework(args.framework), args.format)
    write_output(text, args.output)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="peer-competencies", description="US peer-support-worker competency standards as data."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("frameworks", help="list the shipped frameworks")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(handler=_cmd_frameworks)

    p = sub.add_parser("show", help="show an item (or a framework) by id")
    p.add_argument("id", help="an item id such as samhsa-2015:VIII.4, or a framework id")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(handler=_cmd_show)

    p = sub.add_parser("search", help="search the items' wording")
    p.add_argument("text")
    p.add_argument("--framework", "-f", help="only this framework")
    p.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in Kind],
        help="only items of this kind (repeatable)",
    )
    p.add_argument("--limit", type=int, default=10, help="at most this many results (10)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(handler=_cmd_search)

    from .crosswalk._export import EXPORT_FORMATS as CROSSWALK_FORMATS  # imports no networkx

    p = sub.add_parser(
        "export",
        help=f"export a framework ({', '.join(FORMATS)}) or the crosswalk "
        f"({', '.join(CROSSWALK_FORMATS)})",
    )
    p.add_argument("framework", help="a framework id, or 'crosswalk'")
    p.add_argument("--format", required=True, choices=sorted({*FORMATS, *CROSSWALK_FORMATS}))
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(handler=_cmd_export)

    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    return parser


def _named(args: argparse.Namespace) -> list[str]:
    """Every text given on the command line (file names among them), for :func:`command_inputs`."""
    names: list[str] = []
    for value in vars(args).values():
        values = value if isinstance(value, (list, tuple)) else [value]
        names.extend(v for v in values if isinstance(v, str))
    return names


class _ClosedStream(io.TextIOBase):
    """Standard output when the process was started with it closed: writing fails cleanly."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _stdout_gone() -> None:
    """After standard output failed: point it at the null device, so that the interpreter's
    last flush at exit fails no more."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        with command_inputs(_named(args)):
            code = handler(args)
        sys.stdout.flush()
    except PeerCompetenciesError as exc:  # InputError, UnknownIdError
        problems = getattr(exc, "problems", ())
        for problem in problems if len(problems) > 1 else (exc,):
            print(f"peer-competencies: {problem}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # standard output closed or full (a file is reported as above)
        _stdout_gone()
        place = f"cannot write {exc.filename}" if exc.filename else "cannot write the output"
        print(f"peer-competencies: {place}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    return code
