"""Old public names kept for one minor release: a module ``__getattr__`` that still hands each
one out, with a :class:`DeprecationWarning` naming its replacement (until 0.3)."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["UNTIL", "renamed"]

UNTIL = "0.3"
"""The release in which the old names go."""


def renamed(package: str, old: Mapping[str, tuple[str, str, str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``old`` maps each old name to ``(module,
    attribute, use)``, where the value lives (a module relative to ``package``) and what to use
    instead, as the warning says it."""

    def __getattr__(name: str) -> Any:
        if name not in old:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute, use = old[name]
        warnings.warn(
            f"{package}.{name} is deprecated and goes in {UNTIL}: use {use}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(module, package), attribute)

    return __getattr__
