"""Real words in the wrong place: "much faster tan in", "have showed", "could of".

Every word here is spelled right, so spelling checkers (codespell, typos, the `typo` rule) let it
through. This rule reads the same prose as `typo` (never code, math, HTML, comments, URLs, link
targets, tags or frontmatter), only where the prose is English (as `typo` decides it, with its
`language` option), and only inside a phrase: words joined by spaces or emphasis markers, with
no punctuation between them.

Two tiers, precision first:
1. **Classic confusions** with the context that gives them away: a comparative before "tan" or
   "then" (`faster tan`, `more then the`), `and than`, `its a`, `it's own`, `your not`,
   `there own`, `their are`, `to loose weight`, `could of`, and "have"/"has"/"had" before a
   simple past whose participle differs (`have showed`, `has went`, `had wrote`). A relative
   clause such as "the money they had went to" is left alone.
2. **Word pairs** (the bigram counts of Google Books that symspellpy ships): a word of a
   confusion set (than/then, lose/loose, affect/effect, quite/quiet...) between two neighbours
   with which its partner is far more common (`ratio` times, on average over the two sides,
   and more common on each side).

The fix, the suggested word, is unsafe: applied only with `--unsafe-fixes`; in a heading there
is no fix (renaming it would break the links to it). Off by default:
turn it on with `--extend-select confused-word` (or `TYP002`).

Options:
- `ratio` (number, default 10): how many times more common the pairs with the suggested word
  must be than the pairs with the written word (geometric mean of the two sides; a pair absent
  from the list counts as the rarest pair in it).
- `words` (list of strings, default []): written words never reported (case-insensitive).

Fail:
```markdown
It is much faster tan in a typical PhD, and a few companies have showed some commitment.
```
Pass:
```markdown
He showed me a tan coat; they have shown more than then.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from vaultlint import language, spelling
from vaultlint.diagnostics import Diagnostic
from vaultlint.note import Note
from vaultlint.rules import typo
from vaultlint.rules.base import Example, Rule, RuleContext

# --- phrases ------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# What may separate two words of one phrase: spaces, one line break, emphasis markers.
_JOIN = re.compile(r"[ \t*_=~]*(?:\r?\n[ \t*_=~]*)?")
# A word glued to these (`tan-colored`, `then/than`, `its_id`, `@then`) is not judged.
_GLUED = re.compile(r"[\w\-/@#'’\\&+]")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")


class Word(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def phrases(text: str, masked: str, start: int = 0,
            end: int | None = None) -> Iterator[list[Word]]:
    """Runs of prose words of masked[start:end] with nothing but spaces (and emphasis) between
    them in `text`. A word glued to a hyphen, slash... is part of a compound, path or handle
    (`tan-colored`, `a-game`): it is no word of any phrase and ends the one before it."""
    phrase: list[Word] = []
    for m in _TOKEN.finditer(masked, start, len(masked) if end is None else end):
        word = Word(m.start(), m.end(), m.group())
        if not _free(text, word):
            if phrase:
                yield phrase
                phrase = []
            continue
        if phrase and not _joined(text, phrase[-1].end, word.start):
            yield phrase
            phrase = []
        phrase.append(word)
    if phrase:
        yield phrase


def _joined(text: str, end: int, start: int) -> bool:
    """Two words of one phrase: nothing but spaces and emphasis between them, and at most one
    line break, which does not end a heading."""
    if not _JOIN.fullmatch(text, end, start):
        return False
    return "\n" not in text[end:start] or not _HEADING.match(text, text.rfind("\n", 0, end) + 1)


# How far around a judged word its phrase is read: the longest context looked at is five words
# before it ("they have not already went").
_BEFORE, _AFTER = 100, 40
_SPACE = re.compile(r"[ \n]")


def phrase_at(text: str, masked: str, floor: int, start: int) -> tuple[list[Word], int] | None:
    """The phrase holding the word that starts at `start`, and the word's index in it."""
    # The window ends at whitespace on both sides: it cuts no word in two.
    lo = max(masked.rfind(" ", floor, max(floor, start - _BEFORE)),
             masked.rfind("\n", floor, max(floor, start - _BEFORE))) + 1 or floor
    hi = _SPACE.search(masked, start + _AFTER)
    for phrase in phrases(text, masked, max(lo, floor), hi.start() if hi else len(masked)):
        for i, word in enumerate(phrase):
            if word.start == start:
                return phrase, i
    return None


def _free(text: str, word: Word) -> bool:
    """Not part of a compound, path, handle or identifier."""
    before = text[word.start - 1] if word.start > 0 else " "
    after = text[word.end] if word.end < len(text) else " "
    return not _GLUED.match(before) and not _GLUED.match(after)


