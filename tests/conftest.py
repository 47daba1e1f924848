"""Shared fixtures: a clean plugin registry per test, and real distributions on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from layzner import _plugins

from .support.catalog import extract_sample
from .support.processes import ENV_VARS, EXAMPLE, FAULTY, pip_install

# No per-example deadline: the first example of a property also pays for
# imports and caches, and CI machines are shared, so a deadline measures the
# machine's load, not the code.  Speed is measured in benchmarks/ instead.
settings.register_profile("layzner", deadline=None)
settings.load_profile("layzner")


@pytest.fixture(autouse=True)
def _clean_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Start each test with no plugin environment variables and a fresh registry."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    _plugins.reset()
    yield
    _plugins.reset()


@pytest.fixture(scope="session")
def jsonld_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the example plugin distribution with pip into a fresh directory."""
    return pip_install(EXAMPLE, tmp_path_factory.mktemp("jsonld-site"))


@pytest.fixture(scope="session")
def faulty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install layzner-faulty, whose formats each make one plugin author's mistake, with pip."""
    return pip_install(FAULTY, tmp_path_factory.mktemp("faulty-site"))


@pytest.fixture(scope="session")
def catalog_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Unpack a few hundred cards of the shared half catalog (see ``support.catalog``)."""
    return extract_sample(tmp_path_factory.mktemp("catalog-sample"))
