"""Two options with one name."""

import layzner

from . import text_exporter


@layzner.hookimpl
def layzner_register_exporters(register):
    options = (layzner.Option("level", int, 1, "a level"), layzner.Option("level", int, 2, "again"))
    register(text_exporter("twice", options=options))
