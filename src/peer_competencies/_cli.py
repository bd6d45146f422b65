"""The ``peer-competencies`` command line (also ``python -m peer_competencies``).

Commands are registered from one table, :data:`COMMANDS`: a name, a one-line help and the
function that adds the command's arguments and handler. Only the command being run has its
module imported and its arguments added, so ``peer-competencies show ID`` never imports the
coverage, crosswalk or eligibility code.

Exit codes: 0 success, 3 an error (bad input, unknown id, bad arguments), 2 never used for
errors so that the commands that report an outcome (eligibility, coverage) can give it a meaning
of their own.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple, NoReturn, TypeVar

from ._errors import PeerCompetenciesError
from ._terminal import command_inputs, escape

__all__ = ["COMMANDS", "EXIT_ERROR", "Command", "add_command", "json_flag", "main"]

EXIT_ERROR = 3

P = TypeVar("P", bound=argparse.ArgumentParser)


class Command(NamedTuple):
    """One command of the table: ``arguments`` is ``"module:function"``; the function takes the
    command's parser, adds its arguments and sets ``handler`` (a function of the parsed
    arguments returning the exit code) with ``set_defaults``."""

    name: str
    help: str
    arguments: str


COMMANDS: tuple[Command, ...] = (
    Command("frameworks", "list the shipped frameworks", "peer_competencies._commands:frameworks"),
    Command("show", "show an item (or a framework) by id", "peer_competencies._commands:show"),
    Command("search", "search the items' wording", "peer_competencies._commands:search"),
    Command(
        "export",
        "export a framework or the crosswalk to a file format",
        "peer_competencies._commands:export",
    ),
    Command(
        "schema",
        "print the JSON Schema of a file format (framework, syllabus, applicant …)",
        "peer_competencies._schemas:schema",
    ),
    Command(
        "template",
        "print a starter applicant, roster or syllabus file",
        "peer_competencies._commands:template",
    ),
    Command(
        "coverage",
        "report what a syllabus covers of a framework",
        "peer_competencies.coverage._commands:coverage",
    ),
    Command(
        "suggest",
        "suggest competencies for a text, or for the modules of a syllabus that name none",
        "peer_competencies.coverage._commands:suggest",
    ),
    Command(
        "crosswalk",
        "what an item corresponds to in other frameworks, or a matrix of two frameworks",
        "peer_competencies.crosswalk._commands:crosswalk",
    ),
    Command(
        "eligibility",
        "check certification eligibility; list and explain the credentials",
        "peer_competencies.eligibility._commands:eligibility",
    ),
)
"""The commands, in the order ``--help`` lists them."""


class _Parser(argparse.ArgumentParser):
    """A parser whose errors print its own usage (a subcommand's, for a subcommand) and exit with
    :data:`EXIT_ERROR`."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {escape(message)}\n")


def add_command(
    sub: argparse._SubParsersAction[P],
    name: str,
    help: str,
    *,
    description: str | None = None,
    handler: Callable[[argparse.Namespace], int] | None = None,
) -> P:
    """Add command ``name`` to ``sub`` and return its parser, which remembers itself (so that
    an error prints the command's own usage) and, when given, the ``handler`` that runs it."""
    p = sub.add_parser(name, help=help, description=description)
    p.set_defaults(command_parser=p)
    if handler is not None:
        p.set_defaults(handler=handler)
    return p


def json_flag(parser: argparse._ActionsContainer, what: str = "print JSON for scripts") -> None:
    """Add ``--json`` (a flag) with the help ``what``."""
    parser.add_argument("--json", action="store_true", help=what)


def _add_arguments(command: Command, parser: argparse.ArgumentParser) -> None:
    module, _, function = command.arguments.partition(":")
    add: Callable[[argparse.ArgumentParser], None] = getattr(
        importlib.import_module(module), f"{function}_arguments"
    )
    add(parser)


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="peer-competencies",
        description="US peer-support-worker competency standards as data. "
        "Run `peer-competencies COMMAND --help` for a command's options.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for command in COMMANDS:
        p = add_command(sub, command.name, command.help, description=command.help + ".")
        if command.name == chosen:
            _add_arguments(command, p)
    return parser


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
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(argv)
    args, extra = parser.parse_known_args(argv)
    used: argparse.ArgumentParser = getattr(args, "command_parser", parser)
    if extra:
        used.error(f"unrecognized arguments: {' '.join(extra)}")
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:  # a command of commands (eligibility) given none of its own
        used.error(f"name one of its commands: {', '.join(_commands_of(used))}")
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    try:
        with command_inputs():
            code = handler(args)
        sys.stdout.flush()
    except PeerCompetenciesError as exc:  # InputError, UnknownIdError
        problems = getattr(exc, "problems", ())
        for problem in problems if len(problems) > 1 else (exc,):
            print(f"peer-competencies: {escape(str(problem))}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # standard output closed or full (a file is reported as above)
        _stdout_gone()
        place = f"cannot write {exc.filename}" if exc.filename else "cannot write the output"
        print(f"peer-competencies: {escape(f'{place}: {exc.strerror or exc}')}", file=sys.stderr)
        return EXIT_ERROR
    return code


def _commands_of(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:  # argparse keeps no public list
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []
