"""An indicator's chart, drawn on the server as SVG: the baseline, the yearly values and the target.

Readable without JavaScript, in print and in grey: each series has its own shape and line, not a colour
(the baseline a hollow square, the values black dots on a solid line, the target a black diamond, reached
from the baseline by a dashed line), every point carries its number, and the description (`<desc>`) says
the same in words for a screen reader. The labels that need Lao shaping (the legend) are HTML next to it.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT = "Noto Sans Lao, DejaVu Sans, sans-serif"
WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 20, 22, 34


def number(value) -> str:
    """62.00 → '62', 3.50 → '3.5'."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _nice_top(largest: float) -> float:
    if largest <= 0:
        return 1.0
    for step in (1, 2, 2.5, 5, 10):
        magnitude = 10 ** (len(str(int(largest))) - 1)
        top = step * magnitude
        if top >= largest * 1.1:
            return float(top)
    return largest * 1.2


def indicator_chart(indicator, values, *, chart_id: str) -> SafeString:
    """The SVG of an indicator with the given values (the caller chooses which: the public sees the
    published ones); an empty string when there is nothing to draw."""
    points = sorted((v.year, float(v.value)) for v in values)
    baseline = (
        (indicator.baseline_year, float(indicator.baseline_value))
        if indicator.baseline_year is not None and indicator.baseline_value is not None
        else None
    )
    target = (
        (indicator.target_year, float(indicator.target_value))
        if indicator.target_year is not None and indicator.target_value is not None
        else None
    )
    every = points + [p for p in (baseline, target) if p]
    if not every:
        return mark_safe("")
    first = min(year for year, _v in every)
    last = max(year for year, _v in every)
    if first == last:
        first, last = first - 1, last + 1
    low = min(0.0, min(v for _y, v in every))
    top = _nice_top(max(v for _y, v in every))
    span_x, span_y = last - first, (top - low) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return round(LEFT + (year - first) / span_x * plot_w, 1)

    def y(value: float) -> float:
        return round(TOP + (top - value) / span_y * plot_h, 1)

    def label(value: float) -> str:
        return number(Decimal(str(value)))

    title = f"{indicator.item.code} {indicator.item.short or indicator.item.title}"
    words = []
    if baseline:
        words.append(_("baseline %(year)s: %(value)s") % {"year": baseline[0], "value": label(baseline[1])})
    words += [_("%(year)s: %(value)s") % {"year": year, "value": label(value)} for year, value in points]
    if target:
        words.append(_("target %(year)s: %(value)s") % {"year": target[0], "value": label(target[1])})
    if not points:
        words.append(_("no published value yet"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="indicator-chart" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}" font-size="11">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape("; ".join(words))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # Grid: four steps up the value axis, a tick every year (every other one past twelve years).
    for i in range(5):
        value = low + span_y * i / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y(value)}" x2="{WIDTH - RIGHT}" y2="{y(value)}" stroke="#d0d0d0" '
            'stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4}" text-anchor="end" fill="#000">{label(value)}</text>'
        )
    stride = 1 if span_x <= 12 else 2
    for year in range(first, last + 1, stride):
        parts.append(
            f'<line x1="{x(year)}" y1="{TOP + plot_h}" x2="{x(year)}" y2="{TOP + plot_h + 4}" stroke="#000"/>'
            f'<text x="{x(year)}" y="{TOP + plot_h + 16}" text-anchor="middle" fill="#000">{year}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#000"/>'
    )
    if baseline and target:
        parts.append(
            f'<line class="path-to-target" x1="{x(baseline[0])}" y1="{y(baseline[1])}" x2="{x(target[0])}" '
            f'y2="{y(target[1])}" stroke="#6a6a6a" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    if points:
        line = " ".join(f"{x(year)},{y(value)}" for year, value in ([baseline] if baseline else []) + points)
        parts.append(f'<polyline class="values" points="{line}" fill="none" stroke="#000" stroke-width="2"/>')
        for year, value in points:
            parts.append(
                f'<circle class="value" cx="{x(year)}" cy="{y(value)}" r="4" fill="#000"/>'
                f'<text x="{x(year)}" y="{y(value) - 8}" text-anchor="middle" fill="#000">'
                f"{label(value)}</text>"
            )
    if baseline:
        bx, by = x(baseline[0]), y(baseline[1])
        parts.append(
            f'<rect class="baseline" x="{bx - 5}" y="{by - 5}" width="10" height="10" fill="#fff" '
            'stroke="#000" stroke-width="2"/>'
            f'<text x="{bx + 8}" y="{by + 16}" fill="#000">{label(baseline[1])}</text>'
        )
    if target:
        tx, ty = x(target[0]), y(target[1])
        parts.append(
            f'<path class="target" d="M{tx} {ty - 7}L{tx + 7} {ty}L{tx} {ty + 7}L{tx - 7} {ty}Z" '
            'fill="#000"/>'
            f'<text x="{tx - 10}" y="{ty - 10}" text-anchor="end" fill="#000">'
            f"{label(target[1])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
