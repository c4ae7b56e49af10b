"""No person's email or phone in any public API answer (contact details are private)."""

import json
import re

from roundtable.directory.models import Person

from .conftest import ENDPOINTS, detail_paths

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def public_answers(client, api_world) -> list[str]:
    paths = [f"/api/v1/{endpoint}/" for endpoint in ENDPOINTS] + detail_paths(api_world)
    answers = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        answers.append(json.dumps(response.json(), ensure_ascii=False))
    return answers


def test_no_list_or_detail_contains_a_persons_email_or_phone(client, api_world):
    people = list(Person.objects.all())
    assert any(p.email and p.phone for p in people)  # the fixture has contacts to leak
    for answer in public_answers(client, api_world):
        assert not EMAIL.search(answer), answer
        for person in people:
            assert person.email not in answer
            assert person.phone not in answer
            assert re.sub(r"\D", "", person.phone) not in re.sub(r"\D", "", answer)


def test_a_chairs_representative_is_named_but_not_contactable(client, api_world):
    chair = api_world.world.people["chair"]
    body = client.get("/api/v1/groups/health/").json()
    assert body["chair"]["representative"] == {"name_lo": chair.name_lo, "name_en": chair.name_en}
    assert chair.email not in json.dumps(body)


def test_the_browsable_pages_contain_no_contact_either(client, api_world):
    people = list(Person.objects.all())
    for path in ["/api/v1/groups/", "/api/v1/groups/health/"]:
        html = client.get(path, HTTP_ACCEPT="text/html").content.decode()
        for person in people:
            assert person.email not in html
            assert person.phone not in html
