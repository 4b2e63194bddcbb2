"""Source URLs of notes: where a note says it came from, and when two URLs are the same page.

`normalize` maps the spellings of one page to one key: http and https, `www.`, default ports,
a trailing slash, the fragment, tracking parameters, percent-encoding and the case of the host
do not make a different page; other query parameters, their values and the path's case do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

# Parameters that say who sent the reader, never which page it is.
TRACKING_PARAMS = ("utm_*", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
                   "yclid", "twclid", "ttclid", "igshid", "igsh", "mc_cid", "mc_eid", "_hsenc",
                   "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid",
                   "ref", "ref_src", "ref_url", "referrer", "s_cid", "sr_share")
DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
# Escapes that must stay escaped: decoding them would change where the path or query splits.
_RESERVED_ESCAPE = re.compile(r"%(?:2[fF]|3[fF]|23|25|26|3[dD]|2[bB])")
_PATH_SAFE = "/:@!$&'()*+,;=~"
_URL = re.compile(r"""https?://[^\s<>"'`\]\)]+""", re.I)
_TRAILING = ".,;:!?*_~"
# `Link: url`, `**Source**: url`, `- URL:: url` (Dataview), `Source: [title](url)`.
_LABEL_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][\w -]{0,30}?)(?:\*\*|__)?\s*::?"
                         r"(?:\*\*|__)?\s*(.*)$")


def _canonical_escapes(text: str, safe: str) -> str:
    """Decode what needs no escaping, escape what does (upper-case hex), keep reserved escapes."""
    parts = _RESERVED_ESCAPE.split(text)
    kept = [m.upper() for m in _RESERVED_ESCAPE.findall(text)]
    out = [quote(unquote(parts[0]), safe=safe)]
    for escape, part in zip(kept, parts[1:]):
        out.append(escape + quote(unquote(part), safe=safe))
    return "".join(out)


def _is_tracking(name: str, tracking: tuple[str, ...]) -> bool:
    name = name.lower()
    return any(name.startswith(t[:-1]) if t.endswith("*") else name == t for t in tracking)


def normalize(url: str, tracking: Iterable[str] = TRACKING_PARAMS) -> str | None:
    """A key equal for every spelling of the same web page, or None if `url` is no web URL."""
    try:
        parts = urlsplit(url.strip().strip("<>"))
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in ("http", "https") or not host:
        return None
    host = host.removeprefix("www.")
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = _canonical_escapes(parts.path, _PATH_SAFE).rstrip("/")
    params = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                    if not _is_tracking(k, tuple(tracking)))
    query = urlencode(params, quote_via=quote, safe="/:@!$'()*,;~")
    # A fragment is a place on the page, except for `#/route` and `#!/route` single-page apps.
    fragment = parts.fragment if parts.fragment.startswith(("/", "!/")) else ""
    return "https://" + host + path + ("?" + query if query else "") + \
        ("#" + fragment if fragment else "")


def first_url(text: str) -> str | None:
    """The first http(s) URL in text (bare, `<autolink>` or `[title](url)`)."""
    m = _URL.search(text)
    return m.group().rstrip(_TRAILING) if m else None


@dataclass(frozen=True)
class Source:
    """A URL a note declares as its source: from property `key`, or from a `key: url` line that
    is line `body_index` of the body (None for properties)."""

    key: str  # lowercased property name or line label
    url: str  # as written
    line: int  # 0-based line of the note
    body_index: int | None = None


def string_values(value: Any) -> list[str]:
    """The strings of a property value: itself, or the string items of a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def property_sources(note: Any) -> Iterator[Source]:
    """URLs in the string values of top-level properties (every key; filtered later)."""
    fm = note.frontmatter
    lines = fm.key_lines if fm is not None else {}
    for key, value in note.properties.items():
        for text in string_values(value):
            url = first_url(text)
            if url and isinstance(key, str):
                yield Source(key.lower(), url, lines.get(key, 1) - 1)


def body_sources(note: Any, max_lines: int) -> Iterator[Source]:
    """`Label: url` lines among the first `max_lines` lines of the body (blank lines count)."""
    first = note.body_first_line
    for line in range(first, min(note.line_count, first + max_lines)):
        m = _LABEL_LINE.match(note.line_text(line))
        url = first_url(m.group(2)) if m else None
        if url:
            yield Source(m.group(1).strip().lower(), url, line, line - first)
