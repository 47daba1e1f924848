"""Find, load and check exporter plugins; isolate each plugin's faults from the others.

Discovery reads the entry points of the ``layzner`` group.  An entry point's
*name* is the format it provides and its *value* is the plugin module::

    [project.entry-points.layzner]
    json = "layzner_json"

That metadata alone answers "which formats exist, and who provides them", so
resolving ``--format json`` imports only the module behind the ``json`` entry
point; listing formats imports every plugin module (for the descriptions) but
nothing those modules defer to ``export()``, such as genanki.  The entry
points are found without importing ``importlib.metadata`` (``_entry_points``);
a distribution's display name and version are read from its metadata only
when a message or a listing shows them.  A module that
provides several formats has one entry point per format, all naming it; it is
imported and registered once.

Every failure (import, a hook or declaration that fails validation, an
exception, even ``SystemExit``, while registering, a declared format the
module never registers) is recorded against its entry point and issued as one
:class:`layzner.PluginWarning`; the other formats keep working, unless
``LAYZNER_STRICT_PLUGINS=1`` makes every failure an error.  Messages say what
to change (``_hook_checks`` explains the hook mistakes pluggy would not), and
carry no control character from the plugin.  pluggy holds the plugins and
calls their hooks, one plugin at a time, wrappers included.

One lock guards the registry: threads that make their first export at once
load each plugin once, and a failure is never recorded over a success.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING, Literal

import pluggy

from . import hookspecs
from ._entry_points import EntryPoint, entry_points
from ._escape import escape_controls
from ._exporter_types import TRUE_WORDS, Exporter
from ._hook_checks import check_hooks
from ._messages import did_you_mean, one_line, warn_caller
from .errors import FormatNotFoundError, PluginError

if TYPE_CHECKING:
    from ._formats import FormatStatus

__all__ = [
    "BUILTIN_DISTRIBUTION",
    "ENV_DISABLE",
    "ENV_LOAD",
    "ENV_STRICT",
    "GROUP",
    "Provider",
    "ProviderStatus",
    "Registry",
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

ProviderStatus = Literal["pending", "ok", "broken", "disabled"]
"""Where a provider is: not loaded yet, loaded, failed to load, or left out by the environment."""


def normalize(name: str) -> str:
    """Return a distribution name in its PEP 503 normal form, for comparisons."""
    return re.sub(r"[-_.]+", "-", name).lower()


class Provider:
    """One provider of one format: an entry point, or an exporter registered in-process.

    Attributes:
        name: the format name (the entry point's name).
        distribution: the distribution that provides it, as spelt in its metadata
            (read when first asked for).
        version: that distribution's version (read when first asked for).
        target: the entry point's value (``"layzner_json"``), or ``"<in-process>"``.
        dist_key: the distribution's name in its PEP 503 normal form, which
            comparisons use.
        status: ``"pending"`` until loaded, then ``"ok"`` or ``"broken"``; or
            ``"disabled"`` by the allow or block list.
        exporter: the exporter, once loaded.
        error: why it is broken or disabled, in one line.
    """

    # A plain class: it is private and mutable, and an attrs class costs a
    # millisecond to create at import, which every command would pay.
    __slots__ = (
        "_distribution",
        "_version",
        "dist_key",
        "entry_point",
        "error",
        "exporter",
        "name",
        "status",
        "target",
    )

    def __init__(
        self,
        *,
        name: str,
        distribution: str | None,
        version: str | None,
        target: str,
        dist_key: str,
        status: ProviderStatus = "pending",
        exporter: Exporter | None = None,
        entry_point: EntryPoint | None = None,
    ) -> None:
        self.name = name
        self._distribution = distribution
        self._version = version
        self.target = target
        self.dist_key = dist_key
        self.status: ProviderStatus = status
        self.exporter = exporter
        self.error: str | None = None
        self.entry_point = entry_point

    def __repr__(self) -> str:
        return f"<Provider {self.dist_key}:{self.name} = {self.target} ({self.status})>"

    @property
    def distribution(self) -> str:
        """Return the distribution's name as spelt in its metadata."""
        if self._distribution is None:
            self._distribution = _dist_name(self.entry_point)
        return self._distribution

    @property
    def version(self) -> str:
        """Return the distribution's version."""
        if self._version is None:
            dist = None if self.entry_point is None else self.entry_point.dist
            self._version = dist.version if dist is not None else ""
        return self._version

    @property
    def builtin(self) -> bool:
        """Return whether layzner itself provides this format."""
        return self.dist_key == BUILTIN_DISTRIBUTION

    @property
    def qualified(self) -> str:
        """Return ``"distribution:name"``, the spelling that picks this provider."""
        return f"{self.distribution}:{self.name}"

    def describe(self) -> str:
        """Return ``"plugin dist version (entry point 'name = target')"`` for messages."""
        return escape_controls(
            f"plugin {self.distribution} {self.version} (entry point '{self.name} = {self.target}')"
        )


def _split_list(value: str) -> set[str]:
    return {normalize(item.strip()) for item in value.split(",") if item.strip()}


def _matches(provider: Provider, names: set[str]) -> bool:
    # An item is a distribution ("layzner") or one format of it ("layzner:anki").
    dist = provider.dist_key
    return dist in names or f"{dist}:{provider.name}" in names


class Registry:
    """The plugin manager and every provider of every format, loaded on demand.

    One registry lives per process (see :func:`registry`); :func:`reset`
    discards it, which the tests do between tests.
    """

    def __init__(self) -> None:
        env = os.environ
        self.strict = env.get(ENV_STRICT, "").strip().lower() in TRUE_WORDS
        # Set but empty is treated as unset: an allowlist of nothing would
        # silently disable every format, built-ins included.
        self._allow = _split_list(env[ENV_LOAD]) if env.get(ENV_LOAD, "").strip() else None
        self._block = _split_list(env.get(ENV_DISABLE, ""))
        self._reported: set[str] = set()
        # Reentrant: a plugin's hook may itself ask for the formats.
        self._lock = threading.RLock()
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self._providers: list[Provider] | None = None
        # Plugin objects by (distribution, entry point value): a module named by
        # several entry points is registered once, and its exporters shared.
        self._loaded: dict[tuple[str, str], dict[str, Exporter] | BaseException] = {}
        self._in_process: dict[int, list[Provider]] = {}
        # How many registrations use each plugin object: an installed module
        # may also be registered in-process (by its own tests), and must stay
        # registered until neither uses it.
        self._users: dict[int, int] = {}

    # -- discovery -------------------------------------------------------

    @property
    def providers(self) -> list[Provider]:
        """Return every provider, from entry-point metadata; imports no plugin."""
        with self._lock:
            if self._providers is None:
                self._providers = [self._from_entry_point(ep) for ep in self._discover()]
                self._warn_unknown_names(self._providers)
            return self._providers

    def _discover(self) -> list[EntryPoint]:
        # Read entry points only when a format is asked for, never on import.
        found = entry_points(GROUP)
        # By name, and a name that several distributions provide by their
        # names, which only then are read from their metadata.
        shared = {ep.name for ep in found if sum(other.name == ep.name for other in found) > 1}
        return sorted(found, key=lambda ep: (ep.name, _dist_name(ep) if ep.name in shared else ""))

    def _from_entry_point(self, ep: EntryPoint) -> Provider:
        provider = Provider(
            name=ep.name,
            distribution=None,
            version=None,
            target=ep.value,
            dist_key=ep.dist_key,
            entry_point=ep,
        )
        if self._allow is not None and not _matches(provider, self._allow):
            provider.status = "disabled"
            provider.error = f"not listed in {ENV_LOAD}"
        elif _matches(provider, self._block):
            provider.status = "disabled"
            provider.error = f"listed in {ENV_DISABLE}"
        return provider

    def _warn_unknown_names(self, providers: list[Provider]) -> None:
        """Warn about each item of the plugin variables that names nothing installed."""
        if not self._allow and not self._block:
            return
        known = {p.dist_key for p in providers}
        known |= {f"{p.dist_key}:{p.name}" for p in providers}
        for variable, items in ((ENV_LOAD, self._allow or set()), (ENV_DISABLE, self._block)):
            for item in sorted(items - known):
                hint = did_you_mean(item, known)
                installed = ", ".join(sorted({p.dist_key for p in providers}))
                self._report(
                    f"{variable} names {item!r}, which no installed plugin provides{hint} "
                    f"(installed distributions: {installed or 'none'})"
                )

    # -- loading ---------------------------------------------------------

    def _load(self, provider: Provider) -> None:
        with self._lock:
            if provider.status != "pending" or provider.entry_point is None:
                return
            key = (provider.dist_key, provider.target)
            if key not in self._loaded:
                self._loaded[key] = self._import_and_register(provider)
            outcome = self._loaded[key]
            if isinstance(outcome, BaseException):
                self._fail(provider, f"failed to load: {one_line(outcome)}")
            elif provider.name in outcome:
                provider.exporter = outcome[provider.name]
                provider.status = "ok"
            else:
                registered = ", ".join(sorted(outcome)) or "none"
                self._fail(
                    provider,
                    f"registers no exporter named {provider.name!r} (it registers: {registered}); "
                    f"its layzner_register_exporters hook must call "
                    f"register(layzner.Exporter(name={provider.name!r}, ...))",
                )

    def _import_and_register(self, provider: Provider) -> dict[str, Exporter] | BaseException:
        assert provider.entry_point is not None
        try:
            plugin = provider.entry_point.load()
            exporters = self._register(plugin, f"{provider.dist_key}:{provider.target}")
        except BaseException as error:  # a plugin may raise anything, even SystemExit
            if isinstance(error, KeyboardInterrupt):
                raise
            return error
        declared = {
            p.name
            for p in self.providers
            if p.target == provider.target and p.dist_key == provider.dist_key
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
        check_hooks(self.manager, plugin)
        if not self.manager.is_registered(plugin):
            self.manager.register(plugin, name=name)
        self._users[id(plugin)] = self._users.get(id(plugin), 0) + 1
        try:
            return self._call_register_hook(plugin)
        except BaseException:
            self._release(plugin)
            raise

    def _release(self, plugin: object) -> None:
        users = self._users.get(id(plugin), 0) - 1
        if users > 0:
            self._users[id(plugin)] = users
            return
        self._users.pop(id(plugin), None)
        if self.manager.is_registered(plugin):
            self.manager.unregister(plugin)

    def _call_register_hook(self, plugin: object) -> dict[str, Exporter]:
        exporters: dict[str, Exporter] = {}

        def register(exporter: Exporter) -> None:
            if not isinstance(exporter, Exporter):
                msg = f"register() takes a layzner.Exporter, got {type(exporter).__name__}"
                raise TypeError(msg)
            if exporter.name in exporters:
                msg = f"exporter {exporter.name!r} is registered twice"
                raise ValueError(msg)
            exporters[exporter.name] = exporter

        hook = self.manager.hook.layzner_register_exporters
        # Call this plugin's implementation alone, so that each exporter is
        # recorded against the plugin that provided it; and call it through
        # pluggy, so that hook wrappers still run.
        others = {
            impl.plugin
            for impl in hook.get_hookimpls()
            if impl.plugin is not plugin and not (impl.wrapper or impl.hookwrapper)
        }
        self.manager.subset_hook_caller(hook.name, remove_plugins=others)(register=register)
        return exporters

    def _fail(self, provider: Provider, error: str) -> None:
        provider.status = "broken"
        provider.error = error
        self._report(f"{provider.describe()} {error}")

    def _report(self, line: str) -> None:
        if line in self._reported:
            return
        self._reported.add(line)
        warn_caller(line)

    def load_all(self) -> list[Provider]:
        """Load every enabled provider and return all providers, in-process ones included.

        Raises:
            PluginError: ``LAYZNER_STRICT_PLUGINS`` is set and a provider is broken.
        """
        with self._lock:
            for provider in self.providers:
                self._load(provider)
                if self.strict and provider.status == "broken":
                    msg = f"{provider.describe()} {provider.error} ({ENV_STRICT} is set)"
                    raise PluginError(msg)
            return self.all_providers()

    def all_providers(self) -> list[Provider]:
        """Return the entry-point providers and then the in-process ones."""
        with self._lock:
            extra = [p for group in self._in_process.values() for p in group]
            providers = self.providers
        # A plugin registered in-process under its own distribution's name
        # (as its tests do) replaces its installed copy instead of clashing.
        replaced = {(p.dist_key, p.name) for p in extra}
        installed = [p for p in providers if (p.dist_key, p.name) not in replaced]
        return [*installed, *extra]

    # -- in-process plugins ----------------------------------------------

    def add_plugin(self, plugin: object, distribution: str, version: str = "0") -> list[Provider]:
        """Register *plugin* (an object with hook implementations) now, as *distribution*.

        Raises:
            PluginError: the plugin fails validation or raises while registering.
        """
        with self._lock:
            try:
                exporters = self._register(plugin, f"{distribution}:<in-process>:{id(plugin)}")
            except BaseException as error:  # SystemExit too: the plugin's fault, not an exit
                if isinstance(error, KeyboardInterrupt):
                    raise
                msg = escape_controls(f"plugin {distribution} failed to load: {one_line(error)}")
                raise PluginError(msg) from error
            added = [
                Provider(
                    name=exporter.name,
                    distribution=distribution,
                    version=version,
                    target="<in-process>",
                    dist_key=normalize(distribution),
                    status="ok",
                    exporter=exporter,
                )
                for exporter in exporters.values()
            ]
            self._in_process[id(plugin)] = added
            return added

    def remove_plugin(self, plugin: object) -> None:
        """Unregister a plugin added with :meth:`add_plugin`."""
        with self._lock:
            if self._in_process.pop(id(plugin), None) is not None:
                self._release(plugin)

    # -- resolution ------------------------------------------------------

    def names(self) -> list[str]:
        """Return every enabled format name, sorted, from metadata alone."""
        return sorted({p.name for p in self.all_providers() if p.status != "disabled"})

    def resolve(self, spec: str) -> Provider:
        """Return the provider of format *spec*, ``"name"`` or ``"distribution:name"``.

        Only the plugins that declare that name are imported.

        Raises:
            FormatNotFoundError: no enabled plugin declares the name.
            PluginError: every provider of the name is broken, or two third
                parties provide it (the message shows how to pick one).
        """
        with self._lock:
            return self._resolve(spec)

    def _resolve(self, spec: str) -> Provider:
        if self.strict:
            self.load_all()
        dist, _, name = spec.rpartition(":")
        candidates = [
            p
            for p in self.all_providers()
            if p.name == name and (not dist or p.dist_key == normalize(dist))
        ]
        enabled = [p for p in candidates if p.status != "disabled"]
        if not enabled:
            raise FormatNotFoundError(self._not_found_message(spec, name, candidates))
        for provider in enabled:
            self._load(provider)
        working = [p for p in enabled if p.status == "ok"]
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
                f"format {chosen.name!r} from {chosen.distribution} {chosen.version} "
                f"shadows the built-in one (use --format {builtin.qualified} for the built-in)"
            )
            return chosen
        return working[0]

    def _not_found_message(self, spec: str, name: str, candidates: list[Provider]) -> str:
        if candidates:
            why = "; ".join(f"{p.qualified}: {p.error}" for p in candidates)
            return f"format {spec!r} is disabled ({why})"
        available = self.names()
        listed = ", ".join(available) or "none"
        return f"unknown format {spec!r}{did_you_mean(name, available)} (available: {listed})"

    def statuses(self) -> list[tuple[Provider, FormatStatus]]:
        """Load every provider and return each with its status for listing.

        A built-in hidden by a third party is ``"shadowed"``; a name that two
        or more third parties provide is a ``"conflict"`` for each of them.
        """
        with self._lock:
            return self._statuses(self.load_all())

    def _statuses(self, providers: list[Provider]) -> list[tuple[Provider, FormatStatus]]:
        by_name: dict[str, list[Provider]] = {}
        for provider in providers:
            if provider.status == "ok":
                by_name.setdefault(provider.name, []).append(provider)
        result = [(p, _listed_status(p, by_name.get(p.name, []))) for p in providers]
        for name, same in sorted(by_name.items()):
            if len(same) > 1:
                try:
                    self._choose(name, same)
                except PluginError as error:
                    self._report(str(error))
        result.sort(key=lambda item: (item[0].name, item[0].dist_key))
        return result


def _listed_status(provider: Provider, working: list[Provider]) -> FormatStatus:
    """Return how *provider* is listed, given the working providers of its name."""
    third_party = [p for p in working if not p.builtin]
    if provider.status == "ok" and len(third_party) > 1:
        return "conflict"
    if provider.status == "ok" and provider.builtin and third_party:
        return "shadowed"
    assert provider.status != "pending"  # statuses() loads every provider first
    return provider.status


def _dist_name(ep: EntryPoint | None) -> str:
    dist = None if ep is None else ep.dist
    return dist.name if dist is not None else "<unknown>"


_registry: Registry | None = None
_registry_lock = threading.Lock()


def registry() -> Registry:
    """Return the process's registry, creating it (and reading the environment) on first use."""
    global _registry  # noqa: PLW0603  # one lazily built registry per process, as llm does
    with _registry_lock:
        if _registry is None:
            _registry = Registry()
        return _registry


def reset() -> None:
    """Discard the process's registry, so the next use rediscovers plugins and rereads the environment."""
    global _registry  # noqa: PLW0603  # see registry()
    with _registry_lock:
        _registry = None
