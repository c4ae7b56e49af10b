"""The indicators' data file and the VDCAP loader: a good file loads (and again without change), a bad file
stops with a message that names the file, the line or the indicator, and what is wrong."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from roundtable.frameworks.indicator_models import Indicator
from roundtable.frameworks.indicators import INDICATORS_FILE, indicators_load, indicators_load_file
from roundtable.frameworks.models import FrameworkItem
from roundtable.frameworks.services import DATA_DIR, FrameworkDataError, framework_load_file

pytestmark = pytest.mark.django_db

REAL = "code,title_en,title_lo\nA1,Align partners' programmes,ສອດຄ່ອງແຜນງານ\nK15,A new action,\n"


@pytest.fixture
def declaration(db):
    framework_load_file(path=DATA_DIR / "vd-2016.yaml")


def test_the_shipped_file_gives_every_gpedc_indicator_its_unit_baseline_target_and_owner(declaration):
    assert indicators_load_file(path=INDICATORS_FILE) == (13, 0)
    codes = set(Indicator.objects.values_list("item__code", flat=True))
    assert codes == {"1a", "1b", "2", "3", "4", "5a", "5b", "6", "7", "8", "9a", "9b", "10"}
    for indicator in Indicator.objects.all():
        assert indicator.unit_en and indicator.unit_lo and indicator.source_en and indicator.source_lo
        assert indicator.baseline_year == 2016 and indicator.target_year == 2025
        assert indicator.illustrative
    assert Indicator.objects.get(item__code="3").owner_code == "trade"
    assert Indicator.objects.get(item__code="4").owned_by_rtp
    assert indicators_load_file(path=INDICATORS_FILE) == (0, 0)
    assert Indicator.history.count() == 13


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"code": "99"}, "indicator 99: vd-2016 has no indicator with this code"),
        ({"code": "1a", "colour": "red"}, "indicator 1a: unknown keys ['colour']"),
        ({"code": "1a", "baseline": {"year": 2016}}, "baseline must be a mapping with a year and a value"),
        (
            {"code": "1a", "target": {"year": "soon", "value": 1}},
            "target: the year and the value must be numbers",
        ),
        (
            {"code": "1a", "baseline": {"year": 2020, "value": 1}, "target": {"year": 2019, "value": 2}},
            "The target year cannot be before the baseline year.",
        ),
        ({"unit_en": "%"}, "every indicator needs a code"),
    ],
)
def test_a_bad_indicator_row_is_refused_with_a_clear_message(declaration, row, message):
    with pytest.raises(FrameworkDataError) as error, translation.override("en"):
        indicators_load(data={"framework": "vd-2016", "indicators": [row]}, source_name="mine.yaml")
    assert str(error.value).startswith("mine.yaml")
    assert message in str(error.value)
    assert not Indicator.objects.exists()


def test_an_indicators_file_for_a_framework_not_loaded_is_refused(db):
    with pytest.raises(FrameworkDataError, match="no framework 'vd-2016'"):
        indicators_load(data={"framework": "vd-2016", "indicators": []})


def test_the_illustrative_vdcap_ships_fourteen_actions_marked_so(db):
    framework_load_file(path=DATA_DIR / "vdcap-2016.yaml")
    actions = FrameworkItem.objects.filter(framework__code="vdcap-2016", level="action")
    assert actions.count() == 14
    assert all(action.illustrative and action.title_lo and action.title_en for action in actions)


def test_load_vdcap_replaces_the_illustrative_actions_with_the_real_file(db, tmp_path):
    framework_load_file(path=DATA_DIR / "vdcap-2016.yaml")
    path = tmp_path / "vdcap.csv"
    path.write_text(REAL, encoding="utf-8")
    out = io.StringIO()
    call_command("load_vdcap", str(path), stdout=out)
    assert "1 created, 1 updated, 0 unchanged, 13 illustrative removed" in out.getvalue()
    actions = FrameworkItem.objects.filter(framework__code="vdcap-2016").order_by("sort_key")
    assert [(a.code, a.illustrative) for a in actions] == [("A1", False), ("K15", False)]
    assert actions[0].title_en == "Align partners' programmes"
    out = io.StringIO()
    call_command("load_vdcap", str(path), stdout=out)
    assert "0 created, 0 updated, 2 unchanged, 0 illustrative removed" in out.getvalue()


def test_load_vdcap_works_on_a_database_without_the_illustrative_set(db, tmp_path):
    path = tmp_path / "vdcap.csv"
    path.write_text(REAL, encoding="utf-8-sig")  # a spreadsheet's byte-order mark is fine
    call_command("load_vdcap", str(path), stdout=io.StringIO())
    assert set(FrameworkItem.objects.filter(framework__code="vdcap-2016").values_list("code", flat=True)) == {
        "A1",
        "K15",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("number,title\n1,x\n", "vdcap.csv: the header row must name the columns code, title_en, title_lo"),
        ("code,title_en,title_lo\n", "vdcap.csv: the file names no action"),
        ("code,title_en,title_lo\n,An action,\n", "vdcap.csv: line 2: the action needs a code"),
        ("code,title_en,title_lo\nA1,One,\nA2,,\n", "vdcap.csv: line 3: action A2 needs a title"),
        ("code,title_en,title_lo\nA1,One,\nA1,Again,\n", "item A1 appears twice"),
    ],
)
def test_a_bad_vdcap_file_stops_with_a_clear_message_and_changes_nothing(db, tmp_path, text, message):
    framework_load_file(path=DATA_DIR / "vdcap-2016.yaml")
    path = tmp_path / "vdcap.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_vdcap", str(path), stdout=io.StringIO())
    assert message in str(error.value)
    actions = FrameworkItem.objects.filter(framework__code="vdcap-2016")
    assert actions.count() == 14 and all(a.illustrative for a in actions)


def test_a_file_that_is_not_text_is_refused(db, tmp_path):
    path = tmp_path / "vdcap.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(CommandError, match="vdcap.csv"):
        call_command("load_vdcap", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="missing.csv"):
        call_command("load_vdcap", str(tmp_path / "missing.csv"), stdout=io.StringIO())
