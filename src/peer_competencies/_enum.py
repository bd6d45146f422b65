"""The base of the package's text enums: a member is its value, and prints as it."""

from __future__ import annotations

import enum

__all__ = ["TextEnum"]


class TextEnum(str, enum.Enum):
    """A ``str`` enum whose ``str()`` is its value (``str(Kind.SKILL) == "skill"``), as on every
    Python version; each of the package's enums derives from it."""

    def __str__(self) -> str:
        return str(self.value)
