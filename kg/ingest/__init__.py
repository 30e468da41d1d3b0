"""Ingest: a page file → :class:`~kg.model.Page` with articles and offsets.

read bytes → :func:`decode_bytes` → :func:`clean_text` (newlines, control
characters) → HTML to text if the page is HTML → :func:`unwrap` (rejoin
column-wrapped lines) → :func:`split_articles` (with sentences).

The decoded, unwrapped text is the *page text*; article offsets index it.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.model import Page

from .articles import guess_year, split_articles
from .decode import clean_text, decode_bytes
from .html import html_to_text, looks_like_html
from .sentences import split_sentences
from .unwrap import unwrap

__all__ = [
    "read_page", "parse_page", "decode_bytes", "clean_text", "unwrap",
    "split_articles", "split_sentences", "html_to_text", "guess_year",
]


def parse_page(text: str, path: str = "<text>", encoding: str = "") -> Page:
    """Everything after decoding: clean, convert HTML, unwrap, split.

    Never raises on any ``str``; problems are recorded in ``Page.warnings``.
    """
    text, warnings = clean_text(text)
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append("converted from HTML")
    text = unwrap(text)
    return Page(
        path=str(path), name=Path(str(path)).name, text=text, encoding=encoding,
        articles=split_articles(text), warnings=warnings,
    )


def read_page(path: str | Path) -> Page:
    """Read, decode and parse one page file.

    Raises :class:`~kg.errors.InputError` naming the file and the reason
    when the file cannot be read, is empty or binary, cannot be decoded or
    holds no Chinese text.
    """
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a page file") from None
    except FileNotFoundError:
        raise InputError(p, "file not found") from None
    except OSError as e:
        raise InputError(p, f"cannot be read ({e.strerror or e})") from None
    text, encoding = decode_bytes(data, p)
    page = parse_page(text, p, encoding)
    if not any("\u4e00" <= c <= "\u9fff" for c in page.text):
        raise InputError(p, "no Chinese text found (is this a newspaper page?)")
    return page
