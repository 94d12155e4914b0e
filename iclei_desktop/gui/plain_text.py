"""Text from the catalogue or a file, made safe for the places Qt may read as markup."""

from __future__ import annotations

from html import escape


def tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as it is.

    Qt draws a tooltip that merely looks like markup (``<b>…``) as rich text, so text from
    the catalogue goes in escaped, inside a paragraph that says it is rich text.
    """
    return f"<p>{escape(text)}</p>"
