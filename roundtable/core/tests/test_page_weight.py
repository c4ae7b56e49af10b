"""What a first visit downloads: fonts subset and small, htmx only where used, no public page over 100 KB."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from fontTools.ttLib import TTFont

from roundtable.core.tests.test_privacy import sitemap_paths

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


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module and rolled back at its end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), transaction.atomic():
        # load_demo refuses to run without DEBUG; the pages are then served as in production.
        with override_settings(DEBUG=True, PASSWORD_HASHERS=fast):
            call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.demo
@pytest.mark.django_db
def test_no_public_page_of_the_demo_is_over_100_kb(demo):
    client = Client()
    heavy = {}
    paths = sitemap_paths(client)
    assert len(paths) > 100
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if len(response.content) > MAX_PAGE_BYTES:
            heavy[path] = len(response.content)
    assert heavy == {}
