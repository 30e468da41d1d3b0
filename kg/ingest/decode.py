"""Bytes → text: encoding detection and clean-up of the decoded text.

Order of attempts: byte-order mark → NUL-byte pattern of UTF-16 → strict
UTF-8 → strict GB18030. UTF-16 is tried before UTF-8 because text made
only of ASCII characters in UTF-16 is also valid UTF-8 (with NULs).
"""

from __future__ import annotations

import re

from kg.errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)
# control bytes that never occur in text (tab, LF, FF, CR and ESC excluded)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_CONTROL_SHARE = 0.05
# control characters other than \n and \t, removed from decoded text
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _utf16_order(data: bytes) -> str | None:
    """Guess the byte order of BOM-less UTF-16 from where its NULs are.

    ASCII characters (newlines, digits, spaces) have a zero high byte; in
    little-endian text it sits at odd offsets, in big-endian at even ones.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    # CJK characters at U+xx00 ("一" is U+4E00) put a few NULs on the other
    # side too, so the test is a strong majority, not all
    if odd and even * 4 <= odd:
        return "utf-16-le"
    if even and odd * 4 <= even:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode a page's bytes; return ``(text, encoding name)``.

    Accepts UTF-8 (with or without BOM), UTF-16 LE/BE (with or without
    BOM) and GB18030 (a superset of GBK and GB2312). The returned text
    still has the file's newlines and control characters; see
    :func:`clean_text`. Raises :class:`~kg.errors.InputError` naming
    ``path`` for empty, binary or undecodable input.

    >>> decode_bytes("衡水".encode("gb18030"))
    ('衡水', 'gb18030')
    """
    if not data:
        raise InputError(path, "file is empty")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(path, f"starts with a {name} byte-order mark but is not valid {name} "
                                       f"(first bad byte at offset {e.start + (len(bom) if codec != 'utf-8-sig' else 0)})") from None
            return text.lstrip("\ufeff"), name
    if b"\x00" in data:
        order = _utf16_order(data)
        if order is None:
            raise InputError(path, "looks like a binary file (contains NUL bytes and is not UTF-16 text)")
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            raise InputError(path, "looks like a binary file (contains NUL bytes and is not UTF-16 text)") from None
        controls = len(_CONTROL_CHARS.findall(text)) - text.count("\x0c") - text.count("\x1b") - text.count("\r")
        if controls > _BINARY_CONTROL_SHARE * len(text):
            raise InputError(path, "looks like a binary file (contains NUL bytes and is not UTF-16 text)")
        return text, order
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_CONTROL_SHARE * len(data):
        raise InputError(path, f"looks like a binary file ({controls} control bytes in {len(data)})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise InputError(path, f"not valid UTF-8, UTF-16 or GB18030 (first bad byte at offset {e.start})") from None


def clean_text(text: str) -> tuple[str, list[str]]:
    """Normalise newlines to ``\\n``, drop byte-order marks and remove
    control characters other than ``\\n`` and ``\\t``.

    Returns the text and a list of warnings (one per kind of removal).
    Unicode normalisation is deliberately not applied: full-width
    punctuation stays as printed.
    """
    warnings: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    n = len(text)
    text = _CONTROL_CHARS.sub("", text)
    if len(text) != n:
        warnings.append(f"removed {n - len(text)} control character(s)")
    return text, warnings
