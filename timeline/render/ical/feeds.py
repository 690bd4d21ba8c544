"""iCalendar feeds of one organisation, for people to subscribe to in their calendar apps.

Feeds (file names use data ids only, so a renamed body or office keeps its URL):

- `<org>-chairmanship.ics`: the rotating chairmanship, one all-day span per term, projected ones tentative;
- `<org>-sessions.ics`: sessions and meetings of all bodies; `<org>-sessions-<body id>.ics` per body with events;
- `<org>-office-<office id>.ics`: each office of the organisation with terms, one span per term
  (national offices such as a head of state are context for the chair, not feeds);
- `<org>-all.ics`: everything at once, with the days offices change hands instead of multi-year spans.

Event encodings are described in `events`, the update policy (SEQUENCE, withdrawn events) in
`state`, and both for users in the README's "Calendar feeds" section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

from timeline.core.model import Body, Office, Organisation, Term
from timeline.core.query import Timeline
from timeline.errors import QueryError
from timeline.render.ical import events as ical_events
from timeline.render.ical import state as ical_state
from timeline.render.ical import tz as ical_tz
from timeline.render.words import base_url as checked_base
from timeline.render.words import both, clean, one_line, org_label, web_url

PRODID = "-//timeline//Governance calendar feeds//EN"
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class Feed:
    """One published calendar."""

    name: str
    """File name, e.g. 'csto-chairmanship.ics'."""
    title: str
    """Calendar name shown by apps: 'CSTO — Chairmanship of the Collective Security Council'."""
    description: str
    content: bytes
    """The .ics bytes (CRLF lines folded at 75 octets)."""
    events: int
    """Number of VEVENTs, withdrawn ones included."""


@dataclass
class _Spec:
    name: str
    title: str
    description: str
    components: list[icalendar.Event]


def slug(ident: str) -> str:
    """A data id as a safe file-name part."""
    return re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "x"


def _term_feed(tl: Timeline, office: Office, terms: list[Term], name: str) -> _Spec:
    named = both(office.name, office.name_ru)
    what = f"the {named}" if office.id == tl.org.chair_office else f"the office of {named}"
    description = (
        f"Who holds {what} of the {tl.org.name}, term by term (all-day spans); "
        "terms a rotation rule projects are tentative."
    )
    components = [ical_events.term_component(tl, office, t) for t in terms]
    return _Spec(name, f"{org_label(tl)} — {office.name}", description, components)


def _event_feed(tl: Timeline, body: Body | None, name: str) -> _Spec:
    events = tl.events(body=body.id) if body else tl.events()
    components = [ical_events.event_component(tl, e) for e in events]
    if body is None:
        title, whose = "Sessions and meetings of all bodies", "all bodies"
    else:
        title, whose = f"{body.name}: sessions and meetings", f"the {both(body.name, body.name_ru)}"
    description = f"Sessions and meetings of {whose} of the {tl.org.name}."
    return _Spec(name, f"{org_label(tl)} — {title}", description, components)


def _specs(tl: Timeline, until: date) -> list[_Spec]:
    """Every feed of the organisation with its live VEVENTs, in the order they are listed."""
    org = tl.org
    offices = [tl.chair_office] if org.chair_office else []
    offices += [o for o in org.offices if o.id != org.chair_office and o.member is None]
    term_feeds, handovers = [], []
    for office in offices:
        terms = [t for t in tl.terms(office.id, until) if not t.is_undetermined]  # no holder: nothing to show
        if not terms:
            continue
        chair = office.id == org.chair_office
        name = f"{org.id}-chairmanship.ics" if chair else f"{org.id}-office-{slug(office.id)}.ics"
        term_feeds.append(_term_feed(tl, office, terms, name))
        handovers += [h for t in terms if (h := ical_events.handover_component(tl, office, t))]
    sessions = _event_feed(tl, None, f"{org.id}-sessions.ics")
    bodies = [_event_feed(tl, body, f"{org.id}-sessions-{slug(body.id)}.ics") for body in org.bodies]
    everything = _Spec(
        f"{org.id}-all.ics",
        f"{org_label(tl)} — Everything",
        f"Sessions and meetings of all bodies of the {org.name}, and the days the chairmanship and each office "
        "change hands.",
        sessions.components + handovers,
    )
    listed = [sessions] if sessions.components else []
    return [*term_feeds[:1], *listed, *(b for b in bodies if b.components), *term_feeds[1:], everything]


def org_stamp(org: Organisation, epoch: datetime | None) -> datetime:
    """The feeds' DTSTAMP: the fixed epoch when given, else the data's date at 00:00 UTC."""
    if epoch is not None:
        return epoch
    if org.data_date is None:
        raise QueryError(f"{org.id} has no data_date; set SOURCE_DATE_EPOCH to date the feeds")
    day = org.data_date.earliest
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _start_key(component: icalendar.Event) -> tuple[str, str]:
    start = component["DTSTART"].dt
    moment = start.astimezone(UTC).isoformat() if isinstance(start, datetime) else start.isoformat()
    return moment, str(component["UID"])


def calendar(
    title: str, description: str, components: list[icalendar.Event], source: str | None, home: str | None
) -> bytes:
    """A VCALENDAR with its properties, the VTIMEZONEs it needs, and its events by start. The title is written on
    one line and without control characters, the description without them; `source` and `home` only when
    they are http(s) addresses."""
    title, description = one_line(title), clean(description)
    cal = icalendar.Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    for name, value in (
        ("NAME", title),
        ("X-WR-CALNAME", title),
        ("DESCRIPTION", description),
        ("X-WR-CALDESC", description),
    ):
        cal.add(name, icalendar.vText(value))  # vText: icalendar leaves X- properties unescaped otherwise
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    if web_url(source):
        cal.add("SOURCE", source, parameters={"VALUE": "URI"})
    if web_url(home):
        cal.add("URL", home, parameters={"VALUE": "URI"})
    for timezone in ical_tz.vtimezones(components):
        cal.add_component(timezone)
    for component in sorted(components, key=_start_key):
        cal.add_component(component)
    return cal.to_ical()


COMBINED = "chairmanships.ics"
"""The site-wide feed of every organisation's rotating chairmanship."""


