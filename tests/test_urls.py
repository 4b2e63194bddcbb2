"""URL normalisation and where a note declares its source URL."""

from __future__ import annotations

import pytest

from vaultlint.note import Note
from vaultlint.urls import body_sources, first_url, normalize, property_sources

BASE = "https://example.com/p/post"


@pytest.mark.parametrize("variant", [
    "http://example.com/p/post",                      # scheme
    "https://www.example.com/p/post",                 # www.
    "https://example.com:443/p/post",                 # default port
    "http://example.com:80/p/post",
    "https://example.com/p/post/",                    # trailing slash
    "https://example.com/p/post#section-2",           # fragment
    "https://example.com/p/post?utm_source=x&utm_medium=rss",  # tracking
    "https://example.com/p/post?fbclid=abc",
    "https://example.com/p/post?gclid=abc&ref=hn",
    "https://EXAMPLE.com./p/post",                    # host case, trailing dot
    "https://example.com/p/%70ost",                   # needless percent-encoding
    "  <https://example.com/p/post>  ",               # autolink brackets, spaces
])
def test_spellings_of_the_same_page_are_equal(variant):
    assert normalize(variant) == normalize(BASE) == "https://example.com/p/post"


def test_encoding_of_non_ascii_and_spaces_is_canonical():
    assert normalize("https://example.com/caf%c3%a9 notes") == \
        normalize("https://example.com/café%20notes") == "https://example.com/caf%C3%A9%20notes"


def test_reserved_escapes_stay_escaped():
    assert normalize("https://example.com/a%2Fb") == "https://example.com/a%2Fb"
    assert normalize("https://example.com/a%2fb") != normalize("https://example.com/a/b")


@pytest.mark.parametrize("other", [
    "https://example.com/p/post?id=2",                # other query parameters are kept
    "https://example.com/p/Post",                     # the path's case matters
    "https://example.com/p/post/2",
    "https://example.com:8443/p/post",                # a non-default port
    "https://blog.example.com/p/post",                # another host
])
def test_other_pages_differ(other):
    assert normalize(other) != normalize(BASE)


def test_kept_parameters_are_sorted_and_tracking_dropped():
    assert normalize("https://x.org/?b=2&utm_campaign=z&a=1") == "https://x.org?a=1&b=2"
    assert normalize("https://x.org/?q=a+b") == normalize("https://x.org/?q=a%20b")


def test_extra_tracking_parameters_and_prefixes():
    assert normalize("https://x.org/?src=feed", ("src",)) == "https://x.org"
    assert normalize("https://x.org/?pk_campaign=1", ("pk_*",)) == "https://x.org"


def test_single_page_app_routes_keep_their_fragment():
    assert normalize("https://x.org/#/notes/1") != normalize("https://x.org/#/notes/2")


@pytest.mark.parametrize("url", ["mailto:a@b.org", "obsidian://open?vault=x", "not a url",
                                 "https://", "http://[::1"])
def test_non_web_urls_have_no_key(url):
    assert normalize(url) is None


def test_first_url_strips_trailing_punctuation_and_markdown():
    assert first_url("see https://x.org/a.") == "https://x.org/a"
    assert first_url("[title](https://x.org/a)") == "https://x.org/a"
    assert first_url("<https://x.org/a>") == "https://x.org/a"


def test_sources_from_properties_and_labelled_lines():
    note = Note("n.md", "---\nLink: https://a.org/x\ntags: [a]\nsource: null\n---\n#article\n"
                        "**Source**: [t](https://b.org/y)\nURL:: https://c.org/z\n"
                        "Just https://d.org/ here\n")
    props = [(s.key, s.url, s.line) for s in property_sources(note)]
    assert props == [("link", "https://a.org/x", 1)]
    body = [(s.key, s.url, s.line, s.body_index) for s in body_sources(note, 10)]
    assert body == [("source", "https://b.org/y", 6, 1), ("url", "https://c.org/z", 7, 2)]
    assert list(body_sources(note, 2)) == list(body_sources(note, 10))[:1]
