"""Query results as lines for a terminal (returned, never printed: the CLI prints).

Every line and name returned here is without control characters (`words.clean`): ESC, BEL or a bare CR in the
data would otherwise recolour, beep or overwrite the reader's terminal. Only http(s) source addresses are shown.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from timeline.core.dates import PartialDate, Period
from timeline.core.model import Event, Office, Term
from timeline.core.query import Chairmanship, Timeline
from timeline.render.lang import EN, Language
from timeline.render.plain import Part, chair_text, gloss, span_words
from timeline.render.view import View
from timeline.render.words import (
    clean,
    holder_name,
    reader_note,
    source_cited,
    status_tag,
    status_word,
    term_caveats,
    web_url,
    window,
)

Answer = TypeVar("Answer", str, list[str])


def _cleaned(function: Callable[..., Answer]) -> Callable[..., Answer]:
    """The function's line (or lines) without control characters."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Answer:
        found = function(*args, **kwargs)
        return clean(found) if isinstance(found, str) else [clean(line) for line in found]

    return wrapper


def span_text(period: Period, today: date, lang: Language = EN) -> str:
    """'1 Jan 2025 – 31 Dec 2025 (ended 11 months ago)' or 'since 1 Jan 2026 (10 months ago)'."""
    return span_words(lang.period(period), period.start, period.end, today, lang, lang.relative)


def term_span_text(term: Term, today: date, lang: Language = EN) -> str:
    """A term's span, saying where a bound is imprecise or unknown."""
    period, (starts_by, ends_from) = term.period, rough_bounds(term)
    words = span_words(
        lang.period(period),
        period.start,
        period.end,
        today,
        lang,
        lang.relative,
        starts_by=starts_by,
        ends_from=ends_from,
    )
    return words + _caveats(term, lang)


def rough_bounds(term: Term) -> tuple[date | None, date | None]:
    """The last day a start known only roughly can be, and the first day such an end can be (None where exact)."""
    starts_by = term.start.latest if term.start is not None and not term.start.is_exact else None
    ends_from = term.end.earliest if term.end is not None and not term.end.is_exact else None
    return starts_by, ends_from


def _caveats(term: Term, lang: Language) -> str:
    caveats = term_caveats(term, lang)
    return f" [{'; '.join(caveats)}]" if caveats else ""


def first_source(tl: Timeline, ids: tuple[str, ...], lang: Language = EN) -> str | None:
    """The first source as a reader cites it, 'CSTO press service, 24 Nov 2022' or 'Title (date)', and its http(s)
    address; never a document reference (an archive's file name)."""
    sources = tl.source_list(ids)
    if not sources:
        return None
    first = sources[0]
    cited = source_cited(first, lang)
    return clean(f"{cited} {first.url}" if web_url(first.url) else cited)


def cited_source(tl: Timeline, term: Term, lang: Language = EN) -> str | None:
    """The source a recorded term rests on; none for a turn a rule gives (its sources are the rule's, not evidence
    of the turn: the rule is shown in words instead)."""
    return first_source(tl, term.sources, lang) if term.is_recorded else None


@_cleaned
def unnamed_chair(tl: Timeline, chair: Chairmanship, lang: Language = EN) -> str:
    """Words for a chairmanship whose chair person the data does not name, with the latest recorded head
    (nothing for an organisation whose data does not follow who heads the delegations)."""
    hint = tl.last_recorded_head(chair.member.id, chair.term.period.start) if chair.member else None
    if hint is None:
        return lang("chair.person_missing") if tl.tracks_chair_persons else ""
    person, day = hint
    return lang("chair.person_hint", person=lang.name(person), day=lang.day(day))


COMPACT_AFTER = 3
"""Above this many chairs in one answer (a year of monthly presidencies), one line each."""


@_cleaned
def org_name(tl: Timeline, lang: Language = EN) -> str:
    """How the terminal names an organisation: its short name, else its id."""
    return lang.short(tl.org) or tl.org.id


