"""Print a pip constraints file that pins every core dependency of pyproject.toml to its floor.

Each entry of ``[project] dependencies`` must state its lower bound as ``>=X`` (or ``==X``);
the constraint is ``name==X`` with the entry's environment marker kept, so that installing the
package with ``-c`` of this file proves the declared floors work. A dependency without a lower
bound is an error: its floor would be whatever the resolver picks, which proves nothing.

    python .ci/floor_constraints.py [pyproject.toml] > floors.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_REQUIREMENT = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*
        (?P<specifiers>[^;]*?)\s*(?:;\s*(?P<marker>.+?))?\s*$""",
    re.VERBOSE,
)
_FLOOR = re.compile(r"^(?:>=|==)\s*([0-9][0-9A-Za-z.+!-]*)$")


def floor_constraints(pyproject: Path) -> list[str]:
    """One ``name==floor[; marker]`` line per core dependency; raises ValueError naming the
    dependency whose lower bound is missing or unreadable."""
    with pyproject.open("rb") as f:
        dependencies: list[str] = tomllib.load(f)["project"]["dependencies"]
    lines = []
    for requirement in dependencies:
        match = _REQUIREMENT.match(requirement)
        if match is None:
            raise ValueError(f"{pyproject}: cannot read the dependency {requirement!r}")
        floors = [
            m.group(1)
            for spec in match["specifiers"].split(",")
            if (m := _FLOOR.match(spec.strip())) is not None
        ]
        if len(floors) != 1:
            raise ValueError(
                f"{pyproject}: {requirement!r} needs exactly one lower bound (>=X) "
                "so that CI can install its floor"
            )
        marker = f"; {match['marker']}" if match["marker"] else ""
        lines.append(f"{match['name']}=={floors[0]}{marker}")
    return lines


def main(argv: list[str]) -> int:
    path = (
        Path(argv[1])
        if len(argv) > 1
        else Path(__file__).resolve().parent.parent / "pyproject.toml"
    )
    try:
        lines = floor_constraints(path)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