# --- tier 1: classic confusions in context -----------------------------------------------------

_COMPARATIVES = frozenset(
    "more less fewer rather better worse greater larger smaller bigger higher lower faster slower "
    "longer shorter easier harder cheaper stronger weaker further farther older younger quicker "
    "simpler wider narrower heavier safer clearer closer smarter newer louder nicer richer poorer "
    "other".split())
# Words that open what a comparison compares with (`more then the`, `better then I`).
_COMPARED = frozenset(
    "a an the i you he she we they it that this those these ever before usual usually expected "
    "needed necessary any anyone anything anybody one two three most others all my your his her "
    "our their its what in on at with for average".split())
# Comparatives that also end a clause: "if it splits even more then you might have 40%".
_ALSO_PRONOUNS = frozenset({"more", "less", "fewer", "other"})
_ADVERBS = frozenset(
    "not never already just also always ever recently finally only really still even all both "
    "since actually now probably definitely certainly clearly obviously often once previously "
    "each".split())
_HAVE = frozenset("have has haven't hasn't having i've we've you've they've could've "
                  "would've should've must've might've who've".split())
_HAD = frozenset({"had", "hadn't"})
_SUBJECTS = frozenset("i you he she we they it".split())
# Words after which a pronoun starts a new clause (not a relative clause: "the money they had").
_CLAUSE = frozenset("and but or so because when if after before since then once as until till "
                    "though although while where why how whether unless".split())
# Simple past -> past participle, where they differ (`have showed` -> `have shown`). Past forms
# that are common nouns too (saw, rose, spoke, bit) are left out.
PARTICIPLES = {
    "showed": "shown", "went": "gone", "did": "done", "ate": "eaten", "wrote": "written",
    "took": "taken", "began": "begun", "knew": "known", "gave": "given", "drove": "driven",
    "rode": "ridden", "broke": "broken", "chose": "chosen", "froze": "frozen", "stole": "stolen",
    "forgot": "forgotten", "grew": "grown", "threw": "thrown", "flew": "flown", "drew": "drawn",
    "blew": "blown", "fell": "fallen", "ran": "run", "came": "come", "became": "become",
    "sang": "sung", "rang": "rung", "drank": "drunk", "swam": "swum", "shook": "shaken",
    "mistook": "mistaken", "undertook": "undertaken", "overtook": "overtaken",
    "forgave": "forgiven", "hid": "hidden", "tore": "torn", "wore": "worn", "swore": "sworn",
    "rewrote": "rewritten", "arose": "arisen", "woke": "woken", "withdrew": "withdrawn",
    "overcame": "overcome",
}
_LOSE_OBJECTS = frozenset("weight track sight touch interest focus hope control money data "
                          "everything anything something access faith patience momentum "
                          "motivation".split())
_MODALS = frozenset("to will would could can can't cannot don't didn't won't wouldn't "
                    "couldn't not never might may must gonna i you we they also".split())


class Suggestion(NamedTuple):
    index: int  # of the word in its phrase
    word: str  # what to write instead
    evidence: str


def _words(phrase: list[Word], i: int) -> tuple[str | None, str, str | None]:
    prev = phrase[i - 1].lower if i > 0 else None
    nxt = phrase[i + 1].lower if i + 1 < len(phrase) else None
    return prev, phrase[i].lower, nxt


def _classic(phrase: list[Word], i: int) -> Suggestion | None:
    prev, word, nxt = _words(phrase, i)
    if word == "tan" and prev in _COMPARATIVES:
        return Suggestion(i, "than", f'"{prev} than" is a comparison')
    if word == "then" and prev in _COMPARATIVES and (nxt in _COMPARED or prev == "rather") \
            and not (prev in _ALSO_PRONOUNS and nxt in _SUBJECTS):
        return Suggestion(i, "than", f'"{prev} than" is a comparison')
    if word == "than" and prev in ("and", "since", "until", "till", "back") and nxt is not None:
        return Suggestion(i, "then", f'"{prev} then" is about time')
    if word == "its" and nxt in ("a", "an", "the", "not", "been", "going", "gonna", "probably",
                                 "definitely", "basically", "actually", "really", "because"):
        verb = "has" if nxt == "been" else "is"
        return Suggestion(i, "it's", f'"{word} {nxt}" reads "it {verb} {nxt}"')
    if word in ("it's", "you're", "there", "they're") and nxt == "own":
        fix = {"it's": "its", "you're": "your"}.get(word, "their")
        return Suggestion(i, fix, f'"{fix} own" is the possessive')
    if word == "your" and (nxt in ("a", "an", "not", "gonna", "probably", "definitely", "already")
                           or nxt == "welcome" and i + 2 == len(phrase)):
        return Suggestion(i, "you're", f'"{word} {nxt}" reads "you are {nxt}"')
    if word == "their" and nxt in ("is", "are", "was", "were", "isn't", "aren't", "wasn't",
                                   "weren't"):
        return Suggestion(i, "there", f'"there {nxt}", not a possessive')
    if word == "loose" and prev in _MODALS and nxt in _LOSE_OBJECTS:
        return Suggestion(i, "lose", f'"lose {nxt}" is the verb')
    if word == "lose" and (nxt == "ends" or prev in ("too", "very") and nxt is None):
        return Suggestion(i, "loose", '"loose" is the adjective')
    if word == "of" and prev in ("could", "should", "would", "must", "couldn't", "shouldn't",
                                 "wouldn't") and nxt not in ("course", None):
        return Suggestion(i, "have", f'"{prev} have" sounds like "{prev} of"')
    return _participle(phrase, i)


