"""Describe layzner's public API as text, one fact a line, to compare with a checked-in snapshot.

    python scripts/api_snapshot.py            # print the API as it is now
    python scripts/api_snapshot.py --write    # update tests/data/public-api.txt
    python scripts/api_snapshot.py --check    # exit 1, with a diff, if they differ

The public API is what a user can reach without a leading underscore: the names
in ``__all__`` of ``layzner`` and of each of its public modules
(``layzner.hookspecs``, ``layzner.errors``, ...).  Names are looked up with
``getattr`` on the imported module, never read from its source, so a lazy
``__init__`` (PEP 562 ``__getattr__``) is described exactly like an eager one.
Each line is complete on its own, so a diff line says what changed:
``layzner.Series.title: field str`` or ``layzner.load: function(...) -> Series``.

tests/test_api.py runs this script in a fresh interpreter and fails, with the
diff and the command above, when the snapshot is out of date.  After a merge,
regenerate the snapshot with --write rather than resolve its conflicts by hand.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import inspect
import pkgutil
import re
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, get_origin

import attrs

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "public-api.txt"
HEADER = (
    "# The public API of {package}, one fact a line (tests/test_api.py compares it).\n"
    "# Regenerate with: python scripts/api_snapshot.py --write\n"
    "# and say what changed in CHANGELOG.md, in the same commit.\n"
)
# Values whose repr is part of the API: a constant's value, an option's default.
_PLAIN = (str, bytes, int, float, bool, type(None))
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# The version changes with every release; its type is the API, not its value.
_TYPE_ONLY = frozenset({"__version__"})


def snapshot(package: str) -> str:
    """Return the public API of *package* and its public modules as text, one fact a line."""
    root = importlib.import_module(package)
    names = _PublicNames(root)
    lines: list[str] = []
    for module in _public_modules(root):
        lines.append(f"{module.__name__}: module")
        for name in _module_all(module):
            lines.extend(_describe(f"{module.__name__}.{name}", getattr(module, name), names))
    return HEADER.format(package=package) + "\n".join(lines) + "\n"


def _public_modules(root: types.ModuleType) -> list[types.ModuleType]:
    found = [root]
    for info in pkgutil.iter_modules(root.__path__):
        if not info.name.startswith("_"):
            found.append(importlib.import_module(f"{root.__name__}.{info.name}"))
    return found


def _module_all(module: types.ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        # Without __all__ the public names would be guessed from dir(), which
        # also lists what the module merely imports.
        msg = f"public module {module.__name__} has no __all__: add one"
        raise SystemExit(msg)
    return sorted(names)


class _PublicNames:
    """Map objects back to the names a user reaches them by, such as ``layzner.Series``."""

    def __init__(self, root: types.ModuleType) -> None:
        self._by_id: dict[int, str] = {}
        for name in getattr(root, "__all__", ()):
            value = getattr(root, name)
            if not isinstance(value, _PLAIN):  # small ints and strings are shared objects
                self._by_id[id(value)] = f"{root.__name__}.{name}"

    def alias(self, path: str, value: object) -> str | None:
        """Return the top-level name of *value* if *path* is another name for it."""
        name = self._by_id.get(id(value))
        return name if name not in (None, path) else None

    def name(self, cls: type) -> str:
        """Return the public name of *cls*: its name in the package, or in its library's."""
        if id(cls) in self._by_id:
            return self._by_id[id(cls)]
        if cls.__module__ == "builtins":
            return cls.__qualname__
        # Name a library's class by its top-level module when it is exported there
        # (pluggy.HookimplMarker, not pluggy._decorators.HookimplMarker), so the
        # snapshot does not change when the library moves its private modules.
        top = cls.__module__.split(".")[0]
        if getattr(sys.modules.get(top), cls.__qualname__, None) is cls:
            return f"{top}.{cls.__qualname__}"
        return f"{cls.__module__}.{cls.__qualname__}"


def _describe(path: str, value: object, names: _PublicNames) -> Iterator[str]:
    alias = names.alias(path, value)
    if alias is not None:
        yield f"{path}: same object as {alias}"
    elif isinstance(value, type):
        yield from _describe_class(path, value, names)
    elif inspect.isfunction(value) and _is_hookspec(value):
        yield f"{path}: hookspec{_signature(value)}{_hookspec_options(value)}"
    elif callable(value) and inspect.isroutine(inspect.unwrap(value)):  # lru_cache wraps slugify
        yield f"{path}: function{_signature(value)}"
    elif isinstance(value, types.ModuleType):
        yield f"{path}: module {value.__name__}"
    elif path.rsplit(".", 1)[-1] in _TYPE_ONLY:
        yield f"{path}: {type(value).__qualname__}"
    else:
        yield f"{path}: {_data(value, names)}"


def _describe_class(path: str, cls: type, names: _PublicNames) -> Iterator[str]:
    bases = ", ".join(names.name(base) for base in cls.__bases__)
    kind = "exception" if issubclass(cls, BaseException) else "class"
    yield f"{path}: {kind}({bases}){_signature(cls)}"
    fields: set[str] = set()
    if attrs.has(cls):
        yield f"{path}: attrs {', '.join(_attrs_traits(cls))}"
        for field in attrs.fields(cls):
            fields.add(field.name)
            yield f"{path}.{field.name}: field {_field(field)}"
    for name, member in sorted(_public_members(cls).items()):
        if name not in fields:
            yield f"{path}.{name}: {_member(member, names)}"


def _attrs_traits(cls: type) -> list[str]:
    traits = []
    # attrs makes a frozen class's __setattr__ this function; any other is settable.
    frozen = getattr(cls.__setattr__, "__name__", "") == "_frozen_setattrs"
    traits.append("frozen" if frozen else "mutable")
    traits.append("slots" if "__slots__" in vars(cls) else "dict")
    traits.append("hashable" if cls.__hash__ is not None else "unhashable")
    traits.append("ordered" if "__lt__" in vars(cls) else "unordered")
    return traits


