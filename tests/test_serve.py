"""`timeline serve` end to end: a real process on a free loopback port, real HTTP requests."""

from __future__ import annotations

import gzip
import http.client
import signal
import socket
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import icalendar
import pytest
from test_serve_helpers import Served, serving, timeline

from timeline.site.serve import accepts_gzip, resolve


@pytest.fixture(scope="module")
def built(fixture_data, tmp_path_factory) -> Path:
    """The fixture data's site, and a secret file beside (outside) the output folder."""
    root = tmp_path_factory.mktemp("site")
    result = timeline("build", "--data", str(fixture_data), "--out", str(root / "out"))
    assert result.returncode == 0, result.stderr
    (root / "secret.txt").write_text("TOP SECRET\n", encoding="utf-8")
    (root / "out" / "leak").symlink_to(root)
    return root / "out"


@pytest.fixture(scope="module")
def served(built) -> Served:
    with serving(built) as server:
        yield server


def feeds(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.ics"))


def raw(server: Served, request_line: str, headers: str = "") -> tuple[int, bytes]:
    """Send a request line exactly as written (no client normalises '..'); returns status and body."""
    with socket.create_connection(server.host_port, timeout=30) as sock:
        sock.sendall(f"{request_line}\r\nHost: x\r\nConnection: close\r\n{headers}\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


# Units --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/testorg/..%2f..%2fsecret.txt",
     "/testorg/%2e%2e/%2e%2e/secret.txt", "/..\\secret.txt", "/leak/secret.txt", "/.manifest.json",
     "/testorg/%00", "/%ff", "http://x/../secret.txt"],
)  # fmt: skip
def test_resolve_refuses_everything_outside_the_folder(built, target):
    assert resolve(built, target) is None


def test_resolve_finds_files_and_folders_inside(built):
    assert resolve(built, "/testorg/testorg-all.ics?x=1") == (built / "testorg" / "testorg-all.ics").resolve()
    assert resolve(built, "/") == built.resolve()
    assert resolve(built, "/testorg//timeline%2Ehtml") == (built / "testorg" / "timeline.html").resolve()


@pytest.mark.parametrize(
    ("header", "ok"),
    [("gzip", True), ("gzip, deflate, br", True), ("deflate", False), ("gzip;q=0", False), ("*", True),
     ("*, gzip;q=0", False), (None, False), ("x-gzip", True), ("GZIP; q=0.5", True)],
)  # fmt: skip
def test_accept_encoding(header, ok):
    assert accepts_gzip(header) is ok


# End to end ------------------------------------------------------------------------


def test_prints_the_subscribe_urls_at_start(served, built):
    assert served.banner[0] == f"Serving {built} at {served.url}/ (Ctrl-C to stop)"
    assert [line.strip() for line in served.banner if line.startswith("  http")] == [
        f"{served.url}/{path}" for path in feeds(built)
    ]


def test_landing_page(served):
    response = served.get("/")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.read().decode("utf-8")
    assert "Test Organisation of States" in page and 'href="testorg/testorg-all.ics"' in page


def test_every_feed_is_served_as_a_calendar(served, built):
    for path in feeds(built):
        response = served.get(f"/{path}")
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        body = response.read()
        assert body == (built / path).read_bytes()
        calendar = icalendar.Calendar.from_ical(body)
        assert calendar.walk("VEVENT"), path
        assert response.headers["ETag"] and response.headers["Last-Modified"]


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/testorg/timeline.json", "application/json"), ("/testorg/terms.csv", "text/csv; charset=utf-8"),
     ("/plotly.min.js", "application/javascript"), ("/testorg/timeline.html", "text/html; charset=utf-8")],
)  # fmt: skip
def test_content_types(served, path, kind):
    assert served.get(path).headers["Content-Type"] == kind


