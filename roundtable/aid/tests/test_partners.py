"""Organisations in the data are matched to the directory by IATI identifier, then by name; the unmatched
wait on a review list until the RTP Secretariat decides, and the decision applies everywhere."""

import pytest

from roundtable.aid.models import Activity, ActivityOrganisation, PartnerMatch
from roundtable.aid.services.partners import name_key, partner_decide, unmatched
from roundtable.core.services import Refused

from .conftest import activity_xml, file_xml, import_bytes

pytestmark = pytest.mark.django_db


def test_a_partner_is_matched_by_identifier_then_by_name(world):
    world.japan.iati_identifier = "JP-8"
    world.japan.save()
    import_bytes(
        file_xml(
            activity_xml(
                "JP-8-1", reporting_ref="JP-8", reporting_name="Japan International Cooperation Agency"
            ),
            activity_xml("WHO-1", reporting_ref="XM-DAC-928", reporting_name="  world health ORGANIZATION "),
            activity_xml("EU-1", reporting_ref="XI-IATI-EC_INTPA", reporting_name="European Commission"),
        )
    )
    by_id = dict(Activity.objects.values_list("identifier", "organisation"))
    assert by_id == {"JP-8-1": world.japan.pk, "WHO-1": world.who.pk, "EU-1": None}
    refs = [entry.ref for entry in unmatched()]
    assert "XI-IATI-EC_INTPA" in refs and "JP-8" not in refs and "XM-DAC-928" not in refs


def test_the_rtp_secretariats_decision_applies_now_and_to_later_imports(world, client_for):
    import_bytes(
        file_xml(activity_xml("EU-1", reporting_ref="XI-IATI-EC_INTPA", reporting_name="European Commission"))
    )
    client = client_for(world.user("rtp"))
    response = client.post(
        "/en/aid/partners/review/", {"ref": "XI-IATI-EC_INTPA", "organisation": world.mpi.pk}
    )
    assert response.status_code == 302
    assert Activity.objects.get(identifier="EU-1").organisation == world.mpi
    import_bytes(file_xml(activity_xml("EU-2", reporting_ref="XI-IATI-EC_INTPA", reporting_name="EC")))
    assert Activity.objects.get(identifier="EU-2").organisation == world.mpi
    assert "XI-IATI-EC_INTPA" not in [entry.ref for entry in unmatched()]
    assert PartnerMatch.history.count() == 1


def test_not_in_the_directory_takes_a_name_off_the_list(world):
    import_bytes(file_xml(activity_xml("A-1")))
    # The implementing ministry, named without identifier, is the directory's by its name.
    assert ActivityOrganisation.objects.filter(name="Ministry of Health", organisation=world.moh).exists()
    before = {(e.ref, e.name) for e in unmatched()}
    assert ("XM-DAC-41114", "United Nations Development Programme") in before
    partner_decide(actor=world.user("rtp"), ref="XM-DAC-41114", name="", organisation=None)
    assert ("XM-DAC-41114", "United Nations Development Programme") not in {
        (e.ref, e.name) for e in unmatched()
    }


def test_a_name_without_identifier_is_decided_by_its_name(world):
    import_bytes(file_xml(activity_xml("A-1", reporting_ref="", reporting_name="Lao Red Cross")))
    partner_decide(actor=world.user("rtp"), ref="", name="LAO  red-cross", organisation=world.mpi)
    assert Activity.objects.get().organisation == world.mpi
    assert name_key("LAO  red-cross") == name_key("Lao Red Cross")


def test_only_the_rtp_secretariat_decides(world):
    with pytest.raises(Refused):
        partner_decide(actor=world.user("secretariat"), ref="X", name="", organisation=world.mpi)
    assert not PartnerMatch.objects.exists()
