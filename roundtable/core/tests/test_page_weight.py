"""What a first visit downloads: fonts subset and small, htmx only where used, no public page over 100 KB."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from fontTools.ttLib import TTFont

FONTS = Path(settings.BASE_DIR) / "roundtable" / "static" / "fonts"
MAX_PAGE_BYTES = 100 * 1024


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_the_web_fonts_are_small_lao_subsets_without_hinting(weight):
    woff2 = FONTS / f"NotoSansLao-{weight}.woff2"
    assert woff2.stat().st_size < 8 * 1024
    font = TTFont(woff2)
    cmap = font.getBestCmap()
    for char in "ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢຣລວສຫອຮໜໝຳ່້໊໋ໍ໐໙":
        assert ord(char) in cmap, char
    assert not any(ord("A") <= code <= ord("z") for code in cmap)  # Latin is the system font's
    assert "fpgm" not in font and "prep" not in font  # no TrueType hinting
    assert "GSUB" in font and "GPOS" in font  # the marks still stack and combine
    # The PDFs embed the full TrueType fonts, and the licence goes with both.
    assert (FONTS / f"NotoSansLao-{weight}.ttf").stat().st_size > 20 * 1024
    assert "Open Font License" in (FONTS / "LICENSE-OFL.txt").read_text()


@pytest.mark.django_db
def test_htmx_is_sent_only_to_pages_that_use_it(world, client):
    home = client.get("/en/").content.decode()
    assert "htmx.min.js" not in home and "hx-" not in home
    member = Client()
    member.force_login(world.user("member"))
    page = member.get("/en/").content.decode()
    assert "hx-headers" in page and page.index("htmx.min.js") < page.index("</body>")
