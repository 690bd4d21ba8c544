"""iCalendar feeds of one organisation, for people to subscribe to in their calendar apps.

Feeds, a few a person would pick (file names use data ids only, so a renamed body keeps its URL):

- `<org>-chairmanship.ics`: the rotating chairmanship, one all-day span per term, projected ones tentative;
- `<org>-sessions.ics`: sessions and meetings of all bodies; `<org>-sessions-<body id>.ics` for a body with many
  of them (BODY_FEED_EVENTS) beside other bodies that meet;
- `<org>-all.ics`: everything at once, with the days the chair and every other office change hands (the other
  offices have no feed of their own; national offices such as a head of state are context for the chair).

A feed a build no longer lists (a body's that fell below the bar, or one of the offices' feeds of old) is not
published again: like any file the build stops writing, it is removed; the events it carried keep their UIDs in
the feeds that still carry them.

Each feed exists in English and in Russian (`lang`): the same file names, the Russian ones under `ru/`
(`folder`), their words from the catalogue's "Feeds" section, LANGUAGE=ru on their text properties, UIDs and
feed state of their own (see `events`).

Event encodings are described in `events`, the update policy (SEQUENCE, withdrawn events) in
`state`, and both for users in the README's "Calendar feeds" section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from timeline.core.model import Body, Office, Term
from timeline.core.organisation import Organisation
from timeline.core.query import Timeline
from timeline.errors import QueryError
from timeline.render.ical import direct
from timeline.render.ical import events as ical_events
from timeline.render.ical import prepared as ical_prepared
from timeline.render.ical import state as ical_state
from timeline.render.ical import text as ical_text
from timeline.render.ical import tz as ical_tz
from timeline.render.ical.fold import serialise
from timeline.render.lang import EN, Language, folder
from timeline.render.view import SiteView, View
from timeline.render.words import base_url as checked_base
from timeline.render.words import clean, one_line, web_url

PRODID = "-//timeline//Governance calendar feeds//EN"
BODY_FEED_EVENTS = 10
"""A body has a sessions feed of its own when it has at least this many events (and the organisation's other bodies
have some too): a feed a person would pick, not one of a single meeting."""
BODY_FEED_SHARE = 0.8
"""… and at most this share of the organisation's: else its feed would be the sessions feed again."""
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class Feed:
    """One published calendar."""

    name: str
    """File name, e.g. 'csto-chairmanship.ics'."""
    title: str
    """Calendar name shown by apps: 'CSTO — Chairmanship of the Collective Security Council'."""
    description: str
    chunks: Sequence[bytes]
    """The .ics bytes (CRLF lines folded at 75 octets) in pieces: the VEVENTs' pieces are shared with the other
    feeds that carry the same events, so a build holds each event's text once, and stamped as they are read
    (prepared.Stamped). `content` joins them."""
    events: int
    """Number of VEVENTs, withdrawn ones included."""

    @property
    def content(self) -> bytes:
        """The whole .ics file (joined on each call: write `chunks` to keep memory down)."""
        return b"".join(self.chunks)

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return sum(map(len, self.chunks))


@dataclass
class _Spec:
    name: str
    title: str
    description: str
    events: list[ical_prepared.Prepared]


Previous = Callable[[str], bytes | None]
"""The bytes of a feed as last published, by file name (None when there is none): withdrawals take their text
from it."""


def slug(ident: str) -> str:
    """A data id as a safe file-name part."""
    return re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "x"


Built = dict[str, ical_prepared.Prepared]
"""Term VEVENTs already built and serialised, by UID: a build shares one between an organisation's chairmanship
feed and the site-wide one, which carry the same events."""


def term_events(
    tl: Timeline, office: Office, terms: list[Term], built: Built, lang: Language = EN
) -> list[ical_prepared.Prepared]:
    """The terms' VEVENTs, each built and serialised once per build."""
    events = []
    for term in terms:
        key = ical_events.term_uid(tl, office, term, lang)
        if key not in built:
            built[key] = direct.prepare(ical_events.term_fields(tl, office, term, lang))
        events.append(built[key])
    return events


