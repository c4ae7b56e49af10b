"""Checks on uploaded documents: type, size, emptiness, and content that matches the name."""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> MIME types that the file's own bytes may show (None: a text format, no signature).
DOCUMENT_TYPES: dict[str, set[str] | None] = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip"},
    ".odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    ".doc": {"application/msword", "application/x-ole-storage", "application/x-cfb"},
    ".xls": {"application/vnd.ms-excel", "application/x-ole-storage", "application/x-cfb"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def validate_document(
    upload, allowed: dict[str, set[str] | None] | None = None, max_bytes: int | None = None
):
    """Refuse wrong types, oversize, empty and disguised files with a message a person can act on."""
    allowed = allowed or DOCUMENT_TYPES
    max_bytes = max_bytes or settings.ROUNDTABLE["UPLOAD_MAX_BYTES"]
    name = getattr(upload, "name", "") or ""
    ext = os.path.splitext(name)[1].lower()
    if ext not in allowed:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(sorted(allowed))},
            code="type",
        )
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="size",
        )
    expected = allowed[ext]
    if expected is None:
        return
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    detected = kind.mime if kind else None
    if detected is None and head.startswith(OLE_MAGIC):
        detected = "application/x-ole-storage"
    if detected not in expected:
        raise ValidationError(
            _("The file's content does not match its name “%(name)s”: it is not a real %(ext)s file.")
            % {"name": name, "ext": ext},
            code="disguised",
        )
