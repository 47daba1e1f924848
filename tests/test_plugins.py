"""Plugin discovery, laziness and fault isolation, through real entry points in subprocesses."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Generator
from pathlib import Path

import pytest

import layzner
from layzner.testing import registered_plugin, sample_series

from .support.processes import cli, exporter_module, make_distribution, python, run

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


def test_a_hook_wrapper_runs_around_each_plugins_registration() -> None:
    """A hook wrapper that one plugin provides runs when another plugin registers its exporters."""
    seen: list[str] = []

    class Wrapper:
        @layzner.hookimpl(wrapper=True)
        def layzner_register_exporters(self, register: object) -> Generator[None, None, None]:
            seen.append("before")
            yield
            seen.append("after")

    with registered_plugin(Wrapper(), distribution="wrapper-dist"):
        seen.clear()  # the wrapper wraps its own registration too
        with registered_plugin(_plugin("wrapped", "W")) as exporters:
            assert [e.name for e in exporters] == ["wrapped"]
    assert seen == ["before", "after"]


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


# -- plugin authors' mistakes, from a pip-installed distribution ------------------------

# Each format of tests/plugins/layzner-faulty makes one mistake; the fix its message gives.
MISTAKES = [
    ("float-option", "option 'ratio' has type float; the supported types are bool, int and str"),
    ("bool-default", "option 'header' has type bool, but its default 'no' is of type str"),
    ("default-choice", "default 'fast' is not one of its choices ('safe', 'slow')"),
    ("twice", "exporter 'twice' declares option 'level' twice"),
    ("undecorated", "layzner_register_exporters is not marked as a hook implementation: decorate"),
    ("renamed", "asks for 'reg', which the hook does not pass; it passes register (rename"),
    ("signature", "export(context, destination) cannot be called as export(context)"),
    ("exits", "raised SystemExit(7); a plugin must not exit the program"),
]


@pytest.fixture(scope="module")
def faulty_listing(faulty_site: Path) -> tuple[dict[str, dict[str, object]], str]:
    """``--list-formats --json`` with layzner-faulty installed, and its stderr."""
    return list_formats(faulty_site)


@pytest.mark.parametrize(("name", "fix"), MISTAKES, ids=[name for name, _ in MISTAKES])
def test_each_mistake_is_broken_with_what_to_change(
    faulty_listing: tuple[dict[str, dict[str, object]], str], name: str, fix: str
) -> None:
    """A plugin's mistake marks its format broken, with the fix, in one warning line shown once."""
    rows, stderr = faulty_listing
    row = rows[f"layzner-faulty:{name}"]
    assert row["status"] == "broken"
    assert fix in str(row["error"])
    (line,) = [line for line in stderr.splitlines() if f"'{name} = layzner_faulty." in line]
    assert line.startswith("layzner-export: warning: plugin layzner-faulty 1.0 ")
    assert fix in line


def test_the_other_formats_work_beside_the_mistakes(
    faulty_site: Path, faulty_listing: tuple[dict[str, dict[str, object]], str]
) -> None:
    """Listing succeeds for every format, and the built-ins and healthy formats are ok."""
    rows, _ = faulty_listing
    for name in ("layzner:json", "layzner:anki", "layzner-faulty:noisy"):
        assert rows[name]["status"] == "ok"
    assert rows["layzner:json"]["options"]["indent"]["enum"] == [0, 2]  # type: ignore[index]  # JSON
    code, out, err = export_sample("json", faulty_site)
    assert (code, err) == (0, "")
    assert json.loads(out)["title"] == sample_series().title


def test_options_of_a_broken_format_are_never_parsed(faulty_site: Path) -> None:
    """-O ratio=0.7 on the float-option format reports the bad declaration, not the value."""
    result = cli("--format", "float-option", "-O", "ratio=0.7", pythonpath=(faulty_site,))
    assert result.returncode == 1
    assert "option 'ratio' has type float" in result.stderr
    assert "takes an integer" not in result.stderr


@pytest.mark.parametrize(("name", "fix"), MISTAKES[:3], ids=[name for name, _ in MISTAKES[:3]])
def test_strict_mode_makes_a_bad_declaration_an_error(
    faulty_site: Path, name: str, fix: str
) -> None:
    """With LAYZNER_STRICT_PLUGINS=1 a bad option declaration fails even --format json."""
    env = {"LAYZNER_STRICT_PLUGINS": "1", "LAYZNER_LOAD_PLUGINS": f"layzner,layzner-faulty:{name}"}
    result = cli("--format", "json", pythonpath=(faulty_site,), env=env)
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("layzner-export: error: plugin layzner-faulty 1.0")
    assert fix in last
    assert "LAYZNER_STRICT_PLUGINS is set" in last


def test_a_hook_calling_sys_exit_is_a_plugin_error(faulty_site: Path) -> None:
    """sys.exit() in a hook ends nothing: formats() lists, and the format is a PluginError."""
    result = python(
        """
        import warnings, layzner
        from layzner.testing import sample_series
        warnings.simplefilter("ignore", layzner.PluginWarning)
        statuses = {f.name: f.status for f in layzner.formats()}
        print(statuses["exits"], statuses["json"])
        try:
            layzner.export(sample_series(), "exits")
        except layzner.PluginError as error:
            print(error)
        """,
        pythonpath=(faulty_site,),
    )
    assert result.returncode == 0, result.stderr
    listed, error = result.stdout.splitlines()
    assert listed == "broken ok"
    assert "plugin layzner-faulty 1.0 (entry point 'exits = layzner_faulty.exits')" in error
    assert "SystemExit(7)" in error


