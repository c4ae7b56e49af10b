import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from roundtable.conftest import LADDER
from roundtable.directory.importing.planning import hidden_entry_message
from roundtable.directory.models import Membership, Organisation, Person

ORG_HEADER = "name_lo,name_en,acronym,kind,country,website,iati_identifier\n"
PEOPLE_HEADER = "title,name_lo,name_en,position,organisation,email,phone\n"


def csv_file(text: str, name: str = "file.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "file.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, file, kind="people", url=None):
    return client.post(url or reverse("directory:import"), {"kind": kind, "file": file})


@pytest.fixture
def rtp(world, client_for):
    return client_for(world.user("rtp"))


def confirm(client):
    token = client.session["directory_import"]["token"]
    return client.post(reverse("directory:import_confirm"), {"token": token})


@pytest.mark.parametrize("persona", LADDER)
def test_only_secretariats_may_import(world, client_for, persona):
    response = client_for(world.user(persona)).get(reverse("directory:import"))
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (
            200 if persona in {"other_secretariat", "secretariat", "rtp"} else 403
        )


def test_outsider_cannot_upload_or_confirm(world, client_for):
    client = client_for(world.user("outsider"))
    assert (
        upload(client, csv_file(ORG_HEADER + "ລາວ,Lao,L,other,,,\n"), kind="organisations").status_code == 403
    )
    assert client.post(reverse("directory:import_confirm"), {"token": "x"}).status_code in (302, 403)
    assert not Organisation.objects.filter(acronym="L").exists()


def test_good_organisations_import_previews_then_writes_on_confirm(world, rtp):
    text = ORG_HEADER + (
        "ອົງການຢູນິເຊັບ,UNICEF,UNICEF,multilateral,,https://www.unicef.org/,XM-DAC-41122\n"
        "ສະມາຄົມ ທົດລອງ,Test Association,TA,Non-profit association,LA,,\n"
    )
    response = upload(rtp, csv_file(text), kind="organisations")
    html = response.content.decode()
    assert response.status_code == 200 and "ອົງການຢູນິເຊັບ" in html and 'name="token"' in html
    assert not Organisation.objects.filter(acronym="UNICEF").exists()  # nothing yet
    response = confirm(rtp)
    assert response.status_code == 302
    unicef = Organisation.objects.get(acronym="UNICEF")
    assert unicef.name_lo == "ອົງການຢູນິເຊັບ" and unicef.iati_identifier == "XM-DAC-41122"
    assert Organisation.objects.get(acronym="TA").kind == "npa"


def test_nothing_is_written_when_the_user_does_not_confirm(world, rtp):
    before = (Organisation.objects.count(), Person.objects.count())
    upload(rtp, csv_file(PEOPLE_HEADER + "Dr,ສີ ທົດລອງ,Si Test,Adviser,WHO,si@example.la,\n"))
    assert (Organisation.objects.count(), Person.objects.count()) == before
    response = rtp.post(reverse("directory:import_cancel"))
    assert response.status_code == 302 and "directory_import" not in rtp.session
    assert (Organisation.objects.count(), Person.objects.count()) == before


def test_a_forged_or_reused_token_writes_nothing(world, rtp):
    upload(rtp, csv_file(PEOPLE_HEADER + ",ສີ ທົດລອງ,Si Test,,WHO,si@example.la,\n"))
    assert rtp.post(reverse("directory:import_confirm"), {"token": "forged"}).status_code == 302
    assert not Person.objects.filter(email="si@example.la").exists()
    assert confirm(rtp).status_code == 302
    assert Person.objects.filter(email="si@example.la").count() == 1
    # The token was used once; posting it again does nothing more.
    assert rtp.post(reverse("directory:import_confirm"), {"token": "anything"}).status_code == 302
    assert Person.objects.filter(email="si@example.la").count() == 1


