"""argparse's own words ("usage:", "options", "error: the following arguments are
required") in the interface language, through our catalogs.

argparse looks each of its messages up with the module-level `_` and `ngettext` it
imported from gettext, at the moment it uses it; `install()` points those two at
this table. Only argparse's known messages are mapped (Python 3.10–3.13); anything
else passes through unchanged, so a newer Python's new message stays English rather
than breaking. Written here: no library translates argparse.
"""

from __future__ import annotations

import argparse

from accessible_reader.i18n import N_, tr

WORDS: dict[str, str] = {
    "usage: ": N_("用法："),
    "positional arguments": N_("参数"),
    "options": N_("选项"),
    "optional arguments": N_("选项"),  # Python 3.9's title
    "show this help message and exit": N_("显示本帮助后退出"),
    "show program's version number and exit": N_("显示版本号后退出"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s：错误：%(message)s\n"),
    "the following arguments are required: %s": N_("缺少参数：%s"),
    "unrecognized arguments: %s": N_("无法识别的参数：%s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": N_("参数 %(argument_name)s：%(message)s"),
    "expected one argument": N_("需要一个值"),
    "expected at most one argument": N_("最多只能有一个值"),
    "expected at least one argument": N_("至少需要一个值"),
    "invalid %(type)s value: %(value)r": N_("无效的 %(type)s 值：%(value)r"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "not allowed with argument %s": N_("不能与参数 %s 同时使用"),
    "one of the arguments %s is required": N_("需要以下参数之一：%s"),
}
"""argparse's message → ours (source text 简体中文, translated by the catalogs)."""


def argparse_text(message: str) -> str:
    """argparse's `message` in the interface language (unknown ones unchanged)."""
    ours = WORDS.get(message)
    return tr(ours) if ours is not None else message


def argparse_plural(singular: str, plural: str, count: int) -> str:
    """argparse's `ngettext` ("expected %s arguments"): one form in Chinese."""
    if singular == "expected %s argument":
        return tr(N_("需要 %s 个值"))
    return singular if count == 1 else plural


def install() -> None:
    """Make argparse speak through `argparse_text` from now on."""
    argparse._ = argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = argparse_plural  # type: ignore[attr-defined]
