"""An ``export`` that returns a number where a one-line summary (a ``str``) belongs."""

import layzner

from . import text_exporter, write_title


def _export(context: layzner.ExportContext) -> int:
    write_title(context)
    return 42


@layzner.hookimpl
def layzner_register_exporters(register):
    register(text_exporter("int-summary", export=_export))
