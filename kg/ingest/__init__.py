"""Ingest: a page file → :class:`~kg.model.Page` with articles and offsets.

read bytes → :func:`decode_bytes` → :func:`clean_text` (newlines, control
characters) → HTML to text if the page is HTML → :func:`unwrap` (rejoin
column-wrapped lines) → :func:`split_articles` (with sentences).

The decoded, unwrapped text is the *page text*; article offsets index it.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import InputError
from kg.model import Page

from .articles import guess_year, split_articles
from .decode import clean_text, decode_bytes
from .html import html_to_text, looks_like_html
from .sentences import split_sentences
from .unwrap import unwrap

__all__ = [
    "read_page", "parse_page", "check_page_size", "decode_bytes", "clean_text", "unwrap",
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


# A newspaper page is 10–50 kB of text; extraction takes seconds per page, so
# a many-megabyte "page" is a dump that would stall a build for hours.
DEFAULT_MAX_PAGE_BYTES = 64_000_000
DEFAULT_MAX_PAGE_CHARS = 1_000_000


def _env_limit(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value.strip() else default
    except ValueError:
        raise InputError(f"${name}", f"must be a whole number, not {value!r}") from None


def max_page_bytes() -> int:
    """Largest page file read (``KG_MAX_PAGE_BYTES``, default 64 MB: HTML is bulky)."""
    return _env_limit("KG_MAX_PAGE_BYTES", DEFAULT_MAX_PAGE_BYTES)


def max_page_chars() -> int:
    """Most characters a decoded page may hold (``KG_MAX_PAGE_CHARS``, default 1,000,000)."""
    return _env_limit("KG_MAX_PAGE_CHARS", DEFAULT_MAX_PAGE_CHARS)


def check_page_size(page: Page) -> None:
    """Refuse a page whose text is longer than :func:`max_page_chars`.

    Reading a huge page is fast (linear), but extracting it takes minutes
    per megabyte, so the build refuses it up front with the reason instead
    of stalling. Raises :class:`~kg.errors.InputError`.
    """
    n = len(page.text)
    if n > max_page_chars():
        lines = page.text.count("\n") + 1
        shape = "one line" if lines == 1 else f"{lines:,} lines"
        raise InputError(page.path, f"{n:,} characters in {shape}, more than the {max_page_chars():,} a page "
                                    "may hold (a dump of many pages? split it, or raise KG_MAX_PAGE_CHARS)")


def read_page(path: str | Path) -> Page:
    """Read, decode and parse one page file.

    Raises :class:`~kg.errors.InputError` naming the file and the reason
    when the file cannot be read, is empty, binary or too large, cannot be
    decoded or holds no Chinese text.
    """
    p = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_page_bytes():
            raise InputError(p, f"file is {size / 1e6:.1f} MB, larger than the {max_page_bytes() / 1e6:.0f} MB "
                                "limit for one page (split it, or raise KG_MAX_PAGE_BYTES)")
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
