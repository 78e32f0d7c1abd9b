"""A stand-in speech-dispatcher output module, speaking the module protocol on stdin/stdout.

It "synthesises" 100 ms of a 16-bit ramp per <mark/>-separated word, big-endian when
the voice is "大端", in chunks whose bytes include "\\n" and "}" (so the escaping is
exercised), and reports an index mark before each word. Text containing 崩溃 makes it
exit mid-speech; 无声 makes it speak without sending audio (as a module that plays
sound itself would).
"""

from __future__ import annotations

import re
import struct
import sys

RATE = 16000


def _reply(text: str) -> None:
    sys.stdout.buffer.write(text.encode())
    sys.stdout.buffer.flush()


def _escape(data: bytes) -> bytes:
    out = bytearray()
    for byte in data:
        if byte in (0x0A, 0x7D):
            out += bytes((0x7D, byte ^ 0x20))
        else:
            out.append(byte)
    return bytes(out)


def _data() -> list[str]:
    lines: list[str] = []
    for raw in sys.stdin.buffer:
        line = raw.decode().rstrip("\n")
        if line == ".":
            return lines
        lines.append(line)
    sys.exit(0)


def _audio(samples: list[int], big_endian: bool) -> None:
    packed = struct.pack((">" if big_endian else "<") + "h" * len(samples), *samples)
    _reply(
        "705-bits=16\n705-num_channels=1\n"
        f"705-sample_rate={RATE}\n705-num_samples={len(samples)}\n"
        f"705-big_endian={int(big_endian)}\n"
    )
    sys.stdout.buffer.write(b"705-AUDIO\0" + _escape(packed) + b"\n705 AUDIO\n")
    sys.stdout.buffer.flush()


def main() -> None:
    settings: dict[str, str] = {}
    for raw in sys.stdin.buffer:
        command = raw.decode().strip()
        if command == "INIT":
            _reply("299-Fake: ready.\n299 OK LOADED SUCCESSFULLY\n")
        elif command == "AUDIO":
            _reply("207 OK RECEIVING AUDIO SETTINGS\n")
            _data()
            _reply("203 OK AUDIO INITIALIZED\n")
        elif command == "LIST VOICES":
            _reply("200-假声\tcmn\tnone\n200-大端\tzh\tnone\n200-English\ten\tnone\n")
            _reply("200 OK VOICE LIST SENT\n")
        elif command == "SET":
            _reply("203 OK RECEIVING SETTINGS\n")
            for line in _data():
                key, _, value = line.partition("=")
                settings[key] = value
            _reply("203 OK SETTINGS RECEIVED\n")
        elif command == "SPEAK":
            _reply("202 OK RECEIVING MESSAGE\n")
            ssml = "\n".join(_data())
            _reply("200 OK SPEAKING\n701 BEGIN\n")
            big = settings.get("synthesis_voice") == "大端"
            plain = re.sub(r"<[^>]*>", "", ssml)
            silent = "无声" in plain
            per_word = RATE // 10 * 100 // (100 + max(int(settings.get("rate", "0")), -50))
            for name in re.findall(r'<mark name="([^"]+)"/>', ssml):
                if "崩溃" in plain:
                    sys.exit(3)
                _reply(f"700-{name}\n700 INDEX MARK\n")
                if not silent:
                    _audio([(i * 37 + 0x0A7D) % 30000 - 15000 for i in range(per_word)], big)
            _reply("702 END\n")
        elif command == "QUIT":
            _reply("210 OK QUIT\n")
            return
        else:
            _reply("300 ERR UNKNOWN COMMAND\n")


if __name__ == "__main__":
    main()
