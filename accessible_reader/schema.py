"""Checking saved values against a declared dataclass, field by field, with msgspec.

The settings (accessible_reader.config.Settings) and the kiosk file
(accessible_reader.kiosk.config.KioskConfig) are plain frozen dataclasses; each field's
type annotation and metadata are the schema:

- the annotation: ``bool``, ``int``, ``float``, ``str``, ``tuple[X, ...]`` (a list of
  X, checked item by item), ``tuple[A, B]`` (a fixed entry), or another such
  dataclass (a nested table);
- ``metadata["label"]``: the name users see in messages (a catalog msgid);
- ``metadata["choices"]``: the valid values; ``metadata["range"]``: (low, high);
- ``metadata["max_items"]``: a list longer than this keeps its first items;
- ``metadata["parts"]``: names of a fixed entry's parts, for messages (msgids);
- ``metadata["check"]``: a further check of a converted value (of each item, for a
  list) returning the problem (an i18n.Message) or None;
- ``metadata["allowed"]``: for a nested table, the keys it may hold.

msgspec checks each value against the type built from these (strictly: no "1" for 1,
no true for 1; an int stands for a float), so one bad value costs only that value (or
that list item), never the whole file. Values are checked one by one instead of the
whole dict at once because msgspec stops at the first error, and a user's file with one
typo must keep everything else.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec

from accessible_reader.i18n import ENUMERATION, N_, Joined, Message, Translate

SHOWN_CHARS = 40
"""A bad value is quoted in a message up to this many characters."""


@dataclass(frozen=True)
class Problem:
    """One value that was not used, and why (a catalog message, translated when shown)."""

    name: str
    """The field's name in the file (``shortcuts``)."""
    label: str
    """Its Chinese label (快捷键)."""
    kind: str
    """"type", "range", "choice", "too_many", "unknown", "check"."""
    value: Any
    expected: Message
    """What the value should have been (应为整数)."""
    item: int | None = None
    """1-based index of the list item, when the problem is in one item."""
    table: str | None = None
    """The nested table the field is in (``reading``), if any."""
    type_words: Message | str = ""
    """The expected type alone (整数), for messages that name the valid values apart."""

    @property
    def message(self) -> Message:
        """快捷键 第1项：应为按键文字 (in English: shortcuts item 1: …)"""
        label = FieldName(self.label, self.name)
        if self.item is not None:
            return Message(
                "{label} 第{item}项：{expected}",
                label=label,
                item=self.item,
                expected=self.expected,
            )
        return Message("{label}：{expected}", label=label, expected=self.expected)


@dataclass(frozen=True)
class FieldName:
    """A field as a message names it: by its label in Chinese, by its key in English,
    where the label's translation would not say what to look for in the file."""

    label: str
    name: str

    def text(self, interface: Translate) -> str:
        return self.name if getattr(interface, "english", False) else interface(self.label)


