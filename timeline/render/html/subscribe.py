"""The parts of a page that subscribe to feeds, shared by the landing page and an organisation's: a feed's line
(a subscribe link named uniquely, the file's link, a copy line) and how to subscribe in each calendar app."""

from __future__ import annotations

from timeline.render.lang import Language
from timeline.render.words import esc

APPS = ("google", "apple", "outlook", "thunderbird")
"""The calendar apps the page explains ("landing.app.<app>", and how: "landing.how.<app>_html")."""


def feed_line(title: str, name: str, description: str, count: str, links: tuple[str, str, str], lang: Language) -> str:
    """A feed's line (on the landing page and an organisation's): its title and count, a subscribe link named
    uniquely, the file's link and a copy line; `links` are its http(s) URL, its webcal:// one, and the relative path
    the page's script completes where the site is served without a base URL ('' with one)."""
    url, webcal, path = links
    link_of = esc(lang("landing.link_of", name=name))
    return f"""<li class="feed" title="{esc(description)}"><span class="what">{esc(title)}
<span class="count">{esc(count)}</span></span>
<a class="webcal" href="{esc(webcal)}" data-path="{esc(path)}">{esc(lang("landing.subscribe"))}<span class="vh">: \
{esc(title)}</span></a>
<a class="https" href="{esc(url)}">{esc(name)}</a>
<span class="copyline"><input class="url" readonly value="{esc(url)}" data-path="{esc(path)}" aria-label="{link_of}">
<button type="button" class="copy">{esc(lang("landing.copy"))}</button></span></li>"""


def instructions(lang: Language, feed: str = "") -> str:
    """How to subscribe in each calendar app (the section `#howto`), with `feed` (markup) after it."""
    apps = {app: esc(lang(f"landing.app.{app}")) for app in APPS}
    how = "".join(f"<li><strong>{apps[app]}</strong>: {lang(f'landing.how.{app}_html')}</li>" for app in APPS)
    return (
        f'<section class="howto" id="howto"><h2>{lang("landing.howto", **apps)}</h2><ul>{how}</ul>'
        f"<p>{esc(lang('landing.howto_after'))}</p>{feed}</section>"
    )
