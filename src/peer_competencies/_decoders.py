"""Decoders of structured text (JSON, TOML, YAML) into plain data, by file suffix: repeated keys,
nesting depth, YAML aliases and over-long numbers refused with their line and column. Long for
one topic: each format's limits are checked before it is decoded, and its errors located.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ._errors import InputError

__all__ = [
    "DECODERS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "parse_json",
    "parse_toml",
    "parse_yaml",
]


class _RepeatedKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return found


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _repeated_key_positions(text: str) -> tuple[int, int]:
    """Where, in JSON text known to be valid but for a repeated key, the first repeated key
    stands and where it stood first (only read again to place the error: the standard decoder
    tells neither)."""
    from json import decoder, scanner

    # the pure-Python scanner, whose objects this parses (the C one parses its own); untyped
    whitespace: Any = getattr(decoder, "WHITESPACE")  # noqa: B009
    scanstring: Any = getattr(decoder, "scanstring")  # noqa: B009
    make_scanner: Any = getattr(scanner, "py_make_scanner")  # noqa: B009

    def skip(s: str, end: int) -> int:
        return int(whitespace.match(s, end).end())

    class Found(Exception):
        pass

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan: Any, *_: Any) -> Any:
        s, end = s_and_end
        seen: dict[str, int] = {}
        end = skip(s, end)
        while s[end] != "}":
            at = end
            key, end = scanstring(s, end + 1, strict)
            if key in seen:
                raise Found(at, seen[key])
            seen[key] = at
            _, end = scan(s, skip(s, skip(s, end) + 1))  # past the colon, the value
            end = skip(s, end)
            if s[end] == ",":
                end = skip(s, end + 1)
        return {}, end + 1

    finder: Any = json.JSONDecoder()
    finder.parse_object = parse_object
    try:
        make_scanner(finder)(text, skip(text, 0))
    except Found as found:
        return found.args[0], found.args[1]
    raise AssertionError("no repeated key")  # pragma: no cover - called only when there is one


MAX_DEPTH = 100
"""How deeply lists and mappings may nest in a JSON, YAML or TOML file (the package's own
files nest fewer than 10 levels): deeper is refused before it is decoded."""

MAX_ALIAS_NODES = 100_000
"""How many values YAML aliases (``*name``) may add to a document once expanded: more is
refused (a few lines of aliases can expand to billions of values)."""

_DIGITS = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
_LONG_NUMBER = re.compile(rf"\d{{{_DIGITS + 1},}}")

_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]')
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'|#[^\n]*|[\[{]|[\]}]"
)


def _too_deep(text: str, tokens: re.Pattern[str]) -> int | None:
    """Where in ``text`` brackets first nest beyond :data:`MAX_DEPTH` (strings and comments,
    as ``tokens`` finds them, skipped), or None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


_DOTTED = re.compile(r"[\w-]+(?:[ \t]*\.[ \t]*[\w-]+)+")


def _too_deep_dotted(text: str, tokens: re.Pattern[str]) -> int | None:
    """Where a TOML dotted key (``a.b.c = 1``, a table ``[a.b.c]``) first nests beyond
    :data:`MAX_DEPTH` (quoted parts count as one), or None."""
    if text.count(".") <= MAX_DEPTH:
        return None
    # each string or comment stands as one word, so that its dots do not count
    plain = tokens.sub(lambda m: m.group() if m.group() in "[]{}" else "s" * len(m.group()), text)
    for match in _DOTTED.finditer(plain):
        if match.group().count(".") > MAX_DEPTH:
            return match.start()
    return None


def _check_depth(text: str, file: str, tokens: re.Pattern[str]) -> None:
    """Refuse, before decoding, nesting beyond :data:`MAX_DEPTH`."""
    at = _too_deep(text, tokens)
    if at is None and tokens is _TOML_TOKENS:
        at = _too_deep_dotted(text, tokens)
    if at is not None:
        line, column = _line_column(text, at)
        raise InputError(
            f"lists or mappings nested more than {MAX_DEPTH} levels deep",
            file=file,
            where=f"line {line}, column {column}",
            fix="check the brackets; no file the package reads nests that deeply",
        )


def _long_number(text: str, file: str, tokens: re.Pattern[str]) -> InputError:
    """The error for a number too long to convert, placed at the first such number outside the
    strings and comments ``tokens`` finds."""
    quoted = [m.span() for m in tokens.finditer(text) if m.group()[0] in "\"'#"]
    where = None
    for match in _LONG_NUMBER.finditer(text):
        if not any(start <= match.start() < end for start, end in quoted):
            line, column = _line_column(text, match.start())
            where = f"line {line}, column {column}"
            break
    return InputError(
        f"a number of more than {_DIGITS:,} digits",
        file=file,
        where=where,
        fix="write it as text, in quotes, if it is an identifier",
    )


def parse_json(text: str, file: str) -> object:
    """Decoded JSON, a syntax error or a key repeated in one object (which JSON would resolve
    silently to the last) raised as InputError naming line and column, as are nesting beyond
    :data:`MAX_DEPTH` and a number too long to convert."""
    _check_depth(text, file, _JSON_TOKENS)
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}",
            file=file,
            where=f"line {exc.lineno}, column {exc.colno}",
            fix="check the JSON syntax near that place",
        ) from None
    except _RepeatedKey as exc:
        at, first = _repeated_key_positions(text)
        line, column = _line_column(text, at)
        first_line, first_column = _line_column(text, first)
        raise InputError(
            f"the key {exc.key!r} appears twice in one object (first at line {first_line}, "
            f"column {first_column})",
            file=file,
            where=f"line {line}, column {column}",
            fix="keep one of them",
        ) from None
    except ValueError:  # int() past the digit limit
        raise _long_number(text, file, _JSON_TOKENS) from None


