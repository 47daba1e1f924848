"""The Markdown card (``mal-md``): the card format the project's own card reader reads.

Plain string building rather than a template: Markdown has no autoescaping
engine, and the escaping rules below are the whole of the work.

The card reader resolves Markdown's backslash escapes and HTML character
references, as any Markdown reader does, so the writer escapes what would
otherwise be live or break the card's structure, in forms every Markdown
dialect agrees on:

- ``<`` is written ``&lt;``, and an ``&`` that would start a character
  reference is written ``&amp;``: no raw HTML, no autolink, no reference
  survives as markup (``\\<`` would be an escape in CommonMark only, and
  live HTML in Python-Markdown);
- ``]`` before ``(``, ``[`` or ``:`` is written ``\\]``, so no text forms a
  link, an image or a link definition;
- a synopsis line that would be a heading (``## Links``) is written
  ``\\## Links``, so it can neither render as a heading nor pass for a
  section of the card;
- a backslash before punctuation is written ``\\\\``, so the reader gives
  it back as written.

Before any of that, :func:`layzner.clean_text` removes control characters
and bidi overrides, and turns line breaks into spaces (newlines in the
synopsis), so no value can end its line early or reorder the card's text.

URLs are only ever written if they are ``http`` or ``https``.
"""

from __future__ import annotations

import re

import layzner

from ._facts import format_span, is_print, main_episodes, native_title, rating, safe_url

__all__ = ["card_type", "render_markdown"]

# A backslash before ASCII punctuation would be read as an escape.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# An ampersand that would start a character reference ("&lt;"); a plain one
# ("Story & Art") is written as real cards write it.
_REFERENCE_START = re.compile(
    r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
)
# A bracket that would close text into a link, an image or a definition.
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")
# A heading: "#"s then a space or the end.  Any indentation counts, because the
# card reader strips lines before it looks for its "## " sections.
_HEADING = re.compile(r"^(\s*)(#+(?:\s|$))")
_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")
_TYPE_WORDS = re.compile(r"[^0-9a-z]+")
_BULLET = "-   "


def card_type(media_type: str) -> str:
    """Return the card's ``type`` for *media_type*: ``TV`` -> ``tv-serie``, ``OVA`` -> ``ova``."""
    word = _TYPE_WORDS.sub("-", media_type.lower()).strip("-")
    return "tv-serie" if word == "tv" else word


def _text(text: str) -> str:
    """Clean *text*, then escape backslashes and the characters that start HTML, in one line."""
    text = layzner.clean_text(text)
    text = _BACKSLASH.sub(r"\\\\", text)
    return _REFERENCE_START.sub("&amp;", text).replace("<", "&lt;")


def _inline(text: str) -> str:
    """Escape *text* for use inside one line; newlines become spaces (a card value is one line)."""
    return _LINK_CLOSE.sub(r"\\]", _text(text))


def _link_text(text: str) -> str:
    """Escape *text* for use between a link's brackets: every bracket is escaped."""
    return _text(text).replace("[", "\\[").replace("]", "\\]")


def _block(text: str) -> str:
    """Escape a multi-line text (the synopsis) line by line, keeping its blank lines."""
    lines = []
    for line in layzner.clean_text(text, multiline=True).strip("\n").split("\n"):
        escaped = _inline(line.rstrip())
        lines.append(_HEADING.sub(lambda m: m[1] + "\\" + m[2], escaped))
    return "\n".join(lines)


def _song(song: layzner.Song) -> str:
    """Write ``#1: "Title (native, translation)" by A, B (eps 1-25)``."""
    # Quotes, parentheses and commas are the line's own delimiters, and real
    # cards write them unescaped inside titles too; the card reader resolves
    # them by position, so only Markdown's own characters are escaped here.
    # A title known only in its original script is its own native title; the
    # card writes it once, as real cards do.
    native = None if song.native_title == song.title else song.native_title
    parts = [p for p in (native, song.translated_title) if p]
    quoted = _inline(song.title)
    if parts:
        quoted += " (" + ", ".join(_inline(p) for p in parts) + ")"
    text = f'#{song.sequence}: "{quoted}"'
    if song.artists:
        text += " by " + ", ".join(_inline(a) for a in song.artists)
    if song.episodes:
        text += f" ({format_span(song.episodes)})"
    return text


def _link_target(url: str) -> str:
    """Percent-encode what would end a Markdown link destination early."""
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def render_markdown(series: layzner.Series) -> str:
    """Return the Markdown card of *series*, ending with one newline."""
    # A run of "#" ending the heading would be read as its closing sequence.
    heading = _CLOSING_HASHES.sub(r"\1\\\2", _inline(series.title))
    out: list[str] = [f"# {heading}", ""]
    image = safe_url(series.image)
    if image is not None:
        out += [f"![{_link_text(series.id)}]({_link_target(image)})", ""]

    facts: list[tuple[str, str]] = []
    if series.media_type:
        facts.append(("type", card_type(series.media_type)))
    episodes = None if is_print(series) else main_episodes(series)
    if episodes is not None:
        facts.append(("episodes", str(episodes)))
    if series.volumes is not None:
        facts.append(("volumes", str(series.volumes)))
    if series.chapters is not None:
        facts.append(("chapters", str(series.chapters)))
    native = native_title(series)
    if native is not None:
        facts.append(("original-name", _inline(native.text)))
    if series.aired.start is not None:
        facts.append(("start-date", series.aired.start.isoformat()))
    if series.aired.end is not None:
        facts.append(("end-date", series.aired.end.isoformat()))
    for kind in ("opening", "ending"):
        songs = sorted((s for s in series.songs if s.kind == kind), key=lambda s: s.sequence)
        facts.extend((f"{kind}-song", _song(song)) for song in songs)
    if (label := rating(series.rating)) is not None:
        facts.append(("rating", _inline(label)))
    out += [f"{_BULLET}**{key}**: {value}" for key, value in facts]

    if series.tags:
        out += ["", "## Tags", ""]
        out += [_BULLET + _inline(tag) for tag in series.tags]
    if series.authors:
        out += ["", "## Authors", ""]
        for credit in series.authors:
            name = _inline(credit.person)
            out.append(_BULLET + (f"{name} ({_inline(credit.role)})" if credit.role else name))
    if series.synopsis and series.synopsis.strip():
        out += ["", "## Sinopse", "", _block(series.synopsis)]
    links = [(link.site, safe_url(link.url)) for link in series.links]
    safe_links = [(site, url) for site, url in links if url is not None]
    if safe_links:
        out += ["", "## Links", ""]
        out += [f"{_BULLET}[{_link_text(site)}]({_link_target(url)})" for site, url in safe_links]
    return "\n".join(out) + "\n"
