"""Text types shared by every input model: ids and messages hold printable text. A control
character (a NUL above all) is refused at validation with a message that says so, before any
database sees it (PostgreSQL refuses NUL in text, which would otherwise surface as a 500)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

_ALLOWED_IN_TEXT = {"\t", "\n", "\r"}


def _check(value: str, allowed: set[str]) -> str:
    bad = next((c for c in value if (ord(c) < 32 or ord(c) == 127) and c not in allowed), None)
    if bad is not None:
        raise ValueError(
            f"contains the control character U+{ord(bad):04X} at position {value.index(bad)}; "
            "send printable text"
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
