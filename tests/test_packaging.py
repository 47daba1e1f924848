"""The built wheel works on its own, and importing layzner is cheap: no plugins, no file reads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import layzner

ROOT = Path(__file__).resolve().parent.parent

# Collects the files opened after it is installed, other than Python's own
# module files, so a test can see exactly what layzner reads.
_WATCH_OPENS = """
import sys
opened = []
def _watch(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].endswith((".py", ".pyc", ".so")):
        opened.append(args[0])
sys.addaudithook(_watch)
"""


def _python(code: str, *, cwd: Path, python: str = sys.executable) -> str:
    result = subprocess.run(
        [python, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_reads_no_file_and_loads_no_exporter(tmp_path: Path) -> None:
    """``import layzner`` opens no data file and imports no plugin, genanki or Jinja2."""
    out = _python(
        _WATCH_OPENS
        + "import layzner\n"
        + "print([p for p in opened if 'seeds' in p or p.endswith(('.txt', '.md', '.json'))])\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        + "{'layzner_json', 'layzner_anki', 'layzner_mal', 'genanki', 'jinja2'}))\n",
        cwd=tmp_path,
    )
    assert out.splitlines() == ["[]", "[]"]


def test_import_layzner_imports_only_the_exceptions(tmp_path: Path) -> None:
    """``import layzner`` imports layzner.errors and no dependency: every other name comes on first use."""
    out = _python(
        "import sys, layzner\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'layzner', 'attrs', 'attr', 'cattrs', 'pluggy', 'orjson'}))\n",
        cwd=tmp_path,
    )
    assert out.strip() == "['layzner', 'layzner.errors']"


# The public names dir(layzner) listed when every name was imported eagerly.
_PUBLIC_DIR = {name for name in layzner.__all__ if name != "__version__"} | {"errors", "hookspecs"}


def test_lazy_names_are_the_same_objects_and_dir_is_unchanged(tmp_path: Path) -> None:
    """Every name of __all__ resolves to its private module's object, and dir() lists the same public names before and after."""
    out = _python(
        "import importlib, layzner\n"
        "public = lambda: sorted(n for n in dir(layzner) if not n.startswith('_'))\n"
        "before = public()\n"
        "from layzner import Series\n"
        "assert Series is importlib.import_module('layzner._model').Series\n"
        "assert layzner.load is importlib.import_module('layzner._load').load\n"
        "assert layzner.hookspecs is importlib.import_module('layzner.hookspecs')\n"
        "values = [getattr(layzner, name) for name in layzner.__all__]\n"
        "print(before == public(), *before)\n",
        cwd=tmp_path,
    )
    same, *listed = out.split()
    assert same == "True"
    assert set(listed) == _PUBLIC_DIR
    assert layzner.__all__ == sorted(layzner.__all__)
    with pytest.raises(AttributeError, match="no attribute 'Serie'"):
        layzner.Serie  # noqa: B018 - the attribute access is the test


def test_bundled_series_is_parsed_once_per_process(tmp_path: Path) -> None:
    """The first ``load()`` reads the seeds; the second reads nothing and returns the same object."""
    out = _python(
        _WATCH_OPENS
        + "import layzner\n"
        + "first = layzner.load()\n"
        + "seen = [p for p in opened if 'seed' in p]\n"
        + "opened.clear()\n"
        + "again = layzner.load()\n"
        + "print(len(seen) >= 3, again is first, [p for p in opened if 'seed' in p])\n",
        cwd=tmp_path,
    )
    assert out.strip() == "True True []"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build layzner's wheel from the checkout, as a release would."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    (built,) = out.glob("layzner-*.whl")
    return built


