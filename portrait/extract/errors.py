"""Errors of the extract layer; every message names the source and object."""


class ExtractError(RuntimeError):
    """A source that cannot be loaded as configured (missing column, unreadable file...)."""


class TextDecodingError(ValueError):
    """Bytes that are not text in any encoding we accept; the message says where it broke."""
