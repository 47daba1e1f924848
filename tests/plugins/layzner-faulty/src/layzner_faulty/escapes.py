"""A hook whose error message carries terminal escape codes: retitle, clear, red, reversed text."""

import layzner


@layzner.hookimpl
def layzner_register_exporters(register):
    raise RuntimeError("\x1b]0;owned\x07\x1b[2J\x1b[31mred\u202edesrever")
