"""Merge what each document says into one Series, recording every decision.

Rules, in the order a reader of a Series would ask about them:

* **Ranking.** Where documents disagree on a value, the document whose
  format ranks highest wins (each format's descriptor in the readers'
  registry gives its rank, and a rank for the fields where it is trusted
  more or less): the profile page over the card, and the card over the
  article, for the profile's info table is edited by hand, the card is
  generated from a database, and the article lost its case, digits and
  punctuation.  Every such disagreement becomes a :class:`~layzner.Conflict`
  naming each candidate's evidence.  The merge never names a format: it
  asks the descriptor what a format's text lost.
* **Validation before ranking.** A value that is impossible is rejected
  whatever its rank: an end date before the start, an end date equal to the
  start of a multi-episode TV series (the card format copies the start date
  into the end date when it does not know), a Japanese title that is
  mojibake.  Rejections are Conflicts too.
* **Same entity, different spelling.** Names are compared folded
  (``_text.fold``): case, macrons and Hepburn long vowels do not matter, so
  ``Ryōsuke`` and ``Ryousuke`` are one person.  The best-written form is
  kept (a cased spelling over an all-lowercase one, then the one with the
  most long-vowel marks, then the highest-ranked document's), and the other
  spellings become aliases.
* **Evidence.** ``Series.evidence`` maps field paths to the evidence of the
  value the series carries.  A statement a document makes over several
  lines (a split author bullet, a repeated key) cites each of its lines,
  here and in conflicts.
"""

from __future__ import annotations

import heapq
import itertools
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ._model import (
    Candidate,
    Character,
    Company,
    Conflict,
    Credit,
    DateRange,
    Episodes,
    Evidence,
    Link,
    PartialDate,
    Series,
    Song,
    Synopsis,
    Title,
    UnparsedLine,
    slugify,
)
from ._mojibake import MojibakeDiagnosis, diagnose_mojibake
from ._readers import DocumentFormat, Reading, Stated, format_named
from ._string_pool import pooled
from ._text import fold, has_cjk, long_vowel_marks, title_key, title_keys
from ._vocabulary import EPISODE_FIELDS
from .errors import InconsistentSeriesError, MissingFactError

__all__ = ["reconcile"]

_T = TypeVar("_T")
# The rank of a document whose format no reader knows: below every format's.
_UNKNOWN_RANK = 9
# Field paths that name what one series alone has (its characters, links,
# titles, the documents its synopses come from) or few series share (a
# person's credits): pooling them would share little and fill the bounded
# string pool, leaving no room for the vocabulary many series share.
_OWN_FIELDS = ("authors[", "characters[", "links[", "staff[", "synopses[", "titles[")
# A series of more fields than this holds a long list that is its own
# (thousands of tags): its later field paths are not pooled.
_SHARED_FIELDS = 2000


# What a field cites: one line alone, a few in a tuple, or many in a dict
# (which keeps their order and makes citing one twice free).  A dict of one
# would cost some 200 bytes per field, and most fields cite one line.
_Cited = Evidence | tuple[Evidence, ...] | dict[Evidence, None]
_FEW_CITED = 8  # past this many lines, a field's evidence is a dict


def _cited_items(cited: _Cited | None) -> tuple[Evidence, ...] | dict[Evidence, None]:
    """Return the evidence a field cites, in the order first cited."""
    if cited is None:
        return ()
    return (cited,) if isinstance(cited, Evidence) else cited


@attrs.define
class _Builder:
    """Collects the reconciled fields, their evidence and the conflicts."""

    readings: list[Reading]
    # Each field's evidence in the order first cited: a dict keeps that
    # order and makes citing an item twice free; a field citing one line
    # holds that line alone (see _cited_items).
    evidence: dict[str, _Cited] = attrs.Factory(dict)
    # The evidence of the items of list fields (``"tags[comedy]"``), which
    # nothing asks for again while reconciling: each is a pair in its final
    # form, in the order cited, sorted and merged once, when the series is
    # made.  A series of thousands of items holds no table of them then.
    item_pairs: list[tuple[str, tuple[Evidence, ...]]] = attrs.Factory(list)
    conflicts: list[Conflict] = attrs.Factory(list)
    more_lines: dict[Evidence, list[Evidence]] = attrs.field(init=False)
    _formats: dict[str, DocumentFormat | None] = attrs.field(init=False, factory=dict)
    # With a lossy document loaded: how much of each field's evidence comes
    # from other documents, kept as evidence is cited, so that asking is free.
    _besides_lossy: dict[str, int] | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        self.more_lines = {k: v for r in self.readings for k, v in r.more_lines.items()}
        for reading in self.readings:
            self._formats.setdefault(reading.source.id, format_named(reading.source.format))
        if any(format_ and format_.lossy for format_ in self._formats.values()):
            self._besides_lossy = {}

    def lines_of(self, evidence: Iterable[Evidence]) -> list[Evidence]:
        """Return *evidence* with the other lines of each statement after it."""
        more_lines = self.more_lines
        if not more_lines:
            return list(evidence)
        return [line for item in evidence for line in (item, *more_lines.get(item, ()))]

    def format_of(self, evidence: Evidence) -> DocumentFormat | None:
        """Return the format of the document *evidence* comes from (``None`` if unknown)."""
        return self._formats.get(evidence.source)

    def is_lossy(self, evidence: Evidence) -> bool:
        """Return whether *evidence* comes from a document that lost its case and punctuation."""
        format_ = self._formats.get(evidence.source)
        return format_ is not None and format_.lossy

    def rank(self, evidence: Evidence) -> int:
        """Return the rank of the document *evidence* comes from."""
        format_ = self._formats.get(evidence.source)
        return _UNKNOWN_RANK if format_ is None else format_.rank

    def describe(self, evidence: Evidence) -> str:
        format_ = self.format_of(evidence)
        if format_ is None:
            return evidence.source
        return f"the {format_.label} ({evidence.source})"

    def cite(self, field: str, evidence: Iterable[Evidence]) -> None:
        cited = self.evidence.get(field)
        new = self.lines_of(evidence)
        added: Iterable[Evidence]
        if isinstance(cited, dict):
            before = len(cited)
            cited.update(dict.fromkeys(new))
            # The new items are the last ones: a dict keeps insertion order.
            added = itertools.islice(reversed(cited), len(cited) - before)
        else:
            had = _cited_items(cited)
            merged = tuple(dict.fromkeys((*had, *new)))
            added = merged[len(had) :]
            if len(merged) == 1:
                self.evidence[field] = merged[0]
            else:
                few = len(merged) <= _FEW_CITED
                self.evidence[field] = merged if few else dict.fromkeys(merged)
        if self._besides_lossy is not None and (
            others := sum(not self.is_lossy(item) for item in added)
        ):
            self._besides_lossy[field] = self._besides_lossy.get(field, 0) + others

    def cite_item(self, field: str, evidence: Iterable[Evidence]) -> None:
        """Record *evidence* for *field*, an item of a list field, which is never asked for again.

        An item citing the same line alone as the item before it (the
        genres of one profile row) shares its tuple.
        """
        lines = self.lines_of(evidence)
        items: tuple[Evidence, ...]
        if len(lines) == 1:
            last = self.item_pairs[-1][1] if self.item_pairs else ()
            items = last if len(last) == 1 and last[0] is lines[0] else (lines[0],)
        else:
            items = tuple(dict.fromkeys(lines))
        # Field paths many series have are pooled, up to the long lists
        # that are a series' own (see _field_pairs).
        if len(self.item_pairs) < _SHARED_FIELDS and not field.startswith(_OWN_FIELDS):
            field = pooled(field)
        self.item_pairs.append((field, items))

    def cites_lossy_only(self, field: str) -> bool:
        """Return whether *field* cites evidence, all of it from lossy documents."""
        if not _cited_items(self.evidence.get(field)) or self._besides_lossy is None:
            return False
        return not self._besides_lossy.get(field, 0)

    def cited(self, field: str) -> list[Evidence]:
        """Return the evidence cited for *field* so far."""
        return list(_cited_items(self.evidence.get(field)))

    def conflict(
        self,
        field: str,
        candidates: Sequence[tuple[str, Sequence[Evidence]]],
        chosen: str | None,
        reason: str,
    ) -> None:
        self.conflicts.append(
            Conflict(
                field=field,
                candidates=tuple(
                    Candidate(value, tuple(dict.fromkeys(self.lines_of(ev))))
                    for value, ev in candidates
                ),
                chosen=chosen,
                reason=reason,
            )
        )

    def pick(
        self,
        field: str,
        statements: Sequence[Stated[_T]],
        render: Callable[[_T], str] = str,
    ) -> _T | None:
        """Return the value the highest-ranked document states; record a Conflict if others differ."""
        if not statements:
            return None
        if len(statements) == 1:  # most fields of most loads: nothing to rank
            self.cite(field, [statements[0].evidence])
            return statements[0].value
        groups: dict[str, list[Stated[_T]]] = {}
        for stated in sorted(statements, key=lambda s: self.rank(s.evidence)):
            groups.setdefault(render(stated.value), []).append(stated)
        chosen_text, chosen = next(iter(groups.items()))
        self.cite(field, (s.evidence for s in chosen))
        if len(groups) > 1:
            winner = self.describe(chosen[0].evidence)
            self.conflict(
                field,
                [(text, [s.evidence for s in group]) for text, group in groups.items()],
                chosen_text,
                f"the documents disagree; {winner} ranks highest for this field",
            )
        return chosen[0].value


