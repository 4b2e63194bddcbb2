"""Dates written with a moment.js format string, as obsidian-linter's options give them.

Supported tokens: `YYYY` `YY` `MMMM` `MMM` `MM` `M` `DD` `D` `Do` `dddd` `ddd` `HH` `H` `hh`
`h` `mm` `m` `ss` `s` `A` `a` `Z` `ZZ` `X` (Unix seconds) and `[literal text]`; English
month and day names. Any other letter is written as it is."""

from __future__ import annotations

import re
from datetime import datetime

# English names whatever the process's locale (strftime's %B/%A follow LC_TIME)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOKEN = re.compile(r"\[[^\[\]]*\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|"
                    r"A|a|ZZ|Z|X")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _zone(when: datetime, colon: bool) -> str:
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{mins:02d}"


def _token(token: str, when: datetime) -> str:
    hour12 = when.hour % 12 or 12
    values = {
        "YYYY": f"{when.year:04d}", "YY": f"{when.year % 100:02d}",
        "MMMM": _MONTHS[when.month - 1], "MMM": _MONTHS[when.month - 1][:3],
        "MM": f"{when.month:02d}", "M": str(when.month),
        "Do": _ordinal(when.day), "DD": f"{when.day:02d}", "D": str(when.day),
        "dddd": _DAYS[when.weekday()], "ddd": _DAYS[when.weekday()][:3],
        "HH": f"{when.hour:02d}", "H": str(when.hour), "hh": f"{hour12:02d}", "h": str(hour12),
        "mm": f"{when.minute:02d}", "m": str(when.minute),
        "ss": f"{when.second:02d}", "s": str(when.second),
        "A": "AM" if when.hour < 12 else "PM", "a": "am" if when.hour < 12 else "pm",
        "Z": _zone(when, True), "ZZ": _zone(when, False), "X": str(int(when.timestamp())),
    }
    return token[1:-1] if token.startswith("[") else values[token]


def format_date(when: datetime, fmt: str) -> str:
    """`when` (timezone-aware) written with the moment.js format `fmt`."""
    return _TOKEN.sub(lambda m: _token(m.group(), when), fmt)
