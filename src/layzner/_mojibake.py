"""Recognise mojibake: UTF-8 bytes that were decoded with a Windows code page.

``蒼き流星`` written as UTF-8 and read as Windows-1253 becomes ``θ'Όγζ΅ζ˜Ÿ``.
Such text is re-encoded with the code page (falling back, character by
character, to its neighbours, since broken decoders do the same) and decoded
as UTF-8 again.  Bytes the first decoding lost cannot come back, so the
recovered text has gaps (U+FFFD); it is still enough to say whether the
corrupted text is consistent with a clean value from another document.

ftfy, when installed, is tried first: it repairs many strings this simple
method cannot.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import attrs

from ._text import has_cjk

__all__ = ["MojibakeDiagnosis", "diagnose_mojibake"]

_CODE_PAGES = ("cp1252", "cp1253", "cp1251", "cp1250", "cp1254", "cp1257", "cp1255", "cp1256")
_REPLACEMENT = "\ufffd"


@attrs.frozen
class MojibakeDiagnosis:
    """What a corrupted string was, as far as it can be recovered.

    Attributes:
        codec: the code page the UTF-8 bytes were read with (or ``"ftfy"``).
        recovered: the text re-decoded; U+FFFD marks what was lost.
    """

    codec: str
    recovered: str

    def consistent_with(self, clean: str) -> bool:
        """Return whether every recovered character appears, in order, in *clean*.

        Both are compared after NFKC normalisation (so full-width ``ＳＰＴ``
        matches ``SPT``) without spaces or case; at least three characters
        must have survived for the check to mean anything.
        """
        target = _normalise(clean)
        # Only characters that came back from multi-byte sequences (CJK, and
        # full-width letters that NFKC turned into ASCII) prove anything;
        # stray code-page characters are what was not recovered.
        survivors = [
            c for c in _normalise(self.recovered) if has_cjk(c) or (c.isascii() and c.isalnum())
        ]
        if len(survivors) < 3:
            return False
        # Lossy decoders also substitute bytes, so a few survivors may be
        # wrong: ask for three quarters of them, in order.
        return _common_subsequence(survivors, target) * 4 >= len(survivors) * 3


def _common_subsequence(first: list[str], second: str) -> int:
    previous = [0] * (len(second) + 1)
    for char in first:
        current = [0]
        for index, other in enumerate(second):
            current.append(
                previous[index] + 1 if char == other else max(previous[index + 1], current[-1])
            )
        previous = current
    return previous[-1]


def _normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=4096)
def diagnose_mojibake(text: str) -> MojibakeDiagnosis | None:
    """Return a diagnosis if *text* looks like UTF-8 read with a Windows code page, else ``None``.

    Text that already contains Japanese, Chinese or Korean characters, or is
    plain ASCII, is taken to be clean.
    """
    if text.isascii() or has_cjk(text):
        return None
    try:
        import ftfy  # noqa: PLC0415 - optional; layzner does not depend on it
    except ImportError:
        pass
    else:
        fixed = ftfy.fix_text(text)
        if fixed != text and has_cjk(fixed):
            return MojibakeDiagnosis(codec="ftfy", recovered=fixed)
    best: MojibakeDiagnosis | None = None
    best_score = 3
    for primary in _CODE_PAGES:
        recovered = _redecode(text, primary)
        # Recovered CJK characters count for, replacement characters against.
        score = sum(1 for c in recovered if has_cjk(c)) * 2 - recovered.count(_REPLACEMENT)
        if score > best_score:
            best, best_score = MojibakeDiagnosis(codec=primary, recovered=recovered), score
    # A stray CJK character or two is chance: a diagnosis needs clearly
    # more recovered characters than lost ones (best_score starts above 0).
    return best


def _redecode(text: str, primary: str) -> str:
    raw = bytearray()
    for char in text:
        for code_page in (primary, *_CODE_PAGES):
            try:
                raw += char.encode(code_page)
                break
            except UnicodeEncodeError:
                continue
    return raw.decode("utf-8", errors="replace")
