"""The built wheel works on its own, and importing layzner is cheap: no plugins, no file reads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

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


def test_installed_wheel_loads_the_bundled_series_outside_the_repository(
    wheel: Path, tmp_path: Path
) -> None:
    """A fresh virtual environment with only the wheel prints the title from any directory."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(env_dir / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _python(
        "import layzner; s = layzner.load(); print(s.title); print(s.sources[0].path)",
        cwd=elsewhere,
        python=python,
    )
    title, source_path = out.splitlines()
    assert title == "Blue Comet SPT Layzner"
    assert "site-packages" in source_path
    assert str(ROOT) not in source_path


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
