"""Formats that each make one plugin author's mistake; see the module of each."""

from __future__ import annotations

import layzner


def write_title(context: layzner.ExportContext) -> None:
    """Write the series' title: what every format here exports, when it gets that far."""
    context.write_text(context.series.title + "\n")


def text_exporter(name: str, **fields: object) -> layzner.Exporter:
    """Return a plain-text exporter named *name*, with *fields* replacing the defaults."""
    arguments: dict[str, object] = {
        "name": name,
        "description": f"the title, from the {name} module",
        "extension": ".txt",
        "media_type": "text/plain",
        "binary": False,
        "export": write_title,
    }
    arguments.update(fields)
    return layzner.Exporter(**arguments)
