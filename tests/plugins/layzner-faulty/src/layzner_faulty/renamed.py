"""The hook's argument renamed to ``reg``."""

import layzner

from . import text_exporter


@layzner.hookimpl
def layzner_register_exporters(reg):
    reg(text_exporter("renamed"))
