"""obsidian-linter's yaml-timestamp examples (format: see tests/test_conformance.py).

The peer takes its dates from options (`fileCreatedTime`, and `currentTime` for the modified
date); vaultlint takes them from git: `created` is the note's first commit, `modified` its last
(the note being unchanged since). So each case commits the note at the times the peer's example
implies, in a real repository at the vault root (setup `commits`), and formats in the local
time zone of the peer's tests (UTC), or in US Eastern time where the peer's example converts
Eastern times to UTC.
"""

_PEER_FORMAT = {"format": "dddd, MMMM Do YYYY, h:mm:ss a"}  # obsidian-linter's defaults
_PEER_KEYS = {"date-created-key": "date created", "date-modified-key": "date modified"}
_UTC = {"format": "YYYY-MM-DDTHH:mm:ssZ", "convert-to-utc": True}
_NO_CREATED, _NO_MODIFIED = {"date-created": False}, {"date-modified": False}

# created 1 January 2020 00:00 UTC; last changed 2 January 00:00:05 (the peer's currentTime)
_NEW_YEAR = {"commits": ["2020-01-01T00:00:00Z", "2020-01-02T00:00:05Z"]}
# 9 AM and 9:00:05 PM US Eastern time, 1 January 2020: 14:00 and 02:00:05 (next day) UTC
_EASTERN = {"commits": ["2020-01-01T09:00:00-05:00", "2020-01-01T21:00:05-05:00"],
            "tz": "EST5EDT"}


def _opts(*parts: dict) -> dict[str, dict]:
    """yaml-timestamps enabled alone with these options."""
    return {"yaml-timestamps": {k: v for part in parts for k, v in part.items()}}


CASES: list[tuple] = [
    ("yaml-timestamp", 0, _opts(_PEER_FORMAT, _PEER_KEYS), False, None, "", _NEW_YEAR),
    ("yaml-timestamp", 1, _opts(_PEER_FORMAT, _PEER_KEYS, _NO_CREATED), False, None, "",
     _NEW_YEAR),
    ("yaml-timestamp", 2, _opts(_PEER_FORMAT, _NO_MODIFIED), False, None, "",
     {"commits": ["2020-01-01T00:00:00Z", "2020-01-02T00:00:03Z"]}),
    ("yaml-timestamp", 3, _opts(_PEER_FORMAT, _NO_CREATED), False, None, "",
     {"commits": ["2020-01-01T00:00:00Z", "2020-01-01T16:00:00Z"]}),
    ("yaml-timestamp", 4, _opts(_UTC, _PEER_KEYS), False, None, "", _EASTERN),
    ("yaml-timestamp", 5, _opts(_UTC, _PEER_KEYS, _NO_CREATED), False, None, "", _EASTERN),
    ("yaml-timestamp", 6, _opts(_UTC, _NO_MODIFIED), False, None, "", _EASTERN),
    ("yaml-timestamp", 7, _opts(_UTC, _NO_CREATED), False, None, "", _EASTERN),
]

UNSUPPORTED: dict[tuple[str, int], str] = {}
