# Paths are plain strings and os.path here, not pathlib: listing tens of
# thousands of folders spends more on pathlib's objects than on the listing.
# ruff: noqa: PTH110, PTH112, PTH118
"""Load many works at once: find them on disk, then load each, in order, in one or more processes.

Two layouts are told apart by what is on disk:

* a **shelf**: one folder per series, holding that series' documents, as
  ``seeds/`` holds the bundled one.  Each folder loads as :func:`load` loads
  it, so a work's id (and every id derived from it) is what ``load(folder)``
  gives.
* a **card catalog**: one folder per franchise, holding one Markdown card per
  work, named after its locale and its work (``<franchise>/en-US_<work>.md``).
  The works of one folder are related; cards of one work in several locales
  (``en-US_x.md``, ``pt-BR_x.md``) load together as one series.

The top folders are listed (names only) when a run starts, so the order is
fixed; each folder is listed when its works are about to load, and the series
are produced one chunk at a time and never held beyond the chunk being handed
out, so memory stays flat however large the catalog.
"""

from __future__ import annotations

import copyreg
import hashlib
import itertools
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Literal

import attrs

from . import _model, _mojibake, _text
from ._franchise import relate
from ._load import load
from ._model import Series, slugify
from ._readers import _lexicon
from .errors import DuplicateSeriesError, LayznerError, SourceNotFoundError, SourceReadError

__all__ = [
    "CATALOG_FOLDER",
    "Group",
    "Job",
    "Layout",
    "LoadResult",
    "OnError",
    "Outcome",
    "Shelf",
    "Work",
    "find_works",
    "iter_results",
    "load_many",
    "run",
]

# The modules whose functions memoize per text (lru_cache with a bound).
_MEMOIZING_MODULES = (_model, _text, _mojibake, _lexicon)

Layout = Literal["auto", "shelf", "catalog"]
OnError = Literal["collect", "raise"]

CATALOG_FOLDER = "catalog"
"""A folder of this name inside the root is used when it is a card catalog (``baka-db/catalog``)."""

# A catalog card is named after its locale and its work: en-US_07-ghost-manga.md.
_CARD_NAME = re.compile(r"(?P<locale>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)_(?P<work>.+)\.md")
_CARD_SUFFIX = ".md"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Works per task a worker process is given: large enough that sending the task
# and its results costs little beside loading, small enough to keep the output
# flowing and memory flat.
_CHUNK_WORKS = 64
# Chunks queued per worker: one running and some waiting, so that a slow chunk
# at the head of the queue does not leave the other workers idle.
_QUEUED_PER_WORKER = 4


@attrs.frozen
class LoadResult:
    """What :func:`load_many` made of one work: its series, or the error that stopped it.

    Attributes:
        path: the work's folder (a shelf) or its card (a card catalog).
        series: the loaded series, or ``None`` when the work failed.
        error: why the work failed, naming the file and line, or ``None``.

    .. versionadded:: 0.1
    """

    path: str
    series: Series | None = None
    error: LayznerError | None = None

    @property
    def ok(self) -> bool:
        """Return whether the work loaded."""
        return self.series is not None


@attrs.frozen
class Work:
    """One work found on disk: where it is, its documents, and the id the catalog gives it."""

    path: str
    # Empty for a shelf's folder, which loads as load(folder) does.
    documents: tuple[str, ...] = ()
    # None: the id load() gives (a shelf); a card catalog names its works itself.
    id: str | None = None


@attrs.frozen
class Group:
    """Works that load together: one franchise of a catalog (related), or one shelf folder.

    A franchise folder that cannot be listed is a group of no works with the
    *error*, which is reported as one failed work at *path*.
    """

    works: tuple[Work, ...]
    related: bool = False
    path: str = ""
    error: LayznerError | None = None


