"""Sentence segmentation that keeps exact offsets into the original text.

Written here rather than taken from a library: the segmenters on the registry either need a data download
(nltk's punkt), are unmaintained (pysbd, syntok: last releases 2021-2022) or lose exact offsets, and every
span this service returns must slice the submitted text exactly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from service.text.lexical import MONTHS_DAYS

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt st sr jr rep sen gov pres no vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e approx dept est fig al
    spc pvt pfc cpl adm cmdr supt insp det rev hon""".split()
)
# A sentence ends at . ! ? (or an ellipsis), optionally followed by closing quotes/brackets, then whitespace.
# Some corpora glue sentences ("officials said.The tremor", "(Unicef).Many work", "terrorist groups".The
# Observatory", "the port of Latakia."We shipped", "left the country.US Defence", "almost 900,000.But",
# "switched on.The head", "1 March.A deadline", 'shivering a little"."I have', 'every second of it.""This'): a
# word ending in two lower-case letters or digits (or a word and its closing bracket or quotation mark), a full
# stop (and a closing, or an opening, quotation mark, or both), then a capital that starts a word ("The", "US",
# "DDoS", "A ") also ends a sentence. Initials and dotted acronyms ("B.B. King", "U.S.") are told apart by
# ``_is_abbreviation``.
# After a word in capitals ("the BBC.On the other side", "the US.Authorities") the next word must be lower-case
# after its capital.
_GLUED = (r"""(?:(?<=[a-z0-9]{2}[.!?])|(?<=[a-z0-9][)"”’'][.!?])|(?<=[a-z0-9][.!?]["”’'])"""
          r"""|(?<=[a-z0-9]["”][.!?]["“])|(?<=[a-z0-9][.!?]["”]["“]))[A-Z](?:[A-Za-z]|\s)"""
          r"""|(?<=[A-Z]{2}[.!?])[A-Z][a-z]+\b""")
_END = re.compile(r"""(?:[.!?]+|…)['"’”)\]*]*(?=\s|""" + _GLUED + ")")
_BREAK = re.compile(r"\n\s*\n")
# A photo caption or a "Scroll down for video" line run into the next sentence without a stop ("... if they ask
# More than 70 million sharks are killed", "from a concert The teen's attorney, John Waldron, said"): a lower-case
# word, then a capitalised word that opens sentences (never one that goes on a name: "The Times" stays) and a
# lower-case word. The part before has no stop: it is a run-on caption (``is_run_on``), not a statement.
_RUN_ON = re.compile(r"(?<=[a-z]{2})\s+(?=(?:The|A|An|Some|More|Many|Most|It|He|She|They|We|This|These|"
                     r"Those|There|His|Her|Their|But|And|However)\s+[a-z])")


# A wire dateline or outlet tag before a story's first sentence: "SAVAR, Bangladesh (AP) -- ", "(CNN)",
# "ROTTERDAM, March 3 (Reuters) - ". The story's, not a claim's words, nor part of its first sentence (``ingest``):
# parsed with it, the place and the agency were read as who acted ("COPENHAGEN, March 4 (Reuters" for the train
# drivers who walked out).
# (a place in capitals, accented ones too, "SANTA INÉS, Aug 19 (Wire) - ", and the agency in brackets after it,
# whichever it is)
# (after the place, a country or a date, or both, the date last: "KATMANDU, 9 August 2024 - ", "LEEDS, England, 14
# March 2024 - "; tried as a user would, a summary had read "According to officials, KATMANDU, 9 August 2024 - At
# least 64 ..."; a part is words joined by single spaces or hyphens, so that a list does not run on past its dash:
# "UAE, Saudi Arabia, Egypt - four Gulf and Arab states - cut ties" has no date and is no dateline)
_PART = r"[\w.'’]*(?:[ -][\w.'’]+){0,6}"  # (after its first letter or digit)
DATELINE = re.compile(r"^(?:\((?:CNN|AP|Reuters|AFP)\)\s*|[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'-]{2,40}"
                      r"(?:,\s*[A-Z]" + _PART + r")?(?:,\s*(?=[^,]{0,30}\d)[A-Z0-9]" + _PART + r")?"
                      r"(?:\s*\([A-Z][\w.]*(?: [A-Z][\w.]*){0,2}\))?\s*[—–-]+\s+)")


