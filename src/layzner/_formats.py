"""List the export formats that plugins provide, and each one's status."""

from __future__ import annotations

from typing import Literal

import attrs

from ._exporter_types import Option
from ._plugins import registry

__all__ = ["FormatInfo", "FormatStatus", "formats"]

FormatStatus = Literal["ok", "shadowed", "conflict", "broken", "disabled"]
"""A format's status, as :func:`layzner.formats` lists it; :class:`layzner.FormatInfo` says what each means."""


@attrs.frozen
class FormatInfo:
    """An export format, as :func:`formats` lists it.

    Attributes:
        name: the ``--format`` value.
        description: one line, or ``""`` when the plugin could not be loaded.
        extension: the file extension including the dot, or ``""``.
        distribution: the distribution that provides it (``"layzner"`` for built-ins).
        version: that distribution's version.
        status: ``"ok"``; ``"shadowed"`` (a built-in hidden by a third-party
            format of the same name); ``"conflict"`` (two third parties provide
            the name: pick one with ``distribution:name``); ``"broken"`` (the
            plugin failed to load, see :attr:`error`); or ``"disabled"`` (by
            ``LAYZNER_LOAD_PLUGINS`` or ``LAYZNER_DISABLE_PLUGINS``).
        media_type: the IANA media type, or ``""``.
        binary: whether the output is binary.
        options: the options the exporter accepts.
        error: why the format is broken or disabled.

    .. versionadded:: 0.1
    """

    name: str
    description: str
    extension: str
    distribution: str
    version: str
    status: FormatStatus
    media_type: str = ""
    binary: bool = False
    options: tuple[Option, ...] = ()
    error: str | None = None

    @property
    def qualified_name(self) -> str:
        """Return ``"distribution:name"``, which ``--format`` accepts to pick this provider."""
        return f"{self.distribution}:{self.name}"


def formats() -> tuple[FormatInfo, ...]:
    """Return every export format that plugins declare, sorted by name.

    This imports every enabled plugin module (for the descriptions), but not
    the heavy libraries exporters import only inside ``export()``.  A plugin
    that fails to load is listed with status ``"broken"`` and reported as one
    :class:`layzner.PluginWarning`.

    Raises:
        PluginError: ``LAYZNER_STRICT_PLUGINS=1`` is set and a plugin is broken.

    .. versionadded:: 0.1
    """
    infos: list[FormatInfo] = []
    for provider, status in registry().statuses():
        exporter = provider.exporter
        infos.append(
            FormatInfo(
                name=provider.name,
                description=exporter.description if exporter else "",
                extension=exporter.extension if exporter else "",
                distribution=provider.distribution,
                version=provider.version,
                status=status,
                media_type=exporter.media_type if exporter else "",
                binary=exporter.binary if exporter else False,
                options=exporter.options if exporter else (),
                error=provider.error,
            )
        )
    return tuple(infos)
