from . import permissions


def platform(request):
    """What the page shell needs on every page: whether to link the RTP Secretariat's overview."""
    return {"is_rtp_secretariat": permissions.is_rtp_secretariat(getattr(request, "user", None))}