def test_wheel_ships_seeds_plugins_and_typing_marker(wheel: Path) -> None:
    """The wheel holds the seeds, the first-party plugins, the schema and ``py.typed``."""
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "layzner/py.typed",
        "layzner/_seeds/000_767adc7def4acde8.txt",
        "layzner/_seeds/001_245de9df061e6d9f.txt",
        "layzner/_seeds/002_577a629f5a29ece7.txt",
        "layzner/_data/common_words.txt",
        "layzner/_data/name_words.txt",
        "layzner/_data/broadcasters.txt",
        "layzner_json/__init__.py",
        "layzner_anki/__init__.py",
        "layzner_mal/__init__.py",
    } <= names
    assert any(n.startswith("layzner/schema/") for n in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the wheel, with its dependencies, into a fresh virtual environment; return its python."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    return python


def test_installed_wheel_loads_the_bundled_series_outside_the_repository(
    installed: Path, tmp_path: Path
) -> None:
    """A fresh virtual environment with only the wheel prints the title from any directory."""
    out = _python(
        "import layzner; s = layzner.load(); print(s.title); print(s.sources[0].path)",
        cwd=tmp_path,
        python=str(installed),
    )
    title, source_path = out.splitlines()
    assert title == "Blue Comet SPT Layzner"
    assert "site-packages" in source_path
    assert str(ROOT) not in source_path


# Runs layzner-export with argv[1:] and writes the modules it imported to the
# file named by LAYZNER_TEST_MODULES when it exits.
_CLI_WITH_MODULES = """
import atexit, os, runpy, sys
atexit.register(lambda: open(os.environ["LAYZNER_TEST_MODULES"], "w").write("\\n".join(sys.modules)))
sys.argv = ["layzner-export", *sys.argv[1:]]
runpy.run_module("layzner", run_name="__main__")
"""

# What --format json needs none of: the readers (the wheel's parsed series is
# served), cattrs (the JSON is read without it), importlib.metadata and email
# (entry points are read directly), ftfy, and the other formats.
_NOT_FOR_JSON = {
    "layzner._readers",
    "layzner._reconcile",
    "layzner._mojibake",
    "layzner._json_converter",
    "cattrs",
    "importlib.metadata",
    "email",
    "zipfile",
    "ftfy",
    "layzner_anki",
    "layzner_mal",
    "genanki",
    "jinja2",
}


def test_format_json_from_the_wheel_imports_only_what_it_needs(
    installed: Path, tmp_path: Path
) -> None:
    """layzner-export --format json serves the wheel's parsed series and imports no reader, cattrs or metadata."""
    listing = tmp_path / "modules.txt"
    result = subprocess.run(
        [installed, "-c", _CLI_WITH_MODULES, "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env={**os.environ, "LAYZNER_TEST_MODULES": str(listing)},
    )
    assert result.returncode == 0, result.stderr
    imported = set(listing.read_text().splitlines())
    assert {"layzner.cli", "layzner_json", "layzner._bundled"} <= imported
    unneeded = {m for m in imported for n in _NOT_FOR_JSON if m == n or m.startswith(f"{n}.")}
    assert not unneeded

    where = "import layzner._load; print(layzner._load.bundled_seeds())"
    seeds = Path(_python(where, cwd=tmp_path, python=str(installed)).strip())
    parsed = subprocess.run(
        [installed.parent / "layzner-export", "--format", "json", "--seeds", str(seeds)],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    assert result.stdout == parsed.stdout  # the parsed series' export, byte for byte


def _distribution_name(requirement: str) -> str:
    """Return the normalised distribution name a requirement starts with (PEP 503)."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement.strip())
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def test_wheel_metadata_requires_no_development_tool(wheel: Path) -> None:
    """The wheel's METADATA requires no test, lint or docs tool, and never the AGPL ``anki``."""
    import tomllib
    import zipfile
    from email.parser import Parser

    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    required = {_distribution_name(r) for r in metadata.get_all("Requires-Dist") or []}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    published = {
        _distribution_name(r)
        for r in project["project"]["dependencies"]
        + [r for extra in project["project"]["optional-dependencies"].values() for r in extra]
    }
    tools = {
        _distribution_name(r)
        for group in project["dependency-groups"].values()
        for r in group
        if isinstance(r, str)  # {include-group = ...} entries name groups, not distributions
    }
    assert {"attrs", "cattrs", "pluggy", "orjson"} <= required
    assert "anki" not in required
    assert required & tools <= published, "a development tool is published as a requirement"
    assert "test" not in (metadata.get_all("Provides-Extra") or [])
