"""Where the bundled data is, and how a path is shown in messages."""

from __future__ import annotations

from timeline.datafiles import shown_path
from timeline.stamps import default_data_dir

__all__ = ["default_data_dir", "shown_path"]
