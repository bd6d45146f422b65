"""The names applicant records may use for what a credential's rules count
(``eligibility/_describe.py``, a test of that private module, which the ``explain`` command and
the credential pages of the site show)."""

from __future__ import annotations

import re

from peer_competencies import eligibility
from peer_competencies.eligibility._describe import accepted_names


def test_the_names_listed_are_the_topics_the_rules_explain() -> None:
    for cred in eligibility.credentials():
        text = eligibility.explain(cred, "markdown")
        lists = re.findall(r"topics? ((?:`[a-z0-9-]+`(?:, )?)+)", text)
        explained = {key for found in lists for key in re.findall(r"`([a-z0-9-]+)`", found)}
        listed = {name.key for name in accepted_names(cred)["topics"]}
        assert listed == explained, cred.id
