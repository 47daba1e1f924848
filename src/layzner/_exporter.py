"""What an exporter is, what it is given, and how its options are checked.

These classes are the contract between layzner and exporter plugins.  They
only ever gain fields (with defaults), so a plugin written against an older
layzner keeps working; see ``docs/plugins.md`` for the compatibility policy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any

import attrs

from ._model import Series
from .errors import OptionError

__all__ = ["ExportContext", "ExportManyContext", "Exporter", "Option", "OptionValue"]

OptionValue = bool | int | str
"""The Python type of an exporter option's value."""

_JSON_TYPES: Mapping[type, str] = {bool: "boolean", int: "integer", str: "string"}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@attrs.frozen
class Option:
    """One option an exporter accepts, as ``-O name=value`` on the command line.

    Attributes:
        name: the key (``"indent"``).
        type: ``bool``, ``int`` or ``str``.
        default: the value when the option is not given.
        description: one line for ``--list-formats`` and the docs.
        choices: the allowed values, if only some are.
        minimum: the smallest allowed value of an ``int`` option.
        maximum: the largest allowed value of an ``int`` option.

    .. versionadded:: 0.1
    """

    name: str
    type: type[OptionValue]
    default: OptionValue | None
    description: str
    choices: tuple[OptionValue, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None

    def parse(self, value: object) -> OptionValue:
        """Return *value* converted to this option's type and checked.

        Strings (from the command line) are converted: ``"true"``/``"false"``
        for booleans, decimal digits for integers.

        Raises:
            OptionError: the value has the wrong type or is out of range.
        """
        parsed: OptionValue
        if isinstance(value, str) and self.type is not str:
            parsed = self._from_text(value)
        elif self.type is int and isinstance(value, bool):
            # bool is a subclass of int; True is not a sensible indent.
            raise OptionError(f"option {self.name!r} takes an integer, got {value!r}")
        elif isinstance(value, self.type):
            parsed = value
        else:
            raise OptionError(f"option {self.name!r} takes {_JSON_TYPES[self.type]}, got {value!r}")
        if self.choices is not None and parsed not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise OptionError(f"option {self.name!r} must be one of {allowed}, got {parsed!r}")
        if isinstance(parsed, int) and not isinstance(parsed, bool):
            if self.minimum is not None and parsed < self.minimum:
                raise OptionError(f"option {self.name!r} must be >= {self.minimum}, got {parsed}")
            if self.maximum is not None and parsed > self.maximum:
                raise OptionError(f"option {self.name!r} must be <= {self.maximum}, got {parsed}")
        return parsed

    def _from_text(self, text: str) -> OptionValue:
        if self.type is bool:
            lowered = text.strip().lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
            raise OptionError(f"option {self.name!r} takes true or false, got {text!r}")
        try:
            return int(text.strip(), 10)
        except ValueError:
            raise OptionError(f"option {self.name!r} takes an integer, got {text!r}") from None

    def json_schema(self) -> dict[str, Any]:
        """Return the JSON Schema (draft 2020-12) of this option's value."""
        schema: dict[str, Any] = {"type": _JSON_TYPES[self.type], "description": self.description}
        if self.default is not None:
            schema["default"] = self.default
        if self.choices is not None:
            schema["enum"] = list(self.choices)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


@attrs.frozen
class ExportContext:
    """Everything an exporter's ``export`` is given, as one object.

    New fields may be added in later versions, always with defaults, so an
    exporter must read the fields it needs and ignore the rest.

    Attributes:
        series: the series to export.
        options: the parsed options, every declared option present (defaults
            filled in).
        output: a binary stream to write to; text exporters write UTF-8.
        version: the running layzner version.

    .. versionadded:: 0.1
    """

    series: Series
    options: Mapping[str, OptionValue | None]
    output: IO[bytes]
    version: str

    def write_text(self, text: str) -> None:
        """Write *text* to :attr:`output` as UTF-8."""
        self.output.write(text.encode("utf-8"))


@attrs.frozen
class ExportManyContext:
    """Everything an exporter's ``export_many`` is given: many works, one output.

    Attributes:
        works: the works, in order, each as the exporter's ``prepare``
            returned it (or the :class:`~layzner.Series` itself when the
            exporter has no ``prepare``).  An iterator, read once: the works
            are loaded while it is read, so write each one as it comes.
        options: the parsed options, as :attr:`ExportContext.options`.
        output: a binary stream to write to.
        version: the running layzner version.

    .. versionadded:: 0.2
    """

    works: Iterable[Any]
    options: Mapping[str, OptionValue | None]
    output: IO[bytes]
    version: str

    def write_text(self, text: str) -> None:
        """Write *text* to :attr:`output` as UTF-8."""
        self.output.write(text.encode("utf-8"))


@attrs.frozen
class Exporter:
    """An output format, as a plugin registers it with ``register(exporter)``.

    Attributes:
        name: the ``--format`` value (``"json"``), lowercase.
        description: one line for ``--list-formats``.
        extension: the file extension including the dot (``".json"``).
        media_type: the IANA media type (``"application/json"``).
        binary: whether the output is binary, so never written to a terminal.
        export: a callable that writes the series to ``context.output``.  It
            may return a one-line summary of what it wrote (``"42 notes, 84
            cards"``), which the CLI prints to stderr; ``None`` says nothing.
        options: the options it accepts.
        export_many: writes many works into one output (one JSON Lines file,
            one Anki package), given an :class:`ExportManyContext`.  Without
            it, many works are written one file per work, by :attr:`export`,
            into a folder with an ``index.html``.
        prepare: the part of ``export_many``'s work that concerns one series
            alone, as ``prepare(series, options)``; with several worker
            processes it runs where the series is loaded, and only its result
            travels.  It must be a module-level function whose result pickles;
            raising a :class:`~layzner.LayznerError` refuses that work only.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 ``export_many`` and ``prepare``.
    """

    name: str = attrs.field()
    description: str
    extension: str
    media_type: str
    binary: bool
    export: Callable[[ExportContext], str | None] = attrs.field(eq=False)
    options: tuple[Option, ...] = ()
    export_many: Callable[[ExportManyContext], str | None] | None = attrs.field(
        default=None, eq=False
    )
    prepare: Callable[[Series, Mapping[str, OptionValue | None]], Any] | None = attrs.field(
        default=None, eq=False
    )

    @name.validator
    def _check_name(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if not value or not all(c.isalnum() or c in "-_" for c in value) or value != value.lower():
            msg = f"exporter name must be lowercase letters, digits, '-' or '_', got {value!r}"
            raise ValueError(msg)

    def options_schema(self) -> dict[str, Any]:
        """Return the JSON Schema (draft 2020-12) of this exporter's options object."""
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {option.name: option.json_schema() for option in self.options},
            "additionalProperties": False,
        }

    def parse_options(self, given: Mapping[str, object]) -> Mapping[str, OptionValue | None]:
        """Return *given* checked against :attr:`options`, with defaults filled in.

        Raises:
            OptionError: an unknown key, naming the known ones, or a bad value.
        """
        known = {option.name: option for option in self.options}
        unknown = sorted(set(given) - set(known))
        if unknown:
            accepted = ", ".join(sorted(known)) or "none"
            raise OptionError(
                f"format {self.name!r} has no option {unknown[0]!r} (it accepts: {accepted})"
            )
        parsed: dict[str, OptionValue | None] = {}
        for name, option in known.items():
            parsed[name] = option.parse(given[name]) if name in given else option.default
        return MappingProxyType(parsed)
