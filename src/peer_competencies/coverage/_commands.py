"""The ``coverage`` and ``suggest`` commands: ``coverage_arguments`` and ``suggest_arguments``
add each one's arguments and handler (see ``peer_competencies._cli``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._cli import json_flag
from .._terminal import clip, dump_json, fit, json_safe, terminal_width, write_output

if TYPE_CHECKING:
    from ._syllabus import Syllabus

__all__ = ["coverage_arguments", "suggest_arguments"]


def _framework_for(args: argparse.Namespace, syllabus: Syllabus) -> str:
    from .._errors import InputError
    from ._syllabus import program_framework

    own = program_framework(syllabus)  # a mistyped one is reported even under --framework
    framework = args.framework or own
    if not framework:
        raise InputError(
            "no framework to report against",
            file=args.syllabus,
            fix="pass --framework, or set program.framework in the syllabus",
        )
    return str(framework)


def _cmd_coverage(args: argparse.Namespace) -> int:
    from . import coverage, read_syllabus, render
    from ._requirements import CurriculumVerdict

    syllabus = read_syllabus(args.syllabus)
    framework = _framework_for(args, syllabus)
    report = coverage(
        syllabus,
        framework,
        via_crosswalk=not args.no_crosswalk,
        show_progress=True,
        matcher=args.matcher,
    )
    text = render(report, "json" if args.json else args.format)
    if args.json or args.format == "json":
        text = json_safe(text)
    if args.format == "table" and not args.json and not args.output:
        text = fit(text, terminal_width()) + "\n"  # a person reads it: escaped, wrapped
    write_output(text, args.output)
    if report.verdict is CurriculumVerdict.CANNOT_BE_JUDGED:
        return 2
    met = report.met
    if met is None:
        met = all(row.status.covered for row in report.competencies)
    return 0 if met else 1


def _suggestion_data(found: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": s.item.id,
            "score": s.score,
            "raw_score": s.raw,
            "text": s.item.text,
            "evidence": [
                {"id": e.item.id, "text": e.item.text, "words": list(e.words)} for e in s.evidence
            ],
        }
        for s in found
    ]


def _print_suggestions(title: str, found: Any) -> None:
    width = terminal_width()
    print(clip(title, width))
    if not found:
        print("  (no confident suggestion)")
    for s in found:
        print(clip(f"  {s.score:4.2f}  {s.item.id}  {s.item.text}", width))
        for e in s.evidence[:2]:
            print(
                clip(f"          {e.item.id}: matched {', '.join(e.words)} ({e.item.text})", width)
            )


def _cmd_suggest(args: argparse.Namespace) -> int:
    from .._terminal import progress
    from . import read_syllabus, suggest, suggest_many
    from ._syllabus_read import SYLLABUS_SUFFIXES

    if Path(args.text).suffix.lower() in SYLLABUS_SUFFIXES:  # a syllabus file, which must exist
        syllabus = read_syllabus(args.text)
        args.syllabus = args.text
        framework = _framework_for(args, syllabus)
        unmapped = [m for m in syllabus.modules if not m.competencies]
        texts = (" ".join(filter(None, (m.title, m.description))) for m in unmapped)
        ranked = suggest_many(
            progress(texts, len(unmapped), "suggest"), framework, k=args.k, matcher=args.matcher
        )
        results = {m.id: (m, found) for m, found in zip(unmapped, ranked, strict=True)}
        if args.json:
            data = {mid: _suggestion_data(found) for mid, (_, found) in results.items()}
            sys.stdout.write(dump_json(data))
        else:
            if not results:
                print("every module names its competencies: nothing to suggest")
            for module, found in results.values():
                _print_suggestions(f"{module.id} {module.title}", found)
        return 0
    if not args.framework:
        from .._errors import InputError

        raise InputError("suggest needs --framework for a text", fix="pass --framework ca-sb803")
    found = suggest(args.text, args.framework, k=args.k, matcher=args.matcher)
    if args.json:
        sys.stdout.write(dump_json(_suggestion_data(found)))
    else:
        _print_suggestions(args.text, found)
    return 0


def coverage_arguments(p: argparse.ArgumentParser) -> None:
    """``coverage SYLLABUS [--framework F] [--format FORMAT | --json] [-o FILE]
    [--no-crosswalk]``."""
    from ._report import REPORT_FORMATS
    from ._syllabus_read import SYLLABUS_SUFFIXES

    p.description = (
        "Report what a syllabus covers of a framework. Exit status: 0 when the framework's "
        "curriculum requirement is met (or, without one, every competency is covered), 1 when "
        "not, 2 when it cannot be judged (hours it needs are not stated), 3 on an error."
    )
    p.add_argument("syllabus", help=f"a syllabus file: {', '.join(SYLLABUS_SUFFIXES)}")
    p.add_argument("--framework", "-f", help="the framework (default: the syllabus's own)")
    form = p.add_mutually_exclusive_group()
    form.add_argument(
        "--format",
        default="table",
        choices=sorted(REPORT_FORMATS),
        help="table (default), json, md, html, calmhsa (CSV form), calmhsa-md",
    )
    json_flag(form, "print JSON for scripts (--format json)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument(
        "--no-crosswalk", action="store_true", help="credit only ids of the framework itself"
    )
    _matcher_argument(p)
    p.set_defaults(handler=_cmd_coverage)


def _matcher_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--matcher",
        choices=("default", "semantic"),
        default="default",
        help="how suggestions are made: default, or semantic (needs the 'semantic' extra)",
    )


def suggest_arguments(p: argparse.ArgumentParser) -> None:
    """``suggest TEXT|SYLLABUS [--framework F] [-k N] [--json]``."""
    from ._syllabus_read import SYLLABUS_SUFFIXES

    p.add_argument("text", help=f"the text, or a syllabus file ({', '.join(SYLLABUS_SUFFIXES)})")
    p.add_argument("--framework", "-f", help="the framework to suggest from")
    p.add_argument("-k", type=int, default=5, help="how many suggestions (5)")
    _matcher_argument(p)
    json_flag(p)
    p.set_defaults(handler=_cmd_suggest)
