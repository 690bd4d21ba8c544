"""Russian beside English (issue 13): one catalogue per language, CLDR's dates and names, arrow's phrases, --lang.

The Russian answers of the four commands the issue names are goldens in tests/golden/ru/ (`--update-golden`)."""

from __future__ import annotations

import importlib
import json
import os
import re
import string
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.core.dates import PartialDate, Period
from timeline.core.names import Names
from timeline.render.lang import CODES, EN, from_environment, language
from timeline.render.lang import en as en_catalogue

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "ru"
RU = language("ru")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def catalogue(code: str) -> dict:
    return importlib.import_module(f"timeline.render.lang.{code}").WORDS


def categories(code: str) -> set[str]:
    """CLDR's plural categories of whole numbers in a language (Babel's rule; 'other' is always there)."""
    from babel import Locale

    return {Locale.parse(code).plural_form(n) for n in range(200)} | {"other"}


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_every_catalogue_has_english_s_keys_and_placeholders(code):
    english, other = en_catalogue.WORDS, catalogue(code)
    assert english.keys() == other.keys(), set(english) ^ set(other)
    assert categories("en") == {"one", "other"}
    for key, value in english.items():
        translated = other[key]
        assert type(value) is type(translated), key
        if isinstance(value, dict):
            assert set(value) == categories("en") and set(translated) == categories(code), key
            named = set().union(*(fields(form) for form in value.values()))  # a form may leave {n} out ("a year")
            assert named == set().union(*(fields(form) for form in translated.values())), key
            assert all(fields(form) >= named - {"n"} for form in [*value.values(), *translated.values()]), key
        else:
            assert fields(value) == fields(translated), key
            assert (value == "") == (translated == ""), key


@pytest.mark.parametrize("code", CODES)
def test_the_date_patterns_are_cldr_s(code):
    from babel.dates import format_date

    patterns = {k: v for k, v in catalogue(code).items() if k.startswith("cldr.")}
    assert patterns and all("2023" in format_date(date(2023, 11, 5), p, locale=code) for p in patterns.values())
    if code == "en":  # English is written without Babel, the same way
        day, month, quarter = (PartialDate.parse(v) for v in ("2023-11-05", "2023-11", "2023-Q4"))
        assert format_date(date(2023, 11, 5), patterns["cldr.day"], locale="en") == EN.day(day)
        assert format_date(date(2023, 11, 1), patterns["cldr.month"], locale="en") == EN.day(month)
        assert format_date(date(2023, 10, 1), patterns["cldr.quarter"], locale="en") == EN.day(quarter)


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    """Literal keys in the renderers and the CLI (lang("…"), words("…"), .count("…", …)) exist."""
    asked = set()
    for path in (ROOT / "timeline").rglob("*.py"):
        source = path.read_text("utf-8")
        asked |= set(
            re.findall(r"""\b(?:lang|words|self|language_of\(lang\))(?:\.count)?\(\s*["']([a-z_.-]+)["']""", source)
        )
    assert asked, "the scan found the keys"
    assert asked <= en_catalogue.WORDS.keys(), asked - en_catalogue.WORDS.keys()


def reasons_the_engine_gives() -> set[str]:
    """Every Reason key the rotation engine can give: the literal ones in core/rotation, and those it builds from a
    member's standing, a turn's basis and an exception's kind."""
    from timeline.core.model import Standing
    from timeline.core.rotation.rules import EXCEPTIONS

    source = "".join(p.read_text("utf-8") for p in (ROOT / "timeline" / "core" / "rotation").glob("*.py"))
    keys = set(re.findall(r"""Reason\.of\(\s*["']([a-z_.-]+)["']""", source))
    bases = re.findall(r'status, basis = TermStatus\.[A-Z]+, "([a-z_]+)"', source)
    assert len(bases) == 6, "the scan found the engine's six bases"
    keys |= {f"pool.passed_over.{standing.value}" for standing in Standing} | {f"rule.{b}" for b in bases}
    keys |= {"exception.temporary_returns", *(f"exception.{kind}" for kind in EXCEPTIONS)}
    return keys


@pytest.mark.parametrize("code", CODES)
def test_every_reason_the_engine_gives_has_words_in_each_language(code):
    keys = reasons_the_engine_gives()
    assert {"rule.projected", "passed_before", "end.by_rule", "order.used_up", "swap.owed"} <= keys
    missing = {f"reason.{key}" for key in keys} - catalogue(code).keys()
    assert not missing