@_cleaned
def org_prefix(tl: Timeline, several: int, lang: Language = EN) -> str:
    """'CSTO — ' before a block's heading when several organisations answer."""
    return f"{org_name(tl, lang)} — " if several > 1 else ""


@_cleaned
def office_label(tl: Timeline, office: Office, several: int, lang: Language = EN) -> str:
    return f"{lang.name(office)} ({org_name(tl, lang)})" if several > 1 else lang.name(office)


@_cleaned
def chair_lines(view: View, chairs: list[Chairmanship], label: str) -> list[str]:
    """The `who-chairs` answer of one organisation: per chairmanship the member, chair person, status, span,
    the rule's note for a turn no source names, and the source; one line each for a year of monthly turns."""
    return chair_text(chair_parts(view.tl, chairs, view.lang), view.today, label, view.lang, view.lang.relative)


def chair_parts(tl: Timeline, chairs: list[Chairmanship], lang: Language = EN) -> list[Part]:
    """`chair_lines` before the day it is asked on is known (`plain.Part`): the heading around its label, the other
    lines (without control characters), and each term's span as its dates."""
    office, org = lang.name(tl.chair_office), org_name(tl, lang)
    before, _, after = lang.words["chair.heading" if chairs else "chair.none"].partition("{label}")
    parts: list[Part] = [["label", clean(before.format(office=office, org=org)), clean(after.format())]]
    if not chairs:
        return parts
    if len(chairs) > COMPACT_AFTER:
        return parts + [clean(line) for line in _compact_chair_lines(tl, chairs, lang)]
    for chair in chairs:
        if chair.member is None and chair.term.group is None:
            parts.append(clean("  " + lang("chair.undetermined", note=reader_note(tl, chair.term, lang) or "")))
        else:
            people = ", ".join(lang.name(p) for p in chair.persons) or (
                unnamed_chair(tl, chair, lang) if chair.member else ""
            )
            name = holder_name(tl, chair.term, lang)  # every holder of a term held jointly; a group's turn
            parts.append(clean(f"  {name}{f' — {people}' if people else ''}{status_tag(chair.term, lang)}"))
        period = chair.term.period
        end = period.end.isoformat() if period.end else None
        dates = clean(lang.period(period))
        starts_by, ends_from = (day.isoformat() if day else None for day in rough_bounds(chair.term))
        parts.append(
            [
                "span",
                "    ",
                dates,
                period.start.isoformat(),
                end,
                clean(_caveats(chair.term, lang)),
                starts_by,
                ends_from,
            ]
        )
        note = reader_note(tl, chair.term, lang)
        if note and not chair.term.is_recorded and (chair.member is not None or chair.term.group is not None):
            parts.append(clean(f"    {note}"))
        source = cited_source(tl, chair.term, lang)
        if source:
            parts.append(clean("    " + lang("source", source=source)))
    return parts


@_cleaned
def next_chair_lines(tl: Timeline, chairs: list[Chairmanship], following: list[Term], lang: Language = EN) -> list[str]:
    """'  next: Tajikistan · projected, from 1 Jan 2027': the turn after today's chair (one line, nothing when no
    later turn is recorded or projected)."""
    current = {c.term.id for c in chairs}
    ends = [c.term.period.end for c in chairs if c.term.period.end is not None]
    later = [t for t in following if t.id not in current and ends and t.period.start >= min(ends)]
    if not later:
        return []
    term = later[0]
    rough = term.start is not None and not term.start.is_exact  # a handover whose day is not known: 'in 2027'
    return [
        "  "
        + lang(
            "chair.next.rough" if rough else "chair.next",
            holder=holder_name(tl, term, lang),
            status=status_tag(term, lang),
            day=lang.day(term.start if rough and term.start is not None else term.period.start),
        )
    ]


