"""Reading an IATI activity file as a stream: one activity at a time, whatever the file's size.

    with open(path, "rb") as handle:
        for item in read_activities(handle):
            if isinstance(item, Refusal): ...        # the activity broke the schema or a rule: its problems
            else: ...                                # a ParsedActivity, valid

`read_activities` raises `FileRefused` when the whole file cannot be read (empty, not XML, not an activity
file, a version it does not read) and yields a final `Broken` when the XML breaks part-way (what came before
was read). The parser resolves no entity and opens no network address (no XXE, no "billion laughs"), and
each activity is cleared once read, with the siblings before it: memory holds one activity at a time.
How one element becomes a ParsedActivity is activity.py; the standard's rules across its parts, rules.py.

Versions 2.01 to 2.03 are read, each activity validated against the bundled 2.03 schema; 1.0x files are
refused with a message that says to convert them (their codelists and text elements differ throughout).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import BinaryIO

from lxml import etree

from ..codelists import DATA
from .activity import ParsedActivity, parse_activity
from .problems import FileRefused, Problem
from .rules import check

READ_VERSIONS = {"2.01", "2.02", "2.03"}
OLD_VERSIONS = {"1.0", "1.01", "1.02", "1.03", "1.04", "1.05"}


def _parser_options() -> dict:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "huge_tree": False,
        "remove_comments": True,
        "remove_pis": True,
    }


@cache
def schema() -> etree.XMLSchema:
    """The bundled IATI 2.03 activity schema (its includes are read from the same folder)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(DATA / "schema" / "iati-activities-schema.xsd"), parser))


# --- what the stream yields besides activities ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Refusal:
    identifier: str
    line: int
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class Broken:
    """The XML broke at `problem.line`: nothing after it could be read."""

    problem: Problem


@dataclass(frozen=True, slots=True)
class FileHeader:
    version: str
    generated: str


# --- reading ---------------------------------------------------------------------------------------


class SeenIdentifiers:
    """The identifiers read so far in a file, to refuse one that comes again: 12 bytes each (a 64-bit hash
    and the first line, in an open-addressing table) instead of a hundred for a dict of strings, so that
    memory stays flat with the file's size (a million activities: 24 MB at most). Two identifiers with the
    same 64-bit hash would be taken for one: about one chance in 10^10 for a file of 50,000."""

    def __init__(self, size: int = 1024) -> None:
        self._allocate(size)

    def _allocate(self, size: int) -> None:
        self.keys = array("Q", bytes(8 * size))
        self.lines = array("I", bytes(4 * size))
        self.mask = size - 1
        self.count = 0

    @staticmethod
    def _hash(identifier: str) -> int:
        digest = hashlib.blake2b(identifier.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little") or 1  # 0 marks an empty slot

    def _slot(self, key: int) -> int:
        i = key & self.mask
        while self.keys[i] and self.keys[i] != key:
            i = (i + 1) & self.mask
        return i

    def first_line(self, identifier: str, line: int) -> int | None:
        """The line where the identifier was first read, or None (and it is recorded at `line`)."""
        key = self._hash(identifier)
        i = self._slot(key)
        if self.keys[i]:
            return self.lines[i]
        self.keys[i], self.lines[i] = key, min(line, 0xFFFFFFFF)
        self.count += 1
        if self.count * 2 > len(self.keys):
            keys, lines = self.keys, self.lines
            self._allocate(len(keys) * 2)
            for old_key, old_line in zip(keys, lines, strict=True):
                if old_key:
                    j = self._slot(old_key)
                    self.keys[j], self.lines[j] = old_key, old_line
                    self.count += 1
        return None


def read_header(handle: BinaryIO) -> FileHeader:
    """The root element's version, or FileRefused. Leaves the handle at its start."""
    start = handle.read(1)
    if not start:
        raise FileRefused(Problem("empty"))
    handle.seek(0)
    root = None
    try:
        for _event, element in etree.iterparse(handle, events=("start",), **_parser_options()):
            root = element
            break
    except etree.XMLSyntaxError as error:
        raise FileRefused(
            Problem("not_xml", {"detail": str(error.msg or error)}, line=error.lineno)
        ) from error
    finally:
        handle.seek(0)
    if root is None:
        raise FileRefused(Problem("empty"))
    if root.tag != "iati-activities":
        raise FileRefused(Problem("not_activities", {"root": str(root.tag)}, line=root.sourceline))
    version = (root.get("version") or "").strip()
    if not version:
        raise FileRefused(Problem("version_missing", line=root.sourceline, element="iati-activities"))
    if version in OLD_VERSIONS or version.startswith("1."):
        raise FileRefused(Problem("version_old", {"version": version}, line=root.sourceline))
    if version not in READ_VERSIONS:
        raise FileRefused(Problem("version_unknown", {"version": version}, line=root.sourceline))
    return FileHeader(version=version, generated=root.get("generated-datetime") or "")


def read_activities(handle: BinaryIO) -> Iterator[ParsedActivity | Refusal | Broken]:
    """Every activity of the file in order (see the module's docstring). Raises FileRefused first when
    the file as a whole cannot be read."""
    read_header(handle)
    validator = schema()
    seen = SeenIdentifiers()
    count = 0
    events = etree.iterparse(handle, events=("end",), tag="iati-activity", **_parser_options())
    try:
        for _event, element in events:
            if element.getparent() is None or element.getparent().getparent() is not None:
                continue  # an iati-activity nested where it does not belong: the schema will say so
            count += 1
            yield _read_one(element, validator, seen)
            # Memory stays flat: the activity and everything before it is dropped.
            element.clear(keep_tail=False)
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        yield Broken(
            Problem("broken", {"line": error.lineno, "detail": str(error.msg or error)}, line=error.lineno)
        )
        return
    if count == 0:
        raise FileRefused(Problem("no_activities", element="iati-activities"))


def _read_one(element, validator: etree.XMLSchema, seen: SeenIdentifiers) -> ParsedActivity | Refusal:
    activity = parse_activity(element)
    problems = check(activity)
    if activity.identifier:
        first = seen.first_line(activity.identifier, activity.line)
        if first is not None:
            problems.insert(
                0,
                Problem(
                    "identifier_repeated", {"first": first}, line=activity.line, element="iati-identifier"
                ),
            )
    try:
        valid = validator.validate(element)
    except etree.Error as error:
        # libxml2 cannot validate a tree that holds an unresolved entity (&name;): say so.
        entity = next(element.iter(etree.Entity), None)
        if entity is not None:
            problems.append(
                Problem(
                    "entity",
                    {"name": entity.name},
                    line=entity.sourceline or activity.line,
                    element="iati-activity",
                )
            )
        else:
            problems.append(
                Problem("schema", {"detail": str(error)}, line=activity.line, element="iati-activity")
            )
        valid = True
    if not valid:
        reported = {(p.line, p.element) for p in problems}
        for error in validator.error_log:
            name = _element_of(error.path)
            if (error.line, name) in reported:
                continue
            problems.append(Problem("schema", {"detail": error.message}, line=error.line, element=name))
    if problems:
        problems = [_with_activity(p, activity.identifier) for p in problems]
        return Refusal(activity.identifier, activity.line, problems)
    return activity


def _with_activity(problem: Problem, identifier: str) -> Problem:
    return Problem(problem.code, problem.params, problem.line, problem.element, identifier)


def _element_of(path: str | None) -> str:
    last = (path or "").rstrip("/").rsplit("/", 1)[-1]
    return last.split("[", 1)[0] or "iati-activity"