def test_people_import_with_xlsx_resolves_organisations_by_acronym_or_english_name(world, rtp):
    rows = [
        ["name_lo", "name_en", "organisation", "email", "phone", "gender"],
        ["ບົວພັນ ທົດລອງ", "Bouaphanh Test", "MOH", "bouaphanh@example.la", "+856 20 1111 2222", "Female"],
        ["ທອງ ທົດລອງ", "Thong Test", "embassy of japan", "", "", "m"],
    ]
    response = upload(rtp, xlsx_file(rows))
    assert response.status_code == 200 and "token" in response.content.decode()
    confirm(rtp)
    assert Person.objects.get(email="bouaphanh@example.la").organisation == world.moh
    thong = Person.objects.get(name_en="Thong Test")
    assert thong.organisation == world.japan and thong.gender == "m"


def test_reimport_updates_instead_of_duplicating(world, rtp):
    text = PEOPLE_HEADER + "Dr,ດາລາ ສຸວັນນະສີ,Dara Souvannasy,Health economist,WHO,dara.private@example.la,\n"
    upload(rtp, csv_file(text))
    confirm(rtp)
    assert Person.objects.filter(name_en="Dara Souvannasy").count() == 1
    dara = Person.objects.get(name_en="Dara Souvannasy")
    assert dara.position == "Health economist" and dara.title == "Dr"
    assert dara.phone == "+856 20 9999 1234"  # an empty cell keeps the stored value
    # Without an email, the same name in the same organisation is the same person.
    upload(rtp, csv_file(PEOPLE_HEADER + ",,Dara Souvannasy,Senior economist,WHO,,\n"))
    confirm(rtp)
    assert Person.objects.filter(name_en="Dara Souvannasy").count() == 1
    assert Person.objects.get(pk=dara.pk).position == "Senior economist"


def test_organisation_reimport_matches_iati_then_acronym_then_english_name(world, rtp):
    world.who.iati_identifier = "XM-DAC-928"
    world.who.save()
    text = ORG_HEADER + (
        "ອົງການອະນາໄມໂລກ (ໃໝ່),WHO renamed,WHO2,multilateral,,,XM-DAC-928\n"
        ",Embassy of Japan,JP,bilateral,JP,https://www.la.emb-japan.go.jp/,\n"
        "ກະຊວງແຜນການ ແລະ ການລົງທຶນ,Ministry of Planning and Investment,,ministry,LA,,\n"
    )
    response = upload(rtp, csv_file(text), kind="organisations")
    assert "token" in response.content.decode()
    before = Organisation.objects.count()
    confirm(rtp)
    assert Organisation.objects.count() == before
    world.who.refresh_from_db()
    world.japan.refresh_from_db()
    assert world.who.acronym == "WHO2" and world.who.name_lo == "ອົງການອະນາໄມໂລກ (ໃໝ່)"
    assert world.japan.website == "https://www.la.emb-japan.go.jp/" and world.japan.name_lo == "ສະຖານທູດຍີ່ປຸ່ນ"


def _errors_of(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    "text, expected",
    [
        (PEOPLE_HEADER + ",ກ,A,,WHO,not-an-email,\n", "not-an-email"),
        (PEOPLE_HEADER + ",ກ,A,,Nowhere Org,a@example.la,\n", "Nowhere Org"),
        (PEOPLE_HEADER + ",ກ,A,,WHO,a@example.la,\n,ຂ,B,,WHO,A@example.la,\n", "3"),
        (PEOPLE_HEADER + ",ກ,A,,WHO\n", "email"),
        (PEOPLE_HEADER + ",,,,WHO,a@example.la,\n", "2"),
    ],
    ids=["bad email", "unknown organisation", "duplicate row", "missing column in a row", "missing name"],
)
def test_a_bad_row_is_reported_with_its_line_and_nothing_can_be_confirmed(world, rtp, text, expected):
    before = Person.objects.count()
    response = upload(rtp, csv_file(text), kind="people")
    html = _errors_of(response)
    assert response.status_code == 200
    assert 'class="errorlist"' in html and expected in html
    assert 'name="token"' not in html
    assert "directory_import" not in rtp.session
    assert Person.objects.count() == before


def test_duplicate_row_names_the_earlier_line(world, rtp):
    text = PEOPLE_HEADER + ",ກ,A,,WHO,a@example.la,\n,ຂ,B,,WHO,A@example.la,\n"
    html = upload(rtp, csv_file(text)).content.decode()
    assert "Line 3" in html or "ແຖວ 3" in html
    with_en = rtp.post("/en/directory/import/", {"kind": "people", "file": csv_file(text)}).content.decode()
    assert "Line 3" in with_en and "duplicate of line 2" in with_en