@_cleaned
def gloss_lines(terms: list[Term], lang: Language = EN, events: list[Event] | tuple = ()) -> list[str]:
    """Under an answer, once: a one-line gloss of each status its terms (and events) show."""
    return gloss({t.status.value for t in terms} | {f"event.{e.status.value}" for e in events}, lang)


def handover_lines(tl: Timeline, day: date, lang: Language = EN) -> list[str]:
    """'Handover day: …' for each chairmanship term that ended on the day asked about."""
    return ["  " + lang("chair.handover", holder=holder_name(tl, t, lang)) for t in tl.outgoing_chairs(day)]


def _compact_chair_lines(tl: Timeline, chairs: list[Chairmanship], lang: Language) -> list[str]:
    lines, last_source = [], None
    for chair in chairs:
        note = reader_note(tl, chair.term, lang)
        named = chair.member is not None or chair.term.group is not None
        who = holder_name(tl, chair.term, lang) if named else lang("chair.undetermined_short", note=note)
        lines.append(f"  {turn_text(chair.term.period, lang)}: {who}{status_tag(chair.term, lang)}")
        source = cited_source(tl, chair.term, lang)
        if source:
            lines.append("    " + (lang("source.same") if source == last_source else lang("source", source=source)))
        last_source = source
    return lines


def turn_text(period: Period, lang: Language = EN) -> str:
    """A turn's span, short: 'Apr 2024' for a calendar month, else the days."""
    start, end = period.start, period.end
    if (
        end is not None
        and start.day == 1
        and end.day == 1
        and (end.year * 12 + end.month) - (start.year * 12 + start.month) == 1
    ):
        return lang.month(start)
    return lang.period(period)


@_cleaned
def forecast_lines(view: View, terms: list[Term], years: int) -> list[str]:
    """One organisation's forecast: each term, its status, and for a rule's turn the rule's note."""
    tl, today, lang = view.tl, view.today, view.lang
    lines = [lang.count("forecast.heading", years, office=lang.name(tl.chair_office), org=org_name(tl, lang))]
    for term in terms:
        people = ", ".join(lang.name(p) for p in tl.chair_persons(term))
        if term.holder is None and term.group is None:
            lines.append("  " + lang("chair.undetermined", note=term_span_text(term, today, lang)))
        else:
            who = f"{holder_name(tl, term, lang)}{f' ({people})' if people else ''}{status_tag(term, lang)}"
            lines.append(f"  {who}: {term_span_text(term, today, lang)}")
        note = reader_note(tl, term, lang)
        if not term.is_recorded and note:
            lines.append(f"    {note}")
    return lines


@_cleaned
def held_lines(member: str, held: list, today: date, lang: Language = EN) -> list[str]:
    """`chairs --member`: each chairmanship a state holds, across organisations, in time order."""
    if not held:
        return [lang("held.none", member=member)]
    lines = [lang.count("held.heading", len(held), member=member)]
    for h in held:
        tl, term = h.timeline, h.term
        office = f"{lang.name(tl.chair_office)} ({org_name(tl, lang)})"
        lines.append(f"  {term_span_text(term, today, lang)}: {office}{status_tag(term, lang)}")
    return lines


def _summary_holder(chair: dict[str, Any], lang: Language) -> str:
    """Who chairs, in a summary: the state; every holder of a term held jointly, or a group's turn, as the term names
    them; else undetermined."""
    term = chair["term"]
    if len(term["holders"]) > 1 or (term["group"] and not term["holders"]):
        return (term["holder_name_ru"] if lang.code != "en" else None) or term["holder_name"]
    return _summary_name(chair["member"], lang) if chair["member"] else lang("status.undetermined")


