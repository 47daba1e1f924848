"""Option and Exporter declarations are checked when they are made, with messages that say what to change."""

from __future__ import annotations

from typing import Any

import pytest

import layzner


def _write(context: layzner.ExportContext) -> None:
    context.write_text(context.series.title)


def _exporter(**changes: Any) -> layzner.Exporter:
    fields: dict[str, Any] = {
        "name": "plain",
        "description": "the title",
        "extension": ".txt",
        "media_type": "text/plain",
        "binary": False,
        "export": _write,
    }
    fields.update(changes)
    return layzner.Exporter(**fields)


@pytest.mark.parametrize(
    ("declaration", "error", "message"),
    [
        (("ratio", float, 0.5, "d"), TypeError, "supported types are bool, int and str"),
        (("header", bool, "no", "d"), TypeError, "its default 'no' is of type str"),
        (("level", int, True, "d"), TypeError, "its default True is of type bool"),
        (("flag", bool, 1, "d"), TypeError, "its default 1 is of type int"),
        (("level", int, "2", "d"), TypeError, "its default '2' is of type str"),
        (("a b", str, "", "d"), ValueError, "ASCII letters, digits"),
        (("k=v", str, "", "d"), ValueError, "got 'k=v'"),
        (("", str, "", "d"), ValueError, "option name"),
        (("level", int, 1, 5), TypeError, "description must be a str"),
    ],
)
def test_a_bad_declaration_is_refused_with_the_fix(
    declaration: tuple[Any, ...], error: type[Exception], message: str
) -> None:
    """Unsupported types and defaults of the wrong type are refused when the Option is made."""
    with pytest.raises(error, match=message):
        layzner.Option(*declaration)


@pytest.mark.parametrize(
    ("extra", "error", "message"),
    [
        ({"choices": ("safe", "slow")}, ValueError, "default 'fast' is not one of its choices"),
        ({"choices": ()}, TypeError, "non-empty tuple"),
        ({"choices": ["fast"]}, TypeError, "non-empty tuple"),
        ({"choices": ("fast", "fast")}, ValueError, "repeat a value"),
        ({"choices": ("fast", 2)}, TypeError, "its choice 2 is of type int"),
        ({"minimum": 1}, TypeError, "minimum is only for int options"),
    ],
)
def test_choices_must_hold_the_default(
    extra: dict[str, Any], error: type[Exception], message: str
) -> None:
    """Choices are a non-empty tuple of distinct values of the type, the default among them."""
    with pytest.raises(error, match=message):
        layzner.Option("mode", str, "fast", "how", **extra)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"minimum": 1, "maximum": 3}, r"default 5 is outside its bounds \(minimum 1, maximum 3\)"),
        ({"maximum": 4}, r"default 5 is outside its bounds \(maximum 4\)"),
        ({"minimum": 6}, r"default 5 is outside its bounds \(minimum 6\)"),
        ({"minimum": 3, "maximum": 1}, "minimum 3 is above maximum 1"),
        ({"choices": (5, 9), "maximum": 8}, "choice 9 is outside its bounds"),
    ],
)
def test_the_default_is_within_the_bounds(extra: dict[str, Any], message: str) -> None:
    """Bounds are ordered, and the default and every choice lie within them."""
    with pytest.raises(ValueError, match=message):
        layzner.Option("level", int, 5, "a level", **extra)


@pytest.mark.parametrize(
    "option",
    [
        layzner.Option("language", str, "", "a tag"),
        layzner.Option("previous", str, None, "a path; none by default"),
        layzner.Option("indent", int, 2, "spaces", choices=(0, 2)),
        layzner.Option("level", int, 1, "a level", minimum=0, maximum=3),
        layzner.Option("flag", bool, False, "a flag"),
        layzner.Option("mode", str, "safe", "how", choices=("safe", "slow")),
    ],
    ids=lambda o: o.name,
)
def test_good_declarations_are_accepted_and_parse_their_defaults(option: layzner.Option) -> None:
    """Every well-formed declaration is accepted, and its default passes its own checks."""
    if option.default is not None:
        assert option.parse(option.default) == option.default


def test_two_options_with_one_name_are_refused() -> None:
    """An exporter's option names are unique."""
    twice = (layzner.Option("level", int, 1, "a"), layzner.Option("level", int, 2, "b"))
    with pytest.raises(ValueError, match="declares option 'level' twice"):
        _exporter(options=twice)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"export": lambda context, extra: None}, r"cannot be called as export\(context\)"),
        ({"export": lambda: None}, r"cannot be called as export\(context\)"),
        ({"export": "write"}, "export must be a function"),
        ({"options": [layzner.Option("a", str, "", "d")]}, "options must be a tuple"),
        ({"options": ({"name": "a"},)}, "layzner.Option objects"),
        ({"extension": "json"}, "extension must be empty or a dot"),
        ({"extension": "./../x"}, "extension must be empty or a dot"),
        ({"description": None}, "description must be a str"),
        ({"binary": "no"}, "binary must be True or False"),
        ({"name": "CSV"}, "lowercase"),
    ],
)
def test_exporter_declarations_are_checked(changes: dict[str, Any], message: str) -> None:
    """An Exporter's export signature, options and fields are checked when it is made."""
    with pytest.raises((TypeError, ValueError), match=message):
        _exporter(**changes)


def test_an_export_with_optional_extras_is_accepted() -> None:
    """An export taking the context and only optional extras can be called as export(context)."""

    def export(context: layzner.ExportContext, *, verbose: bool = False) -> None:
        _write(context)

    exporter = _exporter(export=export)
    assert exporter.export is export


def test_parse_tells_the_type_in_words() -> None:
    """A value of the wrong type is refused naming the type, as --help names it."""
    option = layzner.Option("level", int, 1, "a level")
    assert option.describe_type() == "an integer"
    with pytest.raises(layzner.OptionError, match="takes an integer, got True"):
        option.parse(True)
    with pytest.raises(layzner.OptionError, match="takes true or false, got 1"):
        layzner.Option("flag", bool, False, "a flag").parse(1)