def test_one_bad_row_among_good_ones_writes_nothing(world, rtp):
    text = PEOPLE_HEADER + ",ກ,Good One,,WHO,good@example.la,\n,ຂ,Bad One,,WHO,bad@,\n"
    html = upload(rtp, csv_file(text)).content.decode()
    assert 'name="token"' not in html
    assert not Person.objects.filter(email="good@example.la").exists()


@pytest.mark.parametrize(
    "file, expected",
    [
        (csv_file("name_lo,name_en,organisation\nກ,A,WHO\n"), "email"),
        (csv_file(PEOPLE_HEADER + ",Café ຫ,A,,WHO,a@example.la,\n", encoding="utf-16"), "UTF-8"),
        (SimpleUploadedFile("people.pdf", b"%PDF-1.4 hello"), ".pdf"),
        (SimpleUploadedFile("people.xlsx", b"name_lo,name_en\nx,y\n"), "people.xlsx"),
        (csv_file(""), "empty"),
        (csv_file("\n\n"), "no rows"),
    ],
    ids=["missing column", "wrong encoding", "unknown file type", "disguised xlsx", "empty", "blank lines"],
)
def test_a_bad_file_is_refused_whole_with_a_reason(world, rtp, file, expected):
    before = Person.objects.count()
    response = rtp.post("/en/directory/import/", {"kind": "people", "file": file})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist"' in html and expected in html
    assert "directory_import" not in rtp.session
    assert Person.objects.count() == before


def test_latin1_csv_is_refused_as_not_utf8_with_the_line(world, rtp):
    text = PEOPLE_HEADER + ",x,Ana,,WHO,ana@example.la,\n,x,José,,WHO,jose@example.la,\n"
    response = rtp.post(
        "/en/directory/import/", {"kind": "people", "file": csv_file(text, encoding="latin-1")}
    )
    html = response.content.decode()
    assert "UTF-8" in html and "line 3" in html


def test_an_oversize_file_is_refused(world, rtp, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "IMPORT_MAX_BYTES": 100}
    text = PEOPLE_HEADER + "".join(f",ກ{i},A{i},,WHO,a{i}@example.la,\n" for i in range(10))
    response = rtp.post("/en/directory/import/", {"kind": "people", "file": csv_file(text)})
    html = response.content.decode()
    assert "too large" in html
    assert not Person.objects.filter(email="a1@example.la").exists()


def test_changes_between_preview_and_confirm_are_checked_again(world, rtp):
    upload(rtp, csv_file(PEOPLE_HEADER + ",ກ,A,,JP,a@example.la,\n"))
    world.japan.acronym = "EOJ"
    world.japan.name_en = "Japanese Embassy"
    world.japan.save()
    response = confirm(rtp)
    assert response.status_code == 200 and "JP" in response.content.decode()
    assert not Person.objects.filter(email="a@example.la").exists()


def test_import_into_a_stakeholder_list_adds_memberships(world, client_for):
    client = client_for(world.user("secretariat"))
    url = reverse("directory:stakeholders_import", args=["health"])
    text = (
        "name_lo,name_en,organisation,email,role,start_date\n"
        "ວິໄລ ທົດລອງ,Vilay Test,MOH,vilay@example.la,member,2025-01-15\n"
        "ນ້ອຍ ຈັນທະວົງ,Noy Chanthavong,WHO,health-member@example.la,secretariat,\n"
        # Khamla (Education) is someone whose contacts Health may not see: named, not matched by email.
        "ຄຳຫຼ້າ ອິນທະວົງ,Khamla Inthavong,MOES,,,\n"
    )
    response = upload(client, csv_file(text), url=url)
    html = response.content.decode()
    assert response.status_code == 200 and 'name="token"' in html
    response = confirm(client)
    assert response["Location"] == reverse("directory:stakeholders", args=["health"])
    vilay = Person.objects.get(email="vilay@example.la")
    assert Membership.objects.get(person=vilay, group=world.health).start_date.isoformat() == "2025-01-15"
    noy = Membership.objects.current().get(person=world.people["member"], group=world.health)
    assert noy.role == "secretariat"
    assert (
        Membership.objects.current().filter(person=world.people["other_member"], group=world.health).exists()
    )
    assert Membership.objects.filter(person=world.people["member"], group=world.health).count() == 1


