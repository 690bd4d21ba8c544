"""The load cache: a query reuses it, any edit to the data invalidates it, a broken cache is ignored."""

import os
import time

import pytest

from timeline.errors import DataErrors
from timeline.load import load
from timeline.load.cache import cache_dir


def cache_files():
    return sorted(cache_dir().glob("testorg-*.pickle"))


def test_edit_invalidates_and_a_corrupt_cache_is_ignored(data_copy):
    assert load(data_copy, "testorg").people["ivanov"].name == "Ivan Ivanov"
    [first] = cache_files()
    written = first.read_bytes()
    people = data_copy / "testorg" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Ivan Ivanov", "Ivan Ivanoff"), encoding="utf-8")
    os.utime(people, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert load(data_copy, "testorg").people["ivanov"].name == "Ivan Ivanoff"
    [second] = cache_files()
    assert second == first and second.read_bytes() != written  # one file per data folder, replaced
    second.write_bytes(b"not a pickle")
    assert load(data_copy, "testorg").people["ivanov"].name == "Ivan Ivanoff"


def test_invalid_data_is_never_served_from_the_cache(data_copy):
    load(data_copy, "testorg")
    terms = data_copy / "testorg" / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("holder: ivanov", "holder: nobody"), encoding="utf-8")
    with pytest.raises(DataErrors):
        load(data_copy, "testorg")


def test_no_cache_switch(data_copy, monkeypatch):
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    for stale in cache_files():
        stale.unlink()
    load(data_copy, "testorg")
    assert cache_files() == []


def test_the_cached_timeline_carries_its_resolved_history_and_answers_like_a_fresh_one(data_copy, monkeypatch):
    from datetime import date

    load(data_copy, "testorg")
    cached = load(data_copy, "testorg")
    assert ("council-chair", None) in cached._resolved, "the history was resolved before caching"
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    fresh = load(data_copy, "testorg")
    for until in (None, date(2024, 6, 1), date(2030, 1, 1)):
        assert cached.terms("council-chair", until) == fresh.terms("council-chair", until)


def test_a_change_to_the_rotation_engine_invalidates_the_cache(data_copy):
    from timeline.load.cache import CODE, _code_stamps, cache_key

    before = cache_key(data_copy / "testorg")
    engine = CODE / "core" / "rotation" / "engine.py"
    stat = engine.stat()
    try:
        os.utime(engine, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        _code_stamps.cache_clear()  # the code is stamped once per process: this is the next process
        assert cache_key(data_copy / "testorg") != before
    finally:
        os.utime(engine, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        _code_stamps.cache_clear()


def test_the_cached_timeline_keeps_one_index_of_its_organisation(data_copy):
    """The query façade and the rotation context read the organisation's one index, in the cache as when loaded."""
    load(data_copy, "testorg")
    cached = load(data_copy, "testorg")
    index = cached.org.__dict__.get("index")
    assert index is not None, "the index was built before caching and pickled along"
    assert cached.people is index.people and cached.rotation.members is index.members
    assert cached.people["ivanov"].name == "Ivan Ivanov"


class _CollectorProbe:
    """Unpickled as whether the garbage collector runs at that moment."""

    def __reduce__(self):
        import gc

        return (gc.isenabled, ())


@pytest.mark.parametrize("collecting", [True, False], ids=["collector on", "collector off"])
@pytest.mark.parametrize("corrupted", [False, True], ids=["kept", "corrupted"])
def test_the_collector_is_paused_while_the_cache_is_read_and_left_as_it_was(tmp_path, collecting, corrupted):
    """The collector is paused while a pickle is read (it would walk every new object again and again), and left as
    it was afterwards, even when the file is unreadable."""
    import gc

    from timeline.load.cache import keep, kept

    path = tmp_path / "value.pickle"
    keep(path, "key", [_CollectorProbe()])
    if corrupted:
        path.write_bytes(b"not a pickle")
    was = gc.isenabled()
    try:
        (gc.enable if collecting else gc.disable)()
        found = kept(path, "key")
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
    assert found == (None if corrupted else [False])


def test_a_model_pickles_to_the_same_bytes_read_from_its_files_or_from_the_cache(data_copy, tmp_path):
    """site.reuse keys a part on its model's pickle: the model read from the data files (in one process) and the one
    read back from the cache (in the next) give the same bytes, or a rebuild after an edit that changes no fact
    would render everything again."""
    import subprocess
    import sys

    digest = (
        "import sys; from pathlib import Path; from timeline.load import load; "
        "from timeline.site.reuse import model_digest; print(model_digest(load(Path(sys.argv[1]), 'testorg').org))"
    )
    env = {**os.environ, "TIMELINE_CACHE": str(tmp_path / "cache")}
    env.pop("TIMELINE_NO_CACHE", None)
    command = [sys.executable, "-c", digest, str(data_copy)]
    found = [subprocess.run(command, env=env, capture_output=True, text=True, check=True) for _ in range(2)]
    assert list((tmp_path / "cache").glob("testorg-*.pickle")), "the first process wrote the cache, the next read it"
    assert found[0].stdout.strip() and found[0].stdout == found[1].stdout
