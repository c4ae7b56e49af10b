"""Bad input on the frameworks' pages and forms: a message or a fallback, never a 500 or a half-made save."""

import pytest

from roundtable.frameworks.models import Framework, FrameworkItem

from .test_views import nsedp, url  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("parent", ["²", "٣", "99999999999999999999", "-1", "abc", "1.5", ""])
def test_a_parent_that_no_item_can_be_adds_at_the_top_level(world, nsedp, client_for, parent):  # noqa: F811
    response = client_for(world.user("rtp")).get(url("item_add", "nsedp-9"), {"parent": parent})
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def _header(**changes) -> dict:
    data = {"name_lo": "ແຜນ IX", "name_en": "9th NSEDP", "start_year": 2021, "end_year": 2025}
    return data | {"description_lo": "", "description_en": "", "source_lo": "", "source_en": ""} | changes


@pytest.mark.parametrize(
    ("field", "limit"),
    [("description_lo", 4000), ("description_en", 4000), ("source_lo", 2000), ("source_en", 2000)],
)
def test_an_over_long_framework_text_is_a_form_error_and_nothing_is_saved(
    world,
    nsedp,  # noqa: F811
    client_for,
    english,
    field,
    limit,
):
    client = client_for(world.user("rtp"))
    response = client.post(
        url("edit", "nsedp-9"), _header(name_en="Ninth plan", **{field: "x" * (limit + 1)})
    )
    assert response.status_code == 200
    assert f"at most {limit} characters (it has {limit + 1})" in response.content.decode()
    assert Framework.objects.get(pk=nsedp.pk).name_en == "9th NSEDP"
    assert client.post(url("edit", "nsedp-9"), _header(**{field: "x" * limit})).status_code == 302
    assert getattr(Framework.objects.get(pk=nsedp.pk), field) == "x" * limit


@pytest.mark.parametrize("year", [0, 1899, 2201, 9999, 32767])
@pytest.mark.parametrize("field", ["start_year", "end_year"])
def test_a_framework_period_outside_the_platforms_years_is_a_form_error(
    world,
    nsedp,  # noqa: F811
    client_for,
    field,
    year,
):
    data = _header(**{"start_year": 1900, "end_year": 2200, field: year})
    assert client_for(world.user("rtp")).post(url("edit", "nsedp-9"), data).status_code == 200
    nsedp.refresh_from_db()
    assert (nsedp.start_year, nsedp.end_year) == (2021, 2025)


@pytest.mark.parametrize("field", ["title_lo", "title_en"])
def test_an_over_long_item_title_is_a_form_error_and_nothing_is_saved(
    world,
    nsedp,  # noqa: F811
    client_for,
    english,
    field,
):
    item = FrameworkItem.objects.get(code="2.1")
    data = {
        "code": "2.1",
        "title_lo": "ການສຶກສາ",
        "title_en": "Basic education",
        "short_lo": "",
        "short_en": "",
    }
    client = client_for(world.user("rtp"))
    response = client.post(url("item_edit", "nsedp-9", item.pk), data | {field: "x" * 2001})
    assert "at most 2000 characters (it has 2001)" in response.content.decode()
    assert FrameworkItem.objects.get(pk=item.pk).title_en == "Basic education"
    response = client.post(
        url("item_add", "nsedp-9"), data | {"code": "2.9", "level": "output", field: "x" * 2001}
    )
    assert "at most 2000 characters (it has 2001)" in response.content.decode()
    assert not FrameworkItem.objects.filter(code="2.9").exists()


def test_the_longest_sdg_target_fits_its_title(world):
    """The limit leaves room for the official texts: the longest SDG target (English and Lao) fits."""
    from pathlib import Path

    import yaml

    data = Path(__file__).resolve().parents[1] / "data" / "sdg"
    longest = max(
        len(text)
        for lang in ("en", "lo")
        for name in ("global_goals.yml", "global_targets.yml", "global_indicators.yml")
        for text in yaml.safe_load((data / lang / name).read_text()).values()
        if isinstance(text, str)
    )
    assert longest <= FrameworkItem._meta.get_field("title_en").max_length