class Sentence(NamedTuple):
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the '.' at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower().rstrip(".")
    if not word:
        return False
    if word_start > 0 and text[word_start - 1].isdigit() and "." not in word.strip("."):
        return False  # a unit after a number, "more than £2.1m.The council said": no initial, no acronym
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("J. Trump") and dotted acronyms ("U.S.").
    return len(word) == 1 and word.isalpha() or ("." in word and len(word) <= 5)


def _next_starts_sentence(text: str, pos: int) -> bool:
    """A sentence break needs the next visible character to look like a sentence start."""
    m = re.compile(r"\s*").match(text, pos)
    nxt = m.end() if m else pos
    if nxt >= len(text):
        return True
    ch = text[nxt]
    if ch in ")]" and nxt + 1 < len(text) and text[nxt + 1].isspace():
        # a closing bracket set apart after a stop ("[Updated …: Fire broke out … was not clear. ] Sohel Rana …",
        # the end of an editor's note): the next sentence starts after it, and the bracket belongs to neither
        # (``_trim``)
        return _next_starts_sentence(text, nxt + 1)
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘(*[#-–—•"


def _trim(text: str, start: int, end: int) -> Sentence | None:
    while start < end and (text[start].isspace() or text[start] in ")]" and text[start + 1 : start + 2].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end) if end > start else None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences; blank lines always end a sentence.

    Returns:
        Sentences as offsets into ``text`` (whitespace trimmed), in order, never overlapping.
    """
    end = len(text) if end is None else end
    out: list[Sentence] = []
    for block_start, block_end in _blocks(text, start, end):
        cursor = block_start
        for m in _END.finditer(text, block_start, block_end):
            stop = m.end()
            if text[m.start()] == "." and m.group().startswith(".") and len(m.group().rstrip("'\"’”)]*")) == 1:
                if _is_abbreviation(text, m.start()):
                    continue
            if not _next_starts_sentence(text, stop):
                continue
            if stop < block_end and not text[stop].isspace() and m.group().endswith('"') \
                    and text.count('"', block_start, stop) % 2 == 1:
                # '... the port of Latakia."We shipped ...', '... every second of it.""This is ...': the last mark
                # opens the next sentence's quotation, when the marks from the paragraph's start leave one open
                # (not '... is a new low."Samir Patel said', closing a quotation opened two sentences before)
                stop -= 1
            out.extend(_run_on_cut(text, cursor, stop))
            cursor = stop
        out.extend(_run_on_cut(text, cursor, block_end))
    return out


# No sentence ends on one of these ("According to A garment manufacturers' group", "a joke for The ...").
_GOES_ON = frozenset("""a an the and or but nor of to for from with by in on at as into onto than that about
    after before over under is are was were be been has have had will would said says told""".split())


def _ends_here(text: str, start: int, m: re.Match[str]) -> bool:
    """Whether the run-on match ``m`` ends the sentence begun at ``start``: not after a word that goes on
    ("According to A ..."), nor before a lone "A" after a capitalised word ("Patient A and Nurse B")."""
    before = text[start : m.start()].rsplit(None, 1)[-1]
    return before.lower() not in _GOES_ON and not (text[m.end() : m.end() + 2] == "A " and not before.islower())


def _run_on_cut(text: str, start: int, end: int) -> list[Sentence]:
    out: list[Sentence] = []
    for m in _RUN_ON.finditer(text, start, end):
        if not _ends_here(text, start, m):
            continue
        if (s := _trim(text, start, m.end())) is not None:
            out.append(s)
        start = m.end()
    if (s := _trim(text, start, end)) is not None:
        out.append(s)
    return out


def is_run_on(text: str, sentence: Sentence) -> bool:
    """True for a caption cut from the sentence it ran into (it ends in a word, with no stop): the same decision
    as the cut's, and never at a paragraph's end."""
    m = _RUN_ON.match(text, sentence.end)
    return m is not None and not _BREAK.search(text, sentence.end, m.end()) and _ends_here(text, sentence.start, m)


# A photo caption's label run into the text without a stop ("... falls headfirst Painful: For a short moment he
# scrapes ...", "... seven stitches Warning for next time: Luckily ..."): after a word in lower case, a capitalised
# word and up to three lower-case ones, a colon, a capital. Not a speaker's cue ("quoted Pompeo saying: The"), a day,
# or a title's words after a function word ("the set of Fall of an Empire: The Story").
_CAPTION_LABEL = re.compile(r"(?:^|(?<=\s))([a-z]+)?\s*\b([A-Z][a-z]+(?: [a-z]+){0,3}):\s+[A-Z]")
_NOT_LABELS = MONTHS_DAYS | frozenset(
    "saying said says told added adding wrote writing stating noting declared warned".split())


# What a tabloid page put between its text and a photo, run into the caption that follows it: "Scroll down for
# video Star-crossed lovers: Jamie Silvonek (left), 14, and ...", "Scroll down for video According to Michael
# Redwood, inevitable wind-ups surfaced ... Fall of an Empire: ...". (Of the first 40 of the 66 sentences that open
# with the cue in the labelled and FRANK articles, read one by one, all but two go on with a photo's caption.)
_CUE_THEN_TEXT = re.compile(r"^Scroll down for (?:video|videos|more)\b[\s.:]*[^\s.:]")
# Two people placed in a photo: "Jamie Silvonek (left), 14, and her boyfriend ... (right)".
_PLACED = re.compile(r"\((?:left|right|centre|center|far left|far right)\)")


def after_page_cue(sentence: str) -> bool:
    """Whether a sentence is a page's "Scroll down for video" and the caption run into it: the caption often runs
    on into the article's next sentence, whose names the text after it goes on from ("... Director Michael Redwood
    paid tribute to O'Toole. He said: ...")."""
    return bool(_CUE_THEN_TEXT.match(sentence))


def is_caption(text: str, sentence: Sentence) -> bool:
    """A caption run into the next sentence (``is_run_on``), one under a label (``has_caption_label``), one after
    a page's "Scroll down for video", or one that places two people in a photo ("(left)" ... "(right)"): evidence
    for the judge, never a claim or a summary sentence."""
    body = text[sentence.start : sentence.end]
    return is_run_on(text, sentence) or has_caption_label(text, sentence) or after_page_cue(body) \
        or len(_PLACED.findall(body)) >= 2


def has_caption_label(text: str, sentence: Sentence) -> bool:
    """Whether a sentence holds a photo caption's label run into it, or opens with one right after text with no
    stop: captions, not the article's statements. (The sentence is not cut there: the judge reads the text as it
    is split; a claim or a summary sentence is not taken from it.)"""
    body = text[sentence.start : sentence.end]
    k = sentence.start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    before = text[k - 1 : k]  # the last character before the sentence
    for m in _CAPTION_LABEL.finditer(body):
        word, label = m.group(1), m.group(2)
        if set(label.lower().split()) & _NOT_LABELS:
            continue
        if word is not None and word not in _GOES_ON:
            return True
        if m.start() == 0 and before.isalpha() and before.islower():
            return True
    return False


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    blocks, cursor = [], start
    for m in _BREAK.finditer(text, start, end):
        blocks.append((cursor, m.start()))
        cursor = m.end()
    blocks.append((cursor, end))
    return [(s, e) for s, e in blocks if e > s]