def reconcile(readings: Sequence[Reading]) -> Series:
    """Merge *readings* (one per document) into a Series.

    The readings are used up: the statements of their list fields (tags,
    authors, characters and the like) are taken from them as they are
    reconciled (see :func:`_take`), so that the statements of a long list
    go while the series' items are made.

    Raises:
        InconsistentSeriesError: the documents name different series.
        MissingFactError: no document states the series' title.
    """
    ordered = sorted(readings, key=lambda r: (_rank_of(r), r.source.id))
    _check_same_series(ordered)
    builder = _Builder(list(ordered))
    title, titles = _reconcile_titles(builder)
    episodes = _reconcile_episodes(builder)
    media_type = _reconcile_media_type(builder, episodes)
    source_material = builder.pick(
        "source_material", [r.source_material for r in ordered if r.source_material]
    )
    aired = _reconcile_aired(builder, media_type, episodes)
    volumes = builder.pick("volumes", [r.volumes for r in ordered if r.volumes])
    chapters = builder.pick("chapters", [r.chapters for r in ordered if r.chapters])
    rating = builder.pick("rating", [r.rating for r in ordered if r.rating])
    image = builder.pick("image", [r.image for r in ordered if r.image])
    lone = _lone_director_lines(ordered)
    return Series(
        id=slugify(title) or "series",  # a title of punctuation alone has no slug
        title=title,
        titles=titles,
        media_type=media_type,
        source_material=source_material,
        episodes=episodes,
        volumes=volumes,
        chapters=chapters,
        aired=aired,
        companies=_reconcile_companies(builder),
        staff=_reconcile_staff(builder, lone),
        authors=_reconcile_credits(builder, "authors", _take(r.authors for r in ordered)),
        genres=_reconcile_words(builder, "genres", _take(r.genres for r in ordered)),
        tags=_reconcile_words(builder, "tags", _take(r.tags for r in ordered)),
        characters=_reconcile_characters(builder),
        songs=_reconcile_songs(builder),
        games=_reconcile_words(builder, "games", _take(r.games for r in ordered)),
        rating=rating,
        links=_reconcile_links(builder),
        image=image,
        synopses=_reconcile_synopses(builder),
        sources=tuple(r.source for r in sorted(readings, key=lambda r: r.source.id)),
        evidence=_evidence_pairs(builder),
        conflicts=tuple(builder.conflicts),
        unparsed=_unparsed_lines(ordered, used=[line for lines in lone.values() for line in lines]),
    )


def _evidence_pairs(builder: _Builder) -> tuple[tuple[str, tuple[Evidence, ...]], ...]:
    """Return the series' evidence, by field path, one pair per field, sorted by path.

    The items of list fields are already pairs; the other fields are made
    pairs here (:func:`_field_pairs`).  Both are merged in order, and a field
    cited twice (two items whose keys slug alike) cites the lines of both,
    in the order cited.
    """
    builder.item_pairs.sort(key=_field_path)  # stable: a field's pairs stay in the order cited
    pairs = heapq.merge(_field_pairs(builder.evidence), builder.item_pairs, key=_field_path)
    # Made from a generator: a list of the pairs would cost a pointer a
    # field at the peak, on top of the tuple.
    return tuple(_one_pair_per_field(pairs))


def _field_path(pair: tuple[str, tuple[Evidence, ...]]) -> str:
    return pair[0]


def _one_pair_per_field(
    pairs: Iterable[tuple[str, tuple[Evidence, ...]]],
) -> Iterator[tuple[str, tuple[Evidence, ...]]]:
    """Yield *pairs*, sorted by field path, with the pairs of one field merged."""
    for field, run in itertools.groupby(pairs, key=_field_path):
        first, *more = run
        if not more:  # every field but a rare item whose key slugs like another's
            yield first
            continue
        yield field, tuple(dict.fromkeys(line for pair in (first, *more) for line in pair[1]))


