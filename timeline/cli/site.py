"""Publishing commands: `timeline build` writes the site, `timeline serve` serves it."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline.cli.common import DataOption, LangOption, app, emit, friendly_errors, language_of, source_epoch, today
from timeline.errors import QueryError, TimelineError
from timeline.render.lang import EN, Language

if TYPE_CHECKING:
    from timeline.site.build import BuildReport, Step

OutOption = Annotated[Path, typer.Option("--out", help="Output folder (files are swapped in atomically).")]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="Public URL of the output folder, e.g. https://example.org/timeline/ "
        "(absolute feed links; without it the links are relative).",
    ),
]


def build_day() -> date:
    """The build's 'today': TIMELINE_TODAY, else SOURCE_DATE_EPOCH's day (reproducible), else the system date."""
    epoch = source_epoch()
    return epoch.date() if epoch and not os.environ.get("TIMELINE_TODAY") else today()


def check_base_url(url: str | None) -> str | None:
    """The public address of the site: an http(s) address with a host, nothing a link could be broken with."""
    if url is None:
        return None
    from timeline.load.fields import WEB

    if not WEB.fullmatch(url):
        raise QueryError(f"--base-url '{url}' must be an https:// (or http://) address with a host and no spaces")
    return url


def size_text(size: int) -> str:
    return f"{size} B" if size < 1000 else f"{size / 1000:.1f} kB" if size < 1_000_000 else f"{size / 1e6:.1f} MB"


def summary_lines(report: BuildReport, words: Language = EN) -> list[str]:
    """What the build made, in a few lines: how many organisations, pages, feeds and data files, where, what changed,
    the build's notes, and how to open it or list every file."""
    files = list(report.site.files)
    orgs = {path.split("/")[0] for path in files if path.count("/") == 1 and path.endswith("/timeline.json")}
    pages = [p for p in files if p.endswith(".html")]
    feeds = [p for p in files if p.endswith(".ics")]
    counts = {
        "orgs": words.count("build.orgs", len(orgs)),
        "pages": words.count("build.pages", len(pages)),
        "feeds": words.count("build.feeds", len(feeds)),
        "others": words.count("build.others", len(files) - len(pages) - len(feeds)),
        "changed": words.count("build.changed", len(report.changed)),
        "removed": words.count("build.removed", len(report.removed)),
    }
    index = report.out / "index.html"
    return [
        words("build.summary", out=report.out, **counts),
        *(words(note) for note in report.notes),
        words("build.open", index=index, out=report.out),
        words("build.verbose"),
    ]


def report_lines(report: BuildReport, words: Language = EN) -> list[str]:
    """What the build wrote, file by file, marking what changed on disk (`build --verbose`)."""
    files = report.site.files
    width = max(len(p) for p in files)
    counts = {
        "files": words.count("build.files", len(files)),
        "changed": words.count("build.changed", len(report.changed)),
        "removed": words.count("build.removed", len(report.removed)),
    }
    lines = [words("build.heading", out=report.out, **counts)]
    for path, entry in sorted(files.items(), key=lambda item: (item[0].count("/"), item[0])):
        mark = "*" if path in report.changed else " "
        lines.append(f" {mark} {path:<{width}}  {size_text(entry.size):>8}  {entry.what}")
    lines += [" - " + words("build.removed_file", path=path) for path in report.removed]
    return [*lines, words("build.legend"), *(words(note) for note in report.notes)]


@contextlib.contextmanager
def progress(data: Path) -> Iterator[Step | None]:
    """A progress bar on stderr when it is a terminal (the build's steps), else nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    from timeline.datafiles import organisation_dirs
    from timeline.site.build import steps_per_build

    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:  # no thread: a build forks
        task = bar.add_task("Building", total=steps_per_build(len(organisation_dirs(data))))
        yield lambda label: bar.update(task, advance=1, description=label, refresh=True)


def run_build(
    data: Path, out: Path, base_url: str | None, check: bool = False, fresh: bool = False, words: Language = EN
) -> BuildReport:
    """A build; `fresh` (or TIMELINE_NO_CACHE=1) renders every file again, even those whose inputs did not change."""
    from timeline.site.build import build_site

    def waiting() -> None:
        if sys.stderr.isatty():
            typer.echo(words("build.waiting", out=out, lock=f"{out}/.timeline/lock"), err=True)

    with progress(data) as step:
        return build_site(
            data,
            out,
            build_day(),
            epoch=source_epoch(),
            base_url=base_url,
            step=step,
            check=check,
            waiting=waiting,
            fresh=fresh or bool(os.environ.get("TIMELINE_NO_CACHE")),
        )


@app.command("build")
@friendly_errors
def build(
    out: OutOption = Path("output"),
    data: DataOption = None,
    base_url: BaseUrlOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 when --out differs from a fresh build (stale).")
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Render every file again, even an organisation's whose data, code and options did not change "
            "since the published build (which is reused otherwise).",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every file written, with its size and what it is.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Build the site: per organisation its feeds, timeline page, JSON (+ schema) and CSV; and index.html."""
    from timeline.stamps import default_data_dir

    words = language_of(lang)
    report = run_build(data or default_data_dir(), out, check_base_url(base_url), check, fresh, words)
    if not check:
        emit(report_lines(report, words) if verbose else summary_lines(report, words))
        return
    if report.changed:
        typer.echo(words.count("build.stale", len(report.changed), out=out), err=True)
        typer.echo("\n".join(f"  {path}" for path in report.changed), err=True)
        typer.echo(words("build.stale_hint"), err=True)
        raise typer.Exit(1)
    emit([words.count("build.current", len(report.site.files), out=out)])


