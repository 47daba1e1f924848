"""Find the entry points of one group as ``importlib.metadata`` does, without importing it.

``importlib.metadata`` imports ``email``, ``zipfile`` and ``csv`` and parses
each distribution's ``METADATA`` for its name: a tenth of ``layzner-export
--format json``.  Finding the entry points only needs the ``.dist-info``
and ``.egg-info`` directories on ``sys.path`` and their ``entry_points.txt``,
read here by the same rules:

* the directories of ``sys.path`` are searched in order (``""`` is the
  current directory), their children in the order the file system lists them;
* a distribution is named by its directory (``Foo_Bar-1.0.dist-info`` is
  ``foo_bar``, normalised as PEP 503 with underscores), and only its first
  directory counts;
* in ``entry_points.txt``, lines are stripped, blank lines and ``#``
  comments skipped, ``[section]`` starts a group and ``name = value`` is an
  entry point.

Anything those rules do not cover (a zip or egg on ``sys.path``, a finder
that supplies distributions of its own, a directory whose name does not
give the distribution's, a line that is no ``name = value``) is left to
``importlib.metadata`` itself, whose answer then counts.  A distribution's
display name and version are read from its metadata only when a message or
a listing shows them.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.metadata import Distribution

__all__ = ["EntryPoint", "entry_points"]

# importlib.metadata's syntax of an entry point's value: module, :attr, [extras].
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SUFFIXES = (".dist-info", ".egg-info")


class _Unsupported(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """Something only importlib.metadata knows how to read."""


class EntryPoint:
    """An entry point of an installed distribution, with the ``importlib.metadata`` interface layzner uses."""

    __slots__ = ("_dist", "_path", "dist_key", "group", "name", "value")

    def __init__(
        self, name: str, value: str, group: str, dist_key: str, path: Path | None = None
    ) -> None:
        self.name = name
        self.value = value
        self.group = group
        self.dist_key = dist_key
        """The distribution's name in its PEP 503 normal form (``layzner-jsonld``)."""
        self._path = path
        self._dist: Distribution | None = None

    def load(self) -> Any:
        """Import the module the value names, and return it or the attribute it names."""
        match = _VALUE.match(self.value)
        module = import_module(match.group("module"))  # type: ignore[union-attr]  # as importlib.metadata fails
        attrs = filter(None, (match.group("attr") or "").split("."))  # type: ignore[union-attr]
        return functools.reduce(getattr, attrs, module)

    @property
    def dist(self) -> Distribution | None:
        """Return the distribution, read through ``importlib.metadata`` (imported now)."""
        if self._dist is None and self._path is not None:
            from importlib.metadata import PathDistribution  # noqa: PLC0415 - only for names and versions

            self._dist = PathDistribution(self._path)
        return self._dist


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def entry_points(group: str) -> list[EntryPoint]:
    """Return the entry points of *group* of every distribution on ``sys.path``, in ``importlib.metadata``'s order."""
    try:
        return _scan(group)
    except (_Unsupported, OSError, UnicodeDecodeError):
        from importlib.metadata import entry_points as metadata_entry_points  # noqa: PLC0415

        found = []
        for ep in metadata_entry_points(group=group):
            key = _normalize(ep.dist.name) if ep.dist is not None else "<unknown>"
            point = EntryPoint(ep.name, ep.value, ep.group, key)
            point._dist = ep.dist
            found.append(point)
        return found


def _scan(group: str) -> list[EntryPoint]:
    _check_finders()
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for root in sys.path:
        for directory in _metadata_directories(root):
            name = _dist_name(os.path.basename(directory))  # noqa: PTH119 - str paths: this runs for every installed distribution
            if name in seen:
                continue
            seen.add(name)
            found.extend(_read(directory, group, name))
    return found


def _check_finders() -> None:
    """Refuse when a finder other than the standard one may supply distributions."""
    from importlib.machinery import PathFinder  # noqa: PLC0415 - a small module, and only here

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            raise _Unsupported


def _metadata_directories(root: object) -> list[str]:
    path = os.fspath(root) if isinstance(root, str | os.PathLike) else None
    if path is None:
        raise _Unsupported
    if path.lower().endswith(".egg") or os.path.isfile(path):  # noqa: PTH113 - a str from sys.path
        raise _Unsupported  # an egg or a zip: importlib.metadata reads inside it
    try:
        children = os.listdir(path or ".")  # noqa: PTH208 - names in the order importlib.metadata sees them
    except OSError:
        return []
    return [
        os.path.join(path, child)  # noqa: PTH118 - see _scan
        for child in children
        if child.lower().endswith(_SUFFIXES)
    ]


def _dist_name(directory: str) -> str:
    stem, dot, suffix = directory.rpartition(".")
    if not stem or f"{dot}{suffix}" not in _SUFFIXES:
        raise _Unsupported  # importlib.metadata would read the name from the metadata
    return _normalize(stem.partition("-")[0])


def _read(directory: str, group: str, dist_key: str) -> list[EntryPoint]:
    try:
        with open(os.path.join(directory, "entry_points.txt"), "rb") as file:  # noqa: PTH118, PTH123 - see _scan
            text = file.read().decode("utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return []
    found: list[EntryPoint] = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue  # before any section: importlib.metadata ignores it
        name, equals, value = line.partition("=")
        if not equals:
            raise _Unsupported  # importlib.metadata raises, in any group; let it
        if section == group:
            found.append(EntryPoint(name.strip(), value.strip(), group, dist_key, Path(directory)))
    return found
