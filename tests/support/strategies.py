"""Hypothesis strategies for every class of the layzner model."""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

import layzner
from layzner import _model

# JSON text is UTF-8, which cannot hold a lone surrogate; everything else goes.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
short = st.lists(text, max_size=3).map(tuple)
counts = st.none() | st.integers(min_value=0, max_value=10_000)


@st.composite
def partial_dates(draw: st.DrawFn) -> layzner.PartialDate:
    """Draw a date known to the year, the month or the day, any integer year included."""
    year = draw(st.integers(min_value=-9999, max_value=99_999))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return layzner.PartialDate(year)
    last = (31, 29 if calendar.isleap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    day = draw(st.none() | st.integers(1, last[month - 1]))
    return layzner.PartialDate(year, month, day)


@st.composite
def episode_spans(draw: st.DrawFn) -> layzner.EpisodeSpan:
    """Draw a span of episodes that runs forwards, or is open-ended."""
    first = draw(st.integers(0, 999))
    return layzner.EpisodeSpan(first, draw(st.none() | st.integers(first, 999)))


@st.composite
def evidence_items(draw: st.DrawFn) -> layzner.Evidence:
    """Draw evidence with a line, an offset (and its UTF-16 form, or not), or neither."""
    offset = draw(st.none() | st.integers(min_value=0, max_value=10**6))
    utf16 = None if offset is None else draw(st.none() | st.integers(offset, 2 * offset))
    return layzner.Evidence(
        source=draw(text),
        line=draw(st.none() | st.integers(min_value=1, max_value=10**6)),
        offset=offset,
        text=draw(text),
        offset_utf16=utf16,
    )


evidence = evidence_items()
evidence_tuples = st.lists(evidence, max_size=3).map(tuple)

# Any text's slug that is not empty: the ids a series may have.
slugs = text.map(layzner.slugify).filter(bool)

series = st.builds(
    layzner.Series,
    id=slugs,
    title=text,
    titles=st.lists(
        st.builds(layzner.Title, text, text, st.sampled_from(_model.TITLE_KINDS)), max_size=3
    ).map(tuple),
    media_type=st.none() | text,
    source_material=st.none() | text,
    episodes=st.builds(
        layzner.Episodes, tv=counts, ova=counts, ona=counts, movie=counts, special=counts
    ),
    volumes=counts,
    chapters=counts,
    aired=st.builds(layzner.DateRange, st.none() | partial_dates(), st.none() | partial_dates()),
    companies=st.lists(st.builds(layzner.Company, text, short), max_size=2).map(tuple),
    staff=st.lists(st.builds(layzner.Credit, text, text, short), max_size=2).map(tuple),
    authors=st.lists(st.builds(layzner.Credit, text, text, short), max_size=2).map(tuple),
    genres=short,
    tags=short,
    characters=st.lists(
        st.builds(layzner.Character, text, short, st.none() | text, st.booleans()), max_size=3
    ).map(tuple),
    songs=st.lists(
        st.builds(
            layzner.Song,
            kind=st.sampled_from(_model.SONG_KINDS),
            sequence=st.integers(1, 20),
            title=text,
            native_title=st.none() | text,
            translated_title=st.none() | text,
            artists=short,
            composers=short,
            episodes=st.lists(episode_spans(), max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    games=short,
    rating=st.none() | text,
    links=st.lists(st.builds(layzner.Link, text, text, st.none() | text), max_size=2).map(tuple),
    image=st.none() | text,
    synopses=st.lists(st.builds(layzner.Synopsis, text, text), max_size=2).map(tuple),
    related=st.lists(st.builds(layzner.RelatedWork, text, text, st.none() | text), max_size=2).map(
        tuple
    ),
    sources=st.lists(
        st.builds(layzner.SourceDocument, text, text, st.sampled_from(_model.SOURCE_FORMATS), text),
        max_size=2,
    ).map(tuple),
    evidence=st.lists(st.tuples(text, evidence_tuples), max_size=3).map(tuple),
    conflicts=st.lists(
        st.builds(
            layzner.Conflict,
            field=text,
            candidates=st.lists(
                st.builds(layzner.Candidate, text, evidence_tuples), max_size=2
            ).map(tuple),
            chosen=st.none() | text,
            reason=text,
        ),
        max_size=2,
    ).map(tuple),
    unparsed=st.lists(
        st.builds(layzner.UnparsedLine, text, st.integers(1, 10**6), text, text), max_size=2
    ).map(tuple),
)
"""Any valid :class:`layzner.Series`, provenance included."""
