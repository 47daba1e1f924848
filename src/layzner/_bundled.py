"""The bundled series, parsed when the wheel is built, so that ``load()`` need not parse the seeds.

The wheel's build hook (``hatch_build.py``) loads the seeds with the real
readers and writes ``layzner/_bundled.json``: the series in its JSON form,
the sha256 of every seed, and the version of layzner that read them.
:func:`read` serves that series only while every seed still has the same
bytes (and there are no more, no fewer), and the running layzner is the one
that built it; otherwise the seeds are read again.  A source checkout has no
such file, so it always parses: its code may have changed since any build.

Keyed by content, not by time: a seed edited in place, copied back, or
touched without a change is judged by its bytes alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import orjson

from ._convert import from_json, to_json
from ._load import sha256_hex
from ._model import Series
from ._version import __version__
from .errors import LayznerError

__all__ = ["CACHE", "build", "read"]

CACHE = Path(__file__).with_name("_bundled.json")
"""Where the wheel keeps the parsed series (absent in a source checkout)."""


def _digests(paths: list[Path]) -> dict[str, str]:
    return {path.name: sha256_hex(path.read_bytes()) for path in paths}


def build(paths: list[Path], series: Series) -> bytes:
    """Return the cache of *series*, loaded from the seed documents *paths*.

    The sources' paths are kept as file names; :func:`read` makes them the
    seeds' paths where the wheel is installed.
    """
    portable = attrs.evolve(
        series,
        sources=tuple(attrs.evolve(s, path=Path(s.path).name) for s in series.sources),
    )
    cache = {
        "layzner": __version__,
        "seeds": _digests(paths),
        "series": orjson.Fragment(to_json(portable)),
    }
    return orjson.dumps(cache)


def read(paths: list[Path]) -> Series | None:
    """Return the series cached for the seed documents *paths*, or ``None`` if the cache does not hold it.

    Each seed is read and hashed, as loading it would; nothing else of the
    readers runs.
    """
    try:
        data: dict[str, Any] = orjson.loads(CACHE.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if data.get("layzner") != __version__ or data.get("seeds") != _digests(paths):
        return None
    located = {path.name: str(path) for path in paths}
    try:
        series = from_json(data["series"])
        sources = tuple(attrs.evolve(s, path=located[s.path]) for s in series.sources)
    except (LayznerError, KeyError):  # a damaged cache is no reason to fail: parse instead
        return None
    return attrs.evolve(series, sources=sources)
