from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

from roundtable.core.i18n import current_lang

from ..charts import short
from ..codelists import dac_name, sector_name
from ..provinces import province_name

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in whole units with thousands separators; "—" when there is none (no rate)."""
    if value is None or value == "":
        return "—"
    # number_format cuts the decimals off; a figure is rounded.
    whole = Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)
    return number_format(whole, 0, use_l10n=True, force_grouping=True)


@register.filter
def money_short(value) -> str:
    return short(value or 0)


@register.filter
def percent(value) -> str:
    """A fraction 0–1 as a percentage ("60%")."""
    if value is None:
        return ""
    hundred = Decimal(value) * 100
    return f"{number_format(hundred, 0 if hundred == int(hundred) else 1)}%"


@register.filter
def sector(obj) -> str:
    """An ActivitySector's name: the codelist's, else what the partner wrote."""
    return sector_name(obj.vocabulary, obj.code) or obj.name or obj.code


@register.filter
def dac(code: str) -> str:
    return dac_name(code or "")


@register.filter
def province(code: str) -> str:
    return province_name(code)


@register.filter
def narrative(texts) -> str:
    """A {lang: text} dict in the page's language, else English, else any."""
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    lang = current_lang()
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
