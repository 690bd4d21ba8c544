"""Checks of data quality beyond validity: facts without sources or without a name in a language where it is
needed, recorded terms that depart from their rotation rule, exceptions that do not fit it, sessions chaired by
another state than the chairmanship, and the quality of sources (their kinds, shared URLs, denied hosts)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from timeline.core.dates import ONE_DAY
from timeline.core.model import Event, EventStatus, Fact, Named, Source, SourceKind, Term
from timeline.core.organisation import Organisation
from timeline.core.query import Timeline
from timeline.core.rotation import Anomaly, Resolution, RuleProblem
from timeline.core.sourcekinds import EMPTY, KindTable


def facts(org: Organisation) -> Iterator[tuple[str, Fact]]:
    """Every fact of an organisation with a short description of it."""
    for kind, items in org.fact_kinds():
        for item in items:
            yield f"{kind} '{item.id}'", item
    for rule in org.rotations:
        for exception in rule.exceptions:
            yield f"rotation '{rule.id}' {exception.kind} exception on {exception.start}", exception
    for member in org.members:
        for change in member.changes:
            yield f"member '{member.id}' {change.kind.value} {change.date}", change
        for rep in member.representation:
            yield f"member '{member.id}' representation by '{rep.office}'", rep
    for event in org.events:
        for decision in event.decisions:
            yield f"event '{event.id}' decision '{decision.title[:40]}'", decision


def unsourced(org: Organisation) -> list[tuple[str, Fact]]:
    """Facts that cite no source (decisions may rely on their event's sources)."""
    events = org.index.events
    found = []
    for what, fact in facts(org):
        if fact.sources:
            continue
        if what.startswith("event '") and " decision " in what and events[what.split("'")[1]].sources:
            continue
        found.append((what, fact))
    return found


OUTPUT_LANGUAGE = "ru"
"""The language besides English that the outputs speak, in which `validate` wants every named fact named."""


def unnamed_in(
    org: Organisation, language: str, named: Callable[[Fact, str], bool] | None = None
) -> list[tuple[str, Fact]]:
    """Named facts without a name in a language, for an organisation that works in it (none otherwise): "member
    'xx' has no name_ru" (the field the name is given in, with the language's suffix). `named` says whether a fact
    has a name in the language some other way (a state's name in CLDR, say)."""
    if language not in org.languages:
        return []
    kinds: tuple[tuple[str, tuple[Named, ...]], ...] = (
        ("member", org.members), ("body", org.bodies), ("office", org.offices), ("person", org.people),
        ("place", org.places), ("event", org.events),
    )  # fmt: skip
    found = []
    for kind, items in kinds:
        for item in items:
            if not item.names.get(language) and not (named and named(item, language)):
                found.append((f"{kind} '{item.id}' has no {item.ENGLISH_FIELD}_{language}", item))
    return found


def checked(tl: Timeline, office_ref: str) -> Resolution:
    """A rotating office resolved far enough to check every recorded term and every exception."""
    office = tl.office(office_ref)
    days = [e.start for r in tl.rules(office.id) for e in r.exceptions if e.start is not None]
    return tl.resolution(office.id, max(days) + ONE_DAY if days else None)


def anomalies(tl: Timeline) -> list[Anomaly]:
    """Recorded terms of rotating offices that depart from their rules (acknowledged by an `anomaly` or not)."""
    return [a for office in tl.rotating_offices for a in checked(tl, office).anomalies]


def stale_acknowledgements(tl: Timeline) -> list[Term]:
    """Recorded terms that explain a departure (`anomaly`) from a rule they now follow."""
    found = []
    for office in tl.rotating_offices:
        departing = {a.term.id for a in checked(tl, office).anomalies}
        found += [t for t in tl.org.index.terms_by_office.get(office, []) if t.anomaly and t.id not in departing]
    return found


def rule_problems(tl: Timeline) -> list[RuleProblem]:
    """Exceptions that do not fit their rule (wrong member's turn, no handoff that day)."""
    return [p for office in tl.rotating_offices for p in checked(tl, office).problems]


def session_chair_mismatches(tl: Timeline) -> list[Event]:
    """Sessions of the chairing body whose recorded chair is not the chairmanship holder that day.

    At a session that hands the chair over, the outgoing chair presides, so the term ending on
    the session's day counts too. Events that explain the difference (`chair_anomaly`) pass.
    """
    office = tl.chair_office
    terms = tl.recorded_terms(office.id)
    found = []
    for event in tl.sessions(body=office.body) if office.body else []:
        if event.chair is None or event.chair_anomaly or not event.date.is_exact:
            continue
        day = event.date.earliest
        holders = {t.holder for t in terms if t.period.contains(day) or t.period.end == day}
        if holders and event.chair not in holders:
            found.append(event)
    return found


SOURCED_FROM_YEAR = 2015
"""Terms and sessions from this year on need an official or press source, not only encyclopedias or other pages."""
WEAK_KINDS = (SourceKind.REFERENCE, SourceKind.OTHER)
STRENGTH = {SourceKind.OFFICIAL: 3, SourceKind.PRESS: 2, SourceKind.REFERENCE: 1, SourceKind.OTHER: 0}
"""How much a source of each kind carries: a fact is as strong as its strongest source."""


@dataclass(frozen=True)
class SourceProblem:
    """A fact, or a source, that the source checks find wanting."""

    check: str
    """Which check: 'weak' (only reference/other sources), 'unofficial_chair' (a current or decided chair with no
    official source), 'shared_url' (two sources for different facts share a URL), 'denied' (a denied host)."""
    what: str
    """The fact (or source) found, described as `facts` describes it."""
    file: str
    line: int
    detail: tuple[str, ...] = ()
    """What the wording needs: the kinds found, the other source and its URL, or the host's denial reason."""


def citations(org: Organisation) -> dict[str, list[tuple[str, Fact]]]:
    """Each source id with the facts that cite it."""
    cited: dict[str, list[tuple[str, Fact]]] = {}
    for what, fact in facts(org):
        for ident in fact.sources:
            cited.setdefault(ident, []).append((what, fact))
    return cited


def _kinds(org: Organisation, fact: Fact) -> list[SourceKind]:
    return [org.sources_by_id[i].kind for i in fact.sources if i in org.sources_by_id]


def weakly_sourced(org: Organisation) -> list[SourceProblem]:
    """Recorded terms and sessions from SOURCED_FROM_YEAR on whose sources are all encyclopedias or other pages."""
    found = []
    dated: list[tuple[str, Term | Event]] = [(f"term '{t.id}'", t) for t in org.terms]
    dated += [(f"event '{e.id}'", e) for e in org.events]
    for what, fact in dated:
        kinds = _kinds(org, fact)
        if kinds and fact.period.start.year >= SOURCED_FROM_YEAR and all(k in WEAK_KINDS for k in kinds):
            found.append(SourceProblem("weak", what, fact.file, fact.line, tuple(sorted({k.value for k in kinds}))))
    return found


def _chairs_without_official_source(tl: Timeline, today: date) -> list[Term]:
    """Recorded chairmanship terms running on or after 1 January of last year (current, recent or decided in
    advance) that no official source backs."""
    office = tl.org.chair_office
    if not office:
        return []
    since = date(today.year - 1, 1, 1)
    return [
        term
        for term in tl.org.index.terms_by_office.get(office, [])
        if (term.period.end is None or term.period.end > since) and SourceKind.OFFICIAL not in _kinds(tl.org, term)
    ]


def unofficial_chairs(tl: Timeline, today: date) -> list[SourceProblem]:
    """Current, recent or decided chairs that no official source backs, and for which no search for one is recorded
    (`official_sought`: see `sought_chairs`)."""
    found = []
    for term in _chairs_without_official_source(tl, today):
        if term.official_sought is None:
            detail = tuple(sorted({k.value for k in _kinds(tl.org, term)}))
            found.append(SourceProblem("unofficial_chair", f"term '{term.id}'", term.file, term.line, detail))
    return found


def sought_chairs(tl: Timeline, today: date) -> list[Term]:
    """Current, recent or decided chairs with no official source whose curator searched for one and recorded the
    day (`official_sought`): an examined gap, acknowledged rather than failing (`review` asks to search again)."""
    return [t for t in _chairs_without_official_source(tl, today) if t.official_sought is not None]


def stale_sought(org: Organisation) -> list[Term]:
    """Recorded terms that say an official text was sought and not found (`official_sought`) but cite an official
    source: the field is to be removed."""
    return [t for t in org.terms if t.official_sought is not None and SourceKind.OFFICIAL in _kinds(org, t)]


def _same_url(url: str) -> str:
    """A URL compared loosely: without its scheme, 'www.', or a trailing slash."""
    bare = url.split("://", 1)[-1]
    return bare.removeprefix("www.").rstrip("/").lower()


def shared_urls(org: Organisation) -> list[SourceProblem]:
    """Sources with the URL of an earlier source, where the two are cited by different facts."""
    cited = citations(org)
    first: dict[str, Source] = {}
    found = []
    for source in org.sources_by_id.values():
        if not source.url:
            continue
        earlier = first.setdefault(_same_url(source.url), source)
        if earlier is source:
            continue
        ours, theirs = {w for w, _ in cited.get(source.id, [])}, {w for w, _ in cited.get(earlier.id, [])}
        if ours != theirs:
            detail = (earlier.id, f"{earlier.file}:{earlier.line}", source.url, ", ".join(sorted(ours)) or "-")
            found.append(SourceProblem("shared_url", f"source '{source.id}'", source.file, source.line, detail))
    return found


def denied_sources(org: Organisation, table: KindTable) -> list[SourceProblem]:
    """Sources whose URL's host is on the deny list (with the facts that cite them)."""
    cited = citations(org)
    found = []
    for source in org.sources_by_id.values():
        why = table.denial(source.url)
        if why is not None:
            facts_citing = ", ".join(w for w, _ in cited.get(source.id, [])) or "-"
            detail = (source.url or "", why, facts_citing)
            found.append(SourceProblem("denied", f"source '{source.id}'", source.file, source.line, detail))
    return found


def source_problems(tl: Timeline, today: date, table: KindTable = EMPTY) -> list[SourceProblem]:
    """Every source check's findings, in the order: denied hosts, shared URLs, weak facts, unofficial chairs."""
    org = tl.org
    return [*denied_sources(org, table), *shared_urls(org), *weakly_sourced(org), *unofficial_chairs(tl, today)]


@dataclass(frozen=True)
class Strength:
    """How well one fact is sourced: the kinds of its sources, strongest first."""

    what: str
    fact: Fact
    kinds: tuple[SourceKind, ...]

    @property
    def rank(self) -> tuple[int, int]:
        """Sorts the weakest first: by the strongest source's kind, then by how many sources."""
        return (max((STRENGTH[k] for k in self.kinds), default=-1), len(self.kinds))


def strengths(org: Organisation, since_year: int = SOURCED_FROM_YEAR) -> list[Strength]:
    """The recorded terms and sessions from `since_year` on, the weakest sourced first."""
    dated: list[tuple[str, Term | Event]] = [(f"term '{t.id}'", t) for t in org.terms]
    dated += [(f"event '{e.id}'", e) for e in org.events]
    found = [
        Strength(what, fact, tuple(sorted(_kinds(org, fact), key=lambda k: -STRENGTH[k])))
        for what, fact in dated
        if fact.period.start.year >= since_year
    ]
    return sorted(found, key=lambda s: (s.rank, s.fact.period.start))


@dataclass(frozen=True)
class Audit:
    """What `validate` reports for one organisation beyond validity."""

    unsourced: list[tuple[str, Fact]]
    """Facts that cite no source (fail --strict)."""
    anomalies: list[Anomaly]
    """Recorded terms that depart from their rotation rule; unacknowledged ones fail --strict."""
    rule_problems: list[RuleProblem]
    """Exceptions that do not fit their rule (fail --strict)."""
    session_chairs: list[Event]
    """Sessions chaired by another state than the chairmanship that day, unexplained (fail --strict)."""
    overdue: list[Event]
    """Events still 'planned' although every day they could fall on has passed (to check; never fail)."""
    stale: list[Term]
    """Terms whose `anomaly` explains a departure from a rule they now follow (to check; never fail)."""
    unnamed: list[tuple[str, Fact]] = field(default_factory=list)
    """Named facts without a name in the outputs' other language (Russian) in an organisation that works in it
    (fail --strict)."""
    sources: list[SourceProblem] = field(default_factory=list)
    """Weak sources, chairs without an official source, shared URLs and denied hosts (fail --strict)."""
    sought: list[Term] = field(default_factory=list)
    """Chairs with no official source where one was searched for and not found (`official_sought`; never fail)."""
    stale_sought: list[Term] = field(default_factory=list)
    """Terms whose `official_sought` says no official text was found, though they cite one (to check; never fail)."""

    @property
    def failures(self) -> int:
        """How many problems make --strict fail."""
        unexplained = [a for a in self.anomalies if not a.acknowledged]
        problems = len(self.unsourced) + len(unexplained) + len(self.session_chairs) + len(self.rule_problems)
        return problems + len(self.unnamed) + len(self.sources)


def audit(
    tl: Timeline, today: date, named: Callable[[Fact, str], bool] | None = None, table: KindTable = EMPTY
) -> Audit:
    """Everything `validate` checks beyond validity, as of a day (`named`: see `unnamed_in`; `table`: the source
    kinds' table, for its denied hosts)."""
    org = tl.org
    return Audit(
        sources=source_problems(tl, today, table),
        unnamed=unnamed_in(org, OUTPUT_LANGUAGE, named),
        unsourced=unsourced(org),
        anomalies=anomalies(tl),
        rule_problems=rule_problems(tl),
        session_chairs=session_chair_mismatches(tl) if org.chair_office else [],
        overdue=[e for e in tl.events() if e.status is EventStatus.PLANNED and e.period.end <= today],
        stale=stale_acknowledgements(tl),
        sought=sought_chairs(tl, today),
        stale_sought=stale_sought(org),
    )
