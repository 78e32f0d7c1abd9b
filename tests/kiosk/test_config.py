"""The kiosk file: defaults, strict checking with Chinese messages, lookup order, the PIN line."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from accessible_reader.config import Settings
from accessible_reader.kiosk.config import (
    CONFIG_ENV,
    KioskConfig,
    KioskConfigError,
    check_exit_chord,
    describe_config,
    is_kiosk_config_file,
    load_config,
    locate_config,
    parse_config,
    resolve_kiosk,
    system_config_path,
    target_path,
    with_pin_hash,
    write_pin_hash,
)
from accessible_reader.kiosk.pin import verify_pin

from .helpers import FAST_HASH, PIN


def parse(text: str, base: Path = Path("/srv/kiosk")) -> KioskConfig:
    return parse_config(text, base_dir=base, name="test.toml")


def problems(text: str) -> str:
    with pytest.raises(KioskConfigError) as raised:
        parse(text)
    assert raised.value.exit_code == 2
    assert raised.value.message_en  # every message has its English beside it
    return raised.value.message_zh


def test_defaults_match_the_issue() -> None:
    config = parse("")
    assert config == KioskConfig()
    assert config.kiosk is False
    assert config.idle_seconds == 120
    assert config.warning_seconds == 15
    assert config.exit_chord == "Ctrl+Alt+Shift+Q"
    assert config.refresh_minutes == 0
    assert config.sources == ()
    assert config.sound is True
    assert not config.has_pin
    assert config.baseline_settings() == Settings()


def test_a_full_file_is_read() -> None:
    config = parse(
        f"""
kiosk = true
idle_seconds = 300
warning_seconds = 20
admin_pin_hash = "{FAST_HASH}"
exit_chord = "Ctrl+Shift+F12"
admin_press_seconds = 3
refresh_minutes = 60
sources = ["https://www.example.gov.cn/col/col1/index.html", "articles", "~/more"]
library_path = "data/library.sqlite3"
sound = false
log_dir = "/var/log/reader"
keep_crash_logs = 5

[reading]
font_preset = "xlarge"
scheme = "black-yellow"
rate = 1
volume = 0.6
variant = "zh-HK"
"""
    )
    assert config.kiosk and config.idle_seconds == 300 and config.warning_seconds == 20
    assert verify_pin(PIN, config.admin_pin_hash)
    assert config.admin_press_seconds == 3.0 and isinstance(config.admin_press_seconds, float)
    assert config.column_sources() == ["https://www.example.gov.cn/col/col1/index.html"]
    assert config.folder_sources() == [
        "/srv/kiosk/articles",
        str(Path("~/more").expanduser()),
    ]
    assert config.library_file() == Path("/srv/kiosk/data/library.sqlite3")
    assert config.log_folder() == Path("/var/log/reader")
    baseline = config.baseline_settings()
    assert baseline.font_preset == "xlarge" and baseline.scheme == "black-yellow"
    assert baseline.rate == 1.0 and isinstance(baseline.rate, float)
    assert baseline.volume == 0.6 and baseline.variant == "zh-HK"
    assert baseline.sound is False  # the terminal has no headphones


def test_every_problem_is_listed_at_once() -> None:
    message = problems(
        """
