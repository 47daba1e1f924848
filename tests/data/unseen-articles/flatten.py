"""Flatten each work's hand-written lead the way the shared real articles were flattened.

For every ``<stem>/lead.txt`` (first line: the Wikipedia page's address; then
the lead, cased and punctuated as Wikipedia writes it) this writes
``<stem>/article.txt`` and fills ``name_runs`` in ``<stem>/expected.json``.

The flattening follows ``../shared/real-articles/README.md``: lowercase; ASCII
punctuation removed inside words; words that are not purely alphabetic
afterwards dropped (numbers, dates, a Japanese title holding a digit or a
``・``); NLTK's English stop words dropped; Japanese and accented letters kept;
the page's address appended as one word, without its disambiguation
(``Redline_(2009_film)`` is ``httpsenwikipediaorgwikiredline``).

``name_runs`` are the runs of capitalised words of the original lead: a word
that starts with a capital or a caseless letter (Japanese) extends a run; a
lower-case stop word is passed over; any other word, or one holding a digit,
ends it.  Runs are stored folded (lower case, accents and marks dropped,
hyphens kept), sorted and without repeats.

Run: ``python tests/data/unseen-articles/flatten.py`` to rewrite the files, or
with ``--check`` to exit 1 when a stored file differs from what it would write.
Standard library only, so that it needs no download.
"""

from __future__ import annotations

import json
import string
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent

# NLTK's English stop-word list (nltk.corpus.stopwords.words("english"), 179 words),
# embedded so that nothing is downloaded.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you you're you've you'll you'd your yours
    yourself yourselves he him his himself she she's her hers herself it it's its
    itself they them their theirs themselves what which who whom this that that'll
    these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down
    in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so
    than too very s t can will just don don't should should've now d ll m o re ve
    y ain aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn
    hasn't haven haven't isn isn't ma mightn mightn't mustn mustn't needn needn't
    shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn
    wouldn't
    """.split()  # noqa: SIM905 -- a block of words is easier to check against NLTK's list
)
_ASCII_PUNCTUATION = str.maketrans("", "", string.punctuation)


def flatten_word(word: str) -> str:
    """Return *word* flattened, or ``""`` when the flattening drops it."""
    lowered = word.lower()
    bare = lowered.translate(_ASCII_PUNCTUATION)
    if not bare.isalpha() or lowered in STOP_WORDS or bare in STOP_WORDS:
        return ""
    return bare


def address_word(address: str) -> str:
    """Return the page *address* as the one word the flattening appends."""
    page = unquote(address.partition("/wiki/")[2]).partition("#")[0]
    if page.endswith(")") and "_(" in page:
        page = page[: page.rindex("_(")]  # Wikipedia's disambiguation, "(1997_TV_series)"
    letters = "".join(ch for ch in page.lower() if ch.isalpha())
    return "httpsenwikipediaorgwiki" + letters


def flatten(address: str, lead: str) -> str:
    """Return the flattened article for *lead*, as one line."""
    words = [w for w in (flatten_word(word) for word in lead.split()) if w]
    return " ".join([*words, address_word(address)]) + "\n"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _run_word(token: str) -> str:
    """Return *token* without punctuation, keeping a hyphen between letters."""
    kept = "".join(
        ch for ch in token if ch == "-" or not unicodedata.category(ch).startswith(("P", "S"))
    )
    return kept.strip("-")


def name_runs(lead: str) -> list[str]:
    """Return the folded runs of capitalised words of *lead*, sorted and unique."""
    runs: set[str] = set()
    current: list[str] = []

    def close() -> None:
        if current:
            runs.add(" ".join(current))
            current.clear()

    for token in lead.replace("/", " ").split():
        word = _run_word(token)
        if not word:
            continue  # a dash or a lone symbol neither extends nor ends a run
        first = word[0]
        if any(ch.isdigit() for ch in word):
            close()
        elif first.isupper() or (first.isalpha() and not first.islower()):
            current.append(_fold(word))
        elif word.lower() in STOP_WORDS:
            continue
        else:
            close()
    close()
    return sorted(runs)


def outputs(folder: Path) -> tuple[str, str]:
    """Return the article text and the ``expected.json`` text for *folder*."""
    address, _, lead = (folder / "lead.txt").read_text(encoding="utf-8").partition("\n")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    expected["name_runs"] = name_runs(lead)
    order = [k for k in expected if k not in {"name_runs", "sources"}]
    ordered = {k: expected[k] for k in [*order, "name_runs", "sources"]}
    text = json.dumps(ordered, ensure_ascii=False, indent=1) + "\n"
    return flatten(address.strip(), lead), text


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for folder in sorted(p for p in HERE.iterdir() if (p / "lead.txt").is_file()):
        article, expected = outputs(folder)
        for name, text in (("article.txt", article), ("expected.json", expected)):
            path = folder / name
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            if check:
                stale.append(str(path.relative_to(HERE)))
            else:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"stale: {path}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