def _field_pairs(evidence: dict[str, _Cited]) -> list[tuple[str, tuple[Evidence, ...]]]:
    """Return the pairs of the fields that are not list items, sorted, sharing what they have in common.

    A series kept in memory holds many: the field paths that many series
    have (``"aired.start"``) are pooled (:func:`~layzner._string_pool.pooled`),
    those naming the series' own titles (or of a series of thousands of
    fields) are not, and fields citing the same statements (a title, its
    language and the headline) share one tuple.
    """
    shared: dict[object, tuple[Evidence, ...]] = {}
    pairs = []
    # The field names alone are sorted: a list of (field, evidence) items
    # would cost a tuple per field on top of the series' own.
    for field in sorted(evidence):
        cited = evidence[field]
        if isinstance(cited, Evidence):
            # Keyed by the line itself: an id would cost an int per field.
            items = shared.get(cited) or shared.setdefault(cited, (cited,))
        else:
            items = _cited_tuple(cited)
            key = id(items[0]) if len(items) == 1 else tuple(map(id, items))
            items = shared.setdefault(key, items)
        own = field.startswith(_OWN_FIELDS) or len(evidence) > _SHARED_FIELDS
        pairs.append((field if own else pooled(field), items))
    return pairs


def _cited_tuple(cited: _Cited) -> tuple[Evidence, ...]:
    """Return what a field cites as a tuple, in the order first cited."""
    items = _cited_items(cited)
    return items if isinstance(items, tuple) else tuple(items)


# -- formats ------------------------------------------------------------------


def _rank_of(reading: Reading, field: str = "") -> int:
    """Return the rank of *reading*'s format for the Series attribute *field*."""
    format_ = format_named(reading.source.format)
    return _UNKNOWN_RANK if format_ is None else format_.rank_for(field)


def _is_lossy(reading: Reading) -> bool:
    """Return whether *reading*'s document lost its case, digits and punctuation."""
    format_ = format_named(reading.source.format)
    return format_ is not None and format_.lossy


def _partial_romanisation(builder: _Builder, stated: Stated[Title]) -> bool:
    """Return whether *stated* is a romanised title from a format whose romanisations lack words."""
    format_ = builder.format_of(stated.evidence)
    return (
        stated.value.language == "ja-Latn" and format_ is not None and format_.partial_romanisations
    )


# -- identity ---------------------------------------------------------------


def _same_title(first: str, second: str, *, lossy: bool = False) -> bool:
    # Equal titles only: "Macross" and "Macross Plus" are two series, so a
    # shortened title never links documents by itself.
    return bool(title_keys(first, lossy=lossy) & title_keys(second, lossy=lossy))


def _mojibake_of(corrupted: str, clean: str) -> bool:
    """Return whether *corrupted* is mojibake consistent with the clean title *clean*."""
    if not has_cjk(clean):
        return False
    diagnosis = diagnose_mojibake(corrupted)
    return diagnosis is not None and diagnosis.consistent_with(clean)


def _check_same_series(readings: Sequence[Reading]) -> None:
    if not readings:
        return
    named = [r for r in readings if r.title or r.titles]
    if not named:
        first = readings[0]
        format_ = format_named(first.source.format)
        by_offset = format_ is not None and format_.cites_offsets
        raise MissingFactError(
            "no document states the series' title",
            path=first.source.path,
            line=None if by_offset else 1,
            offset=0 if by_offset else None,
        )

    if len(named) == 1:  # one document agrees with itself
        return
    groups = _linked_groups(named)
    if len(groups) > 1:
        main = max(groups, key=lambda g: (len(g), -min(g)))
        odd = named[min(set(range(len(named))) - main)]
        stated = odd.title or odd.titles[0]
        first_main = named[min(main)]
        main_title = first_main.title.value if first_main.title else first_main.titles[0].value.text
        odd_title = stated.value if isinstance(stated.value, str) else stated.value.text
        raise InconsistentSeriesError(
            f"this document describes {odd_title!r}, but {first_main.source.path} describes "
            f"{main_title!r}: load one series at a time",
            path=odd.source.path,
            line=stated.evidence.line,
            offset=stated.evidence.offset,
        )


def _names(reading: Reading) -> list[str]:
    found = [t.value.text for t in reading.titles]
    if reading.title:
        found.append(reading.title.value)
    return found


def _linked_groups(readings: Sequence[Reading]) -> list[set[int]]:
    """Return the indexes of *readings* in groups that their titles connect.

    Two documents are linked when a title of one equals a title of the other
    (:func:`_same_title`; lossy when either is lossy), or when one's
    corrupted title re-encodes to the other's clean one.  The groups are
    the connected documents.  Titles are indexed by key, so that linking
    stays linear in the documents, and a mojibake pair is only compared
    when its documents are not linked yet.
    """
    links = _Links(len(readings))
    names = [_names(reading) for reading in readings]
    _link_same_titles(links, names, [_is_lossy(reading) for reading in readings])
    _link_mojibake(links, names)
    groups: dict[int, set[int]] = defaultdict(set)
    for index in range(len(readings)):
        groups[links.find(index)].add(index)
    return list(groups.values())


class _Links:
    """Disjoint sets of indexes: each set is named by its root, found with path compression."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        parent = self.parent
        root = index
        while parent[root] != root:
            root = parent[root]
        while parent[index] != root:
            parent[index], index = root, parent[index]
        return root

    def union(self, first: int, second: int) -> None:
        self.parent[self.find(second)] = self.find(first)


def _link_same_titles(links: _Links, names: list[list[str]], lossy: list[bool]) -> None:
    """Link the documents that share a title.

    Exact keys link two documents that are not lossy; lossy keys link a
    lossy document with any document.
    """
    first_exact: dict[str, int] = {}
    first_lossy: dict[str, int] = {}
    for index, reading_names in enumerate(names):
        for name in reading_names:
            if lossy[index]:
                for key in title_keys(name, lossy=True):
                    first_lossy.setdefault(key, index)
            else:
                for key in title_keys(name):
                    links.union(first_exact.setdefault(key, index), index)
    for index, reading_names in enumerate(names):
        for name in reading_names:
            for key in title_keys(name, lossy=True):
                if key in first_lossy:
                    links.union(first_lossy[key], index)


def _link_mojibake(links: _Links, names: list[list[str]]) -> None:
    """Link the documents not linked yet whose corrupted title re-encodes to another's clean one."""
    corrupted: dict[str, list[int]] = defaultdict(list)
    clean: dict[str, list[int]] = defaultdict(list)
    for index, reading_names in enumerate(names):
        for name in reading_names:
            if has_cjk(name):
                clean[name].append(index)
            elif not name.isascii() and diagnose_mojibake(name) is not None:
                corrupted[name].append(index)
    for bad, bad_in in corrupted.items():
        for good, good_in in clean.items():
            linked = {links.find(i) for i in (*bad_in, *good_in)}
            if len(linked) > 1 and _mojibake_of(bad, good):
                for index in (*bad_in, *good_in):
                    links.union(bad_in[0], index)


# -- titles -------------------------------------------------------------------