@attrs.frozen
class Shelf:
    """The works under a root, in the order :func:`load_many` yields them, listed as they are needed.

    Only the names of the top folders are held; each folder is listed when its
    works are about to load, so that a catalog of any size costs a list of
    names and no more.
    """

    root: str
    layout: str
    folders: tuple[str, ...] = ()
    # The root itself is one series (a shelf with documents and no folders).
    single: bool = False
    naming: _Naming = attrs.field(init=False)

    @naming.default
    def _naming_of_folders(self) -> _Naming:
        return _Naming.of(self.folders)

    def groups(self) -> Iterator[Group]:
        """Yield the groups of works, in order, listing each folder as it goes."""
        if self.single:
            yield Group((Work(self.root),))
            return
        for name in self.folders:
            folder = os.path.join(self.root, name)
            if self.layout == "shelf":
                yield Group((Work(folder),))
                continue
            try:
                files = _list(folder)[1]
            except SourceReadError as error:
                yield Group((), related=True, path=folder, error=error)
                continue
            group = _catalog_group(folder, name, files, self.naming)
            if group.works:
                yield group

    def count(self) -> int:
        """Return the number of works, listing every folder once more (for a progress bar)."""
        if self.layout == "shelf":
            return int(self.single) or len(self.folders)
        return sum(len(group.works) or 1 for group in self.groups())


def load_many(
    root: str | os.PathLike[str],
    *,
    workers: int = 1,
    strict: bool = False,
    on_error: OnError = "collect",
    layout: Layout = "auto",
) -> Iterator[LoadResult]:
    """Load every work under *root*, yielding one :class:`LoadResult` per work, in a fixed order.

    The root's folders are listed when this is called; their works are listed
    and loaded as the iterator is consumed, a chunk at a time, so memory does
    not grow with their number.
    The order is the sorted order of the folder and file names, whatever
    *workers* is, and so are the results: ``workers=4`` yields exactly what
    ``workers=1`` yields.

    Args:
        root: a shelf (one folder per series, each holding that series'
            documents) or a card catalog (one folder per franchise, one
            ``<locale>_<work>.md`` card per work), or a folder holding a
            card catalog named ``catalog``.  A shelf without sub-folders is
            one series.  Files directly in a shelf or catalog beside its
            folders (a README) are not works and are passed over.
        workers: how many processes load; 1 loads in this process.
        strict: load each work as :func:`load` does with ``strict=True``.
        on_error: ``"collect"`` yields a failed work as a result with its
            error and goes on; ``"raise"`` raises the first error instead.
        layout: ``"auto"`` tells the layout from the file names (a catalog's
            cards are named ``<locale>_<work>.md``); ``"shelf"`` or
            ``"catalog"`` says which it is.

    Returns:
        An iterator of results, one per work.

    Raises:
        SourceNotFoundError: *root* does not exist.
        SourceReadError: *root* is not a directory, or cannot be listed.
        LayznerError: with ``on_error="raise"``, the first work that fails
            (while iterating).
        ValueError: *workers*, *on_error* or *layout* is not one of the accepted values.

    .. versionadded:: 0.1
    """
    _check_choices(workers, on_error)
    return iter_results(find_works(root, layout), workers=workers, strict=strict, on_error=on_error)


