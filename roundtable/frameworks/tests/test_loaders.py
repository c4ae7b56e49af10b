from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from roundtable.frameworks.models import Framework, FrameworkItem
from roundtable.frameworks.services import (
    DATA_DIR,
    FrameworkDataError,
    framework_load,
    framework_load_file,
    normalise_text,
    sdgs_load,
)

pytestmark = pytest.mark.django_db


def items(code: str, level: str):
    return FrameworkItem.objects.filter(framework__code=code, level=level)


@pytest.fixture
def sdgs(db):
    return sdgs_load()


def test_the_sdgs_load_with_18_goals_including_the_national_uxo_goal(sdgs):
    goals = items("sdg", "goal")
    assert goals.count() == 18
    uxo = goals.get(code="18")
    assert uxo.short_en == "Lives safe from UXO"
    assert uxo.short_lo == "ຊີວິດປອດໄພຈາກລະເບີດບໍ່ທັນແຕກ"
    assert list(uxo.children.values_list("code", flat=True)) == ["18.1"]
    assert FrameworkItem.objects.get(framework__code="sdg", code="18.1.1").parent.code == "18.1"


def test_the_sdgs_have_169_global_targets_and_the_national_one(sdgs):
    assert items("sdg", "target").count() == 169 + 1
    assert items("sdg", "indicator").count() == 252 + 1
    assert FrameworkItem.objects.get(framework__code="sdg", code="1.a").parent.code == "1"


def test_every_sdg_item_has_a_lao_and_an_english_title(sdgs):
    sdg = FrameworkItem.objects.filter(framework__code="sdg")
    assert not sdg.filter(title_en="").exists()
    assert not sdg.filter(title_lo="").exists()
    goal = sdg.get(code="3")
    assert goal.title_en == "Ensure healthy lives and promote well-being for all at all ages"
    assert goal.short_lo and goal.title_lo.startswith("ຮັບປະກັນ")


def test_loaded_lao_text_has_no_line_breaks_or_doubled_spaces(sdgs):
    for title in FrameworkItem.objects.filter(framework__code="sdg").values_list("title_lo", flat=True):
        assert title == title.strip()
        assert "  " not in title and "\n" not in title


def test_normalising_collapses_whitespace_but_keeps_single_spaces_inside_words():
    assert normalise_text("  ສຳ ລັບ\n  ທຸກ\t\tຄົນ  ") == "ສຳ ລັບ ທຸກ ຄົນ"
    assert normalise_text(None) == ""


def test_loading_the_sdgs_twice_adds_nothing_and_changes_nothing(sdgs):
    before = FrameworkItem.objects.count()
    history_before = FrameworkItem.history.count()
    again = sdgs_load()
    assert FrameworkItem.objects.count() == before == sdgs.created
    assert Framework.objects.filter(code="sdg").count() == 1
    assert (again.created, again.updated, again.unchanged) == (0, 0, before)
    assert FrameworkItem.history.count() == history_before


def test_reloading_sets_what_the_file_says_and_keeps_fields_it_does_not_give(sdgs):
    target = FrameworkItem.objects.get(framework__code="sdg", code="3.1")
    target.title_en = "changed on the site"
    target.short_en = "Maternal mortality"
    target.save()
    report = sdgs_load()
    target.refresh_from_db()
    assert report.updated == 1
    assert target.title_en.startswith("By 2030, reduce the global maternal mortality ratio")
    assert target.short_en == "Maternal mortality"


def test_whitespace_in_a_source_file_is_normalised_on_load(tmp_path):
    for lang in ("en", "lo"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "global_goals.yml").write_text(
            "1-title: '  End   poverty\n\n  everywhere '\n1-short: ' ບໍ່ມີ  ຄວາມ ທຸກຍາກ '\n", encoding="utf-8"
        )
        (tmp_path / lang / "global_targets.yml").write_text("1-1-title: ' a  target '\n", encoding="utf-8")
        (tmp_path / lang / "global_indicators.yml").write_text(
            "1-1-1-title: an indicator\n", encoding="utf-8"
        )
    sdgs_load(directory=tmp_path)
    goal = FrameworkItem.objects.get(framework__code="sdg", code="1")
    assert goal.title_en == "End poverty everywhere"
    assert goal.short_lo == "ບໍ່ມີ ຄວາມ ທຸກຍາກ"
    assert FrameworkItem.objects.get(framework__code="sdg", code="1.1").title_lo == "a target"


