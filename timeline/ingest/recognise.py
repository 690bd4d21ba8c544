"""Facts in sentences: sessions held and announced, chairmanships, appointments (English and Russian)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from itertools import product

from timeline.core.organisation import Organisation
from timeline.ingest.dates import DateMention, find_dates
from timeline.ingest.model import Document, Finding, Reading
from timeline.ingest.names import Mention, NameIndex
from timeline.ingest.text import Sentence, sentences, tokens

I = re.IGNORECASE  # noqa: E741
FUTURE = re.compile(r"\b(?:will|shall|is to be|are to be|scheduled|planned|upcoming|forthcoming)\b|состоится|"
                    r"пройд[её]т|будет|будут|планиру|запланирован|предстоящ|примет|перейд[её]т", I)  # fmt: skip
PAST = re.compile(r"\b(?:was|were|has|have|had|held|took|assumed|appointed|elected|approved|met|convened|chaired)\b|"
                  r"состоял|прош[её]л|прошл[оаи]|провел|провёл|принял|назначен|избран|утвердил|перешл|"
                  r"председательствовал", I)  # fmt: skip
SESSION = re.compile(r"\b(?P<extra>extraordinary\s+|emergency\s+|special\s+)?(?:session|meeting|summit|sitting)s?\b|"
                     r"(?P<extra_ru>внеочередн\w+\s+)?(?:сесси[яиюей]|заседани[еяюи]|саммит\w*)", I)  # fmt: skip
HELD = re.compile(r"\b(?:held|hold|took place|take place|convened|met|opened)\b|состоял|состоит|прош[её]л|прошл[оаи]|"
                  r"пройд[её]т|провел|провёл|проведен|проведён|открыл", I)  # fmt: skip
HOLDS = {"will", "hold", "holds", "held", "has", "have", "had", "is", "проведет", "провел", "провела", "проведёт"}
"""Words between a body and its session word that keep them one phrase (the Council will hold its next meeting)."""
NOT_A_SESSION = re.compile(r"(?:training|exercise|тренировк\w*|учени\w*)\s+$", I)
CHAIRED_BY = re.compile(r"\b(?:chaired|presided(?: over)?)\s+by\b|under the chairmanship of|под председательством", I)
FORMATS = [
    ("restricted", re.compile(r"restricted|narrow format|узком (?:составе|формате)", I)),
    ("extended", re.compile(r"extended format|enlarged|expanded format|расширенном (?:составе|формате)", I)),
    ("plenary", re.compile(r"plenary|пленарн", I)),
    ("videoconference", re.compile(r"video ?conference|видеоконференц", I)),
]
TAKES_CHAIR = re.compile(r"(?:take[sn]?|took|taking|assume[sd]?|assuming)\s+over\s+(?:the\s+)?(?:\w+\s+){0,2}?"
                         r"(?:chairmanship|presidency|chair)\b|(?:assume[sd]?|assuming)\s+(?:the\s+)?"
                         r"(?:chairmanship|presidency)\b|(?:приня(?:л|ла|ло|ли)|прим(?:ет|ут)|переня(?:л|ла))\s+"
                         r"(?:на\s+себя\s+)?председательств\w*|\b(?:chairs|will chair|is chairing|presides over)\b"
                         r"|председательствует|будет председательствовать", I)  # fmt: skip
PASSES_CHAIR = re.compile(r"(?:chairmanship|presidency|chair|председательств\w*)\b[^.;]{0,80}?(?:\b(?:passed|passes|"
                          r"pass|went|handed over|transferred)\s+to|(?:перешл[оа]|перейд[её]т|переходит|передан[оа]?)"
                          r"\s+к)\s", I)  # fmt: skip
CHAIR_NOUN = re.compile(r"\b(?:chairmanship|presidency)\b|председательств\w*", I)
APPOINTED = re.compile(r"\b(?:re-?)?(?:appointed|elected|approved|named)\b|назначен\w*|назначил\w*|избран\w*|"
                       r"утвердил\w*|утвержд[её]н\w*", I)  # fmt: skip
PRONOUN = re.compile(r"^(?:He|She|Он|Она)\b")
LENGTH = re.compile(r"\b(?:for\s+(?:a\s+(?:period|term)\s+of\s+)?(?P<n>\w+)[ -]years?|(?:next\s+)?(?P<m>\w+)-year\s+"
                    r"term)\b|(?:сроком\s+на|на\s+срок)\s+(?P<r>\S+)\s+(?:год|года|лет)|на\s+(?P<adj>\w+?)летний\s+срок",
                    I)  # fmt: skip
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "один": 1, "два": 2, "три": 3,
           "четыре": 4, "пять": 5, "пяти": 5, "трех": 3, "трёх": 3, "двух": 2, "четырех": 4, "дву": 2,
           "тре": 3}  # fmt: skip
UNKNOWN_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.)){1,2}\b|"
                          r"(?<!\w)[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,2}")  # fmt: skip
NOT_A_NAME = {
    "The",
    "On",
    "In",
    "At",
    "President",
    "Prime",
    "Minister",
    "Secretary",
    "General",
    "Republic",
    "Council",
    "Chairman",
    "Deputy",
    "Colonel",
    "Председатель",
    "Президент",
    "Генеральный",
    "Генеральным",
}


@dataclass
class Context:
    """What recognition reads besides the sentence: the names, the organisations, the document's date and orgs."""

    index: NameIndex
    orgs: dict[str, Organisation]
    anchor: date | None = None
    named_orgs: tuple[str, ...] = ()


