"""Lao-aware text for the search index: one function, `words()`, owns normalisation and word segmentation.

Lao is written without spaces between words, so a text must be cut into words before it is indexed, and a
query cut the same way before it is matched. Every indexed text and every query goes through `words()`:

1. `normalise()`: NFC; zero-width space, word joiner, soft hyphen and byte-order marks removed; the common
   decomposed spellings composed (ໍ + າ → ຳ, also with a tone mark between them: ນໍ້າ → ນ້ຳ; ຫ + ນ → ໜ;
   ຫ + ມ → ໝ); and the stray spaces that machine-translated Lao carries inside words collapsed (the SDG
   texts write "ສຳ ລັບ", "ຄວາມ ໝາຍ", "ສະ ໜັບ ສະ ໜູນ": the translation engine isolated the syllables
   holding ຳ, ໜ or ໝ). A space between two Lao letters goes when the syllable on either side of it holds
   ຳ, ໜ or ໝ, or when it stands before a combining mark or after a leading vowel (no Lao word ends with ເ
   or starts with ່). Dropping a real space costs nothing here (the segmenter finds the word boundary
   again); keeping a stray one cuts a word in two, and the phrase query for it then finds nothing.
2. segmentation by ICU's dictionary-based word break for Lao (PyICU, from the `pyicu-wheels` wheel: ICU
   bundled, no compiler); laonlp (maximal matching over its own dictionary, through pythainlp) when PyICU
   cannot be imported.
3. each word case-folded; spaces and punctuation dropped.

Why ICU first, by measurement (`bench/search_bench.py --segmenters`), on data built for it: 33 sentences of
minutes, work-plan and SDG Lao segmented by hand (tests/data/lao_gold.txt; a boundary inside a compound,
ກອງ¦ປະຊຸມ, may be made or not), and the glossary's 79 Lao terms searched as phrases in 1,666 real Lao texts
(the SDG goals, targets and indicators, the interface's Lao strings, those sentences), where a plain
substring test gives the truth (so a correct refusal, ຊາຍ "male" inside ທະເລຊາຍ "desert", counts as a miss
for every segmenter alike):

    segmenter                                  boundary P / R / F1    phrase recall     speed
    ICU 77.1 (pyicu-wheels) + compound heads   1.00 / 0.955 / 0.977   808/839 = 0.963   ~8 MB/s
    ICU 77.1, plain                            1.00 / 0.914 / 0.955   750/839 = 0.894   ~25 MB/s
    ICU 78.3 (icukit-pyicu), plain             the same as ICU 77.1 on every figure
    laonlp 1.3                                 1.00 / 0.878 / 0.935   800/839 = 0.954   ~1 MB/s

Plain ICU's dictionary glues a bound head to the word it heads (ບົດບັນທຶກ "minutes", ກະຊວງສາທາລະນະສຸກ,
ຄວາມທຸກຍາກ), so the phrase query for ບັນທຶກ, ກະຊວງ or ທຸກຍາກ missed them; cutting the heads off (`_HEADS`,
only when what is left is a dictionary word of its own) puts ICU ahead of laonlp on both counts, eight times
faster. The heads come from Lao grammar (nominalisers and classifier-like heads), not from the misses; the
gold set is small and ours, so the figures are a guide, not a benchmark. `pyicu-wheels` rather than
`icukit-pyicu`: the same segmentation from an 18 MB wheel instead of 65 MB, for older Linux too
(manylinux 2.27 against 2.35). Stray-space collapse: the glossary's terms and the SDG texts' split words are
found as phrases in the SDG texts 230 times of 258 with it, 97 without.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable

# Invisible characters that split a word for the index without showing on screen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_LAO = "\u0e80-\u0eff"
_TONES = "\u0ec8-\u0ecb"
# Combining marks: above and below vowels, tone marks, the nikhahit and the semivowel signs.
_MARKS = "\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
_LEADING_VOWELS = "\u0ec0-\u0ec4"
_SPECIAL = "\u0eb3\u0edc\u0edd"  # ຳ ໜ ໝ: the syllables machine translation isolates with spaces
_EDGE = 4  # characters of a chunk that make "the syllable" touching a space (ເໝາະ is four)

_SARA_AM = re.compile(f"\u0ecd([{_TONES}]?)\u0eb2")  # ໍ (tone) າ → (tone) ຳ
_GAP = re.compile(f"(?<=[{_LAO}])[ \u00a0]+(?=[{_LAO}])")
_LAO_CHUNK_END = re.compile(f"[{_LAO}]+$")
_LAO_CHUNK_START = re.compile(f"[{_LAO}]+")


def _is_stray(before: str, after: str) -> bool:
    """Whether the space between two Lao chunks splits a word (see the module docstring)."""
    if after[0] in _MARKS_SET or before[-1] in _LEADING_SET:
        return True
    return any(c in _SPECIAL for c in before[-_EDGE:]) or any(c in _SPECIAL for c in after[:_EDGE])


_MARKS_SET = {chr(c) for c in [0x0EB1, *range(0x0EB4, 0x0EBD), *range(0x0EC8, 0x0ECE)]}
_LEADING_SET = {chr(c) for c in range(0x0EC0, 0x0EC5)}


def _collapse_stray_spaces(text: str) -> str:
    def replace(match: re.Match) -> str:
        before = _LAO_CHUNK_END.search(text, 0, match.start()).group()
        after = _LAO_CHUNK_START.match(text, match.end()).group()
        return "" if _is_stray(before, after) else match.group()

    return _GAP.sub(replace, text)


def normalise(text: str | None) -> str:
    """The text as indexed and shown in snippets: NFC, invisibles out, Lao composed, stray spaces out."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    if not any("\u0e80" <= c <= "\u0eff" for c in text):
        return text
    text = _SARA_AM.sub("\\1\u0eb3", text)
    text = text.replace("\u0eab\u0e99", "\u0edc").replace("\u0eab\u0ea1", "\u0edd")
    return _collapse_stray_spaces(text)


