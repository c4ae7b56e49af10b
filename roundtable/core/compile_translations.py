"""Compile every .po catalogue of the project into .mo, in Python: no gettext tools needed.

Run as `python -m roundtable.core.compile_translations` (before Django starts: Django
refuses to start without a catalogue for its default language, Lao).
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]


def catalogues() -> list[Path]:
    return sorted(
        list((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
        + list((ROOT / "roundtable").glob("**/locale/*/LC_MESSAGES/*.po"))
    )


def compile_all(verbose: bool = False) -> int:
    count = 0
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
        if verbose:
            print(f"compiled {po_path.relative_to(ROOT)}")
    return count


if __name__ == "__main__":
    compile_all(verbose="-v" in sys.argv)