def test_warnings_are_python_warnings_that_pytest_can_escalate(
    faulty_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken plugin is a PluginWarning: filtered, recorded, or (as here) raised as an error."""
    monkeypatch.syspath_prepend(str(faulty_site))
    # pyproject's filterwarnings = ["error"] turns the first one into an exception.
    with pytest.raises(layzner.PluginWarning, match="layzner-faulty"):
        layzner.formats()
    from layzner import _plugins

    _plugins.reset()
    with pytest.warns(layzner.PluginWarning) as caught:
        infos = {info.qualified_name: info for info in layzner.formats()}
    assert len(caught) == len(MISTAKES) + 1  # the escapes format fails to load too
    assert all(issubclass(w.category, layzner.LayznerWarning) for w in caught)
    assert infos["layzner:json"].status == "ok"


def test_misspelt_names_in_the_plugin_variables_are_warned(faulty_site: Path) -> None:
    """A name in LAYZNER_DISABLE_PLUGINS or LAYZNER_LOAD_PLUGINS that matches nothing is a warning."""
    env = {
        "LAYZNER_DISABLE_PLUGINS": "layzner-faulti, layzner:ankki",
        "LAYZNER_LOAD_PLUGINS": "layzner,layzner-faulty,layzner-jsnold",
    }
    result = cli("--format", "json", pythonpath=(faulty_site,), env=env)
    assert result.returncode == 0
    load, disable_dist, disable_format = result.stderr.splitlines()
    assert load.startswith("layzner-export: warning: LAYZNER_LOAD_PLUGINS names 'layzner-jsnold'")
    assert disable_dist.endswith(
        "LAYZNER_DISABLE_PLUGINS names 'layzner-faulti', which no installed plugin provides; "
        "did you mean 'layzner-faulty'? (installed distributions: layzner, layzner-faulty)"
    )
    assert "names 'layzner:ankki'" in disable_format
    assert "did you mean 'layzner:anki'?" in disable_format


def test_plugin_text_reaches_the_terminal_escaped(faulty_site: Path) -> None:
    """Escape codes in a plugin's error, description and summary are printed escaped, never raw."""
    listing = cli("--list-formats", pythonpath=(faulty_site,))
    assert listing.returncode == 0
    exported = cli("--format", "noisy", pythonpath=(faulty_site,))
    assert exported.returncode == 0
    for text in (listing.stdout, listing.stderr, exported.stderr):
        assert "\x1b" not in text
        assert "\u202e" not in text
    assert "\\x1b]0;owned\\x07\\x1b[2J\\x1b[31mred\\u202edesrever" in listing.stderr
    assert "\\x1b[5mblinking\\x1b[0m" in listing.stdout
    assert exported.stderr == "\\x1b[31mdone\\x1b[0m\n"


def test_a_summary_that_is_not_text_is_a_warning(faulty_site: Path) -> None:
    """An export() returning an int still exports, with one warning saying a summary is a str."""
    result = cli("--format", "int-summary", pythonpath=(faulty_site,))
    assert result.returncode == 0
    assert result.stdout == f"{layzner.load().title}\n"
    assert result.stderr == (
        "layzner-export: warning: format 'int-summary': export() returned int 42; "
        "a summary must be a str or None, so it is ignored\n"
    )


# -- threads, and registrations that fail --------------------------------------------

FIRST_EXPORTS_AT_ONCE = """
    import sys, threading, layzner
    from layzner import _plugins
    from layzner.testing import sample_series

    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    for trial in range(5):
        _plugins.reset()
        barrier = threading.Barrier(8)
        failures = []

        def first_export():
            barrier.wait()
            try:
                layzner.export(sample_series(), "json")
            except layzner.LayznerError as error:
                failures.append(error)

        threads = [threading.Thread(target=first_export) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        broken = [f.qualified_name for f in layzner.formats() if f.status != "ok"]
        print(len(failures), broken)
"""


def test_eight_threads_making_their_first_export_at_once_all_succeed() -> None:
    """The registry loads each plugin once under a lock: no export fails, no format breaks."""
    result = python(FIRST_EXPORTS_AT_ONCE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["0 []"] * 5
    assert result.stderr == ""


def test_registering_an_installed_module_in_process_never_poisons_it() -> None:
    """The built-in json module registered and removed in-process leaves the built-in working."""
    import layzner_json

    with registered_plugin(layzner_json, distribution="mirror"):
        with pytest.warns(layzner.PluginWarning, match="shadows the built-in"):
            statuses = {f.qualified_name: f.status for f in layzner.formats()}
        assert statuses["layzner:json"] == "shadowed"
        assert statuses["mirror:json"] == "ok"
    assert {f.qualified_name: f.status for f in layzner.formats()}["layzner:json"] == "ok"
    assert layzner.export(sample_series(), "json") is not None


def test_a_failed_in_process_registration_leaves_the_built_ins_working() -> None:
    """A plugin raising, or calling sys.exit, while registering is a PluginError and nothing more."""
    raising = types.ModuleType("raising")
    exec(RAISES.replace("\n    ", "\n"), raising.__dict__)
    exiting = types.ModuleType("exiting")
    exec(
        "import sys, layzner\n@layzner.hookimpl\n"
        "def layzner_register_exporters(register):\n    sys.exit(3)\n",
        exiting.__dict__,
    )
    for plugin, cause in ((raising, "no licence key"), (exiting, r"SystemExit\(3\)")):
        with pytest.raises(layzner.PluginError, match=cause), registered_plugin(plugin):
            pass  # pragma: no cover
    assert all(f.status == "ok" for f in layzner.formats())
    assert layzner.export(sample_series(), "json") is not None
