"""Helpers for testing layzner plugins: register a plugin for one test, and build a sample series.

Example::

    import layzner
    from layzner.testing import registered_plugin, sample_series

    def test_my_exporter_writes_the_title():
        with registered_plugin(my_plugin):
            assert b"Example" in layzner.export(sample_series(title="Example"), "myformat")

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs

from ._exporter_types import Exporter
from ._model import (
    Character,
    Company,
    Credit,
    DateRange,
    Episodes,
    Evidence,
    Link,
    PartialDate,
    Series,
    Song,
    SourceDocument,
    Synopsis,
    Title,
)
from ._plugins import registry

__all__ = ["registered_plugin", "sample_series"]


@contextmanager
def registered_plugin(
    plugin: object, *, distribution: str = "test-plugin", version: str = "0"
) -> Iterator[tuple[Exporter, ...]]:
    """Register *plugin* for the duration of a ``with`` block, and yield the exporters it registered.

    *plugin* is any object with :data:`layzner.hookimpl` functions, usually
    your plugin module.  Its exporters behave as if *distribution* provided
    them: a name that a built-in format has shadows the built-in.

    Raises:
        PluginError: the plugin fails validation or raises while registering.

    .. versionadded:: 0.1
    """
    current = registry()
    providers = current.add_plugin(plugin, distribution, version)
    try:
        yield tuple(p.exporter for p in providers if p.exporter is not None)
    finally:
        current.remove_plugin(plugin)


def sample_series(**changes: Any) -> Series:
    """Return a small, invented series with every kind of field filled, changed by *changes*.

    It stands for no real series, so tests built on it cannot depend on any.

    .. versionadded:: 0.1
    """
    source = SourceDocument(id="sample", path="sample.md", format="card", sha256="0" * 64)
    series = Series(
        id="sample-series",
        title="Sample Series",
        titles=(
            Title("Sample Series", "en", "main"),
            Title("サンプル", "ja", "native"),
        ),
        media_type="tv",
        episodes=Episodes(tv=12),
        aired=DateRange(PartialDate(2001, 4, 2), PartialDate(2001, 6)),
        companies=(Company("Example Studio", ("studio",)),),
        staff=(Credit("A. Director", "Director"),),
        genres=("drama",),
        tags=("robots",),
        characters=(Character("Kit Example", aliases=("Kit",), main=True),),
        songs=(Song("opening", 1, "Example Theme", artists=("The Examples",)),),
        rating="PG-13",
        links=(Link("Example Site", "https://example.org/anime/1", "1"),),
        synopses=(Synopsis("Kit finds a robot & <learns> to fly.", "sample"),),
        sources=(source,),
        evidence=(("title", (Evidence("sample", 1, None, "# Sample Series"),)),),
    )
    return attrs.evolve(series, **changes)
