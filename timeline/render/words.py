"""Words every output shares, written once: names, days and spans, status tags, sources, and what keeps text
from the data inert in every output: control characters left out, HTML escaped, only http(s) links.

Nothing here depends on the day of the build, so the words change only with the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape
from urllib.parse import quote, urlsplit

from timeline.core.dates import PartialDate, Period
from timeline.core.model import Place, Reason, Source, Term
from timeline.core.query import Timeline
from timeline.core.rotation.rules import RotationRule
from timeline.errors import QueryError
from timeline.render.lang import EN, Language, cldr

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""What no output carries: C0 controls but TAB and LF, DEL, C1 controls (and lone surrogates, which UTF-8 cannot
encode). ESC, BEL and NUL make strict iCalendar parsers reject a feed and rewrite a terminal's screen."""
NOT_IN_URL = re.compile(rf"\s|{CONTROL.pattern}")
"""White space (what str.isspace calls so, as `\\s` does) or a control character: neither belongs in a link."""
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def clean(value: object) -> str:
    """Text from the data without control characters: a line break (CRLF, CR) becomes LF, TAB and LF stay, the
    rest are left out. Every output writes data text through this (or `one_line`, `esc`, `esc_label`)."""
    text = str(value)
    if text.isprintable():  # most text: no control character, line break or lone surrogate (checked at C speed)
        return text
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(value: object) -> str:
    """Text from the data on one line: `clean`, with every run of white space (line breaks, TAB, U+2028) one space."""
    return " ".join(clean(value).split())


def esc(value: object) -> str:
    """Text from the data made inert in an HTML page: element content and attribute values alike."""
    return escape(clean(value), quote=True)


def esc_label(value: object) -> str:
    """Text from the data made inert in Plotly's HTML-like labels and hovers (quotes stay as they are there)."""
    return escape(clean(value), quote=False)


def web_url(url: str | None) -> str | None:
    """`url` when it is an absolute http:// or https:// address with a host and no white space or control
    character in it, else None: only such an address becomes a link, a feed's URL or SOURCE, or a click target
    (never `javascript:`, `data:`, `file:`, nor a URL with CR/LF that would add lines to a feed)."""
    if not url or NOT_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host, say
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def first_web_url(tl: Timeline, ids: tuple[str, ...]) -> str | None:
    """The address of the first cited source that has an http(s) one (never a `javascript:` or `data:` URL): what a
    feed's URL and a click on the timeline open."""
    return next((s.url for s in tl.source_list(ids) if web_url(s.url)), None)


def base_url(url: str | None) -> str | None:
    """The site's public address without its trailing slash (None without one); QueryError unless http(s)."""
    if not url:
        return None
    if web_url(url) is None:
        raise QueryError(f"the base URL {one_line(url)!r} must be an http:// or https:// address")
    return url.rstrip("/")


def href(target: str) -> str:
    """A link target that a browser follows and never runs: an http(s) URL as it is, anything else as a path
    relative to the page, percent-encoded (so `javascript:alert(1)` becomes the harmless `javascript%3Aalert(1)`)."""
    if web_url(target):
        return target
    path = quote(clean(target), safe="/#?&=%.-_~")
    return f"./{path}" if SCHEME.match(path) or path.startswith("//") else path


def both(name: str, other: str | None) -> str:
    """'Minsk (Минск)', 'Test Organisation of States (TOS)'; the name alone when there is no other (or the same)."""
    return f"{name} ({other})" if other and other != name else name


def kind_text(kind: str, lang: Language = EN) -> str:
    """An event kind in words: 'extraordinary-session' -> 'extraordinary session' / 'внеочередная сессия'."""
    return lang(f"kind.{kind}") if f"kind.{kind}" in lang.words else kind.replace("-", " ")


def day_text(value: date | PartialDate, lang: Language = EN) -> str:
    """'23 Nov 2022' for a day; a partial date to its precision: 'Nov 2023', 'Q4 2023', 'about 5 Nov 2023'."""
    return lang.day(value)


def window(
    first: PartialDate,
    last: PartialDate | None = None,
    each: Callable[[PartialDate], str] | None = None,
    lang: Language = EN,
) -> str:
    """'Q4 2023', '10 Jul 2023 – 12 Jul 2023': a date, or its first and last day (`each` writes one)."""
    each = each or lang.day
    text = each(first)
    return f"{text} – {each(last)}" if last is not None and last != first else text


def period_text(period: Period, open_key: str = "period.open", lang: Language = EN) -> str:
    """'23 Nov 2022 – 31 Dec 2023' (the last day inclusive), or 'since 1 Jan 2026' ('from …' with "period.from")
    while the period is open."""
    return lang.period(period, open_key)


def status_word(status: str, lang: Language = EN) -> str:
    """' · projected' and the like for a status's value; nothing for 'confirmed'."""
    return "" if status == "confirmed" else f" · {lang(f'status.{status}')}"


