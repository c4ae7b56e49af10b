"""`manage.py import_iati`: one line per file, or `--json`; exit 0 when every file was read."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from roundtable.aid.models import Activity, SourceFile

from .conftest import EXAMPLE, activity_xml, file_xml, sector_xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "partner.xml"
    broken = activity_xml("BAD-1", sectors=sector_xml("12220", 60) + sector_xml("11220", 30))
    other = activity_xml("TH-1", recipients='<recipient-country code="TH" percentage="100"/>')
    good.write_bytes(file_xml(activity_xml("GOOD-1"), other, broken))
    not_xml = tmp_path / "notes.xml"
    not_xml.write_text("meeting notes, not XML")
    return good, not_xml


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_iati", *args, stdout=out)
    return out.getvalue()


def test_one_line_per_file_with_the_counts_and_the_reasons(files):
    good, not_xml = files
    lines = run(str(good), str(not_xml)).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{good}: imported 2 activities (1 for Lao PDR), refused 1 activity: line ")
    assert "<sector>" in lines[0] and "BAD-1" in lines[0] and "add up to 90, not 100" in lines[0]
    assert lines[1].startswith(f"{not_xml}: refused. The file is not XML")
    assert list(Activity.objects.values_list("identifier", flat=True)) == ["GOOD-1"]


def test_json_gives_exactly_the_documented_keys(files):
    good, not_xml = files
    out = json.loads(run("--json", str(good), str(not_xml)))
    assert [set(entry) for entry in out] == [{"file", "status", "activities", "lao_activities", "errors"}] * 2
    first, second = out
    assert (first["file"], first["status"], first["activities"], first["lao_activities"]) == (
        str(good),
        "imported",
        2,
        1,
    )
    (error,) = first["errors"]
    assert set(error) == {"line", "element", "message"}
    assert (
        error["element"] == "sector"
        and isinstance(error["line"], int)
        and error["message"].startswith("BAD-1: ")
    )
    assert (second["status"], second["activities"], second["lao_activities"]) == ("refused", 0, 0)
    assert second["errors"][0]["message"].startswith("The file is not XML")


def test_the_annotated_example_reads_as_one_activity_not_for_lao_pdr():
    (entry,) = json.loads(run("--json", str(EXAMPLE)))
    assert (entry["status"], entry["activities"], entry["lao_activities"], entry["errors"]) == (
        "imported",
        1,
        0,
        [],
    )


def test_a_file_that_cannot_be_opened_is_reported_and_the_exit_status_says_so(files, tmp_path):
    good, _ = files
    missing = tmp_path / "missing.xml"
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_iati", str(missing), str(good), stdout=out)
    assert error.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{missing}: refused. The file cannot be read")
    assert "imported 2 activities" in lines[1]


def test_without_a_file_the_command_cannot_run():
    with pytest.raises(CommandError) as error:
        call_command("import_iati")
    assert error.value.returncode == 2


def test_a_list_file_names_the_files_and_copies_are_kept_when_asked(files, tmp_path):
    good, _ = files
    listing = tmp_path / "list.txt"
    listing.write_text(f"# partners\n{good}\n")
    run("--list", str(listing), "--keep-copies")
    source = SourceFile.objects.get(name=str(good))
    assert source.upload and source.upload.read().startswith(b"<?xml")


def test_the_messages_can_be_in_lao(files):
    good, _ = files
    line = run("--language", "lo", str(good))
    assert line.startswith(str(good))


def test_an_address_is_fetched_then_read_like_a_file(files):
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    good, _ = files
    handler = partial(SimpleHTTPRequestHandler, directory=str(good.parent))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{good.name}"
        (entry,) = json.loads(run("--json", url))
        assert (entry["file"], entry["status"], entry["lao_activities"]) == (url, "imported", 1)
    finally:
        server.shutdown()


def test_rates_load_from_the_command_line(tmp_path):
    from roundtable.aid.models import ExchangeRate

    path = tmp_path / "rates.csv"
    path.write_text("currency,month,per_usd\nLAK,2024-01,21000\nEUR,2024-01,0.91\n")
    out = io.StringIO()
    call_command("load_exchange_rates", str(path), stdout=out)
    assert out.getvalue().startswith("2 rates added") and ExchangeRate.objects.count() == 2
    path.write_text("currency,month,per_usd\nLAK,2024-01,-5\n")
    with pytest.raises(CommandError, match="Line 2"):
        call_command("load_exchange_rates", str(path), stdout=out)
