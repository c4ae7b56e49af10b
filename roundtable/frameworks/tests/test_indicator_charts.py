"""An indicator's chart: the baseline, each value and the target drawn with their numbers, by shape and not
by colour (only black, white and greys), described in words, and nothing when there is nothing to draw."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from roundtable.frameworks.indicator_charts import indicator_chart, number
from roundtable.frameworks.indicator_models import Indicator, IndicatorValue, ValueState

from .indicator_world import page

pytestmark = pytest.mark.django_db


def values(indicator, pairs):
    return [IndicatorValue(indicator=indicator, year=y, value=Decimal(v), note="n") for y, v in pairs]


def test_the_chart_draws_baseline_values_and_target_with_their_numbers(vd):
    with translation.override("en"):  # the description's words are the reader's language
        svg = indicator_chart(vd, values(vd, [(2018, "58"), (2020, "63.5")]), chart_id="c")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="baseline"') == 1
    assert svg.count('class="value"') == 2
    assert svg.count('class="target"') == 1
    for figure in ("55", "58", "63.5", "75"):
        assert f">{figure}</text>" in svg
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    desc = re.search(r'<desc id="c-desc">([^<]*)</desc>', svg).group(1)
    assert desc == "baseline 2016: 55; 2018: 58; 2020: 63.5; target 2025: 75"


def test_the_chart_is_readable_in_grey(vd):
    svg = indicator_chart(vd, values(vd, [(2018, "58")]), chart_id="c")
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{3,6})"', svg))
    for colour in colours:
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        red, green, blue = digits[0:2], digits[2:4], digits[4:6]
        assert red == green == blue, colour  # a grey: a black-and-white copy loses nothing
    assert 'stroke-dasharray="6 4"' in svg  # the path to the target is dashed, the values' line solid


def test_the_values_scale_between_the_axis_and_the_top(vd):
    svg = indicator_chart(vd, values(vd, [(2018, "58")]), chart_id="c")
    ys = [float(y) for y in re.findall(r'<circle class="value" cx="[^"]+" cy="([^"]+)"', svg)]
    baseline_y = float(re.search(r'<rect class="baseline" x="[^"]+" y="([^"]+)"', svg).group(1)) + 5
    assert ys[0] < baseline_y  # 58 is drawn above 55


def test_without_a_baseline_a_target_or_a_value_there_is_no_chart(vd):
    bare = Indicator(item=vd.item)
    assert indicator_chart(bare, [], chart_id="c") == ""
    only_values = indicator_chart(bare, values(vd, [(2020, "3")]), chart_id="c")
    assert only_values.count('class="value"') == 1 and 'class="target"' not in only_values


def test_numbers_are_shown_without_needless_decimals():
    assert [number(Decimal(v)) for v in ("62.00", "3.50", "0.25", "100")] == ["62", "3.5", "0.25", "100"]


def test_the_charts_on_the_pages_draw_published_values_only(world, vd, client_for):
    for year, state in [(2019, ValueState.PUBLISHED), (2021, ValueState.SUBMITTED)]:
        IndicatorValue.objects.create(indicator=vd, year=year, value=Decimal("60"), note="n", state=state)
    for persona in ("anonymous", "rtp"):
        client = client_for(world.user(persona))
        for path in (page("monitoring", "vd-2016"), page("indicator", "vd-2016", "1b")):
            body = client.get(path).content.decode()
            chart = body[body.index('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 560') :]
            chart = chart[: chart.index("</svg>")]
            assert chart.count('class="value"') == 1, (persona, path)