# --- segmentation --------------------------------------------------------------------------------------

_local = threading.local()
_WORDLIKE = re.compile(r"\w", re.UNICODE)


def _icu_available() -> bool:
    try:
        import icu  # noqa: F401
    except ImportError:
        return False
    return True


def icu_plain(text: str) -> list[str]:
    """ICU's word break (dictionary-based for Lao); one iterator per thread (they keep state)."""
    import icu

    breaker = getattr(_local, "breaker", None)
    if breaker is None:
        breaker = _local.breaker = icu.BreakIterator.createWordInstance(icu.Locale("lo_LA"))
    breaker.setText(text)
    pieces, start = [], breaker.first()
    for end in breaker:
        pieces.append(text[start:end])
        start = end
    return pieces


# Bound first parts of Lao compounds that ICU's dictionary keeps glued to the word they head: ການ (the act
# of), ຄວາມ (-ness), ບົດ (a text), ຜູ້ (a person), ນັກ (-ist), ກະຊວງ (ministry), ກົມ (department), ອົງການ
# (organisation). ICU reads ບົດບັນທຶກ, ຄວາມທຸກຍາກ, ກະຊວງສາທາລະນະສຸກ as one word each, so the phrase query
# for ບັນທຶກ (minutes), ທຸກຍາກ (poor) or ກະຊວງ (ministry) would not find them; cut off, they are found, and
# a query is cut the same way.
_HEADS = ("ອົງການ", "ກະຊວງ", "ຄວາມ", "ການ", "ບົດ", "ຜູ້", "ນັກ", "ກົມ")


def _split_head(word: str) -> list[str]:
    for head in _HEADS:
        rest = word[len(head) :]
        # The rest must be a word of its own (ICU's dictionary reads it as one), never a syllable's tail:
        # ການາ is not ການ + າ.
        if (
            word.startswith(head)
            and len(rest) >= 2
            and rest[0] not in _MARKS_SET
            and len(icu_plain(rest)) == 1
        ):
            return [head, *_split_head(rest)]
    return [word]


def icu_segment(text: str) -> list[str]:
    """ICU's word break, with the bound heads of compounds (_HEADS) cut off."""
    pieces = []
    for piece in icu_plain(text):
        pieces.extend(_split_head(piece) if len(piece) > 3 and piece[0] in _HEAD_INITIALS else [piece])
    return pieces


_HEAD_INITIALS = {head[0] for head in _HEADS}


def laonlp_segment(text: str) -> list[str]:
    """laonlp's maximal matching over its dictionary (imported on first use: it loads pythainlp)."""
    from laonlp.tokenize import word_tokenize

    return list(word_tokenize(text))


SEGMENTERS: dict[str, Callable[[str], list[str]]] = {
    "icu": icu_segment,
    "icu-plain": icu_plain,
    "laonlp": laonlp_segment,
}


def segmenter_name() -> str:
    """The segmenter in use: ICU when PyICU imports, else laonlp."""
    name = getattr(_local, "segmenter", None)
    if name is None:
        name = _local.segmenter = "icu" if _icu_available() else "laonlp"
    return name


def _segment(text: str, segmenter: str | None) -> list[str]:
    if not any("\u0e80" <= c <= "\u0eff" for c in text):
        # No Lao: the word break of any language is the spaces and the punctuation.
        return re.findall(r"\w+", text)
    return SEGMENTERS[segmenter or segmenter_name()](text)


def words(text: str | None, *, segmenter: str | None = None) -> list[str]:
    """The words of a text, for the index and for queries: normalised, segmented, case-folded.

    The one function both sides of the search call, so that a query and a document are cut alike.
    """
    normal = normalise(text)
    if not normal:
        return []
    return [
        w.casefold() for w in (p.strip() for p in _segment(normal, segmenter)) if w and _WORDLIKE.search(w)
    ]


def segmented(text: str | None, *, segmenter: str | None = None) -> str:
    """`words()` joined by spaces: what the full-text index tokenises (the spaces are its word breaks)."""
    return " ".join(words(text, segmenter=segmenter))


def has_lao(text: str) -> bool:
    return bool(re.search(f"[{_LAO}]", text or ""))
