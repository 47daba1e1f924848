"""A working format whose description and summary carry terminal escape codes."""

import layzner

from . import text_exporter, write_title


def _export(context: layzner.ExportContext) -> str:
    write_title(context)
    return "\x1b[31mdone\x1b[0m"


@layzner.hookimpl
def layzner_register_exporters(register):
    register(text_exporter("noisy", description="\x1b[5mblinking\x1b[0m", export=_export))
