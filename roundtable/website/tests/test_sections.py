import pytest

from roundtable.core.sections import SectionRegistry, group_sections
from roundtable.groups import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_section(tmp_path, settings):
    (tmp_path / "sample").mkdir()
    (tmp_path / "sample" / "section.html").write_text(
        '<section id="sample"><h2>Sample</h2>{{ section.note }} for {{ group.code }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    def members_only(request, group):
        if not roles.is_group_member(request.user, group):
            return None
        return {"template": "sample/section.html", "context": {"note": "members' news"}}

    group_sections.register(members_only)
    group_sections.register(members_only)  # registering twice keeps it once
    yield members_only
    group_sections.unregister(members_only)


def test_a_registered_section_appears_on_the_group_page_when_it_returns_something(
    world, client_for, sample_section
):
    body = client_for(world.user("member")).get("/en/groups/health/").content.decode()
    assert body.count('id="sample"') == 1
    assert "members&#x27; news for health" in body


def test_a_section_returning_nothing_is_left_out(world, client_for, sample_section):
    assert 'id="sample"' not in client_for(None).get("/en/groups/health/").content.decode()


def test_sections_are_built_in_order():
    registry = SectionRegistry()
    registry.register(lambda request: {"template": "b.html"}, order=50)
    registry.register(lambda request: {"template": "a.html"}, order=10)
    registry.register(lambda request: None)
    assert [s.template for s in registry.build(None)] == ["a.html", "b.html"]