def check_host(host: str) -> str:
    """--host: an address or a name this machine knows, else a usage error (one line, exit code 2)."""
    import socket

    if "://" in host or "/" in host:
        raise typer.BadParameter(f"'{host}' is a URL, not an address (e.g. 127.0.0.1)")
    if host.startswith("[") and host.endswith("]"):
        raise typer.BadParameter(f"'{host}': an IPv6 address goes without brackets")
    name, colon, number = host.rpartition(":")
    if colon and number.isdigit() and name.count(":") == 0:
        raise typer.BadParameter(f"'{host}': put the port in --port {number}")
    try:
        socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        raise typer.BadParameter(f"'{host}' is not an IP address or a known host name") from None
    return host


@app.command("serve")
@friendly_errors
def serve(
    out: Annotated[
        Path, typer.Option("--out", file_okay=False, help="Output folder to serve (it may not exist yet).")
    ] = Path("output"),
    host: Annotated[
        str, typer.Option("--host", callback=check_host, help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    timeout: Annotated[
        int,
        typer.Option(
            "--timeout",
            min=1,
            max=3600,
            help="Seconds a client has to send a whole request, to stay idle between requests, "
            "and to take each part of an answer; then it is disconnected.",
        ),
    ] = 30,
    build_first: Annotated[bool, typer.Option("--build", help="Build the site before serving it.")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Rebuild whenever the data changes.")] = False,
    data: DataOption = None,
    base_url: BaseUrlOption = None,
    lang: LangOption = None,
) -> None:
    """Serve the built site over HTTP so calendar apps can subscribe (Ctrl-C stops)."""
    from timeline.load import default_data_dir
    from timeline.site.serve import base_url as server_url
    from timeline.site.serve import feed_paths, make_server, serve_until_stopped
    from timeline.site.watch import Watcher

    data, words = data or default_data_dir(), language_of(lang)
    base_url = check_base_url(base_url)
    if build_first or watch:
        try:
            emit(report_lines(run_build(data, out, base_url, words=words), words))
        except TimelineError as error:
            if not watch:
                raise
            typer.echo(f"{words('serve.build_failed')}\n{error}", err=True)
    server = make_server(out, host, port, timeout)
    root = server_url(server)
    lines = [words("serve.serving", out=out, url=root)]
    if not (out / "index.html").is_file():
        lines.append("  " + words("serve.no_index", out=out))
    feeds = feed_paths(out)
    if feeds:
        lines.append(words("serve.subscribe"))
        lines += [f"  {root}/{path}" for path in feeds]
    emit(lines)
    watcher = Watcher(data, lambda: rebuild(data, out, base_url, words)) if watch else None
    if watcher:
        watcher.start()
        typer.echo(words("serve.watching", data=data), err=True)
    try:
        serve_until_stopped(server)
        typer.echo(words("serve.stopped"), err=True)
    finally:
        if watcher:
            watcher.stop()
        server.server_close()


def rebuild(data: Path, out: Path, base_url: str | None, words: Language = EN) -> None:
    """A rebuild in --watch: one line for what changed, or for why the previous output was kept."""
    try:
        report = run_build(data, out, base_url, words=words)
    except TimelineError as error:
        typer.echo(f"{words('serve.rebuild_failed')}\n{error}", err=True)
    except Exception as error:  # a renderer bug must not stop the server
        typer.echo(f"{words('serve.rebuild_failed')} {type(error).__name__}: {error}", err=True)
    else:
        changed = words.count("build.changed", len(report.changed))
        typer.echo(
            words("serve.rebuilt", out=out, changed=changed, removed=words.count("build.removed", len(report.removed))),
            err=True,
        )
