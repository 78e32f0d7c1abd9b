"""`accessible-reader voices` and `accessible-reader speak`."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from accessible_reader.cli import main

WELCOME_TITLE = "欢迎使用无障碍阅读器"


def test_speak_print_gives_one_normalised_sentence_per_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["speak", "--print"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == WELCOME_TITLE
    assert any("五十七点七亿元" in line for line in lines)
    assert not any("57.7" in line for line in lines)
    assert all(line.strip() for line in lines)


def test_speak_print_a_file_converted_to_traditional(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("关于发展的通知\n\n今年完成投资57.7亿元。\n", encoding="utf-8")
    assert main(["speak", str(source), "--print", "--variant", "zh-Hant"]) == 0
    out = capsys.readouterr().out
    assert "關於發展的通知" in out
    assert "完成投資五十七" in out  # converted first, then the number read out


def test_speak_pinyin_prints_what_the_voice_will_say_under_each_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("六安按时还款\n\n1-9月火警119出警。\n", encoding="utf-8")
    assert main(["speak", str(source), "--print", "--pinyin"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "六安按时还款",
        "    lu4 an1 an4 shi2 huan2 kuan3",
        "一至九月火警幺幺九出警。",
        "    yi1 zhi4 jiu3 yue4 huo3 jing3 yao1 yao1 jiu3 chu1 jing3",
    ]


def test_speak_out_writes_the_whole_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "welcome.wav"
    assert main(["speak", "--out", str(out), "--engine", "silent", "--rate", "3"]) == 0
    err = capsys.readouterr().err
    assert "已导出" in err and "正在合成" in err
    with wave.open(str(out), "rb") as stream:
        assert stream.getnframes() > 0
        assert stream.getnchannels() == 1


def test_speak_needs_print_or_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak"]) == 2
    assert "--print" in capsys.readouterr().err


def test_speak_rejects_a_rate_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "--print", "--rate", "9"]) == 2
    assert "语速" in capsys.readouterr().err


def test_speak_missing_file_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speak", str(tmp_path / "nope.html"), "--print"]) == 2
    assert capsys.readouterr().err.startswith("accessible-reader: ")


def test_voices_of_the_silent_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["voices", "--engine", "silent"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "# 语音引擎 silent（静音引擎）"
    assert out.splitlines()[1] == "* silent\tzh\t-\t静音"


def test_voices_of_espeak_mark_the_mandarin_default(capsys: pytest.CaptureFixture[str]) -> None:
    from accessible_reader.errors import SpeechError
    from accessible_reader.speech.espeak import EspeakEngine

    try:
        EspeakEngine().voices()
    except SpeechError:
        pytest.skip("eSpeak NG is not available")
    assert main(["voices", "--engine", "espeak", "--language", "cmn"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# 语音引擎 espeak（eSpeak NG）"
    assert any(line.startswith("* sit/cmn") for line in lines)
    assert all("cmn" in line for line in lines[1:])
