"""Setting commands by name: new values and announcements come from the schema."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from accessible_reader import setting_commands
from accessible_reader.config import ZOOM_MAX, ZOOM_MIN, Settings
from accessible_reader.setting_commands import (
    SettingCommands,
    announcement,
    cycled,
    stepped,
    toggled,
    value_label,
)


class FakeHost:
    """The least a SettingsHost must be: settings, replace_settings, announce."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.said: list[str] = []
        self.events: list[str] = []

    def replace_settings(self, settings: Settings) -> None:
        self.settings = settings.validated()
        self.events.append("applied")

    def announce(self, text: str, script: str | None = None) -> None:
        self.said.append(text)
        self.events.append("announced" if script is None else f"announced in {script}")


def run(settings: Settings | None = None) -> tuple[FakeHost, SettingCommands]:
    host = FakeHost(settings)
    return host, SettingCommands(host)


def metadata(name: str) -> dict[str, object]:
    return dict(next(f for f in dataclasses.fields(Settings) if f.name == name).metadata)


# -- the texts users hear today, unchanged ---------------------------------------------


def test_each_kind_of_command_says_what_the_old_window_methods_said() -> None:
    host, commands = run()
    commands.set("font_preset", "xlarge")  # a choice, set
    commands.step("font_preset", -1)  # a choice, stepped
    commands.set("zoom_percent", 130)  # a bounded number, set
    commands.step("zoom_percent", 1)  # … stepped
    commands.cycle("scheme")  # a choice, round and round
    commands.toggle("text_only")  # a boolean
    commands.cycle("cursor_scale")  # a number choice with a named value
    commands.cycle("cursor_scale")
    commands.cycle("cursor_scale")
    commands.cycle("rate")  # a number cycling through its named values
    commands.step("rate", 1)  # … and stepped finely
    commands.step("volume", -1)  # a fraction said as a percentage
    commands.toggle("sound")
    commands.toggle("caption_pinyin")  # spoken label shorter than the dialog's
    commands.toggle("reading_guide", "crosshair")  # a choice turned on by its key
    commands.toggle("reading_guide", "ruler")
    commands.toggle("reading_guide", "ruler")  # … and off again
    commands.set("variant", "zh-Hant")  # an unlabelled field: the value alone
    assert host.said == [
        "字号：特大",
        "字号：大",
        "缩放：130%",
        "缩放：140%",
        "配色：白底黑字",
        "纯文本：开",
        "大鼠标：2倍",
        "大鼠标：3倍",
        "大鼠标：关",
        "语速：较快",
        "语速：1.4倍",
        "音量：90%",
        "声音：关",
        "字幕拼音：开",
        "十字线：开",
        "阅读标尺：开",
        "阅读辅助：关",
        "繁體中文",
    ]
    settings = host.settings
    assert (settings.font_preset, settings.zoom_percent, settings.scheme) == (
        "large",
        140,
        "white-black",
    )
    assert (settings.text_only, settings.cursor_scale, settings.rate, settings.volume) == (
        True,
        1,
        1.4,
        0.9,
    )
    assert (settings.sound, settings.caption_pinyin, settings.reading_guide) == (
        False,
        True,
        "off",
    )
    assert settings.variant == "zh-Hant"


def test_the_announcement_is_built_from_the_schema_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spoken = metadata("scheme")["spoken"]
    labels = metadata("scheme")["value_labels"]
    assert isinstance(labels, dict)
    assert announcement("scheme", "black-yellow") == f"{spoken}：{labels['black-yellow']}"
    # Change the declaration and the command says the new words: nothing else holds them.
    renamed = dataclasses.replace(
        setting_commands.field_info("scheme"),
        spoken="颜色",
        value_labels={**labels, "black-yellow": "黑色底黄色字"},
    )
    monkeypatch.setitem(setting_commands._fields(), "scheme", renamed)
    host, commands = run()
    commands.set("scheme", "black-yellow")
    assert host.said == ["颜色：黑色底黄色字"]


