"""HTML pages → plain text with paragraph breaks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset(
    "address article aside blockquote body caption dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th "
    "thead title tr ul".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template", "head"))
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>])", re.I)
_TAG = re.compile(r"<[^<>]{0,2000}>")


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML document or is mostly tags."""
    if _HTML_START.match(text[:1000]):
        return True
    if "<" not in text:
        return False
    sample = text[:200_000]
    tagged = sum(m.end() - m.start() for m in _TAG.finditer(sample))
    visible = len(sample) - sample.count(" ") - sample.count("\n")
    return tagged > 0.5 * max(visible, 1)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            # in HTML, newlines inside a paragraph are just spaces
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Convert an HTML document to text: block elements become paragraph
    breaks, ``<br>`` a line break, scripts and styles are dropped and
    entities unescaped.

    >>> html_to_text("<p>衡水&amp;河北</p><script>x()</script><p>第二段</p>").split()
    ['衡水&河北', '第二段']
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip(" \t\u3000") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
