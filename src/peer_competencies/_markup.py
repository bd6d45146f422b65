"""Text made safe inside the markup the package writes (Markdown), so that wording from a data
file or a syllabus is shown as written and never read as markup."""

from __future__ import annotations

__all__ = ["markdown_text"]

_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown, safe inside a table cell or on one line: every character
    that starts markup (``\\ ` * _ [ ] < > | #``) escaped with a backslash, so that no raw HTML,
    link or emphasis gets through, and line breaks turned into spaces."""
    return " ".join(text.translate(_MARKDOWN).splitlines())
