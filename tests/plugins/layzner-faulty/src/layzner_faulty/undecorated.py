"""The hook without ``@layzner.hookimpl``: pluggy never sees it."""

from . import text_exporter


def layzner_register_exporters(register):
    register(text_exporter("undecorated"))