def parse_toml(text: str, file: str) -> object:
    """Decoded TOML, a syntax error raised as InputError (with the line and column TOML gives),
    as are nesting beyond :data:`MAX_DEPTH` and a number too long to convert."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    _check_depth(text, file, _TOML_TOKENS)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem, _, place = str(exc).partition(" (at ")
        raise InputError(
            f"not valid TOML: {problem}",
            file=file,
            where=place.rstrip(")") or None,
            fix="check the TOML syntax near that place",
        ) from None
    except ValueError:  # int() past the digit limit
        raise _long_number(text, file, _TOML_TOKENS) from None


def _alias_nodes(root: Any, error: Any) -> None:
    """Raise ``error(problem, node)`` when YAML aliases in the document ``root`` expand it by
    more than :data:`MAX_ALIAS_NODES` values, or make a value hold itself."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Any) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise error("an alias refers to a value that holds it (a loop)", node)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        sizes[key] = total
        if total > len(sizes) + MAX_ALIAS_NODES:
            raise error(
                f"aliases expand the document by more than {MAX_ALIAS_NODES:,} values", node
            )
        return total

    if root is not None:
        size(root)


@functools.cache
def _yaml_loader() -> Any:
    """The package's one YAML loader: safe loading; a key repeated in one mapping refused (PyYAML
    keeps the last), as are nesting beyond :data:`MAX_DEPTH`, aliases that expand beyond
    :data:`MAX_ALIAS_NODES`, and a value PyYAML cannot build (an impossible date such as
    2024-02-30, a number too long to convert), each a YAML error with its place; its
    ``RepeatedKey`` is the error it raises for a repeated key."""
    import yaml

    class RepeatedKey(yaml.constructor.ConstructorError):
        def __init__(self, key: Any, first: Any, mark: Any) -> None:
            problem = (
                f"the key {key!r} appears twice in one mapping (first at line {first.line + 1})"
            )
            super().__init__(None, None, problem, mark)

    def refused(problem: str, node: Any) -> Exception:
        return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)

    class PackageLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        f"lists or mappings nested more than {MAX_DEPTH} levels deep",
                        self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                    )
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def compose_document(self) -> Any:
            node = super().compose_document()
            _alias_nodes(node, refused)
            return node

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, TypeError, OverflowError, AttributeError, LookupError) as exc:
                # PyYAML's own reading of a value failed: 2024-02-30, a 5,000-digit number
                # (messages that could quote the value are not repeated: it may be private)
                problem = str(exc).split(";")[0]
                if not problem or "'" in problem or '"' in problem:
                    problem = f"not a valid {node.tag.rpartition(':')[2]}"
                raise refused(f"cannot read this value: {problem}", node) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen: dict[Any, Any] = {}
                for key_node, _ in node.value:
                    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                        continue  # keys merged in (<<) may be overridden; written keys may not
                    key = self.construct_object(key_node)
                    if key in seen:
                        raise RepeatedKey(key, seen[key], key_node.start_mark)
                    seen[key] = key_node.start_mark
            return super().construct_mapping(node, deep)

    PackageLoader.RepeatedKey = RepeatedKey  # type: ignore[attr-defined]
    return PackageLoader


def parse_yaml(
    text: str,
    file: str,
    *,
    part: str | None = None,
    indent: int = 0,
    fix: str = "check the YAML syntax near that place",
) -> object:
    """Decoded YAML (safe loading, with the package's one loader), a syntax error, a key repeated
    in one mapping (which YAML would resolve silently to the last), a value YAML cannot build (an
    impossible date, a number too long to convert), nesting beyond :data:`MAX_DEPTH` and aliases
    expanding beyond :data:`MAX_ALIAS_NODES` raised as InputError naming line and column.

    For YAML that is one part of a file (the header of an SSSOM/TSV file): ``part`` names it
    (``"header"``: "the header is not valid YAML"; also the place when YAML gives no line),
    ``indent`` is how many characters each line of ``text`` stood behind in the file (2 for
    ``# ``), and ``fix`` says how that part is written.
    """
    import yaml

    loader = _yaml_loader()
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = part if mark is None else f"line {mark.line + 1}, column {mark.column + 1 + indent}"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if isinstance(exc, loader.RepeatedKey):
            subject, fix = (f"in the {part}, " if part else ""), "keep one of them"
        else:
            subject = f"the {part} is not valid YAML: " if part else "not valid YAML: "
        raise InputError(f"{subject}{problem}", file=file, where=where, fix=fix) from None


DECODERS: Mapping[str, Callable[[str, str], object]] = MappingProxyType(
    {".yaml": parse_yaml, ".yml": parse_yaml, ".json": parse_json, ".toml": parse_toml}
)
"""The decoders of structured text by file suffix, read-only: each takes the text and the file's
name and returns plain data, or raises :class:`InputError` naming the place. A new input format
is one entry here; the readers that take structured files (``read_syllabus``,
``read_applicant``) look their decoder up by suffix."""
