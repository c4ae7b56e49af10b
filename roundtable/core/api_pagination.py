"""The public API's one page-size policy (its own module: DRF's settings import it while `rest_framework`
itself is being imported, before core.api could be)."""

from rest_framework.pagination import PageNumberPagination


class PublicPagination(PageNumberPagination):
    """50 rows a page; a client may ask for up to 200 with `?page_size=`.

    The cap keeps one request cheap for the server and for a phone on a slow link.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
