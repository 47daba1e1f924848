"""One copy of the short strings that many series hold alike: field paths, tags, common card lines.

A catalog kept in memory holds ``"tags[comedy]"`` or ``"-   **type**: manga"``
once for each series that has it, unless the series share one copy.
``sys.intern`` would share them, but the interpreter's table of interned
strings drops a string when its last holder goes, and makes itself anew
each time the strings added since its last rebuild fill it: a process that
loads series and lets them go (a server, a loop over a catalog) pays, within
some load, for a new table of every interned string at once, megabytes
however small the document.  The pool here keeps what it holds for the
life of the process, and stops growing when full: past that, strings are
not shared, which costs memory but is never wrong.  The first strings it
meets are the ones kept; for a catalog that is mostly its common
vocabulary, for the field paths that one series alone has (its characters,
the source of its synopsis) or few share (a person's credits) are not offered
to it.
"""

from __future__ import annotations

__all__ = ["pooled"]

# At most this many strings, of at most this many characters: a full pool
# holds about 1.5 MB of ASCII text, and under 4 MB of any text, whatever
# documents fill it.
POOL_SIZE = 8192
LONGEST_POOLED = 80

_pool: dict[str, str] = {}


def pooled(text: str) -> str:
    """Return the pool's copy of *text*, adding *text* while the pool has room.

    Thread-safe: a lookup and an insertion are each one dict operation, and
    two threads adding equal strings at once keep one and return either.
    """
    found = _pool.get(text)
    if found is not None:
        return found
    if len(_pool) < POOL_SIZE and len(text) <= LONGEST_POOLED:
        return _pool.setdefault(text, text)
    return text
