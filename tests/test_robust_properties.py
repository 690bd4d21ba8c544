"""Issue 24's property: whatever the data folder, field values, paths and command line, a run either succeeds or
fails with one line per problem, no traceback and a non-zero exit, and a failed run leaves the data and the published
site byte-for-byte as they were (a build never writes where it reads data, in any case).

The fast lane runs a few generated cases each; `-m slow` runs many more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers.tree import digest
from timeline.cli import app
from timeline.errors import DataErrors
from timeline.load import load_organisation

runner = CliRunner()
FIXTURE = Path(__file__).parent / "fixtures" / "data"
FAST = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
LONG = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

# What careless and hostile data looks like -------------------------------------------------------------------------

TRICKY = [
    "!!int abc", "!!int ''", "!!bool maybe", "!!str 12", "9" * 5000, "-0", "+7", "1\u00b2:00",
    "\u0662\u0660\u0662\u0664",
    "\uff12\uff10\uff12\uff14-\uff10\uff11", "Europe", "localtime", "Etc/GMT+3", "P401Y", "P99999999999Y", "P0D",
    '"a\\nb"', '"a\\u2028b"', '"https://exa\\u202emple.org/"', '"https://x\\u200b.org/"', "2024-02-30", "2024-Q5",
    "[]", "{}", "~", "null", "''", "yes", "NO", "1e3", "0x1f", "12:60", "&a x", "*a", "!secret x", "ru", "a" * 300,
]  # fmt: skip
scalar = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30).map(
        lambda t: '"' + t.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
FIELDS = {
    "terms": ["id", "office", "holder", "start", "end", "length", "status", "person"],
    "events": ["id", "body", "title", "date", "last_day", "time", "end_time", "place", "status"],
    "offices": ["id", "name", "body", "seats", "term_length", "holder"],
    "places": ["id", "city", "country", "tz", "member"],
    "sources": ["id", "title", "url", "date"],
    "members": ["id", "name", "joined"],
}
FILLED = {
    "terms": {"id": "t-x", "office": "secretary-general", "holder": "ivanov", "start": "2030-01-01"},
    "events": {"id": "e-x", "body": "council", "title": "A session", "date": "2020-05-02"},
    "offices": {"id": "o-x", "name": "An office", "body": "council"},
    "places": {"id": "p-x", "city": "A city", "country": "A country", "tz": "Europe/Minsk"},
    "sources": {"id": "s-x", "title": "A page", "url": "https://example.org/"},
    "members": {"id": "zz", "name": "Zedland"},
}


@st.composite
def entries(draw) -> tuple[str, str]:
    """A data file's name and text: one entry of a kind, its fields well filled but for a few generated values."""
    kind = draw(st.sampled_from(sorted(FIELDS)))
    fields = dict(FILLED[kind])
    for key in draw(st.lists(st.sampled_from(FIELDS[kind]), min_size=1, max_size=3, unique=True)):
        fields[key] = draw(scalar)
    body = ", ".join(f"{k}: {v}" for k, v in fields.items())
    return f"{kind}-generated.yaml", f"- {{{body}, sources: [charter]}}\n"


NAMES = [
    "organisation.yml", "Organisation.yaml", "organization.yaml", "people.YAML", "Terms.yaml", ".#terms.yaml",
    "terms.yaml~", ".terms.yaml.swp", "#terms.yaml#", "notes.txt", "README.md", "unknown.yaml", "terms-x.yml",
]  # fmt: skip


def one_line_each(result) -> None:
    """The run succeeded, or failed with a non-zero exit and printable one-line messages, never a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code != 0:
        assert "Traceback" not in result.output and result.stderr.strip(), result.output
        assert all(line.strip() and len(line) <= 700 for line in result.stderr.splitlines()), result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    """A data folder and the site published from it (each case works on copies)."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(FIXTURE, root / "data")
    assert runner.invoke(app, ["build", "--data", str(root / "data"), "--out", str(root / "site")]).exit_code == 0
    return root / "data", root / "site"


