"""Reading a credential file and the vocabulary file: the format, checked, made into the model.

The file format is in ``docs/eligibility.md``. A requirement may ``use`` one of another
credential's: the reader finds it through the registry (``_rules``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from .._decoders import parse_json
from .._didyoumean import closest, did_you_mean
from .._errors import InputError
from .._files import decode
from .._model import Citation
from .._structure import FieldError, strict_converter, structure
from ._credential import (
    Credential,
    CredentialNote,
    Group,
    Node,
    Pathway,
    Requirement,
    Verification,
)
from ._predicates import PREDICATES, ExamPassed, Hours, Name, Predicate, Vocabulary

if TYPE_CHECKING:
    from ._rules import _Registry

FORMAT = 1
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
T = TypeVar("T")


def _words(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _ID.fullmatch(value):
        raise FieldError(attribute.name, "an id is lower-case words and digits joined by '-'", _FIX)


_SAY = {
    "title": "give the pathway its title",
    "statement": "state the requirement in plain words",
    "unverified": "give the reason the rule is unverified, or leave unverified out",
}


def _said(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value:
        raise FieldError(attribute.name, f"{attribute.name} is empty", _SAY[attribute.name])


@attrs.frozen
class _Note:
    text: str
    source: str
    section: str | None = None
    unverified: str | None = None
    checked_on: dt.date | None = None


@attrs.frozen
class _File:
    format: int
    id: str = attrs.field(validator=_words)
    title: str
    issuer: str
    source: str
    sources: dict[str, Citation]
    pathways: tuple[dict[str, Any], ...]
    checked_on: dt.date
    jurisdiction: str | None = None
    notes: tuple[_Note, ...] = ()


@attrs.frozen
class _PathwayRecord:
    id: str = attrs.field(validator=_words)
    title: str = attrs.field(validator=_said)
    all_of: tuple[Any, ...]
    description: str | None = None


@attrs.frozen
class _Use:
    use: str


@attrs.frozen
class _GroupRecord:
    id: str = attrs.field(validator=_words)
    statement: str = attrs.field(validator=_said)
    all_of: tuple[Any, ...] | None = None
    any_of: tuple[Any, ...] | None = None
    of: tuple[Any, ...] | None = None
    n: int | None = None


@attrs.frozen
class _LeafRecord:
    id: str = attrs.field(validator=_words)
    statement: str = attrs.field(validator=_said)
    test: Any = None  # a predicate by its kind: see ``_Reader._test``
    source: str | None = None
    item: str | None = None
    basis: str | None = None
    section: str | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    checked_on: dt.date | None = None
    unverified: str | None = attrs.field(default=None, validator=_said)


_MODES = ("all_of", "any_of", "of")
_CONVERTER = strict_converter()
_FIX = "see docs/eligibility.md"


def _fail(problem: str, file: str, where: str, fix: str = _FIX) -> InputError:
    return InputError(problem, file=file, where=where, fix=fix)


class _Reader:
    """Reads one credential file; ``resolve`` finds requirements of other credentials."""

    def __init__(self, file: str, vocabulary: Vocabulary, registry: _Registry) -> None:
        self.file = file
        self.vocabulary = vocabulary
        self.registry = registry
        self.record: _File

    def read(self, data: object) -> Credential:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _fail(f'a credential file is an object with "format": {FORMAT}', self.file, "$")
        self.record = rec = structure(_CONVERTER, data, _File, self.file, _FIX)
        if rec.source not in rec.sources:
            raise _fail(f"no source named {rec.source!r}", self.file, "$.source")
        pathways: list[Pathway] = []
        self.earlier = pathways  # a "use" of this credential reads the pathways before it
        for n, raw in enumerate(rec.pathways):
            pathways.append(self._pathway(raw, f"$.pathways[{n}]"))
        return Credential(
            id=rec.id,
            title=rec.title,
            issuer=rec.issuer,
            citation=self._citation(rec.source, None, "$.source"),
            pathways=tuple(pathways),
            jurisdiction=rec.jurisdiction,
            notes=tuple(
                CredentialNote(
                    text=note.text,
                    citation=self._citation(
                        note.source, note.section, f"$.notes[{i}].source", note.checked_on
                    ),
                    verification=Verification.UNVERIFIED
                    if note.unverified
                    else Verification.VERIFIED,
                    unverified_reason=note.unverified,
                )
                for i, note in enumerate(rec.notes)
            ),
        )

    def _citation(
        self, key: str, section: str | None, where: str, checked_on: dt.date | None = None
    ) -> Citation:
        found = self.record.sources.get(key) if isinstance(key, str) else None
        if found is None:
            known = ", ".join(sorted(self.record.sources))
            raise _fail(f"no source named {key!r}; the sources are {known}", self.file, where)
        return attrs.evolve(
            found,
            section=section or found.section,
            checked_on=checked_on or found.checked_on or self.record.checked_on,
        )

    def _structure(self, raw: object, cls: type[T], where: str, fix: str = _FIX) -> T:
        return structure(_CONVERTER, raw, cls, self.file, fix, where)

    def _pathway(self, raw: dict[str, Any], where: str) -> Pathway:
        rec = self._structure(raw, _PathwayRecord, where)
        self.leaves: dict[str, Requirement] = {}
        self.ids: set[str] = {rec.id}
        root = self._group(_GroupRecord(rec.id, rec.title, all_of=rec.all_of), where)
        pathway = Pathway(
            id=rec.id, title=rec.title, requirements=root, description=rec.description
        )
        return self._resolve_references(pathway, where)

    def _node(self, raw: Any, where: str) -> Node:
        if not isinstance(raw, dict):
            raise _fail("a requirement is an object", self.file, where)
        if "use" in raw:
            fix = '"use" stands alone: it copies a requirement'
            used = self._used(self._structure(raw, _Use, where, fix).use, where)
            self._claim(used.id, where)
            self.leaves[used.id] = used
            return used
        if any(key in raw for key in _MODES):
            group = self._structure(raw, _GroupRecord, where)
            self._claim(group.id, where)
            return self._group(group, where)
        leaf = self._structure(raw, _LeafRecord, where)
        self._claim(leaf.id, where)
        return self._leaf(leaf, where)

    def _used(self, ref: Any, where: str) -> Requirement:
        """The requirement a ``use`` names: of another credential, or of a pathway of this one
        given earlier in the file."""
        parts = ref.split(":") if isinstance(ref, str) else []
        if len(parts) != 3 or parts[0] != self.record.id:
            return self.registry.requirement(ref)
        for pathway in self.earlier:
            if pathway.id == parts[1]:
                for leaf in pathway.leaves:
                    if leaf.id == parts[2]:
                        return leaf
        raise _fail(
            f"{ref!r} is not a requirement of a pathway given before this one",
            self.file,
            where,
        )

    def _claim(self, node_id: str, where: str) -> None:
        if node_id in self.ids:
            raise _fail(f"requirement id {node_id!r} used twice in the pathway", self.file, where)
        self.ids.add(node_id)

    def _group(self, rec: _GroupRecord, where: str) -> Group:
        modes = [key for key in _MODES if getattr(rec, key) is not None]
        if len(modes) != 1 or (modes[0] == "of") != (rec.n is not None):
            raise _fail(
                "a group has id, statement and one of all_of, any_of, or n with of",
                self.file,
                where,
            )
        key = modes[0]
        children: tuple[Any, ...] = getattr(rec, key)
        if not children:
            raise _fail("a group lists its requirements", self.file, f"{where}.{key}")
        nodes = tuple(self._node(c, f"{where}.{key}[{i}]") for i, c in enumerate(children))
        mode: Literal["all-of", "any-of", "n-of-m"] = (
            "all-of" if key == "all_of" else "any-of" if key == "any_of" else "n-of-m"
        )
        if rec.n is not None and not 1 <= rec.n <= len(nodes):
            raise _fail(f"n must be between 1 and {len(nodes)}", self.file, f"{where}.n")
        return Group(id=rec.id, statement=rec.statement, mode=mode, children=nodes, n=rec.n)

    def _leaf(self, rec: _LeafRecord, where: str) -> Requirement:
        if (rec.source is None) == (rec.item is None):
            raise _fail("a requirement cites a source or an item, one of them", self.file, where)
        basis = rec.item or rec.basis
        if basis is not None:
            self._item_citation(basis, f"{where}.basis")  # the item must exist
        if rec.item is not None:
            citation = self._item_citation(rec.item, f"{where}.item")
        else:
            citation = self._citation(rec.source or "", rec.section, f"{where}.source")
        if rec.checked_on is not None:
            citation = attrs.evolve(citation, checked_on=rec.checked_on)
        leaf = Requirement(
            id=rec.id,
            statement=rec.statement,
            citation=citation,
            test=self._test(rec.test, f"{where}.test"),
            effective_from=rec.effective_from,
            effective_to=rec.effective_to,
            verification=Verification.UNVERIFIED if rec.unverified else Verification.VERIFIED,
            unverified_reason=rec.unverified,
            basis=basis,
        )
        self.leaves[rec.id] = leaf
        return leaf

    def _item_citation(self, item_id: Any, where: str) -> Citation:
        from .._api import get

        item = get(item_id) if isinstance(item_id, str) else None
        if item is None:
            raise _fail(f"no item {item_id!r}", self.file, where, "cite an existing item id")
        if item.citation.checked_on is not None:
            return item.citation
        return attrs.evolve(item.citation, checked_on=self.record.checked_on)

    def _test(self, raw: Any, where: str) -> Predicate:
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if not isinstance(kind, str) or kind not in PREDICATES:
            kinds = ", ".join(sorted(PREDICATES))
            raise _fail(f"a test is an object whose kind is one of {kinds}", self.file, where)
        params = {k: v for k, v in raw.items() if k != "kind"}
        for forbidden in ("after_rule", "of_rule"):
            if forbidden in params:
                raise _fail(f"unknown key {forbidden}", self.file, where)
        test: Predicate = structure(
            _CONVERTER, params, PREDICATES[raw["kind"]], self.file, _FIX, where
        )
        self._check_names(test, where)
        return test

    def _check_names(self, test: Predicate, where: str) -> None:
        vocab = self.vocabulary
        wanted: list[tuple[str, str]] = []
        for name in getattr(test, "topics", None) or ():
            wanted.append(("topics", name))
        for name in getattr(test, "training_topics", None) or ():
            wanted.append(("topics", name))
        for part in getattr(test, "parts", ()):
            if not part.peer_specific:
                wanted.append(("topics", part.topic or ""))
        if isinstance(test, ExamPassed):
            wanted += [("exams", e) for e in test.exams]
        for name in getattr(test, "credentials", None) or ():
            wanted.append(("credentials", name))
        period = getattr(test, "certification_period", None)
        for name in period.credentials if period is not None else ():
            wanted.append(("credentials", name))
        for group, key in wanted:
            table: Mapping[str, Name] = getattr(vocab, group)
            if key not in table:
                raise _fail(
                    f"{key!r} is not a key of the {group} in data/vocabulary.json",
                    self.file,
                    where,
                    fix=did_you_mean(closest(key, table)) or "add a new entry",
                )

    def _resolve_references(self, pathway: Pathway, where: str) -> Pathway:
        def resolve(node: Node) -> Node:
            if isinstance(node, Group):
                return attrs.evolve(node, children=tuple(resolve(c) for c in node.children))
            test = node.test
            for ref_field, rule_field in (("after", "after_rule"), ("of", "of_rule")):
                ref = getattr(test, ref_field, None)
                if isinstance(ref, str) and getattr(test, rule_field) is None:
                    target = self._reference(ref, where)
                    test = attrs.evolve(test, **{rule_field: target})  # type: ignore[misc]
            return attrs.evolve(node, test=test) if test is not node.test else node

        root = resolve(pathway.requirements)
        assert isinstance(root, Group)
        return attrs.evolve(pathway, requirements=root)

    def _reference(self, ref: str, where: str) -> Hours:
        found = self.leaves.get(ref) if ":" not in ref else self.registry.requirement(ref)
        if found is None or not isinstance(found.test, Hours):
            raise _fail(
                f"{ref!r} is not an hours requirement of this pathway (or credential:pathway:id)",
                self.file,
                where,
            )
        return found.test


def _vocabulary_from(data: Any, file: str) -> Vocabulary:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(f'the vocabulary is an object with "format": {FORMAT}', file, "$")
    tables: dict[str, dict[str, Name]] = {}
    for group in ("topics", "exams", "credentials"):
        names = structure(_CONVERTER, data.get(group), tuple[Name, ...], file, _FIX, f"$.{group}")
        tables[group] = {n.key: n for n in names}
    return Vocabulary(
        topics=tables["topics"], exams=tables["exams"], credentials=tables["credentials"]
    )


def _parse_vocabulary(raw: bytes, file: str, name: str) -> Vocabulary:
    return _vocabulary_from(parse_json(decode(raw, file), file), file)
