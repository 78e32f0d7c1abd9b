"""One exception family for everything a user can meet.

Each error carries a Chinese message for the window and stderr, and an English
translation for `--lang en` and logs. The CLI turns any ReaderError into exit code 2.
"""

from __future__ import annotations

import os


class ReaderError(Exception):
    """An error with a message meant for the user, not a traceback."""

    exit_code = 2

    def __init__(self, message_zh: str, message_en: str, *, detail: str | None = None) -> None:
        super().__init__(message_en if detail is None else f"{message_en} ({detail})")
        self.message_zh = message_zh
        self.message_en = message_en
        self.detail = detail

    def user_message(self, language: str | None = None) -> str:
        """The message to show, with the technical detail (if any) appended: Chinese,
        or English when asked for (READER_LANG=en), in the window and on the CLI."""
        language = language or os.environ.get("READER_LANG", "zh")
        english = language.startswith("en")
        text = self.message_en if english else self.message_zh
        if self.detail is None:
            return text
        return f"{text} ({self.detail})" if english else f"{text}（{self.detail}）"


class UsageError(ReaderError):
    """A command-line option or combination that cannot be honoured."""


class SourceError(ReaderError):
    """The file or URL could not be read: missing, empty, too large, binary, offline."""


class DecodeError(SourceError):
    """The bytes are not text in any encoding we know."""


class FetchError(SourceError):
    """A URL could not be fetched: no network, timeout, HTTP error, wrong content type."""


class ExtractionError(ReaderError):
    """The page was read but holds no article."""


class ConversionError(ReaderError):
    """简/繁 conversion is unavailable (no OpenCC installed)."""


class SpeechError(ReaderError):
    """No voice, no engine, or synthesis failed."""


class LibraryError(ReaderError):
    """The saved-articles database could not be used."""
