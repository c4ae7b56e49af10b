"""Charts drawn on the server as SVG geometry (no script, no inline style: colours come from aid.css by
class). Each chart is also given as a table on the page, for screen readers and for reading exact figures.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def short(value: Decimal | float | int) -> str:
    """1,234,567 → "1.2M"; 12,345 → "12k" (axis labels)."""
    value = float(value or 0)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{number_format(value / size, 1 if abs(value) < 10 * size else 0)}{suffix}"
    return number_format(value, 0)


def _ceiling(value: float) -> float:
    """A round number at or above `value` for the axis (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def year_bars(rows: list[dict], *, width: int = 640, height: int = 240) -> dict | None:
    """Committed and disbursed side by side for each year: {"bars", "ticks", "labels", "width", "height"}."""
    rows = [r for r in rows if r.get("year")]
    if not rows:
        return None
    top = _ceiling(max(float(max(r["committed"], r["disbursed"])) for r in rows))
    left, bottom, right, margin_top = 56, 28, 8, 10
    plot_w, plot_h = width - left - right, height - bottom - margin_top
    slot = plot_w / len(rows)
    bar = max(min(slot * 0.36, 40), 4)
    bars, labels = [], []
    for i, row in enumerate(rows):
        x0 = left + i * slot + (slot - 2 * bar) / 2
        for j, key in enumerate(("committed", "disbursed")):
            h = plot_h * float(row[key]) / top if top else 0
            bars.append(
                {
                    "x": round(x0 + j * bar, 1),
                    "y": round(margin_top + plot_h - h, 1),
                    "w": round(bar - 2, 1),
                    "h": round(max(h, 0), 1),
                    "kind": key,
                    "value": row[key],
                    "year": row["year"],
                }
            )
        labels.append({"x": round(left + i * slot + slot / 2, 1), "y": height - 8, "text": row["year"]})
    ticks = []
    for k in range(5):
        value = top * k / 4
        ticks.append({"y": round(margin_top + plot_h - plot_h * k / 4, 1), "text": short(value)})
    return {
        "bars": bars,
        "labels": labels,
        "ticks": ticks,
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
    }


def group_bars(
    rows: list[dict], *, width: int = 640, label_width: int = 220, row_height: int = 34
) -> dict | None:
    """Horizontal bars per group (committed above disbursed): {"rows": [...], "width", "height"}."""
    if not rows:
        return None
    top = _ceiling(max(float(max(r["committed"], r["disbursed"])) for r in rows) or 1)
    plot_w = width - label_width - 70
    drawn = []
    for i, row in enumerate(rows):
        y = 6 + i * row_height
        drawn.append(
            {
                "label": row["label"],
                "y": y,
                "text_y": y + 15,
                "committed_w": round(plot_w * float(row["committed"]) / top, 1),
                "disbursed_w": round(plot_w * float(row["disbursed"]) / top, 1),
                "committed_y": y + 2,
                "disbursed_y": y + 15,
                "committed": row["committed"],
                "disbursed": row["disbursed"],
                "value_x": label_width
                + round(plot_w * float(max(row["committed"], row["disbursed"])) / top, 1)
                + 6,
                "short": short(max(row["committed"], row["disbursed"])),
            }
        )
    return {"rows": drawn, "width": width, "height": 12 + len(rows) * row_height, "x": label_width}