def chair_events(view: View, built: Built) -> list[ical_prepared.Prepared]:
    """The VEVENTs of the organisation's chair terms up to the view's horizon, in its language, as the site-wide feed
    carries them (none without a chairmanship; undetermined turns left out)."""
    tl = view.tl
    office = tl.chair_office
    if office is None:
        return []
    terms = [t for t in tl.terms(office.id, view.horizon) if not t.is_undetermined]
    return term_events(tl, office, terms, built, view.lang)


def _title(tl: Timeline, what: str, lang: Language) -> str:
    return lang("ical.feed.title", org=lang.short(tl.org), what=what)


def _term_feed(tl: Timeline, office: Office, terms: list[Term], name: str, built: Built, lang: Language) -> _Spec:
    kind = "ical.feed.chair" if office.id == tl.org.chair_office else "ical.feed.office"
    description = lang(kind, office=ical_text.names(office, lang), org=lang.name(tl.org))
    events = term_events(tl, office, terms, built, lang)
    return _Spec(name, _title(tl, lang.name(office), lang), description, events)


Known = Callable[[str], str]
"""The previous state's own string for a UID (ical_state.Stored.same_uid), so that a rebuild holds each UID once."""


def _known(prepared: ical_prepared.Prepared, known: Known) -> ical_prepared.Prepared:
    prepared.uid = known(prepared.uid)
    return prepared


def _event_feed(
    tl: Timeline, body: Body | None, name: str, built: dict[str, ical_prepared.Prepared], lang: Language, known: Known
) -> _Spec:
    """Sessions and meetings (of one body, or of all), each event built and serialised once for every feed."""
    events = tl.events(body=body.id) if body else tl.events()
    prepared = []
    for event in events:
        if event.id not in built:
            built[event.id] = _known(direct.prepare(ical_events.event_fields(tl, event, lang)), known)
        prepared.append(built[event.id])
    org = lang.name(tl.org)
    if body is None:
        title, description = lang("ical.feed.sessions"), lang("ical.feed.sessions.description", org=org)
    else:
        title = lang("ical.feed.body", body=lang.name(body))
        description = lang("ical.feed.body.description", body=ical_text.names(body, lang), org=org)
    return _Spec(name, _title(tl, title, lang), description, prepared)


def _specs(view: View, built: Built, known: Known = str) -> list[_Spec]:
    """Every feed of the organisation with its live VEVENTs (terms up to the view's horizon), in the order they are
    listed; their UIDs the strings `known` gives."""
    tl, until, lang = view.tl, view.horizon, view.lang
    org = tl.org
    offices = [tl.chair_office] if org.chair_office else []
    offices += [o for o in org.offices if o.id != org.chair_office and o.member is None]
    term_feeds, handovers = [], []
    for office in offices:
        terms = [t for t in tl.terms(office.id, until) if not t.is_undetermined]  # no holder: nothing to show
        if not terms:
            continue
        if office.id == org.chair_office:  # the other offices change hands in "everything" only
            term_feeds.append(_term_feed(tl, office, terms, f"{org.id}-chairmanship.ics", built, lang))
        for term in terms:
            handover = ical_events.handover_fields(tl, office, term, lang)
            if handover is not None:
                handovers.append(_known(direct.prepare(handover), known))
    sessions_built: dict[str, ical_prepared.Prepared] = {}
    sessions = _event_feed(tl, None, f"{org.id}-sessions.ics", sessions_built, lang, known)
    bodies = [
        _event_feed(tl, body, f"{org.id}-sessions-{slug(body.id)}.ics", sessions_built, lang, known)
        for body in org.bodies
    ]
    everything = _Spec(
        f"{org.id}-all.ics",
        _title(tl, lang("ical.feed.all"), lang),
        lang("ical.feed.all.description", org=lang.name(org)),
        sessions.events + handovers,
    )
    listed = [sessions] if sessions.events else []
    most = BODY_FEED_SHARE * len(sessions.events)  # a body holding nearly all sessions adds nothing to their feed
    own = [b for b in bodies if BODY_FEED_EVENTS <= len(b.events) <= most]
    return [*term_feeds, *listed, *own, everything]


