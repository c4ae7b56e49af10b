"""Importing again updates by identifier and never duplicates; each version read is kept with its file,
line and date; the rule for which version wins is the partner's last-updated date, then the last read."""

import pytest

from roundtable.aid.models import (
    Activity,
    ActivitySector,
    ActivityVersion,
    FundingShare,
    Transaction,
)

from .conftest import activity_xml, file_xml, import_bytes, sector_xml, transaction_xml

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Activity, Transaction, ActivitySector, FundingShare))


def test_the_same_file_twice_changes_nothing(mapping):
    data = file_xml(activity_xml("A-1"), activity_xml("A-2"))
    first, _ = import_bytes(data, "one.xml")
    before = counts()
    versions = ActivityVersion.objects.count()
    second, source = import_bytes(data, "one-again.xml")
    assert counts() == before
    assert (second.activities, second.lao_activities, second.unchanged) == (2, 2, 2)
    assert ActivityVersion.objects.count() == versions == 2
    assert source.unchanged == 2


def test_a_newer_version_replaces_the_activity_and_both_versions_are_kept(mapping):
    import_bytes(file_xml(activity_xml("A-1", updated="2024-01-01T00:00:00Z")), "january.xml")
    activity = Activity.objects.get()
    newer = activity_xml(
        "A-1",
        title="Better health care, phase two",
        updated="2024-07-01T00:00:00Z",
        transactions=transaction_xml(2, "2024-01-10", 500),
    )
    result, source = import_bytes(file_xml(newer), "july.xml")
    assert result.unchanged == 0 and result.older_kept == 0
    activity.refresh_from_db()
    assert Activity.objects.count() == 1 and activity.pk == Activity.objects.get().pk
    assert activity.title_en == "Better health care, phase two"
    assert list(activity.transactions.values_list("value", flat=True)) == [500]
    assert activity.source_file == source
    versions = list(activity.versions.order_by("imported_at", "pk").select_related("source_file"))
    assert [v.source_file.name for v in versions] == ["january.xml", "july.xml"]
    assert all(v.line == 3 for v in versions)


def test_an_older_version_read_later_is_left_out_and_counted():
    import_bytes(file_xml(activity_xml("A-1", title="New", updated="2024-07-01T00:00:00Z")), "july.xml")
    result, _ = import_bytes(
        file_xml(activity_xml("A-1", title="Old", updated="2024-01-01T00:00:00Z")), "old.xml"
    )
    assert result.older_kept == 1
    assert Activity.objects.get().title_en == "New"


def test_without_dates_the_version_read_last_wins():
    import_bytes(file_xml(activity_xml("A-1", title="First", updated="2024-07-01T00:00:00Z")), "a.xml")
    later = activity_xml("A-1", title="Second").replace(' last-updated-datetime="2024-06-01T00:00:00Z"', "")
    import_bytes(file_xml(later), "b.xml")
    assert Activity.objects.get().title_en == "Second"


def test_an_activity_no_longer_for_lao_pdr_is_removed():
    import_bytes(file_xml(activity_xml("A-1"), activity_xml("A-2")))
    moved = activity_xml("A-2", recipients='<recipient-country code="TH" percentage="100"/>')
    result, _ = import_bytes(file_xml(activity_xml("A-1"), moved))
    assert result.removed == 1 and (result.activities, result.lao_activities) == (2, 1)
    assert list(Activity.objects.values_list("identifier", flat=True)) == ["A-1"]
    assert not Transaction.objects.filter(activity__identifier="A-2").exists()


def test_activities_for_another_country_are_read_but_not_kept():
    other = activity_xml("TH-1", recipients='<recipient-country code="TH" percentage="100"/>')
    result, _ = import_bytes(file_xml(activity_xml("A-1"), other))
    assert (result.activities, result.lao_activities) == (2, 1)
    assert not Activity.objects.filter(identifier="TH-1").exists()


def test_an_activity_for_lao_pdr_at_transaction_level_only_is_kept_with_those_transactions_only(mapping):
    transactions = transaction_xml(
        3, "2023-03-01", 100, extra='<recipient-country code="LA"/>'
    ) + transaction_xml(3, "2023-04-01", 900, extra='<recipient-country code="TH"/>')
    regional = activity_xml("REG-1", recipients="", transactions=transactions)
    result, _ = import_bytes(file_xml(regional))
    assert result.lao_activities == 1
    activity = Activity.objects.get(identifier="REG-1")
    assert activity.lao_share == 0
    counted = FundingShare.objects.filter(activity=activity)
    assert {share.transaction.value for share in counted} == {100}


def test_a_changed_mapping_never_changes_an_unchanged_import(mapping, world):
    import_bytes(file_xml(activity_xml("A-1", sectors=sector_xml("12220", 100))))
    shares = list(FundingShare.objects.values_list("group_id", "fraction"))
    import_bytes(file_xml(activity_xml("A-1", sectors=sector_xml("12220", 100))))
    assert list(FundingShare.objects.values_list("group_id", "fraction")) == shares
