"""Every data/<org>/RULE.md follows docs/RULE-template.md: a title, then the template's `##` headings in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.load import default_data_dir

TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "RULE-template.md"
RULES = sorted(default_data_dir().glob("*/RULE.md"))
SECTION = re.compile(r"^## (.+?)\s*\n(?:\s*\n)*(?:<!--(.*?)-->)?", re.M | re.S)


@dataclass(frozen=True)
class Heading:
    """A heading of the template: its words, and where an optional one may stand."""

    title: str
    required: bool
    after: str | None = None
    before: str | None = None


def template() -> list[Heading]:
    """The template's `##` headings, read from the comment under each (required, or optional with its bounds)."""
    found = []
    for match in SECTION.finditer(TEMPLATE.read_text(encoding="utf-8")):
        marker = (match[2] or "").strip()
        after, before = re.search(r"after: ([^;]+)", marker), re.search(r"before: ([^;]+)", marker)
        found.append(
            Heading(
                match[1],
                marker.startswith("required"),
                after[1].strip() if after else None,
                before[1].strip() if before else None,
            )
        )
    return found


def sections(text: str) -> list[str]:
    """The `##` headings of a RULE.md (not `#` nor `###`), outside fenced code."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return [m[1] for m in re.finditer(r"^## (.+?)\s*$", text, re.M)]


def position(found: list[str], title: str) -> int | None:
    """Where a template heading stands: a heading that is its words, or its words and a qualifier after them."""
    pattern = re.compile(rf"{re.escape(title)}(?:$|[:( ,–-])")
    return next((i for i, heading in enumerate(found) if pattern.match(heading)), None)


def test_the_template_has_required_and_optional_sections():
    headings = template()
    assert [h.title for h in headings if h.required] == ["The rule", "Check against the rule", "Could not be verified"]
    titles = {h.title for h in headings}
    assert all(bound in titles for h in headings for bound in (h.after, h.before) if bound)
    assert {h.title for h in headings if not h.required} == {
        "Exceptions and anomalies",
        "What the format could not express",
    }


def test_every_organisation_has_a_rule_md():
    assert {p.parent.name for p in RULES} == {p.name for p in default_data_dir().iterdir() if p.is_dir()}


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.parent.name)
def test_rule_md_follows_the_template(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "a RULE.md starts with its title"
    found = sections(text)
    places = {h.title: position(found, h.title) for h in template()}
    required = [h.title for h in template() if h.required]
    missing = [title for title in required if places[title] is None]
    assert not missing, f"missing sections: {missing} (docs/RULE-template.md)"
    assert [places[t] for t in required] == sorted(places[t] for t in required), "required sections out of order"
    for heading in template():
        where = places[heading.title]
        if heading.required or where is None:
            continue
        assert heading.after is None or where > places[heading.after], f"'{heading.title}' before '{heading.after}'"
        assert heading.before is None or where < places[heading.before], f"'{heading.title}' after '{heading.before}'"


@pytest.mark.parametrize(
    ("headings", "follows"),
    [
        (["The rule", "Check against the rule: every year", "Could not be verified (and how)"], True),
        (["The rule", "Could not be verified", "Check against the rule"], False),
        (["The rules", "Check against the rule", "Could not be verified"], False),
        (["The rule", "Check against the rule", "Could not be verified", "Exceptions and anomalies"], False),
        (["The rule", "What the format could not express", "Check against the rule", "Could not be verified"], False),
        (["The rule", "Exceptions and anomalies", "Check against the rule", "Could not be verified"], True),
    ],
)
def test_the_check_tells_order_and_missing_sections(tmp_path, headings, follows):
    rule = tmp_path / "RULE.md"
    rule.write_text("# X\n\n" + "".join(f"## {h}\n\ntext\n\n" for h in headings), encoding="utf-8")
    try:
        test_rule_md_follows_the_template(rule)
    except AssertionError:
        assert not follows
    else:
        assert follows