@_cleaned
def org_summary_lines(summaries: list[dict[str, Any]], lang: Language = EN) -> list[str]:
    """`timeline orgs`: each organisation, who chairs it today, and what its data holds."""
    ru = lang.code != "en"
    lines = [lang.count("orgs.heading", len(summaries))]
    for s in summaries:
        c = s["counts"]
        name = (s.get("name_ru") if ru else None) or s["name"]
        short = (s.get("short_ru") if ru else None) or s["short"]
        lines.append(f"  {s['org']}: {name}" + (f" ({short})" if short else ""))
        holders = ", ".join(
            _summary_holder(ch, lang) + status_word(ch["term"]["status"], lang) for ch in s["chair_today"]
        )
        if s["chair_office"]:
            office = (s.get("chair_office_name_ru") if ru else None) or s["chair_office_name"]
            lines.append(f"    {office}: {holders or lang('orgs.nobody')}")
        counted = {k: lang.count(f"count.{k}", c[k]) for k in ("members", "offices", "terms", "events", "sources")}
        rules = lang.count("count.rules", c["rotation_rules"])
        lines.append("    " + lang("orgs.counts", **counted, rules=rules, checked=s["data_date"] or "?"))
    return lines


def _summary_name(member: dict[str, Any], lang: Language) -> str:
    return (member.get(f"name_{lang.code}") if lang.code != "en" else None) or member["name"]


@_cleaned
def term_lines(view: View, terms: list[Term]) -> list[str]:
    """One line per term: holder (person), status, span relative to the view's day."""
    tl, today, lang = view.tl, view.today, view.lang
    lines = []
    for term in terms:
        person = f" ({lang.name(tl.people[term.person])})" if term.person else ""
        holder = holder_name(tl, term, lang)
        lines.append(f"  {holder}{person}{status_tag(term, lang)}: {term_span_text(term, today, lang)}")
    return lines


@_cleaned
def event_line(view: View, event: Event, org: bool = False) -> str:
    """'  23 Nov 2022, Yerevan — CSC: Session of the Collective Security Council'."""
    tl, today, lang = view.tl, view.today, view.lang
    place = tl.place_of(event)
    where = f", {lang.name(place)}" if place else ""
    when = window(event.date, event.last_day, lang=lang)
    if event.time:
        when += f" {event.time}"
    status = "" if event.status.value == "held" else f" [{lang(f'event.{event.status.value}')}]"
    body = tl.bodies.get(event.body) if event.body else None
    who = f"{lang.short(body)}: " if body else ""
    soon = f" ({lang.relative(event.date.earliest, today)})" if event.date.earliest >= today else ""
    whose = f"{org_name(tl, lang)} " if org and not who.startswith(org_name(tl, lang)) else ""
    return f"  {when}{where} — {whose}{who}{lang.name(event)}{status}{soon}"


@_cleaned
def handover_line(tl: Timeline, incoming: Term, outgoing: Term | None, today: date, lang: Language = EN) -> str:
    """'  1 Jan 2027 — CSTO: Tajikistan takes over the Chairmanship of … from Russia · projected (in 3 weeks)'."""
    start = incoming.period.start
    handing = lang("next.handover.from", holder=holder_name(tl, outgoing, lang)) if outgoing else ""
    undetermined = incoming.holder is None and incoming.group is None
    what = lang(
        "next.handover.undetermined" if undetermined else "next.handover",
        org=org_name(tl, lang),
        holder=holder_name(tl, incoming, lang),
        office=lang.name(tl.chair_office),
        outgoing=handing,
    )
    soon = f" ({lang.relative(start, today)})"
    status = "" if undetermined else status_tag(incoming, lang)
    return f"  {lang.day(start)} — {what}{status}{soon}"


