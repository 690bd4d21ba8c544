"""Where each language's pages are in the site, and the switch that links a page to its counterparts.

The English pages are at the site's root (index.html, timeline.html, <org>/timeline.html); the pages in another
language mirror them in a folder named by its code (ru/index.html, ru/timeline.html, ru/<org>/timeline.html). A
page is placed by the English page's path (`page`, from the site's root). Every link between them is relative, so
the site works with or without --base-url, served from any folder, or opened from the disk.
"""

from __future__ import annotations

import posixpath

from timeline.render.lang import CODES, Language, folder, language
from timeline.render.words import esc

SWITCH_STYLE = "float:right;margin:0 0 .4rem 1rem"
"""The switch sits at the right of the header, before the title (in its own style attribute: the pages' style
sheets stay as they are)."""


def site_path(lang: Language, page: str) -> str:
    """Where the page `page` (the English page's path) is in `lang`: 'csto/timeline.html' -> 'ru/csto/timeline.html'."""
    return folder(lang) + page


def relative(here: str, target: str) -> str:
    """A link from the page at `here` to `target` (both paths from the site's root): '../../csto/timeline.json'."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def switch(lang: Language, page: str | None) -> str:
    """'English | Русский' in the header of the page `page` in `lang`: each language by its own name, the current
    one not a link, the others linked (with hreflang) to the same page in them. Nothing for a page that stands
    alone (`page` None), which has no counterparts."""
    if page is None:
        return ""
    here = site_path(lang, page)
    entries = []
    for code in CODES:
        other = lang if code == lang.code else language(code)
        name = esc(other("switch.name"))
        if other is lang:
            entries.append(f'<span lang="{code}" aria-current="page">{name}</span>')
        else:
            target = esc(relative(here, site_path(other, page)))
            entries.append(f'<a href="{target}" hreflang="{code}" lang="{code}">{name}</a>')
    label = esc(lang("switch.label"))
    return f'<nav class="languages" aria-label="{label}" style="{SWITCH_STYLE}">{" | ".join(entries)}</nav>\n'
