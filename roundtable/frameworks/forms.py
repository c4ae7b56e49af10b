from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Framework, FrameworkItem

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = [
            "name_lo",
            "name_en",
            "start_year",
            "end_year",
            "description_lo",
            "description_en",
            "source_lo",
            "source_en",
        ]
        widgets = {
            "description_lo": TEXTAREA,
            "description_en": TEXTAREA,
            "source_lo": TEXTAREA,
            "source_en": TEXTAREA,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        return cleaned


class FrameworkItemForm(forms.ModelForm):
    """Code and titles of an existing item."""

    class Meta:
        model = FrameworkItem
        fields = ["code", "title_lo", "title_en", "short_lo", "short_en", "illustrative"]
        widgets = {"title_lo": TEXTAREA, "title_en": TEXTAREA}

    def clean_code(self) -> str:
        code = " ".join(self.cleaned_data["code"].split())
        taken = FrameworkItem.objects.filter(framework_id=self.instance.framework_id, code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another item of this framework already has this code."))
        return code


class FrameworkItemAddForm(FrameworkItemForm):
    """A new item: also where it goes in the tree and at which level."""

    class Meta(FrameworkItemForm.Meta):
        fields = ["parent", "level", *FrameworkItemForm.Meta.fields]

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        parent = self.fields["parent"]
        parent.queryset = FrameworkItem.objects.filter(framework=framework).order_by("sort_key")
        parent.empty_label = _("(top level)")
        parent.required = False
