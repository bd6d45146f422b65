"""The framework commands of the command line: ``frameworks``, ``show``, ``search``, ``export``
and ``template``.

Each ``*_arguments(parser)`` adds one command's arguments and sets its handler (a function of
the parsed arguments returning the exit code); the main program (``_cli``) calls it only for the
command being run, and the handler imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ._cli import json_flag
from ._terminal import clip, dump_json, json_safe, terminal_width, wrap, write_output

if TYPE_CHECKING:
    from ._model import Citation, Framework, Item

__all__ = [
    "export_arguments",
    "frameworks_arguments",
    "search_arguments",
    "show_arguments",
    "template_arguments",
]


def _emit_json(data: Any) -> None:
    sys.stdout.write(dump_json(data))


def _print(lines: list[str]) -> None:
    print("\n".join(lines))


def citation_lines(citation: Citation, width: int, indent: str = "  ") -> list[str]:
    """A citation on lines of its own: the reference wrapped, then its URL and the date it was
    checked."""
    import attrs

    lines = wrap(str(attrs.evolve(citation, url=None)), width, indent, "  ")
    if citation.url:
        lines.append(indent + citation.url)
    if citation.checked_on:
        lines.append(f"{indent}(checked {citation.checked_on.isoformat()})")
    return lines


# --- frameworks -------------------------------------------------------------------------------


def _cmd_frameworks(args: argparse.Namespace) -> int:
    from ._api import frameworks
    from ._model import converter

    fws = frameworks()
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
    width = terminal_width()
    pad = max(len(f.id) for f in fws)
    _print([clip(f"{f.id:<{pad}}  {len(f):>4} items  {f.title}", width) for f in fws])
    return 0


def frameworks_arguments(p: argparse.ArgumentParser) -> None:
    """``frameworks [--json]``."""
    json_flag(p)
    p.set_defaults(handler=_cmd_frameworks)


# --- show -------------------------------------------------------------------------------------


def _framework_lines(f: Framework, width: int) -> list[str]:
    lines = wrap(f"{f.id}: {f.title} (version {f.version})", width, "", "  ")
    lines += ["source:", *citation_lines(f.source, width)]
    if not f.attribution_confirmed:
        lines += wrap(f"attribution unconfirmed: {f.attribution_note or ''}", width, "", "  ")
    kinds = ", ".join(f"{n} {k.value}" for k, n in f.kinds.items())
    lines += wrap(f"items: {len(f)} ({kinds})", width, "", "  ")
    lines += [clip(f"  {root.code}. {root.text}", width) for root in f.roots]
    return lines


def _item_lines(item: Item, width: int) -> list[str]:
    lines = [clip(f"{item.id}  [{item.kind.value}]", width)]
    if item.label:
        lines += wrap(f"label (ours): {item.label}", width, "  ", "  ")
    lines += wrap(item.text, width, "  ")
    if item.description:
        lines += wrap(item.description, width, "  ")
    lines += ["citation:", *citation_lines(item.citation, width)]
    if item.origins:
        lines += wrap("origins: " + "; ".join(o.tag or o.framework for o in item.origins), width)
    for note in item.notes:
        lines += wrap(f"note (ours): {note}", width, "", "  ")
    parent = item.parent
    lines.append(clip(f"parent: {parent.id}  {parent.text}", width) if parent else "parent: (none)")
    children = item.children
    lines.append(f"children: {len(children)}")
    lines += [clip(f"  {child.id}  {child.text}", width) for child in children]
    return lines


def _cmd_show(args: argparse.Namespace) -> int:
    from ._api import framework, lookup
    from ._load import database
    from ._model import converter

    ident: str = args.id
    shipped = None if ":" in ident else database().shipped_id(ident)
    if shipped is not None:
        f = framework(shipped)
        if args.json:
            _emit_json(converter.unstructure(f))
        else:
            _print(_framework_lines(f, terminal_width()))
        return 0
    item = lookup(ident)
    if args.json:
        data = converter.unstructure(item)
        data["kind"] = item.kind.value
        _emit_json(data)
    else:
        _print(_item_lines(item, terminal_width()))
    return 0


def show_arguments(p: argparse.ArgumentParser) -> None:
    """``show ID [--json]``."""
    p.add_argument("id", help="an item id such as samhsa-2015:VIII.4, or a framework id")
    json_flag(p)
    p.set_defaults(handler=_cmd_show)


# --- search -----------------------------------------------------------------------------------


def _cmd_search(args: argparse.Namespace) -> int:
    from ._search import search

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
    width = terminal_width()
    if not matches:
        print("no matches")
    for m in matches:
        print(clip(f"{m.score:6.2f}  {m.item.id}  {m.item.text}", width))
    return 0


def search_arguments(p: argparse.ArgumentParser) -> None:
    """``search TEXT [--framework F] [--kind K] [--limit N] [--json]``."""
    from ._model import Kind

    p.add_argument("text", help='the words to look for, such as "crisis safety plan"')
    p.add_argument("--framework", "-f", help="only this framework")
    p.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in Kind],
        help="only items of this kind (repeatable)",
    )
    p.add_argument("--limit", type=int, default=10, help="at most this many results (10)")
    json_flag(p)
    p.set_defaults(handler=_cmd_search)


# --- export -----------------------------------------------------------------------------------


def _cmd_export(args: argparse.Namespace) -> int:
    from ._api import framework
    from ._errors import InputError
    from ._export import render
    from .crosswalk._export import FORMATS as CROSSWALK_FORMATS

    if args.framework == "crosswalk":
        if args.format not in CROSSWALK_FORMATS:
            raise InputError(
                f"the crosswalk exports as {', '.join(CROSSWALK_FORMATS)}, not {args.format}",
                fix="use --format sssom, for example",
            )
        from .crosswalk._commands import cmd_export

        return cmd_export(args)
    if args.framework == "credential":  # export credential ID --format ctdl
        from ._ctdl import to_ctdl
        from .eligibility import credential

        if not args.id or args.format != "ctdl":
            raise InputError(
                "export credential needs a credential id and --format ctdl",
                fix="peer-competencies export credential ca-pss --format ctdl",
            )
        text = to_ctdl(credential(args.id))
    elif args.id:
        raise InputError(f"unexpected {args.id!r}: only 'export credential ID' takes two ids")
    else:  # case, case-1.0, ctdl and markdown carry the shipped crosswalk's mappings
        from .crosswalk import default

        text = render(framework(args.framework), args.format, crosswalk=default())
    if args.format in ("json", "case", "case-1.0", "ctdl"):  # escape what a terminal acts on
        text = json_safe(text)
    write_output(text, args.output)
    return 0


def export_arguments(p: argparse.ArgumentParser) -> None:
    """``export F|crosswalk|credential ID --format FORMAT [-o FILE]``."""
    from ._export import FORMATS
    from .crosswalk._export import FORMATS as CROSSWALK_FORMATS  # imports no networkx

    p.description = (
        f"Export a framework ({', '.join(FORMATS)}), the crosswalk "
        f"({', '.join(CROSSWALK_FORMATS)}) or a credential (ctdl)."
    )
    p.add_argument("framework", help="a framework id, 'crosswalk', or 'credential'")
    p.add_argument("id", nargs="?", help="with 'credential': the credential id (ctdl only)")
    p.add_argument(
        "--format",
        required=True,
        choices=sorted({*FORMATS, *CROSSWALK_FORMATS}),
        help="the file format (which go with what: see above)",
    )
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(handler=_cmd_export)


# --- template ---------------------------------------------------------------------------------


def _cmd_template(args: argparse.Namespace) -> int:
    from ._templates import TEMPLATES

    template = TEMPLATES[args.kind]
    write_output(template.text, args.output)
    print(template.note.rstrip("\n"), file=sys.stderr)
    return 0


def template_arguments(p: argparse.ArgumentParser) -> None:
    """``template applicant|roster|syllabus [-o FILE]``."""
    from ._templates import TEMPLATES

    p.description = (
        "Print a starter file with example values that the readers accept as it is: an "
        "applicant record (YAML), a roster (CSV) or a syllabus (TOML). How to use it goes to "
        "standard error, so that `> file` keeps only the file."
    )
    p.add_argument("kind", choices=sorted(TEMPLATES), help="which file")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(handler=_cmd_template)
