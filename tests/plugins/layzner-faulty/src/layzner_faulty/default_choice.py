"""An option whose default is not one of its choices."""

import layzner

from . import text_exporter


@layzner.hookimpl
def layzner_register_exporters(register):
    option = layzner.Option("mode", str, "fast", "how", choices=("safe", "slow"))
    register(text_exporter("default-choice", options=(option,)))