def _reconcile_titles(builder: _Builder) -> tuple[str, tuple[Title, ...]]:
    statements = [t for r in builder.readings for t in r.titles]
    headline = _headline(builder, statements)
    builder.cite("title", [headline.evidence])
    # Mojibake is rejected before anything else: it is never a value.
    clean, corrupted = _split_mojibake(statements)
    # Group titles that are the same name written differently.  Latin-script
    # titles group across "en" and "ja-Latn": the card format labels its
    # heading "ja-Latn" whatever it is, so the better-ranked label wins.
    groups = _group_titles(builder, sorted(clean, key=lambda s: builder.rank(s.evidence)))
    main_text, titles = _titles_of_groups(builder, groups, headline.value)
    if not any(t.kind == "main" for t in titles):
        language = "ja" if has_cjk(main_text) else "en"
        titles.insert(0, Title(main_text, language, "main"))
        builder.cite(f"titles[{titles[0].key}]", [headline.evidence])
    _add_separate_headlines(builder, titles)
    titles.sort(key=lambda t: t.kind != "main")
    _replace_mojibake(builder, titles, corrupted)
    return main_text, tuple(titles)


def _headline(builder: _Builder, statements: list[Stated[Title]]) -> Stated[str]:
    """Return the series' headline: the first document's, or else the first title any states."""
    headline = next((r.title for r in builder.readings if r.title), None)
    if headline is not None:
        return headline
    if not statements:
        path = builder.readings[0].source.path
        raise MissingFactError("no document states the series' title", path=path)
    return Stated(statements[0].value.text, statements[0].evidence)


def _split_mojibake(
    statements: list[Stated[Title]],
) -> tuple[list[Stated[Title]], list[Stated[Title]]]:
    """Return the clean titles of *statements*, and the corrupted ones."""
    clean: list[Stated[Title]] = []
    corrupted: list[Stated[Title]] = []
    for stated in statements:
        # ASCII is never mojibake: skip the diagnosis and its cache.
        if not stated.value.text.isascii() and diagnose_mojibake(stated.value.text) is not None:
            corrupted.append(stated)
        else:
            clean.append(stated)
    return clean, corrupted


def _titles_of_groups(
    builder: _Builder, groups: list[list[Stated[Title]]], main_text: str
) -> tuple[str, list[Title]]:
    """Return the main title as its best-written group spells it, and each group's titles."""
    titles: list[Title] = []
    for group in groups:
        if all(_partial_romanisation(builder, s) for s in group):
            # The article's romanisation lost its particles ("Hagane
            # Renkinjutsushi"): it links documents and supports another
            # document's title, but is no title of its own.
            continue
        # A synonym (a card's Latin original-name) is another name, never
        # the better spelling of a document's own title.
        named = [s for s in group if s.value.kind != "synonym"] or group
        best = _best_written(named, lambda t: t.text, builder)
        is_main = best.value.text == main_text or title_key(best.value.text) == title_key(main_text)
        if is_main:
            main_text = best.value.text
            builder.cite("title", [s.evidence for s in group])
        kind = "main" if is_main else _title_kind(group)
        title = Title(best.value.text, best.value.language, kind)
        titles.append(title)
        builder.cite(f"titles[{title.key}]", [s.evidence for s in group])
        builder.cite(f"titles.{title.language}", [s.evidence for s in group])
        titles += _variant_titles(builder, group, best)
    return main_text, titles


def _title_kind(group: list[Stated[Title]]) -> str:
    """Return the kind of a title that is not the main one: the strongest kind its group states."""
    kinds = [s.value.kind for s in group]
    kind = next((k for k in ("official", "native", "main", "synonym") if k in kinds), kinds[0])
    return "official" if kind == "main" else kind


def _variant_titles(
    builder: _Builder, group: list[Stated[Title]], best: Stated[Title]
) -> list[Title]:
    """Return the variant spellings of *best* in *group*, each kept as a synonym."""
    found = []
    for variant in _variants(group, best, lambda t: t.text):
        if builder.is_lossy(variant.evidence):
            # The article's rendering lost digits and punctuation: it is
            # a damaged copy of the title, not another spelling of it.
            continue
        alias = Title(variant.value.text, variant.value.language, "synonym")
        found.append(alias)
        builder.cite(f"titles[{alias.key}]", [variant.evidence])
    return found


def _replace_mojibake(
    builder: _Builder, titles: list[Title], corrupted: list[Stated[Title]]
) -> None:
    """Record a Conflict for each corrupted title, repairing the clean title that stands for it.

    The first clean title of each language that can stand for a corrupted
    one is replaced in place by the repair, keeping its language and kind.
    """
    replaceable: dict[str, int] = {}
    for index, title in enumerate(titles):
        if title.kind in {"native", "official", "main"}:
            replaceable.setdefault(title.language, index)
    consistent: dict[tuple[str, str], bool] = {}
    for stated in corrupted:
        diagnosis = diagnose_mojibake(stated.value.text)
        assert diagnosis is not None
        place = replaceable.get(stated.value.language)
        replacement = None
        if place is not None:
            titles[place] = replacement = _prefer_complete_repair(
                builder, diagnosis.recovered, titles[place]
            )
        _record_mojibake(builder, stated, diagnosis, replacement, consistent)


def _record_mojibake(
    builder: _Builder,
    stated: Stated[Title],
    diagnosis: MojibakeDiagnosis,
    replacement: Title | None,
    consistent: dict[tuple[str, str], bool],
) -> None:
    """Record the Conflict of corrupted title *stated* and the clean *replacement* chosen over it.

    *consistent* caches the check of each pair: many documents may repeat
    one corrupted title.
    """
    chosen = replacement.text if replacement else None
    if replacement is None:
        check = f"{diagnosis.explain()}; no other document gives a clean value"
    else:
        pair = (stated.value.text, replacement.text)
        if pair not in consistent:
            consistent[pair] = diagnosis.consistent_with(replacement.text)
        agree = "agree with" if consistent[pair] else "do not match"
        check = f"{diagnosis.explain()}, and those {agree} {chosen!r}"
    builder.conflict(
        f"titles.{stated.value.language}",
        [(stated.value.text, [stated.evidence])]
        + (
            [(chosen, builder.cited(f"titles[{replacement.key}]"))]
            if replacement and chosen
            else []
        ),
        chosen,
        # The corrupted value is escaped: its characters are misleading glyphs.
        f"mojibake: {builder.describe(stated.evidence)} gives the title as "
        f"{stated.value.text!a}, {check}",
    )