def _participle(phrase: list[Word], i: int) -> Suggestion | None:
    """`have showed` -> `have shown`, with adverbs between (`has already went`)."""
    word = phrase[i].lower
    if word not in PARTICIPLES:
        return None
    j = i - 1
    while j >= 0 and phrase[j].lower in _ADVERBS:
        j -= 1
    aux = phrase[j].lower if j >= 0 else None
    if aux not in _HAVE and aux not in _HAD or _relative_clause(phrase, j):
        return None
    return Suggestion(i, PARTICIPLES[word], f'"{aux}" takes the participle')


def _relative_clause(phrase: list[Word], aux: int) -> bool:
    """`the money they had went to rent`: "had" ends a clause and "went" is another verb."""
    k = aux - 1
    while k >= 0 and phrase[k].lower in _ADVERBS:
        k -= 1
    return k >= 1 and phrase[k].lower in _SUBJECTS and phrase[k - 1].lower not in _CLAUSE


# --- tier 2: word pairs -------------------------------------------------------------------------

# Written word -> the real words it is often typed for.
CONFUSIONS: dict[str, tuple[str, ...]] = {
    "than": ("then",), "then": ("than",), "tan": ("than",),
    "their": ("there",), "there": ("their",),
    "lose": ("loose",), "loose": ("lose",), "loosing": ("losing",),
    "affect": ("effect",), "effect": ("affect",), "accept": ("except",), "except": ("accept",),
    "quite": ("quiet",), "quiet": ("quite",), "weather": ("whether",),
    "advice": ("advise",), "advise": ("advice",), "breath": ("breathe",), "breathe": ("breath",),
    "principal": ("principle",), "principle": ("principal",),
    "complement": ("compliment",), "compliment": ("complement",),
    "lightening": ("lightning",), "past": ("passed",), "passed": ("past",),
}


BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


class Bigrams(NamedTuple):
    counts: dict[tuple[str, str], int]
    rarest: int  # a pair absent from the list is rarer than this

    def get(self, first: str, second: str) -> int:
        return self.counts.get((first, second), 0)

    def likelier(self, left: int, right: int, left_was: int, right_was: int,
                 ratio: float) -> bool:
        """Pairs (prev, cand) and (cand, next) both in the list, neither rarer than the written
        word's, and `ratio` times as common as them on average (geometric mean). Requiring
        `ratio` on each side missed "more then is stored"; requiring it on one side only
        flagged "remain quiet as to" and "tight or loose the band"."""
        floor = self.rarest
        return (left >= left_was and right >= right_was and left > 0 and right > 0
                and left * right >= ratio * ratio * max(left_was, floor) * max(right_was, floor))


@lru_cache(maxsize=1)
def bigrams() -> Bigrams | None:
    """The pairs of the list that contain a word of CONFUSIONS (7,000 of its 242,000): one
    regular expression over the bytes takes about 0.1 s, parsing every line about 0.4 s."""
    path = spelling.symspell_file(BIGRAM_FILE)
    if path is None:
        return None
    words = sorted({w for w, cs in CONFUSIONS.items() for w in (w, *cs)})
    alt = "|".join(words).encode()
    line = re.compile(rb"^((?:%s) [^ \n]+|[^ \n]+ (?:%s)) (\d+)\r?$" % (alt, alt), re.M)
    counts = {tuple(pair.decode().split()): int(n) for pair, n in line.findall(path.read_bytes())}
    return Bigrams(counts, min(counts.values(), default=1))


