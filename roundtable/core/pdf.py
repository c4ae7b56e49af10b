"""PDF rendering with WeasyPrint and the Lao font, shared by the exports (meetings, minutes, work plans).

A PDF template puts `{% include "core/_pdf_fonts.html" %}` at the top of its <style>; the font files
are read from disk (`file://` URLs), so nothing is fetched over the network while rendering.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONT_DIR = Path(settings.BASE_DIR) / "roundtable" / "static" / "fonts"
FONTS = {
    "font_regular": (FONT_DIR / "NotoSansLao-Regular.ttf").as_uri(),
    "font_bold": (FONT_DIR / "NotoSansLao-Bold.ttf").as_uri(),
}


def render_pdf(template_name: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads its native libraries on import, which only PDF downloads need.
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, **FONTS})
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
