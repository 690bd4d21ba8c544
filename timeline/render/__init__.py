"""Presentation of the core model, a package per output: `ical` (feeds), `html` (the timeline and landing pages),
`export` (timeline.json, its schema, CSV); `text` (terminal lines) and `json` (the --json dicts) for the CLI;
`words` for the wording and escaping they share. Renderers return text or bytes: they never print, read the
clock or write files, and they take the day and the projection horizon from the caller.
"""
