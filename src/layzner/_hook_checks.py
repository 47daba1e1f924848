"""Explain, with the fix, the plugin mistakes that pluggy would accept silently or word tersely.

pluggy registers a plugin whose hook is misspelt or unmarked without a word
(the hook is simply never called), and refuses an argument the hook does not
pass with the argument's name alone.  These checks run first, so that the
plugin is listed as broken with what to change.
"""

from __future__ import annotations

import inspect

import pluggy

from ._messages import did_you_mean

__all__ = ["check_hooks"]


def check_hooks(manager: pluggy.PluginManager, plugin: object) -> None:
    """Raise ``PluginValidationError`` saying what to change, for each mistake pluggy would not explain."""
    marked = [n for n in dir(plugin) if manager.parse_hookimpl_opts(plugin, n) is not None]
    specs = {n: hook.spec for n, hook in vars(manager.hook).items() if hook.spec is not None}
    for hook_name in marked:
        if hook_name not in specs:
            hint = did_you_mean(hook_name, specs) or " (misspelt?)"
            raise pluggy.PluginValidationError(plugin, f"unknown hook {hook_name!r}{hint}")
        _check_arguments(plugin, hook_name, specs[hook_name].argnames)
    if marked:
        return
    unmarked = [n for n in specs if callable(getattr(plugin, n, None))]
    if unmarked:
        msg = (
            f"{unmarked[0]} is not marked as a hook implementation: "
            "decorate it with @layzner.hookimpl"
        )
    else:
        msg = (
            "implements no layzner hook: define "
            "layzner_register_exporters(register), decorated with @layzner.hookimpl"
        )
    raise pluggy.PluginValidationError(plugin, msg)


def _check_arguments(plugin: object, hook_name: str, accepted: tuple[str, ...]) -> None:
    """Raise ``PluginValidationError`` if the implementation asks for an argument the hook never passes."""
    try:
        parameters = inspect.signature(getattr(plugin, hook_name)).parameters.values()
    except (TypeError, ValueError):  # no signature to read; pluggy will judge
        return
    asked = [
        p.name
        for p in parameters
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    unknown = [name for name in asked if name not in accepted]
    if not unknown:
        return
    unused = [name for name in accepted if name not in asked]
    fix = (
        f"rename {unknown[0]!r} to {unused[0]!r}"
        if len(unknown) == 1 and len(unused) == 1
        else f"name only these: {', '.join(accepted)}"
    )
    msg = (
        f"{hook_name}({', '.join(asked)}) asks for {', '.join(repr(n) for n in unknown)}, "
        f"which the hook does not pass; it passes {', '.join(accepted)} ({fix})"
    )
    raise pluggy.PluginValidationError(plugin, msg)
