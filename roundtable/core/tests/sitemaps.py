"""For tests that read the sitemap: `/sitemap.xml` is an index, the addresses are in its sections."""

import re

SITEMAP_LOCATION = re.compile(r"<loc>http://testserver([^<]+)</loc>")


def sitemap_text(client) -> str:
    """The index and every sitemap page it names, as one text (each fetched through `client`)."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200, index.status_code
    body = index.content.decode()
    parts = [body]
    for address in SITEMAP_LOCATION.findall(body):
        page = client.get(address.replace("&amp;", "&"))
        assert page.status_code == 200, (address, page.status_code)
        parts.append(page.content.decode())
    return "\n".join(parts)