def status_tag(term: Term, lang: Language = EN) -> str:
    """' · acting', ' · derived', ' · projected'; nothing for a confirmed term."""
    return status_word(term.status.value, lang)


def term_caveats(term: Term, lang: Language = EN) -> list[str]:
    """What is not known exactly about a term's bounds, in words."""
    caveats = []
    if term.start is None:
        caveats.append(lang("caveat.start_attested", days=", ".join(lang.day(d) for d in term.attested)))
    elif not term.start.is_exact:
        caveats.append(lang("caveat.start_imprecise", date=lang.day(term.start)))
    if term.end_unknown:
        caveats.append(lang("caveat.end_unknown"))
    elif term.end is not None and not term.end.is_exact:
        caveats.append(lang("caveat.end_imprecise", date=lang.day(term.end)))
    return caveats


def holder_name(tl: Timeline, term: Term, lang: Language = EN) -> str:
    """The holder's name in the language: a person's or a member state's, every holder of a term held jointly ('Denmark
    and the Faroe Islands'), a group's turn ("Western Africa's turn") where no member is named yet, and 'undetermined'
    when the rule cannot say."""
    if term.holder is None:
        group = tl.org.index.groups.get(term.group or "")
        return lang("holder.group_turn", group=lang.name(group)) if group else lang("status.undetermined")
    if term.joint:
        return cldr.joined(lang.code, [_member_name(tl, holder, lang) for holder in term.holders])
    holder = tl.holder(term)
    return lang.name(holder) if holder else term.holder


def country(tl: Timeline, place: Place, lang: Language = EN) -> str:
    """A place's country in the language: the name of its member state (the place's `member`, else the member the
    data names as its country) where the language has one of its own, else CLDR's name of the country the data names
    (in English: 'Moldova' -> 'Молдова'), else that English name."""
    member = tl.members.get(place.member or "") or next((m for m in tl.org.members if m.name == place.country), None)
    named = lang.name(member) if member is not None else None
    if named and named != member.name:
        return named
    if lang.code == EN.code:
        return place.country
    code = cldr.territory_code(place.country)
    return (cldr.territory(lang.code, code) if code else None) or place.country


MEMBER_VALUES = frozenset({"member", "holder", "instead_of", "turn_of", "group"})
"""The values of a Reason that are member (or group) ids (core.model.Reason)."""


def term_note(tl: Timeline, term: Term, lang: Language = EN) -> str | None:
    """A term's note in the language: the curator's note as written, then how the rotation engine computed the
    term or its end ('projected by the calendar-year rotation …; Armenia passed its turn before …'), each reason
    from the catalogue."""
    parts = [clean(term.note)] if term.note else []
    parts += [reason_text(tl, reason, lang) for reason in term.reasons]
    return "; ".join(parts) or None


def reader_note(tl: Timeline, term: Term, lang: Language = EN) -> str | None:
    """How the rotation engine computed a term, in a reader's words: its reasons from the catalogue, the rule in
    words; never the curator's note (which may name files, seeds or rule ids) nor the data's own exception notes."""
    parts = [reason_text(tl, reason, lang) for reason in term.reasons if reason.key != "text"]
    return "; ".join(parts) or None


def rule_words(tl: Timeline, rule_id: str, lang: Language = EN) -> str:
    """A rotation rule in words, from its cadence and order: 'the calendar-year rotation in Russian alphabetical
    order', 'the rotation at each regular session of the Collective Security Council, the host chairing'; 'the
    rotation rule' for a kind the catalogue has no words for (never the rule's id)."""
    rule = _rule(tl, rule_id)
    if rule is None:
        return lang("rule.words.other")
    order_key = f"rule.order.{rule.order.kind}"
    if rule.order.kind == "alphabetical":
        order_key += f".{getattr(rule.order, 'language', 'en')}"
    order = lang(order_key) if order_key in lang.words else ""
    cadence = rule.cadence
    if cadence.kind == "session":
        body = tl.bodies.get(getattr(cadence, "body", ""))
        return lang("rule.words.session", body=lang.name(body), order=order) if body else lang("rule.words.other")
    every = getattr(cadence, "every", None)
    if cadence.kind != "calendar" or every is None:
        return lang("rule.words.other")
    return lang(
        "rule.words.calendar", cadence=_cadence_words(every, getattr(cadence, "anchor", None), lang), order=order
    )


def _rule(tl: Timeline, rule_id: str) -> RotationRule | None:
    """A rotation rule by its id (the one look-up the wording of rules and of their bases shares)."""
    return next((rule for rule in tl.org.rotations if rule.id == rule_id), None)