def _group_titles(builder: _Builder, statements: list[Stated[Title]]) -> list[list[Stated[Title]]]:
    """Group titles that are one name written differently, each with the first group it matches.

    A title joins the first group whose first title shares a comparison key
    with it (:func:`_same_title`), lossy where either comes from a lossy document,
    and in the same script.  The first titles' keys are indexed, so that
    grouping stays linear in the titles.
    """
    groups: list[list[Stated[Title]]] = []
    # (script, lossy key, from a lossy document, key) -> the first group whose first title has it
    first_with: dict[tuple[bool, bool, bool, str], int] = {}
    scripts = [has_cjk(stated.value.text) for stated in statements]
    alone = {cjk for cjk in scripts if scripts.count(cjk) == 1}
    for stated, cjk in zip(statements, scripts, strict=True):
        if cjk in alone:
            # The only title in its script: it joins no group and none joins it.
            groups.append([stated])
            continue
        text = stated.value.text
        lossy = builder.is_lossy(stated.evidence)
        candidates = [
            first_with[cjk, True, leader_lossy, key]
            for key in title_keys(text, lossy=True)
            # A pair with a lossy title compares lossy keys; others compare exact ones.
            for leader_lossy in ((False, True) if lossy else (True,))
            if (cjk, True, leader_lossy, key) in first_with
        ]
        if not lossy:
            candidates += [
                first_with[cjk, False, False, key]
                for key in title_keys(text)
                if (cjk, False, False, key) in first_with
            ]
        if candidates:
            groups[min(candidates)].append(stated)
            continue
        index = len(groups)
        groups.append([stated])
        for key in title_keys(text, lossy=True):
            first_with.setdefault((cjk, True, lossy, key), index)
        if not lossy:
            for key in title_keys(text):
                first_with.setdefault((cjk, False, False, key), index)
    return groups


def _add_separate_headlines(builder: _Builder, titles: list[Title]) -> None:
    """Add each headline written apart from its document's titles that no other document gives.

    Such a headline (the article's English title) becomes an official title
    in the language its format gives.  A headline that matches a title
    already kept (as a lossy document could write it: a shortened form
    counts) is only more evidence for that title.
    """
    known: _KnownTitles | None = None
    for reading in builder.readings:
        format_ = format_named(reading.source.format)
        if format_ is None or format_.headline_language is None or reading.title is None:
            continue
        if known is None:
            known = _KnownTitles()
            for title in titles:
                known.add(title.text)
        headline = reading.title.value
        if known.matches(headline):
            continue
        title = Title(headline, format_.headline_language, "official")
        titles.append(title)
        known.add(headline)
        builder.cite(f"titles[{title.key}]", [reading.title.evidence])
        builder.cite(f"titles.{title.language}", [reading.title.evidence])


class _KnownTitles:
    """The lossy keys of the titles in Latin script, to match a separate headline against."""

    def __init__(self) -> None:
        self.count = 0
        self.keys: set[str] = set()
        # The lossy keys character by character: which keys a shortened one starts.
        self.prefixes: dict[str, Any] = {}

    def add(self, text: str) -> None:
        if has_cjk(text):
            return
        self.count += 1
        self.keys |= title_keys(text, lossy=True)
        node = self.prefixes
        for char in title_key(text, lossy=True):
            node = node.setdefault(char, {})

    def matches(self, headline: str) -> bool:
        """Return whether a known title starts with *headline*'s lossy key, or shares a key with it."""
        if not self.count:
            return False
        node = self.prefixes
        for char in title_key(headline, lossy=True):
            if char not in node:
                break
            node = node[char]
        else:
            return True
        return not self.keys.isdisjoint(title_keys(headline, lossy=True))


def _prefer_complete_repair(builder: _Builder, recovered: str, replacement: Title) -> Title:
    """Return the title to choose over mojibake: a complete repair beats the article's copy.

    The article's copy of a native title lost its digits and punctuation;
    when re-encoding gives back the whole title (no byte lost) and the
    article's copy agrees with it, the repair is the better-written value.
    """
    if replacement.text == recovered or "\ufffd" in recovered or not has_cjk(recovered):
        return replacement
    field = f"titles[{replacement.key}]"
    if not builder.cites_lossy_only(field) or not _same_title(
        recovered, replacement.text, lossy=True
    ):
        return replacement
    repaired = Title(recovered, replacement.language, replacement.kind)
    builder.cite(f"titles[{repaired.key}]", builder.cited(field))
    return repaired


def _best_written(
    group: Sequence[Stated[_T]], text: Callable[[_T], str], builder: _Builder
) -> Stated[_T]:
    """Return the best-written statement.

    Cased beats all-lowercase, a full name beats one missing a word
    ("Jun Hayami" over "Hayami"), more long-vowel marks beat fewer, and then
    the higher-ranked document wins.
    """
    if len(group) == 1:
        return group[0]
    return min(
        group,
        key=lambda s: (
            text(s.value).islower(),
            -len(text(s.value).split()),
            -long_vowel_marks(text(s.value)),
            builder.rank(s.evidence),
        ),
    )


def _variants(
    group: Sequence[Stated[_T]], best: Stated[_T], text: Callable[[_T], str]
) -> list[Stated[_T]]:
    """Return statements spelling the entity differently from *best* (not only in case or spacing)."""
    if len(group) == 1 and group[0] is best:
        return []
    seen = {_spelling(text(best.value))}
    found = []
    for stated in group:
        spelling = _spelling(text(stated.value))
        if spelling not in seen and not text(stated.value).islower():
            seen.add(spelling)
            found.append(stated)
    return found


