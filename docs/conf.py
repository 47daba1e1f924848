"""Sphinx configuration: the Markdown pages through MyST, the API reference through autodoc.

Build with ``.venv/bin/sphinx-build -W --keep-going -b html docs build/docs``
(scripts/test does).  The build is offline: no intersphinx, no remote assets.
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "layzner"
author = "The layzner developers"
copyright = "the layzner developers"
release = _version("layzner")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # the docstrings use Google-style Args:/Returns:/Raises: sections
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# docs/examples holds documents the pages load, not pages.
exclude_patterns = ["examples/**", "_build"]

# Every cross-reference must resolve, except to the standard library and the
# libraries below, which would need intersphinx and so the network.
_OUTSIDE = r"(attrs|cattrs|pluggy|typing|collections|pathlib|os|io|argparse|warnings|json|sys)"
# Names an annotation leaves unqualified when autodoc cannot evaluate it (an
# import under TYPE_CHECKING), and the private alias StrPath (str | os.PathLike).
_BARE = r"Any|Literal|Callable|Iterator|Iterable|Mapping|Sequence|IO|TextIO|Path|PathLike|StrPath"
_BUILTINS = r"bytes|str|int|bool|float|object|type|None|tuple|list|dict|frozenset|set"
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", rf"{_OUTSIDE}(\..*)?"),
    (r"py:.*", rf"{_BARE}|{_BUILTINS}"),
    # A private type in a public signature (a filter's parsed condition) is
    # shown by name; it has no page because it is not API.
    (r"py:class", r"layzner\._[a-z_]+\._[A-Za-z_]+"),
]

myst_heading_anchors = 3  # the pages link to their sections as GitHub does: model.md#field-paths
myst_enable_extensions = ["colon_fence"]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Attributes: sections become attribute entries, so :attr: references to fields resolve;
# api.md adds :undoc-members: for the classes whose fields have no such section.
napoleon_use_ivar = False
napoleon_attr_annotations = True
napoleon_use_rtype = False

html_theme = "furo"
html_title = f"layzner {release}"
html_static_path: list[str] = []
python_maximum_signature_line_length = 90  # one parameter a line for the long attrs signatures
