import pytest
from django.core.management import CommandError, call_command

from roundtable.groups.models import Group


@pytest.mark.django_db
def test_the_demo_refuses_to_load_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not Group.objects.exists()