@pytest.mark.parametrize("name", ["nsedp-8.yaml", "nsedp-9.yaml", "nsedp-10.yaml", "vd-2016.yaml"])
def test_each_shipped_framework_file_loads_in_both_languages_and_reloads_without_duplicates(name):
    first = framework_load_file(path=DATA_DIR / name)
    framework = Framework.objects.get(code=first.framework)
    assert framework.name_lo and framework.name_en
    assert first.created == framework.items.count() > 0
    assert not framework.items.filter(title_lo="").exists()
    assert not framework.items.filter(title_en="").exists()
    second = framework_load_file(path=DATA_DIR / name)
    assert (second.created, second.updated) == (0, 0)
    assert framework.items.count() == first.created


def test_the_9th_nsedp_has_six_outcomes_with_outputs_and_indicators_beneath():
    framework_load_file(path=DATA_DIR / "nsedp-9.yaml")
    outcomes = items("nsedp-9", "outcome")
    assert outcomes.count() == 6
    assert (
        items("nsedp-9", "output").filter(parent__level="outcome").count()
        == items("nsedp-9", "output").count()
    )
    indicator = FrameworkItem.objects.get(framework__code="nsedp-9", code="2.2.1")
    assert (indicator.level, indicator.parent.code, indicator.parent.parent.code) == ("indicator", "2.2", "2")


def test_a_new_plan_period_needs_only_a_data_file(tmp_path):
    path = tmp_path / "nsedp-11.yaml"
    path.write_text(
        """
framework: {code: nsedp-11, kind: nsedp, name_en: 11th NSEDP, name_lo: ແຜນ XI,
            start_year: 2031, end_year: 2035}
items:
  - {code: "1", level: outcome, title_en: An outcome, title_lo: ຜົນໄດ້ຮັບ,
     children: [{code: "1.1", level: output, title_en: An output}]}
""",
        encoding="utf-8",
    )
    call_command("load_framework", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    framework = Framework.objects.get(code="nsedp-11")
    assert framework.period == "2031–2035"
    assert framework.items.get(code="1.1").parent.code == "1"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"items": []}, "header"),
        (
            {"framework": {"code": "x", "kind": "nsedp", "name_en": "X"}, "items": [{"level": "outcome"}]},
            "code",
        ),
        (
            {
                "framework": {"code": "x", "kind": "nsedp", "name_en": "X"},
                "items": [{"code": "1", "level": "bad"}],
            },
            "level",
        ),
        (
            {
                "framework": {"code": "x", "kind": "nsedp", "name_en": "X"},
                "items": [{"code": "1", "level": "outcome", "titel_en": "t"}],
            },
            "unknown",
        ),
        (
            {
                "framework": {"code": "x", "kind": "nsedp", "name_en": "X"},
                "items": [
                    {"code": "1", "level": "outcome", "title_en": "a"},
                    {"code": "1", "level": "outcome", "title_en": "b"},
                ],
            },
            "twice",
        ),
    ],
)
def test_a_bad_data_file_is_refused_and_nothing_is_written(data, message):
    with pytest.raises(FrameworkDataError, match=message):
        framework_load(data=data)
    assert not Framework.objects.filter(code="x").exists()


def test_the_command_reports_counts_and_turns_data_errors_into_command_errors(tmp_path, capsys):
    call_command("load_framework", str(DATA_DIR / "vd-2016.yaml"))
    assert "vd-2016" in capsys.readouterr().out
    broken = tmp_path / "broken.yaml"
    broken.write_text("framework: [\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_framework", str(broken))


def test_load_sdgs_command_reports_its_counts(capsys):
    call_command("load_sdgs")
    out = capsys.readouterr().out
    assert "441 items" in out and "441 created" in out
    call_command("load_sdgs")
    assert "441 unchanged" in capsys.readouterr().out


