"""The IATI codelists the app needs, read once from the bundled copies in `data/codelists/` (see
`data/LICENCE.md`). Names are the codelists' English ones: the OECD and IATI publish no Lao names."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

DATA = Path(__file__).resolve().parent / "data"
CODELISTS = DATA / "codelists"

DAC5 = "1"  # SectorVocabulary: OECD DAC CRS purpose codes (5 digit)
DAC3 = "2"  # OECD DAC CRS purpose codes (3 digit)
SDG_GOAL = "7"
SDG_TARGET = "8"
SDG_INDICATOR = "9"
DAC_VOCABULARIES = (DAC5, DAC3)


def _parser() -> etree.XMLParser:
    # The same care as for partners' files: no entities, no network.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@cache
def codelist(name: str) -> dict[str, dict]:
    """{code: {"name": English name, "category": ..., "withdrawn": bool}} of a bundled codelist."""
    tree = etree.parse(str(CODELISTS / f"{name}.xml"), _parser())
    items = {}
    for item in tree.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        if not code:
            continue
        narrative = item.find("name/narrative")
        items[code] = {
            "name": (narrative.text or "").strip() if narrative is not None else code,
            "category": (item.findtext("category") or "").strip(),
            "withdrawn": item.get("status") == "withdrawn",
        }
    return items


def sector_name(vocabulary: str, code: str) -> str:
    """The sector's name in its vocabulary, "" when unknown."""
    names = {DAC5: "Sector", DAC3: "SectorCategory", SDG_GOAL: "UNSDG-Goals", SDG_TARGET: "UNSDG-Targets"}
    name = names.get(vocabulary)
    if name is None:
        return ""
    return codelist(name).get(code, {}).get("name", "")


def dac_name(code: str) -> str:
    """A DAC code of either length."""
    return sector_name(DAC5 if len(code) == 5 else DAC3, code)


def is_known(list_name: str, code: str) -> bool:
    return code in codelist(list_name)


def currencies() -> set[str]:
    return set(codelist("Currency"))


def vocabulary_name(vocabulary: str) -> str:
    return codelist("SectorVocabulary").get(vocabulary, {}).get("name", vocabulary)
