"""Concurrent and killed builds of one output folder, at a small size: scripts/stress_builds.py runs them bigger.

Real `timeline build` processes on the fixture data, each with a marker of its own in one event's title.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.stress  # builds killed and run concurrently, over and over

pytest.importorskip("fcntl")  # the lock, and the reader's shared lock, are flock(2)

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "stress_builds.py"
spec = importlib.util.spec_from_file_location("stress_builds", SCRIPT)
stress = importlib.util.module_from_spec(spec)
sys.modules["stress_builds"] = stress
spec.loader.exec_module(stress)


def test_concurrent_builds_lose_no_sequence_increment(tmp_path):
    """Four builds started at once each see what the one before published: the changed event's SEQUENCE is 4 in
    every feed that has it (and in feed-state.json), every other event's 0."""
    result = stress.concurrent_builds(tmp_path, builds=4)
    assert result.problems == []
    assert result.sequence == 4


def test_a_build_killed_at_any_step_leaves_the_old_site_or_the_new_one(tmp_path):
    """SIGKILL at every step of a build (and twice after a random delay), a reader reading all along: the site is
    always one build's, whole; a reader that pins the version or holds the lock shared never sees a mix; the next
    build cleans up and succeeds; SEQUENCE counts exactly the builds that were published."""
    result = stress.killed_builds(tmp_path, rounds=1, random_kills=2, seed=0)
    assert result.problems == []
    assert sorted(result.steps) == sorted(stress.STEPS), "every step was reached and killed"
    assert result.published >= 4  # the first, those killed after the swap (3), and the last
    assert result.reading.pinned and result.reading.locked and result.reading.plain


def test_a_build_killed_while_adopting_a_site_published_file_by_file_leaves_it_whole(tmp_path):
    result = stress.adoption_kills(tmp_path, rounds=1)
    assert result.problems == []
    assert result.killed == len(stress.ADOPTION_STEPS)