def shown(value: Any) -> str | Message:
    """A short, safe rendering of a bad value (never a deep or huge repr)."""
    if isinstance(value, (bool, int, float)):
        text = repr(value)
    elif isinstance(value, str):
        text = repr(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…")
    elif isinstance(value, (list, tuple)):
        return Message("[…{count} 项]", count=len(value))
    elif isinstance(value, dict):
        text = "{…}"
    elif value is None:
        text = "null"
    else:
        text = type(value).__name__
    return text


# ---------------------------------------------------------------------------
# The schema of one field


@dataclass(frozen=True)
class FieldSchema:
    """How one field is checked, built once per dataclass from its declaration."""

    name: str
    label: str
    default: Any
    leaf: Any = None
    """msgspec type of a single value (None for lists, entries and tables)."""
    item: Any = None
    """For a list: msgspec type of one item (or a tuple of part types for entries)."""
    parts: tuple[Any, ...] | None = None
    """For a fixed entry (or a list of them): msgspec types of its parts."""
    part_names: tuple[str, ...] = ()
    table: type | None = None
    max_items: int | None = None
    python_type: Any = None
    metadata: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def is_list(self) -> bool:
        return self.item is not None


def _constrained(python_type: Any, metadata: Mapping[str, Any]) -> Any:
    if "choices" in metadata:
        return Literal[tuple(metadata["choices"])]
    if "range" in metadata:
        low, high = metadata["range"]
        return Annotated[python_type, msgspec.Meta(ge=low, le=high)]
    return python_type


def _fixed_parts(annotation: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(annotation) is tuple:
        arguments = typing.get_args(annotation)
        if arguments and arguments[-1] is not Ellipsis:
            return arguments
    return None


@functools.cache
def schema_of(cls: type) -> tuple[FieldSchema, ...]:
    """The checking schema of a dataclass, from its annotations and field metadata."""
    hints = typing.get_type_hints(cls)
    schemas: list[FieldSchema] = []
    for spec in dataclasses.fields(cls):
        annotation = hints[spec.name]
        metadata = spec.metadata
        if spec.default is not dataclasses.MISSING:
            default = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            default = spec.default_factory()
        else:  # pragma: no cover - every schema field has a default
            raise TypeError(f"{cls.__name__}.{spec.name} has no default")
        common: dict[str, Any] = {
            "name": spec.name,
            "label": metadata.get("label", spec.name),
            "default": default,
            "python_type": annotation,
            "metadata": metadata,
            "part_names": tuple(metadata.get("parts", ())),
            "max_items": metadata.get("max_items"),
        }
        origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
        if dataclasses.is_dataclass(annotation):
            schemas.append(FieldSchema(table=typing.cast(type, annotation), **common))
        elif origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
            item = arguments[0]
            parts = _fixed_parts(item)
            schemas.append(FieldSchema(item=_constrained(item, metadata), parts=parts, **common))
        elif _fixed_parts(annotation) is not None:
            schemas.append(FieldSchema(parts=_fixed_parts(annotation), **common))
        else:
            schemas.append(FieldSchema(leaf=_constrained(annotation, metadata), **common))
    return tuple(schemas)


# ---------------------------------------------------------------------------
# What a value should have been, in words


def _type_words(python_type: Any) -> Message | str:
    if python_type is bool:
        return N_("true 或 false")
    if python_type is int:
        return N_("整数")
    if python_type is float:
        return N_("数字")
    if python_type is str:
        return N_("用引号括起的文字")
    if typing.get_origin(python_type) is tuple:
        arguments = typing.get_args(python_type)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return Message("{type}列表", type=_type_words(arguments[0]))
        return Message("{count} 项的列表", count=len(arguments))
    if dataclasses.is_dataclass(python_type):
        return N_("一个表")
    return str(python_type)


def _expected(schema: FieldSchema, python_type: Any, value: Any) -> tuple[str, Message]:
    """(kind, message) of why `value` does not fit `python_type` in `schema`.

    kind is "type" when the value is not even of the right type, else "choice" or
    "range"; the words name the valid values either way.
    """
    metadata = schema.metadata
    kind = "type" if not _converts(value, python_type) else ""
    if "choices" in metadata:
        options = Joined([str(choice) for choice in metadata["choices"]], ENUMERATION)
        return (kind or "choice", Message("应为以下之一：{options}", options=options))
    words = _type_words(python_type)
    if "range" in metadata:
        low, high = metadata["range"]
        return (
            kind or "range",
            Message("应为 {low}–{high} 之间的{type}", low=f"{low:g}", high=f"{high:g}", type=words),
        )
    return ("type", Message("应为{type}", type=words))


def _converts(value: Any, target: Any) -> bool:
    try:
        msgspec.convert(value, target)
    except (msgspec.ValidationError, TypeError, ValueError):
        return False
    return True


# ---------------------------------------------------------------------------
# Checking


@dataclass
class Checked:
    """The values that passed (by field name) and the problems with the rest."""

    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def _check_entry(schema: FieldSchema, value: Any, item: int | None) -> tuple[Any, Problem | None]:
    parts = schema.parts or ()
    names = schema.part_names
    if not isinstance(value, (list, tuple)) or len(value) != len(parts):
        if names:
            expected = Message(
                "应为 {count} 项：{names}", count=len(parts), names=Joined(names, ENUMERATION)
            )
        else:
            expected = Message("应为 {count} 项的列表", count=len(parts))
        return None, Problem(schema.name, schema.label, "type", value, expected, item)
    converted: list[Any] = []
    for index, (part, part_type) in enumerate(zip(value, parts, strict=True)):
        try:
            converted.append(msgspec.convert(part, part_type))
        except msgspec.ValidationError:
            name = names[index] if index < len(names) else ""
            expected = (
                Message("应为{type}", type=name)
                if name
                else Message("第{part}部分应为{type}", part=index + 1, type=_type_words(part_type))
            )
            return None, Problem(schema.name, schema.label, "type", value, expected, item)
    return tuple(converted), None


def _check_one(schema: FieldSchema, target: Any, value: Any, item: int | None) -> Any:
    """The converted value, or a Problem."""
    python_type = typing.get_args(schema.python_type)[0] if item is not None else schema.python_type
    if schema.parts is not None:
        converted, problem = _check_entry(schema, value, item)
        if problem is not None:
            return problem
    else:
        try:
            converted = msgspec.convert(value, target)
        except msgspec.ValidationError:
            kind, expected = _expected(schema, python_type, value)
            words = _type_words(python_type)
            return Problem(schema.name, schema.label, kind, value, expected, item, type_words=words)
    check = schema.metadata.get("check")
    if check is not None:
        found = check(converted)
        if found is not None:
            return Problem(schema.name, schema.label, "check", value, found, item)
    return converted


def _check_list(schema: FieldSchema, value: Any, checked: Checked) -> None:
    if not isinstance(value, (list, tuple)):
        words = _type_words(schema.python_type)
        checked.problems.append(
            Problem(
                schema.name,
                schema.label,
                "type",
                value,
                Message("应为{type}", type=words),
                type_words=words,
            )
        )
        return
    items = value
    limit = schema.max_items
    if limit is not None and len(items) > limit:
        checked.problems.append(
            Problem(
                schema.name,
                schema.label,
                "too_many",
                value,
                Message(
                    "共 {count} 项，超过上限 {limit}，只保留前 {limit} 项",
                    count=len(items),
                    limit=limit,
                ),
            )
        )
        items = items[:limit]
    kept: list[Any] = []
    for index, entry in enumerate(items, start=1):
        result = _check_one(schema, schema.item, entry, index)
        if isinstance(result, Problem):
            checked.problems.append(result)
        else:
            kept.append(result)
    checked.values[schema.name] = tuple(kept)


def check_value(
    schema: FieldSchema, value: Any, checked: Checked, *, report_unknown: bool = False
) -> None:
    """Check one field's value; it goes to `checked.values` or to `checked.problems`."""
    if schema.table is not None:
        if not isinstance(value, Mapping):
            words = _type_words(schema.python_type)
            checked.problems.append(
                Problem(schema.name, schema.label, "type", value, Message("应为{type}", type=words))
            )
            return
        inner = check_mapping(
            schema.table,
            value,
            allowed=schema.metadata.get("allowed"),
            report_unknown=report_unknown,
        )
        for problem in inner.problems:
            checked.problems.append(dataclasses.replace(problem, table=schema.name))
        checked.values[schema.name] = schema.table(**inner.values)
        return
    if schema.is_list:
        _check_list(schema, value, checked)
        return
    result = _check_one(schema, schema.leaf, value, None)
    if isinstance(result, Problem):
        checked.problems.append(result)
    else:
        checked.values[schema.name] = result


def check_mapping(
    cls: type,
    data: Mapping[str, Any],
    *,
    allowed: frozenset[str] | None = None,
    report_unknown: bool = False,
) -> Checked:
    """Check every key of `data` against `cls`'s schema.

    Unknown keys (and keys outside `allowed`) are dropped; with `report_unknown` they
    are problems too (the kiosk file, where a typo must not pass silently).
    """
    by_name = {schema.name: schema for schema in schema_of(cls)}
    checked = Checked()
    for key, value in data.items():
        schema = by_name.get(key) if allowed is None or key in allowed else None
        if schema is None:
            if report_unknown:
                checked.problems.append(
                    Problem(str(key), str(key), "unknown", value, Message("没有这一项"))
                )
            continue
        check_value(schema, value, checked, report_unknown=report_unknown)
    return checked


def valid_copy(instance: Any) -> Any:
    """`instance` (a schema dataclass) with every invalid value back at its default."""
    cls = type(instance)
    data = {spec.name: getattr(instance, spec.name) for spec in dataclasses.fields(cls)}
    checked = check_mapping(cls, data)
    if not checked.problems:
        return instance
    return cls(**checked.values)
