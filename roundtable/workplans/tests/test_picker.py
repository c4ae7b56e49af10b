"""The NSEDP/SDG picker of the priority form: a filter that answers htmx with the list only, and that also
works without JavaScript (a Filter button that saves nothing and keeps what was typed); choices hidden by
the filter stay chosen; only the plan year's NSEDP is offered."""

import pytest
from django.core.exceptions import ValidationError

from roundtable.frameworks.models import FrameworkItem
from roundtable.workplans import services

from .conftest import PRIORITY_LO

ADD = "/en/workplans/health/2026/priorities/add/"
PICKER = "/en/workplans/health/2026/priorities/picker/"


@pytest.fixture
def many_targets(frameworks):
    """Twenty more targets under SDG 4, so that filtering has something to leave out."""
    goal = FrameworkItem.objects.create(
        framework=frameworks.target.framework, level="goal", code="4", title_en="Quality education"
    )
    return [
        FrameworkItem.objects.create(
            framework=goal.framework, parent=goal, level="target", code=f"4.{n}", title_en=f"Schools {n}"
        )
        for n in range(1, 21)
    ]


def test_the_filter_answers_with_the_matching_targets_only(
    world, make_plan, frameworks, many_targets, client_for
):
    make_plan(ready=False)
    response = client_for(world.user("secretariat")).get(
        f"{PICKER}sdg_targets/", {"sdg_targets_q": "universal health"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div class="picker-list" id="picker-sdg_targets-list"')  # the fragment only
    assert f'value="{frameworks.target.pk}"' in page
    assert not any(f'value="{t.pk}"' in page for t in many_targets)
    assert "1 item matches" in page


def test_the_filter_matches_codes_and_the_goals_title(world, make_plan, frameworks, many_targets, client_for):
    make_plan(ready=False)
    client = client_for(world.user("secretariat"))
    by_code = client.get(f"{PICKER}sdg_targets/", {"sdg_targets_q": "4.1"}).content.decode()
    # 4.1 and 4.10 to 4.19 start with "4.1"; 4.2 does not.
    assert f'value="{many_targets[0].pk}"' in by_code and f'value="{many_targets[9].pk}"' in by_code
    assert f'value="{many_targets[1].pk}"' not in by_code
    by_goal = client.get(f"{PICKER}sdg_targets/", {"sdg_targets_q": "quality education"}).content.decode()
    assert all(f'value="{t.pk}"' in by_goal for t in many_targets)
    assert f'value="{frameworks.target.pk}"' not in by_goal
    none = client.get(f"{PICKER}sdg_targets/", {"sdg_targets_q": "zzz"}).content.decode()
    assert "Nothing matches" in none


def test_a_chosen_target_hidden_by_the_filter_stays_chosen(
    world, make_plan, frameworks, many_targets, client_for
):
    make_plan(ready=False)
    chosen = many_targets[4]
    page = (
        client_for(world.user("secretariat"))
        .get(f"{PICKER}sdg_targets/", {"sdg_targets_q": "universal", "sdg_targets": [chosen.pk]})
        .content.decode()
    )
    assert f'<input type="hidden" name="sdg_targets" value="{chosen.pk}">' in page
    assert "1 chosen item is hidden by the filter and stays chosen" in page


def test_the_nsedp_picker_offers_only_the_plan_years_nsedp(world, make_plan, frameworks, client_for):
    make_plan(ready=False)
    page = (
        client_for(world.user("secretariat"))
        .get(f"{PICKER}nsedp_outputs/", {"nsedp_outputs_q": "health"})
        .content.decode()
    )
    assert f'value="{frameworks.output.pk}"' in page
    assert f'value="{frameworks.old_output.pk}"' not in page  # "Health services" of the 9th NSEDP


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("other_secretariat", 404), ("member", 403), ("rtp", 403)],
)
def test_the_picker_is_for_the_groups_secretariat(world, make_plan, client_for, role, status):
    make_plan(ready=False)
    assert client_for(world.user(role)).get(f"{PICKER}sdg_targets/").status_code == status


def test_an_unknown_picker_is_not_found(world, make_plan, client_for):
    make_plan(ready=False)
    assert client_for(world.user("secretariat")).get(f"{PICKER}partners/").status_code == 404


def test_without_javascript_the_filter_button_shows_the_form_again_and_saves_nothing(
    world, make_plan, frameworks, many_targets, client_for
):
    plan = make_plan(ready=False)
    response = client_for(world.user("secretariat")).post(
        ADD,
        {
            "title_lo": PRIORITY_LO,
            "title_en": "Typed, not saved",
            "nsedp_outputs": [frameworks.output.pk],
            "sdg_targets": [many_targets[0].pk],
            "sdg_targets_q": "universal",
            "filter": "sdg_targets",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not plan.priorities.exists()
    assert 'value="Typed, not saved"' in page and PRIORITY_LO in page
    assert f'name="nsedp_outputs" value="{frameworks.output.pk}" checked' in page
    assert f'value="{frameworks.target.pk}"' in page and f'value="{many_targets[1].pk}"' not in page
    assert f'<input type="hidden" name="sdg_targets" value="{many_targets[0].pk}">' in page


def test_the_priority_form_has_a_save_button_before_the_filter_buttons(world, make_plan, client_for):
    """Enter in a text field presses the form's first submit button: it must save, not filter."""
    make_plan(ready=False)
    page = client_for(world.user("secretariat")).get(ADD).content.decode()
    form = page[page.index('id="priority-form"') :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'name="filter"' not in first_button and "Save" in first_button


def test_the_service_refuses_an_output_of_another_nsedp_unless_the_priority_had_it(
    world, make_plan, frameworks, english
):
    plan = make_plan(ready=False)
    actor = world.user("secretariat")
    with pytest.raises(ValidationError, match="NSEDP of 2026"):
        services.priority_create(
            plan=plan, actor=actor, data={"title_lo": PRIORITY_LO, "nsedp_outputs": [frameworks.old_output]}
        )
    assert not plan.priorities.exists()
    # A priority copied from last year keeps its old link while it is edited.
    priority = plan.priorities.create(title_lo=PRIORITY_LO, order=1)
    priority.nsedp_outputs.add(frameworks.old_output)
    services.priority_update(
        priority=priority,
        actor=actor,
        revision=1,
        data={"title_lo": PRIORITY_LO, "nsedp_outputs": [frameworks.old_output, frameworks.output]},
    )
    assert set(priority.nsedp_outputs.all()) == {frameworks.old_output, frameworks.output}


def test_the_service_refuses_framework_items_of_the_wrong_kind(world, make_plan, frameworks, english):
    plan = make_plan(ready=False)
    actor = world.user("secretariat")
    with pytest.raises(ValidationError, match="NSEDP outputs only"):
        services.priority_create(
            plan=plan, actor=actor, data={"title_lo": "x", "nsedp_outputs": [frameworks.target]}
        )
    with pytest.raises(ValidationError, match="SDG targets only"):
        services.priority_create(
            plan=plan, actor=actor, data={"title_lo": "x", "sdg_targets": [frameworks.outcome]}
        )
    assert not plan.priorities.exists()
