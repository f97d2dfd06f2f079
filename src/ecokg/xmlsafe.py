"""Text that XML 1.0 can hold, for every export written as XML.

XML 1.0 allows tab, line feed, carriage return and the characters from U+0020 up, except lone
surrogates and U+FFFE/U+FFFF; the others cannot be written even as character references, so a
file holding one is not XML. Labels read from any RDF (a graph file, a remote store) may carry
them, and XML writers such as ElementTree copy them as they are.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)
