"""Issue 9 on the meetings' side: the invitation carries the agenda and the public documents (and answers
to the secretariat), the answer page shows them; the meeting's page adds agenda items and invites in one
submit each; saving the attendance marks a started meeting held; removing an agenda item asks first; an
SWG's meeting is public by default; "My work" offers to schedule one."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from roundtable.meetings import services
from roundtable.meetings.models import AgendaItem, Meeting, MeetingState

from .conftest import make_meeting, officer

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def en(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def add_documents(meeting):
    for title, visibility in (("Budget plan 2027", "public"), ("Draft note for members", "members")):
        services.document_add(
            actor=officer(),
            meeting=meeting,
            upload=SimpleUploadedFile(f"{visibility}.pdf", PDF, content_type="application/pdf"),
            title=title,
            visibility=visibility,
        )


def test_the_invitation_carries_the_agenda_and_the_public_documents_and_answers_to_the_secretariat(
    world, internal_meeting, django_capture_on_commit_callbacks
):
    AgendaItem.objects.create(
        meeting=internal_meeting, order=1, title_en="Budget 2027", title_lo="ງົບປະມານ 2027"
    )
    add_documents(internal_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(actor=officer(), meeting=internal_meeting)
    public = internal_meeting.documents.get(visibility="public")
    for participant in internal_meeting.participants.all():
        (message,) = [m for m in mail.outbox if m.to == [participant.email]]
        lang = participant.language
        # The agenda in the invitee's language, after the standing items.
        assert ("Budget 2027" if lang == "en" else "ງົບປະມານ 2027") in message.body, lang
        assert (
            "Budget plan 2027:" in message.body and f"/{lang}/meetings/documents/{public.pk}/" in message.body
        )
        assert "Draft note for members" not in message.body  # an email may be forwarded: public ones only
        assert message.reply_to == ["health-secretariat@example.la"]


def test_the_answer_page_shows_the_agenda_and_the_public_documents(
    world, internal_meeting, client, django_capture_on_commit_callbacks
):
    AgendaItem.objects.create(
        meeting=internal_meeting, order=1, title_en="Budget 2027", title_lo="ງົບປະມານ 2027"
    )
    add_documents(internal_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(actor=officer(), meeting=internal_meeting)
    participant = internal_meeting.participants.get(person=world.people["member"])
    body = client.get(en("meetings:answer", participant.token)).content.decode()
    assert "Budget 2027" in body and "Budget plan 2027" in body and "Draft note for members" not in body


def test_the_meeting_page_adds_agenda_items_and_invites_in_one_submit_each(
    world, internal_meeting, client_for
):
    client = client_for(world.user("secretariat"))
    page = client.get(en("meetings:detail", internal_meeting.pk)).content.decode()
    assert 'id="agenda-add"' in page and 'id="invite-stakeholders"' in page
    client.post(en("meetings:agenda_add", internal_meeting.pk), {"title_lo": "ວາລະ", "title_en": "Item"})
    assert internal_meeting.agenda_items.filter(title_en="Item").exists()
    response = client.post(en("meetings:invite", internal_meeting.pk), {"stakeholders": "on"})
    assert response.status_code == 302 and internal_meeting.participants.count() == 5
    # Not offered to a member, who manages nothing.
    member = client_for(world.user("member")).get(en("meetings:detail", internal_meeting.pk)).content.decode()
    assert 'id="agenda-add"' not in member and 'id="invite-stakeholders"' not in member


def test_saving_the_attendance_of_a_started_meeting_marks_it_held(world, client_for):
    meeting = make_meeting(world.health, days=-1)
    services.participants_invite(actor=officer(), meeting=meeting)
    client = client_for(world.user("secretariat"))
    page = client.get(en("meetings:participants", meeting.pk)).content.decode()
    assert 'name="mark_held"' in page
    response = client.post(en("meetings:attendance", meeting.pk), {"mark_held": "1"})
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD and response["Location"] == en("meetings:detail", meeting.pk)
    # Before the start the box is not offered, and a posted one is ignored.
    future = make_meeting(world.health, days=3)
    services.participants_invite(actor=officer(), meeting=future)
    assert 'name="mark_held"' not in client.get(en("meetings:participants", future.pk)).content.decode()
    client.post(en("meetings:attendance", future.pk), {"mark_held": "1"})
    future.refresh_from_db()
    assert future.state == MeetingState.SCHEDULED


def test_removing_an_agenda_item_asks_first(world, internal_meeting, client_for):
    item = AgendaItem.objects.create(meeting=internal_meeting, order=1, title_en="Budget 2027", title_lo="ງົບ")
    client = client_for(world.user("secretariat"))
    url = en("meetings:agenda_delete", internal_meeting.pk, item.pk)
    assert f'href="{url}"' in client.get(en("meetings:detail", internal_meeting.pk)).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200 and "This cannot be undone." in confirm.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    client.post(url)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(("group", "ticked"), [("health", True), ("health_sub", False)])
def test_published_on_the_website_is_ticked_by_default_for_swg_meetings(world, client_for, group, ticked):
    code = getattr(world, group).code
    response = client_for(world.user("rtp")).get(en("meetings:create") + f"?group={code}")
    assert response.context["form"]["is_public"].value() is ticked


def test_my_work_offers_to_schedule_a_meeting_of_the_groups_one_serves(world, client_for):
    with translation.override("en"):
        dashboard = reverse("website:dashboard")
    body = client_for(world.user("secretariat")).get(dashboard).content.decode()
    assert f'href="{en("meetings:create")}?group=health"' in body
    body = client_for(world.user("member")).get(dashboard).content.decode()
    assert f"{en('meetings:create')}?group=health" not in body


def test_cancelling_asks_first_and_then_tells_the_invitees(world, internal_meeting, client_for):
    client = client_for(world.user("secretariat"))
    url = en("meetings:state", internal_meeting.pk)
    page = client.post(url, {"state": "cancelled", "reason": "No quorum"})
    assert page.status_code == 200 and "Confirm" in page.content.decode()
    assert Meeting.objects.get(pk=internal_meeting.pk).state == MeetingState.SCHEDULED
    client.post(url, {"state": "cancelled", "reason": "No quorum", "confirmed": "1"})
    assert Meeting.objects.get(pk=internal_meeting.pk).state == MeetingState.CANCELLED


def test_the_venue_migration_copies_the_old_value_to_the_field_of_its_script():
    import importlib

    split = importlib.import_module("roundtable.meetings.migrations.0006_venue_in_both_languages").split
    assert split("MOH, Vientiane") == ("", "MOH, Vientiane")
    assert split("ກະຊວງສາທາລະນະສຸກ") == ("ກະຊວງສາທາລະນະສຸກ", "")
    assert split("ກະຊວງສາທາລະນະສຸກ / Ministry of Health") == ("ກະຊວງສາທາລະນະສຸກ", "Ministry of Health")
    assert split("") == ("", "")


def test_the_venue_and_the_invitees_follow_the_pages_language(
    world, client_for, django_capture_on_commit_callbacks
):
    meeting = make_meeting(world.health, venue_en="Ministry of Health, Vientiane", venue_lo="ກະຊວງສາທາລະນະສຸກ")
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_invite(actor=officer(), meeting=meeting)
    client = client_for(world.user("secretariat"))
    with translation.override("lo"):
        lao = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        lao_list = client.get(reverse("meetings:participants", args=[meeting.pk])).content.decode()
    english = client.get(en("meetings:detail", meeting.pk)).content.decode()
    assert "ກະຊວງສາທາລະນະສຸກ" in lao and "Ministry of Health, Vientiane" in english
    chair = world.people["chair"]
    assert chair.name_lo in lao and chair.name_lo in lao_list
    assert chair.name_en in english and chair.name_lo not in english


def test_a_failed_meeting_form_shows_the_summary_at_the_top_and_the_errors_by_their_fields(world, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(en("meetings:create") + "?group=health", {"group": "health", "kind": "swg"})
    body = response.content.decode()
    assert 'class="error-summary"' in body and body.index("error-summary") < body.index('name="title_lo"')
    assert 'href="#id_start"' in body
    start_field = body[body.index('<div class="field"><label for="id_start"') :]
    assert "errorlist" in start_field[: start_field.index("</div>")]


def test_the_calendars_month_menu_is_in_the_pages_language(world, client):
    with translation.override("lo"):
        lao = client.get(reverse("meetings:calendar") + "?month=2026-01").content.decode()
    english = client.get(en("meetings:calendar") + "?month=2026-01").content.decode()
    assert '<option value="2026-01" selected>January 2026</option>' in english
    assert "ມັງກອນ 2026" in lao and 'type="month"' not in lao


def test_the_meeting_list_filters_by_visibility_and_sorts_by_start(world, client_for):
    early = make_meeting(world.health, days=2, public=True, title_en="Early public")
    late = make_meeting(world.health, days=9, public=False, title_en="Late internal")
    client = client_for(world.user("secretariat"))
    newest = [m.pk for m in client.get(en("meetings:list")).context["page_obj"]]
    assert newest.index(late.pk) < newest.index(early.pk)
    oldest = [m.pk for m in client.get(en("meetings:list") + "?sort=start").context["page_obj"]]
    assert oldest.index(early.pk) < oldest.index(late.pk)
    public = [m.pk for m in client.get(en("meetings:list") + "?visibility=public").context["page_obj"]]
    assert early.pk in public and late.pk not in public
    internal = [m.pk for m in client.get(en("meetings:list") + "?visibility=internal").context["page_obj"]]
    assert late.pk in internal and early.pk not in internal
    assert client.get(en("meetings:list") + "?sort=%00&visibility=x").status_code == 200
