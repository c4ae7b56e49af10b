"""PDF rendering with WeasyPrint, shared by every PDF the platform files (meetings, minutes, work plans).

One font family throughout: Noto Sans Lao for Lao, Noto Sans (the same family's Latin) for everything else,
both from TrueType files on disk (`file://` URLs), never from the web subsets (.woff2) the pages use, so
nothing is fetched while rendering and every glyph is in the file.

A document in the Government's layout (see core/documents.py):

    render_document("app/export_pdf.html", {"doc": ...}, meta)   # meta: a DocumentMeta

and its template:

    <style>{% include "core/pdf/_page.css" %} ...its own rules... </style>
    {% include "core/pdf/_national_heading.html" %}   the country, its motto, group, reference, dates
    ... the document ...
    {% include "core/pdf/_signature.html" %}          the chair's signature

_page.css sets A4 (landscape when `meta.landscape`), the margins, "page N of M" in the document's language
and the reference in the footer, the fonts, and tables that wrap inside their columns
(`table-layout: fixed`, `overflow-wrap: anywhere`: Lao has no spaces between words).

`render_pdf(template, context)` stays for templates that include only "core/_pdf_fonts.html" (the reports).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONT_DIR = Path(settings.BASE_DIR) / "roundtable" / "static" / "fonts"
# Noto Sans (Latin) is not in the repository: Debian's fonts-noto-core has it. A copy in FONT_DIR wins.
SYSTEM_FONT_DIRS = (FONT_DIR, Path("/usr/share/fonts/truetype/noto"))


def _font(filename: str) -> str:
    """A file:// URL of the first copy found, else a local() name that fontconfig resolves as it can."""
    for directory in SYSTEM_FONT_DIRS:
        path = directory / filename
        if path.exists():
            return f'url("{path.as_uri()}")'
    return f'local("{filename.removesuffix(".ttf")}")'


FONTS = {
    # The keys the templates read; font_regular and font_bold are bare URLs (the reports' templates use them).
    "font_regular": (FONT_DIR / "NotoSansLao-Regular.ttf").as_uri(),
    "font_bold": (FONT_DIR / "NotoSansLao-Bold.ttf").as_uri(),
    "font_latin_regular": _font("NotoSans-Regular.ttf"),
    "font_latin_bold": _font("NotoSans-Bold.ttf"),
    "font_latin_italic": _font("NotoSans-Italic.ttf"),
}
# The CSS font stack of every PDF: Noto Sans Lao has only the Lao glyphs, Noto Sans the rest.
FONT_STACK = '"Noto Sans Lao", "Noto Sans", sans-serif'
# The PostScript names a PDF may embed (as pdfplumber reports them, after the subset's "ABCDEF+").
FONT_NAMES = ("NotoSansLao", "NotoSans")


def render_pdf(template_name: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads its native libraries on import, which only PDF downloads need.
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, **FONTS, "font_stack": FONT_STACK})
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()


def render_document(template_name: str, context: dict, meta) -> bytes:
    """A PDF in the Government's layout: `meta` (core.documents.DocumentMeta) fills the heading, the footer
    and the signature of the core/pdf/ templates."""
    return render_pdf(template_name, {**meta.context(), **context})
