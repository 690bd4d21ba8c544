"""Presentation of the core model: text and JSON, iCalendar, HTML. Renderers never print."""
