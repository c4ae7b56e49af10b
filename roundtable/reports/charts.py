"""Bar charts for the reports, readable in print and in grey: each series has its own grey and hatching
(never colour alone), every bar carries its number, and a legend names the series.

A chart is drawn once as a list of shapes; `svg()` writes it for the pages and the PDF (WeasyPrint draws
inline SVG with the document's fonts), `png()` for the DOCX (Pillow, with Noto Sans Lao and complex-text
shaping for Lao), and `docx_svg()` gives both for Word's SVG picture with its PNG fallback.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape

from roundtable.core.pdf import FONT_DIR

# Fill, and whether the series is hatched: distinguishable in grey and in black-and-white print.
SERIES_STYLES = [
    ("#3a3a3a", False),
    ("#9a9a9a", False),
    ("#d9d9d9", True),
    ("#ffffff", True),
    ("#6a6a6a", True),
]
TEXT = "#1a1a1a"
FONT = "Noto Sans Lao, DejaVu Sans, sans-serif"


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    hatch: bool = False


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: float = 11
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    fill: str = TEXT


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    dashed: bool = False


@dataclass
class Chart:
    title: str
    width: float
    height: float
    shapes: list = field(default_factory=list)
    # The data, for the layout whose words are HTML (`html_rows`, `legend`): WeasyPrint draws SVG text
    # letter by letter, which breaks Lao's combining vowels and tone marks; its HTML text is shaped.
    rows: list = field(default_factory=list)
    series: list = field(default_factory=list)
    marker: float | None = None
    marker_label: str = ""
    largest: float = 1

    # The bars drawn as one SVG beside an HTML column of labels, a row every PITCH: WeasyPrint lays out
    # one SVG per chart much faster than one per row, and the labels are HTML so that Lao is shaped.
    PITCH_MM = 5.6
    BARS_MM = 100

    @property
    def labels(self) -> list[str]:
        return [label for label, _values in self.rows]

    def bars_svg(self) -> str:
        pitch, width = 20.0, self.BARS_MM / self.PITCH_MM * 20
        unit = (width - 34) / self.largest
        height = pitch * len(self.rows)
        defs, hatch_fill = _hatch_defs()
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{self.BARS_MM}mm" height="{self.PITCH_MM * len(self.rows):.1f}mm" role="img" '
            f'aria-label="{escape(self.title)}" font-family="DejaVu Sans, sans-serif">',
            defs,
        ]
        for row, (_label, values) in enumerate(self.rows):
            y = row * pitch
            x = 0.0
            for index, value in enumerate(values):
                if value <= 0:
                    continue
                fill, hatch = SERIES_STYLES[index % len(SERIES_STYLES)]
                w = value * unit
                parts.append(_svg_rect(Rect(x, y + 3, w, 14, fill, hatch), hatch_fill))
                if w >= 16:
                    parts.append(_svg_rect(Rect(x + w / 2 - 8, y + 5, 16, 10, "#ffffff")))
                    parts.append(_svg_text(Text(x + w / 2, y + 13.5, str(value), size=9, anchor="middle")))
                x += w
            parts.append(_svg_text(Text(x + 4, y + 14, str(sum(values)), size=10, bold=True)))
        if self.marker:
            mx = self.marker * unit
            parts.append(_svg_line(Line(mx, 0, mx, height, dashed=True)))
        parts.append("</svg>")
        return "".join(parts)

    def legend(self) -> list[tuple[str, str]]:
        """(series name, its swatch as a small SVG)."""
        items = []
        for index, name in enumerate(self.series):
            fill, hatch = SERIES_STYLES[index % len(SERIES_STYLES)]
            defs, hatch_fill = _hatch_defs()
            items.append(
                (
                    name,
                    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 14 14" width="14" height="14">'
                    + defs
                    + _svg_rect(Rect(0.5, 0.5, 13, 13, fill, hatch), hatch_fill)
                    + "</svg>",
                )
            )
        if self.marker and self.marker_label:
            items.append(
                (
                    self.marker_label,
                    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 14 14" width="14" height="14">'
                    + _svg_line(Line(7, 0, 7, 14, dashed=True))
                    + "</svg>",
                )
            )
        return items

    # --- SVG ------------------------------------------------------------------------------------------

    def svg(self) -> str:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width:.0f} {self.height:.0f}" '
            f'width="{self.width:.0f}" height="{self.height:.0f}" role="img" '
            f'aria-label="{escape(self.title)}" '
            f'font-family="{FONT}">',
            f"<title>{escape(self.title)}</title>",
        ]
        defs, hatch_fill = _hatch_defs()
        parts.append(defs)
        for shape in self.shapes:
            if isinstance(shape, Rect):
                parts.append(_svg_rect(shape, hatch_fill))
            elif isinstance(shape, Line):
                parts.append(_svg_line(shape))
            else:
                parts.append(_svg_text(shape))
        parts.append("</svg>")
        return "".join(parts)

    # --- PNG (for the DOCX) ---------------------------------------------------------------------------

    def png(self, scale: float = 1.6) -> bytes:
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (int(self.width * scale), int(self.height * scale)), "white")
        draw = ImageDraw.Draw(image)
        for shape in self.shapes:
            if isinstance(shape, Rect):
                box = [
                    shape.x * scale,
                    shape.y * scale,
                    (shape.x + shape.w) * scale,
                    (shape.y + shape.h) * scale,
                ]
                draw.rectangle(box, fill=shape.fill, outline="#1a1a1a", width=1)
                if shape.hatch:
                    _hatch(draw, box, scale)
            elif isinstance(shape, Line):
                draw.line(
                    [shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale],
                    fill="#1a1a1a",
                    width=max(1, int(scale)),
                )
            else:
                font = _font(round(shape.size * scale), shape.bold)
                anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
                draw.text(
                    (shape.x * scale, shape.y * scale), shape.text, fill=shape.fill, font=font, anchor=anchor
                )
        buffer = io.BytesIO()
        # Only the SVG picture's fallback: quick compression (level 6 took as long as drawing).
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


_ids = itertools.count(1)


def _hatch_defs() -> tuple[str, str]:
    """The hatching pattern's <defs> and its fill, with an id of its own: one page or PDF holds many charts,
    and an id must be unique in it."""
    pattern_id = f"hatch-{next(_ids)}"
    defs = (
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="1.2"/></pattern></defs>'
    )
    return defs, f"url(#{pattern_id})"


def _svg_rect(shape: Rect, hatch_fill: str = "") -> str:
    rect = (
        f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
        f'fill="{shape.fill}" stroke="#1a1a1a" stroke-width="0.6"/>'
    )
    if shape.hatch:
        rect += (
            f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
            f'fill="{hatch_fill}"/>'
        )
    return rect


def _svg_line(shape: Line) -> str:
    dash = ' stroke-dasharray="4 3"' if shape.dashed else ""
    return (
        f'<line x1="{shape.x1:.1f}" y1="{shape.y1:.1f}" x2="{shape.x2:.1f}" y2="{shape.y2:.1f}" '
        f'stroke="#1a1a1a" stroke-width="1"{dash}/>'
    )


def _svg_text(shape: Text) -> str:
    weight = ' font-weight="700"' if shape.bold else ""
    return (
        f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size:.0f}" '
        f'text-anchor="{shape.anchor}" '
        f'fill="{shape.fill}"{weight}>{escape(shape.text)}</text>'
    )


def _hatch(draw, box, scale: float) -> None:
    x0, y0, x1, y1 = box
    step = 6 * scale
    start = x0 - (y1 - y0)
    while start < x1:
        # A 45° line from the bottom edge, clipped to the box.
        ax, ay, bx, by = start, y1, start + (y1 - y0), y0
        if ax < x0:
            ay -= x0 - ax
            ax = x0
        if bx > x1:
            by += bx - x1
            bx = x1
        if ax < bx:
            draw.line([ax, ay, bx, by], fill="#1a1a1a", width=1)
        start += step


@lru_cache(maxsize=16)
def _font(size: int, bold: bool):
    from PIL import ImageFont

    name = "NotoSansLao-Bold.ttf" if bold else "NotoSansLao-Regular.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size, layout_engine=ImageFont.Layout.RAQM)
    except (OSError, ImportError, KeyError):
        return ImageFont.truetype(str(FONT_DIR / name), size)


# --- the charts ---------------------------------------------------------------------------------------


def stacked_bars(
    title: str,
    rows: list[tuple[str, list[int]]],
    series: list[str],
    *,
    marker: float | None = None,
    marker_label: str = "",
    width: float = 640,
) -> Chart:
    """Horizontal bars, one per row, each stacked from its series' values; `marker` draws a dashed line at
    a value (e.g. the guideline's minimum)."""
    label_w = min(230.0, max(80.0, 6.6 * max((len(label) for label, _ in rows), default=8)))
    right = 40.0
    bar_h, gap, top = 18.0, 8.0, 28.0
    legend_h = 22.0 * ((len(series) + 2) // 3)
    height = top + len(rows) * (bar_h + gap) + 26 + legend_h
    largest = max([sum(values) for _, values in rows] + [marker or 0, 1])
    chart = Chart(
        title,
        width,
        height,
        rows=rows,
        series=series,
        marker=marker,
        marker_label=marker_label,
        largest=largest,
    )
    chart.shapes.append(Text(0, 16, title, size=13, bold=True))
    plot_w = width - label_w - right
    unit = plot_w / largest
    for index, (label, values) in enumerate(rows):
        y = top + index * (bar_h + gap)
        chart.shapes.append(Text(label_w - 6, y + bar_h - 5, label, size=10.5, anchor="end"))
        x = label_w
        for s, value in enumerate(values):
            if value <= 0:
                continue
            fill, hatch = SERIES_STYLES[s % len(SERIES_STYLES)]
            w = value * unit
            chart.shapes.append(Rect(x, y, w, bar_h, fill, hatch))
            if w >= 16:
                # The number on a white chip, legible on any grey or hatching.
                chart.shapes.append(Rect(x + w / 2 - 8, y + 3, 16, bar_h - 6, "#ffffff"))
                chart.shapes.append(Text(x + w / 2, y + bar_h - 5, str(value), size=9.5, anchor="middle"))
            x += w
        total = sum(values)
        chart.shapes.append(Text(x + 4, y + bar_h - 5, str(total), size=10, bold=True))
    axis_bottom = top + len(rows) * (bar_h + gap)
    chart.shapes.append(Line(label_w, top - 4, label_w, axis_bottom))
    if marker:
        mx = label_w + marker * unit
        chart.shapes.append(Line(mx, top - 6, mx, axis_bottom, dashed=True))
        if marker_label:
            chart.shapes.append(Text(mx, axis_bottom + 14, marker_label, size=9.5, anchor="middle"))
    legend_y = axis_bottom + 30
    for s, name in enumerate(series):
        fill, hatch = SERIES_STYLES[s % len(SERIES_STYLES)]
        col, line = s % 3, s // 3
        x = label_w + col * (plot_w / 3)
        y = legend_y + line * 22
        chart.shapes.append(Rect(x, y - 11, 14, 14, fill, hatch))
        chart.shapes.append(Text(x + 20, y, name, size=10))
    return chart
