"""A framework's page links its monitoring page (the public page of its indicators' values) when the
framework has monitored indicators, and not otherwise."""

import pytest
from django.urls import reverse
from django.utils import translation

from roundtable.frameworks.services import DATA_DIR, framework_load_file

pytestmark = pytest.mark.django_db


def detail(client, code: str, language: str = "en") -> str:
    with translation.override(language):
        response = client.get(reverse("frameworks:detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def monitoring(language: str) -> str:
    with translation.override(language):
        return reverse("frameworks:monitoring", args=["vd-2016"])


def test_the_page_of_a_framework_with_indicators_links_its_monitoring_page(vd, client):
    assert client.get(monitoring("en")).status_code == 200
    body = detail(client, "vd-2016")
    assert f'id="monitoring-link"><a href="{monitoring("en")}"' in body
    assert "Monitoring of the indicators: baselines, targets and yearly values" in body
    body = detail(client, "vd-2016", "lo")
    assert f'href="{monitoring("lo")}"' in body
    assert "ການຕິດຕາມຕົວຊີ້ວັດ: ຄ່າພື້ນຖານ, ຄາດໝາຍ ແລະ ຄ່າປະຈຳປີ" in body


def test_the_page_of_a_framework_without_indicators_has_no_such_link(world, client):
    framework_load_file(path=DATA_DIR / "vd-2016.yaml")  # its items, no monitored indicator
    body = detail(client, "vd-2016")
    assert 'id="monitoring-link"' not in body and monitoring("en") not in body
