"""Text encodings of file drops and imports: UTF-8 (with or without BOM), GBK / GB18030.

GB18030 is a superset of GBK, so a GBK file decodes under it unchanged; UTF-8
is tried first because valid UTF-8 Chinese text is practically never valid-looking
GBK by accident, while the reverse happens.
"""

import codecs

from portrait.extract.errors import TextDecodingError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_TRUNCATED = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used); raises TextDecodingError naming the line that broke."""
    if declared:
        return _decode(data, declared), declared
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        return _decode(data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise TextDecodingError("contains NUL bytes: a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _truncated(exc, data):
            _decode(data, "utf-8")  # raises the "truncated" error
    return _decode(data, "gb18030"), "gb18030"


def _truncated(exc: UnicodeDecodeError, data: bytes) -> bool:
    return exc.end >= len(data) and exc.reason in _TRUNCATED


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _truncated(exc, data):
            raise TextDecodingError(
                f"ends in the middle of a character (line {line}): the file looks truncated"
            ) from None
        tried = encoding if encoding != "gb18030" else "UTF-8 or GBK/GB18030"
        raise TextDecodingError(
            f"not valid {tried} text (byte {exc.start}, line {line}); save it as UTF-8 or GBK"
        ) from None
