"""Plugin discovery, laziness and fault isolation, through real entry points in subprocesses."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

import layzner
from conftest import cli, exporter_module, make_distribution, python, run
from layzner.testing import registered_plugin, sample_series

# Warnings are recorded through the warnings machinery, as an embedding
# program would, and printed one per line.
EXPORT_SAMPLE = """
    import sys, warnings, layzner
    from layzner.testing import sample_series
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            sys.stdout.write(layzner.export(sample_series(), {spec!r}).decode())
        except layzner.LayznerError as error:
            print(type(error).__name__, error, file=sys.stderr)
            sys.exit(1)
        finally:
            for warning in caught:
                print(f"{{warning.category.__name__}}: {{warning.message}}", file=sys.stderr)
"""

BROKEN_IMPORT = "raise ImportError('needs the frobnicator')\n"
BAD_SIGNATURE = """
    import layzner

    @layzner.hookimpl
    def layzner_register_exporters(register, colour):
        pass
"""
MISSPELT_HOOK = """
    import layzner

    @layzner.hookimpl
    def layzner_register_exporter(register):
        pass
"""
RAISES = """
    import layzner

    @layzner.hookimpl
    def layzner_register_exporters(register):
        raise RuntimeError("no licence key")
"""


def export_sample(spec: str, site: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Export the sample series as *spec* in a subprocess with *site* on the path."""
    result = python(EXPORT_SAMPLE.format(spec=spec), pythonpath=(site,), env=env)
    return result.returncode, result.stdout, result.stderr


