"""Make document text safe for any exported field: no control characters, no bidi overrides."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["clean_text"]

# Line breaks as Unicode and str.splitlines() know them: each ends a line in
# some consumer (a Markdown reader, a JavaScript string), so each is either a
# newline or a space, never kept as it is.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = "\t"
# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) change
# the direction of the text after them, beyond the field they came in: "Trojan
# Source".  The marks (U+200E, U+200F, U+061C) only steer neutral characters
# next to them, and stay.
_BIDI_CONTROLS = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_CONTROLS = "".join(map(chr, [*range(0x00, 0x20), *range(0x7F, 0xA0)]))
_SURROGATES = "".join(map(chr, range(0xD800, 0xE000)))


def _table(line_break: str) -> Mapping[int, str | None]:
    table: dict[int, str | None] = {ord(char): None for char in _CONTROLS + _BIDI_CONTROLS}
    table.update({ord(char): " " for char in _SPACES})
    table.update({ord(char): line_break for char in _LINE_BREAKS})
    # A lone surrogate (from a surrogateescape decode) cannot be written as UTF-8 at all.
    table.update({ord(char): "\ufffd" for char in _SURROGATES})
    return table


_ONE_LINE = _table(" ")
_MULTILINE = _table("\n")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Return *text* without control characters, fit for any exported field.

    Removes the C0 and C1 control characters (NUL, ESC, Anki's field
    separator U+001F...) and the bidirectional embeddings, overrides and
    isolates (U+202A to U+202E, U+2066 to U+2069), which would reorder the
    text around the field.  A tab becomes a space; a line break (CR LF, CR,
    LF, U+2028...) becomes a space, or with *multiline* one ``"\\n"``.  A lone
    surrogate, which no UTF-8 output can hold, becomes U+FFFD.  Everything
    else, the bidi marks U+200E and U+200F included, is kept as it is.

    Exporters call it on every piece of text they write; a plugin whose
    format has its own escaping applies that afterwards.

    Args:
        text: any text from the model.
        multiline: keep line breaks, as newlines (for a synopsis).

    .. versionadded:: 0.1
    """
    if text.isprintable():  # the common case: nothing to remove, nothing to copy
        return text
    return text.replace("\r\n", "\n").translate(_MULTILINE if multiline else _ONE_LINE)