def _spelling(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


# -- counts and dates -----------------------------------------------------------


def _reconcile_episodes(builder: _Builder) -> Episodes:
    by_kind: dict[str, list[Stated[int]]] = defaultdict(list)
    for reading in builder.readings:
        for stated in reading.episodes:
            kind, count = stated.value
            by_kind[kind].append(Stated(count, stated.evidence))
    counts = {
        kind: builder.pick(f"episodes.{kind}", statements) for kind, statements in by_kind.items()
    }
    return Episodes(**{k: v for k, v in counts.items() if k in attrs.fields_dict(Episodes)})


def _reconcile_media_type(builder: _Builder, episodes: Episodes) -> str | None:
    media_type = builder.pick(
        "media_type", [r.media_type for r in builder.readings if r.media_type]
    )
    if media_type is None:
        media_type = _media_type_from_episodes(builder, episodes)
    return media_type


def _media_type_from_episodes(builder: _Builder, episodes: Episodes) -> str | None:
    for media_type, field in EPISODE_FIELDS.items():
        if getattr(episodes, field):
            # The profile page states counts by kind, not a type: the series
            # is of the first kind it has episodes of.
            builder.cite("media_type", builder.cited(f"episodes.{field}"))
            return media_type
    return None


def _agrees(first: PartialDate, second: PartialDate) -> bool:
    """Return whether two dates can be the same day: equal in every part both know."""
    return (
        first.year == second.year
        and (first.month is None or second.month is None or first.month == second.month)
        and (first.day is None or second.day is None or first.day == second.day)
    )


def _pick_date(
    builder: _Builder, field: str, statements: Sequence[Stated[PartialDate]]
) -> PartialDate | None:
    """Pick a date: ``April 1991`` and ``1991-04-06`` agree, and the more precise one is kept.

    Dates that cannot be the same day are a disagreement, settled by rank as
    any other field; the winner is then made as precise as the statements
    that agree with it.
    """
    if not statements:
        return None
    winner = builder.pick(field, statements, str)
    assert winner is not None
    agreeing = [s for s in statements if _agrees(s.value, winner)]
    precise = max(agreeing, key=lambda s: (s.value.month is not None, s.value.day is not None))
    if len({s.value for s in agreeing}) > 1:
        # Precision is no disagreement: drop the conflict pick() recorded if
        # every candidate agrees, and cite every agreeing statement.
        if len(agreeing) == len(statements):
            builder.conflicts = [c for c in builder.conflicts if c.field != field]
        builder.cite(field, [s.evidence for s in agreeing])
    return precise.value


def _reconcile_aired(builder: _Builder, media_type: str | None, episodes: Episodes) -> DateRange:
    readings = builder.readings
    start = _pick_date(builder, "aired.start", [r.start for r in readings if r.start])
    return DateRange(start, _reconcile_end(builder, readings, start, media_type, episodes))


def _reconcile_end(
    builder: _Builder,
    readings: Sequence[Reading],
    start: PartialDate | None,
    media_type: str | None,
    episodes: Episodes,
) -> PartialDate | None:
    statements = [r.end for r in readings if r.end]
    # A series of these kinds airs one episode per slot, so several episodes
    # cannot start and end on one day; films and OVAs can be released at once.
    kind = EPISODE_FIELDS.get(media_type or "") if media_type in {"TV", "ONA"} else None
    count = (getattr(episodes, kind) if kind else None) or 0
    accepted: list[Stated[PartialDate]] = []
    rejected: list[tuple[Stated[PartialDate], str]] = []
    own_starts = {r.source.id: r.start.value for r in readings if r.start and r.end}
    for stated in statements:
        end = stated.value
        # A copy is judged against the start its own document gives.
        own_start = own_starts.get(stated.evidence.source, start)
        if start is not None and end.precedes(start):
            rejected.append((stated, f"its end date {end} is before the start date {start}"))
        elif own_start is not None and end == own_start and count > 1:
            rejected.append(
                (
                    stated,
                    f"its end date {end} is the start date, impossible for a {media_type} series "
                    f"of {count} episodes (the card format copies the start date when the end "
                    "is unknown)",
                )
            )
        else:
            accepted.append(stated)
    chosen = _pick_date(builder, "aired.end", accepted)
    for stated, why in rejected:
        candidates = [(str(stated.value), [stated.evidence])]
        if chosen is not None:
            candidates.append((str(chosen), builder.cited("aired.end")))
        builder.conflict(
            "aired.end",
            candidates,
            None if chosen is None else str(chosen),
            f"rejected {builder.describe(stated.evidence)}: {why}",
        )
    return chosen


# -- lists of entities -----------------------------------------------------------


def _take(lists: Iterable[list[Stated[_T]]]) -> list[Stated[_T]]:
    """Return the statements of *lists* (one list field of each reading) in order, emptying each list.

    Reconciling a list field is the last use of its statements: taken from
    the readings, each goes once its item is made (:func:`_group` consumes
    them), and a series of a hundred thousand tags never holds both all of
    its tags' statements and all of its tags' evidence pairs.
    """
    taken: list[Stated[_T]] = []
    for statements in lists:
        taken += statements
        statements.clear()
    return taken


def _group(
    statements: list[Stated[_T]], keys: Callable[[_T], Iterable[str]]
) -> Iterator[list[Stated[_T]]]:
    """Yield groups of statements whose values share any identity key, keeping first-seen order.

    *statements* is consumed: the list is emptied as the groups are made,
    so that a long list's statements go as their items are made (see
    :func:`_take`).

    A statement that shares keys with several groups merges them into the
    earliest, which takes the later groups' members, the latest first, and
    then the statement.  Each key points at the group that holds it, and a
    merge links groups instead of copying them, so that grouping stays
    linear in the statements however they chain.  The groups are made as
    they are asked for: a long list of lone statements needs no list of them all.
    """
    if len(statements) <= 1:  # no key to compare: most lists of most loads
        group = statements[:]
        statements.clear()
        return iter([group] if group else [])
    if not _share_a_key(statements, keys):
        return _one_by_one(statements)  # nothing merges
    members: list[list[object]] = []  # a group's statements, and the groups merged into it
    merged_into: list[int] = []
    owner: dict[str, int] = {}

    def find(group: int) -> int:
        root = group
        while merged_into[root] != root:
            root = merged_into[root]
        while merged_into[group] != root:  # compress the path for the next look-up
            merged_into[group], group = root, merged_into[group]
        return root

    for stated in statements:
        mine = {k for k in keys(stated.value) if k}
        matches = sorted({find(owner[k]) for k in mine if k in owner})
        if matches:
            first = matches[0]
            for other in reversed(matches[1:]):
                members[first].append(members[other])
                merged_into[other] = first
        else:
            first = len(members)
            members.append([])
            merged_into.append(first)
        members[first].append(stated)
        for key in mine:
            owner[key] = first
    statements.clear()  # the groups hold them now
    return (_flatten(members[g]) for g in range(len(members)) if merged_into[g] == g)


def _one_by_one(statements: list[Stated[_T]]) -> Iterator[list[Stated[_T]]]:
    """Yield each of *statements* as a group of its own, taking it from the list as it goes."""
    statements.reverse()  # taken from the end, in their order
    while statements:
        yield [statements.pop()]


def _share_a_key(statements: list[Stated[_T]], keys: Callable[[_T], Iterable[str]]) -> bool:
    """Return whether two of *statements* share an identity key, stopping at the first pair.

    Most lists share none, and a long one then needs no keys kept but the
    set of them all.
    """
    seen: set[str] = set()
    for stated in statements:
        mine = {k for k in keys(stated.value) if k}
        if not seen.isdisjoint(mine):
            return True
        seen |= mine
    return False


def _flatten(parts: list[object]) -> list[Any]:
    """Return the statements of a group, the members of merged groups in their place."""
    found: list[Any] = []
    stack: list[Iterator[object]] = [iter(parts)]
    while stack:
        for part in stack[-1]:
            if isinstance(part, list):
                stack.append(iter(part))
                break
            found.append(part)
        else:
            stack.pop()
    return found


def _reconcile_companies(builder: _Builder) -> tuple[Company, ...]:
    statements = _take(r.companies for r in builder.readings)
    companies = []
    for group in _group(statements, lambda c: [fold(c.name)]):
        best = _best_written(group, lambda c: c.name, builder)
        roles = dict.fromkeys(role for stated in group for role in stated.value.roles)
        company = Company(best.value.name, tuple(roles))
        companies.append(company)
        builder.cite_item(f"companies[{company.key}]", [s.evidence for s in group])
    return tuple(companies)


def _person_keys(name: str, aliases: Iterable[str] = ()) -> list[str]:
    return [fold(n) for n in (name, *aliases)]


def _aliases(name: str, spellings: Iterable[Iterable[str]]) -> list[str]:
    """Return every name in *spellings* that is not *name* written another way, once each."""
    spelling = _spelling(name)
    aliases: dict[str, None] = {}
    for names in spellings:
        for other in names:
            if other not in aliases and _spelling(other) != spelling:
                aliases[other] = None
    return list(aliases)


def _reconcile_staff(builder: _Builder, lone: dict[str, list[UnparsedLine]]) -> tuple[Credit, ...]:
    """Return the staff credits, a lone director row that another document confirms among them."""
    statements = [s for r in builder.readings for s in (*r.staff, *_lone_directors(r, lone))]
    return _reconcile_credits(builder, "staff", statements)


def _reconcile_credits(
    builder: _Builder, field: str, statements: list[Stated[Credit]]
) -> tuple[Credit, ...]:
    # First find people (across roles), then their credits.
    people = _group(statements, lambda c: _person_keys(c.person, c.aliases))
    credits: list[Credit] = []
    for person_group in people:
        best = _best_written(person_group, lambda c: c.person, builder)
        aliases = _aliases(
            best.value.person, ((s.value.person, *s.value.aliases) for s in person_group)
        )
        by_role: dict[str, list[Stated[Credit]]] = {}
        for stated in person_group:
            by_role.setdefault(fold(stated.value.role), []).append(stated)
        for role_group in _merge_general_roles(by_role):
            role = _best_written(role_group, lambda c: c.role, builder).value.role
            credit = Credit(best.value.person, role, tuple(aliases))
            credits.append(credit)
            builder.cite_item(f"{field}[{credit.key}]", [s.evidence for s in role_group])
    return tuple(credits)


def _merge_general_roles(by_role: dict[str, list[Stated[Credit]]]) -> list[list[Stated[Credit]]]:
    """Return the groups of one person's credits by role, each general role in a more specific one.

    "Director" beside "Chief Director" for one person says nothing new: each
    folded role, in turn, joins the first role still standing that ends with
    it as whole words.  The roles are indexed by their words read backwards,
    so that finding the more specific role stays linear in the roles' words.
    """
    # A role joins only a longer one that ends with its last word: roles of
    # distinct last words (most people's, and a list of thousands) stay apart.
    last_words = {role.rpartition(" ")[2] for role in by_role}
    if len(last_words) == len(by_role):
        return list(by_role.values())
    roles = list(by_role)
    root = _RoleNode()
    ends: list[_RoleNode] = []
    for index, role in enumerate(roles):
        node = root
        words = role.split(" ")[::-1]
        for depth, word in enumerate(words):
            node = node.children.setdefault(word, _RoleNode())
            if depth < len(words) - 1:
                node.longer.append(index)
        ends.append(node)
    members: list[list[object]] = [list(by_role[role]) for role in roles]
    gone = [False] * len(roles)
    for index, end in enumerate(ends):
        while end.skipped < len(end.longer) and gone[end.longer[end.skipped]]:
            end.skipped += 1  # a role gone stays gone: never look at it again
        if end.skipped < len(end.longer):
            members[end.longer[end.skipped]].append(members[index])
            gone[index] = True
    return [_flatten(members[i]) for i in range(len(roles)) if not gone[i]]


@attrs.define
class _RoleNode:
    """A word of the roles read backwards: the roles that go on past it, in order."""

    children: dict[str, _RoleNode] = attrs.Factory(dict)
    longer: list[int] = attrs.Factory(list)
    skipped: int = 0


# The roles that say a person directed the series itself (not an episode,
# the animation or the art).
_DIRECTING_ROLES = frozenset({"director", "chief director", "series director"})


def _lone_director_lines(readings: Sequence[Reading]) -> dict[str, list[UnparsedLine]]:
    """Return, by document, the unparsed lines that hold nothing but the name of someone a document says directed.

    The profile page's info table lost its row labels; a row with one name
    that its credits row does not confirm is kept unread, until another
    document (the article's ``directed kenji nakamura``) says who directed.
    """
    directors = {
        fold(stated.value.person)
        for reading in readings
        for stated in reading.staff
        if fold(stated.value.role) in _DIRECTING_ROLES
    }
    found: dict[str, list[UnparsedLine]] = defaultdict(list)
    if not directors:
        return found
    for reading in readings:
        for line in reading.unparsed:
            if "," not in line.text and fold(line.text) in directors:
                found[line.source].append(line)
    return found


def _lone_directors(reading: Reading, lone: dict[str, list[UnparsedLine]]) -> list[Stated[Credit]]:
    """Return the director credits that *reading*'s lone-name lines hold (see :func:`_lone_director_lines`)."""
    return [
        Stated(Credit(line.text.strip(), "Director"), reading.at_line(line.line, line.text))
        for line in lone.get(reading.source.id, ())
    ]


def _reconcile_characters(builder: _Builder) -> tuple[Character, ...]:
    statements = _take(r.characters for r in builder.readings)
    characters = []
    for group in _group(statements, _character_keys(statements)):
        best = _best_written(group, lambda c: c.name, builder)
        aliases = _aliases(best.value.name, ((s.value.name, *s.value.aliases) for s in group))
        rank = next((s.value.rank for s in group if s.value.rank), None)
        character = Character(
            best.value.name, tuple(aliases), rank, any(s.value.main for s in group)
        )
        # Most characters are read once: keep the document's own, equal
        # object and let the new one go, one fewer per character in memory.
        characters.append(best.value if best.value == character else character)
        builder.cite_item(f"characters[{character.key}]", [s.evidence for s in group])
    return tuple(characters)


def _character_keys(statements: list[Stated[Character]]) -> Callable[[Character], list[str]]:
    """Return the identity keys of a character: its names folded, and a full name it shortens.

    "Anna" in one document is "Anna Stephanie" in another when only one
    full name starts or ends with it.  Within one document two such names
    are two people ("Professor Hayami", "Jun Hayami").
    """
    if len({stated.evidence.source for stated in statements}) <= 1:
        # A full name must come from another document than the word that
        # shortens it: with one document, a character's keys are its names.
        return lambda character: _person_keys(character.name, character.aliases)
    # Few distinct sets of documents exist: each is kept once, not once per name.
    one_set: dict[frozenset[str], frozenset[str]] = {}
    full_names: dict[str, frozenset[str]] = {}
    by_value: dict[Character, frozenset[str]] = {}
    for stated in statements:
        source = stated.evidence.source
        # A name of stop words alone ("Me Too") folds to nothing: no given
        # name can shorten it.
        if len(stated.value.name.split()) > 1 and (folded := fold(stated.value.name)):
            full_names[folded] = _with_source(one_set, full_names.get(folded), source)
        by_value[stated.value] = _with_source(one_set, by_value.get(stated.value), source)
    full_name = _shortened_names(full_names)

    def keys(character: Character) -> list[str]:
        found = _person_keys(character.name, character.aliases)
        sources = by_value[character]
        for key in list(found):
            if " " not in key and (name := full_name(key, sources)) is not None:
                found.append(name)
        return found

    return keys


def _with_source(
    one_set: dict[frozenset[str], frozenset[str]], sources: frozenset[str] | None, source: str
) -> frozenset[str]:
    """Return *sources* with *source*, the one copy of that set in *one_set*."""
    if sources is not None and source in sources:
        return sources
    grown = frozenset((source,)) if sources is None else sources | {source}
    return one_set.setdefault(grown, grown)


def _shortened_names(
    full_names: Mapping[str, frozenset[str]],
) -> Callable[[str, frozenset[str]], str | None]:
    """Return a look-up of the one full name that a word shortens.

    *full_names* maps each folded full name to the documents that give it;
    the look-up takes a word and the documents that give it, and finds a
    full name that other documents give.
    """
    # The full names by their first and by their last word, in first-seen order.
    by_end_word: dict[str, list[str]] = defaultdict(list)
    for name in full_names:
        words = name.split()
        by_end_word[words[0]].append(name)
        if words[-1] != words[0]:
            by_end_word[words[-1]].append(name)
    shortened: dict[tuple[str, frozenset[str]], str | None] = {}

    def full_name(key: str, sources: frozenset[str]) -> str | None:
        """Return the one full name that starts or ends with *key*, seen beyond *sources*."""
        if (key, sources) not in shortened:
            matches = [
                name for name in by_end_word.get(key, ()) if not full_names[name] <= sources
            ][:2]
            shortened[key, sources] = matches[0] if len(matches) == 1 else None
        return shortened[key, sources]

    return full_name


def _reconcile_songs(builder: _Builder) -> tuple[Song, ...]:
    statements = [s for r in builder.readings for s in r.songs]
    songs = [
        _reconcile_song(builder, group)
        for group in _group(statements, lambda s: [f"{s.kind}-{s.sequence}"])
    ]
    songs.sort(key=lambda s: (s.kind != "opening", s.sequence))
    return tuple(songs)


def _reconcile_song(builder: _Builder, group: list[Stated[Song]]) -> Song:
    """Merge the statements of one song: the best-ranked title and performers, every composer."""
    field = f"songs[{group[0].value.kind}-{group[0].value.sequence}]"
    ranked = sorted(group, key=lambda s: builder.rank(s.evidence))
    song = ranked[0].value
    _cite_song_title(builder, field, ranked)
    _cite_song_artists(builder, field, ranked)
    composers = dict.fromkeys(c for stated in ranked for c in stated.value.composers)
    merged = Song(
        kind=song.kind,
        sequence=song.sequence,
        title=song.title,
        native_title=_first_given(ranked, lambda s: s.native_title),
        translated_title=_first_given(ranked, lambda s: s.translated_title),
        artists=_first_given(ranked, lambda s: s.artists),
        composers=tuple(composers),
        episodes=_first_given(ranked, lambda s: s.episodes),
    )
    builder.cite(field, [s.evidence for s in group])
    return merged


def _first_given(ranked: Sequence[Stated[Song]], value: Callable[[Song], _T]) -> _T:
    """Return the first of *ranked*'s values that is given (not empty), else the first."""
    return next(
        (given for stated in ranked if (given := value(stated.value))), value(ranked[0].value)
    )


def _cite_song_title(builder: _Builder, field: str, ranked: list[Stated[Song]]) -> None:
    """Cite the best-ranked title of a song, with a Conflict if the documents give others."""
    titles: dict[str, list[Stated[Song]]] = {}
    for stated in ranked:
        titles.setdefault(fold(stated.value.title), []).append(stated)
    if len(titles) > 1:
        builder.conflict(
            f"{field}.title",
            [(group[0].value.title, [s.evidence for s in group]) for group in titles.values()],
            ranked[0].value.title,
            f"the documents give different titles for this song; "
            f"{builder.describe(ranked[0].evidence)} ranks highest",
        )
    builder.cite(f"{field}.title", [s.evidence for s in next(iter(titles.values()))])


def _cite_song_artists(builder: _Builder, field: str, ranked: list[Stated[Song]]) -> None:
    """Cite the best-ranked performers of a song, with a Conflict if the documents list others."""
    artists = [s for s in ranked if s.value.artists]
    if artists:
        builder.cite(
            f"{field}.artists",
            [s.evidence for s in artists if s.value.artists == artists[0].value.artists],
        )
    if len({s.value.artists for s in artists}) > 1:
        chosen = artists[0].value.artists
        builder.conflict(
            f"{field}.artists",
            [(", ".join(s.value.artists), [s.evidence]) for s in artists],
            ", ".join(chosen),
            f"the documents list different performers; {builder.describe(artists[0].evidence)} "
            "names them explicitly, while a flattened article cannot tell a performer from "
            "another credit that follows",
        )


def _reconcile_words(
    builder: _Builder, field: str, statements: list[Stated[str]]
) -> tuple[str, ...]:
    values = []
    for group in _group(statements, lambda w: [fold(w)]):
        best = _best_written(group, lambda w: w, builder)
        values.append(best.value)
        builder.cite_item(f"{field}[{slugify(best.value)}]", [s.evidence for s in group])
    return tuple(values)


def _reconcile_links(builder: _Builder) -> tuple[Link, ...]:
    statements = _take(r.links for r in builder.readings)
    links = []
    for group in _group(statements, lambda link: [link.url.rstrip("/")]):
        link = group[0].value
        links.append(link)
        builder.cite_item(f"links[{link.key}]", [s.evidence for s in group])
    return tuple(links)


def _reconcile_synopses(builder: _Builder) -> tuple[Synopsis, ...]:
    # Each format ranks its synopsis apart (the card's is written to
    # summarise, the profile's description is promotional).
    ranked = sorted(
        (r for r in builder.readings if r.synopsis), key=lambda r: _rank_of(r, "synopses")
    )
    synopses = []
    for reading in ranked:
        assert reading.synopsis is not None
        synopses.append(Synopsis(reading.synopsis.value, reading.source.id))
        builder.cite(f"synopses[{reading.source.id}]", [reading.synopsis.evidence])
    if ranked and ranked[0].synopsis:
        builder.cite("synopsis", [ranked[0].synopsis.evidence])
    return tuple(synopses)


def _unparsed_lines(
    readings: Iterable[Reading], used: Iterable[UnparsedLine] = ()
) -> tuple[UnparsedLine, ...]:
    """Return every reading's unparsed lines but the *used* ones, in document and line order."""
    taken = set(used)
    return tuple(
        sorted(
            (u for r in readings for u in r.unparsed if u not in taken),
            key=lambda u: (u.source, u.line),
        )
    )
