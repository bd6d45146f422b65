"""The ``eligibility`` commands of the command line: ``check``, ``roster``, ``explain`` and
``credentials``.

``eligibility_arguments(parser)`` adds them (see ``peer_competencies._cli``); each handler
returns the exit code: for ``check`` 0 eligible, 1 not eligible, 2 incomplete, 5 eligible if the
requirements not checked are confirmed; ``roster`` 0 when
every row was checked (empty rows skipped), 4 when some rows are reported as errors (the others
were checked); errors that stop a command raise the package's errors, which the main program
turns into exit code 3 (for ``roster``: could not run at all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from .._cli import add_command, json_flag
from .._terminal import dump_json, fit, json_safe, output_file, terminal_width, wrap

if TYPE_CHECKING:
    from ._roster import RosterResult

__all__ = ["eligibility_arguments"]

EXIT_ROWS_FAILED = 4


def _credential_id(text: str) -> str:
    """A credential id as given, or the shipped id it names in other upper and lower case."""
    from ._rules import credentials

    return next((c.id for c in credentials() if c.id == text.casefold()), text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _jobs(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes ≥ 1, got {text!r}")
    return int(text)


def _cmd_check(args: argparse.Namespace) -> int:
    from ._applicant import read_applicant
    from ._check import check

    result = check(read_applicant(args.file), args.credential, args.pathway, args.as_of)
    if args.json:
        sys.stdout.write(dump_json(result.to_dict()))
    else:
        print(fit(result.to_text(), terminal_width()))
    return result.exit_code


def _write_json_results(results: Iterable[RosterResult], stream: IO[str]) -> dict[str, int]:
    """Write roster results as one JSON array, a row at a time (the results of a roster of any
    length are never all held); returns how many rows had each outcome, ``ERROR`` and
    ``SKIPPED``, as :func:`write_results` does."""
    counts: dict[str, int] = {}
    stream.write("[")
    for n, r in enumerate(results):
        if r.result is not None:
            outcome = r.result.outcome.value
        else:
            outcome = "ERROR" if r.error is not None else "SKIPPED"
        data = {
            "row": r.row,
            "id": r.applicant_id,
            "outcome": outcome,
            "result": None if r.result is None else r.result.to_dict(),
            "error": None if r.error is None else str(r.error),
            "note": r.note,
        }
        stream.write(("," if n else "") + "\n" + json_safe(json.dumps(data, ensure_ascii=False)))
        counts[outcome] = counts.get(outcome, 0) + 1
    stream.write("\n]\n")
    return counts


def _cmd_roster(args: argparse.Namespace) -> int:
    from ._roster import check_roster, write_results
    from ._roster_read import read_roster

    write = _write_json_results if args.json else write_results
    results = check_roster(
        read_roster(args.roster),
        args.credential,
        pathway=args.pathway,
        as_of=args.as_of,
        jobs=args.jobs,
    )
    if args.output:
        with output_file(args.output) as stream:
            counts = write(results, stream)
    else:
        counts = write(results, sys.stdout)
    summary = ", ".join(
        f"{n} {'error' + ('' if n == 1 else 's') if k == 'ERROR' else k.lower().replace('_', ' ')}"
        for k, n in sorted(counts.items())
    )
    rows = sum(counts.values())
    print(f"{rows} row{'' if rows == 1 else 's'}: {summary or 'none'}", file=sys.stderr)
    return EXIT_ROWS_FAILED if counts.get("ERROR") else 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from ._describe import credential_data, names_lines, names_markdown
    from ._explain import explain
    from ._rules import credential

    cred = credential(args.id)
    if args.json:
        sys.stdout.write(dump_json(credential_data(cred, args.pathway)))
    elif args.markdown:
        sys.stdout.write(
            explain(cred, "markdown", args.pathway) + names_markdown(cred, args.pathway)
        )
    else:
        width = terminal_width()
        text = fit(explain(cred, "text", args.pathway).rstrip("\n"), width)
        print("\n".join([text, *names_lines(cred, args.pathway, width)]))
    return 0


def _cmd_credentials(args: argparse.Namespace) -> int:
    from ._describe import summary
    from ._rules import credentials

    wanted: str | None = args.jurisdiction
    chosen = [
        c for c in credentials() if wanted is None or (c.jurisdiction or "national") == wanted
    ]
    if args.json:
        sys.stdout.write(dump_json([summary(c) for c in chosen]))
        return 0
    width = terminal_width()
    lines: list[str] = []
    for c in chosen:
        data = summary(c)
        where = c.jurisdiction or "national"
        lines += wrap(f"{c.id}  {c.title} ({where})", width, "", "    ")
        lines += wrap(f"issuer: {c.issuer}", width, "  ", "    ")
        pathways = []
        for p in data["pathways"]:
            dates = [f"applications until {p['applications_until']}"] * bool(
                p["applications_until"]
            )
            for rule in p["dated_rules"]:
                span = " ".join(
                    f"{word} {day}"
                    for word, day in (("from", rule["from"]), ("to", rule["to"]))
                    if day
                )
                dates.append(f"{rule['id']} {span}")
            extra = "".join(f"; {d}" for d in dates)
            pathways.append(f"{p['id']} ({p['requirements']} requirements{extra})")
        lines += wrap("pathways: " + ", ".join(pathways), width, "  ", "    ")
        lines.append(f"  rules checked against their sources on {data['checked_on'] or 'unknown'}")
    if not chosen:
        lines.append(f"no credential of jurisdiction {wanted} is shipped")
    print("\n".join(lines))
    return 0


def _jurisdiction(text: str) -> str:
    if text.lower() == "national":
        return "national"
    if len(text) == 2 and text.isascii() and text.isalpha():
        return text.upper()
    raise argparse.ArgumentTypeError(
        f"expected a two-letter state code such as NY, or national, got {text!r}"
    )


def _check_options(p: argparse.ArgumentParser) -> None:
    """The options ``check`` and ``roster`` share: which credential and pathway, as of when."""
    p.add_argument(
        "--credential", required=True, type=_credential_id, help="a credential id such as ca-pss"
    )
    p.add_argument("--pathway", help="a pathway id (default: initial certification)")
    p.add_argument("--as-of", type=_date, help="check as of this date, YYYY-MM-DD (today)")


def eligibility_arguments(top: argparse.ArgumentParser) -> None:
    """Add ``eligibility check|roster|explain|credentials`` to the ``eligibility`` command."""
    top.description = (
        "Check applicants against a credential's rules, and list and explain the credentials."
    )
    sub = top.add_subparsers(dest="eligibility_command", metavar="COMMAND")

    p = add_command(
        sub,
        "check",
        "check one applicant (JSON or YAML); exit 0 eligible, 1 not, 2 incomplete, "
        "5 eligible if the requirements not checked are confirmed",
        description="Check one applicant record (.json or .yaml; `peer-competencies template "
        "applicant` prints a starter). Exit status: 0 eligible, 1 not eligible, 2 incomplete, "
        "3 an error, 5 eligible on every requirement checked if those not checked are confirmed.",
        handler=_cmd_check,
    )
    p.add_argument("file", help="the applicant record, .json or .yaml")
    _check_options(p)
    json_flag(p, "print the result as JSON")

    p = add_command(
        sub,
        "roster",
        "check every row of a CSV roster; write results as CSV (or JSON)",
        description="Check every row of a CSV roster (`peer-competencies template roster` prints "
        "a starter) and write one result per row. Exit status: 0 every row checked, 4 some rows "
        "reported as errors (their errors are in the results, every other row checked), 3 could "
        "not run at all (no results).",
        handler=_cmd_roster,
    )
    p.add_argument("roster", help="the roster, a CSV file with one applicant per row")
    _check_options(p)
    p.add_argument("-o", "--output", help="write the results here (default: standard output)")
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="check in N processes (default 1); the results and their order are the same; "
        "it pays only with idle cores (2 jobs measured 1.0x on 2 cores, see docs)",
    )
    json_flag(p, "write the results as a JSON array, each with the full result")

    p = add_command(
        sub,
        "explain",
        "show a credential's rules with their sources, and the names records may use",
        handler=_cmd_explain,
    )
    p.add_argument(
        "id",
        type=_credential_id,
        help="a credential id such as ca-pss (see: eligibility credentials)",
    )
    p.add_argument("--pathway", help="only this pathway")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="print Markdown")
    json_flag(form)

    p = add_command(
        sub,
        "credentials",
        "list the credentials: id, name, jurisdiction, pathways, dates, when checked",
        handler=_cmd_credentials,
    )
    p.add_argument(
        "--jurisdiction",
        metavar="XX",
        type=_jurisdiction,
        help="only this state's credentials (a two-letter code), or 'national'",
    )
    json_flag(p)