def test_other_groups_secretariat_cannot_import_into_the_list(world, client_for):
    client = client_for(world.user("other_secretariat"))
    url = reverse("directory:stakeholders_import", args=["health"])
    response = upload(client, csv_file("name_lo,name_en,organisation,email\nກ,A,WHO,a@example.la\n"), url=url)
    assert response.status_code == 403


def test_a_semicolon_separated_csv_with_a_byte_order_mark_is_read(world, rtp):
    text = "\ufeffname_lo;name_en;organisation;email\nພອນ ທົດລອງ;Phone Test;MOH;phone.test@example.la\n"
    html = upload(rtp, csv_file(text)).content.decode()
    assert "ພອນ ທົດລອງ" in html and 'name="token"' in html
    confirm(rtp)
    assert Person.objects.get(email="phone.test@example.la").name_lo == "ພອນ ທົດລອງ"


# --- An import changes only the people the importer may change (as on the person's page) ----------------

DARA_ROW = "ດາລາ ສຸວັນນະສີ,Dara Souvannasy,WHO,dara.private@example.la"


def test_a_secretariat_cannot_change_by_import_a_person_outside_its_groups(world, client_for):
    client = client_for(world.user("other_secretariat"))  # Education; Dara is on the Health list only
    text = (
        "name_lo,name_en,organisation,email,phone\nຄົນອື່ນ,Someone Else,WHO,dara.private@example.la,+856 20 1\n"
    )
    response = upload(client, csv_file(text))
    html = response.content.decode()
    assert response.status_code == 200 and 'name="token"' not in html
    # Dara's contacts are not Education's to see: the neutral refusal (see test_import_privacy.py).
    assert hidden_entry_message() in html
    # The refusal tells nothing of the entry: neither whose it is nor what it holds.
    assert "ດາລາ" not in html and "Dara" not in html and "9999 1234" not in html
    dara = Person.objects.get(pk=world.people["stakeholder"].pk)
    assert dara.name_en == "Dara Souvannasy" and dara.phone == "+856 20 9999 1234"


def test_a_secretariat_may_put_an_unchanged_person_of_another_group_on_its_own_list(world, client_for):
    client = client_for(world.user("other_secretariat"))
    url = reverse("directory:stakeholders_import", args=["education"])
    # By name and organisation: Dara's email is not Education's to see, nor to match by.
    response = upload(
        client, csv_file("name_lo,name_en,organisation,email\nດາລາ ສຸວັນນະສີ,Dara Souvannasy,WHO,\n"), url=url
    )
    assert response.status_code == 200 and 'name="token"' in response.content.decode()
    assert confirm(client).status_code == 302
    dara = world.people["stakeholder"]
    assert Membership.objects.current().filter(person=dara, group=world.education).exists()
    assert Person.objects.get(pk=dara.pk).phone == "+856 20 9999 1234"


def test_the_secretariat_of_the_persons_group_may_change_them_by_import(world, client_for):
    client = client_for(world.user("secretariat"))  # Health
    text = "name_lo,name_en,organisation,email,phone\n" + DARA_ROW + ",+856 20 7777 0000\n"
    upload(client, csv_file(text))
    assert confirm(client).status_code == 302
    assert Person.objects.get(pk=world.people["stakeholder"].pk).phone == "+856 20 7777 0000"


def test_a_permission_lost_between_preview_and_confirmation_rejects_the_import(world, client_for):
    client = client_for(world.user("secretariat"))
    text = "name_lo,name_en,organisation,email,phone\n" + DARA_ROW + ",+856 20 7777 0000\n"
    upload(client, csv_file(text))
    Membership.objects.filter(person=world.people["stakeholder"], group=world.health).delete()
    response = confirm(client)
    assert response.status_code == 200 and 'name="token"' not in response.content.decode()
    assert Person.objects.get(pk=world.people["stakeholder"].pk).phone == "+856 20 9999 1234"
