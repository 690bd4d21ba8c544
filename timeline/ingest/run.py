"""The ingest pipeline over documents already read: recognise, compare with the data, report (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.core.organisation import Organisation
from timeline.ingest.compare import compare
from timeline.ingest.model import Document, Report
from timeline.ingest.names import NameIndex, build_index
from timeline.ingest.recognise import recognise


class Ingester:
    """The data's names indexed once, then any number of documents read against it."""

    def __init__(self, orgs: Iterable[Organisation]) -> None:
        self.orgs = {org.id: org for org in orgs}
        self.index: NameIndex = build_index(self.orgs.values())

    def report(self, document: Document) -> Report:
        findings = recognise(document, self.index, self.orgs)
        compare(findings, self.orgs)
        return Report(document, findings)
