"""The page shown when django-axes locks a log-in (AXES_LOCKOUT_CALLABLE): in the visitor's language, with
how long the lock lasts in minutes (axes' own context gives an ISO 8601 duration)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/locked.html", context, status=429)
