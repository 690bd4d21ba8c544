"""`timeline who-chairs` answered from the answers cache, without typer, the model or the rotation machinery.

A query the full path answered leaves, per organisation, its resolved answer for the span asked about
(`cli.answers_kept`): one JSON file per organisation in <cache>/answers/, holding the parts of the lines that do not
depend on the day (`text.chair_parts`), the JSON answer, the handover and next-turn lines of a day, and the words
the lines need. A later query for the same span, on any day, in any of its modes (text or --json, --lang, --org,
--data, TIMELINE_TODAY) is put together here from those parts and the day's relative phrases (`cli.phrases` keeps
them): the same bytes the full path prints. Each file is keyed by its organisation's data files (names, sizes,
modification times, and the source-kind table's) and by every source file of the package, so any edit to the data
or the code is a miss. Anything this module does not recognise (another form of date, an organisation named
otherwise than by its id, --help, a missing phrase, an unreadable file) is a miss too, and the full path answers.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from timeline import stamps
from timeline.datafiles import ORG_FILE, expected_name, is_editor_file, kind_of
from timeline.render.plain import CODES, Sentences, chair_text, from_environment, gloss, humanized

FOLDER = "answers"
"""The answers' folder in the cache folder."""
FORMAT = 1
"""The layout of an answers file (a file of another layout is a miss)."""
PHRASES = "phrases.json"
"""The relative phrases worded earlier today (`cli.phrases.FILE`)."""
YEARS = (1900, 2100)
"""The years answered here: within the years timeline supports (`core.dates`), the rest go the full path."""
VALUED = ("--org", "--lang", "--data")


class Miss(Exception):
    """The cache cannot give this answer byte for byte: the full path answers it."""


def answers_path(folder: Path) -> Path:
    """The answers file of an organisation folder: its name and a checksum of its full path."""
    where = stamps.identity(folder)
    return stamps.cache_dir() / FOLDER / f"{folder.name}-{zlib.crc32(where.encode()):08x}.json"


def answer(args: list[str]) -> int | None:
    """Print the answer to `timeline <args>` (`who-chairs ...`) from the cache and return the exit code; None, having
    printed nothing, when the cache cannot give it."""
    try:
        if sys.stdout is None or (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "") != "utf8":
            raise Miss("no standard output, or not in UTF-8")
        text = answer_text(args, os.environ)
    except Exception:  # a miss, or a file not as written: the cache only ever saves time
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:  # as the full path reports it (cli.common.OneLineErrors)
        from timeline.cli import common

        common._quiet_stdout()
        if not isinstance(error, BrokenPipeError):
            common._say(f"error: {common.output_problem(error, 'standard output')}")
        return 1
    return 0


def answer_text(args: list[str], environ: Mapping[str, str]) -> str:
    """The text `timeline <args>` prints; Miss when the cache cannot give it."""
    if environ.get("TIMELINE_NO_CACHE"):
        raise Miss("the cache is bypassed")
    when, orgs, as_json, lang, data = _options(args)
    today = _today(environ.get("TIMELINE_TODAY"))
    code = lang or from_environment(environ)
    asked, day = _when(when, today)
    root = data or _data_from(environ)
    folders = _organisations(root)
    wanted = list(dict.fromkeys(orgs)) if orgs else list(folders)
    if any(org not in folders for org in wanted):
        raise Miss("an organisation not named by its id")
    code_stamps, table = stamps.code_stamps(), stamps.kinds_path(root)
    kept = [k for k in (_kept(folders[org], code_stamps, table) for org in wanted) if k.get("chair")]
    if not kept:
        raise Miss("no organisation with a chair")
    entries = [k["spans"][asked] for k in kept]
    if as_json:
        payload = {**entries[0]["answer"], "organisations": [e["json"] for e in entries]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return "\n".join(_lines(kept, entries, code, today, day)) + "\n"


def _options(args: list[str]) -> tuple[str | None, list[str], bool, str | None, Path | None]:
    """WHEN, the organisations, --json, --lang and --data of `who-chairs ...`, as the full path reads them."""
    if not args or args[0] != "who-chairs":
        raise Miss("another command")
    words, orgs, as_json, given = [], [], False, {}
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif name in VALUED:
            value = value if equals else next(rest)
            if name == "--org":
                orgs += [o.strip() for o in value.split(",")]
            elif name in given:
                raise Miss(f"{name} given twice")
            given[name] = value
        elif arg.startswith("-") or not arg.strip():
            raise Miss("an option or an argument read elsewhere")
        else:
            words.append(arg)
    lang = given.get("--lang")
    blank = "" in orgs or not all(map(str.strip, given.values()))
    if blank or (lang is not None and lang.strip().lower() not in CODES):
        raise Miss("a value the full path refuses")
    data = Path(given["--data"]) if "--data" in given else None
    return (" ".join(words).strip() if words else None), orgs, as_json, lang and lang.strip().lower(), data


def _today(fixed: str | None) -> date:
    """TIMELINE_TODAY when set (as `cli.common.today` reads it), else the system date."""
    if not fixed:
        return date.today()
    if not re.fullmatch(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*", fixed):
        raise Miss("TIMELINE_TODAY is not a day")
    return _day(fixed.strip())


def _day(text: str) -> date:
    day = date.fromisoformat(text)
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise Miss("a year answered by the full path")
    return day


def _when(when: str | None, today: date) -> tuple[str, date | None]:
    """The span asked about as the answers file keys it ('2025', '2025-03', '2025-03-07': the partial date's text)
    and, for a day, that day."""
    if when is None:
        return today.isoformat(), today
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", when):
        return when, _day(when)
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2})?", when):
        _day(f"{when}-01" if "-" in when else f"{when}-01-01")  # a month 01-12 and a year answered here
        return when, None
    raise Miss("a date in other words")


