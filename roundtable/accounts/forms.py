from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from roundtable.core.notifications.models import EmailMode


class PreferencesForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("When it is your turn"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
        help_text=_("Steps that wait for you: approving minutes, sending a work plan, publishing…"),
    )
    language = forms.ChoiceField(
        label=_("Language of your emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        required=False,
    )
