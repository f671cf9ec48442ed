"""Text types shared by every input model: ids and messages hold printable text. A control
character (a NUL above all) is refused at validation with a message that says so, before any
database sees it (PostgreSQL refuses NUL in text, which would otherwise surface as a 500)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

_ALLOWED_IN_TEXT = {"\t", "\n", "\r"}


def _refused(c: str) -> bool:
    """C0 and C1 control characters, DEL, and lone surrogates (valid JSON escapes, but no
    database driver can encode them)."""
    n = ord(c)
    return n < 32 or 127 <= n < 160 or 0xD800 <= n <= 0xDFFF


def _check(value: str, allowed: set[str]) -> str:
    bad = next((c for c in value if _refused(c) and c not in allowed), None)
    if bad is not None:
        what = "a lone surrogate" if 0xD800 <= ord(bad) <= 0xDFFF else "the control character"
        raise ValueError(
            f"contains {what} U+{ord(bad):04X} at position {value.index(bad)}; send printable text"
        )
    return value


def printable(value: str) -> str:
    """An id or a name: no control characters at all."""
    return _check(value, set())


def printable_text(value: str) -> str:
    """A message: line breaks and tabs allowed, no other control characters."""
    return _check(value, _ALLOWED_IN_TEXT)


Printable = Annotated[str, AfterValidator(printable)]
PrintableText = Annotated[str, AfterValidator(printable_text)]
