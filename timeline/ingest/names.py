"""The data's names in every form a release writes them: English and Russian, full and short, any case form
(«в Республике Казахстан», «Кыргызской Республике»), found in a sentence by their keys (text.keys)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline.core.organisation import Organisation
from timeline.ingest.text import STOPWORDS, Token, keys, stem

MEMBER_ALIASES = {
    "am": ["Republic of Armenia", "Armenian", "Армянский"],
    "by": ["Republic of Belarus", "Belarusian", "Belorussia", "Белорусский", "Белоруссия"],
    "kz": ["Republic of Kazakhstan", "Kazakh", "Kazakhstani", "Казахстанский"],
    "kg": ["Kyrgyz Republic", "Kyrgyz", "Kirghizia", "Кыргызская Республика", "Киргизия", "Киргизская Республика",
           "Кыргызский", "Киргизский"],
    "ru": ["Russian Federation", "Российская Федерация", "Российский"],
    "tj": ["Republic of Tajikistan", "Tajik", "Таджикский"],
    "uz": ["Republic of Uzbekistan", "Uzbek", "Узбекский"],
}  # fmt: skip
"""Official long forms and adjectives of member states that their data names do not give (the key is the member
id; an alias is used only for a member of that id in the data)."""
_PERSON_SURNAME = re.compile(r"[^\W\d_][\w'’-]*$")


@dataclass(frozen=True)
class Candidate:
    """What a name can stand for: a kind of fact (org, body, office, member, place, person), its organisation, id."""

    kind: str
    org: str
    id: str


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: its character span and every fact it can stand for."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    first: int = -1
    """The index of its first word among the sentence's content words (stopwords and CSTO-like abbreviations out)."""
    last: int = -1

    def of(self, kind: str) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.kind == kind)


@dataclass
class NameIndex:
    """Every name of the organisations' facts by its keys; built once, then read for every sentence."""

    names: dict[tuple[str, ...], set[Candidate]] = field(default_factory=dict)
    shorts: set[tuple[str, ...]] = field(default_factory=set)
    """Keys of abbreviations (CSC, СКБ): found only where the text writes them in capitals."""
    longest: int = 1
    org_shorts: set[str] = field(default_factory=set)
    """Organisations' one-word abbreviations (CSTO, ОДКБ): found on their own, and skipped inside other names (the
    Chairman of the CSTO Interstate Commission is the Chairman of the Interstate Commission)."""

    def add(self, name: str | None, candidate: Candidate, short: bool = False) -> None:
        if not name:
            return
        key = keys(name)
        if not key:
            return
        self.names.setdefault(key, set()).add(candidate)
        self.longest = max(self.longest, len(key))
        if short:
            self.shorts.add(key)

    def find(self, words: list[Token], kinds: Iterable[str] | None = None) -> list[Mention]:
        """The names in a sentence's words, longest first at each word, left to right (stopwords skipped)."""
        wanted = set(kinds) if kinds is not None else None
        found, content = [], []
        for t in words:
            if t.key in self.org_shorts and t.text.isupper():
                hits = self.names[(t.key,)]
                if wanted is None or "org" in wanted:
                    found.append(Mention(t.start, t.end, t.text, tuple(sorted(hits, key=lambda c: c.org))))
            elif t.key not in STOPWORDS:
                content.append(t)
        i = 0
        while i < len(content):
            for length in range(min(self.longest, len(content) - i), 0, -1):
                span = content[i : i + length]
                key = tuple(t.key for t in span)
                hits = self.names.get(key)
                if hits and key in self.shorts and not all(t.text.isupper() for t in span):
                    hits = None
                if hits and wanted is not None:
                    hits = {c for c in hits if c.kind in wanted}
                if hits:
                    ordered = tuple(sorted(hits, key=lambda c: (c.kind, c.org, c.id)))
                    found.append(Mention(span[0].start, span[-1].end, "", ordered, i, i + length - 1))
                    i += length
                    break
            else:
                i += 1
        return sorted(found, key=lambda m: m.start)


def build_index(orgs: Iterable[Organisation]) -> NameIndex:
    """The names of every organisation, body, office, member state, place and person in the data."""
    index = NameIndex()
    for org in orgs:
        add = index.add
        for name in (org.name, *org.names.values()):
            add(name, Candidate("org", org.id, org.id))
        for short in (org.short, *org.shorts.values()):
            add(short, Candidate("org", org.id, org.id), short=True)
            if short and " " not in short.strip():
                index.org_shorts.add(stem(short))
        bodies = {b.id: b for b in org.bodies}
        for body in org.bodies:
            found = Candidate("body", org.id, body.id)
            for name in (body.name, *body.names.values()):
                add(name, found)
                add(re.split(r"\s+(?:under|при)\s+", name)[0], found)
            for short in (body.short, *body.shorts.values()):
                add(short, found, short=True)
        for office in org.offices:
            found = Candidate("office", org.id, office.id)
            body = bodies.get(office.body or "")
            for name in (office.name, *office.names.values()):
                add(name, found)
                for short in (body.short, *body.shorts.values()) if body else ():
                    if short and short in name:
                        for long in (body.name, *body.names.values()):
                            add(name.replace(short, long), found)
        for member in org.members:
            found = Candidate("member", org.id, member.id)
            for name in (member.name, *member.names.values(), *MEMBER_ALIASES.get(member.id, ())):
                add(name, found)
        for place in org.places:
            for name in (place.city, *place.names.values()):
                add(name, Candidate("place", org.id, place.id))
        for person in org.people:
            found = Candidate("person", org.id, person.id)
            for name in (person.name, *person.names.values()):
                add(name, found)
                surname = _PERSON_SURNAME.search(name)
                if surname and len(surname.group()) > 3:
                    add(surname.group(), found)
    return index


def same_key(first: str, second: str) -> bool:
    """True when two words are one word in two case forms (Республика, Республике)."""
    return stem(first) == stem(second)