def _bigram(phrase: list[Word], i: int, ratio: float) -> Suggestion | None:
    prev, word, nxt = _words(phrase, i)
    table = bigrams()
    if prev is None or nxt is None or table is None or not phrase[i].text.islower():
        return None
    for cand in CONFUSIONS.get(word, ()):
        left, right = table.get(prev, cand), table.get(cand, nxt)
        if table.likelier(left, right, table.get(prev, word), table.get(word, nxt), ratio):
            pair = f'"{prev} {cand}"' if left >= right else f'"{cand} {nxt}"'
            return Suggestion(i, cand, f"{pair} is common")
    return None


# --- checking -----------------------------------------------------------------------------------


# Every word either tier may judge: found with one search, so the rest of the prose costs
# nothing but that search.
_JUDGED = sorted({"tan", "then", "than", "its", "it's", "you're", "there", "they're", "your",
                  "their", "loose", "lose", "of", *PARTICIPLES, *CONFUSIONS},
                 key=len, reverse=True)
_CANDIDATE = re.compile(r"\b(?:%s)\b" % "|".join(w.replace("'", "['’]") for w in _JUDGED))
_CANDIDATE_ANY_CASE = re.compile(_CANDIDATE.pattern, re.IGNORECASE)


def _candidates(masked: str, start: int) -> Iterator[int]:
    """Offsets of the words worth judging. Searching the lowercased text is 4x faster than a
    case-blind search (lowercasing can change the length of a few letters: then no shortcut)."""
    lower = masked.lower()
    if len(lower) == len(masked):
        return (m.start() for m in _CANDIDATE.finditer(lower, start))
    return (m.start() for m in _CANDIDATE_ANY_CASE.finditer(masked, start))


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    ignored = frozenset(w.lower() for w in ctx.options["words"])
    text, masked = note.text, language.prose_text(note)  # the typo rule's prose, memoised
    languages = None
    for start in _candidates(masked, note.body_start):
        found = _judge(text, masked, note.body_start, start, ignored, ctx.options["ratio"])
        if found is None:
            continue
        word, suggestion = found
        languages = languages or language.prose_languages(note, _language(ctx.settings),
                                                          ctx.vault)
        if languages.is_english(word.start):
            yield _diagnostic(ctx, word, suggestion)


def _judge(text: str, masked: str, floor: int, start: int, ignored: frozenset[str],
           ratio: float) -> tuple[Word, Suggestion] | None:
    located = phrase_at(text, masked, floor, start)
    if located is None:
        return None
    phrase, i = located
    word = phrase[i]
    if word.lower in ignored:
        return None
    found = _classic(phrase, i) or _bigram(phrase, i, ratio)
    return (word, found) if found is not None else None


def _language(settings: Any) -> str:
    """The prose language the `typo` rule is configured with (`[rules.typo] language`): one
    setting says which notes are English for both rules."""
    return settings.options_for(typo.RULE)["language"] if settings is not None else language.AUTO


def _diagnostic(ctx: RuleContext, word: Word, found: Suggestion) -> Diagnostic:
    text = found.word
    if word.text[:1].isupper():
        text = text[:1].upper() + text[1:]
    message, fix = spelling.word_correction(
        ctx.note, word.start, word.end, text,
        f'"{word.text}": did you mean "{text}"? ({found.evidence})', frozenset({"body"}))
    return ctx.diagnostic(word.start, word.end, message, fix)


RULE = Rule(
    code="TYP002",
    name="confused-word",
    summary="A real word where a similar one was meant (than/then, have showed)",
    table=(  # the README's rule table
        "a real word where a similar one was meant (`faster tan in`, `have showed`, `could "
        "of`, `its a`): classic confusions in context and Google Books word pairs, English "
        "prose only; off by default (`--extend-select confused-word`) "
        "([docs/typos.md](docs/typos.md#confused-word))"),
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"ratio": 10, "words": []},
    options_schema={
        "ratio": {"type": "number", "minimum": 1, "maximum": 1_000_000},
        "words": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
    examples=(
        Example("It is much faster tan in a PhD.\n", "It is much faster than in a PhD.\n",
                unsafe=True),
        Example("A few companies have showed some commitment.\n",
                "A few companies have shown some commitment.\n", unsafe=True),
        Example("You could of asked.\n", "You could have asked.\n", unsafe=True),
        Example("He showed me a tan coat; they have shown more than then.\n", flagged=False),
        Example("Its color fades and it's late; `faster tan` is code.\n", flagged=False),
        Example("It is much faster tan in a PhD.\n", flagged=False, options={"words": ["tan"]}),
    ),
    needs_vault=True,  # a note too short to place takes the vault's language
    indexes=(language.LANGUAGES,),
    cache_key=_language,
)
