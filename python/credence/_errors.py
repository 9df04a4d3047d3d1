"""credence's errors and warnings, as Python sees them."""

from __future__ import annotations

import sys
import warnings
from typing import Iterable, NamedTuple, Optional, Sequence


class Diagnostic(NamedTuple):
    """One problem found in an input: where it is and what was expected.

    ``line`` is 1-based (JSON Lines, CSV) and ``pointer`` an RFC 6901 JSON pointer (documents;
    for a DataFrame ``/ROW/COLUMN``, ROW counted from 0 as ``DataFrame.iloc`` counts); either is
    None where it does not apply.
    """

    severity: str
    file: str
    line: Optional[int]
    pointer: Optional[str]
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.pointer is not None:
            where += f": {self.pointer}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{where}: {self.message}"


class InputError(ValueError):
    """An input credence cannot use. ``diagnostics`` lists every problem found (not only the
    first); ``file``, ``line`` and ``pointer`` are the first one's."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        self.file: Optional[str] = first.file if first else None
        self.line: Optional[int] = first.line if first else None
        self.pointer: Optional[str] = first.pointer if first else None


class OptionError(ValueError):
    """An option out of range; the message is the command line's."""


class InputWarning(UserWarning):
    """Something in an input that credence used but that may not be what was meant (an article
    without a date, say)."""


def _caller_level() -> int:
    """The stacklevel of the first frame outside this package: warnings name the user's line."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("credence"):
        frame = frame.f_back
        level += 1
    return level


def warn_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Issues each diagnostic as an InputWarning at the caller's line."""
    level = _caller_level()
    for diagnostic in diagnostics:
        warnings.warn(str(diagnostic), InputWarning, stacklevel=level)
