"""The answer an organisation's page opens with, above its chart: who holds the chair now and who next, from when,
the next sessions, and a one-line gloss of each status the page shows (its legend of statuses).

"Now" is the viewer's, as on the landing page: each stretch of days is an element with `data-start`/`data-end`, and
the page's script (the landing page's, `landing.js`) shows the one running on the viewer's day; without the script
the build day's shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from timeline.core.model import TermStatus
from timeline.render.html import landing_rows as rows
from timeline.render.html.items import drawn_offices
from timeline.render.html.landing_rows import upcoming
from timeline.render.lang import Language
from timeline.render.view import View
from timeline.render.words import esc

SESSIONS_SHOWN = 2
"""The answer names this many sessions ahead."""
GLOSSED = (TermStatus.SCHEDULED, TermStatus.DERIVED, TermStatus.PROJECTED, TermStatus.UNDETERMINED, TermStatus.ACTING)
"""The statuses a gloss explains (a confirmed term needs none)."""


def gloss_line(statuses: Iterable[str], lang: Language) -> str:
    """'Projected: the rotation rule's next turn; no source names it yet. · …' for each status given that needs a
    gloss (in GLOSSED's order), as one paragraph; '' when none does."""
    found = set(statuses)
    glosses = [
        f"<b>{esc(lang(f'status.{s.value}'))}</b>: {esc(lang(f'gloss.{s.value}'))}" for s in GLOSSED if s.value in found
    ]
    return f'<p class="gloss">{" · ".join(glosses)}</p>' if glosses else ""


def chair_line(view: View) -> str:
    """'Chairmanship of the CSC: Kazakhstan → Russia from 1 Jan 2027 (projected)', or '' without a rotating chair."""
    tl, lang = view.tl, view.lang
    if tl.org.chair_office is None:
        return ""
    office = esc(lang.name(tl.chair_office))
    now = rows.now_and_next(tl, view.horizon, view.today, lang)
    return f'<p class="chair"><span class="label">{office}:</span> <span class="timed">{now}</span></p>'


def answer(view: View) -> str:
    """The section above the chart: the chair now and next, the next sessions, the glosses of the statuses shown."""
    tl, lang, today = view.tl, view.lang, view.today
    sessions = upcoming(tl, today, lang, shown=SESSIONS_SHOWN, heading=False) if tl.events() else ""
    next_label = f'<p class="label">{esc(lang("landing.next_sessions"))}:</p>' if sessions else ""
    shown = {t.status.value for office in drawn_offices(tl) for t in tl.terms(office.id, view.horizon)}
    return (
        f'<section class="answer" aria-label="{esc(lang("page.answer"))}">'
        f"{chair_line(view)}{next_label}{sessions}{gloss_line(shown, lang)}</section>"
    )
