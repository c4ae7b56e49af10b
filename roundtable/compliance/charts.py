"""The scorecard's charts, drawn on the server as SVG: readable without JavaScript, in print and in grey.

Each status has its own grey *and* its own pattern (solid, hatched, cross-hatched, dotted, empty), so that
a black-and-white copy still tells them apart; every segment carries its number, and the row its share
done on time. A chart is a table of rows (the label in HTML, which shapes Lao text properly, and the bar as
a small SVG), with a legend of swatches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .items import Status

FONT = "Noto Sans Lao, DejaVu Sans, sans-serif"
# The order of the segments in a bar: what is done first, what is missing last.
ORDER = [Status.DONE, Status.LATE, Status.DUE, Status.OVERDUE, Status.NA]
# fill, pattern ("" for solid), text colour on it
STYLES = {
    Status.DONE: ("#2e2e2e", "", "#ffffff"),
    Status.LATE: ("#8a8a8a", "hatch", "#000000"),
    Status.DUE: ("#e6e6e6", "dots", "#000000"),
    Status.OVERDUE: ("#ffffff", "cross", "#000000"),
    Status.NA: ("#ffffff", "", "#000000"),
}


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#8a8a8a"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern>'
        f'<pattern id="{prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fff"/>'
        '<path d="M0 0L6 6M6 0L0 6" stroke="#000" stroke-width="1"/></pattern>'
        f'<pattern id="{prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#e6e6e6"/><circle cx="2.5" cy="2.5" r="1" fill="#000"/></pattern>'
        "</defs>"
    )


def _fill(status: str, prefix: str) -> str:
    colour, pattern, _text = STYLES[status]
    return f"url(#{prefix}-{pattern})" if pattern else colour


def bar(counts: dict, largest: int, prefix: str, width: int = 360, height: int = 22) -> SafeString:
    """One row's bar: a segment per status with its number, scaled to `largest` (the longest row)."""
    usable = width - 46
    unit = usable / largest if largest else 0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" class="bar" aria-hidden="true" font-family="{FONT}">',
        _defs(prefix),
    ]
    x = 0.0
    for status in ORDER:
        n = counts.get(status, 0)
        if n <= 0:
            continue
        w = n * unit
        parts.append(
            f'<rect x="{x:.1f}" y="2" width="{w:.1f}" height="{height - 4}" fill="{_fill(status, prefix)}" '
            'stroke="#000" stroke-width="0.8"/>'
        )
        if w >= 16:
            # A white box behind the number keeps it legible on every pattern.
            parts.append(
                f'<rect x="{x + w / 2 - 9:.1f}" y="{height / 2 - 6:.1f}" width="18" height="12" fill="#fff"/>'
                f'<text x="{x + w / 2:.1f}" y="{height / 2 + 4:.1f}" font-size="10" text-anchor="middle" '
                f'fill="#000">{n}</text>'
            )
        x += w
    total = sum(counts.get(s, 0) for s in ORDER)
    parts.append(
        f'<text x="{x + 4:.1f}" y="{height / 2 + 4:.1f}" font-size="11" font-weight="bold" '
        f'fill="#000">{total}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def swatch(status: str, prefix: str) -> SafeString:
    return mark_safe(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16" '
        'aria-hidden="true">'
        + _defs(prefix)
        + f'<rect x="0.5" y="0.5" width="15" height="15" fill="{_fill(status, prefix)}" stroke="#000"/></svg>'
    )


@dataclass
class ChartRow:
    label: str
    bar: SafeString
    share: int | None
    url: str = ""


@dataclass
class Chart:
    title: str
    prefix: str
    rows: list[ChartRow] = field(default_factory=list)

    @property
    def legend(self) -> list[tuple[str, SafeString]]:
        return [(Status(s).label, swatch(s, f"{self.prefix}-legend")) for s in ORDER]


def chart(title: str, prefix: str, rows: list[tuple[str, dict, int | None, str]]) -> Chart:
    """A chart of (label, counts by status, share on time, link) rows, all on one scale."""
    largest = max((sum(counts.values()) for _label, counts, _share, _url in rows), default=0)
    result = Chart(title=title, prefix=escape(prefix))
    for index, (label, counts, share, url) in enumerate(rows):
        result.rows.append(ChartRow(label, bar(counts, largest, f"{result.prefix}-{index}"), share, url))
    return result
