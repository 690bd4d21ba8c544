"""timeline: the governance calendar of international organisations.

The public API never imports plotly, icalendar or typer::

    import timeline
    tl = timeline.load()                      # the bundled data (CSTO)
    [c.member.name for c in tl.chairs("2023")]
"""

from timeline.core.dates import Duration, PartialDate, Period
from timeline.core.model import Event, Office, Person, Term
from timeline.core.organisation import Organisation
from timeline.core.query import Chairmanship, Timeline
from timeline.errors import DataError, DataErrors, QueryError, TimelineError
from timeline.load import load, load_all, load_many

__all__ = [
    "Chairmanship",
    "DataError",
    "DataErrors",
    "Duration",
    "Event",
    "Office",
    "Organisation",
    "PartialDate",
    "Period",
    "Person",
    "QueryError",
    "Term",
    "Timeline",
    "TimelineError",
    "load",
    "load_all",
    "load_many",
]
