"""A person's own account page: how they are told it is their turn, and what they were told."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from roundtable.core.notifications import email_mode, recipient_language
from roundtable.core.notifications.models import NotificationPreference
from roundtable.core.pagination import paginate
from roundtable.core.permissions import person_of
from roundtable.core.services import model_update

from .forms import PreferencesForm


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    person = person_of(user)
    initial = {"email_mode": email_mode(user), "language": recipient_language(user)}
    form = PreferencesForm(request.POST or None, initial=initial)
    if not person:
        form.fields.pop("language")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            NotificationPreference.objects.update_or_create(
                user=user, defaults={"email_mode": form.cleaned_data["email_mode"]}
            )
            if person and form.cleaned_data.get("language"):
                model_update(
                    person,
                    {"preferred_language": form.cleaned_data["language"]},
                    fields=["preferred_language"],
                )
        messages.success(request, _("Your choices are saved."))
        return redirect("accounts:account")
    notifications = paginate(request, user.notifications.order_by("-created_at", "-pk"), per_page=20)
    return render(
        request,
        "accounts/account.html",
        {"form": form, "person": person, "page_obj": notifications},
    )
