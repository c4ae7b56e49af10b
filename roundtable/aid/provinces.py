"""The provinces of the Lao PDR (ISO 3166-2:LA), for the locations of activities.

A location names its province by an administrative code (`LA-XX`) or by its name, in English (with the
spellings partners use) or in Lao.
"""

from __future__ import annotations

import re
import unicodedata

from roundtable.core.i18n import pick

# code: (English, Lao, other English spellings)
PROVINCES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "LA-VT": ("Vientiane Capital", "ນະຄອນຫຼວງວຽງຈັນ", ("vientiane prefecture", "vientiane municipality")),
    "LA-PH": ("Phongsaly", "ແຂວງຜົ້ງສາລີ", ("phongsali", "phongsaly province")),
    "LA-LM": ("Luang Namtha", "ແຂວງຫຼວງນ້ຳທາ", ("louang namtha", "luangnamtha")),
    "LA-OU": ("Oudomxay", "ແຂວງອຸດົມໄຊ", ("oudomxai", "udomxai")),
    "LA-BK": ("Bokeo", "ແຂວງບໍ່ແກ້ວ", ()),
    "LA-LP": ("Luang Prabang", "ແຂວງຫຼວງພະບາງ", ("louangphabang", "luangprabang", "louang prabang")),
    "LA-HO": ("Houaphanh", "ແຂວງຫົວພັນ", ("houaphan", "huaphan")),
    "LA-XA": ("Xayabury", "ແຂວງໄຊຍະບູລີ", ("sainyabuli", "sayabouly", "xayaboury", "xaignabouli")),
    "LA-XI": ("Xiengkhouang", "ແຂວງຊຽງຂວາງ", ("xiangkhouang", "xieng khouang")),
    "LA-VI": ("Vientiane Province", "ແຂວງວຽງຈັນ", ("vientiane",)),
    "LA-BL": ("Borikhamxay", "ແຂວງບໍລິຄຳໄຊ", ("bolikhamxai", "bolikhamsai", "borikhamxai")),
    "LA-KH": ("Khammouane", "ແຂວງຄຳມ່ວນ", ("khammouan",)),
    "LA-SV": ("Savannakhet", "ແຂວງສະຫວັນນະເຂດ", ()),
    "LA-SL": ("Salavan", "ແຂວງສາລະວັນ", ("saravane", "saravan")),
    "LA-XE": ("Sekong", "ແຂວງເຊກອງ", ("xekong",)),
    "LA-CH": ("Champasak", "ແຂວງຈຳປາສັກ", ("champassak", "champasack")),
    "LA-AT": ("Attapeu", "ແຂວງອັດຕະປື", ("attapu",)),
    "LA-XS": ("Xaisomboun", "ແຂວງໄຊສົມບູນ", ("saysomboun", "xaysomboun")),
}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return re.sub(r"[\s\-_.,]+", " ", text).strip()


def _index() -> dict[str, str]:
    index = {}
    for code, (en, lo, others) in PROVINCES.items():
        for name in (en, lo, lo.removeprefix("ແຂວງ"), *others, f"{en} province"):
            index[_key(name)] = code
    return index


_INDEX = _index()
_CODE = re.compile(r"\bLA-([A-Z]{2})\b")


def province_of(*, code: str = "", names: tuple[str, ...] = ()) -> str:
    """The province code a location names (by `LA-XX` code first, then by name), or ""."""
    match = _CODE.search((code or "").upper())
    if match and f"LA-{match.group(1)}" in PROVINCES:
        return f"LA-{match.group(1)}"
    for name in names:
        found = _INDEX.get(_key(name))
        if found:
            return found
    return ""


def province_name(code: str) -> str:
    entry = PROVINCES.get(code)
    return pick(entry[1], entry[0]) if entry else ""


def province_choices() -> list[tuple[str, str]]:
    return sorted(((code, province_name(code)) for code in PROVINCES), key=lambda c: c[1])
