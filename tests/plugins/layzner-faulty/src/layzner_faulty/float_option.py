"""An option of a type layzner does not support: ``float``."""

import layzner

from . import text_exporter


@layzner.hookimpl
def layzner_register_exporters(register):
    register(
        text_exporter("float-option", options=(layzner.Option("ratio", float, 0.5, "a ratio"),))
    )
