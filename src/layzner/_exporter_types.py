"""What an exporter is, what it is given, and how its options are checked.

These classes are the contract between layzner and exporter plugins.  They
only ever gain fields (with defaults), so a plugin written against an older
layzner keeps working; see ``docs/plugins.md`` for the compatibility policy.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any, Protocol

import attrs

from ._model import Series
from .errors import OptionError

__all__ = [
    "FALSE_WORDS",
    "OPTION_TYPES",
    "TRUE_WORDS",
    "ExportContext",
    "ExportManyContext",
    "Exporter",
    "Option",
    "OptionValue",
]

OptionValue = bool | int | str
"""The Python type of an exporter option's value."""

OPTION_TYPES: tuple[type[OptionValue], ...] = (bool, int, str)
"""The types an :class:`Option` may have."""

_JSON_TYPES: Mapping[type, str] = {bool: "boolean", int: "integer", str: "string"}
TRUE_WORDS: frozenset[str] = frozenset({"1", "true", "yes", "on"})
"""What a user writes for yes, lowercased: in an option's value, in an environment variable."""
FALSE_WORDS: frozenset[str] = frozenset({"0", "false", "no", "off"})
"""What a user writes for no, lowercased."""
_OPTION_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_EXTENSION = re.compile(r"(?:\.[A-Za-z0-9_-]+)+")


def _is_a(value: object, type_: type[OptionValue]) -> bool:
    # bool is a subclass of int, but True is no sensible indent, nor 1 a flag.
    if type_ is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, type_)


def _type_name(type_: object) -> str:
    return getattr(type_, "__name__", repr(type_))


