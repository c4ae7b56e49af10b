"""The chairs page: its audit history, read by the RTP Secretariat only."""


def test_the_rtp_secretariat_reads_who_changed_the_chair_terms_on_the_chairs_page(world, client_for):
    from datetime import date

    term = world.health.chair_terms.get(role="cochair")
    term.planned_end = date(2028, 6, 30)
    term.save()
    page = client_for(world.user("rtp")).get("/en/groups/health/chairs/").content.decode()
    assert 'id="history"' in page and "planned end of term" in page and "2028-06-30" in page
    page = client_for(world.user("secretariat")).get("/en/groups/health/chairs/").content.decode()
    assert 'id="history"' not in page
