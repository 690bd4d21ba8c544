"""The HTML outputs: the interactive timeline (`items` -> `figure` -> `page`, words in `hover`) and the landing page,
each in the language it is given (its words from the catalogue); `languages` places each language's pages in the
site and links them to each other.

The pages' own CSS and scripts live in `templates/`; plotly is imported only where a figure is built or written.
"""

from importlib.resources import files


def template(name: str) -> str:
    """A file of render/html/templates/ (the pages' markup, CSS and scripts)."""
    return files(__name__).joinpath("templates", name).read_text(encoding="utf-8")
