"""capitalize-headings' default word lists: obsidian-linter's defaults (MIT License, Copyright
(c) 2021-2022 Victor Tao), so that a migrating user's headings come out as the plugin made them.
Words are separated by spaces (none of them holds one)."""

from __future__ import annotations

# Words whose casing is kept as written (brand names and "I").
IGNORE_WORDS: tuple[str, ...] = tuple((
    "macOS iOS iPhone iPad JavaScript TypeScript AppleScript I "
).split())

# Words title case leaves in lower case (articles, prepositions, conjunctions), unless first.
LOWERCASE_WORDS: tuple[str, ...] = tuple((
    "a an the aboard about abt. above abreast absent across after against along aloft alongside "
    "amid amidst mid midst among amongst anti apropos around round as aslant astride at atop "
    "ontop bar barring before B4 behind below beneath neath beside besides between 'tween "
    "beyond but by chez circa c. ca. come concerning contra counting cum despite spite down "
    "during effective ere except excepting excluding failing following for from in including "
    "inside into less like minus modulo mod near nearer nearest next notwithstanding of o' off "
    "offshore on onto opposite out outside over o'er pace past pending per plus post pre pro "
    "qua re regarding respecting sans save saving short since sub than through thru throughout "
    "thruout till times to t' touching toward towards under underneath unlike until unto up "
    "upon versus vs. v. via vice vis-à-vis wanting with w/ w. c̄ within w/i without 'thout w/o "
    "abroad adrift aft afterward afterwards ahead apart ashore aside away back backward "
    "backwards beforehand downhill downstage downstairs downstream downward downwards downwind "
    "east eastward eastwards forth forward forwards heavenward heavenwards hence henceforth "
    "here hereby herein hereof hereto herewith home homeward homewards indoors inward inwards "
    "leftward leftwards north northeast northward northwards northwest now onward onwards "
    "outdoors outward outwards overboard overhead overland overseas rightward rightwards "
    "seaward seawards skywards skyward south southeast southwards southward southwest then "
    "thence thenceforth there thereby therein thereof thereto therewith together underfoot "
    "underground uphill upstage upstairs upstream upward upwards upwind west westward westwards "
    "when whence where whereby wherein whereto wherewith although because considering given "
    "granted if lest once provided providing seeing so supposing though unless whenever whereas "
    "wherever while whilst ago inasmuch even whether whose whoever why how whatever what both "
    "and or either neither nor just rather such that yet is it "
).split())
