"""Make text from plugins and documents safe to print: control characters become escapes."""

from __future__ import annotations

import re

__all__ = ["escape_controls"]

# C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides
# and isolates: on a terminal these move the cursor, retitle the window or
# reorder the text around them, so a message could hide or fake another.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    r"""Return *text* with every control and bidirectional-override character written as an escape.

    ``"\x1b[31mred"`` becomes ``"\\x1b[31mred"``: readable, and inert on a
    terminal.  Everything else, non-ASCII letters included, is kept.
    """
    return _CONTROLS.sub(_escape, text)