def render_combined(
    timelines: Sequence[Timeline],
    *,
    horizon: date,
    stamp: datetime,
    previous: dict | None = None,
    base_url: str | None = None,
) -> tuple[Feed, dict]:
    """One feed of every organisation's chairmanship turns (the same events, and UIDs, as each organisation's
    chairmanship feed), and its state for the next build; `base_url` must be http(s) (QueryError otherwise)."""
    root = checked_base(base_url)
    stamp = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)
    components = []
    names = []
    for tl in timelines:
        if tl.org.chair_office is None:
            continue
        office = tl.chair_office
        names.append(org_label(tl))
        terms = [t for t in tl.terms(office.id, horizon) if not t.is_undetermined]
        components += [ical_events.term_component(tl, office, t) for t in terms]
    title = "All chairmanships"
    description = one_line(
        f"Who chairs {', '.join(names)}: every turn in the rotating chairmanships, recorded ones confirmed, those "
        "scheduled in advance or given by a rotation rule tentative."
    )
    before = ical_state.previous_feeds(previous).get(COMBINED, {}).get("events", {})
    published = ical_state.publish({str(c["UID"]): c for c in components}, before, stamp)
    source = f"{root}/{COMBINED}" if root else None
    content = calendar(title, description, published.components, source, f"{root}/" if root else None)
    feed = Feed(COMBINED, title, description, content, len(published.components))
    state = {
        "version": ical_state.STATE_VERSION,
        "org": None,
        "grace_days": ical_state.GRACE_DAYS,
        "stamp": stamp.isoformat(),
        "feeds": {COMBINED: {"title": title, "description": description, "events": published.entries}},
    }
    return feed, state


def render_feeds(
    tl: Timeline, *, horizon: date, stamp: datetime, previous: dict | None = None, base_url: str | None = None
) -> tuple[list[Feed], dict]:
    """All feeds of one organisation, and the new feed state (JSON-serialisable) that the next build passes back.

    `stamp` is every VEVENT's DTSTAMP and the LAST-MODIFIED of what changed (naive means UTC);
    `horizon` is the day the rotation's projection stops (the build's); `base_url` (http or https only, else a
    QueryError) adds SOURCE/URL. Feed titles are one line, descriptions without control characters.
    """
    root = checked_base(base_url)
    stamp = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)
    before = ical_state.previous_feeds(previous)
    specs = _specs(tl, horizon)
    current = {spec.name for spec in specs}
    for name, old in sorted(before.items()):  # feeds that lost all their events stay while withdrawals show
        if name not in current and name.startswith(f"{tl.org.id}-"):
            specs.append(_Spec(name, str(old.get("title", name)), str(old.get("description", "")), []))
    feeds, state_feeds = [], {}
    for spec in specs:
        spec.title, spec.description = one_line(spec.title), one_line(spec.description)
        live = {str(c["UID"]): c for c in spec.components}
        published = ical_state.publish(live, before.get(spec.name, {}).get("events", {}), stamp)
        if not published.components and not spec.components and spec.name not in current:
            continue
        source = f"{root}/{tl.org.id}/{spec.name}" if root else None
        content = calendar(spec.title, spec.description, published.components, source, f"{root}/" if root else None)
        feeds.append(Feed(spec.name, spec.title, spec.description, content, len(published.components)))
        state_feeds[spec.name] = {"title": spec.title, "description": spec.description, "events": published.entries}
    state = {
        "version": ical_state.STATE_VERSION,
        "org": tl.org.id,
        "grace_days": ical_state.GRACE_DAYS,
        "stamp": stamp.isoformat(),
        "feeds": state_feeds,
    }
    return feeds, state
