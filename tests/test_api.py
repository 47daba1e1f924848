"""The public API changes only on purpose: it matches tests/data/public-api.txt, and the docs cover it."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest

import layzner

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "api_snapshot.py"
SNAPSHOT = ROOT / "tests" / "data" / "public-api.txt"
API_PAGE = ROOT / "docs" / "api.md"

HOW_TO_UPDATE = """\
The public API differs from tests/data/public-api.txt (diff above: - recorded, + now).

If the change is intended, regenerate the snapshot:

    .venv/bin/python scripts/api_snapshot.py --write

and, in the same commit, say what changed in CHANGELOG.md under the unreleased
version (a removal or an incompatible change needs a deprecation first: see
docs/plugins.md#compatibility-policy).  If it is not intended, undo the change.
After a merge, regenerate the file rather than resolve its conflicts by hand.
"""


def _snapshot(package: str = "layzner", pythonpath: Path | None = None) -> str:
    # A fresh interpreter: what earlier tests imported or registered cannot show.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--package", package],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_public_api_matches_the_snapshot() -> None:
    """The names, signatures, fields and hookspecs are those the snapshot records."""
    recorded = SNAPSHOT.read_text(encoding="utf-8")
    current = _snapshot()
    diff = "".join(
        difflib.unified_diff(
            recorded.splitlines(keepends=True),
            current.splitlines(keepends=True),
            "tests/data/public-api.txt",
            "the API now",
        )
    )
    if current != recorded:
        pytest.fail(f"{diff}\n{HOW_TO_UPDATE}", pytrace=False)


def test_snapshot_lists_every_public_name() -> None:
    """Every name in ``layzner.__all__`` has a line of its own in the snapshot."""
    described = set(re.findall(r"^layzner\.(\w+): ", SNAPSHOT.read_text(encoding="utf-8"), re.M))
    assert set(layzner.__all__) <= described


_TOY_INIT = '''\
"""A package whose public names are imported lazily, on first access (PEP 562)."""

__all__ = ["LIMIT", "Point", "load"]


def __getattr__(name):
    if name in __all__:
        from . import _impl

        return getattr(_impl, name)
    raise AttributeError(name)
'''
_TOY_IMPL = """\
from __future__ import annotations

import attrs

LIMIT = 3


@attrs.frozen
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = attrs.field(factory=tuple, eq=False)

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int, /, dy: int = 0, *, scale: int = 1) -> Point:
        return Point(self.x + dx, self.y + dy)


def load(path: str, *, strict: bool = False) -> Point:
    return Point(len(path))
"""
_TOY_HOOKS = '''\
import pluggy

__all__ = ["toy_collect"]

hookspec = pluggy.HookspecMarker("toy")


@hookspec(firstresult=True)
def toy_collect(register, options):
    """Collect things."""
'''


def _write_toy(site: Path, impl: str = _TOY_IMPL) -> Path:
    package = site / "toy"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(_TOY_INIT, encoding="utf-8")
    (package / "_impl.py").write_text(impl, encoding="utf-8")
    (package / "hooks.py").write_text(_TOY_HOOKS, encoding="utf-8")
    return site


def test_snapshot_of_a_lazy_package_describes_what_getattr_returns(tmp_path: Path) -> None:
    """Names a PEP 562 ``__getattr__`` provides are described in full; private modules are not."""
    text = _snapshot("toy", _write_toy(tmp_path))
    assert [line for line in text.splitlines() if not line.startswith("#")] == [
        "toy: module",
        "toy.LIMIT: int = 3",
        "toy.Point: class(object)(x: int, y: int = 0, tags: tuple[str, ...] = NOTHING) -> None",
        "toy.Point: attrs frozen, slots, hashable, unordered",
        "toy.Point.x: field int",
        "toy.Point.y: field int = 0",
        "toy.Point.tags: field tuple[str, ...] = Factory(tuple) [eq=False]",
        "toy.Point.moved: method(self, dx: int, /, dy: int = 0, *, scale: int = 1) -> Point",
        "toy.Point.norm: property -> int",
        "toy.load: function(path: str, *, strict: bool = False) -> Point",
        "toy.hooks: module",
        "toy.hooks.toy_collect: hookspec(register, options) [firstresult]",
    ]


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        ("    y: int = 0\n", "    y: int = 1\n", "toy.Point.y: field int = 1"),
        ("    y: int = 0\n", "    y: float = 0\n", "toy.Point.y: field float = 0"),
        ("*, strict: bool = False)", "strict: bool = False)", "(path: str, strict: bool"),
        ("@attrs.frozen\n", "@attrs.define\n", "toy.Point: attrs mutable, slots, unhashable"),
    ],
    ids=["default", "type", "keyword-only", "frozen"],
)
def test_snapshot_changes_with_the_api(
    tmp_path: Path, before: str, after: str, changed: str
) -> None:
    """A changed default, type, parameter kind or mutability changes the snapshot."""
    assert before in _TOY_IMPL
    original = _snapshot("toy", _write_toy(tmp_path / "a"))
    edited = _snapshot("toy", _write_toy(tmp_path / "b", _TOY_IMPL.replace(before, after)))
    assert changed not in original
    assert changed in edited


def _api_page_entries() -> set[str]:
    text = API_PAGE.read_text(encoding="utf-8")
    return set(re.findall(r"^\.\. (?:auto\w+|py:\w+):: (\S+)", text, re.M))


def test_api_reference_documents_every_public_name() -> None:
    """docs/api.md has an entry for every name in ``layzner.__all__`` and each public module."""
    entries = _api_page_entries()
    assert set(layzner.__all__) - entries == set(), "add these to docs/api.md"
    assert {"layzner.hookspecs", "layzner.testing", "layzner.errors"} <= entries


def _model_classes() -> list[type]:
    return [v for v in (getattr(layzner, n) for n in layzner.__all__) if attrs.has(v)]


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda c: c.__name__)
def test_api_reference_shows_every_field(cls: type) -> None:
    """Each attrs field is in the class's ``Attributes:`` section, or api.md shows undocumented members."""
    text = API_PAGE.read_text(encoding="utf-8")
    directive = re.search(rf"^\.\. autoclass:: {cls.__name__}\n((?:   .*\n)*)", text, re.M)
    assert directive is not None
    doc = textwrap.dedent((cls.__doc__ or "").partition("Attributes:")[2])
    documented = set(re.findall(r"^    (\w+)(?: \(.*\))?:", doc, re.M))
    if ":undoc-members:" in directive.group(1):
        assert not documented, "a class with an Attributes: section needs no :undoc-members:"
    else:
        missing = {f.name for f in attrs.fields(cls)} - documented
        assert not missing, f"document {sorted(missing)} in {cls.__name__}'s Attributes: section"