def _data_from(environ: Mapping[str, str]) -> Path:
    """TIMELINE_DATA when set, else the bundled data."""
    if "TIMELINE_DATA" in environ:
        if not environ["TIMELINE_DATA"].strip():
            raise Miss("TIMELINE_DATA is empty")
        return Path(environ["TIMELINE_DATA"])
    return stamps.default_data_dir()


def _organisations(root: Path) -> dict[str, Path]:
    """The organisation folders of a data folder, as `load.organisation_dirs` finds them; Miss where it would
    report a problem."""
    found = {}
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if is_editor_file(entry.name) or not entry.is_dir():
            continue
        names = os.listdir(entry.path)
        if ORG_FILE in names:
            found[entry.name] = Path(root, entry.name)
        elif any(expected_name(n) == ORG_FILE or (kind_of(Path(n)) and expected_name(n)) for n in names):
            raise Miss("a folder the loader reports")
    if not found:
        raise Miss("no organisation")
    return found


def _kept(folder: Path, code_stamps: list[str], table: Path | None) -> dict:
    """An organisation's answers file when its key is the folder's and the code's now."""
    with open(answers_path(folder), encoding="utf-8") as handle:
        kept = json.load(handle)
    if kept.get("format") != FORMAT or kept.get("key") != stamps.organisation_key(folder, code_stamps, table)[0]:
        raise Miss("another key")
    return kept


def _lines(kept: list[dict], entries: list[dict], code: str, today: date, day: date | None) -> list[str]:
    """The text answer, as `cli.query.who_chairs` puts it together."""
    is_today = day == today
    phrases: dict[str, str] = {}
    worded: dict[str, str] = {}  # the phrases arrow worded for this answer
    read: list[bool] = []  # whether the day's phrases were read

    def relative(when: date, since: date) -> str:
        if when == since:
            return say("today")
        key = f"{code} {since.isoformat()} {when.isoformat()}"
        if not read:
            phrases.update(_phrases())
            read.append(True)
        if key not in phrases:  # not worded yet today: arrow words it, and it is kept for the day
            phrases[key] = worded[key] = humanized(code, when, since)
        return phrases[key]

    say = Sentences(kept[0]["words"][code])
    lines, shown = [], set()
    for entry in entries:
        own = entry[code]
        label = own["label_today"] if is_today else own["label"]
        lines += chair_text(own["parts"], today, label, say, relative)
        shown.update(own["statuses"])
        if day is not None:
            lines += own["handover"] + (own["next"] if is_today else [])
    lines += gloss(shown, say)
    if worded:
        _keep_phrases(worded)
    return lines


def _phrases() -> dict[str, str]:
    """The relative phrases kept today (`cli.phrases`); none when the file is missing or unreadable."""
    try:
        with open(stamps.cache_dir() / PHRASES, encoding="utf-8") as handle:
            stored = json.load(handle)
        return dict(stored.get("phrases") or {})
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _keep_phrases(worded: dict[str, str]) -> None:
    """Add the phrases worded here to the day's (`cli.phrases` keeps one day's: the latest); failures are
    ignored."""
    path = stamps.cache_dir() / PHRASES
    try:
        with open(path, encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        stored = {}
    if not isinstance(stored, dict) or not isinstance(stored.get("phrases", {}), dict):
        stored = {}
    stamps.write_json(path, {"phrases": stamps.latest_day({**stored.get("phrases", {}), **worded})})