idle_second = 60
warning_seconds = 500
sound = "yes"
"""
    )
    assert "没有 idle_second 这一项（拼写错误？）" in message
    assert "warning_seconds = 500 超出范围（5–120）" in message
    assert "sound 应为true 或 false" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("idle_seconds = 5", "超出范围（20–3600）"),
        ("idle_seconds = 120.5", "idle_seconds 应为整数"),
        ("idle_seconds = true", "idle_seconds 应为整数"),
        ('kiosk = "true"', "kiosk 应为true 或 false"),
        ("refresh_minutes = 3", "至少 10 分钟"),
        ("refresh_minutes = 30", "sources 是空的"),
        ('sources = "https://a.gov.cn/"', "sources 应为用引号括起的文字列表"),
        ('sources = ["ftp://a.gov.cn/x"]', "只接受 http/https 网址或文件夹"),
        ('sources = [" "]', "sources 里有空的一项"),
        ('admin_pin_hash = "1234"', "admin_pin_hash 的格式不对"),
        ('exit_chord = "Alt+F4"', "不是有效的组合键"),
        ("keep_crash_logs = 0", "超出范围"),
        ('[reading]\nscheme = "pink"', "[reading] scheme = 'pink' 无效"),
        ("[reading]\nrate = 9.0", "[reading] rate = 9.0 无效"),
        ("[reading]\nsound = false", "声音请用顶层的 sound"),
        ("[reading]\nshortcuts = []", "[reading] 里没有 shortcuts"),
        ('[reading]\ncaptions = "on"', "[reading] captions 应为true 或 false"),
        ("reading = 3", "[reading] 应为一个表"),
        ("kiosk = tru", "不是有效的 TOML"),
    ],
)
def test_bad_values_are_refused_with_a_chinese_reason(text: str, expected: str) -> None:
    with pytest.raises(KioskConfigError) as raised:
        parse(text)
    assert expected in raised.value.user_message("zh")


def test_toml_errors_say_where() -> None:
    with pytest.raises(KioskConfigError) as raised:
        parse("kiosk = true\nidle_seconds = \n")
    assert "line 2" in raised.value.user_message("zh")


@pytest.mark.parametrize(
    ("chord", "ok"),
    [
        ("Ctrl+Alt+Shift+Q", True),
        ("ctrl+alt+q", True),
        ("Meta+Shift+F12", True),
        ("Alt+F4", False),
        ("Ctrl+Alt", False),
        ("Ctrl+Ctrl+Q", False),
        ("Hyper+Alt+Q", False),
        ("Q", False),
        ("", False),
    ],
)
def test_exit_chord_needs_two_modifiers_and_a_key(chord: str, ok: bool) -> None:
    assert (check_exit_chord(chord) is None) is ok


def test_sources_are_deduplicated_and_resolved_against_the_file(tmp_path: Path) -> None:
    config = parse(
        'sources = ["a", "./a", "https://x.gov.cn/l.html", "https://x.gov.cn/l.html"]', tmp_path
    )
    assert config.sources == (str(tmp_path / "a"), "https://x.gov.cn/l.html")


def test_load_reads_a_file_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes("\ufeffkiosk = true\nsources = ['文章']\n".encode())
    config = load_config(path)
    assert config.kiosk
    assert config.sources == (str(tmp_path.resolve() / "文章"),)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(KioskConfigError) as raised:
        load_config(tmp_path / "nope.toml")
    assert "找不到信息亭配置文件" in raised.value.message_zh
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00kiosk")
    with pytest.raises(KioskConfigError) as raised:
        load_config(binary)
    assert "无法读取" in raised.value.message_zh


# --- Lookup order ----------------------------------------------------------------------


def test_lookup_order(tmp_path: Path) -> None:
    system = tmp_path / "etc" / "kiosk.toml"
    env = {CONFIG_ENV: str(tmp_path / "env.toml")}
    found = locate_config("given.toml", environ=env, system_path=system)
    assert found is not None and found.origin == "--config" and found.path == Path("given.toml")
    found = locate_config(None, environ=env, system_path=system)
    assert found is not None and found.origin == CONFIG_ENV
    assert locate_config(None, environ={}, system_path=system) is None  # absent system file
    system.parent.mkdir()
    system.write_text("kiosk = true\n", encoding="utf-8")
    found = locate_config(None, environ={CONFIG_ENV: " "}, system_path=system)
    assert found is not None and found.origin == "system" and found.path == system


def test_set_pin_target_is_the_system_file_even_when_absent(tmp_path: Path) -> None:
    system = tmp_path / "etc" / "kiosk.toml"
    assert target_path(None, environ={}, system_path=system) == system
    assert target_path("mine.toml", environ={}, system_path=system) == Path("mine.toml")


def test_system_paths_per_platform() -> None:
    assert system_config_path("linux") == Path("/etc/accessible-reader/kiosk.toml")
    if sys.platform.startswith("linux"):
        assert system_config_path() == Path("/etc/accessible-reader/kiosk.toml")
    assert system_config_path("win32").name == "kiosk.toml"


def test_only_toml_paths_are_kiosk_files() -> None:
    assert is_kiosk_config_file("/etc/accessible-reader/kiosk.toml")
    assert is_kiosk_config_file("K.TOML")
    assert not is_kiosk_config_file("settings.json")


# --- Deciding whether the window is a kiosk ---------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_no_kiosk_without_flag_or_file(tmp_path: Path) -> None:
    assert resolve_kiosk(False, None, environ={}, system_path=tmp_path / "none.toml") is None


def test_the_flag_without_a_file_refuses_and_says_how_to_set_a_pin(tmp_path: Path) -> None:
    system = tmp_path / "kiosk.toml"
    with pytest.raises(KioskConfigError) as raised:
        resolve_kiosk(True, None, environ={}, system_path=system)
    message = raised.value.message_zh
    assert "需要管理员密码" in message
    assert f"accessible-reader kiosk set-pin --config {system}" in message
    assert "kiosk set-pin" in raised.value.message_en


def test_a_file_saying_kiosk_starts_a_kiosk_without_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", f'kiosk = true\nadmin_pin_hash = "{FAST_HASH}"\n')
    start = resolve_kiosk(False, str(path), environ={}, system_path=tmp_path / "none.toml")
    assert start is not None and start.config.kiosk and start.path == path
    assert start.origin == "--config"


def test_a_file_not_saying_kiosk_needs_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", f'admin_pin_hash = "{FAST_HASH}"\nidle_seconds = 60\n')
    assert resolve_kiosk(False, str(path), environ={}, system_path=tmp_path / "x") is None
    start = resolve_kiosk(True, str(path), environ={}, system_path=tmp_path / "x")
    assert start is not None and start.config.kiosk and start.config.idle_seconds == 60


def test_the_system_file_locks_every_start(tmp_path: Path) -> None:
    system = write(tmp_path / "kiosk.toml", f'kiosk = true\nadmin_pin_hash = "{FAST_HASH}"\n')
    start = resolve_kiosk(False, None, environ={}, system_path=system)
    assert start is not None and start.origin == "system"


def test_a_json_config_is_still_the_settings_file(tmp_path: Path) -> None:
    settings = write(tmp_path / "settings.json", "{}")
    assert resolve_kiosk(False, str(settings), environ={}, system_path=tmp_path / "x") is None


def test_a_kiosk_file_without_a_pin_refuses(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", "kiosk = true\n")
    with pytest.raises(KioskConfigError) as raised:
        resolve_kiosk(False, str(path), environ={}, system_path=tmp_path / "x")
    assert "kiosk set-pin" in raised.value.message_zh


def test_a_bad_file_refuses_even_without_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", "kiosk = true\nidle_seconds = 1\n")
    with pytest.raises(KioskConfigError):
        resolve_kiosk(False, None, environ={CONFIG_ENV: str(path)}, system_path=tmp_path / "x")


def test_a_missing_file_named_by_the_environment_refuses(tmp_path: Path) -> None:
    with pytest.raises(KioskConfigError) as raised:
        resolve_kiosk(
            False, None, environ={CONFIG_ENV: str(tmp_path / "gone.toml")}, system_path=tmp_path
        )
    assert "找不到" in raised.value.message_zh


# --- Writing the PIN ---------------------------------------------------------------------


def test_pin_line_is_added_before_the_first_table_and_comments_stay() -> None:
    text = "# kiosk of the 3rd floor\nkiosk = true  # on\n\n[reading]\nfont_preset = 'large'\n"
    updated = with_pin_hash(text, FAST_HASH)
    assert "# kiosk of the 3rd floor" in updated and "# on" in updated
    config = parse(updated)
    assert config.admin_pin_hash == FAST_HASH
    assert config.baseline_settings().font_preset == "large"
    assert updated.index("admin_pin_hash") < updated.index("[reading]")


def test_pin_line_is_replaced_not_repeated() -> None:
    text = f'kiosk = true\nadmin_pin_hash = "{FAST_HASH}"\n'
    other = FAST_HASH.replace(FAST_HASH.split("$")[3], "ab" * 32)
    updated = with_pin_hash(text, other)
    assert updated.count("admin_pin_hash") == 1
    assert parse(updated).admin_pin_hash == other


def test_commented_pin_line_is_left_alone() -> None:
    text = '# admin_pin_hash = "old"\nkiosk = true'
    updated = with_pin_hash(text, FAST_HASH)
    assert updated.startswith('# admin_pin_hash = "old"\nkiosk = true\n')
    assert parse(updated).admin_pin_hash == FAST_HASH


def test_pin_is_not_written_into_a_broken_file() -> None:
    with pytest.raises(KioskConfigError) as raised:
        with_pin_hash("kiosk = = true", FAST_HASH)
    assert "没有写入密码" in raised.value.message_zh


def test_only_real_hashes_are_written() -> None:
    with pytest.raises(ValueError):
        with_pin_hash("", "1234")


def test_write_creates_the_file_and_keeps_an_existing_mode(tmp_path: Path) -> None:
    new = tmp_path / "etc" / "kiosk.toml"
    write_pin_hash(new, FAST_HASH)
    assert load_config(new).admin_pin_hash == FAST_HASH
    existing = write(tmp_path / "k.toml", "kiosk = true\n")
    os.chmod(existing, 0o640)
    write_pin_hash(existing, FAST_HASH)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert load_config(existing).kiosk
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_write_without_permission_says_sudo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "kiosk.toml", "kiosk = true\n")

    def refuse(source: str, target: Path) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("accessible_reader.kiosk.config.os.replace", refuse)
    with pytest.raises(KioskConfigError) as raised:
        write_pin_hash(path, FAST_HASH)
    assert "sudo" in raised.value.message_zh
    assert path.read_text(encoding="utf-8") == "kiosk = true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]  # no temporary left


def test_describe_never_shows_the_hash() -> None:
    rows = describe_config(
        parse(f'admin_pin_hash = "{FAST_HASH}"\n[reading]\nscheme = "black-white"')
    )
    shown = {name: value for name, _, value in rows}
    assert shown["admin_pin_hash"] == "已设置"
    assert FAST_HASH not in " ".join(shown.values())
    assert shown["reading"] == "scheme=black-white"
    assert {name for name, _, _ in rows} == {spec for spec in KioskConfig.__dataclass_fields__}


# --- Hostile files (issue 19.7) and generated ones ---------------------------------------


def test_deeply_nested_sources_are_a_clear_error_not_a_recursion_error() -> None:
    depth = 100_000
    message = problems("sources = " + "[" * depth + "]" * depth)
    assert "不是有效的 TOML" in message


def test_a_shallower_nesting_names_the_item() -> None:
    assert "sources 第1项 应为用引号括起的文字" in problems("sources = [[[['a']]]]")


@pytest.mark.parametrize("chord", ["Ctrl+Alt+Nope", "Ctrl+Alt+F36", "Ctrl+Alt+Enterr"])
def test_an_exit_chord_with_an_unknown_key_is_refused(chord: str) -> None:
    assert check_exit_chord(chord) is not None
    assert "不是键名" in problems(f'exit_chord = "{chord}"')


@pytest.mark.parametrize(
    "chord", ["Ctrl+Alt+Home", "ctrl+shift+pgdown", "Ctrl+Alt+F12", "Alt+Meta+/"]
)
def test_exit_chords_with_named_keys_pass(chord: str) -> None:
    assert check_exit_chord(chord) is None


def test_messages_name_the_option_in_chinese_too() -> None:
    message = problems("warning_seconds = 500\n[reading]\nzoom_percent = 'big'")
    assert "“还在使用吗？”倒计时（秒）：warning_seconds = 500 超出范围（5–120）" in message
    assert "缩放（%）：[reading] zoom_percent 应为整数" in message


def test_a_huge_value_is_quoted_short() -> None:
    message = problems(f'[reading]\nscheme = "{"x" * 10_000}"')
    assert len(message) < 1000


TOML_VALUES = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3),
    max_leaves=8,
)
TOML_KEYS = st.sampled_from([*KioskConfig.__dataclass_fields__, "reading", "idle_second"])


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(TOML_KEYS, TOML_VALUES, max_size=6),
    reading=st.dictionaries(
        st.sampled_from([*Settings.__dataclass_fields__, "bogus"]), TOML_VALUES, max_size=4
    ),
)
def test_generated_kiosk_files_are_read_or_refused_with_reasons(
    data: dict[str, object], reading: dict[str, object]
) -> None:
    document = tomlkit.document()
    for key, value in data.items():
        if key != "reading":
            document[key] = value
    if reading:
        document["reading"] = reading
    try:
        config = parse(tomlkit.dumps(document))
    except KioskConfigError as error:
        assert error.message_zh and error.message_en
        return
    assert config.baseline_settings().validated() == config.baseline_settings()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_generated_text_is_read_or_refused_never_a_crash(text: str) -> None:
    try:
        parse(text)
    except KioskConfigError as error:
        assert error.message_zh


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_the_kiosk_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    os.mkfifo(path)
    with pytest.raises(KioskConfigError) as raised:
        load_config(path)
    assert "无法读取" in raised.value.message_zh
