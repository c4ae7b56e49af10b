from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roundtable.core import permissions


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "website/home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "website/dashboard.html")


@login_required
def secretariat(request: HttpRequest) -> HttpResponse:
    if not permissions.is_rtp_secretariat(request.user):
        raise PermissionDenied
    return render(request, "website/secretariat.html")
