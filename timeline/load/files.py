"""Which files of a data folder are data (defined in `timeline.datafiles`, which the answers cache reads without
importing the loader)."""

from timeline.datafiles import EDITOR_FILES, KINDS, ORG_FILE, data_files, expected_name, is_editor_file, kind_of

__all__ = ["EDITOR_FILES", "KINDS", "ORG_FILE", "data_files", "expected_name", "is_editor_file", "kind_of"]
