"""An article's body, title, date and address from a page's markup (the standard library's parser; no I/O)."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "button"}
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "blockquote", "main"}
DATE_META = ("article:published_time", "datepublished", "date", "dc.date", "pubdate", "og:published_time")
_DAY = re.compile(r"((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])|([0-3]?[0-9])\.([01]?[0-9])\.((?:19|20)[0-9]{2})")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open: list[str] = []
        self.skipping = 0
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.h1: list[str] = []
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (found.get("property") or found.get("name") or found.get("itemprop") or "").lower()
            if key:
                self.meta.setdefault(key, found.get("content", ""))
            return
        if tag == "link" and "canonical" in found.get("rel", "").lower():
            self.meta.setdefault("canonical", found.get("href", ""))
        if tag == "time" and found.get("datetime"):
            self.times.append(found["datetime"])
        if tag in ("br", "img", "hr", "input", "link"):
            self._text("\n")
            return
        self.open.append(tag)
        if tag in SKIP:
            self.skipping += 1
        if tag in BLOCKS:
            self._text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if closed in SKIP:
                self.skipping -= 1
            if closed == tag:
                break
        if tag in BLOCKS:
            self._text("\n")

    def handle_data(self, data: str) -> None:
        if "title" in self.open:
            self.title.append(data)
        elif "h1" in self.open and not self.skipping:
            self.h1.append(data)
        self._text(data)

    def _text(self, data: str) -> None:
        if self.skipping or "title" in self.open or "head" in self.open:
            return
        for part in ("article", "main", "body"):
            if part in self.open or part == "body":
                self.parts[part].append(data)


def looks_like_html(text: str) -> bool:
    """True for markup: a doctype or an <html>, <body>, <article>, <p> or <div> tag near the start."""
    return re.search(r"<(?:!doctype\s+html|html|body|head|article|p|div)\b", text[:4096], re.IGNORECASE) is not None


def extract(markup: str) -> tuple[str, str | None, date | None, str | None]:
    """The article's text (its <article>, else <main>, else <body>, without scripts, menus, headers and footers),
    and its title, date and address where the page gives them."""
    page = _Page()
    page.feed(markup)
    page.close()
    body = next((p for p in (page.parts["article"], page.parts["main"], page.parts["body"]) if "".join(p).strip()), [])
    lines = [" ".join(line.split()) for line in "".join(body).split("\n")]
    text = "\n".join(line for line in lines if line)
    title = page.meta.get("og:title") or " ".join("".join(page.h1).split()) or " ".join("".join(page.title).split())
    url = page.meta.get("og:url") or page.meta.get("canonical") or None
    stamps = [page.meta[k] for k in DATE_META if page.meta.get(k)] + page.times
    return text, title or None, next((d for d in map(_day, stamps) if d), None), url


def _day(text: str) -> date | None:
    match = _DAY.search(text)
    if not match:
        return None
    year, month, day = (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.group(6, 5, 4)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