def test_conditional_requests_get_304(served):
    first = served.get("/testorg/testorg-sessions.ics")
    first.read()
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"other", {etag}'}, {"If-Modified-Since": modified}):
        with pytest.raises(urllib.error.HTTPError) as answer:
            served.get("/testorg/testorg-sessions.ics", headers)
        assert answer.value.code == 304 and answer.value.headers["ETag"] == etag
        assert answer.value.read() == b""
    assert served.get("/testorg/testorg-sessions.ics", {"If-None-Match": '"other"'}).status == 200
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert (
        served.get("/testorg/testorg-sessions.ics", {"If-None-Match": '"x"', "If-Modified-Since": modified}).status
        == 200
    )
    assert served.get("/testorg/testorg-sessions.ics", {"If-Modified-Since": old}).status == 200


def test_head_has_the_headers_and_no_body(served, built):
    connection = http.client.HTTPConnection(*served.host_port, timeout=30)
    connection.request("HEAD", "/testorg/testorg-all.ics")
    response = connection.getresponse()
    assert response.status == 200 and response.read() == b""
    assert int(response.headers["Content-Length"]) == (built / "testorg" / "testorg-all.ics").stat().st_size
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    connection.request("GET", "/testorg/testorg-all.ics")  # the same keep-alive connection still works
    assert connection.getresponse().read() == (built / "testorg" / "testorg-all.ics").read_bytes()
    connection.close()


