"""Find, load and check exporter plugins; isolate each plugin's faults from the others.

Discovery reads the entry points of the ``layzner`` group.  An entry point's
*name* is the format it provides and its *value* is the plugin module::

    [project.entry-points.layzner]
    json = "layzner_json"

That metadata alone answers "which formats exist, and who provides them", so
resolving ``--format json`` imports only the module behind the ``json`` entry
point; listing formats imports every plugin module (for the descriptions) but
nothing those modules defer to ``export()``, such as genanki.  A module that
provides several formats has one entry point per format, all naming it; it is
imported and registered once.

Every failure (import, pluggy validation, an exception while registering, a
declared format the module never registers) is recorded against its entry
point and reported as one line on stderr; the other formats keep working,
unless ``LAYZNER_STRICT_PLUGINS=1`` makes every failure an error.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import attrs
import pluggy

from . import hookspecs
from ._exporter import Exporter
from .errors import FormatNotFoundError, PluginError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "BUILTIN_DISTRIBUTION",
    "ENV_DISABLE",
    "ENV_LOAD",
    "ENV_STRICT",
    "GROUP",
    "Provider",
    "Registry",
    "layzner_version",
    "normalize",
    "registry",
    "reset",
]

GROUP = "layzner"
"""The entry-point group plugins register in."""

BUILTIN_DISTRIBUTION = "layzner"
"""The distribution whose exporters are built in; third parties may shadow them."""

ENV_LOAD = "LAYZNER_LOAD_PLUGINS"
ENV_DISABLE = "LAYZNER_DISABLE_PLUGINS"
ENV_STRICT = "LAYZNER_STRICT_PLUGINS"

OK = "ok"
SHADOWED = "shadowed"
CONFLICT = "conflict"
BROKEN = "broken"
DISABLED = "disabled"


def normalize(name: str) -> str:
    """Return a distribution name in its PEP 503 normal form, for comparisons."""
    return re.sub(r"[-_.]+", "-", name).lower()


def layzner_version() -> str:
    """Return the running layzner version, from package metadata when installed."""
    # importlib.metadata is slow to import; only --version and exports need it.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(BUILTIN_DISTRIBUTION)
    except PackageNotFoundError:  # a source tree without an install
        from ._version import __version__  # noqa: PLC0415  # only without an install

        return __version__


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@attrs.define(eq=False)
class Provider:
    """One provider of one format: an entry point, or an exporter registered in-process.

    Attributes:
        name: the format name (the entry point's name).
        distribution: the distribution that provides it, as spelt in its metadata.
        version: that distribution's version.
        target: the entry point's value (``"layzner_json"``), or ``"<in-process>"``.
        status: ``"pending"`` until loaded, then ``"ok"`` or ``"broken"``; or
            ``"disabled"`` by the allow or block list.
        exporter: the exporter, once loaded.
        error: why it is broken or disabled, in one line.
    """

    name: str
    distribution: str
    version: str
    target: str
    status: str = "pending"
    exporter: Exporter | None = None
    error: str | None = None
    entry_point: EntryPoint | None = None

    @property
    def builtin(self) -> bool:
        """Return whether layzner itself provides this format."""
        return normalize(self.distribution) == BUILTIN_DISTRIBUTION

    @property
    def qualified(self) -> str:
        """Return ``"distribution:name"``, the spelling that picks this provider."""
        return f"{self.distribution}:{self.name}"

    def describe(self) -> str:
        """Return ``"plugin dist version (entry point 'name = target')"`` for messages."""
        return (
            f"plugin {self.distribution} {self.version} (entry point '{self.name} = {self.target}')"
        )


def _split_list(value: str) -> set[str]:
    return {normalize(item.strip()) for item in value.split(",") if item.strip()}


def _matches(provider: Provider, names: set[str]) -> bool:
    # An item is a distribution ("layzner") or one format of it ("layzner:anki").
    dist = normalize(provider.distribution)
    return dist in names or f"{dist}:{provider.name}" in names


class Registry:
    """The plugin manager and every provider of every format, loaded on demand.

    One registry lives per process (see :func:`registry`); :func:`reset`
    discards it, which the tests do between tests.
    """

    def __init__(
        self,
        entry_points: Iterable[EntryPoint] | None = None,
        environ: dict[str, str] | None = None,
        stderr: Callable[[str], object] | None = None,
    ) -> None:
        env = dict(os.environ if environ is None else environ)
        self.strict = env.get(ENV_STRICT, "").strip().lower() in {"1", "true", "yes", "on"}
        # Set but empty is treated as unset: an allowlist of nothing would
        # silently disable every format, built-ins included.
        self._allow = _split_list(env[ENV_LOAD]) if env.get(ENV_LOAD, "").strip() else None
        self._block = _split_list(env.get(ENV_DISABLE, ""))
        self._write = stderr
        self._reported: set[str] = set()
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self._entry_points = None if entry_points is None else list(entry_points)
        self._providers: list[Provider] | None = None
        # Plugin objects by (distribution, entry point value): a module named by
        # several entry points is registered once, and its exporters shared.
        self._loaded: dict[tuple[str, str], dict[str, Exporter] | BaseException] = {}
        self._in_process: dict[int, list[Provider]] = {}

    # -- discovery -------------------------------------------------------

    @property
    def providers(self) -> list[Provider]:
        """Return every provider, from entry-point metadata; imports no plugin."""
        if self._providers is None:
            self._providers = [self._from_entry_point(ep) for ep in self._discover()]
        return self._providers

    def _discover(self) -> list[EntryPoint]:
        if self._entry_points is not None:
            return self._entry_points
        # Read entry points only when a format is asked for, never on import.
        from importlib.metadata import entry_points  # noqa: PLC0415

        found = entry_points(group=GROUP)
        return sorted(found, key=lambda ep: (ep.name, _dist_name(ep)))

    def _from_entry_point(self, ep: EntryPoint) -> Provider:
        dist = ep.dist
        provider = Provider(
            name=ep.name,
            distribution=_dist_name(ep),
            version=dist.version if dist is not None else "",
            target=ep.value,
            entry_point=ep,
        )
        if self._allow is not None and not _matches(provider, self._allow):
            provider.status = DISABLED
            provider.error = f"not listed in {ENV_LOAD}"
        elif _matches(provider, self._block):
            provider.status = DISABLED
            provider.error = f"listed in {ENV_DISABLE}"
        return provider

    # -- loading ---------------------------------------------------------

    def _load(self, provider: Provider) -> None:
        if provider.status != "pending" or provider.entry_point is None:
            return
        key = (normalize(provider.distribution), provider.target)
        if key not in self._loaded:
            self._loaded[key] = self._import_and_register(provider)
        outcome = self._loaded[key]
        if isinstance(outcome, BaseException):
            self._fail(provider, f"failed to load: {_one_line(outcome)}")
        elif provider.name in outcome:
            provider.exporter = outcome[provider.name]
            provider.status = OK
        else:
            registered = ", ".join(sorted(outcome)) or "none"
            self._fail(
                provider,
                f"registers no exporter named {provider.name!r} (it registers: {registered})",
            )

    def _import_and_register(self, provider: Provider) -> dict[str, Exporter] | BaseException:
        assert provider.entry_point is not None
        try:
            plugin = provider.entry_point.load()
        except BaseException as error:  # a plugin's import may raise anything, even SystemExit
            if isinstance(error, KeyboardInterrupt):
                raise
            return error
        try:
            exporters = self._register(plugin, f"{provider.distribution}:{provider.target}")
        except Exception as error:  # the plugin's own code raised; isolate it
            return error
        declared = {
            p.name
            for p in self.providers
            if p.target == provider.target
            and normalize(p.distribution) == normalize(provider.distribution)
        }
        for name in sorted(set(exporters) - declared):
            # Only entry-point names can be resolved without importing every
            # plugin, so an undeclared exporter would be unreachable or, worse,
            # silently shadow another; drop it loudly.
            self._report(
                f"{provider.describe()} registers exporter {name!r} but declares no entry "
                f"point for it; ignored (add '{name} = \"{provider.target}\"' to its "
                f"[project.entry-points.{GROUP}])"
            )
            del exporters[name]
        return exporters

    def _register(self, plugin: object, name: str) -> dict[str, Exporter]:
        """Register *plugin* with pluggy, call its hook, and return its exporters by name."""
        self.manager.register(plugin, name=name)
        try:
            for caller in self.manager.get_hookcallers(plugin) or ():
                if not caller.has_spec():
                    raise pluggy.PluginValidationError(
                        plugin, f"unknown hook {caller.name!r} (misspelt?)"
                    )
            exporters: dict[str, Exporter] = {}

            def register(exporter: Exporter) -> None:
                if not isinstance(exporter, Exporter):
                    msg = f"register() takes a layzner.Exporter, got {type(exporter).__name__}"
                    raise TypeError(msg)
                if exporter.name in exporters:
                    msg = f"exporter {exporter.name!r} is registered twice"
                    raise ValueError(msg)
                exporters[exporter.name] = exporter

            arguments = {"register": register}
            for impl in self.manager.hook.layzner_register_exporters.get_hookimpls():
                if impl.plugin is plugin and not (impl.wrapper or impl.hookwrapper):
                    # Call each plugin on its own, so that each exporter is
                    # recorded against the plugin that provided it.
                    impl.function(**{arg: arguments[arg] for arg in impl.argnames})
        except BaseException:
            self.manager.unregister(plugin)
            raise
        return exporters

    def _fail(self, provider: Provider, error: str) -> None:
        provider.status = BROKEN
        provider.error = error
        self._report(f"{provider.describe()} {error}")

    def _report(self, line: str) -> None:
        if line in self._reported:
            return
        self._reported.add(line)
        if self._write is not None:
            self._write(f"layzner: {line}\n")
        else:
            sys.stderr.write(f"layzner: {line}\n")
            sys.stderr.flush()

    def load_all(self) -> list[Provider]:
        """Load every enabled provider and return all providers, in-process ones included."""
        for provider in self.providers:
            self._load(provider)
        self._check_strict(self.providers)
        return self.all_providers()

    def all_providers(self) -> list[Provider]:
        """Return the entry-point providers and then the in-process ones."""
        extra = [p for group in self._in_process.values() for p in group]
        # A plugin registered in-process under its own distribution's name
        # (as its tests do) replaces its installed copy instead of clashing.
        replaced = {(normalize(p.distribution), p.name) for p in extra}
        installed = [
            p for p in self.providers if (normalize(p.distribution), p.name) not in replaced
        ]
        return [*installed, *extra]

    def _check_strict(self, providers: Iterable[Provider]) -> None:
        if not self.strict:
            return
        for provider in providers:
            if provider.status == BROKEN:
                msg = f"{provider.describe()} {provider.error} ({ENV_STRICT} is set)"
                raise PluginError(msg)

    # -- in-process plugins ----------------------------------------------

    def add_plugin(self, plugin: object, distribution: str, version: str = "0") -> list[Provider]:
        """Register *plugin* (an object with hook implementations) now, as *distribution*.

        Raises:
            PluginError: the plugin fails validation or raises while registering.
        """
        try:
            exporters = self._register(plugin, f"{distribution}:<in-process>:{id(plugin)}")
        except Exception as error:
            msg = f"plugin {distribution} failed to load: {_one_line(error)}"
            raise PluginError(msg) from error
        added = [
            Provider(
                name=exporter.name,
                distribution=distribution,
                version=version,
                target="<in-process>",
                status=OK,
                exporter=exporter,
            )
            for exporter in exporters.values()
        ]
        self._in_process[id(plugin)] = added
        return added

    def remove_plugin(self, plugin: object) -> None:
        """Unregister a plugin added with :meth:`add_plugin`."""
        self._in_process.pop(id(plugin), None)
        if self.manager.is_registered(plugin):
            self.manager.unregister(plugin)

    # -- resolution ------------------------------------------------------

    def names(self) -> list[str]:
        """Return every enabled format name, sorted, from metadata alone."""
        return sorted({p.name for p in self.all_providers() if p.status != DISABLED})

    def resolve(self, spec: str) -> Provider:
        """Return the provider of format *spec*, ``"name"`` or ``"distribution:name"``.

        Only the plugins that declare that name are imported.

        Raises:
            FormatNotFoundError: no enabled plugin declares the name.
            PluginError: every provider of the name is broken, or two third
                parties provide it (the message shows how to pick one).
        """
        if self.strict:
            self.load_all()
        dist, _, name = spec.rpartition(":")
        candidates = [
            p
            for p in self.all_providers()
            if p.name == name and (not dist or normalize(p.distribution) == normalize(dist))
        ]
        enabled = [p for p in candidates if p.status != DISABLED]
        if not enabled:
            raise FormatNotFoundError(self._not_found_message(spec, name, candidates))
        for provider in enabled:
            self._load(provider)
        working = [p for p in enabled if p.status == OK]
        if not working:
            causes = "; ".join(f"{p.describe()} {p.error}" for p in enabled)
            raise PluginError(f"format {spec!r} is unavailable: {causes}")
        return self._choose(spec, working)

    def _choose(self, spec: str, working: list[Provider]) -> Provider:
        third_party = [p for p in working if not p.builtin]
        if len(third_party) > 1:
            choices = " or ".join(f"--format {p.qualified}" for p in working)
            dists = ", ".join(f"{p.distribution} {p.version}" for p in third_party)
            msg = f"format {spec!r} is provided by several plugins ({dists}); pick one: {choices}"
            raise PluginError(msg)
        if third_party and len(working) > 1:
            chosen = third_party[0]
            builtin = next(p for p in working if p.builtin)
            self._report(
                f"warning: format {chosen.name!r} from {chosen.distribution} {chosen.version} "
                f"shadows the built-in one (use --format {builtin.qualified} for the built-in)"
            )
            return chosen
        return working[0]

    def _not_found_message(self, spec: str, name: str, candidates: list[Provider]) -> str:
        if candidates:
            why = "; ".join(f"{p.qualified}: {p.error}" for p in candidates)
            return f"format {spec!r} is disabled ({why})"
        available = self.names()
        message = f"unknown format {spec!r}"
        close = difflib.get_close_matches(name, available, n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
        listed = ", ".join(available) or "none"
        return f"{message} (available: {listed})"

    def statuses(self) -> list[tuple[Provider, str]]:
        """Load every provider and return each with its status for listing.

        A built-in hidden by a third party is ``"shadowed"``; a name that two
        or more third parties provide is a ``"conflict"`` for each of them.
        """
        providers = self.load_all()
        by_name: dict[str, list[Provider]] = {}
        for provider in providers:
            if provider.status == OK:
                by_name.setdefault(provider.name, []).append(provider)
        result: list[tuple[Provider, str]] = []
        for provider in providers:
            status = provider.status
            same = by_name.get(provider.name, [])
            third_party = [p for p in same if not p.builtin]
            if status == OK and len(third_party) > 1:
                status = CONFLICT
            elif status == OK and provider.builtin and third_party:
                status = SHADOWED
            result.append((provider, status))
        for name, same in sorted(by_name.items()):
            if len(same) > 1:
                try:
                    self._choose(name, same)
                except PluginError as error:
                    self._report(f"warning: {error}")
        result.sort(key=lambda item: (item[0].name, normalize(item[0].distribution)))
        return result


def _dist_name(ep: EntryPoint) -> str:
    return ep.dist.name if ep.dist is not None else "<unknown>"


_registry: Registry | None = None


def registry() -> Registry:
    """Return the process's registry, creating it (and reading the environment) on first use."""
    global _registry  # noqa: PLW0603  # one lazily built registry per process, as llm does
    if _registry is None:
        _registry = Registry()
    return _registry


def reset() -> None:
    """Discard the process's registry, so the next use rediscovers plugins and rereads the environment."""
    global _registry  # noqa: PLW0603  # see registry()
    _registry = None


@contextmanager
def registered(plugin: object, distribution: str, version: str = "0") -> Iterator[list[Provider]]:
    """Register *plugin* in the process's registry for the duration of a ``with`` block."""
    current = registry()
    providers = current.add_plugin(plugin, distribution, version)
    try:
        yield providers
    finally:
        current.remove_plugin(plugin)
