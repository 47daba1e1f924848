"""Helpers shared by the tests, one module per concern; fixtures stay in ``tests/conftest.py``.

- ``series``: the one hand-built series every exporter test starts from.
- ``processes``: real distributions on disk and real processes (the CLI, pip).
- ``anki``: the package the Anki exporter writes, and a real Anki collection.
- ``chromium``: headless Chromium, for the HTML exports.
- ``catalog``: small hand-written catalogs and a sample of the shared one.
- ``second_series``: a second series written by hand in the three document formats.
- ``accounting``: which lines of a document a Series must cite.
- ``strategies``: Hypothesis strategies for every class of the model.
"""
