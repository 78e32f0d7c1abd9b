"""The running window read as a screen reader reads it: real app, Xvfb, AT-SPI bus.

A system-python3 script (pyatspi) walks the accessible tree and listens for events
while xdotool sends keys; this test starts the X server, runs the script inside its
own D-Bus session and checks what it heard. Skipped only without the X server
package (xvfb); everything else it needs is installed by tools/system-deps.sh.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
SYSTEM_PYTHON = "/usr/bin/python3"

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="关于社区适老化改造的说明">
<meta name="PubDate" content="2024-10-18">
<title>关于社区适老化改造的说明_示范区人民政府</title></head>
<body><div class="TRS_Editor">
<p>为方便老年人出行，社区将对楼道和出入口进行改造，现将有关事项说明如下。</p>
<h2>新质生产力加速领跑</h2>
<p>改造内容包括加装扶手、平整地面和增加照明，施工期间请注意安全。</p>
<h3>改造标准</h3>
<table><tr><th>项目</th><th>高度</th><th>说明</th></tr>
<tr><td>扶手</td><td>0.9米</td><td>双侧安装</td></tr>
<tr><td>门洞</td><td>1.6米</td><td>净宽</td></tr>
<tr><td>雨棚</td><td>2.1米</td><td>最低处</td></tr></table>
<ul><li>加装扶手</li><li>平整地面</li></ul>
<p><img src="plan.png" alt="改造平面图"></p>
<p>如有疑问，请拨打社区服务电话咨询，我们将及时答复。</p>
</div></body></html>"""


SLOW_NAVIGATION = (
    "<div class='nav'><ul>"
    + "".join(f"<li><a href='/l{n}.html'>栏目{n}</a></li>" for n in range(60_000))
    + "</ul></div>"
)
"""60,000 menu links before the article: the same article, but the page takes seconds to
open (parsing; the links are left out), so the start shows the loading dialog."""
PAGES = {"quick": PAGE, "slow to open": PAGE.replace("<body>", "<body>" + SLOW_NAVIGATION)}


def run_on_private_bus(
    script: Path, *args: str, display: str, timeout: float, **extra_env: str
) -> tuple[dict[str, Any] | None, subprocess.CompletedProcess[str]]:
    """`script` in the system python3 (pyatspi) inside its own D-Bus session (and so
    its own AT-SPI bus) on `display`; the last JSON object it printed, if any."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update(DISPLAY=display, **extra_env)
    done = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return (json.loads(lines[-1]) if lines else None), done


@contextlib.contextmanager
def private_x_server() -> Iterator[str]:
    """A private X server. Its number is chosen by Xvfb (-displayfd), or taken from
    READER_TEST_DISPLAY ("60" or "60-64") on machines where displays are shared out."""
    wanted = os.environ.get("READER_TEST_DISPLAY", "")
    low, _, high = wanted.partition("-")
    candidates = range(int(low), int(high or low) + 1) if wanted else [None]
    started = ""
    for number in candidates:
        read, write = os.pipe()
        where = [f":{number}"] if number is not None else []
        server = subprocess.Popen(
            ["Xvfb", *where, "-displayfd", str(write), "-screen", "0", "1366x768x24"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as stream:
            started = stream.readline().strip()  # written once clients are accepted
        if started:
            break
        server.wait(10)  # that display is taken: try the next
    assert started, f"Xvfb did not start on any of {wanted or 'its own choice'}"
    try:
        yield f":{started}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def x_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("no X server: the xvfb package is not installed (tools/system-deps.sh)")
    with private_x_server() as display:
        yield display


@pytest.mark.e2e
@pytest.mark.parametrize("page", PAGES)
def test_a_screen_reader_hears_the_structure_the_values_and_one_voice(
    x_display: str, tmp_path: Path, page: str
) -> None:
    for tool in ("dbus-run-session", "xdotool", "openbox"):
        assert shutil.which(tool), f"{tool} missing: run tools/system-deps.sh as root"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    assert probe.returncode == 0, "python3-pyatspi missing: run tools/system-deps.sh as root"
    article = tmp_path / "notice.html"
    article.write_text(PAGES[page], encoding="utf-8")
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps({"schema_version": 1, "engine": "silent", "feedback": "auto"}),
        encoding="utf-8",
    )
    said, walker = run_on_private_bus(
        HERE / "atspi_walk.py",
        sys.executable,
        str(article),
        str(settings),
        str(tmp_path),
        display=x_display,
        timeout=300,
    )
    app_log = (tmp_path / "app.log").read_text(encoding="utf-8", errors="replace")
    assert said, f"walker said nothing:\n{walker.stderr[-3000:]}\napp:\n{app_log[-3000:]}"
    heard: dict[str, Any] = said
    assert "error" not in heard, f"{heard}\n{app_log[-3000:]}"
    print(json.dumps(heard, ensure_ascii=False, indent=1))  # shown with -s: what was heard

    if page == "slow to open":
        assert heard["opening_heard"], f"the loading dialog was not announced: {heard}"
    assert heard["title"] == "关于社区适老化改造的说明 — 无障碍阅读器"
    assert heard["title_traditional"] == "關於社區適老化改造的說明 — 無障礙閱讀器"
    assert heard["headings"] == [
        ["关于社区适老化改造的说明", "1"],
        ["新质生产力加速领跑", "2"],
        ["改造标准", "3"],
    ]
    assert heard["cells"] == [
        "项目", "高度", "说明",
        "扶手", "0.9米", "双侧安装",
        "门洞", "1.6米", "净宽",
        "雨棚", "2.1米", "最低处",
    ]  # fmt: skip
    assert heard["header_cells"] == ["项目", "高度", "说明"]
    assert heard["list_items"] == ["加装扶手", "平整地面"]
    assert heard["images"] == ["改造平面图"]
    # Orca's table commands: AT-SPI Table and TableCell (Qt's, from the hidden grid).
    assert heard["table"] == {
        "rows": 3,
        "columns": 3,
        "cells": [
            ["扶手", "0.9米", "双侧安装"],
            ["门洞", "1.6米", "净宽"],
            ["雨棚", "2.1米", "最低处"],
        ],
        "headers": ["项目", "高度", "说明"],
        "last_cell": ["最低处", 2, 2, ["说明"]],
    }, heard["table"]
    assert heard["paragraphs"] >= 3
    for key in heard["keys"]:
        assert key["heard"], f"nothing said {key['wanted']!r} after {key['key']}: {heard}"
        # What Orca 43 (Debian 12's) speaks: a description change of the focused widget.
        assert "object:property-change:accessible-description" in key["kinds"], key
    assert heard["reading"], "Space did not start reading aloud"
    assert heard["paused_by_caret"], f"moving the caret did not pause our voice: {heard}"
    # Opening 设置: ~1,000 events before (68 rows of button + hidden key editor, combo
    # boxes filled item by item) kept Orca 43 silent for 12 s; now about 250.
    assert heard["settings_events"] is not None, "设置 never had the focus"
    assert heard["settings_events"] < 400, heard["settings_events"]