def test_the_data_folder_keeps_the_licence_note():
    readme = (Path(DATA_DIR) / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme and "Copyright (c) 2019 Open SDG" in readme


@pytest.mark.parametrize("name", ["nsedp-8.yaml", "nsedp-9.yaml", "nsedp-10.yaml", "vd-2016.yaml"])
def test_each_shipped_framework_file_gives_its_source_in_both_languages(name):
    framework = Framework.objects.get(code=framework_load_file(path=DATA_DIR / name).framework)
    assert framework.source_lo and framework.source_en
    assert framework.source_lo != framework.source_en


def test_the_sdg_source_keeps_the_licence_notice_in_both_languages(sdgs):
    framework = Framework.objects.get(code="sdg")
    for text in (framework.source_lo, framework.source_en):
        assert "MIT" in text and "Copyright (c) 2019 Open SDG" in text


def test_an_older_data_file_with_one_source_loads_it_as_the_english_source():
    header = {"code": "nsedp-8", "kind": "nsedp", "name_en": "8th NSEDP", "source": "MPI, 2016."}
    framework_load(data={"framework": header, "items": []})
    framework = Framework.objects.get(code="nsedp-8")
    assert (framework.source_en, framework.source_lo) == ("MPI, 2016.", "")


def test_the_10th_nsedp_carries_its_six_focal_areas_with_illustrative_outputs_under_each():
    framework_load_file(path=DATA_DIR / "nsedp-10.yaml")
    outcomes = items("nsedp-10", "outcome")
    assert outcomes.count() == 6
    assert not outcomes.filter(illustrative=True).exists()
    assert "6%" in outcomes.get(code="1").title_en and "3,104" in outcomes.get(code="1").title_en
    for outcome in outcomes:
        outputs = outcome.children.filter(level="output")
        assert outputs.count() >= 3, outcome.code
        # The plan's outputs are not published: every output is an invented example, and says so.
        assert not outputs.filter(illustrative=False).exists(), outcome.code
    # The targets named in public reporting are the plan's own.
    targets = FrameworkItem.objects.filter(framework__code="nsedp-10", level="indicator", parent__code="1")
    assert targets.count() == 6 and not targets.filter(illustrative=True).exists()


def test_the_8th_nsedp_is_loaded_for_history_with_its_real_outcomes_and_outputs():
    framework_load_file(path=DATA_DIR / "nsedp-8.yaml")
    framework = Framework.objects.get(code="nsedp-8")
    assert (framework.start_year, framework.end_year) == (2016, 2020)
    assert items("nsedp-8", "outcome").count() == 3
    real = items("nsedp-8", "output").filter(illustrative=False)
    assert sorted(real.values_list("code", flat=True)) == [f"1.{n}" for n in range(1, 8)] + [
        f"2.{n}" for n in range(1, 7)
    ]
    assert real.get(code="2.4").title_en == "Universal access to quality health care"
    # What is not the plan's wording is marked.
    assert items("nsedp-8", "outcome").get(code="3").illustrative
    assert not items("nsedp-8", "output").filter(parent__code="3", illustrative=False).exists()


def test_the_illustrative_flag_is_read_from_the_file_and_goes_with_the_text(tmp_path):
    header = {"code": "x", "kind": "nsedp", "name_en": "X"}
    item = {"code": "1", "level": "outcome", "title_en": "Invented", "illustrative": True}
    framework_load(data={"framework": header, "items": [item]})
    assert FrameworkItem.objects.get(framework__code="x", code="1").illustrative
    # The plan's own text replaces the invented one: the file no longer marks it, the flag goes.
    real = {"code": "1", "level": "outcome", "title_en": "Real"}
    framework_load(data={"framework": header, "items": [real]})
    assert not FrameworkItem.objects.get(framework__code="x", code="1").illustrative
    with pytest.raises(FrameworkDataError, match="illustrative must be true or false"):
        framework_load(data={"framework": header, "items": [{**item, "illustrative": "yes"}]})