def org_stamp(org: Organisation, epoch: datetime | None) -> datetime:
    """The feeds' DTSTAMP: the fixed epoch when given, else the data's date at 00:00 UTC."""
    if epoch is not None:
        return epoch
    if org.data_date is None:
        raise QueryError(f"{org.id} has no data_date; set SOURCE_DATE_EPOCH to date the feeds")
    day = org.data_date.earliest
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def calendar(
    title: str,
    description: str,
    published: ical_prepared.Published,
    source: str | None,
    home: str | None,
    lang: Language = EN,
) -> ical_prepared.Stamped:
    """A VCALENDAR with its properties, the VTIMEZONEs its events need, and their texts as stamped. The title is
    written on one line and without control characters, the description without them; `source` and `home` only
    when they are http(s) addresses."""
    title, description = one_line(title), clean(description)
    chunks = published.chunks  # taken over, not copied
    head = None
    if not published.zones:  # written directly, as icalendar writes it (tests/test_ical_direct.py)
        head = direct.calendar_head((PRODID, title, description, "PUBLISH"), REFRESH, lang.code, source, home)
    chunks.head = [head if head is not None else _head(title, description, published.zones, source, home, lang)]
    chunks.tail = [b"END:VCALENDAR\r\n"]
    return chunks


def _head(
    title: str, description: str, zones: dict[str, set[int]], source: str | None, home: str | None, lang: Language
) -> bytes:
    """The VCALENDAR's properties and the VTIMEZONEs of `zones` (TZID -> local years), by icalendar."""
    import icalendar

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
        # vText: icalendar leaves X- properties unescaped otherwise
        cal.add(name, icalendar.vText(value), parameters=ical_text.text_parameters(lang))
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    if web_url(source):
        cal.add("SOURCE", source, parameters={"VALUE": "URI"})
    if web_url(home):
        cal.add("URL", home, parameters={"VALUE": "URI"})
    for timezone in ical_tz.vtimezones_for(zones):
        cal.add_component(timezone)
    return serialise(cal).removesuffix(b"END:VCALENDAR\r\n")


COMBINED = "chairmanships.ics"
"""The site-wide feed of every organisation's rotating chairmanship."""


def _stamp_of(stamp: datetime) -> datetime:
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)


def _state(org: str | None, stamp: datetime, ledger: ical_state.Ledger, feeds: dict[str, dict]) -> dict:
    stamps, events, feeds = ical_state.compact(ledger.events, feeds, getattr(ledger.before["events"], "stamps", None))
    return {
        "version": ical_state.STATE_VERSION,
        "org": org,
        "grace_days": ical_state.GRACE_DAYS,
        "stamp": stamp.isoformat(),
        "stamps": stamps,
        "events": events,
        "feeds": feeds,
    }


def _previous_texts(previous: Previous | None, name: str) -> Callable[[str], str | None]:
    """The last published VEVENT texts of one feed, read (once) only when something left it."""
    cache: dict[str, str] | None = None

    def text(uid: str) -> str | None:
        nonlocal cache
        if cache is None:
            cache = ical_state.events_of(previous(name) if previous else None)
        return cache.get(uid)

    return text


