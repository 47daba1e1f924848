"""The one Anki note type every layzner deck uses, and the ids that keep it stable.

Anki matches an imported note type to the one already in a collection by its
id, and then compares fields and templates one by one: by their ids when both
sides have them, else by name.  If they differ, Anki imports a copy of the note
type and marks every existing note "conflicting", so the user's notes stop
updating.  Everything here is therefore fixed once and never derived from text
that might be edited later:

* the model id comes from the family name, which never changes; the version
  lives only in the displayed name, so a new version updates the note type in
  place instead of creating a second one;
* each field and template carries a pinned id, so renaming one is still "the
  same" field to Anki.

Any change to :data:`FIELDS`, :data:`TEMPLATES` or :data:`CSS` must bump
:data:`VERSION` (``tests/test_anki.py`` fails otherwise).  Adding or removing a
field or template changes the schema Anki compares, so avoid it; rename instead.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Final

FAMILY: Final = "Layzner Fact"
"""The note type's family name; the model id is derived from it and never changes."""

VERSION: Final = 1
"""The note type's version; bump it whenever the fields, templates or CSS change."""

NAME: Final = f"{FAMILY} v{VERSION}"


def stable_id(text: str) -> int:
    """Return a positive id derived from *text* that JavaScript can hold exactly.

    Anki's editor and browser are web pages, so ids must stay below 2**53; the
    range starts at 2**32 to stay clear of small ids other tools hand out.
    """
    digest = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    return (1 << 32) + digest % ((1 << 48) - (1 << 32))


MODEL_ID: Final = stable_id(FAMILY)

# Pinned when version 1 was written (as stable_id("Layzner Fact:field:<name>"))
# and never recomputed: a field that is renamed later must keep its id.
FIELDS: Final[tuple[tuple[str, int], ...]] = (
    ("FactID", 132128772960730),
    ("Question", 152770441062227),
    ("Answer", 57080505387424),
    ("Source", 170062388850583),
    ("Notes", 88218753388797),
)

SORT_FIELD: Final = 1  # Question: the browser lists facts by what they ask

_QUESTION = '<div class="layzner-question">{{Question}}</div>'
_ANSWER = (
    "{{FrontSide}}\n"
    '<hr id="answer">\n'
    '<div class="layzner-answer">{{Answer}}</div>\n'
    '{{#Notes}}<div class="layzner-notes">{{Notes}}</div>{{/Notes}}\n'
    '{{#Source}}<div class="layzner-source">{{Source}}</div>{{/Source}}'
)

# (name, pinned id, question format, answer format); the id was pinned like
# the field ids, as stable_id("Layzner Fact:template:Fact").
TEMPLATES: Final[tuple[tuple[str, int, str, str], ...]] = (
    ("Fact", 159902243216197, _QUESTION, _ANSWER),
)

CSS: Final = """\
.card {
  --layzner-text: #1d1d1f;
  --layzner-muted: #5f6368;
  --layzner-rule: #d0d4d9;
  --layzner-accent: #1a5fb4;
  font-family: "Noto Sans", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: center;
  color: var(--layzner-text);
  background-color: transparent;
  padding: 0 0.75em;
}
.card.nightMode, .nightMode .card, .card.night_mode {
  --layzner-text: #e8e8ea;
  --layzner-muted: #a9adb3;
  --layzner-rule: #44484e;
  --layzner-accent: #8ab4f8;
}
.layzner-question { font-weight: 600; }
.layzner-answer { color: var(--layzner-accent); }
.layzner-answer ul, .layzner-notes ul {
  display: inline-block;
  margin: 0.25em 0;
  padding-left: 1.2em;
  text-align: left;
}
.layzner-notes {
  margin-top: 0.9em;
  font-size: 0.85em;
  color: var(--layzner-text);
}
.layzner-source {
  margin-top: 1.2em;
  font-size: 0.7em;
  color: var(--layzner-muted);
}
.layzner-quote {
  display: inline-block;
  max-width: 40em;
  text-align: left;
  font-size: 0.85em;
}
hr#answer { border: 0; border-top: 1px solid var(--layzner-rule); }
"""


def schema() -> dict[str, Any]:
    """Return everything about the note type that a version number vouches for."""
    return {
        "fields": [list(field) for field in FIELDS],
        "sort_field": SORT_FIELD,
        "templates": [list(template) for template in TEMPLATES],
        "css": CSS,
    }


def fingerprint() -> str:
    """Return the SHA-256 of :func:`schema`, as canonical JSON."""
    text = json.dumps(schema(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
