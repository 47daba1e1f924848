"""Entry points are found as importlib.metadata finds them, without importing it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from .support.processes import make_distribution, python

# Prints, as JSON, the entry points of a group found both ways (or the error
# raised), and whether the fast way imported importlib.metadata.
COMPARE = """
    import json, sys
    from layzner._entry_points import entry_points

    def found(find):
        try:
            return [[ep.name, ep.value, ep.dist.name if ep.dist else None] for ep in find()]
        except Exception as error:
            return type(error).__name__

    try:
        keys = [ep.dist_key for ep in entry_points("layzner")]
    except Exception:
        keys = None
    imported = "importlib.metadata" in sys.modules
    from importlib.metadata import entry_points as metadata
    print(json.dumps({
        "fast": found(lambda: entry_points("layzner")),
        "metadata": found(lambda: metadata(group="layzner")),
        "keys": keys,
        "imported": imported,
    }))
"""


def _compare(*sites: Path) -> dict[str, object]:
    result = python(COMPARE, pythonpath=sites)
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_the_installed_formats_are_found_in_importlib_metadatas_order(
    jsonld_site: Path, faulty_site: Path
) -> None:
    """With pip-installed plugins on the path, both ways find the same entry points in the same order."""
    found = _compare(jsonld_site, faulty_site)
    assert found["fast"] == found["metadata"]
    assert ["jsonld", "layzner_jsonld", "layzner-jsonld"] in found["fast"]  # type: ignore[operator]
    assert "layzner-jsonld" in found["keys"]  # type: ignore[operator]
    assert found["imported"] is False


def test_the_first_copy_of_a_distribution_on_the_path_wins(tmp_path: Path) -> None:
    """A distribution in two directories of sys.path counts once, from the first, as importlib.metadata counts it."""
    first = make_distribution(tmp_path / "a", "Dup_Plugin", {"x": "first_mod"}, {}, version="2.0")
    second = make_distribution(tmp_path / "b", "dup-plugin", {"y": "second_mod"}, {})
    found = _compare(first, second)
    assert found["fast"] == found["metadata"]
    names = [name for name, _, _ in found["fast"]]  # type: ignore[union-attr, misc]
    assert "x" in names
    assert "y" not in names


def test_an_egg_info_directory_and_odd_lines_are_read_alike(tmp_path: Path) -> None:
    """egg-info metadata, comments, blank lines, spaces and other groups are read as importlib.metadata reads them."""
    site = tmp_path / "site"
    info = site / "old_plugin.egg-info"
    info.mkdir(parents=True)
    (info / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: old-plugin\nVersion: 0.9\n")
    (info / "entry_points.txt").write_text(
        "ignored = before_any_section\n"
        "[console_scripts]\nold = old_mod:main\n\n"
        "[layzner]\n# a comment\n  spaced   =   old_mod : plugin [extra]  \n"
    )
    found = _compare(site)
    assert found["fast"] == found["metadata"]
    assert ["spaced", "old_mod : plugin [extra]", "old-plugin"] in found["fast"]  # type: ignore[operator]


def test_what_only_importlib_metadata_reads_is_left_to_it(tmp_path: Path) -> None:
    """A zip on sys.path, and a line that is no entry point, give importlib.metadata's own answer."""
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "zipped_plugin-1.0.dist-info/METADATA", "Name: zipped-plugin\nVersion: 1.0\n"
        )
        zipped.writestr("zipped_plugin-1.0.dist-info/entry_points.txt", "[layzner]\nz = z_mod\n")
    found = _compare(archive)
    assert found["fast"] == found["metadata"]
    assert ["z", "z_mod", "zipped-plugin"] in found["fast"]  # type: ignore[operator]

    broken = make_distribution(tmp_path / "broken", "broken-meta", {}, {})
    (next(broken.glob("*.dist-info")) / "entry_points.txt").write_text("[other]\nno equals sign\n")
    found = _compare(broken)
    assert found["fast"] == found["metadata"] == "TypeError"


@pytest.mark.parametrize(
    "value", ["layzner_json", "layzner_json:EXPORTER", "layzner_json : EXPORTER"]
)
def test_an_entry_point_loads_its_module_or_attribute(value: str) -> None:
    """load() imports the module the value names and returns it, or the attribute after the colon."""
    import layzner_json
    from layzner._entry_points import EntryPoint

    loaded = EntryPoint("json", value, "layzner", "layzner").load()
    assert loaded is (layzner_json if ":" not in value else layzner_json.EXPORTER)
