"""MyAnimeList-style cards: ``mal`` (one self-contained HTML page) and ``mal-md`` (a Markdown card).

A first-party plugin that registers exactly as a third-party one does, through
the ``layzner`` entry-point group, and uses only layzner's public API.  Jinja2
is imported when an HTML card is written, never when the plugin is loaded.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Callable

import layzner

from ._facts import resolve_today
from ._html import render_html
from ._markdown import render_markdown

__all__ = ["layzner_register_exporters"]


def _export_html(context: layzner.ExportContext) -> None:
    # Render everything before writing a byte, so a failure leaves no half-written page.
    page = render_html(
        context.series,
        today=resolve_today(context.options.get("today")),
        offline=bool(context.options.get("offline")),
        version=context.version,
    )
    context.write_text(page)


def _export_markdown(context: layzner.ExportContext) -> None:
    context.write_text(render_markdown(context.series))


@layzner.hookimpl
def layzner_register_exporters(register: Callable[[layzner.Exporter], None]) -> None:
    """Register the ``mal`` HTML card and the ``mal-md`` Markdown card.

    .. versionadded:: 0.1
    """
    register(
        layzner.Exporter(
            name="mal",
            description="A MyAnimeList-style page: one self-contained HTML5 file, no script.",
            extension=".html",
            media_type="text/html",
            binary=False,
            export=_export_html,
            options=(
                layzner.Option(
                    name="offline",
                    type=bool,
                    default=False,
                    description="Leave the poster out, so the page makes no request at all.",
                ),
                layzner.Option(
                    name="today",
                    type=str,
                    default=None,
                    description=(
                        "The date (YYYY-MM-DD) the status is judged on; "
                        "default SOURCE_DATE_EPOCH, else the current UTC date."
                    ),
                ),
            ),
        )
    )
    register(
        layzner.Exporter(
            name="mal-md",
            description="A Markdown card in the card format layzner itself reads.",
            extension=".md",
            media_type="text/markdown",
            binary=False,
            export=_export_markdown,
        )
    )
