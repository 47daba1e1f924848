"""A ``bool`` option whose default is the string ``"no"``, which is true."""

import layzner

from . import text_exporter


@layzner.hookimpl
def layzner_register_exporters(register):
    register(
        text_exporter("bool-default", options=(layzner.Option("header", bool, "no", "a header"),))
    )
