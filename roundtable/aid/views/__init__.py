"""The aid pages: `public` (everyone), `officers` (the RTP Secretariat; the group secretariats' priority
links), `exports` (open data); `access` loads what a page works on, with the permissions applied."""

from .exports import export_activities, export_funding
from .officers import (
    import_detail,
    imports,
    mapping_code,
    mapping_edit,
    mapping_seed,
    oda_detail,
    oda_uploads,
    priority_links,
    priority_unlink,
    rates,
    review,
)
from .public import activity_detail, activity_list, group_aid, mapping, overview, partner_aid, unmapped

__all__ = [
    "activity_detail",
    "activity_list",
    "export_activities",
    "export_funding",
    "group_aid",
    "import_detail",
    "imports",
    "mapping",
    "mapping_code",
    "mapping_edit",
    "mapping_seed",
    "oda_detail",
    "oda_uploads",
    "overview",
    "partner_aid",
    "priority_links",
    "priority_unlink",
    "rates",
    "review",
    "unmapped",
]