def copies(site: tuple[Path, Path], tmp_path_factory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("case")
    shutil.copytree(site[0], work / "data", symlinks=True)
    shutil.copytree(site[1], work / "site", symlinks=True)
    return work / "data", work / "site"


def generated_values(site, tmp_path_factory, entry) -> None:
    data, out = copies(site, tmp_path_factory)
    name, text = entry
    (data / "testorg" / name).write_text(text, encoding="utf-8")
    try:
        load_organisation(data / "testorg")
    except DataErrors as failed:
        assert all("\n" not in str(e) for e in failed.errors)
    data_before, site_before = digest(data), digest(out)
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(out)])
    one_line_each(result)
    assert digest(data) == data_before
    if result.exit_code != 0:
        assert digest(out) == site_before


def generated_folders(site, tmp_path_factory, names, contents) -> None:
    data, out = copies(site, tmp_path_factory)
    for name, content in zip(names, contents, strict=False):
        target = data / "testorg" / name
        header = data / "testorg" / "organisation.yaml"
        if name == "organisation.yml" or name.startswith("Organi"):  # the header renamed, not doubled
            if header.exists():  # (once: a second near-miss name finds it renamed already)
                header.replace(target)
        elif content is None:
            target.unlink(missing_ok=True)
            target.symlink_to("user@host.42:1700000000")  # an editor's lock: a link to nothing
        else:
            target.write_text(content, encoding="utf-8")
    data_before, site_before = digest(data), digest(out)
    for args in (["validate"], ["build", "--out", str(out)], ["who-chairs", "--org", "testorg"]):
        result = runner.invoke(app, [*args, "--data", str(data)])
        one_line_each(result)
    assert digest(data) == data_before
    if result.exit_code != 0:
        assert digest(out) == site_before


PATHS = ["", ".", "..", "data", "data/testorg", "data/testorg/terms.yaml", "site", "site/sub", "new", "data/../site"]
OPTIONS = st.lists(
    st.sampled_from(["--out", "--data", "-o", "--org", "--base-url", "--check", "--fresh", "--json", "--lang"])
    | st.sampled_from(PATHS)
    | st.sampled_from(["build", "validate", "ics", "html", "who-chairs", "testorg", "testorg-chairmanship", "ru"]),
    max_size=7,
)


def generated_command_lines(site, tmp_path_factory, monkeypatch, command, args) -> None:
    data, out = copies(site, tmp_path_factory)
    monkeypatch.chdir(data.parent)
    data_before, site_before = digest(data), digest(out)
    result = runner.invoke(app, [command, *args], env={"TIMELINE_DATA": "data", "TIMELINE_NO_CACHE": "1"})
    one_line_each(result)
    assert digest(data) == data_before, "the data changed"
    if result.exit_code != 0:
        assert digest(out) == site_before, "a failed run changed the published site"


def _cases(profile):
    @profile
    @given(entry=entries())
    def values(site, tmp_path_factory, entry):
        generated_values(site, tmp_path_factory, entry)

    @profile
    @given(
        names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True),
        contents=st.lists(st.none() | st.sampled_from(["- {broken: [\n", "[]\n", ""]), min_size=3, max_size=3),
    )
    def folders(site, tmp_path_factory, names, contents):
        generated_folders(site, tmp_path_factory, names, contents)

    @profile
    @given(command=st.sampled_from(["build", "validate", "ics", "html", "who-chairs"]), args=OPTIONS)
    def command_lines(site, tmp_path_factory, monkeypatch, command, args):
        generated_command_lines(site, tmp_path_factory, monkeypatch, command, args)

    return values, folders, command_lines


test_generated_field_values, test_generated_data_folders, test_generated_command_lines = _cases(FAST)
_slow = _cases(LONG)
test_many_generated_field_values = pytest.mark.slow(_slow[0])
test_many_generated_data_folders = pytest.mark.slow(_slow[1])
test_many_generated_command_lines = pytest.mark.slow(_slow[2])
