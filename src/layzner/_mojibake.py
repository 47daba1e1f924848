"""Recognise mojibake: UTF-8 bytes that were decoded with a Windows code page.

``蒼き流星`` written as UTF-8 and read as Windows-1253 becomes ``θ'Όγζ΅ζ˜Ÿ``.
Such text is re-encoded with the code page (falling back, character by
character, to its neighbours, since broken decoders do the same) and decoded
as UTF-8 again.  Bytes the first decoding lost cannot come back, so the
recovered text has gaps (U+FFFD); it is still enough to say whether the
corrupted text is consistent with a clean value from another document.

ftfy, when installed, is tried only where the code pages cannot account
for the text: a character none of them has (latin-1's C1 controls, Mac
Roman), or UTF-8 that recovers no kana, Han or Hangul (mojibake of
mojibake).  It repairs many such strings; importing it costs more than
loading a document, and the seeds, like most mojibake, never need it.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from types import ModuleType

import attrs

from ._text import has_cjk

__all__ = ["MojibakeDiagnosis", "diagnose_mojibake"]

_CODE_PAGES = ("cp1252", "cp1253", "cp1251", "cp1250", "cp1254", "cp1257", "cp1255", "cp1256")
_REPLACEMENT = "\ufffd"
_CODE_PAGE_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
}


@attrs.frozen
class MojibakeDiagnosis:
    """What a corrupted string was, as far as it can be recovered.

    Attributes:
        codec: the code page the UTF-8 bytes were most likely read with (or
            ``"ftfy"`` when ftfy's repair recovered the most).
        recovered: that best recovery; U+FFFD marks what was lost.
        attempts: every recovery tried, ``(codec, text)``, best first.
    """

    codec: str
    recovered: str
    attempts: tuple[tuple[str, str], ...] = ()

    def explain(self) -> str:
        """Return, in words, what happened to the text and how much of it comes back.

        The words never quote the recovery itself: its gaps and stray code-page
        characters would make the sentence unreadable.
        """
        lost = self.recovered.count(_REPLACEMENT)
        kept = len(self.recovered) - lost
        if self.codec == "ftfy":
            return (
                "UTF-8 text that was decoded with the wrong code page; ftfy's repair "
                f"recovers {kept} characters" + (f", {lost} being lost" if lost else "")
            )
        name = _CODE_PAGE_NAMES.get(self.codec, self.codec)
        recovered = (
            f"{kept} of its {len(self.recovered)} characters ({lost} were lost)"
            if lost
            else f"all {kept} of its characters"
        )
        return (
            f"UTF-8 text that was decoded as {name} by mistake; encoding it back and "
            f"decoding it as UTF-8 recovers {recovered}"
        )

    def consistent_with(self, clean: str) -> bool:
        """Return whether some recovery's surviving characters appear, in order, in *clean*.

        Both are compared after NFKC normalisation (so full-width ``ＳＰＴ``
        matches ``SPT``) without spaces or case; at least three characters
        must have survived for the check to mean anything.
        """
        target = _normalise(clean)
        return any(
            _consistent(text, target)
            for _, text in self.attempts or ((self.codec, self.recovered),)
        )


def _consistent(recovered: str, target: str) -> bool:
    # Only characters that came back from multi-byte sequences (CJK, and
    # full-width letters that NFKC turned into ASCII) prove anything; stray
    # code-page characters are what was not recovered.
    survivors = [c for c in _normalise(recovered) if has_cjk(c) or (c.isascii() and c.isalnum())]
    if sum(has_cjk(c) for c in survivors) < 2:
        return False
    # Lossy decoders also substitute bytes, so a few survivors may be wrong:
    # ask for three quarters of them, in order.
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
    # Each code page leads the re-encoding in turn, the best-fitting first:
    # the one that encodes most of the characters itself (cp1253 for Greek
    # mojibake), so that equal recoveries are named after it.
    pages = sorted(_CODE_PAGES, key=lambda page: -_encodable(text, page))
    attempts = [(code_page, _redecode(text, code_page)) for code_page in pages]
    if not _explained(text, attempts) and (ftfy := _ftfy()) is not None:
        attempts.insert(0, ("ftfy", ftfy.fix_text(text)))
    # Recovered CJK characters count for, replacement characters against;
    # the sort is stable, so ftfy wins ties.
    scored = sorted(attempts, key=lambda attempt: -_score(attempt[1]))
    codec, recovered = scored[0]
    if not _looks_like_utf8_bytes(text) and _score(recovered) <= 3:
        return None
    return MojibakeDiagnosis(codec=codec, recovered=recovered, attempts=tuple(scored))


def _explained(text: str, attempts: list[tuple[str, str]]) -> bool:
    """Return whether the code pages account for *text*, so that ftfy has nothing to add.

    They do when they can encode every character and either recover kana,
    Han or Hangul from it (it is mojibake) or make no UTF-8 of it at all
    (it is text in its own script, not mojibake).
    """
    if any(not _in_a_code_page(char) for char in text):
        return False
    if max(_score(recovered) for _, recovered in attempts) > 3:
        return True
    return all(_REPLACEMENT in recovered for _, recovered in attempts)


@lru_cache(maxsize=1024)
def _in_a_code_page(char: str) -> bool:
    for code_page in _CODE_PAGES:
        try:
            char.encode(code_page)
        except UnicodeEncodeError:
            continue
        return True
    return False


@cache
def _ftfy() -> ModuleType | None:
    try:
        import ftfy  # noqa: PLC0415 - optional; layzner does not depend on it
    except ImportError:
        return None
    return ftfy


def _encodable(text: str, code_page: str) -> int:
    """Return how many characters of *text* the code page can encode by itself."""
    count = 0
    for char in text:
        try:
            char.encode(code_page)
        except UnicodeEncodeError:
            continue
        count += 1
    return count


def _looks_like_utf8_bytes(text: str) -> bool:
    """Return whether *text*, re-encoded, reads as UTF-8 multi-byte sequences with gaps.

    Japanese in UTF-8 is runs of three-byte sequences: a lead byte
    0xE0-0xEF and two continuation bytes 0x80-0xBF.  Even when a broken
    decoder lost bytes, most lead bytes are still followed by a
    continuation byte; Greek or Cyrillic text in its own code page is not.
    """
    raw = _reencode(text, _CODE_PAGES[0])
    high = sum(1 for b in raw if b >= 0x80)
    leads = [i for i, b in enumerate(raw) if 0xE0 <= b <= 0xEF]
    followed = sum(1 for i in leads if i + 1 < len(raw) and 0x80 <= raw[i + 1] <= 0xBF)
    return followed >= 3 and followed * 3 >= len(leads) * 2 and high * 10 >= len(raw) * 6


def _score(recovered: str) -> int:
    return sum(1 for c in recovered if has_cjk(c)) * 2 - recovered.count(_REPLACEMENT)


def _redecode(text: str, primary: str) -> str:
    return _reencode(text, primary).decode("utf-8", errors="replace")


def _reencode(text: str, primary: str) -> bytes:
    raw = bytearray()
    for char in text:
        for code_page in (primary, *_CODE_PAGES):
            try:
                raw += char.encode(code_page)
                break
            except UnicodeEncodeError:
                continue
    return bytes(raw)
