"""The hooks an exporter plugin implements.

A plugin is a module named by an entry point in the ``layzner`` group::

    [project.entry-points.layzner]
    jsonld = "layzner_jsonld"

and implements hooks with :data:`hookimpl`::

    import layzner

    @layzner.hookimpl
    def layzner_register_exporters(register):
        register(layzner.Exporter(name="jsonld", ...))

Hooks and :class:`layzner.ExportContext` only ever gain things.  Anything
removed is deprecated for two minor releases first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # pluggy reads the hooks' argument names, never their annotations
    from ._exporter_types import Exporter

__all__ = ["hookimpl", "hookspec", "layzner_register_exporters"]

PROJECT_NAME = "layzner"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a function as a layzner hook specification."""

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a function in a plugin module as a layzner hook implementation.

.. versionadded:: 0.1
"""


@hookspec
def layzner_register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register this plugin's exporters by calling ``register(exporter)`` once for each.

    An implementation is decorated with :data:`hookimpl` and names its
    argument ``register``: pluggy passes arguments by name, and layzner says
    so, with the fix, when either is missing.  The host may pass more
    keyword arguments in later versions; pluggy only passes those an
    implementation names, so existing plugins keep working.

    .. versionadded:: 0.1
    """
