"""The shipped credentials: ``data/credentials/<id>.json`` and the vocabulary, read once.

Each file is parsed on first use (by ``_credential_file``), once, and shared between threads;
the model it is read into is in ``_credential``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._decoders import DECODERS, parse_json
from .._didyoumean import closest
from .._errors import InputError, UnknownIdError
from .._files import decode, read_text
from .._resources import Table
from ._credential import Credential, Requirement
from ._credential_file import _fail, _parse_vocabulary, _Reader
from ._predicates import Vocabulary

__all__ = [
    "credential",
    "credentials",
    "parse_credential",
    "read_credential",
    "vocabulary",
]


class _Registry:
    """The shipped credentials (the ``credentials`` table) and the vocabulary they use (the
    data folder's ``vocabulary.json``), each parsed once on first use; safe to share between
    threads."""

    def __init__(self) -> None:
        self._table = Table("credentials", self._parse)
        self._vocabularies = Table("", _parse_vocabulary)

    def vocabulary(self) -> Vocabulary:
        return self._vocabularies["vocabulary"]

    def ids(self) -> tuple[str, ...]:
        return self._table.names()

    def _parse(self, raw: bytes, file: str, credential_id: str) -> Credential:
        reader = _Reader(file, self.vocabulary(), self)
        made = reader.read(parse_json(decode(raw, file), file))
        if made.id != credential_id:
            raise _fail(f"the id must be the file name, {credential_id!r}", file, "$.id")
        return made

    def credential(self, credential_id: str) -> Credential:
        found = self._table.loaded.get(credential_id)
        if found is not None:
            return found
        if not isinstance(credential_id, str):
            raise TypeError(f"a credential id is a str, not {type(credential_id).__name__}")
        if credential_id not in self.ids():
            raise UnknownIdError(credential_id, closest(credential_id, self.ids()), "credential id")
        return self._table[credential_id]

    def requirement(self, ref: Any) -> Requirement:
        parts = ref.split(":") if isinstance(ref, str) else []
        if len(parts) != 3:
            raise InputError(
                f"a requirement reference is credential:pathway:id, not {ref!r}",
                fix="e.g. ca-pss:initial:training",
            )
        pathway = self.credential(parts[0]).pathway(parts[1])
        for leaf in pathway.leaves:
            if leaf.id == parts[2]:
                return leaf
        raise UnknownIdError(
            ref, closest(parts[2], [leaf.id for leaf in pathway.leaves]), "requirement"
        )


_REGISTRY = _Registry()


def registry() -> _Registry:
    """The process-wide registry of shipped credentials."""
    return _REGISTRY


def credentials() -> tuple[Credential, ...]:
    """Every shipped credential, ordered by id."""
    return tuple(_REGISTRY.credential(c) for c in _REGISTRY.ids())


def credential(credential_id: str | Credential) -> Credential:
    """The credential with this id (``"ca-pss"``); raises :class:`UnknownIdError` (a
    ``LookupError``) naming the closest ids when there is none."""
    if isinstance(credential_id, Credential):
        return credential_id
    return _REGISTRY.credential(credential_id)


def vocabulary() -> Vocabulary:
    """The names of topics, exams and credentials that applicant records may use."""
    return _REGISTRY.vocabulary()


def parse_credential(data: object, *, source: str | None = None) -> Credential:
    """A credential from data already in memory (a mapping in the format of the shipped
    credential files, ``docs/eligibility.md``), checked as the shipped files are: its topics,
    exams and credentials named in the vocabulary, a ``use`` of another credential's
    requirement resolved among the shipped ones. Raises :class:`InputError` naming ``source``
    (default ``<data>``), the path (``$.pathways[0].all_of[2].test``) and the fix."""
    return _Reader(source or "<data>", _REGISTRY.vocabulary(), _REGISTRY).read(data)


def read_credential(path: str | Path) -> Credential:
    """Read a credential file (``.json``, ``.yaml``/``.yml`` or ``.toml``) from disk; see
    :func:`parse_credential`."""
    path = Path(path)
    file = str(path)
    decoder = DECODERS.get(path.suffix.lower())
    if decoder is None:
        raise InputError(
            f"unknown credential file format {path.suffix or '(no suffix)'!r}",
            file=file,
            fix=f"use {', '.join(DECODERS)}",
        )
    return parse_credential(decoder(read_text(path), file), source=file)