def test_the_engine_s_reasons_are_worded_in_russian():
    """A projected turn's explanation: the rule in words (never its id), who is skipped and since when, with
    Russian names and CLDR days."""
    from timeline.load import load
    from timeline.render.words import term_note

    tl = load(ROOT / "data", "csto")
    notes = {
        code: [term_note(tl, t, language(code)) for t in tl.terms("csc-chairmanship", date(2029, 12, 31))]
        for code in CODES
    }
    english, russian = notes["en"][-2], notes["ru"][-2]  # Belarus, 2028: Uzbekistan and Armenia skipped
    assert english.startswith(
        "projected by the calendar-year rotation in Russian alphabetical order; Uzbekistan skipped: membership "
        "suspended"
    )
    assert russian == (
        "прогноз по правилу: ежегодная (по календарному году) ротация в порядке русского алфавита; Узбекистан "
        "пропускается: членство приостановлено с 19 декабря 2012; Армения пропускается: участие заморожено с "
        "22 февраля 2024; предполагается, что пропущенные сохранят свой статус до тех пор"
    )
    worded = [n for n in notes["ru"] if n and n.startswith(("прогноз", "выведено"))]
    assert len(worded) >= 5 and not any(re.search(r"[A-Za-z]{3,}", n) for n in worded)
    assert not any("csc-" in n for n in notes["en"][-3:] if n)  # the rule's id is in no projected turn's note


@pytest.mark.parametrize(
    ("value", "english", "russian"),
    [
        ("2025-01-01", "1 Jan 2025", "1 января 2025"),
        ("2022-11-23", "23 Nov 2022", "23 ноября 2022"),
        ("2023-11", "Nov 2023", "ноябрь 2023"),
        ("2023-Q4", "Q4 2023", "4-й квартал 2023"),
        ("2023", "2023", "2023"),
        ("2023-11-05~", "about 5 Nov 2023", "около 5 ноября 2023"),
        ("2023-11~", "about Nov 2023", "около ноября 2023"),
    ],
)
def test_dates_are_written_to_their_precision_in_each_language(value, english, russian):
    partial = PartialDate.parse(value)
    assert EN.day(partial) == english and RU.day(partial) == russian


def test_periods_months_and_relative_phrases():
    span = Period(date(2025, 1, 1), date(2026, 1, 1))
    assert RU.period(span) == "1 января 2025 – 31 декабря 2025"
    assert RU.period(Period(date(2026, 1, 1), None)) == "с 1 января 2026"
    assert RU.month(date(2024, 4, 1)) == "апрель 2024" and EN.month(date(2024, 4, 1)) == "Apr 2024"
    assert RU.relative(date(2026, 1, 1), date(2026, 11, 28)) == "11 месяцев назад"
    assert EN.relative(date(2026, 1, 1), date(2026, 11, 28)) == "11 months ago"
    assert RU.relative(date(2026, 11, 28), date(2026, 11, 28)) == "сегодня"


@pytest.mark.parametrize(
    ("n", "english", "russian"),
    [(1, "1 term", "1 срок"), (2, "2 terms", "2 срока"), (5, "5 terms", "5 сроков"), (11, "11 terms", "11 сроков"),
     (21, "21 terms", "21 срок"), (22, "22 terms", "22 срока"), (0, "0 terms", "0 сроков")],
)  # fmt: skip
def test_counts_follow_each_language_s_plural_rules(n, english, russian):
    assert EN.count("count.terms", n) == english and RU.count("count.terms", n) == russian


def test_the_data_s_russian_name_wins_and_cldr_names_a_state_without_one(csto):
    kyrgyzstan = csto.members["kg"]
    assert RU.name(kyrgyzstan) == "Кыргызстан", "the CSTO writes Кыргызстан; CLDR says Киргизия"
    from dataclasses import replace

    assert RU.name(replace(kyrgyzstan, names=Names())) == "Киргизия"
    assert RU.name(replace(kyrgyzstan, id="xx", names=Names())) == "Kyrgyzstan", "no CLDR name: the English one"
    assert EN.name(kyrgyzstan) == "Kyrgyzstan"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_GB.UTF-8"}, "ru"),
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "ru"}, "ru"),
        ({"TIMELINE_LANG": "EN", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"TIMELINE_LANG": "ru", "LC_ALL": "en_US.UTF-8"}, "ru"),
    ],
)
def test_the_language_comes_from_timeline_lang_then_the_locale(environ, expected):
    assert from_environment(environ) == expected


runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["who-chairs", "2025", "--lang", "de"], {}, "'de' is not one of: en, ru"),
        (["who-chairs", "2025"], {"TIMELINE_LANG": "fr"}, "TIMELINE_LANG is 'fr', expected one of: en, ru"),
    ],
)
def test_an_unknown_language_is_a_one_line_usage_error(args, env, says, monkeypatch):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and says in result.output
    assert len(result.output.strip().splitlines()) == 1


COMMANDS = {
    "who-chairs-2025-csto": ["who-chairs", "2025", "--org", "csto"],
    "who-holds-secretary-general-csto": ["who-holds", "secretary-general", "--on", "2023-06-01", "--org", "csto"],
    "sessions-2022-csto": ["sessions", "--year", "2022", "--org", "csto"],
    "who-chairs-2024-04-unsc": ["who-chairs", "2024-04", "--org", "unsc"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_the_four_answers_are_in_russian(name, monkeypatch, update_golden):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-28")
    result = runner.invoke(app, [*COMMANDS[name], "--lang", "ru"])
    assert result.exit_code == 0, result.output
    english = runner.invoke(app, COMMANDS[name]).output
    assert len(result.output.splitlines()) == len(english.splitlines()), "the same layout as the English answer"
    golden = GOLDEN / f"{name}.txt"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.output, "utf-8")
    assert result.output == golden.read_text("utf-8")
    words = re.sub(r"\(?https?://\S+|\(\d", "", result.output)
    latin = {w for w in re.findall(r"[A-Za-z]{3,}", words)}
    sources = {
        w for line in result.output.splitlines() if "источник:" in line for w in re.findall(r"[A-Za-z]{3,}", line)
    }
    assert latin <= sources, f"only source titles stay in their language: {sorted(latin - sources)}"


def test_json_names_both_languages_and_does_not_change_with_the_language(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-28")
    english = json.loads(runner.invoke(app, ["who-chairs", "2025", "--org", "csto", "--json"]).output)
    russian = json.loads(runner.invoke(app, ["who-chairs", "2025", "--org", "csto", "--json", "--lang", "ru"]).output)
    assert english == russian
    [part] = english["organisations"]
    [chair] = part["chairs"]
    assert chair["member"]["name"] == "Kyrgyzstan" and chair["member"]["name_ru"] == "Кыргызстан"
    assert chair["term"]["holder_name_ru"] == "Кыргызстан" and part["name_ru"].startswith("Организация")


def console(*args: str, cache: Path, **env: str) -> subprocess.CompletedProcess:
    """The console script in a fresh process, reporting its imports (-X importtime) on stderr."""
    code = "import sys; from timeline.cli import main; sys.argv[0] = 'timeline'; main()"
    environment = {**os.environ, "TIMELINE_TODAY": "2026-11-28", "TIMELINE_CACHE": str(cache), **env}
    command = [sys.executable, "-X", "importtime", "-c", code, *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)


def imported(done: subprocess.CompletedProcess) -> set[str]:
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def test_english_never_imports_babel_and_russian_only_until_its_words_are_kept(tmp_path):
    english = console("who-chairs", "2025", "--org", "csto", cache=tmp_path)
    assert english.returncode == 0 and "babel" not in imported(english)
    first = console("who-chairs", "2025", "--org", "csto", "--lang", "ru", cache=tmp_path)
    assert first.returncode == 0 and "babel" in imported(first) and "Кыргызстан" in first.stdout
    again = console("who-chairs", "2025", "--org", "csto", "--lang", "ru", cache=tmp_path)
    assert again.stdout == first.stdout
    assert not {"babel", "arrow"} & imported(again), "CLDR's words and arrow's phrases are kept for the day"


def test_a_body_is_found_by_its_russian_abbreviation_or_name(monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2026-11-28")
    by_short = runner.invoke(app, ["sessions", "--year", "2022", "--body", "СКБ", "--lang", "ru"])
    by_name = runner.invoke(app, ["sessions", "--year", "2022", "--body", "совет коллективной безопасности"])
    assert by_short.exit_code == 0 and "5 сессий в 2022 году" in by_short.output
    assert by_name.exit_code == 0 and "5 sessions in 2022" in by_name.output