def recognise(document: Document, index: NameIndex, orgs: dict[str, Organisation]) -> list[Finding]:
    """Every fact a document states, merged where two sentences state one fact."""
    parts = sentences(document.text)
    named = _document_orgs(parts, index)
    findings: list[Finding] = []
    previous: tuple[Sentence, list[Mention]] | None = None
    for sentence in parts:
        anchor = _dateline(sentence) or document.date
        context = Context(index, orgs, anchor, named)
        mentions = index.find(tokens(sentence.text))
        for finding in _facts(sentence, mentions, context, previous):
            finding.doc_date = anchor
            _merge_into(findings, finding)
        previous = (sentence, mentions)
    return findings


def _dateline(sentence: Sentence) -> date | None:
    if not sentence.dateline:
        return None
    day, month, year = (int(p) for p in sentence.dateline.split("."))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _document_orgs(parts: list[Sentence], index: NameIndex) -> tuple[str, ...]:
    """The organisations a document names, most named first."""
    counted: Counter[str] = Counter()
    for sentence in parts:
        for mention in index.find(tokens(sentence.text), kinds=("org", "body")):
            orgs = {c.org for c in mention.candidates}
            if len(orgs) == 1:
                counted[orgs.pop()] += 1
    return tuple(org for org, _ in counted.most_common())


def _tense(text: str) -> str | None:
    return "future" if FUTURE.search(text) else "past" if PAST.search(text) else None


def _facts(sentence: Sentence, mentions: list[Mention], ctx: Context, previous) -> list[Finding]:
    text, tense = sentence.text, _tense(sentence.text)
    dates = find_dates(text, ctx.anchor, tense)
    found = _sessions(text, mentions, dates, tense, ctx)
    found += _chairs(text, mentions, dates, ctx)
    found += _appointments(sentence, mentions, dates, ctx, previous)
    return found


def _orgs_for(mentions: list[Mention], ctx: Context) -> tuple[str, ...]:
    """The organisations a sentence speaks of: those it names, else the document's."""
    named = {c.org for m in mentions for c in m.candidates if c.kind == "org"}
    named |= {m.of("body")[0].org for m in mentions if len({c.org for c in m.of("body")}) == 1 and m.of("body")}
    return tuple(sorted(named)) or ctx.named_orgs[:1]