@_cleaned
def audit_lines(report: dict[str, Any], strict: bool, lang: Language = EN) -> list[str]:
    """The `validate` report as lines: counts, then problems, anomalies and what to check."""
    counts = ", ".join(lang.count(f"count.{kind}", n) for kind, n in report["counts"].items())
    lines = [lang("audit.valid", org=report["org"], counts=counts)]
    if strict:
        lines += ["  " + lang("audit.unsourced", what=u) for u in report["unsourced"]]
        lines += ["  " + lang("audit.session_chair", what=m) for m in report["session_chairs"]]
        lines += ["  " + lang("audit.exception", what=m) for m in report["rule_problems"]]
        lines += ["  " + lang("audit.no_russian", what=m) for m in report.get("no_russian", [])]
        lines += ["  " + lang("audit.source", what=m) for m in report.get("sources", [])]
    for a in report["anomalies"]:
        why = a["acknowledged"]
        state = lang("audit.acknowledged", why=why) if why else lang("audit.not_acknowledged")
        lines.append("  " + lang("audit.anomaly", where=a["where"], message=a["message"], rule=a["rule"], state=state))
    for gap in report.get("acknowledged", []):
        day = lang.day(date.fromisoformat(gap["official_sought"]))
        lines.append("  " + lang("audit.sought", term=gap["term"], day=day, where=gap["where"]))
    lines += ["  " + lang("audit.to_check", what=c) for c in report["to_check"]]
    return lines


def _kind_counts(counts: dict[str, int], lang: Language) -> str:
    return ", ".join(f"{n} {lang(f'kind.{kind}')}" for kind, n in counts.items() if n)


@_cleaned
def sources_lines(report: dict[str, Any], since: int, lang: Language = EN) -> list[str]:
    """`timeline sources` for one organisation: sources by kind, facts by their strongest source, weakest first."""
    lines = [
        lang("sources.heading", org=report["org"], counts=_kind_counts(report["sources"], lang) or "0"),
        "  " + lang("sources.facts", year=since, counts=_kind_counts(report["facts"], lang) or "0"),
    ]
    if report["weakest"]:
        lines.append("  " + lang("sources.weakest"))
    for fact in report["weakest"]:
        kinds = ", ".join(lang(f"kind.{k}") for k in fact["kinds"]) or lang("kind.none")
        if fact.get("official_sought"):
            kinds += " " + lang("sources.sought", day=lang.day(date.fromisoformat(fact["official_sought"])))
        lines.append("    " + lang("sources.fact", where=fact["where"], what=fact["fact"], kinds=kinds))
    return lines


@_cleaned
def review_lines(report: dict[str, Any], today: date, lang: Language = EN) -> list[str]:
    """`timeline review` for one organisation: what is stale as of a day, or that nothing is."""
    day = lang.day(today)
    if not report["findings"]:
        return [lang("review.nothing", org=report["org"], day=day)]
    lines = [lang("review.heading", org=report["org"], day=day)]
    if report["data_age_days"] is not None:
        checked = lang.day(PartialDate.parse(report["data_checked"]))
        lines.append(
            "  " + lang("review.data_age", day=checked, n=report["data_age_days"], most=report["max_age_days"])
        )
    for e in report["past_planned"]:
        when = lang.day(PartialDate.parse(e["date"]))
        lines.append("  " + lang("review.past_planned", where=e["where"], event=e["event"], day=when))
    for d in report["due"]:
        values = {"where": d["where"], "session": d["session"], "term": d["term"], "holder": d["holder"] or "?"}
        lines.append("  " + lang("review.due", **values, start=lang.day(date.fromisoformat(d["start"]))))
    for t in report["begun"]:
        where = t["where"] or lang("review.computed")
        values = {
            "where": where,
            "term": t["term"],
            "holder": t["holder"] or "?",
            "status": lang(f"status.{t['status']}"),
        }
        lines.append("  " + lang("review.begun", **values, start=lang.day(date.fromisoformat(t["start"]))))
    for t in report.get("search_again", []):
        day = lang.day(date.fromisoformat(t["official_sought"]))
        values = {"where": t["where"], "term": t["term"], "most": report["max_age_days"]}
        lines.append("  " + lang("review.search_again", **values, day=day))
    return lines