def _publish(
    ledger: ical_state.Ledger, spec: _Spec, published: Previous | None, root: str | None, path: str, lang: Language
) -> tuple[Feed, dict[str, Any]]:
    """One feed stamped by the ledger and written as a calendar (SOURCE `path` under `root` when the site has a
    public address), and its entry in the next state."""
    done = ledger.publish(spec.name, spec.events, _previous_texts(published, spec.name))
    spec.events = []  # the chunks hold what the feed needs of them
    source, home = (f"{root}/{path}", f"{root}/") if root else (None, None)
    content = calendar(spec.title, spec.description, done, source, home, lang)
    entry = {"title": spec.title, "description": spec.description, "uids": done.uids, "withdrawn": done.withdrawn}
    return Feed(spec.name, spec.title, spec.description, content, done.count), entry


def render_combined(
    site: SiteView,
    *,
    stamp: datetime,
    previous: dict | None = None,
    base_url: str | None = None,
    published: Previous | None = None,
    built: Built | None = None,
    kept: Mapping[str, list[ical_prepared.Prepared]] | None = None,
) -> tuple[Feed, dict]:
    """One feed of every organisation's chairmanship turns (the same events, and UIDs, as each organisation's
    chairmanship feed in the view's language), up to the view's horizon, and its state for the next build;
    `base_url` must be http(s) (QueryError otherwise). `built`: the term VEVENTs the organisations' feeds built in
    this build; `kept`: organisation id -> its `chair_events` in the view's language, taken as they are."""
    lang, kept = site.lang, kept or {}
    root = checked_base(base_url)
    stamp = _stamp_of(stamp)
    events, names = [], []
    for view in site:
        if view.tl.org.chair_office is None:
            continue
        names.append(lang.short(view.tl.org))
        found = kept.get(view.tl.org.id)
        events += chair_events(view, {} if built is None else built) if found is None else found
    description = one_line(lang("ical.feed.combined.description", orgs=", ".join(names)))
    ledger = ical_state.Ledger(ical_state.previous_state(previous), stamp, lang)
    spec = _Spec(COMBINED, lang("ical.feed.combined"), description, events)
    feed, entry = _publish(ledger, spec, published, root, f"{folder(lang)}{COMBINED}", lang)
    return feed, _state(None, stamp, ledger, {COMBINED: entry})


def render_feeds(
    view: View,
    *,
    stamp: datetime,
    previous: dict | None = None,
    base_url: str | None = None,
    published: Previous | None = None,
    built: Built | None = None,
) -> tuple[list[Feed], dict]:
    """All feeds of the view's organisation, and the new feed state (JSON-serialisable) that the next build passes
    back.

    `stamp` is every VEVENT's DTSTAMP and the LAST-MODIFIED of what changed (naive means UTC); the rotation's
    projection stops at the view's horizon (the build's); `base_url` (http or https only, else a QueryError) adds
    SOURCE/URL; `published` reads the feeds as last published, for the text of what is withdrawn; `built` collects
    the term VEVENTs built, for the site-wide feed to reuse. The feeds speak the view's language; each language's
    feeds are other calendars (their own UIDs, published under `folder(lang)`, with their own state). Feed titles
    are one line, descriptions without control characters.
    """
    tl, lang = view.tl, view.lang
    root = checked_base(base_url)
    stamp = _stamp_of(stamp)
    before = ical_state.previous_state(previous)
    known = before["events"].same_uid if isinstance(before["events"], ical_state.Stored) else str
    specs = _specs(view, {} if built is None else built, known)  # a feed no longer listed is a file the build removes
    current = {spec.name for spec in specs}
    ledger = ical_state.Ledger(before, stamp, lang)
    feeds, state_feeds = [], {}
    for spec in specs:
        spec.title, spec.description = one_line(spec.title), one_line(spec.description)
        feed, entry = _publish(ledger, spec, published, root, f"{folder(lang)}{tl.org.id}/{spec.name}", lang)
        if feed.events or spec.name in current:  # a feed whose last withdrawals expired is no longer published
            feeds.append(feed)
            state_feeds[spec.name] = entry
    return feeds, _state(tl.org.id, stamp, ledger, state_feeds)