def _pick(mention: Mention, kind: str, orgs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(org, id) readings of a mention: within the organisations spoken of where it is there, else every one."""
    candidates = mention.of(kind)
    inside = [(c.org, c.id) for c in candidates if c.org in orgs]
    return inside or [(c.org, c.id) for c in candidates]


def _first_id(mentions: list[Mention], kind: str, org: str, after: int = -1, before: int | None = None) -> str | None:
    for mention in mentions:
        if mention.start >= after and (before is None or mention.end <= before):
            ids = [c.id for c in mention.of(kind) if c.org == org] or [c.id for c in mention.of(kind)]
            if ids:
                return ids[0]
    return None


def _date_readings(dates: list[DateMention], roles: tuple[str, ...]) -> list[tuple]:
    """The readings of the sentence's most precise date in one of the roles (the first of equals)."""
    usable = [m for m in dates if m.role in roles and m.readings]
    if not usable:
        return [(None, None)]
    best = max(usable, key=lambda m: (m.readings[0][0].precision, -m.start))
    return list(best.readings)


def _sessions(text: str, mentions: list[Mention], dates, tense, ctx: Context) -> list[Finding]:
    bodies = [m for m in mentions if m.of("body")]
    if not bodies or not HELD.search(text):
        return []
    words = tokens(text)
    found = []
    for match in SESSION.finditer(text):
        if NOT_A_SESSION.search(text[: match.start()]):
            continue
        body = _linked_body(match, bodies, words, ctx)
        if body is None:
            continue
        orgs = _orgs_for(mentions, ctx)
        chair_at = CHAIRED_BY.search(text)
        readings = []
        for (org, body_id), (day, last) in product(_pick(body, "body", orgs), _date_readings(dates, ("at", "start"))):
            planned = tense == "future" or (tense is None and day is not None and ctx.anchor is not None
                                            and day.earliest > ctx.anchor)  # fmt: skip
            person = _first_id(mentions, "person", org, chair_at.end()) if chair_at else None
            member = (_first_id(mentions, "member", org, chair_at.end()) if chair_at else None) or (
                _person_member(ctx, org, person)
            )
            extra = match.group("extra") or match.group("extra_ru")
            readings.append(Reading(
                kind="planned_session" if planned else "session", org=org, body=body_id, date=day, last_day=last,
                place=_first_id(mentions, "place", org), member=member if chair_at else None, person=person,
                formats=tuple(name for name, pattern in FORMATS if pattern.search(text)),
                event_kind="extraordinary-session" if extra else "session",
            ))  # fmt: skip
        return [Finding([text], readings)] if readings else []
    return found


def _linked_body(match: re.Match[str], bodies: list[Mention], words, ctx: Context) -> Mention | None:
    """The body a session word names: right after it (session of the Council, заседание Совета) or right before it
    (the CSC meeting), with nothing but stopwords, numbers and abbreviations of organisations between."""
    for body in bodies:
        between = ctx.index.find([w for w in words if match.end() <= w.start < body.start])
        gap = [w for w in words if match.end() <= w.start < body.start and not _transparent(w.key, ctx)]
        if body.start >= match.end() and not gap and not [m for m in between if not m.of("org")]:
            return body
        gap = [w for w in words if body.end <= w.start < match.start() and not _transparent(w.key, ctx)
               and w.key not in HOLDS]  # fmt: skip
        if body.end <= match.start() and not gap:
            return body
    return None


def _transparent(key: str, ctx: Context) -> bool:
    from timeline.ingest.text import STOPWORDS

    return key in STOPWORDS or key in ctx.index.org_shorts or key.isdigit() or key in {"next", "regular", "очередн"}


def _person_member(ctx: Context, org: str, person: str | None) -> str | None:
    if person is None or org not in ctx.orgs:
        return None
    return next((p.member for p in ctx.orgs[org].people if p.id == person), None)


def _chair_office(ctx: Context, org: str, mentions: list[Mention]) -> tuple[str | None, str | None]:
    """The member-held office a chairmanship sentence speaks of (the body's, else the organisation's) and its body."""
    organisation = ctx.orgs[org]
    by_body = {o.body: o for o in organisation.offices if o.holder_kind.value == "member"}
    for mention in mentions:
        for body in mention.of("body"):
            if body.org == org and body.id in by_body:
                return by_body[body.id].id, body.id
    office = next((o for o in organisation.offices if o.id == organisation.chair_office), None)
    return (office.id, office.body) if office else (None, None)


def _chairs(text: str, mentions: list[Mention], dates, ctx: Context) -> list[Finding]:
    members = [m for m in mentions if m.of("member")]
    if not members:
        return []
    chosen, match = None, None
    if match := PASSES_CHAIR.search(text):
        chosen = next((m for m in members if m.start >= match.end() - 1), None)
    elif match := TAKES_CHAIR.search(text):
        chosen = next((m for m in reversed(members) if m.end <= match.start()), None)
    else:
        for noun in CHAIR_NOUN.finditer(text):  # the Armenian presidency; председательства Армении
            chosen = next((m for m in members if m.end <= noun.start() and not text[m.end : noun.start()].strip(
                " '’s")), None) or next((m for m in members if m.start >= noun.end() and not text[
                noun.end() : m.start].strip() and re.match(r"председательств", noun.group(), I)), None)  # fmt: skip
            if chosen:
                match = noun
                break
    if chosen is None or match is None:
        return []
    readings = []
    for org, member in _pick(chosen, "member", _orgs_for(mentions, ctx)):
        if org not in ctx.orgs:
            continue
        office, body = _chair_office(ctx, org, mentions)
        if office is None:
            continue
        near = [d for d in dates if d.role != "at" or min(abs(d.start - match.end()), abs(match.start() - d.end)) <= 40]
        start, end = _start_end(near)
        person = next((p for m in mentions for p in m.of("person") if p.org == org
                       and _person_member(ctx, org, p.id) == member), None)  # fmt: skip
        readings.append(Reading("chair", org, body=body, office=office, member=member, start=start, end=end,
                                person=person.id if person else None))  # fmt: skip
    return [Finding([text], readings)] if readings else []


def _start_end(dates: list[DateMention]):
    start = end = None
    for mention in dates:
        if not mention.readings:
            continue
        first, last = mention.readings[0]
        if mention.role == "range":
            start, end = start or first, end or last
        elif mention.role in ("start", "at") and start is None:
            start = first
        elif mention.role == "end" and end is None:
            end = first
    return start, end


def _appointments(sentence: Sentence, mentions, dates, ctx: Context, previous) -> list[Finding]:
    text = sentence.text
    verb = APPOINTED.search(text)
    if verb is None:
        return []
    offices = [m for m in mentions if m.of("office")]
    quotes, context_dates = [text], dates
    if not offices and previous and re.search(r"appointed|elected|назначен|избран", verb.group(), I):
        before, before_mentions = previous
        offices = [m for m in before_mentions if m.of("office")]
        if offices:
            quotes = [before.text, text]
            context_dates = find_dates(before.text, ctx.anchor, _tense(before.text)) + dates
    if not offices:
        return []
    office = min(offices, key=lambda m: (m.start < verb.start(), abs(m.start - verb.start())))
    people = [m for m in mentions if m.of("person")]
    name = None
    if people:
        person_mention = min(people, key=lambda m: abs(m.start - verb.start()))
    elif PRONOUN.match(text) and previous:
        person_mention = next((m for m in previous[1] if m.of("person")), None)
    else:
        person_mention = None
        taken = [(m.start, m.end) for m in mentions]
        names = [n for n in UNKNOWN_NAME.finditer(text) if not any(s < n.end() and n.start() < e for s, e in taken)
                 and not set(n.group().split()) & NOT_A_NAME]  # fmt: skip
        name = min(names, key=lambda n: abs(n.start() - verb.start())).group() if names else None
    if person_mention is None and name is None:
        return []
    start, end = _start_end([d for d in context_dates if d.role in ("start", "end", "range")])
    length = LENGTH.search(" ".join(quotes))
    readings = []
    for org, office_id in _pick(office, "office", _orgs_for(mentions, ctx)):
        person = None
        if person_mention is not None:
            person = ([c.id for c in person_mention.of("person") if c.org == org] or [person_mention.of("person")[
                0].id])[0]  # fmt: skip
        readings.append(Reading("appointment", org, office=office_id, person=person, person_name=name,
                                body=_office_body(ctx, org, office_id), start=start, end=end,
                                member=_person_member(ctx, org, person), length=_length(length)))  # fmt: skip
    return [Finding(quotes, readings)]


def _office_body(ctx: Context, org: str, office: str) -> str | None:
    return next((o.body for o in ctx.orgs[org].offices if o.id == office), None)


def _length(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    word = next(g for g in match.groups() if g).lower()
    number = int(word) if word.isdigit() else NUMBERS.get(word) or NUMBERS.get(word.rstrip("х"))
    return f"P{number}Y" if number else None


def _merge_into(findings: list[Finding], new: Finding) -> None:
    """Add a finding, or fold it into an earlier one stating the same fact (a later sentence adding the format, the
    term, a pronoun's appointment)."""
    for old in findings:
        if len(old.readings) == len(new.readings) == 1 and _same(old.readings[0], new.readings[0]):
            old.readings[0] = _fill(old.readings[0], new.readings[0])
            old.quotes += [q for q in new.quotes if q not in old.quotes]
            return
    findings.append(new)


def _same(a: Reading, b: Reading) -> bool:
    if a.kind != b.kind or a.org != b.org:
        return False
    if a.kind in ("session", "planned_session"):
        return a.body == b.body and (a.date is None or b.date is None or a.date == b.date)
    if a.kind == "chair":
        return (
            a.office == b.office and a.member == b.member and (a.start is None or b.start is None or a.start == b.start)
        )
    return a.office == b.office and a.person is not None and a.person == b.person


def _fill(a: Reading, b: Reading) -> Reading:
    """`a` with the fields it lacks taken from `b`, and the formats of both."""
    changes = {f: getattr(b, f) for f in ("date", "last_day", "start", "end", "place", "member", "person", "length")
               if getattr(a, f) is None and getattr(b, f) is not None}  # fmt: skip
    formats = tuple(dict.fromkeys(a.formats + b.formats))
    return replace(a, formats=formats, **changes)