def test_every_choice_has_words_users_understand() -> None:
    for spec in dataclasses.fields(Settings):
        for value in spec.metadata.get("choices", ()):
            label = value_label(spec.name, value)
            assert label and label != str(value), (spec.name, value)
    assert value_label("captions", True) == "开"


# -- bounds -----------------------------------------------------------------------------


def test_zoom_stops_at_the_bounds_declared_once() -> None:
    assert metadata("zoom_percent")["range"] == (ZOOM_MIN, ZOOM_MAX)
    host, commands = run(Settings(zoom_percent=ZOOM_MAX - 10))
    commands.step("zoom_percent", 1)
    commands.step("zoom_percent", 1)
    assert host.settings.zoom_percent == ZOOM_MAX
    assert host.said == [f"缩放：{ZOOM_MAX}%", f"缩放：{ZOOM_MAX}%"]
    commands.set("zoom_percent", 10)
    assert host.settings.zoom_percent == ZOOM_MIN
    commands.set("zoom_percent", 10_000)
    assert host.settings.zoom_percent == ZOOM_MAX


def test_numbers_stay_within_bounds_and_keep_their_step() -> None:
    assert stepped(Settings(rate=3.95), "rate", 1) == 4.0
    assert stepped(Settings(rate=0.5), "rate", -1) == 0.5
    assert stepped(Settings(volume=0.0), "volume", -1) == 0.0
    assert stepped(Settings(volume=0.7), "volume", 1) == 0.8  # not 0.7999999999999999
    assert stepped(Settings(font_preset="xlarge"), "font_preset", 1) == "xlarge"
    assert stepped(Settings(font_preset="small"), "font_preset", -3) == "small"


def test_cycling_wraps_and_numbers_cycle_through_their_named_values() -> None:
    assert cycled(Settings(scheme="blue-yellow"), "scheme") == "default"
    assert cycled(Settings(), "scheme", 3) == "black-yellow"
    assert cycled(Settings(rate=1.6), "rate") == 0.6  # 快 → 慢
    assert cycled(Settings(rate=2.2), "rate") == 0.6  # above the named values
    assert cycled(Settings(rate=0.7), "rate") == 0.8
    assert cycled(Settings(rate=0.8), "rate", -1) == 0.6
    assert cycled(Settings(captions=False), "captions") is True


def test_toggles_flip_a_switch_or_a_choice() -> None:
    assert toggled(Settings(), "captions") is True
    assert toggled(Settings(reading_guide="crosshair"), "reading_guide", "crosshair") == "off"
    assert toggled(Settings(reading_guide="crosshair"), "reading_guide", "ruler") == "ruler"


def test_unknown_names_and_unsteppable_settings_are_refused() -> None:
    _host, commands = run()
    with pytest.raises(KeyError, match="no setting called 'zoom'"):
        commands.set("zoom", 120)
    with pytest.raises(ValueError, match="declares no step"):
        stepped(Settings(), "voice", 1)
    with pytest.raises(ValueError, match="nothing to cycle"):
        cycled(Settings(), "volume")


def test_what_lays_out_or_repaints_is_said_before_it_other_settings_after() -> None:
    """字号, 缩放, 简/繁 lay the page out again and 配色 repaints every control: the
    screen reader must hear the value before that work, not after it (issue 12)."""
    host, commands = run()
    commands.set("scheme", "black-white")
    commands.set("font_preset", "large")
    commands.step("zoom_percent", 1)
    commands.set("variant", "zh-TW")
    commands.set("cursor_scale", 2)
    assert host.events == [
        *["announced", "applied"] * 3,
        "announced in zh-TW",  # in the script switched to
        "applied",
        "applied",
        "announced",
    ]


def test_a_command_changes_only_its_setting() -> None:
    before = Settings(recent_files=("a.html",), shortcuts=(("play", "P"),))
    host, commands = run(before)
    commands.toggle("captions")
    assert host.settings == replace(before, captions=True)
