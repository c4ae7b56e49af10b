"""The snippet of a result: a window of its text around the first match, the matches marked.

Built here, in Python, for the page's twenty results, rather than by the database: FTS5's `snippet()` would
show the index's segmented text (a space between every Lao word), and both databases must give the same
snippet. The text is the page's language when the match is there, else the other language's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WINDOW = 220
_LATIN_WORD = re.compile(r"[a-z0-9]+", re.I)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "es", "ed", "s")


def _stem(word: str) -> str:
    """A crude English stem, for marking "meetings" when "meeting" was asked (the index stems properly)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=256)
def _pattern(terms) -> re.Pattern | None:
    needles = set()
    for word in (*terms.words, *terms.substrings):
        if _LATIN_WORD.fullmatch(word):
            needles.add(r"\b" + re.escape(_stem(word)) + r"\w*")
        elif len(word) >= 2 or not word.isascii():
            needles.add(re.escape(word))
    if not needles:
        return None
    return re.compile("|".join(sorted(needles, key=len, reverse=True)), re.I)


def _window(body: str, start: int) -> tuple[int, int]:
    begin = max(0, start - WINDOW // 3)
    if begin:
        space = body.rfind(" ", max(0, begin - 20), begin)
        begin = space + 1 if space >= 0 else begin
    end = min(len(body), begin + WINDOW)
    if end < len(body):
        space = body.find(" ", end, end + 20)
        end = space if space >= 0 else end
    return begin, end


def snippet(entry, terms, lang: str) -> SafeString:
    """Escaped HTML: the window of the first match (or the text's start), each match in <mark>."""
    pattern = _pattern(terms)
    bodies = [entry.body_lo, entry.body_en] if lang == "lo" else [entry.body_en, entry.body_lo]
    bodies = [" ".join(b.split()) for b in bodies if b and b.strip()]
    if not bodies:
        return mark_safe("")
    chosen, first = bodies[0], None
    if pattern is not None:
        for body in bodies:
            match = pattern.search(body)
            if match:
                chosen, first = body, match.start()
                break
    begin, end = _window(chosen, first or 0)
    part = chosen[begin:end]
    pieces, at = [], 0
    if pattern is not None:
        for match in pattern.finditer(part):
            pieces.append(escape(part[at : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            at = match.end()
    pieces.append(escape(part[at:]))
    html = ("…" if begin else "") + "".join(pieces) + ("…" if end < len(chosen) else "")
    return mark_safe(html)  # noqa: S308 - every piece of text is escaped above
