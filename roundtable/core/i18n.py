"""Bilingual content: values stored in Lao and English, shown in the page's language.

A model keeps ``name_lo`` and ``name_en``; ``name = Localized("name")`` on the class
gives the value in the active language, falling back to the other when one is empty.
"""

from django.utils.translation import get_language

LANGS = ("lo", "en")


def current_lang() -> str:
    lang = (get_language() or "lo")[:2]
    return lang if lang in LANGS else "lo"


def pick(lo: str | None, en: str | None, lang: str | None = None) -> str:
    """The value for `lang` (default: the active language), else the other one."""
    lang = lang or current_lang()
    first, second = (lo, en) if lang == "lo" else (en, lo)
    return first if (first or "").strip() else (second or "")


def localized(obj, field: str, lang: str | None = None) -> str:
    return pick(getattr(obj, f"{field}_lo", ""), getattr(obj, f"{field}_en", ""), lang)


class Localized:
    """Class attribute that reads `<field>_lo` / `<field>_en` in the active language."""

    def __init__(self, field: str):
        self.field = field

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return localized(obj, self.field)


def require_text(obj, field: str, message) -> None:
    """Raise a ValidationError on `<field>_lo` unless the field has text in at least one language."""
    if not localized(obj, field).strip():
        from django.core.exceptions import ValidationError

        raise ValidationError({f"{field}_lo": message})
