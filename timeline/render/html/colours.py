"""A member state's colour, the same on every page and in every language, and the text that reads on it.

A state's colour is keyed by its member id (the data's ids are ISO 3166 codes, shared by the organisations): a hash
of the id picks its place in a large qualitative palette, so Russia is the same colour on the CSTO's page, the CIS's
and the overview. Where two states of one page would share a place, the later (by place, then id) takes the next
free one, so a page never shows two states alike; the palette is large enough (PALETTE_SIZE) that this is rare
(none among the bundled Eurasian organisations' states; a few of the Security Council's hundred and more move).

Bar labels take black or white, whichever contrasts more with the bar as drawn (its colour faded over the white
page where the bar is faded), by WCAG 2's contrast ratio.
"""

from __future__ import annotations

import colorsys
import hashlib
from collections.abc import Iterable

PALETTE_SIZE = 997
"""Places in the palette (a prime, so that hues and lightness levels interleave over the whole range)."""
LIGHTNESS = (0.40, 0.56, 0.70, 0.48)
SATURATION = (0.62, 0.55, 0.70)
GOLDEN_ANGLE = 137.508


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def _palette(size: int = PALETTE_SIZE) -> tuple[str, ...]:
    """Hues a golden angle apart, each at one of a few lightness and saturation levels: neighbours differ in hue and
    lightness alike."""
    return tuple(
        _hex(*colorsys.hls_to_rgb((i * GOLDEN_ANGLE % 360) / 360, LIGHTNESS[i % 4], SATURATION[i % 3]))
        for i in range(size)
    )


PALETTE = _palette()


def place(member: str) -> int:
    """A member id's own place in the palette (a stable hash: the same in every build and on every machine)."""
    return int.from_bytes(hashlib.sha256(member.encode("utf-8")).digest()[:8], "big") % PALETTE_SIZE


def assign(members: Iterable[str]) -> dict[str, str]:
    """Member id -> colour for the states of one page: each its own place, the next free one on a collision."""
    taken: set[int] = set()
    found: dict[str, str] = {}
    for member in sorted(set(members), key=lambda m: (place(m), m)):
        at = place(member)
        while at in taken and len(taken) < PALETTE_SIZE:
            at = (at + 1) % PALETTE_SIZE
        taken.add(at)
        found[member] = PALETTE[at]
    return found


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a '#rrggbb' colour."""
    r, g, b = (_channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def faded(colour: str, opacity: float, under: str = "#ffffff") -> str:
    """The colour as drawn at `opacity` over `under`."""
    mix = [opacity * int(colour[i : i + 2], 16) + (1 - opacity) * int(under[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c):02x}" for c in mix)


BLACK, WHITE = "#000000", "#ffffff"


def ink(colour: str, opacity: float = 1.0) -> str:
    """Black or white text, whichever contrasts more with a bar of `colour` drawn at `opacity` on white."""
    drawn = faded(colour, opacity)
    return BLACK if contrast(BLACK, drawn) >= contrast(WHITE, drawn) else WHITE
