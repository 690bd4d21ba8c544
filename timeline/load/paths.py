"""Where the bundled data is, and how a path is shown in messages."""

from __future__ import annotations

import os
from pathlib import Path

from timeline.stamps import default_data_dir

__all__ = ["default_data_dir", "shown_path"]


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
