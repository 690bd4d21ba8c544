"""A diffable snapshot of an organisation's resolved rotating offices: every turn with its status and reasons.

The snapshot is the safety net of engine changes: one text file per organisation in tests/snapshots/,
regenerated with `pytest tests/test_snapshots.py --update-golden` and reviewed as a diff.
"""

from __future__ import annotations

from datetime import date

from timeline.core.query import Timeline

SNAPSHOT_UNTIL = date(2031, 12, 31)
"""How far each rotating office is resolved: a fixed day, so the snapshot does not move with the calendar."""


def _value(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ",".join(_value(v) for v in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _reason(reason: object) -> str:
    values = ",".join(f"{name}={_value(value)}" for name, value in reason.values)  # type: ignore[attr-defined]
    return f"{reason.key}({values})" if values else reason.key  # type: ignore[attr-defined]


def _holders(term: object) -> str:
    holders = getattr(term, "holders", None)
    if holders is not None:
        return "+".join(holders) or "-"
    return term.holder or "-"  # type: ignore[attr-defined]


def snapshot(tl: Timeline) -> str:
    """Every rotating office's turns up to SNAPSHOT_UNTIL, one line each, then anomalies and rule problems."""
    lines = [f"# {tl.org.id}: rotating offices resolved up to {SNAPSHOT_UNTIL} (data checked {tl.org.data_date})"]
    offices = sorted({rule.office for rule in tl.org.rotations})
    for office in offices:
        lines.append(f"\n## {office}")
        resolution = tl.resolution(office, SNAPSHOT_UNTIL)
        for term in resolution.terms:
            reasons = "; ".join(_reason(r) for r in term.reasons)
            fields = [
                str(term.start or term.first_known),
                str(term.end or ("unknown" if term.end_unknown else "open")),
                _holders(term),
                term.status.value,
                term.confidence.value,
                term.rule or "recorded",
            ]
            line = "  ".join(fields)
            lines.append(f"{line}  | {reasons}" if reasons else line)
        for anomaly in resolution.anomalies:
            flag = "acknowledged" if anomaly.acknowledged else "UNEXPLAINED"
            lines.append(f"anomaly ({flag}): {anomaly.message}")
        for problem in resolution.problems:
            lines.append(f"problem: {problem.message}")
    return "\n".join(lines) + "\n"
