"""`timeline serve` end to end: a real process on a free loopback port, real HTTP requests."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import select
import selectors
import signal
import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import icalendar
import pytest

from tests.helpers.serving import REQUEST_LOG, Served, serving, timeline
from timeline.site.serve import (
    MAX_CONNECTIONS,
    FileCache,
    accepts_gzip,
    base_url,
    make_server,
    resolve,
    serve_until_stopped,
)

pytestmark = pytest.mark.server  # a real `timeline serve` (or its server in a thread) behind most tests


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
    """The English feeds: every chairmanship's at the top, the organisation's in its folder (not ru/'s)."""
    return sorted(["chairmanships.ics", *(f"testorg/{p.name}" for p in (out / "testorg").glob("*.ics"))])


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


# Hostile and careless clients --------------------------------------------------------------------


def exchange(server: Served, data: bytes) -> bytes:
    """Send bytes exactly as given, then read until the server closes (30 s is only a safety bound per read)."""
    with socket.create_connection(server.host_port, timeout=30) as sock:
        if data:
            sock.sendall(data)
        return read_all(sock)


def read_all(sock: socket.socket) -> bytes:
    reply = b""
    try:
        while chunk := sock.recv(65536):
            reply += chunk
    except ConnectionResetError:
        pass
    return reply


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def replies(data: bytes, heads: int = 0) -> list[Reply]:
    """The responses in a byte stream; each must have a status line (and the first `heads` are to HEAD)."""
    found = []
    while data:
        head, blank, data = data.partition(b"\r\n\r\n")
        assert blank, f"an unfinished response: {head[:200]!r}"
        status_line, *lines = head.decode("latin-1").split("\r\n")
        match = re.fullmatch(r"HTTP/1\.1 (\d{3}) [A-Za-z -]+", status_line)
        assert match, f"no status line: {status_line[:200]!r}"
        headers = dict(line.split(": ", 1) for line in lines)
        status = int(match[1])
        size = 0 if len(found) < heads or status == 304 else int(headers["Content-Length"])
        found.append(Reply(status, headers, data[:size]))
        data = data[size:]
    return found


def refusal(reply: bytes, status: int) -> Reply:
    """The one plain-text answer to a refused request, after which the server closed the connection."""
    [answer] = replies(reply)
    assert answer.status == status
    assert answer.headers["Connection"] == "close"
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.body == f"{status} {HTTPStatus(status).phrase}\n".encode()
    return answer


TLS_HELLO = bytes.fromhex("16030100a5010000a10303") + bytes(32)  # https:// to http: no newline ever comes
HOSTILE = {
    "HTTP/0.9": (b"GET /\r\n", 505),
    "HTTP/0.9 named": (b"GET / HTTP/0.9\r\n\r\n", 505),
    "HTTP/2.0": (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    "HTTP/2 preface": (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
    "HTTP/3.0": (b"GET / HTTP/3.0\r\n\r\n", 505),
    "bad version": (b"GET / HTTP/1.x\r\n\r\n", 400),
    "not HTTP": (b"GET / FTP/1.1\r\n\r\n", 400),
    "no target": (b"GET\r\n\r\n", 400),
    "four words": (b"GET / HTTP/1.1 x\r\n\r\n", 400),
    "TLS handshake": (TLS_HELLO, 400),
    "long request line": (b"GET /" + b"a" * 10_000 + b" HTTP/1.1\r\n\r\n", 414),
    "megabyte request line": (b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\n\r\n", 414),
    "big header": (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 10_000 + b"\r\n\r\n", 431),
    "many headers": (b"GET / HTTP/1.1\r\n" + b"X-Many: a\r\n" * 150 + b"\r\n", 431),
    "big head": (
        b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: %s\r\n" % (i, b"a" * 1000) for i in range(90)) + b"\r\n",
        431,
    ),
    "POST with a body": (b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 405),
    "POST expecting 100": (b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 100000\r\n\r\n", 405),
    "PUT": (b"PUT /index.html HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 405),
    "DELETE": (b"DELETE /index.html HTTP/1.1\r\n\r\n", 405),
    "OPTIONS": (b"OPTIONS * HTTP/1.1\r\n\r\n", 405),
    "TRACE": (b"TRACE / HTTP/1.1\r\n\r\n", 405),
    "CONNECT": (b"CONNECT example.org:443 HTTP/1.1\r\n\r\n", 405),
    "unknown method": (b"BREW /pot HTTP/1.1\r\n\r\n", 405),
    "lower-case get": (b"get / HTTP/1.1\r\n\r\n", 405),
}


@pytest.mark.parametrize(("request_bytes", "status"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_bad_request_gets_one_status_line_and_a_close(served, request_bytes, status):
    answer = refusal(exchange(served, request_bytes), status)
    if status == 405:
        assert answer.headers["Allow"] == "GET, HEAD"
    assert served.get("/").status == 200  # and the server still answers


@pytest.mark.parametrize(
    "target",
    ["/%", "/%zz", "/%e2%28%a1", "/%ff%fe", "/index.html%00", "/index.html\x00", "/%00", "/\x1b[2J", "/\x7f",
     "/" + "a" * 5000, "/a" * 3000, "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/%252e%252e/secret.txt",
     "/index.html%0d%0aSet-Cookie:%20x=1", "/caf\xe9"],
)  # fmt: skip
def test_malformed_paths_are_404(served, target):
    [answer] = replies(exchange(served, f"GET {target} HTTP/1.1\r\nConnection: close\r\n\r\n".encode("latin-1")))
    assert answer.status == 404 and answer.body == b"404 Not Found\n"
    assert "Set-Cookie" not in answer.headers


@pytest.mark.parametrize(
    "value",
    ["bytes=0-9", "bytes=-5", "bytes=99999999999999999999-", "bytes=5-1", "lines=1-2", "bytes=" + "0-0," * 2000],
)
def test_range_headers_are_ignored(served, built, value):
    [answer] = replies(
        exchange(served, f"GET /index.html HTTP/1.1\r\nRange: {value}\r\nConnection: close\r\n\r\n".encode())
    )
    assert answer.status == 200 and "Content-Range" not in answer.headers
    assert answer.body == (built / "index.html").read_bytes()


SMUGGLED = b"GET /.manifest.json HTTP/1.1\r\nHost: x\r\n\r\n"


@pytest.mark.parametrize(
    "framing",
    [b"Content-Length: %d\r\n\r\n" % len(SMUGGLED) + SMUGGLED,
     b"Transfer-Encoding: chunked\r\n\r\n%x\r\n" % len(SMUGGLED) + SMUGGLED + b"\r\n0\r\n\r\n",
     b"Content-Length: 0\r\nContent-Length: %d\r\n\r\n" % len(SMUGGLED) + SMUGGLED],
)  # fmt: skip
def test_a_request_body_is_never_read_as_another_request(served, framing):
    [answer] = replies(exchange(served, b"GET /index.html HTTP/1.1\r\nHost: x\r\n" + framing))
    assert answer.status == 200 and answer.headers["Connection"] == "close"


def test_keep_alive_and_pipelining_answer_every_request_in_order(served, built):
    requests = [("HEAD", "/testorg/testorg-all.ics")] + [
        ("GET", "/") if i % 3 else ("GET", f"/no-{i}") for i in range(60)
    ]
    data = b"".join(
        f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".encode() for method, path in requests
    )
    with socket.create_connection(served.host_port, timeout=30) as sock:
        sock.sendall(data + b"GET /testorg/ HTTP/1.1\r\nConnection: close\r\n\r\n")
        answers = replies(read_all(sock), heads=1)
    assert [a.status for a in answers] == [200] + [200 if i % 3 else 404 for i in range(60)] + [404]
    assert answers[0].body == b"" and answers[2].body == (built / "index.html").read_bytes()


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)[1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc")
def test_thousands_of_missing_files_are_404_in_bounded_memory(built):
    def ask(count: int, start: int) -> list[int]:
        paths = [f"/{'testorg/' if i % 2 else ''}missing-{i}-{'x' * 1000}.ics" for i in range(start, start + count)]
        data = b"".join(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode() for path in paths)
        with socket.create_connection(served.host_port, timeout=30) as sock:
            sock.sendall(data + b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            return [answer.status for answer in replies(read_all(sock))]

    with serving(built) as served:
        assert ask(500, 0) == [404] * 500 + [200]  # warm up: threads, buffers, caches
        before = rss_kib(served.process.pid)
        for batch in range(1, 11):
            assert ask(500, batch * 500) == [404] * 500 + [200]
        grown = rss_kib(served.process.pid) - before
    assert grown < 4096, f"the server grew by {grown} KiB over 5000 requests for missing files"


# Slow, idle and vanishing clients -----------------------------------------------------------------


@pytest.fixture(scope="module")
def brief(built) -> Served:
    """A server that gives each client one second (--timeout 1)."""
    with serving(built, "--timeout", "1") as server:
        yield server


IDLE_THREADS = 2
"""An idle server's threads: the main one, waiting for a stop signal, and the serving loop."""


def server_threads(server: Served) -> int:
    return int(re.search(r"^Threads:\s+(\d+)", Path(f"/proc/{server.process.pid}/status").read_text(), re.M)[1])


def wait_for_threads(server: Served, count: int) -> None:
    """Until the server is down to `count` threads (30 s is a safety bound, not a timing assertion)."""
    deadline = time.monotonic() + 30
    while server_threads(server) > count:
        assert time.monotonic() < deadline, f"the server still holds {server_threads(server)} threads"
        time.sleep(0.05)


def test_a_request_head_that_never_ends_gets_408(brief):
    refusal(exchange(brief, b"GET / HTTP/1.1\r\nHost: x\r\n"), 408)


def test_a_client_trickling_its_headers_is_cut_off_at_the_timeout(brief):
    """Slowloris: each byte comes well within the timeout, yet the whole head must arrive within it."""
    with socket.create_connection(brief.host_port, timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        for byte in b"X-Trickle: " + b"a" * 150:  # 150 bytes, one every 0.2 s: 30 s at most
            if select.select([sock], [], [], 0.2)[0]:
                break
            sock.sendall(bytes([byte]))
        else:
            raise AssertionError("the server kept waiting for a trickling client")
        refusal(read_all(sock), 408)


def test_an_idle_keep_alive_connection_is_closed_without_an_answer(brief):
    with socket.create_connection(brief.host_port, timeout=30) as sock:
        sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
        [answer] = replies(read_all(sock))  # the answer, then nothing more once the connection idled out
    assert answer.status == 200 and "Connection" not in answer.headers


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="counts the server's threads in /proc")
def test_clients_that_stall_do_not_hold_threads(brief):
    wait_for_threads(brief, IDLE_THREADS)
    stalled = []
    for data in (b"", b"GET / HTT", b"GET / HTTP/1.1\r\nHost: x\r\n", b"GET /plotly.min.js HTTP/1.1\r\n\r\n"):
        sock = socket.create_connection(brief.host_port, timeout=30)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # the last one never reads its 4.8 MB
        sock.sendall(data)
        stalled.append(sock)
    try:
        assert brief.get("/").status == 200
        wait_for_threads(brief, IDLE_THREADS)  # every one let go: idle, mid-line, mid-headers, not reading
        assert brief.get("/").status == 200
    finally:
        for sock in stalled:
            sock.close()


def hang_up(server: Served, request: bytes, read: int, reset: bool) -> None:
    sock = socket.create_connection(server.host_port, timeout=30)
    if reset:  # close with a RST instead of a FIN
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    if request:
        sock.sendall(request)
    received = 0
    while received < read:
        received += len(sock.recv(min(65536, read - received)))
    sock.close()


def test_clients_that_hang_up_leave_one_log_line_and_no_traceback(built):
    big = b"GET /plotly.min.js HTTP/1.1\r\nHost: x\r\n\r\n"
    with serving(built) as server:
        for reset in (True, False):
            for _ in range(15):
                hang_up(server, big, 1000, reset)  # mid-body
                hang_up(server, b"GET /timeline.html HTTP/1.1\r\n\r\n", 0, reset)  # before the answer
                hang_up(server, b"GET /index.html HTT", 0, reset)  # mid-request-line
                hang_up(server, b"GET /index.html HTTP/1.1\r\nHost:", 0, reset)  # mid-headers
                hang_up(server, b"", 0, reset)  # without a word
        assert server.get("/").status == 200
        assert server.stop(signal.SIGTERM) == 0
    lines = server.log.lines
    assert "Traceback" not in "\n".join(lines)
    assert lines[-1] == "Stopped." and lines[:-1] == server.log.requests  # nothing but the requests' lines
    assert sum('"GET /plotly.min.js HTTP/1.1" 200' in line for line in lines) == 30
    assert sum('"GET /timeline.html HTTP/1.1" 200' in line for line in lines) <= 30
    assert all('"GET /index.html' not in line for line in lines)  # unfinished requests are no requests
    assert '"GET / HTTP/1.1" 200' in lines[-2]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stops_cleanly_with_connections_open(built, sig):
    with serving(built) as server:
        opened = []
        for data in (
            b"GET / HTTP/1.1\r\nHost: x\r\n",
            b"GET /index.html HTTP/1.1\r\n\r\n",
            b"GET /plotly.min.js HTTP/1.1\r\n\r\n",
            b"",
        ):
            sock = socket.create_connection(server.host_port, timeout=30)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.sendall(data)
            opened.append(sock)
        try:
            server.log.wait_for('"GET /plotly.min.js HTTP/1.1" 200')
            assert server.stop(sig) == 0
        finally:
            for sock in opened:
                sock.close()
    assert server.log.lines[-1] == "Stopped." and "Traceback" not in "\n".join(server.log.lines)


def test_every_request_gets_exactly_one_log_line(built):
    sent = [
        (b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 200),
        (b"HEAD /testorg/testorg-all.ics HTTP/1.1\r\nConnection: close\r\n\r\n", 200),
        (b"GET /index.html HTTP/1.1\r\nIf-None-Match: *\r\nConnection: close\r\n\r\n", 304),
        (b"GET /testorg HTTP/1.1\r\nConnection: close\r\n\r\n", 301),
        (b"GET /nothing.ics HTTP/1.1\r\nConnection: close\r\n\r\n", 404),
        (b"GET /\x1b[2J\x1b]0;pwned\x07 HTTP/1.1\r\nConnection: close\r\n\r\n", 404),
        (b"GET /index.html HTTP/1.1\r\nHost: x\r\n", 408),
        *HOSTILE.values(),
    ]
    with serving(built, "--timeout", "1") as server:
        for data, status in sent:
            assert [a.status for a in replies(exchange(server, data), heads=1 if data.startswith(b"HEAD") else 0)] == [
                status
            ]
        exchange(server, b"")  # a connection without a request: no line
        assert server.stop() == 0
    requests = server.log.requests
    assert server.log.lines == [*requests, "Stopped."]
    assert [int(REQUEST_LOG.match(line)["status"]) for line in requests] == [status for _, status in sent]
    escaped = requests[5]
    assert "\x1b" not in escaped and "\x07" not in escaped and r'"GET /\x1b[2J\x1b]0;pwned\x07 HTTP/1.1" 404' in escaped
    assert max(len(line) for line in requests) < 500  # a megabyte request line is cut in the log
    assert '"(a TLS handshake)" 400' in "\n".join(requests)


def test_connections_beyond_the_cap_are_turned_away_with_503(built):
    with serving(built) as server:
        idle = [socket.create_connection(server.host_port, timeout=30) for _ in range(MAX_CONNECTIONS)]
        try:
            [busy] = replies(exchange(server, b""))  # accepted after the others (the queue is first in, first out)
            assert busy.status == 503 and busy.headers["Retry-After"] == "1"
        finally:
            for sock in idle:
                sock.close()
        deadline = time.monotonic() + 30  # the threads let go of their connections, then it answers again
        while True:
            [answer] = replies(exchange(server, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n"))
            if answer.status == 200:
                break
            assert answer.status == 503 and time.monotonic() < deadline
            time.sleep(0.1)
    assert next(line for line in server.log.lines if '" 503 ' in line).endswith('"-" 503 - (too many connections)')


def test_a_burst_of_connections_waits_in_the_listen_queue(built):
    """While the server is frozen, 300 clients connect at once: every one is queued by the kernel (with the
    default backlog of 5, most would wait in SYN retries), and once it runs again each gets its answer."""
    with serving(built) as server:
        server.process.send_signal(signal.SIGSTOP)
        clients = []
        try:
            with selectors.DefaultSelector() as selector:
                for _ in range(300):
                    sock = socket.socket()
                    sock.setblocking(False)
                    sock.connect_ex(server.host_port)
                    clients.append(sock)
                    selector.register(sock, selectors.EVENT_WRITE)
                pending, deadline = len(clients), time.monotonic() + 20  # a safety bound
                while pending and time.monotonic() < deadline:
                    for key, _ in selector.select(timeout=1):
                        selector.unregister(key.fileobj)
                        pending -= 1
            assert pending == 0, f"{pending} of 300 connections were not queued"
            assert all(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0 for sock in clients)
        finally:
            server.process.send_signal(signal.SIGCONT)
        try:
            for sock in clients:
                sock.setblocking(True)
                sock.settimeout(30)
                sock.sendall(b"GET /testorg/testorg-all.ics HTTP/1.1\r\nConnection: close\r\n\r\n")
            assert [replies(read_all(sock))[0].status for sock in clients] == [200] * 300
        finally:
            for sock in clients:
                sock.close()


# In process: what no client can provoke ---------------------------------------------------------


def test_an_unexpected_error_is_a_500_on_one_line(built, monkeypatch, capsys):
    def broken(self, path):
        raise RuntimeError("disk on fire")

    server = make_server(built, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(FileCache, "get", broken)
    try:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(base_url(server) + "/index.html", timeout=30)
        assert answer.value.code == 500 and answer.value.read() == b"500 Internal Server Error\n"
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(base_url(server) + "/missing", timeout=30)
        assert answer.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[0].endswith('"GET /index.html HTTP/1.1" 500 - (RuntimeError: disk on fire)')


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_signal_never_closes_a_connection_being_handed_to_its_thread(built, sig, capsys):
    """The signal lands while the server hands a new connection to its thread (the race that logged "Bad file
    descriptor" after "Stopped."): the server stops, and that connection is still answered."""
    before = signal.getsignal(signal.SIGINT)  # pytest's, or SIG_IGN in a process started in the background (nohup)
    server = make_server(built, "127.0.0.1", 0)
    handed, hand_over = threading.Event(), server.process_request

    def signalled_while_handing_over(request, client_address):  # type: ignore[no-untyped-def]
        hand_over(request, client_address)
        os.kill(os.getpid(), sig)
        time.sleep(0.2)  # the signal's handler runs here when the loop runs in the main thread
        handed.set()

    server.process_request = signalled_while_handing_over  # type: ignore[method-assign]
    answers: list[bytes] = []

    def client() -> None:
        with socket.create_connection(server.server_address[:2], timeout=30) as sock:
            handed.wait(30)
            sock.sendall(b"GET /index.html HTTP/1.1\r\nConnection: close\r\n\r\n")
            answers.append(b"".join(iter(lambda: sock.recv(65536), b"")))

    talking = threading.Thread(target=client)
    talking.start()
    try:
        serve_until_stopped(server)
    finally:
        server.server_close()
    talking.join(30)
    assert answers and answers[0].startswith(b"HTTP/1.1 200 ")
    assert "Bad file descriptor" not in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is before  # the handler it found is back (pytest's Ctrl-C handling)


def test_a_client_that_went_away_is_no_error(tmp_path, capsys):
    server = make_server(tmp_path, "127.0.0.1", 0)
    try:
        for error in (BrokenPipeError(), ConnectionResetError(), TimeoutError(), ValueError("odd")):
            try:
                raise error
            except Exception:
                server.handle_error(None, ("192.0.2.1", 4000))
    finally:
        server.server_close()
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("192.0.2.1 - - [") and line.endswith('"-" - - (error: ValueError: odd)')


# Command line: every bad argument is a usage error ------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--port", "-1"], "Invalid value for '--port': -1 is not in the range 0<=x<=65535"),
     (["--port", "65536"], "Invalid value for '--port': 65536 is not in the range 0<=x<=65535"),
     (["--port", "99999999999999999999"], "Invalid value for '--port'"),
     (["--port", "http"], "Invalid value for '--port'"),
     (["--host", ""], "error: --host is given an empty value"),
     (["--host", "bad host"], "'bad host' is not an IP address or a known host name"),
     (["--host", "999.1.1.1"], "'999.1.1.1' is not an IP address or a known host name"),
     (["--host", "x" * 300], "is not an IP address or a known host name"),
     (["--host", "http://127.0.0.1:8000/"], "'http://127.0.0.1:8000/' is a URL, not an address (e.g. 127.0.0.1)"),
     (["--host", "127.0.0.1:8080"], "'127.0.0.1:8080': put the port in --port 8080"),
     (["--host", "[::1]"], "'[::1]': an IPv6 address goes without brackets"),
     (["--timeout", "0"], "Invalid value for '--timeout': 0 is not in the range 1<=x<=3600"),
     (["--timeout", "soon"], "Invalid value for '--timeout'"),
     (["--out", "FILE"], "Invalid value for '--out'")],
)  # fmt: skip
def test_bad_arguments_are_usage_errors(tmp_path, args, message):
    (tmp_path / "file.txt").write_text("not a folder\n", encoding="utf-8")
    args = [str(tmp_path / "file.txt") if arg == "FILE" else arg for arg in args]
    out = tmp_path / "never"
    result = timeline("serve", "--build", "--out", str(out), *args)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())  # one line, whatever box typer draws
    assert message in text
    assert not out.exists()  # refused before building anything


def test_an_address_that_is_not_this_machine_s_is_one_line(built):
    result = timeline("serve", "--out", str(built), "--host", "192.0.2.1", "--port", "0")
    assert result.returncode == 1
    assert result.stderr == "error: cannot listen on 192.0.2.1:0: Cannot assign requested address\n"


def test_empty_lines_before_a_request_line_are_skipped_and_too_many_answered_400(served):
    assert raw(served, "\r\nGET /index.html HTTP/1.1")[0] == 200
    assert raw(served, "\r\n" * 20 + "GET /index.html HTTP/1.1")[0] == 400
