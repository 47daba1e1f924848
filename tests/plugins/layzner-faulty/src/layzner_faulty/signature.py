"""An ``export`` that takes two arguments instead of the context alone."""

import layzner

from . import text_exporter


def _export(context, destination):
    destination.write(context.series.title)


@layzner.hookimpl
def layzner_register_exporters(register):
    register(text_exporter("signature", export=_export))
