"""Real distributions on disk and real processes, run as a user would run them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

from layzner import _plugins

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "layzner-jsonld"
FAULTY = ROOT / "tests" / "plugins" / "layzner-faulty"
CLI = Path(sys.executable).parent / "layzner-export"
ENV_VARS = (_plugins.ENV_LOAD, _plugins.ENV_DISABLE, _plugins.ENV_STRICT)


def make_distribution(
    site: Path,
    name: str,
    entry_points: Mapping[str, str],
    modules: Mapping[str, str],
    version: str = "1.0",
) -> Path:
    """Write an installed distribution (a real ``.dist-info``) and its modules into *site*."""
    site.mkdir(parents=True, exist_ok=True)
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    lines = ["[layzner]", *(f"{key} = {value}" for key, value in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for module, source in modules.items():
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return site


def exporter_module(name: str, marker: str, extension: str = ".txt", binary: bool = False) -> str:
    """Return the source of a plugin module registering exporter *name*, which writes *marker*."""
    return f"""
        import layzner

        def _export(context):
            context.output.write({marker!r}.encode() + b" " + context.series.title.encode())

        @layzner.hookimpl
        def layzner_register_exporters(register):
            register(layzner.Exporter(
                name={name!r}, description="writes {marker}", extension={extension!r},
                media_type="text/plain", binary={binary!r}, export=_export,
            ))
        """


# A plugin module whose exporters misbehave: "exits" calls sys.exit(0) after
# writing, "chatty" prints and writes to file descriptor 1 while exporting.
NOISY = """
import os
import sys
import layzner

def _exits(context):
    context.output.write(b"partial")
    sys.exit(0)

def _chatty(context):
    print("print() from the plugin")
    sys.stdout.flush()
    os.write(1, b"os.write(1) from the plugin\\n")
    context.write_text("the export\\n")

@layzner.hookimpl
def layzner_register_exporters(register):
    register(layzner.Exporter(name="exits", description="exits", extension=".txt",
        media_type="text/plain", binary=False, export=_exits))
    register(layzner.Exporter(name="chatty", description="prints", extension=".txt",
        media_type="text/plain", binary=False, export=_chatty))
"""


def run(
    args: list[str],
    *,
    pythonpath: tuple[Path, ...] = (),
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run *args* in a subprocess as a user would, with *pythonpath* in front."""
    environment = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    environment.pop("PYTHONPATH", None)
    if pythonpath:
        environment["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    environment.update(env or {})
    return subprocess.run(
        args, capture_output=True, text=True, env=environment, cwd=cwd, check=False
    )


def cli(
    *args: str,
    pythonpath: tuple[Path, ...] = (),
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``layzner-export`` console script."""
    return run([str(CLI), *args], pythonpath=pythonpath, env=env, cwd=cwd)


def python(
    code: str,
    pythonpath: tuple[Path, ...] = (),
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run *code* with this interpreter in a subprocess."""
    return run(
        [sys.executable, "-c", textwrap.dedent(code)], pythonpath=pythonpath, env=env, cwd=cwd
    )


def pip_install(project: Path, target: Path) -> Path:
    """Install the distribution in *project* with pip into *target*, as a user would, offline."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(project),
        ],
        check=True,
        capture_output=True,
        cwd=target,
    )
    return target