def _field(field: attrs.Attribute[Any]) -> str:
    text = _annotation(field.type) if field.type is not None else "(no type)"
    default: object = field.default
    if type(default).__name__ == "Factory":  # attrs' stubs make Factory a function
        text += f" = Factory({_callable_name(getattr(default, 'factory', None))})"
    elif default is not attrs.NOTHING:
        text += f" = {_repr(default)}"
    flags = [
        flag
        for flag, on in (
            ("kw_only", field.kw_only),
            ("init=False", not field.init),
            ("eq=False", not field.eq),
            ("converted", field.converter is not None),
        )
        if on
    ]
    if field.alias not in (None, field.name):
        flags.append(f"alias={field.alias}")
    return text + (f" [{', '.join(flags)}]" if flags else "")


def _public_members(cls: type) -> dict[str, object]:
    """Return the public attributes *cls* defines or inherits from the same package."""
    package = cls.__module__.split(".")[0]
    members: dict[str, object] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.split(".")[0] != package:
            continue
        for name, member in vars(klass).items():
            if not name.startswith("_"):
                members[name] = member
    return members


def _member(member: object, names: _PublicNames) -> str:
    if isinstance(member, property):
        returns = inspect.signature(member.fget).return_annotation if member.fget else None
        return f"property -> {_annotation(returns)}"
    if isinstance(member, classmethod):
        return f"classmethod{_signature(member.__func__)}"
    if isinstance(member, staticmethod):
        return f"staticmethod{_signature(member.__func__)}"
    if inspect.isfunction(member):
        return f"method{_signature(member)}"
    if type(member).__name__ == "member_descriptor":  # a slot that is not an attrs field
        return "slot"
    return _data(member, names)


def _is_hookspec(value: types.FunctionType) -> bool:
    # pluggy marks a hook specification with a "<project>_spec" attribute.
    return any(name.endswith("_spec") for name in vars(value))


def _hookspec_options(spec: object) -> str:
    options = next(v for k, v in vars(spec).items() if k.endswith("_spec"))
    on = [name for name in ("firstresult", "historic") if options.get(name)]
    return f" [{', '.join(on)}]" if on else ""


def _signature(obj: Callable[..., object]) -> str:
    try:
        signature = inspect.signature(obj)
    except ValueError:  # a class that keeps a builtin base's constructor
        return "(...)"
    params = []
    previous = None
    for param in signature.parameters.values():
        if param.kind is param.KEYWORD_ONLY and previous in (None, param.POSITIONAL_OR_KEYWORD):
            params.append("*")
        if previous is param.POSITIONAL_ONLY and param.kind is not param.POSITIONAL_ONLY:
            params.append("/")
        params.append(_parameter(param))
        previous = param.kind
    if previous is inspect.Parameter.POSITIONAL_ONLY:
        params.append("/")
    text = f"({', '.join(params)})"
    if signature.return_annotation is not signature.empty:
        text += f" -> {_annotation(signature.return_annotation)}"
    return text


def _parameter(param: inspect.Parameter) -> str:
    text = param.name
    if param.kind is param.VAR_POSITIONAL:
        text = f"*{text}"
    elif param.kind is param.VAR_KEYWORD:
        text = f"**{text}"
    if param.annotation is not param.empty:
        text += f": {_annotation(param.annotation)}"
    if param.default is not param.empty:
        text += f" = {_repr(param.default)}"
    return text


def _annotation(annotation: object) -> str:
    if isinstance(annotation, str):  # as written, under `from __future__ import annotations`
        return annotation
    if isinstance(annotation, type):
        return annotation.__qualname__
    return str(inspect.formatannotation(annotation))


def _callable_name(value: object) -> str:
    return getattr(value, "__qualname__", None) or _repr(value)


def _repr(value: object) -> str:
    if callable(value) and not isinstance(value, type) and hasattr(value, "__qualname__"):
        return _callable_name(value)
    return _ADDRESS.sub("", repr(value))


def _data(value: object, names: _PublicNames) -> str:
    if isinstance(value, _PLAIN) or _is_plain_collection(value):
        return f"{names.name(type(value))} = {_repr(value)}"
    if isinstance(value, types.UnionType | types.GenericAlias) or get_origin(value) is Literal:
        return f"alias {_annotation(value)}"
    return f"instance of {names.name(type(value))}"


def _is_plain_collection(value: object) -> bool:
    return isinstance(value, tuple | frozenset) and all(isinstance(v, _PLAIN) for v in value)


def main(argv: list[str] | None = None) -> int:
    """Print, write or check the snapshot; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"update {SNAPSHOT.name}")
    action.add_argument("--check", action="store_true", help="exit 1 if it is out of date")
    parser.add_argument("--package", default="layzner", help="the package (default: layzner)")
    args = parser.parse_args(argv)
    if args.package != "layzner" and (args.write or args.check):
        parser.error(f"{SNAPSHOT.name} is layzner's: --write and --check take no --package")
    current = snapshot(args.package)
    if args.write:
        SNAPSHOT.write_text(current, encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}", file=sys.stderr)
    elif args.check:
        recorded = SNAPSHOT.read_text(encoding="utf-8")
        diff = difflib.unified_diff(
            recorded.splitlines(keepends=True),
            current.splitlines(keepends=True),
            str(SNAPSHOT.relative_to(ROOT)),
            "the API now",
        )
        sys.stdout.writelines(diff)
        return int(recorded != current)
    else:
        sys.stdout.write(current)
    return 0


if __name__ == "__main__":
    sys.exit(main())
