"""Source kinds (the curated host table, stated kinds), the source checks of `validate --strict`, `timeline sources`
and `timeline review` (issue 21). Every CLI test fixes TIMELINE_TODAY, so none changes with the calendar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.core.model import Source, SourceKind
from timeline.core.sourcekinds import KindTable, host_of
from timeline.errors import DataErrors
from timeline.load import default_data_dir, load_all
from timeline.load.kinds import KINDS_FILE, kind_table

runner = CliRunner()
TABLE = """\
official: [example.org, un.org]
press: [news.un.org]
reference: [wikipedia.org]
deny:
  spam.example.net: a content farm
"""


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_a_host_takes_the_kind_of_its_longest_listed_domain():
    table = KindTable(
        kinds={"un.org": SourceKind.OFFICIAL, "news.un.org": SourceKind.PRESS}, denied={"spam.net": "a farm"}
    )
    assert host_of("https://www.Press.UN.org/en/2024/sc1.doc.htm") == "press.un.org"
    assert table.kind_of_host("press.un.org") is SourceKind.OFFICIAL
    assert table.kind_of_host("news.un.org") is SourceKind.PRESS
    assert table.kind_of_host("notun.org") is SourceKind.OTHER  # a suffix, not a parent domain
    assert table.kind_of_host("odkb-csto.org", own="odkb-csto.org") is SourceKind.OFFICIAL
    assert table.denial("http://a.spam.net/x?u=https://un.org") == "a farm"
    assert table.denial("https://un.org/?u=spam.net") is None


def test_a_stated_kind_wins_over_the_host():
    table = KindTable(kinds={"wikipedia.org": SourceKind.REFERENCE})
    stated = Source(id="s", title="t", url="https://en.wikipedia.org/x", kind=SourceKind.PRESS, kind_stated=True)
    derived = Source(id="s", title="t", url="https://en.wikipedia.org/x")
    assert table.classified(stated).kind is SourceKind.PRESS
    assert table.classified(derived).kind is SourceKind.REFERENCE


def test_the_bundled_table_classifies_most_bundled_sources_and_lists_the_known_bad_hosts():
    table = kind_table(default_data_dir())
    sources = [s for org in load_all(default_data_dir()).values() for s in org.sources_by_id.values() if s.url]
    unlisted = [s for s in sources if not any(h in table.kinds for h in _domains(host_of(s.url) or ""))]
    assert len(unlisted) < len(sources) / 10, sorted({host_of(s.url) for s in unlisted})
    for host in ("hqproductreviews.com", "news.hanna-ai.com", "srochnodengi.su", "menafn.com", "see.news"):
        assert table.denial(f"https://{host}/x") is not None, host
    assert table.kind_of_host("press.un.org") is SourceKind.OFFICIAL
    assert table.kind_of_host("en.wikipedia.org") is SourceKind.REFERENCE


def _domains(host: str) -> list[str]:
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


def test_a_malformed_table_is_reported_with_its_lines(tmp_path):
    (tmp_path / KINDS_FILE).write_text("official: [un.org, 'not a host']\npress: [un.org]\nrumour: [x.org]\n")
    with pytest.raises(DataErrors) as failed:
        kind_table(tmp_path)
    text = str(failed.value)
    assert f"{KINDS_FILE}:1: 'not a host' is not a host name" in text
    assert f"{KINDS_FILE}:2: host 'un.org' is listed twice (first on line 1)" in text
    assert f"{KINDS_FILE}:3: unknown kind 'rumour'" in text


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_validate_strict_fails_on_weak_shared_and_denied_sources(data_copy, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    (data_copy / KINDS_FILE).write_text(TABLE, encoding="utf-8")
    assert invoke("validate", "--strict", "--data", str(data_copy)).exit_code == 0
    folder = data_copy / "testorg"
    _append(
        folder / "sources.yaml",
        '- {id: wiki, title: "Wiki page", url: "https://en.wikipedia.org/wiki/TOS"}\n'
        '- {id: farm, title: "Farm copy", url: "https://spam.example.net/tos"}\n'
        '- {id: press-1-again, title: "Same page", url: "https://example.org/tos/press/1?a=1&b=2"}\n',
    )
    terms = (folder / "terms.yaml").read_text(encoding="utf-8")
    terms = terms.replace("person: ccpres, sources: [press-2]", "person: ccpres, sources: [wiki]")
    terms = terms.replace(
        "end: 2023-01-01, sources: [charter]", "end: 2023-01-01, sources: [charter, farm, press-1-again]"
    )
    (folder / "terms.yaml").write_text(terms, encoding="utf-8")
    result = invoke("validate", "--strict", "--data", str(data_copy))
    assert result.exit_code == 1
    out = result.output
    assert "terms.yaml:3: term 'chair-cc-2024' rests on reference sources alone" in out
    assert (
        "terms.yaml:3: term 'chair-cc-2024', a current or decided chair, has reference sources but no official" in out
    )
    assert "sources.yaml:5: source 'farm' cites a denied host (a content farm): https://spam.example.net/tos" in out
    assert "sources.yaml:6: source 'press-1-again' shares its URL" in out and "with source 'press-1'" in out
    assert "--strict: 4 problems" in out
    assert invoke("validate", "--data", str(data_copy)).exit_code == 0  # without --strict, reported only


def test_sources_counts_kinds_and_lists_the_weakest_first(data_copy, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    (data_copy / KINDS_FILE).write_text(TABLE, encoding="utf-8")
    _append(data_copy / "testorg" / "sources.yaml", '- {id: wiki, title: "Wiki", url: "https://en.wikipedia.org/w"}\n')
    events = data_copy / "testorg" / "events.yaml"
    text = events.read_text(encoding="utf-8").replace(
        "  sources: [press-2]\n  announced", "  sources: [wiki]\n  announced"
    )
    events.write_text(text, encoding="utf-8")
    result = invoke("sources", "--data", str(data_copy), "--json", "--weakest", "2")
    assert result.exit_code == 0, result.output
    [part] = json.loads(result.output)["organisations"]
    assert part["sources"] == {"official": 3, "press": 0, "reference": 1, "other": 0}
    assert [w["kinds"] for w in part["weakest"]] == [["reference"], ["official"]]
    assert part["weakest"][0]["fact"] == "event 'autumn-2024'"
    text = invoke("sources", "--data", str(data_copy), "--weakest", "1", "--lang", "ru").output
    assert "testorg: источники: 3 официальный, 1 справочный" in text and "event 'autumn-2024' — справочный" in text


def test_review_lists_what_has_gone_stale_as_of_a_fixed_day(fixture_data, monkeypatch):
    monkeypatch.setenv("TIMELINE_TODAY", "2024-06-01")
    fresh = invoke("review", "--strict", "--data", str(fixture_data))
    assert fresh.exit_code == 0 and "testorg: nothing stale as of 1 Jun 2024" in fresh.output
    monkeypatch.setenv("TIMELINE_TODAY", "2025-01-15")
    stale = invoke("review", "--strict", "--data", str(fixture_data))
    assert stale.exit_code == 1
    assert "event 'autumn-2024' is still planned for Q4 2024, which has passed" in stale.output
    assert "data checked 1 Jun 2024, 228 days ago (more than 90)" in stale.output
    assert "term has begun: computed by the rotation rule:" in stale.output
    assert "session 'autumn-2024' has passed, but the next chair, 'council-chair-2025-01-01'" in stale.output
    [part] = json.loads(invoke("review", "--data", str(fixture_data), "--json", "--max-age", "365").output)[
        "organisations"
    ]
    assert part["data_age_days"] is None and [e["event"] for e in part["past_planned"]] == ["autumn-2024"]
    assert [(d["session"], d["holder"]) for d in part["due"]] == [("autumn-2024", "aa")]  # the last session only
    assert {(t["holder"], t["status"]) for t in part["begun"]} == {("aa", "projected")}


def test_the_page_table_shows_each_source_s_kind(fixture_tl):
    from tests.helpers.dataset import FIXTURE_ASOF
    from timeline.render.html.table import facts_tables
    from timeline.render.lang import language
    from timeline.render.view import View

    english = facts_tables(View(fixture_tl, FIXTURE_ASOF))
    russian = facts_tables(View(fixture_tl, FIXTURE_ASOF, language("ru")))
    assert "20 Jan 2024: Press release: winter session (TOS press release no. 2)" in english
    assert '<span class="kind">(official)</span>' in english and '<span class="kind">(официальный)</span>' in russian
