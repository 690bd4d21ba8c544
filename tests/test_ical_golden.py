"""Golden feeds of the fixture dataset, compared byte for byte.

After an intended change, regenerate them and review the diff:

    python -m pytest tests/test_ical_golden.py --update-golden
    git diff tests/golden/ical/
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.dataset import FIXTURE_ASOF
from timeline.render.ical.feeds import render_feeds
from timeline.render.view import View

GOLDEN = Path(__file__).parent / "golden" / "ical" / "testorg"
STAMP = datetime(2024, 6, 1, tzinfo=UTC)


def rendered(tl) -> dict[str, bytes]:
    feeds, _ = render_feeds(View(tl, FIXTURE_ASOF), stamp=STAMP, base_url="https://example.org/timeline")
    return {feed.name: feed.content for feed in feeds}


def test_fixture_feeds_match_the_golden_files(fixture_tl, update_golden):
    feeds = rendered(fixture_tl)
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for stale in GOLDEN.glob("*.ics"):
            stale.unlink()
        for name, content in feeds.items():
            (GOLDEN / name).write_bytes(content)
        pytest.skip(f"golden feeds rewritten in {GOLDEN}")
    assert sorted(p.name for p in GOLDEN.glob("*.ics")) == sorted(feeds), "feeds added or gone: --update-golden"
    for name, content in feeds.items():
        expected = (GOLDEN / name).read_bytes()
        assert content.decode("utf-8").splitlines() == expected.decode("utf-8").splitlines(), name
        assert content == expected, f"{name}: same lines, different bytes (line ends?)"
