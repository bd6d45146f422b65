"""Reading a credential file and the vocabulary file: the format, checked, made into the model.

The file format is in ``docs/eligibility.md``. A requirement may ``use`` one of another
credential's: the reader finds it through the registry (``_rules``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._decoders import parse_json
from .._didyoumean import closest, did_you_mean
from .._errors import InputError
from .._files import decode
from .._model import Citation
from .._structure import strict_converter, structure
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


@attrs.frozen
class _Source:
    title: str
    publisher: str
    url: str | None = None
    year: int | None = None
    section: str | None = None
    checked_on: dt.date | None = None


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
    id: str
    title: str
    issuer: str
    source: str
    sources: dict[str, _Source]
    pathways: tuple[dict[str, Any], ...]
    checked_on: dt.date
    jurisdiction: str | None = None
    notes: tuple[_Note, ...] = ()


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
        if not _ID.fullmatch(rec.id):
            raise _fail("a credential id is lower-case words and digits", self.file, "$.id")
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
        return Citation(
            title=found.title,
            publisher=found.publisher,
            year=found.year,
            url=found.url,
            section=section or found.section,
            checked_on=checked_on or found.checked_on or self.record.checked_on,
        )

    def _pathway(self, raw: dict[str, Any], where: str) -> Pathway:
        known = {"id", "title", "description", "all_of"}
        extra = set(raw) - known
        if extra or not {"id", "title", "all_of"} <= set(raw):
            raise _fail(
                f"a pathway has id, title, all_of and optionally description; got {sorted(raw)}",
                self.file,
                where,
            )
        if not isinstance(raw.get("description", ""), (str, type(None))):
            raise _fail("a pathway's description is text", self.file, f"{where}.description")
        self.leaves: dict[str, Requirement] = {}
        self.ids: set[str] = set()
        root = self._node(
            {"id": raw["id"], "statement": raw["title"], "all_of": raw["all_of"]}, where
        )
        assert isinstance(root, Group)
        pathway = Pathway(
            id=raw["id"], title=raw["title"], requirements=root, description=raw.get("description")
        )
        return self._resolve_references(pathway, where)

    def _node(self, raw: Any, where: str) -> Node:
        if not isinstance(raw, dict):
            raise _fail("a requirement is an object", self.file, where)
        if "use" in raw:
            if set(raw) != {"use"}:
                raise _fail('"use" stands alone: it copies a requirement', self.file, where)
            used = self._used(raw["use"], where)
            self._claim(used.id, where)
            self.leaves[used.id] = used
            return used
        node_id = raw.get("id")
        if not isinstance(node_id, str) or not _ID.fullmatch(node_id):
            raise _fail("every requirement has an id of lower-case words", self.file, f"{where}.id")
        self._claim(node_id, where)
        statement = raw.get("statement")
        if not isinstance(statement, str) or not statement:
            raise _fail("every requirement has a statement", self.file, f"{where}.statement")
        modes = [k for k in ("all_of", "any_of", "of") if k in raw]
        if modes:
            return self._group(raw, node_id, statement, modes, where)
        return self._leaf(raw, node_id, statement, where)

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

    def _group(
        self, raw: dict[str, Any], node_id: str, statement: str, modes: list[str], where: str
    ) -> Group:
        key = modes[0]
        extra = set(raw) - {"id", "statement", key, "n"}
        if len(modes) > 1 or extra or (key == "of") != ("n" in raw):
            raise _fail(
                "a group has id, statement and one of all_of, any_of, or n with of",
                self.file,
                where,
            )
        children = raw[key]
        if not isinstance(children, list) or not children:
            raise _fail("a group lists its requirements", self.file, f"{where}.{key}")
        nodes = tuple(self._node(c, f"{where}.{key}[{i}]") for i, c in enumerate(children))
        mode: Literal["all-of", "any-of", "n-of-m"] = (
            "all-of" if key == "all_of" else "any-of" if key == "any_of" else "n-of-m"
        )
        n = raw.get("n")
        if mode == "n-of-m" and not (isinstance(n, int) and 1 <= n <= len(nodes)):
            raise _fail(f"n must be between 1 and {len(nodes)}", self.file, f"{where}.n")
        return Group(id=node_id, statement=statement, mode=mode, children=nodes, n=n)

    def _leaf(self, raw: dict[str, Any], node_id: str, statement: str, where: str) -> Requirement:
        allowed = {"id", "statement", "source", "item", "basis", "section", "test"}
        allowed |= {"effective_from", "effective_to", "unverified", "checked_on"}
        extra = set(raw) - allowed
        if extra:
            raise _fail(f"unknown keys {sorted(extra)}", self.file, where)
        if ("source" in raw) == ("item" in raw):
            raise _fail("a requirement cites a source or an item, one of them", self.file, where)
        if not isinstance(raw.get("section", ""), (str, type(None))):
            raise _fail("a section is text", self.file, f"{where}.section")
        basis = raw.get("item", raw.get("basis"))
        if basis is not None:
            self._item_citation(basis, f"{where}.basis")  # the item must exist
        if "item" in raw:
            citation = self._item_citation(raw["item"], f"{where}.item")
        else:
            citation = self._citation(raw["source"], raw.get("section"), f"{where}.source")
        test = self._test(raw.get("test"), f"{where}.test")
        dates = structure(
            _CONVERTER,
            {k: raw[k] for k in ("effective_from", "effective_to", "checked_on") if k in raw},
            _Dates,
            self.file,
            _FIX,
            where,
        )
        if dates.checked_on is not None:
            citation = attrs.evolve(citation, checked_on=dates.checked_on)
        reason = raw.get("unverified")
        if reason is not None and (not isinstance(reason, str) or not reason):
            raise _fail("unverified gives the reason as text", self.file, f"{where}.unverified")
        leaf = Requirement(
            id=node_id,
            statement=statement,
            citation=citation,
            test=test,
            effective_from=dates.effective_from,
            effective_to=dates.effective_to,
            verification=Verification.UNVERIFIED if reason else Verification.VERIFIED,
            unverified_reason=reason,
            basis=basis,
        )
        self.leaves[node_id] = leaf
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


@attrs.frozen
class _Dates:
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    checked_on: dt.date | None = None


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