def _cadence_words(every: object, anchor: date | None, lang: Language) -> str:
    """'calendar-year', 'half-yearly', 'monthly', '2-year' for a calendar cadence's step."""
    years, months, days = (getattr(every, unit, 0) for unit in ("years", "months", "days"))
    if days:
        return lang.count("rule.cadence.days", days)
    months += 12 * years
    if months == 12:
        calendar_year = anchor is not None and (anchor.month, anchor.day) == (1, 1)
        return lang("rule.cadence.calendar_year" if calendar_year else "rule.cadence.yearly")
    if months % 12 == 0:
        return lang.count("rule.cadence.years", months // 12)
    if months == 6:
        return lang("rule.cadence.half_year")
    if months == 1:
        return lang("rule.cadence.monthly")
    return lang.count("rule.cadence.months", months)


def reason_text(tl: Timeline, reason: Reason, lang: Language = EN) -> str:
    """One reason in the language: the catalogue's `reason.<key>` with its values worded (member ids as names,
    days as days); a reason the data wrote (key 'text') as written."""
    values = dict(reason.values)
    if reason.key == "text":
        return clean(values["text"])
    for name, value in values.items():
        if name in MEMBER_VALUES:
            values[name] = _member_name(tl, str(value), lang)
        elif name == "office" and value in tl.offices:
            values[name] = lang.name(tl.offices[str(value)])
        elif name == "body" and value in tl.bodies:
            values[name] = lang.name(tl.bodies[str(value)])
        elif name == "members":
            values[name] = ", ".join(_member_name(tl, str(m), lang) for m in value)  # type: ignore[attr-defined]
        elif name == "rule":
            values[name] = rule_words(tl, str(value), lang)
        elif name == "day":
            values[name] = lang.day(value)  # type: ignore[arg-type]
        elif name == "days":
            days = [lang("period.from", day=lang.day(d)) if starts else lang.day(d) for d, starts in value]  # type: ignore[attr-defined]
            values[name] = ", ".join(days)
    key = f"reason.{reason.key}"
    if isinstance(lang.words[key], dict):
        return lang.count(key, int(values.pop("n")), **values)  # type: ignore[call-overload]
    return lang(key, **values)


def _member_name(tl: Timeline, member: str, lang: Language) -> str:
    """A member state's (or a person's, or a group's) name in the language; the id where the data has none."""
    found = tl.members.get(member) or tl.people.get(member) or tl.org.index.groups.get(member)
    return lang.name(found) if found is not None else member


def source_cited(source: Source, lang: Language = EN) -> str:
    """A source as a reader cites it: 'CSTO press service, 24 Nov 2022' (its publisher and date), else its title
    and date; never a document reference (an archive's file name)."""
    if source.publisher and source.date:
        return lang("source.cited", who=source.publisher, date=lang.day(source.date))
    return source_title(source, lang)


def source_title(source: Source, lang: Language = EN) -> str:
    """'Title (23 Nov 2022)': a source's title and, when known, its date."""
    return lang("source.dated", title=source.title, date=lang.day(source.date)) if source.date else source.title


CURATORS_WORDS = re.compile(
    r"\s*\((?:[^()]*\bseed\b[^()]*|[^()\s]*\.(?:txt|ya?ml|json|md|html?))\)|\s*\bseed\s+\S+\.txt|\S+\.ya?ml",
    re.IGNORECASE,
)
"""What a curator's reference says of the project's own files: '(seed 000_e33d….txt)', 'rotations.yaml'."""


def reader_document(text: str | None) -> str | None:
    """A source's document reference as a reader cites it: the curators' file names left out ('CSTO press release
    of 24.11.2022 (seed 000_….txt)' -> 'CSTO press release of 24.11.2022'); None when nothing is left."""
    if not text:
        return None
    return " ".join(CURATORS_WORDS.sub("", clean(text)).split()).strip(" ,;:") or None


def citation(source: Source, lang: Language = EN) -> str:
    """A source as a reader cites it: 'CSTO press service, 24 Nov 2022: On November 23 …' (its publisher and date
    when known, then its title)."""
    who = ", ".join(x for x in (one_line(source.publisher or ""), lang.day(source.date) if source.date else "") if x)
    return lang("source.citation", who=who, title=source.title) if who else source.title


RULE_GIVEN = frozenset({"derived", "projected", "undetermined"})
"""The statuses of a term the rotation rule gives (no source names its holder): such a term shows its rule."""


def rule_basis(tl: Timeline, term: Term) -> str | None:
    """The basis, in words, of the rotation rule a computed term follows (its charter article or decision): what a
    projected or derived turn shows instead of a source; None for a term no rule gives, or whose rule has none."""
    if term.status.value not in RULE_GIVEN:
        return None
    ids = (str(value) for reason in term.reasons for name, value in reason.values if name == "rule")
    found = next((rule for rule in (_rule(tl, i) for i in ids) if rule is not None), None)
    return one_line(found.basis) if found is not None and found.basis else None


def term_reasons(tl: Timeline, term: Term, lang: Language = EN) -> str | None:
    """How the rotation engine computed a term, in words (the reasons of `term_note`, without the curator's note,
    which stays in the data)."""
    text = "; ".join(reason_text(tl, reason, lang) for reason in term.reasons)
    return reader_document(text)