def _check_choices(workers: int, on_error: OnError) -> None:
    """Raise ``ValueError`` unless *workers* and *on_error* are values :func:`load_many` accepts."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        msg = f"workers must be a whole number >= 1, got {workers!r}"
        raise ValueError(msg)
    if on_error not in {"collect", "raise"}:
        msg = f"on_error must be 'collect' or 'raise', got {on_error!r}"
        raise ValueError(msg)


def iter_results(
    shelf: Shelf, *, workers: int = 1, strict: bool = False, on_error: OnError = "collect"
) -> Iterator[LoadResult]:
    """Load the works of *shelf* and yield their results in order (see :func:`load_many`)."""
    for outcome in run(shelf, workers=workers, strict=strict):
        if outcome.error is not None and on_error == "raise":
            raise outcome.error
        series = outcome.payload if isinstance(outcome.payload, Series) else None
        yield LoadResult(outcome.path, series, outcome.error)


# -- finding the works -------------------------------------------------------


def find_works(root: str | os.PathLike[str], layout: Layout = "auto") -> Shelf:
    """Return every work under *root*, listed from names alone (no file is read).

    Raises:
        SourceNotFoundError: *root* does not exist.
        SourceReadError: *root* is not a directory, or cannot be listed.
        ValueError: *layout* is not ``"auto"``, ``"shelf"`` or ``"catalog"``.
    """
    if layout not in {"auto", "shelf", "catalog"}:
        msg = f"layout must be 'auto', 'shelf' or 'catalog', got {layout!r}"
        raise ValueError(msg)
    base = os.fspath(root)
    if not os.path.exists(base):
        raise SourceNotFoundError("no such directory", path=base)
    if not os.path.isdir(base):
        raise SourceReadError("not a directory", path=base)
    folders, files = _list(base)
    if layout != "shelf" and CATALOG_FOLDER in folders:
        nested = os.path.join(base, CATALOG_FOLDER)
        nested_folders = _list(nested)[0]
        if layout == "catalog" or _holds_cards(nested, nested_folders):
            return Shelf(nested, "catalog", tuple(nested_folders))
    if layout == "catalog" or (layout == "auto" and _holds_cards(base, folders)):
        return Shelf(base, "catalog", tuple(folders))
    # A shelf's hidden folders (.git) hold no series.
    visible = tuple(name for name in folders if not name.startswith("."))
    # A folder of documents and nothing else is one series, as load() reads it.
    return Shelf(base, "shelf", visible, single=not visible and bool(files))


def _list(path: str) -> tuple[list[str], list[str]]:
    """Return the sorted names of the folders and of the regular files in *path*.

    Hidden files are left out, as :func:`load` leaves them out; hidden folders
    are not, because a franchise may be named so (``.hack``).
    """
    folders: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append(entry.name)
                elif entry.is_file() and not entry.name.startswith("."):
                    files.append(entry.name)
    except OSError as error:
        raise SourceReadError(f"cannot list: {error.strerror or error}", path=path) from None
    folders.sort()
    files.sort()
    return folders, files


def _holds_cards(base: str, folders: Iterable[str]) -> bool:
    """Return whether a folder in *folders* holds a card named like a catalog's; stop at the first."""
    for name in folders:
        try:
            files = _list(os.path.join(base, name))[1]
        except SourceReadError:
            continue
        if any(_CARD_NAME.fullmatch(file) for file in files):
            return True
    return False


def _catalog_group(folder: str, franchise: str, files: Iterable[str], naming: _Naming) -> Group:
    """Return the works of one franchise folder: its cards, those of one work in several locales together."""
    by_work: dict[str, list[str]] = {}
    for name in files:
        if not name.endswith(_CARD_SUFFIX):
            continue  # a cover image or a note beside the cards is not a work
        match = _CARD_NAME.fullmatch(name)
        work = match["work"] if match else name.removesuffix(_CARD_SUFFIX)
        by_work.setdefault(work, []).append(os.path.join(folder, name))
    names = list(by_work)
    ids = dict(zip(names, catalog_ids(franchise, names, naming), strict=True))
    works = tuple(
        Work(documents[0], tuple(documents), ids[work]) for work, documents in by_work.items()
    )
    return Group(works, related=True, path=folder)


