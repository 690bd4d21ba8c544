"""`timeline ingest`: press releases in, proposed facts out (timeline.ingest does the work)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import DataOption, JsonOption, OrgsOption, app, emit, emit_json, friendly_errors
from timeline.errors import PublishError


@app.command("ingest")
@friendly_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Press releases: text or HTML files, folders, or - (stdin).")],
    propose: Annotated[
        Path | None,
        typer.Option("--propose", help="Write the new facts as YAML in the data's format into this folder, to review "
                     "and move into data/ (data/ itself is never changed)."),
    ] = None,
    data: DataOption = None,
    org: OrgsOption = None,
    as_json: JsonOption = False,
) -> None:  # fmt: skip
    """Read press releases (English or Russian) and propose the sessions, chairs and appointments they state, each
    with its sentence and its status against the data: recorded, new or conflict."""
    from timeline.cli.common import open_timelines
    from timeline.ingest.read import documents
    from timeline.ingest.render import proposals, report_dict, text_lines
    from timeline.ingest.run import Ingester
    from timeline.render.json import JSON_VERSION

    read = list(documents(paths))  # every document read first: a bad one stops the run before any output
    ingester = Ingester(tl.org for tl in open_timelines(data, org))
    reports = [ingester.report(document) for document in read]
    if propose is not None:
        _write_proposals(propose, proposals(reports, ingester.orgs), data)
    if as_json:
        emit_json({"version": JSON_VERSION, "documents": [report_dict(r) for r in reports]})
    else:
        emit(text_lines(reports))


def _write_proposals(folder: Path, found: dict, data: Path | None) -> None:
    """DIR/<org>/<kind>-ingest.yaml for each organisation with new facts, all written or none (a temporary folder
    beside them, renamed into place)."""
    from timeline.ingest.render import proposal_yaml
    from timeline.load import default_data_dir
    from timeline.site.apart import keep_apart

    keep_apart(folder, "--propose", data or default_data_dir())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".ingest-", dir=folder))
    except OSError as error:
        raise PublishError(f"cannot write {folder}: {(error.strerror or type(error).__name__).lower()}") from None
    try:
        for org, files in found.items():
            (staging / org).mkdir()
            for kind, entries in files.items():
                (staging / org / f"{kind}-ingest.yaml").write_text(proposal_yaml(entries, kind), encoding="utf-8")
        for org in found:
            (folder / org).mkdir(exist_ok=True)
            for written in sorted((staging / org).iterdir()):
                os.replace(written, folder / org / written.name)
    except OSError as error:
        raise PublishError(f"cannot write {folder}: {(error.strerror or type(error).__name__).lower()}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
