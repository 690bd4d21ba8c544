"""Where the bundled data is, and how a path is shown in messages."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """The bundled data: inside the installed package, else the source checkout's data/."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_data"
    return packaged if packaged.is_dir() else here.parent / "data"


def shown_path(path: Path) -> str:
    """A path as the user should see it in messages: relative to the working directory when inside it."""
    try:
        return (
            os.path.relpath(os.path.abspath(path))
            if os.path.abspath(path).startswith(os.getcwd() + os.sep)
            else str(path)
        )
    except ValueError:  # another drive (Windows)
        return str(path)
