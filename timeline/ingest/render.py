"""Reports as text for a person, as JSON in the documented shape, and the new facts as YAML in the data's format."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from timeline.core.dates import PartialDate
from timeline.core.organisation import Organisation
from timeline.ingest.model import Finding, Reading, Report

FIELDS = ("kind", "org", "body", "office", "date", "last_day", "start", "end", "place", "member", "person",
          "person_name", "formats", "length", "status", "recorded_at", "conflict")  # fmt: skip
"""A fact's fields in JSON, in this order (see docs/cli.md, 'timeline ingest')."""


def reading_dict(reading: Reading) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(reading, name)
        out[name] = str(value) if isinstance(value, PartialDate) else list(value) if isinstance(value, tuple) else value
    return out


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A fact: its fields (those its readings share; null where they differ), its quote(s), its status; with
    several readings, 'status' is 'ambiguous' and 'readings' lists each one with its own status."""
    readings = [reading_dict(r) for r in finding.readings]
    out = {k: v if all(r[k] == v for r in readings) else None for k, v in readings[0].items()}
    out["status"] = finding.status
    out["quote"] = finding.quotes[0]
    out["quotes"] = finding.quotes
    out["document_date"] = finding.doc_date.isoformat() if finding.doc_date else None
    if len(readings) > 1:
        out["readings"] = readings
    return out


def report_dict(report: Report) -> dict[str, Any]:
    doc = report.document
    return {
        "name": doc.name,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "url": doc.url,
        "facts": [finding_dict(f) for f in report.findings],
    }


def text_lines(reports: list[Report]) -> list[str]:
    """Each document, then each fact: what it states, its status (and where), and its quote."""
    lines: list[str] = []
    for report in reports:
        doc = report.document
        about = ", ".join(x for x in (doc.date.isoformat() if doc.date else None, doc.url) if x)
        lines.append(f"{doc.name}" + (f" ({about})" if about else "") + f": {len(report.findings)} fact(s)")
        for finding in report.findings:
            for number, reading in enumerate(finding.readings, 1):
                reading_no = f" reading {number} of {len(finding.readings)}:" if len(finding.readings) > 1 else ""
                lines.append(f" {reading_no} {_summary(reading)}".rstrip())
                status = reading.status + (f" at {reading.recorded_at}" if reading.recorded_at else "")
                lines.append(f"    {status}" + (f": {reading.conflict}" if reading.conflict else ""))
            for quote in finding.quotes:
                lines.append(f"    “{quote}”")
        lines.append("")
    return lines[:-1] if lines else lines


def _summary(r: Reading) -> str:
    parts = [r.kind, f"{r.org}/{r.body or r.office}"]
    if r.kind in ("session", "planned_session"):
        parts.append(str(r.date) + (f"..{r.last_day}" if r.last_day else "") if r.date else "(no date)")
        parts += [f"in {r.place}"] if r.place else []
        parts += [f"chair {r.member or '?'}" + (f" ({r.person})" if r.person else "")] if r.member or r.person else []
        parts += [f"[{', '.join(r.formats)}]"] if r.formats else []
    else:
        who = r.member if r.kind == "chair" else r.person or f"“{r.person_name}” (not in the data)"
        parts += [f"{r.office}: {who}"]
        parts += [f"from {r.start}"] if r.start else []
        parts += [f"until {r.end}"] if r.end else []
        parts += [f"for {r.length}"] if r.length else []
    return "  ".join(parts)


def proposals(reports: list[Report], orgs: dict[str, Organisation]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The new facts as data entries, by organisation and file kind (events, terms, people, sources); ambiguous
    facts and facts without a date are left out (a curator decides those from the text output)."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    taken = {org.id: {f.id for _, facts in org.fact_kinds() for f in facts} | set(org.sources_by_id) for org in
             orgs.values()}  # fmt: skip
    sources: dict[tuple, dict[str, Any]] = {}
    for report in reports:
        for finding in report.findings:
            if finding.status != "new":
                continue
            reading = finding.readings[0]
            org = orgs[reading.org]
            files = out.setdefault(org.id, {})
            key = (org.id, report.document.name, finding.doc_date)
            source = sources.get(key) or sources.setdefault(key, _source(report, finding, taken[org.id]))
            entry = _entry(reading, finding, org, source["id"], taken[org.id], files)
            if entry is None:
                continue
            if source["id"] not in {s["id"] for s in files.get("sources", [])}:
                files.setdefault("sources", []).append(source)
            files.setdefault("events" if "session" in reading.kind else "terms", []).append(entry)
    return {org: files for org, files in out.items() if files}


def _unique(wanted: str, taken: set[str]) -> str:
    ident, number = wanted, 2
    while ident in taken:
        ident, number = f"{wanted}-{number}", number + 1
    taken.add(ident)
    return ident


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "document"


def _source(report: Report, finding: Finding, taken: set[str]) -> dict[str, Any]:
    doc, day = report.document, finding.doc_date or report.document.date
    title = doc.title or finding.quotes[0][:100]
    wanted = f"ingest-{day.isoformat() if day else 'undated'}-{slug(doc.title or doc.name.rsplit('/', 1)[-1])}"
    ident = _unique(wanted, taken)
    source: dict[str, Any] = {"id": ident, "title": title}
    source["url" if doc.url else "document"] = doc.url or f"{doc.name} (read by timeline ingest)"
    if day:
        source["date"] = day
    return source


def _when(value: PartialDate | None) -> Any:
    """A date as the data writes it: a YAML date for a day, else its text (2023-Q4, 2023-11, 2023)."""
    if value is None:
        return None
    return date(value.year, value.month, value.day) if value.day and value.month else str(value)


def _note(finding: Finding) -> str:
    return "Proposed by timeline ingest; the source says: " + " ".join(f"“{q}”" for q in finding.quotes)


def _entry(reading: Reading, finding: Finding, org: Organisation, source: str, taken: set[str], files):
    places = {p.id for p in org.places}
    if "session" in reading.kind:
        if reading.date is None:
            return None
        body = next((b for b in org.bodies if b.id == reading.body), None)
        place = reading.place if reading.place in places else None
        entry: dict[str, Any] = {
            "id": _unique("-".join(x for x in (reading.body, str(reading.date).lower(), place) if x), taken),
            "body": reading.body,
            "title": f"Session of the {body.name}" if body else "Session",
            "kind": reading.event_kind,
            "date": _when(reading.date),
        }
        optional = {"last_day": _when(reading.last_day), "place": place, "formats": list(reading.formats) or None,
                    "status": "planned" if reading.kind == "planned_session" else None,
                    "chair": reading.member, "chair_person": reading.person}  # fmt: skip
        entry |= {k: v for k, v in optional.items() if v}
        return entry | {"sources": [source], "note": _note(finding)}
    holder = reading.member if reading.kind == "chair" else reading.person
    if holder is None and reading.person_name:
        holder = _person(reading.person_name, reading.member, org, source, taken, files)
    if holder is None:
        return None
    year = (reading.start or PartialDate.of(finding.doc_date)).year if reading.start or finding.doc_date else None
    entry = {"id": _unique(f"{reading.office}-{slug(holder)}" + (f"-{year}" if year else ""), taken),
             "office": reading.office, "holder": holder}  # fmt: skip
    if reading.start:
        entry["start"] = _when(reading.start)
    elif finding.doc_date:
        entry["attested"] = [finding.doc_date]
    else:
        return None
    if reading.end:
        end = reading.end
        entry["end"] = end.latest + timedelta(days=1) if end.day else _when(end)  # the data's end is exclusive
    elif reading.length and reading.start:
        entry["length"] = reading.length
    if reading.kind == "chair" and reading.person:
        entry["person"] = reading.person
    return entry | {"sources": [source], "note": _note(finding)}


def _person(name: str, member: str | None, org: Organisation, source: str, taken: set[str], files) -> str:
    ident = _unique(slug(name.split()[-1]), taken)
    entry: dict[str, Any] = {"id": ident, "name": name}
    if member:
        entry["member"] = member
    files.setdefault("people", []).append(entry | {"sources": [source]})
    return ident


def proposal_yaml(entries: list[dict[str, Any]], kind: str) -> str:
    import yaml

    head = f"# Proposed {kind} from `timeline ingest`: review each entry, then move it into this organisation's data.\n"
    return head + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=110)
