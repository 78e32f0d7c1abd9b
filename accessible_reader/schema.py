"""Checking saved values against a declared dataclass, field by field, with msgspec.

The settings (accessible_reader.config.Settings) and the kiosk file
(accessible_reader.kiosk.config.KioskConfig) are plain frozen dataclasses; each field's
type annotation and metadata are the schema:

- the annotation: ``bool``, ``int``, ``float``, ``str``, ``tuple[X, ...]`` (a list of
  X, checked item by item), ``tuple[A, B]`` (a fixed entry), or another such
  dataclass (a nested table);
- ``metadata["label"]``: the Chinese name users see in messages;
- ``metadata["choices"]``: the valid values; ``metadata["range"]``: (low, high);
- ``metadata["max_items"]``: a list longer than this keeps its first items;
- ``metadata["parts"]``: Chinese names of a fixed entry's parts, for messages;
- ``metadata["check"]``: a further check of a converted value (of each item, for a
  list) returning (Chinese, English) of the problem or None;
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

SHOWN_CHARS = 40
"""A bad value is quoted in a message up to this many characters."""


@dataclass(frozen=True)
class Problem:
    """One value that was not used, and why, in Chinese and English."""

    name: str
    """The field's name in the file (``shortcuts``)."""
    label: str
    """Its Chinese label (快捷键)."""
    kind: str
    """"type", "range", "choice", "too_many", "unknown", "check"."""
    value: Any
    expected_zh: str
    expected_en: str
    item: int | None = None
    """1-based index of the list item, when the problem is in one item."""
    table: str | None = None
    """The nested table the field is in (``reading``), if any."""
    type_zh: str = ""
    """The expected type alone (整数), for messages that name the valid values apart."""

    @property
    def message_zh(self) -> str:
        """快捷键 第1项：应为按键文字"""
        where = f" 第{self.item}项" if self.item is not None else ""
        return f"{self.label}{where}：{self.expected_zh}"

    @property
    def message_en(self) -> str:
        where = f" item {self.item}" if self.item is not None else ""
        return f"{self.name}{where}: {self.expected_en}"


def shown(value: Any) -> str:
    """A short, safe rendering of a bad value (never a deep or huge repr)."""
    if isinstance(value, (bool, int, float)):
        text = repr(value)
    elif isinstance(value, str):
        text = repr(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…")
    elif isinstance(value, (list, tuple)):
        text = f"[…{len(value)} 项]"
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


def _type_words(python_type: Any) -> tuple[str, str]:
    if python_type is bool:
        return ("true 或 false", "true or false")
    if python_type is int:
        return ("整数", "an integer")
    if python_type is float:
        return ("数字", "a number")
    if python_type is str:
        return ("用引号括起的文字", "a quoted string")
    if typing.get_origin(python_type) is tuple:
        arguments = typing.get_args(python_type)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            zh, en = _type_words(arguments[0])
            return (f"{zh}列表", f"a list of {en}s")
        return (f"{len(arguments)} 项的列表", f"a list of {len(arguments)} items")
    if dataclasses.is_dataclass(python_type):
        return ("一个表", "a table")
    return (str(python_type), str(python_type))


def _expected(schema: FieldSchema, python_type: Any, value: Any) -> tuple[str, str, str]:
    """(kind, Chinese, English) of why `value` does not fit `python_type` in `schema`.

    kind is "type" when the value is not even of the right type, else "choice" or
    "range"; the words name the valid values either way.
    """
    metadata = schema.metadata
    kind = "type" if not _converts(value, python_type) else ""
    if "choices" in metadata:
        options = "、".join(str(choice) for choice in metadata["choices"])
        return (kind or "choice", f"应为以下之一：{options}", f"must be one of {options}")
    zh, en = _type_words(python_type)
    if "range" in metadata:
        low, high = metadata["range"]
        return (
            kind or "range",
            f"应为 {low:g}–{high:g} 之间的{zh}",
            f"must be {en} between {low:g} and {high:g}",
        )
    return ("type", f"应为{zh}", f"must be {en}")


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
            zh = f"应为 {len(parts)} 项：" + "、".join(names)
        else:
            zh = f"应为 {len(parts)} 项的列表"
        en = f"must be a list of {len(parts)} items"
        return None, Problem(schema.name, schema.label, "type", value, zh, en, item)
    converted: list[Any] = []
    for index, (part, part_type) in enumerate(zip(value, parts, strict=True)):
        try:
            converted.append(msgspec.convert(part, part_type))
        except msgspec.ValidationError:
            zh, en = _type_words(part_type)
            name = names[index] if index < len(names) else ""
            expected_zh = f"应为{name}" if name else f"第{index + 1}部分应为{zh}"
            return None, Problem(
                schema.name,
                schema.label,
                "type",
                value,
                expected_zh,
                f"part {index + 1} must be {en}",
                item,
            )
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
            kind, zh, en = _expected(schema, python_type, value)
            type_zh = _type_words(python_type)[0]
            return Problem(schema.name, schema.label, kind, value, zh, en, item, type_zh=type_zh)
    check = schema.metadata.get("check")
    if check is not None:
        found = check(converted)
        if found is not None:
            return Problem(schema.name, schema.label, "check", value, found[0], found[1], item)
    return converted


def _check_list(schema: FieldSchema, value: Any, checked: Checked) -> None:
    if not isinstance(value, (list, tuple)):
        zh, en = _type_words(schema.python_type)
        checked.problems.append(
            Problem(
                schema.name, schema.label, "type", value, f"应为{zh}", f"must be {en}", type_zh=zh
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
                f"共 {len(items)} 项，超过上限 {limit}，只保留前 {limit} 项",
                f"has {len(items)} items, more than {limit}; the first {limit} are kept",
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
            zh, en = _type_words(schema.python_type)
            checked.problems.append(
                Problem(schema.name, schema.label, "type", value, f"应为{zh}", f"must be {en}")
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
                    Problem(str(key), str(key), "unknown", value, "没有这一项", "unknown option")
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