def test_gzip_when_asked(served, built):
    plain = (built / "testorg" / "testorg-all.ics").read_bytes()
    zipped = served.get("/testorg/testorg-all.ics", {"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip" and zipped.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.read()) == plain
    identity = served.get("/testorg/testorg-all.ics", {"Accept-Encoding": "gzip;q=0"})
    assert identity.headers["Content-Encoding"] is None and identity.read() == plain
    assert zipped.headers["ETag"] != identity.headers["ETag"]
    with pytest.raises(urllib.error.HTTPError) as answer:
        served.get("/testorg/testorg-all.ics", {"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]})
    assert answer.value.code == 304


@pytest.mark.parametrize(
    "target",
    ["/../secret.txt", "/../../../../../../etc/passwd", "/%2e%2e/secret.txt", "/testorg/%2e%2e/%2e%2e/secret.txt",
     "/testorg/..%2f..%2fsecret.txt", "/leak/secret.txt", "/.manifest.json", "/.build.lock"],
)  # fmt: skip
def test_traversal_is_refused(served, target):
    status, body = raw(served, f"GET {target} HTTP/1.1")
    assert status == 404
    assert b"TOP SECRET" not in body and b"root:" not in body


def test_folders_redirect_to_a_slash_and_other_methods_are_refused(served):
    status, _ = raw(served, "GET /testorg HTTP/1.1")
    assert status == 301
    assert raw(served, "GET /testorg/ HTTP/1.1")[0] == 404  # no listing
    assert raw(served, "POST / HTTP/1.1", "Content-Length: 0\r\n")[0] == 405


def test_many_clients_at_once_even_with_a_slow_one(served):
    """A client that never finishes its request must not hold up the others (a thread per connection)."""
    slow = socket.create_connection(served.host_port, timeout=30)
    slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # headers never end
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(lambda _: served.get("/testorg/testorg-all.ics").status, range(48)))
        assert statuses == [200] * 48
    finally:
        slow.close()


def test_one_log_line_per_request_and_a_clean_stop(built):
    with serving(built) as server:
        server.get("/").read()
        raw(server, "GET /../secret.txt HTTP/1.1")
        assert server.stop(signal.SIGINT) == 0
    lines = server.log.lines
    assert [line for line in lines if '"GET ' in line] == [lines[0], lines[1]]
    assert '"GET / HTTP/1.1" 200' in lines[0] and '"GET /../secret.txt HTTP/1.1" 404' in lines[1]
    assert lines[2:] == ["Stopped."]


def test_a_port_in_use_gives_one_line(built):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = timeline("serve", "--out", str(built), "--port", str(port))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: port {port} on 127.0.0.1 is in use (try --port {port + 1}, or stop the other server)\n"
    )


def uid_sequences(body: bytes) -> dict[str, int]:
    return {str(e["UID"]): int(e.get("SEQUENCE", 0)) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def rename_event(data: Path) -> None:
    events = data / "testorg" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Winter session", "Winter summit"), encoding="utf-8")


def test_after_a_data_edit_and_rebuild_the_served_feed_changes_with_the_same_uids(data_copy, tmp_path):
    out = tmp_path / "out"
    assert timeline("build", "--data", str(data_copy), "--out", str(out)).returncode == 0
    with serving(out) as server:
        first = server.get("/testorg/testorg-sessions.ics")
        before, etag = first.read(), first.headers["ETag"]
        rename_event(data_copy)
        assert timeline("build", "--data", str(data_copy), "--out", str(out)).returncode == 0
        second = server.get("/testorg/testorg-sessions.ics", {"If-None-Match": etag})
        assert second.status == 200 and second.headers["ETag"] != etag
        after = second.read()
    old, new = uid_sequences(before), uid_sequences(after)
    assert set(old) == set(new)
    winter = next(uid for uid in new if "winter-2024" in uid)
    assert new[winter] == old[winter] + 1
    assert all(new[uid] == old[uid] for uid in new if uid != winter)
    assert b"Winter summit" in after.replace(b"\r\n ", b"")


def test_serving_survives_a_swap_of_the_whole_folder(fixture_data, tmp_path):
    """The folder is resolved per request: replace it under a running server and the new one is served."""
    out, other = tmp_path / "out", tmp_path / "other"
    assert timeline("build", "--data", str(fixture_data), "--out", str(out)).returncode == 0
    assert (
        timeline(
            "build", "--data", str(fixture_data), "--out", str(other), "--base-url", "https://new.example/"
        ).returncode
        == 0
    )
    with serving(out) as server:
        assert b"new.example" not in server.get("/").read()
        out.rename(tmp_path / "old")
        other.rename(out)
        assert b"webcal://new.example/testorg/testorg-all.ics" in server.get("/").read()


def test_watch_rebuilds_when_the_data_changes(data_copy, tmp_path):
    out = tmp_path / "out"
    with serving(out, "--watch", "--data", str(data_copy)) as server:
        assert b"Winter session" in server.get("/testorg/testorg-sessions.ics").read()
        rename_event(data_copy)
        deadline = time.monotonic() + 60  # a bound on waiting, not a timing assertion
        while b"Winter summit" not in server.get("/testorg/testorg-sessions.ics").read().replace(b"\r\n ", b""):
            assert server.process.poll() is None and time.monotonic() < deadline, "no rebuild after the data edit"
            time.sleep(0.2)
        (data_copy / "testorg" / "terms.yaml").write_text("- {broken", encoding="utf-8")
        server.log.wait_for("Rebuild failed, still serving the previous output:")
        assert server.process.poll() is None, "the server stopped on bad data"
        assert b"Winter summit" in server.get("/testorg/testorg-sessions.ics").read().replace(b"\r\n ", b"")
    assert server.process.returncode == 0


def test_serve_needs_no_output_yet(tmp_path):
    with serving(tmp_path / "nothing") as server:
        assert "has no index.html yet" in server.process.stdout.readline()
        assert raw(server, "GET / HTTP/1.1")[0] == 404


def test_serve_has_help():
    from typer.testing import CliRunner

    from timeline.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--host", "--port", "--build", "--watch", "--data", "--base-url"):
        assert option in result.output


def test_watch_serves_the_previous_output_when_the_data_starts_broken(data_copy, tmp_path):
    out = tmp_path / "out"
    assert timeline("build", "--data", str(data_copy), "--out", str(out)).returncode == 0
    (data_copy / "testorg" / "terms.yaml").write_text("- {broken", encoding="utf-8")
    with serving(out, "--watch", "--data", str(data_copy)) as server:
        failed = server.log.wait_for("Build failed")
        assert failed == server.log.lines[0] == "Build failed, serving the previous output until the data is fixed:"
        assert server.get("/testorg/testorg-all.ics").status == 200