def list_formats(
    site: Path, env: dict[str, str] | None = None
) -> tuple[dict[str, dict[str, object]], str]:
    """Return ``--list-formats --json`` keyed by ``dist:name``, and stderr."""
    result = cli("--list-formats", "--json", pythonpath=(site,), env=env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    return {f"{row['distribution']}:{row['name']}": row for row in rows}, result.stderr


# -- the example third-party distribution ----------------------------------------


def test_example_plugin_is_listed_with_its_distribution(jsonld_site: Path) -> None:
    """The pip-installed example distribution appears in --list-formats with its name and version."""
    rows, _ = list_formats(jsonld_site)
    row = rows["layzner-jsonld:jsonld"]
    assert row["status"] == "ok"
    assert row["version"] == "0.1.0"
    assert row["extension"] == ".jsonld"
    assert "language" in row["options"]  # type: ignore[operator]  # a dict from JSON


def test_example_plugin_exports_a_tv_series(jsonld_site: Path) -> None:
    """The example plugin's format exports schema.org TVSeries JSON-LD."""
    code, out, err = export_sample("jsonld", jsonld_site)
    assert code == 0, err
    document = json.loads(out)
    assert document["@type"] == "TVSeries"
    assert document["name"] == sample_series().title


def test_first_party_json_is_an_ordinary_entry_point() -> None:
    """The built-in json format is declared by layzner's own entry point, as a third party would be."""
    from importlib.metadata import entry_points

    (point,) = [ep for ep in entry_points(group="layzner") if ep.name == "json"]
    assert point.value == "layzner_json"
    assert point.dist is not None
    assert point.dist.name == "layzner"


# -- laziness ---------------------------------------------------------------


def test_import_layzner_imports_no_plugin_and_reads_no_file() -> None:
    """python -X importtime -c 'import layzner' shows no plugin module, genanki or jinja2."""
    result = run([sys.executable, "-X", "importtime", "-c", "import layzner"])
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "layzner" in imported
    forbidden = {
        "layzner_json",
        "layzner_anki",
        "layzner_mal",
        "genanki",
        "jinja2",
    }
    assert not {name.split(".")[0] for name in imported} & forbidden
    assert not imported & forbidden
    assert "importlib.metadata" not in imported  # metadata is read only when asked for


def test_format_json_imports_only_the_json_plugin(tmp_path: Path) -> None:
    """Exporting json imports layzner_json and no other plugin module, nor genanki or jinja2."""
    site = make_distribution(
        tmp_path,
        "heavy",
        {"heavy": "heavy_mod"},
        {"heavy_mod": "import sys; sys.exit('imported')\n"},
    )
    result = python(
        """
        import sys, layzner
        from layzner.testing import sample_series
        layzner.export(sample_series(), "json")
        print(sorted(m for m in sys.modules if m.split(".")[0] in
              {"layzner_json", "layzner_anki", "layzner_mal", "heavy_mod", "genanki", "jinja2"}))
        """,
        pythonpath=(site,),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['layzner_json']"
    assert result.stderr == ""


def test_listing_formats_imports_no_heavy_dependency() -> None:
    """Listing formats imports the plugin modules but not genanki or jinja2."""
    result = python(
        """
        import sys, layzner
        names = [f.name for f in layzner.formats()]
        print(sorted(m for m in sys.modules if m.split(".")[0] in {"genanki", "jinja2"}), names)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[] ")
    assert "'json'" in result.stdout


# -- faults -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "cause"),
    [
        (BROKEN_IMPORT, "ImportError: needs the frobnicator"),
        (BAD_SIGNATURE, "PluginValidationError"),
        (MISSPELT_HOOK, "unknown hook 'layzner_register_exporter'"),
        (RAISES, "RuntimeError: no licence key"),
    ],
    ids=["import", "signature", "misspelt", "raises"],
)
def test_broken_plugin_is_one_stderr_line_and_json_keeps_working(
    tmp_path: Path, source: str, cause: str
) -> None:
    """A broken plugin is one line naming distribution, entry point and cause; json still exports."""
    site = make_distribution(
        tmp_path, "layzner-broken", {"broken": "broken_mod"}, {"broken_mod": source}
    )
    rows, stderr = list_formats(site)
    (line,) = [line for line in stderr.splitlines() if "layzner-broken" in line]
    assert "layzner-broken 1.0" in line
    assert "broken = broken_mod" in line
    assert cause in line
    assert rows["layzner-broken:broken"]["status"] == "broken"
    assert rows["layzner:json"]["status"] == "ok"

    code, out, err = export_sample("json", site)
    assert (code, err) == (0, "")
    assert json.loads(out)["title"] == sample_series().title

    code, _, err = export_sample("broken", site)
    assert code == 1
    assert "PluginError" in err
    assert cause in err

    result = cli("--format", "broken", pythonpath=(site,))
    assert result.returncode == 1
    assert cause in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_mode_turns_a_broken_plugin_into_an_error(tmp_path: Path) -> None:
    """With LAYZNER_STRICT_PLUGINS=1 a broken plugin fails even --format json."""
    site = make_distribution(
        tmp_path, "layzner-broken", {"broken": "broken_mod"}, {"broken_mod": BROKEN_IMPORT}
    )
    code, _, err = export_sample("json", site, env={"LAYZNER_STRICT_PLUGINS": "1"})
    assert code == 1
    assert "layzner-broken" in err
    assert "LAYZNER_STRICT_PLUGINS" in err
    result = cli("--list-formats", pythonpath=(site,), env={"LAYZNER_STRICT_PLUGINS": "1"})
    assert result.returncode == 1
    assert "layzner-broken" in result.stderr.splitlines()[-1]


def test_undeclared_exporter_is_ignored_with_a_warning(tmp_path: Path) -> None:
    """An exporter whose name no entry point declares is dropped, with one line saying how to declare it."""
    source = exporter_module("declared", "D").replace(
        "register(layzner.Exporter(",
        "register(layzner.Exporter(name='extra', description='x', extension='.x', "
        "media_type='text/plain', binary=False, export=_export))\n"
        "            register(layzner.Exporter(",
    )
    site = make_distribution(tmp_path, "two-formats", {"declared": "two_mod"}, {"two_mod": source})
    rows, stderr = list_formats(site)
    assert "two-formats:declared" in rows
    assert "two-formats:extra" not in rows
    assert 'extra = "two_mod"' in stderr


# -- allow and block lists ----------------------------------------------------------


def test_allowlist_loads_only_the_listed_distributions(jsonld_site: Path) -> None:
    """LAYZNER_LOAD_PLUGINS keeps every other distribution, built-ins included, from loading."""
    env = {"LAYZNER_LOAD_PLUGINS": "layzner-jsonld"}
    rows, _ = list_formats(jsonld_site, env)
    assert rows["layzner-jsonld:jsonld"]["status"] == "ok"
    assert rows["layzner:json"]["status"] == "disabled"
    code, _, err = export_sample("json", jsonld_site, env)
    assert code == 1
    assert "disabled" in err
    assert "LAYZNER_LOAD_PLUGINS" in err
    assert export_sample("jsonld", jsonld_site, env)[0] == 0

    env = {"LAYZNER_LOAD_PLUGINS": "layzner"}
    rows, _ = list_formats(jsonld_site, env)
    assert rows["layzner-jsonld:jsonld"]["status"] == "disabled"
    assert export_sample("json", jsonld_site, env)[0] == 0


def test_an_empty_allowlist_is_no_allowlist(jsonld_site: Path) -> None:
    """LAYZNER_LOAD_PLUGINS set to nothing loads everything, rather than nothing."""
    rows, _ = list_formats(jsonld_site, {"LAYZNER_LOAD_PLUGINS": " "})
    assert rows["layzner:json"]["status"] == "ok"
    assert rows["layzner-jsonld:jsonld"]["status"] == "ok"


def test_blocklist_disables_built_in_and_third_party_plugins(jsonld_site: Path) -> None:
    """LAYZNER_DISABLE_PLUGINS disables the named distributions, the built-in one too."""
    rows, _ = list_formats(jsonld_site, {"LAYZNER_DISABLE_PLUGINS": "layzner"})
    assert rows["layzner:json"]["status"] == "disabled"
    assert rows["layzner-jsonld:jsonld"]["status"] == "ok"
    result = cli(
        "--format", "json", pythonpath=(jsonld_site,), env={"LAYZNER_DISABLE_PLUGINS": "layzner"}
    )
    assert result.returncode == 2
    assert "format 'json' is disabled" in result.stderr
    assert "LAYZNER_DISABLE_PLUGINS" in result.stderr

    rows, _ = list_formats(jsonld_site, {"LAYZNER_DISABLE_PLUGINS": "layzner-jsonld, layzner:anki"})
    assert rows["layzner-jsonld:jsonld"]["status"] == "disabled"
    assert rows["layzner:anki"]["status"] == "disabled"
    assert rows["layzner:json"]["status"] == "ok"


def test_blocking_a_broken_plugin_silences_it(tmp_path: Path) -> None:
    """A blocked broken plugin is never imported, so it reports nothing."""
    site = make_distribution(
        tmp_path, "layzner-broken", {"broken": "broken_mod"}, {"broken_mod": BROKEN_IMPORT}
    )
    _, stderr = list_formats(site, {"LAYZNER_DISABLE_PLUGINS": "layzner-broken"})
    assert "layzner-broken" not in stderr


# -- shadowing and clashes ---------------------------------------------------------


def test_third_party_shadows_a_built_in_with_a_warning(tmp_path: Path) -> None:
    """A third-party 'json' replaces the built-in, warns once, and layzner:json picks the built-in."""
    site = make_distribution(
        tmp_path,
        "shadow-json",
        {"json": "shadow_mod"},
        {"shadow_mod": exporter_module("json", "SHADOW")},
    )
    code, out, err = export_sample("json", site)
    assert code == 0
    assert out == f"SHADOW {sample_series().title}"
    (line,) = err.splitlines()
    assert line.startswith("PluginWarning: ")
    assert "shadow-json 1.0 shadows the built-in" in line
    assert "--format layzner:json" in line

    code, out, err = export_sample("layzner:json", site)
    assert code == 0
    assert json.loads(out)["schema_version"] == 1

    rows, _ = list_formats(site)
    assert rows["layzner:json"]["status"] == "shadowed"
    assert rows["shadow-json:json"]["status"] == "ok"


@pytest.mark.parametrize("name", ["dup", "json"])
def test_two_third_parties_with_one_name_is_an_error_that_says_how_to_pick(
    tmp_path: Path, name: str
) -> None:
    """Two third-party providers of a name fail --format NAME; dist:NAME picks one."""
    make_distribution(
        tmp_path, "clash-a", {name: "clash_a"}, {"clash_a": exporter_module(name, "A")}
    )
    make_distribution(
        tmp_path, "clash-b", {name: "clash_b"}, {"clash_b": exporter_module(name, "B")}
    )
    code, _, err = export_sample(name, tmp_path)
    assert code == 1
    assert f"--format clash-a:{name}" in err
    assert f"--format clash-b:{name}" in err
    result = cli("--format", name, pythonpath=(tmp_path,))
    assert result.returncode == 1
    assert f"--format clash-b:{name}" in result.stderr
    assert export_sample(f"clash-b:{name}", tmp_path)[1] == f"B {sample_series().title}"
    rows, _ = list_formats(tmp_path)
    assert rows[f"clash-a:{name}"]["status"] == "conflict"


# -- in-process registration (layzner.testing) ---------------------------------------


def _plugin(name: str, marker: str) -> types.ModuleType:
    module = types.ModuleType(f"test_plugin_{name}")
    exec(exporter_module(name, marker).replace("\n        ", "\n"), module.__dict__)
    return module


def test_registered_plugin_is_available_only_inside_the_block() -> None:
    """registered_plugin makes a format available for the block and removes it after."""
    plugin = _plugin("scratch", "S")
    with registered_plugin(plugin) as exporters:
        assert [e.name for e in exporters] == ["scratch"]
        assert layzner.export(sample_series(title="T"), "scratch") == b"S T"
        assert "scratch" in {f.name for f in layzner.formats()}
    with pytest.raises(layzner.FormatNotFoundError):
        layzner.export(sample_series(), "scratch")


def test_registering_a_plugin_whose_hook_raises_is_a_plugin_error() -> None:
    """A hook that raises while registering becomes PluginError, and nothing stays registered."""
    plugin = types.ModuleType("raising")
    exec(RAISES.replace("\n    ", "\n"), plugin.__dict__)
    from layzner import _plugins

    with pytest.raises(layzner.PluginError, match="no licence key"), registered_plugin(plugin):
        pass  # pragma: no cover
    assert not _plugins.registry().manager.is_registered(plugin)


def test_register_rejects_what_is_not_an_exporter() -> None:
    """register() accepts only layzner.Exporter objects."""

    class Plugin:
        @layzner.hookimpl
        def layzner_register_exporters(self, register: object) -> None:
            register({"name": "dict"})  # type: ignore[operator]  # deliberately wrong

    with (
        pytest.raises(layzner.PluginError, match=r"takes a layzner\.Exporter"),
        registered_plugin(Plugin()),
    ):
        pass  # pragma: no cover


def test_hookimpl_is_unregistered_in_finally() -> None:
    """A plugin registered by hand is unregistered in finally, as plugin tests should be."""
    from layzner import _plugins

    plugin = _plugin("manual", "M")
    registry = _plugins.registry()
    registry.add_plugin(plugin, "manual-dist")
    try:
        assert layzner.export(sample_series(title="T"), "manual-dist:manual") == b"M T"
    finally:
        registry.remove_plugin(plugin)
    assert "manual" not in registry.names()


def test_sys_path_is_not_changed_by_discovery() -> None:
    """Discovering plugins leaves sys.path as it was."""
    before = list(sys.path)
    layzner.formats()
    assert sys.path == before


def test_in_process_registration_replaces_the_installed_copy(jsonld_site: Path) -> None:
    """Registering an installed plugin's module under its own distribution does not clash with it."""
    result = python(
        """
        import layzner, layzner_jsonld
        from layzner.testing import registered_plugin, sample_series
        with registered_plugin(layzner_jsonld, distribution="layzner-jsonld"):
            print(layzner.export(sample_series(title="Example"), "jsonld").decode())
        """,
        pythonpath=(jsonld_site,),
    )
    assert result.returncode == 0, result.stderr
    assert '"name": "Example"' in result.stdout