@attrs.frozen
class _Naming:
    """What the names of a catalog's franchise folders say about ids, worked out once.

    Attributes:
        folder_slugs: the slug of every franchise folder.
        clashing: slugs that two folder names share (``boy-skirt`` and
            ``boy☆-skirt``); a name that is not its own slug and has one of
            these is told apart by a hash of the name, so that two works
            never share an id and the plain name keeps the plain id.
    """

    folder_slugs: frozenset[str] = frozenset()
    clashing: frozenset[str] = frozenset()
    # Slugs that two card names of the folder being named share (x♡, x♥).
    card_clashing: frozenset[str] = frozenset()

    @classmethod
    def of(cls, folders: Iterable[str]) -> _Naming:
        """Return the naming of a catalog whose franchise folders are *folders*."""
        slugs, clashing = _clashes(folders)
        return cls(slugs, clashing)

    def within(self, works: Iterable[str]) -> _Naming:
        """Return this naming for the cards of one folder, whose *works* may clash too (``x♡``, ``x♥``)."""
        return attrs.evolve(self, card_clashing=_clashes(works)[1])

    def slug(self, name: str) -> str:
        """Return the slug of folder *name*, told apart from a clashing plain name."""
        return _told_apart(name, self.clashing)

    def card_slug(self, name: str) -> str:
        """Return the slug of card *name*, told apart from a clashing folder or card name."""
        return _told_apart(name, self.clashing | self.card_clashing)


def _told_apart(name: str, clashing: frozenset[str]) -> str:
    slug = _slug(name)
    if slug in clashing and name != slug:
        return f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"
    return slug


