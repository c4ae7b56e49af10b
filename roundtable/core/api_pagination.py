"""The public API's one page-size policy (its own module: DRF's settings import it while `rest_framework`
itself is being imported, before core.api could be)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class PublicPagination(PageNumberPagination):
    """50 rows a page; a client may ask for up to 200 with `?page_size=` (more gives 200).

    The cap keeps one request cheap for the server and for a phone on a slow link. A `page` or `page_size`
    that is not a page (`abc`, `0`, a page past the last) answers 400 naming the parameter, as an invalid
    filter does: DRF's defaults silently ignore a bad `page_size` and answer 404 for a bad `page`, which
    a client cannot tell from a missing record.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    page_query_description = _("A page number, from 1 to the last page.")
    page_size_query_description = _("Rows a page: 50 unless asked, at most 200 (more gives 200).")
    invalid_page_message = _("Invalid page “{page_number}”: {message}.")

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param) or ""
        if not raw:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError({self.page_size_query_param: [_("Enter a whole number of at least 1.")]})
        return min(size, self.max_page_size)

    def get_page_number(self, request, paginator) -> str | int:
        # An empty `?page=` is the first page, as an empty filter is no filter.
        number = request.query_params.get(self.page_query_param) or 1
        if number in self.last_page_strings:
            number = paginator.num_pages
        return number

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError({self.page_query_param: [exc.detail]}) from exc

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
