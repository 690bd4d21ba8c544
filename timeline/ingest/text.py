"""Sentences with their place in the document, tokens with their keys, and a small Russian stemmer."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)]*(?P<gap>\s+)(?=[\"«“(]?[A-ZА-ЯЁ0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-ZА-ЯЁ]|\b(?:Mr|Mrs|Ms|Dr|No|St|Gen|Col|Lt|Jr|Sr|vs|etc|г|гг|им|т|ст|ген|тел|Inc|Ltd)|\.[A-Za-z])\.$"
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_DATELINE = re.compile(r"^\s*([0-3]?[0-9]\.[01]?[0-9]\.(?:19|20)[0-9]{2})\s*")
_CYRILLIC = re.compile(r"[а-яё]")
RU_ENDINGS = sorted(
    [
        "ыми",
        "ими",
        "ого",
        "его",
        "ому",
        "ему",
        "ией",
        "ая",
        "яя",
        "ое",
        "ее",
        "ой",
        "ей",
        "ий",
        "ый",
        "ую",
        "юю",
        "ом",
        "ем",
        "ым",
        "им",
        "ых",
        "их",
        "ые",
        "ие",
        "ия",
        "ии",
        "ию",
        "ья",
        "ьи",
        "ью",
        "ам",
        "ям",
        "ах",
        "ях",
        "а",
        "я",
        "о",
        "е",
        "у",
        "ю",
        "ы",
        "и",
        "ь",
        "й",
    ],
    key=len,
    reverse=True,
)
"""Russian case and gender endings the stemmer strips (longest first)."""
STOPWORDS = frozenset(
    [
        "the",
        "of",
        "a",
        "an",
        "and",
        "on",
        "for",
        "in",
        "at",
        "to",
        "by",
        "with",
        "from",
        "under",
        "as",
        "its",
        "it",
        "their",
        "this",
        "that",
        "о",
        "в",
        "во",
        "на",
        "по",
        "при",
        "и",
        "с",
        "со",
        "к",
        "ко",
        "у",
        "от",
    ]
)
"""Words left out of name matching, in both languages ('Council of Heads of State' is council, heads, state)."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document, verbatim, with where it starts, and the dateline in force where it stands."""

    text: str
    start: int
    paragraph: int
    dateline: str | None = None
    """The dd.mm.yyyy date a line of the document opened with before this sentence (a release's own date)."""


@dataclass(frozen=True)
class Token:
    """A word: its text as written, its key for matching (lower case, ё as е, Russian endings stripped), and span."""

    text: str
    key: str
    start: int
    end: int


def stem(word: str) -> str:
    """A Russian word's stem for matching case forms (Республике, Республикой -> республик); other words lowered."""
    word = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(word):
        return word.removesuffix("'s").removesuffix("’s")
    for ending in RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def tokens(text: str) -> list[Token]:
    """The words of a text with their keys and character spans."""
    return [Token(m.group(), stem(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def keys(text: str) -> tuple[str, ...]:
    """The matching keys of a name: its words' stems, stopwords left out."""
    return tuple(t.key for t in tokens(text) if t.key not in STOPWORDS)


def sentences(text: str) -> list[Sentence]:
    """The document's sentences in order: lines are paragraphs; a line opening with a dd.mm.yyyy date (a release's
    dateline, as in the CSTO's pages) sets the date in force and is not part of the sentence after it."""
    found: list[Sentence] = []
    offset, dateline = 0, None
    for number, line in enumerate(text.split("\n")):
        start = offset
        offset += len(line) + 1
        head = _DATELINE.match(line)
        if head:
            dateline = head.group(1)
            line, start = line[head.end() :], start + head.end()
        found += [Sentence(s, start + at, number, dateline) for at, s in _split(line)]
    return found


def _split(line: str) -> list[tuple[int, str]]:
    """The sentences of one line, each with its offset in the line, stripped of surrounding blanks."""
    parts, begin = [], 0
    for match in _SENTENCE_END.finditer(line):
        if _ABBREVIATION.search(line[begin : match.start()]):
            continue
        parts.append((begin, line[begin : match.start("gap")]))
        begin = match.end()
    parts.append((begin, line[begin:]))
    out = []
    for at, part in parts:
        stripped = part.strip()
        if stripped:
            out.append((at + len(part) - len(part.lstrip()), stripped))
    return out
