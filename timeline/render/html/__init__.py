"""The HTML outputs: the interactive timeline (`items` -> `figure` -> `page`, words in `hover`) and the landing page.

The pages' own CSS and scripts live in `templates/`; plotly is imported only where a figure is built or written.
"""
