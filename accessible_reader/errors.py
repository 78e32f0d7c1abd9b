"""One exception family for everything a user can meet.

Each error carries its message as a catalog msgid (the Simplified Chinese text, with
named fields such as ``{path}``), translated when shown: in the window's interface
language, or on the CLI in READER_LANG's (accessible_reader/i18n.py). The CLI turns
any ReaderError into exit code 2.
"""

from __future__ import annotations

from typing import Any

from accessible_reader import i18n


class ReaderError(Exception):
    """An error with a message meant for the user, not a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, detail: str | None = None, **fields: Any) -> None:
        self.message = message
        self.fields = fields
        self.detail = detail
        super().__init__(self.user_message("en"))

    def text(self, language: str | None = None) -> str:
        """The message alone in `language` (a READER_LANG code; None: the current one)."""
        return _interface(language)(self.message, **self.fields)

    @property
    def message_zh(self) -> str:
        return self.text("zh_CN")

    @property
    def message_en(self) -> str:
        return self.text("en")

    def reason(self) -> i18n.Message:
        """The message with its detail, kept to be shown later in whatever language
        the interface has then (an import's failures, a sync's rejected links)."""
        message = i18n.Message(self.message, **self.fields)
        if self.detail is None:
            return message
        return i18n.Message("{message}（{detail}）", message=message, detail=self.detail)

    def user_message(self, language: str | None = None) -> str:
        """The message to show, with the technical detail (if any) appended, in the
        interface language (or `language`), in the window and on the CLI."""
        return self.reason().text(_interface(language))


def _interface(language: str | None) -> i18n.Interface:
    code = i18n.normalise(language) if language else None
    return i18n.Interface(code) if code else i18n.current()


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
