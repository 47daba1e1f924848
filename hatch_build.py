"""Build hook: parse the bundled seeds when the wheel is built, so that an install need not.

It loads ``seeds/`` with the layzner being built (from ``src/``) and ships
the series as ``layzner/_bundled.json``, keyed by the seeds' sha256 and the
version (see ``src/layzner/_bundled.py``).  An editable install gets no
cache: its code changes under it, so it parses the seeds as a checkout does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundledSeriesHook(BuildHookInterface):
    """Write the parsed bundled series into the wheel."""

    PLUGIN_NAME = "bundled-series"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Parse the seeds with the layzner in ``src/`` and add the cache to the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from layzner import _bundled, _load  # noqa: PLC0415 - the layzner being built

            paths = _load._documents(root / "seeds")
            cache = _bundled.build(paths, _load._load_paths(paths, strict=False))
        finally:
            sys.path.remove(str(root / "src"))
        directory = Path(tempfile.mkdtemp(prefix="layzner-build-"))
        (directory / "_bundled.json").write_bytes(cache)
        build_data["force_include"][str(directory / "_bundled.json")] = "layzner/_bundled.json"