@attrs.frozen
class Option:
    """One option an exporter accepts, as ``-O name=value`` on the command line.

    The declaration is checked when the option is made, so a plugin with a
    mistake in one is listed as ``broken`` with the reason, rather than
    failing later for its users.

    Attributes:
        name: the key (``"indent"``): ASCII letters, digits, ``-`` and ``_``.
        type: ``bool``, ``int`` or ``str``, as :data:`OptionValue` says.
        default: the value when the option is not given: of *type*, or ``None``
            for "not given" (the exporter then decides).
        description: one line for ``--help`` and ``--list-formats``.
        choices: the allowed values, if only some are: a non-empty tuple of
            values of *type*, which holds *default*.
        minimum: the smallest allowed value of an ``int`` option.
        maximum: the largest allowed value of an ``int`` option.

    Raises:
        TypeError: *type* is not supported, or a value is not of *type*.
        ValueError: the name is malformed, or *default* or a choice is outside
            *choices* or the bounds.

    .. versionadded:: 0.1
    """

    name: str
    type: type[OptionValue]
    default: OptionValue | None
    description: str
    choices: tuple[OptionValue, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not _OPTION_NAME.fullmatch(self.name):
            msg = f"option name must be ASCII letters, digits, '-' or '_', got {self.name!r}"
            raise ValueError(msg)
        if self.type not in OPTION_TYPES:
            msg = (
                f"option {self.name!r} has type {_type_name(self.type)}; the supported types "
                "are bool, int and str (take a str and convert it in export() for others)"
            )
            raise TypeError(msg)
        if not isinstance(self.description, str):
            msg = f"option {self.name!r}: description must be a str, got {_type_name(type(self.description))}"
            raise TypeError(msg)
        if self.default is not None:
            self._check_value(self.default, "default")
        self._check_bounds()
        self._check_choices()

    def _check_value(self, value: object, what: str) -> None:
        if not _is_a(value, self.type):
            msg = (
                f"option {self.name!r} has type {self.type.__name__}, but its {what} "
                f"{value!r} is of type {_type_name(type(value))}"
            )
            raise TypeError(msg)

    def _check_bounds(self) -> None:
        for bound in ("minimum", "maximum"):
            value = getattr(self, bound)
            if value is None:
                continue
            if self.type is not int:
                msg = f"option {self.name!r}: {bound} is only for int options, not {self.type.__name__}"
                raise TypeError(msg)
            self._check_value(value, bound)
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            msg = f"option {self.name!r}: minimum {self.minimum} is above maximum {self.maximum}"
            raise ValueError(msg)
        if isinstance(self.default, int) and not self._within_bounds(self.default):
            msg = f"option {self.name!r}: default {self.default} is outside {self._bounds()}"
            raise ValueError(msg)

    def _check_choices(self) -> None:
        if self.choices is None:
            return
        if not isinstance(self.choices, tuple) or not self.choices:
            msg = f"option {self.name!r}: choices must be a non-empty tuple, got {self.choices!r}"
            raise TypeError(msg)
        for choice in self.choices:
            self._check_value(choice, "choice")
            if isinstance(choice, int) and not self._within_bounds(choice):
                msg = f"option {self.name!r}: choice {choice} is outside {self._bounds()}"
                raise ValueError(msg)
        if len(set(self.choices)) != len(self.choices):
            msg = f"option {self.name!r}: choices {self.choices!r} repeat a value"
            raise ValueError(msg)
        if self.default is not None and self.default not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            msg = f"option {self.name!r}: default {self.default!r} is not one of its choices ({allowed})"
            raise ValueError(msg)

    def _within_bounds(self, value: int) -> bool:
        return (self.minimum is None or value >= self.minimum) and (
            self.maximum is None or value <= self.maximum
        )

    def _bounds(self) -> str:
        bounds = [
            f"{b} {getattr(self, b)}"
            for b in ("minimum", "maximum")
            if getattr(self, b) is not None
        ]
        return f"its bounds ({', '.join(bounds)})"

    def parse(self, value: object) -> OptionValue:
        """Return *value* converted to this option's type and checked.

        Strings (from the command line) are converted: ``"true"``/``"false"``
        (also ``yes``/``no``, ``on``/``off``, ``1``/``0``) for booleans,
        decimal digits for integers.

        Raises:
            OptionError: the value has the wrong type or is out of range.
        """
        parsed: OptionValue
        if isinstance(value, str) and self.type is not str:
            parsed = self._from_text(value)
        elif _is_a(value, self.type):
            parsed = value  # type: ignore[assignment]  # _is_a checked it is an OptionValue
        else:
            raise OptionError(f"option {self.name!r} takes {self.describe_type()}, got {value!r}")
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
            if lowered in TRUE_WORDS:
                return True
            if lowered in FALSE_WORDS:
                return False
            raise OptionError(f"option {self.name!r} takes true or false, got {text!r}")
        try:
            return int(text.strip(), 10)
        except ValueError:
            raise OptionError(f"option {self.name!r} takes an integer, got {text!r}") from None

    def describe_type(self) -> str:
        """Return the type in words, as messages and ``--help`` show it: ``"an integer"``.

        .. versionadded:: 0.1
        """
        return {bool: "true or false", int: "an integer", str: "a string"}[self.type]

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


class _Output(Protocol):
    """Anything with a binary :attr:`output`: each export context.

    A protocol, not a base class, so that the contexts share
    :meth:`write_text` while their public bases stay ``object``.
    """

    @property
    def output(self) -> IO[bytes]: ...

    def write_text(self, text: str) -> None:
        """Write *text* to :attr:`output` as UTF-8."""
        self.output.write(text.encode("utf-8"))


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

    write_text = _Output.write_text


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

    .. versionadded:: 0.1
    """

    works: Iterable[Any]
    options: Mapping[str, OptionValue | None]
    output: IO[bytes]
    version: str

    write_text = _Output.write_text


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
        if (
            not isinstance(value, str)
            or not value
            or not all(c.isalnum() or c in "-_" for c in value)
            or value != value.lower()
        ):
            msg = f"exporter name must be lowercase letters, digits, '-' or '_', got {value!r}"
            raise ValueError(msg)

    def __attrs_post_init__(self) -> None:
        # Checked when the plugin registers, so that a mistake marks the
        # plugin broken with the reason instead of failing in users' exports.
        for field in ("description", "media_type"):
            value = getattr(self, field)
            if not isinstance(value, str):
                msg = (
                    f"exporter {self.name!r}: {field} must be a str, got {_type_name(type(value))}"
                )
                raise TypeError(msg)
        if not isinstance(self.extension, str) or (
            self.extension and not _EXTENSION.fullmatch(self.extension)
        ):
            msg = (
                f"exporter {self.name!r}: extension must be empty or a dot and letters, "
                f"digits, '-' or '_' (such as '.json'), got {self.extension!r}"
            )
            raise ValueError(msg)
        if not isinstance(self.binary, bool):
            msg = f"exporter {self.name!r}: binary must be True or False, got {self.binary!r}"
            raise TypeError(msg)
        self._check_options()
        _check_export(self.name, self.export)
        if self.export_many is not None:
            _check_export(
                self.name,
                self.export_many,
                "export_many",
                takes="one argument, the layzner.ExportManyContext",
            )
        if self.prepare is not None:
            _check_export(
                self.name,
                self.prepare,
                "prepare",
                ("series", "options"),
                "two arguments, the series and the options",
            )

    def _check_options(self) -> None:
        if not isinstance(self.options, tuple):
            msg = f"exporter {self.name!r}: options must be a tuple of layzner.Option, got {_type_name(type(self.options))}"
            raise TypeError(msg)
        seen: set[str] = set()
        for option in self.options:
            if not isinstance(option, Option):
                msg = f"exporter {self.name!r}: options must be layzner.Option objects, got {option!r}"
                raise TypeError(msg)
            if option.name in seen:
                msg = f"exporter {self.name!r} declares option {option.name!r} twice"
                raise ValueError(msg)
            seen.add(option.name)

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


def _check_export(
    name: str,
    export: object,
    field: str = "export",
    arguments: tuple[str, ...] = ("context",),
    takes: str = "one argument, the layzner.ExportContext",
) -> None:
    """Raise ``TypeError`` unless *export* can be called as ``field(*arguments)``."""
    call = f"{field}({', '.join(arguments)})"
    if not callable(export):
        msg = f"exporter {name!r}: {field} must be a function called as {call}, got {_type_name(type(export))}"
        raise TypeError(msg)
    try:
        signature = inspect.signature(export)
    except (TypeError, ValueError):  # some builtins have no signature to check
        return
    try:
        signature.bind(*(None for _ in arguments))
    except TypeError as error:
        msg = (
            f"exporter {name!r}: {field}{signature} cannot be called as {call} "
            f"({error}); it must take {takes}"
        )
        raise TypeError(msg) from None
