"""The ``eligibility`` commands of the command line: ``check``, ``roster`` and ``explain``.

``add_commands(subparsers)`` adds them; each handler returns the exit code: for ``check`` 0
eligible, 1 not eligible, 2 incomplete; ``roster`` 0 when every row was checked (empty rows
skipped), 4 when some rows are reported as errors (the others were checked); errors that stop a
command raise the package's errors, which the main program turns into exit code 3 (for
``roster``: could not run at all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from .._terminal import output_file

__all__ = ["add_commands"]

EXIT_ROWS_FAILED = 4


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _cmd_check(args: argparse.Namespace) -> int:
    from ._applicant import read_applicant
    from ._check import check

    result = check(read_applicant(args.file), args.credential, args.pathway, args.as_of)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(result.to_text())
    return result.exit_code


def _cmd_roster(args: argparse.Namespace) -> int:
    from ._roster import check_roster, read_roster, write_results

    results = check_roster(
        read_roster(args.roster), args.credential, pathway=args.pathway, as_of=args.as_of
    )
    if args.output:
        with output_file(args.output) as stream:
            counts = write_results(results, stream)
    else:
        counts = write_results(results, sys.stdout)
    summary = ", ".join(f"{n} {k.lower().replace('_', ' ')}" for k, n in sorted(counts.items()))
    print(f"{sum(counts.values())} rows: {summary or 'none'}", file=sys.stderr)
    return EXIT_ROWS_FAILED if counts.get("ERROR") else 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from ._explain import explain

    text = explain(args.id, "markdown" if args.markdown else "text", args.pathway)
    sys.stdout.write(text)
    return 0


def add_commands(subparsers: Any) -> None:
    """Add ``eligibility check|roster|explain`` to the main program's sub-commands."""
    top = subparsers.add_parser("eligibility", help="check certification eligibility")
    sub = top.add_subparsers(dest="eligibility_command", required=True)

    p = sub.add_parser(
        "check",
        help="check one applicant (JSON or YAML); exit 0 eligible, 1 not, 2 incomplete",
    )
    p.add_argument("file", help="the applicant record, .json or .yaml")
    p.add_argument("--credential", required=True, help="a credential id such as ca-pss")
    p.add_argument("--pathway", help="a pathway id (default: initial certification)")
    p.add_argument("--as-of", type=_date, help="check as of this date, YYYY-MM-DD (today)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=_cmd_check)

    p = sub.add_parser("roster", help="check every row of a CSV roster; write results as CSV")
    p.add_argument("roster", help="the roster, a CSV file with one applicant per row")
    p.add_argument("--credential", required=True, help="a credential id such as ca-pss")
    p.add_argument("--pathway", help="a pathway id (default: initial certification)")
    p.add_argument("--as-of", type=_date, help="check as of this date, YYYY-MM-DD (today)")
    p.add_argument("-o", "--output", help="write the results here (default: standard output)")
    p.set_defaults(handler=_cmd_roster)

    p = sub.add_parser("explain", help="show a credential's rules with their sources")
    p.add_argument("id", help="a credential id such as ca-pss")
    p.add_argument("--pathway", help="only this pathway")
    p.add_argument("--markdown", action="store_true", help="print Markdown")
    p.set_defaults(handler=_cmd_explain)
