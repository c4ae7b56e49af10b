from django.conf import settings

from . import permissions


def platform(request):
    user = getattr(request, "user", None)
    return {
        "is_rtp_secretariat": permissions.is_rtp_secretariat(user),
        "can_edit_directory": permissions.can_edit_directory(user),
        "SITE_URL": settings.SITE_URL,
    }
