"""The kind of a source from its URL's host, by a curated table of hosts (kept in the data), and the hosts denied.

A host matches an entry when it is the entry or ends with '.' + the entry: `un.org` covers `press.un.org`; the
longest matching entry wins, so `news.example.org` can be `press` under an `official` `example.org`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from timeline.core.model import Source, SourceKind


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL, without a leading 'www.' (None without a URL or host)."""
    found = _HOST.match(url or "")
    return found.group(1).lower().rstrip(".").removeprefix("www.") or None if found else None


_HOST = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?([^/?#:\[\]]+)")


def _matching(host: str, entries: dict[str, object] | frozenset[str]) -> str | None:
    """The longest entry that is the host or a parent domain of it."""
    parts = host.split(".")
    return next((".".join(parts[i:]) for i in range(len(parts)) if ".".join(parts[i:]) in entries), None)


@dataclass(frozen=True)
class KindTable:
    """Hosts by kind, and hosts no fact may cite (redirectors, spam, content farms, aggregators)."""

    kinds: dict[str, SourceKind] = field(default_factory=dict)
    """Host (or parent domain) -> kind."""
    denied: dict[str, str] = field(default_factory=dict)
    """Host (or parent domain) -> why it is denied."""

    def kind_of_host(self, host: str | None, own: str | None = None) -> SourceKind:
        """The kind of a host: by the table, else `official` when it is the organisation's own (`own`), else
        `other`."""
        if host is None:
            return SourceKind.OTHER
        entry = _matching(host, self.kinds)
        if entry is not None:
            return self.kinds[entry]
        if own and _matching(host, frozenset([own])):
            return SourceKind.OFFICIAL
        return SourceKind.OTHER

    def denial(self, url: str | None) -> str | None:
        """Why a URL's host is denied ('' when the list says no reason), or None when it is not."""
        host = host_of(url)
        entry = _matching(host, self.denied) if host else None
        return None if entry is None else self.denied[entry]

    def classified(self, source: Source, own: str | None = None) -> Source:
        """The source with its kind: as stated, else by its URL's host."""
        if source.kind_stated:
            return source
        return replace(source, kind=self.kind_of_host(host_of(source.url), own))


EMPTY = KindTable()
