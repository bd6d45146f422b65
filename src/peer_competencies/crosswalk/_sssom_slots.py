"""The slots of SSSOM/TSV: the mapping set's (the header's keys) and the mapping's (the table's
columns), from the SSSOM schema, and those the crosswalk models, in the order they are written;
shared by the reader (``_sssom``) and the writer (``_sssom_write``)."""

from __future__ import annotations

__all__ = [
    "COLUMNS",
    "HEADER_KEYS",
    "MAPPING_SLOTS",
    "REQUIRED_COLUMNS",
    "ROW_DEFAULTS",
    "SET_SLOTS",
]

SET_SLOTS = frozenset(
    """sssom_version curie_map mapping_set_id mapping_set_version mapping_set_source
    mapping_set_title mapping_set_description mapping_set_confidence creator_id creator_label
    license subject_type subject_source subject_source_version object_type object_source
    object_source_version predicate_type mapping_provider cardinality_scope mapping_tool
    mapping_tool_id mapping_tool_version mapping_date publication_date subject_match_field
    object_match_field subject_preprocessing object_preprocessing similarity_measure
    curation_rule curation_rule_text see_also issue_tracker other comment
    extension_definitions""".split()
)
"""The slots of an SSSOM mapping set (the header's keys), from the SSSOM schema."""

MAPPING_SLOTS = frozenset(
    """record_id subject_id subject_label subject_category predicate_id predicate_label
    predicate_modifier object_id object_label object_category mapping_justification author_id
    author_label reviewer_id reviewer_label creator_id creator_label license subject_type
    subject_source subject_source_version object_type object_source object_source_version
    predicate_type mapping_provider mapping_source mapping_cardinality cardinality_scope
    mapping_tool mapping_tool_id mapping_tool_version mapping_date publication_date review_date
    confidence reviewer_agreement curation_rule curation_rule_text subject_match_field
    object_match_field match_string subject_preprocessing object_preprocessing
    similarity_score similarity_measure see_also issue_tracker_item other comment""".split()
)
"""The slots of an SSSOM mapping (the table's columns), from the SSSOM schema."""

REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")

COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "author_label",
    "reviewer_id",
    "creator_id",
    "license",
    "mapping_date",
    "subject_source",
    "object_source",
    "comment",
)
"""The columns the crosswalk models, in the order :func:`write_sssom` writes them (a column no
row fills is left out); the records' other columns (``MappingRecord.extra``) follow."""

HEADER_KEYS = (
    "curie_map",
    "mapping_set_id",
    "mapping_set_version",
    "mapping_set_title",
    "mapping_set_description",
    "license",
    "creator_id",
    "mapping_date",
    "comment",
)
"""The header slots the crosswalk models, in the order :func:`write_sssom` writes them; the set's
other slots (``MappingSet.extra``) follow. (``subject_source`` and ``object_source`` in a header
fill the rows that leave them empty, and are written with the rows.)"""

ROW_DEFAULTS = ("subject_source", "object_source")