def _clashes(names: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Return the slugs of *names*, and those that more than one name shares."""
    seen: dict[str, str] = {}
    clashing: set[str] = set()
    for name in names:
        slug = _slug(name)
        if seen.setdefault(slug, name) != name:
            clashing.add(slug)
    return frozenset(seen), frozenset(clashing)


def catalog_ids(
    franchise: str, works: Iterable[str], naming: _Naming | None = None
) -> list[str | None]:
    """Return the ids of the *works* of folder *franchise*, each by :func:`catalog_id`.

    One folder can hold both ``x`` and ``<franchise>-x``, to which that rule
    gives one id; the one whose name lacks the franchise's then puts it last
    (``tetsuwan-atom-tv-serie-astro-boy`` beside
    ``astro-boy-tetsuwan-atom-tv-serie``), which depends on that folder alone.
    With the catalog's *naming*, two more clashes are avoided: a work whose
    id would be another franchise folder's own name (``family/family-complex``
    beside ``family-complex/``) keeps its franchise in front, and names that
    differ only in characters a slug drops (``boy☆-skirt``) get a short hash.
    """
    names = list(works)
    naming = (naming or _Naming()).within(names)
    ids = [catalog_id(franchise, work, naming) for work in names]
    own = {naming.card_slug(work) for work in names}
    franchise_slug = naming.slug(franchise)
    for index, (work, id_) in enumerate(zip(names, ids, strict=True)):
        slug = naming.card_slug(work)
        if id_ is not None and id_ != slug and id_ in own:
            ids[index] = f"{slug}-{franchise_slug}"
        elif id_ == slug != franchise_slug and slug in naming.folder_slugs:
            ids[index] = f"{franchise_slug}-{slug}"
    return ids


def catalog_id(franchise: str, work: str, naming: _Naming | None = None) -> str | None:
    """Return the id of *work* in folder *franchise* of a card catalog.

    It is the work's slug, with the franchise's slug in front unless the work's
    already starts with it: ``tenki-no-ko/tenki-no-ko-movie`` is
    ``tenki-no-ko-movie`` and ``watashi-no-ookami-san/dear`` is
    ``watashi-no-ookami-san-dear``.  Titles repeat across a catalog (a manga,
    its light novel and its film share one), and so do work names across
    franchises, so neither alone would do; this depends on nothing but the
    work's own place, so it never changes when other works are added.
    ``None`` when neither name has a letter or digit to make a slug of.
    """
    naming = naming or _Naming()
    franchise_slug, work_slug = naming.slug(franchise), naming.card_slug(work)
    if not work_slug:
        return franchise_slug or None
    if not franchise_slug or work_slug == franchise_slug:
        return work_slug
    if work_slug.startswith(f"{franchise_slug}-"):
        return work_slug
    return f"{franchise_slug}-{work_slug}"


def _slug(name: str) -> str:
    # Catalog names are nearly all ASCII, for which slugify's rules come down
    # to this one substitution; listing a large catalog spends most of its
    # time here otherwise.
    if name.isascii():
        return _NOT_SLUG.sub("-", name.lower()).strip("-")
    return slugify(name)


# -- loading ---------------------------------------------------------------


@attrs.frozen
class Outcome:
    """One work's outcome as a worker reports it: small, and cheap to send between processes.

    Attributes:
        path: as :attr:`LoadResult.path`.
        id: the series' id, or ``None`` when it failed to load.
        error: why it failed, or ``None``.
        selected: whether the selection kept it (always, without one).
        payload: what the job made of the series, or the series itself
            without a job; ``None`` when it failed or was not selected.
    """

    path: str
    id: str | None = None
    error: LayznerError | None = None
    selected: bool = True
    payload: object = None


@attrs.frozen
class Job:
    """What to do with each series where it is loaded: keep it or not, and what to make of it.

    Both callables run in the worker processes with several workers, so they
    must be picklable (module-level functions, or objects of module-level
    classes) and give the same answer in any process.
    """

    select: Callable[[Series], bool] | None = None
    make: Callable[[Series], object] | None = None


def run(
    shelf: Shelf, *, workers: int = 1, strict: bool = False, job: Job | None = None
) -> Iterator[Outcome]:
    """Load the works of *shelf* and yield their outcomes in order, with *job* done where each loads.

    A series whose id an earlier one already has becomes a failure
    (:class:`DuplicateSeriesError`), so that ids name works one to one.
    """
    # The ids seen so far: the one thing that grows with the works, a few
    # dozen bytes each.
    seen: set[str] = set()
    groups = shelf.groups()
    size = _chunk_size(len(shelf.folders) or 1, workers)
    for outcome in _load_groups(groups, size, workers=workers, strict=strict, job=job or Job()):
        if outcome.id is None:
            yield outcome
        elif outcome.id in seen:
            message = f"another work loaded earlier has the id {outcome.id!r}"
            yield Outcome(outcome.path, error=DuplicateSeriesError(message, path=outcome.path))
        else:
            seen.add(outcome.id)
            yield outcome


def _load_groups(
    groups: Iterable[Group], size: int, *, workers: int, strict: bool, job: Job
) -> Iterator[Outcome]:
    chunks = _chunks(groups, size)
    first = list(itertools.islice(chunks, 2))
    if workers == 1 or len(first) < 2:
        for chunk in itertools.chain(first, chunks):
            yield from _load_chunk(chunk, strict, job)
        return
    yield from _load_in_processes(
        itertools.chain(first, chunks), workers=workers, strict=strict, job=job
    )


def _load_in_processes(
    chunks: Iterator[tuple[Group, ...]], *, workers: int, strict: bool, job: Job
) -> Iterator[Outcome]:
    # forkserver, not fork: forking a process that runs threads (a progress
    # bar's, a caller's) can deadlock the child.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_pickle_model_by_fields,
    )
    remaining = chunks
    pending: deque[Future[list[Outcome]]] = deque(
        pool.submit(_load_chunk, chunk, strict, job)
        for chunk in itertools.islice(remaining, workers * _QUEUED_PER_WORKER)
    )
    try:
        while pending:
            try:
                outcomes = pending.popleft().result()
            except BrokenProcessPool as error:
                msg = f"a worker process died while loading ({error})"
                raise LayznerError(msg) from None
            following = next(remaining, None)
            if following is not None:
                pending.append(pool.submit(_load_chunk, following, strict, job))
            yield from outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pickle_model_by_fields() -> None:
    """Pickle the model's classes as their constructor and field values, in this (worker) process.

    attrs pickles a slotted class through a ``__setstate__`` that sets one
    attribute at a time; rebuilding through the constructor unpickles about
    twice as fast, and unpickling is the part of a parallel load that the
    consuming process pays alone.
    """
    for name in _model.__all__:
        cls = getattr(_model, name)
        if isinstance(cls, type) and attrs.has(cls):
            names = tuple(field.name for field in attrs.fields(cls) if field.init)
            copyreg.pickle(cls, _by_fields(names))


def _by_fields(names: tuple[str, ...]) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    def reduce(value: Any) -> tuple[type, tuple[Any, ...]]:
        return type(value), tuple(getattr(value, name) for name in names)

    return reduce


def _chunk_size(folders: int, workers: int) -> int:
    # A few chunks per worker at least, so that a small run still spreads; the
    # folders stand in for the works, which are not counted beforehand.
    return max(1, min(_CHUNK_WORKS, folders // (workers * 4)))


def _chunks(groups: Iterable[Group], size: int) -> Iterator[tuple[Group, ...]]:
    """Cut *groups* into runs of about *size* works, lazily; a franchise is never split."""
    current: list[Group] = []
    count = 0
    for group in groups:
        current.append(group)
        count += len(group.works) or 1
        if count >= size:
            yield tuple(current)
            current, count = [], 0
    if current:
        yield tuple(current)


def _load_chunk(chunk: tuple[Group, ...], strict: bool, job: Job) -> list[Outcome]:
    """Load the works of *chunk* and do *job*; run in a worker process, so it is module-level."""
    try:
        return _load_chunk_works(chunk, strict, job)
    finally:
        _forget_memos()


def _forget_memos() -> None:
    """Empty the readers' bounded memo caches, which serve one work's text, not the next work's.

    Kept across a catalog, they fill to tens of megabytes (65,536 folded
    words and names each) for no gain: the benchmark shows the same speed
    with them emptied after every chunk, and a flat peak memory.
    """
    for module in _MEMOIZING_MODULES:
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] is not None:
                value.cache_clear()


def _load_chunk_works(chunk: tuple[Group, ...], strict: bool, job: Job) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for group in chunk:
        if group.error is not None:
            outcomes.append(Outcome(group.path, error=group.error))
            continue
        loaded = [_load_work(work, strict=strict) for work in group.works]
        if group.related:
            loaded = _relate(loaded)
        outcomes += [_do(job, path, result) for path, result in loaded]
    return outcomes


def _load_work(work: Work, *, strict: bool) -> tuple[str, Series | LayznerError]:
    try:
        series = load(work.documents or work.path, strict=strict)
        if work.id is not None and work.id != series.id:
            series = attrs.evolve(series, id=work.id)
    except LayznerError as error:
        return work.path, error
    except Exception as error:  # a reader's bug must cost this work only, never the run
        return work.path, _internal_error(error, work.path)
    return work.path, series


def _do(job: Job, path: str, result: Series | LayznerError) -> Outcome:
    if isinstance(result, LayznerError):
        return Outcome(path, error=result)
    try:
        if job.select is not None and not job.select(result):
            return Outcome(path, result.id, selected=False)
        payload = result if job.make is None else job.make(result)
    except LayznerError as error:
        return Outcome(path, error=_located(error, path))
    except Exception as error:  # a job's bug, likewise
        return Outcome(path, error=_internal_error(error, path))
    return Outcome(path, result.id, payload=payload)


def _located(error: LayznerError, path: str) -> LayznerError:
    # An exporter's error is about the work, not a file it names: say which work.
    if error.path is not None:
        return error
    return type(error)(error.message, path=path, line=error.line, offset=error.offset)


def _internal_error(error: Exception, path: str) -> LayznerError:
    detail = " ".join(str(error).split())
    return LayznerError(f"internal error: {type(error).__name__}: {detail}", path=path)


def _relate(
    loaded: list[tuple[str, Series | LayznerError]],
) -> list[tuple[str, Series | LayznerError]]:
    """Relate the loaded works of one franchise (see :mod:`layzner._franchise`); failures stay."""
    positions = [i for i, (_, result) in enumerate(loaded) if isinstance(result, Series)]
    works = [result for _, result in loaded if isinstance(result, Series)]
    out = list(loaded)
    for index, series in zip(positions, relate(works), strict=True):
        out[index] = (loaded[index][0], series)
    return out
