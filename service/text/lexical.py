"""Words, numbers and names as the grounding code compares them, and quote matching with exact offsets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    """a an the and or but if then than that this these those there their them they it its it's is are was were
    be been being am do does did done have has had having of in on at by for from to into onto with without
    within about above below over under after before during since until as so such not no nor only also too
    very can could would should will shall may might must he she him her his hers we us our you your i me my
    mine who whom whose which what when where why how all any both each few more most other some own same
    just than again further once here out up down off s t don now per via upon while whereas though although
    said says say according reported reportedly claimed claims added noted told article author writer piece
    discuss discusses discussed describes described highlights highlighted summary
    instead furthermore additionally likewise""".split()
)
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
                       "denied", "denies", "deny", "n't", "cannot"})
MONTHS_DAYS = frozenset(  # the full names, lower-case
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()
)
# Nouns for an event or a group that an article names so after telling of it ("the assault" after rebels seized a
# prison, "the group" after six scientists were convicted, "the meeting", "the fire"): with "the" and nothing saying
# which, they point back as "that" does (the summary's dangling references, and the scorer's). Not a study, a report
# or a law, which an article is often about from its first sentence; not "the couple" or "the pair", which stand for
# people a sentence has just named.
EVENT_AND_GROUP_NOUNS = frozenset({
    "accident", "affair", "agreement", "assault", "attack", "battle", "blast", "blaze", "clash", "collapse",
    "collision", "crash", "deal", "decision", "demonstration", "development", "disaster", "dispute", "episode",
    "explosion", "fighting", "fire", "gang", "group", "hearing", "incident", "inquiry", "investigation", "meeting",
    "move", "negotiation", "offensive", "operation", "plan", "probe", "proposal", "protest", "raid", "rally", "row",
    "ruling", "scandal", "shooting", "stabbing", "step", "strike", "summit", "talk", "tragedy", "trial", "verdict",
    "visit", "vote"})
# Of those, the ones that can sum up any act or event told before ("Apple extended two-step verification. The move
# follows ...", "... 650 survivors were treated. The disaster came ..."): they need something told before, not that
# very word.
SUM_UP_NOUNS = frozenset({"affair", "decision", "development", "disaster", "episode", "incident", "move", "plan",
                          "step", "tragedy"})
# Abbreviated names of states and unions, which the tagger takes for pronouns or stop words ("the US"); "U.S" too:
# the tokenizer takes the last dot of "in the U.S." for the full stop.
STATE_ABBREVIATIONS = frozenset({"US", "U.S.", "U.S", "UK", "U.K.", "U.K", "UN", "U.N.", "U.N", "EU", "USA", "UAE"})
# Words that open a sentence by joining it to the one before ("But ...", "However, ...").
CONNECTIVES = ("but", "so", "and", "yet", "still", "however", "nevertheless", "meanwhile")
# Month names as dates spell them ("February 10", "10 Feb. 2020"): one pattern for ingest and facts.
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12, "first": 1, "second": 2, "third": 3,
}
# Names that refer to the same party in different forms (Turkish soldiers / Turkey's soldiers).
_DEMONYMS = {
    "turkish": "turkey", "syrian": "syria", "syrians": "syria", "russian": "russia", "russians": "russia",
    "iranian": "iran", "iranians": "iran", "american": "us", "americans": "us", "u.s": "us", "usa": "us",
    "british": "britain", "french": "france", "israeli": "israel", "saudi": "saudi", "lebanese": "lebanon",
    "iraqi": "iraq", "chinese": "china", "ukrainian": "ukraine", "kurdish": "kurd", "kurds": "kurd",
    "european": "europe", "german": "germany", "egyptian": "egypt", "afghan": "afghanistan",
}

_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\w.])\d+(?:\.\d+)?(?![\d])")
_TRANSLATE = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
                            "‐": "-", "‑": "-", "‒": "-", "−": "-", "\u00a0": " "})
# Characters dropped when matching a quote: markdown emphasis and the backslash of escaped markdown.
_DROPPED = frozenset("*_\\")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with straight apostrophes."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, predictable stemmer: enough to match 'attacks'/'attacked'/'attack'."""
    w = _DEMONYMS.get(word, word)
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (no stopwords, no bare numbers: those are checked apart)."""
    return [stem(w) for w in words(text)
            if w not in STOPWORDS and w not in NUMBER_WORDS and not w.replace(".", "").isdigit()]


def numbers(text: str) -> list[str]:
    """Numbers in canonical form ('2,500' -> '2500', 'five' -> '5'); years and counts alike."""
    found: list[str] = []
    for m in _NUMBER.finditer(text):
        value = m.group().replace(",", "")
        found.append(value[:-2] if value.endswith(".0") else value)
    for w in words(text):
        if w in NUMBER_WORDS and w not in {"first", "second", "one"}:
            found.append(str(NUMBER_WORDS[w]))
    return found


def number_values(text: str) -> set[str]:
    """All number forms a text supports: digits, number words and ordinals alike."""
    values = set(numbers(text))
    values.update(str(NUMBER_WORDS[w]) for w in words(text) if w in NUMBER_WORDS)
    return values


def names(text: str) -> list[str]:
    """Capitalised words that are not sentence-initial function words: people, places, organisations."""
    out: list[str] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if not w[0].isupper() or w.lower() in MONTHS_DAYS:
            continue
        if w.lower() in STOPWORDS or w.lower() in NUMBER_WORDS:
            continue
        if w.isupper() and len(w) == 1:
            continue
        out.append(w)
    return out


def name_keys(text: str) -> set[str]:
    """How names are compared: case-folded stems, demonyms mapped to their country."""
    return {stem(w.lower().replace("’", "'")) for w in _WORD.findall(text)}


def has_negation(text: str) -> bool:
    toks = words(text)
    return any(t in NEGATIONS or t.endswith("n't") for t in toks)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Case-fold, unify quotes and dashes, drop markdown marks, collapse white space.

    Returns:
        The normalised string and, for each of its characters, the index of the original character.
    """
    out: list[str] = []
    index: list[int] = []
    last_space = True
    for i, ch in enumerate(text):
        if ch in _DROPPED:
            continue
        ch = unicodedata.normalize("NFKC", ch.translate(_TRANSLATE)).casefold()
        if not ch:
            continue
        if ch.isspace():
            if last_space:
                continue
            ch, last_space = " ", True
        else:
            last_space = False
        for c in ch:
            out.append(c)
            index.append(i)
    return "".join(out), index


def find_quote(text: str, quote: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Find ``quote`` in ``text[lo:hi]``: exactly if possible, else modulo case, quotes, dashes, markdown marks
    and white space.

    Returns:
        ``(start, end)`` such that ``text[start:end]`` is the verbatim source of the quote, or None.
    """
    hi = len(text) if hi is None else hi
    q = quote.strip()
    if not q:
        return None
    pos = text.find(q, lo, hi)
    if pos >= 0:
        return pos, pos + len(q)
    norm_text, index = normalize_with_map(text[lo:hi])
    norm_q, _ = normalize_with_map(q)
    norm_q = norm_q.strip()
    if not norm_q:
        return None
    pos = norm_text.find(norm_q)
    if pos < 0:
        return None
    start = lo + index[pos]
    end = lo + index[pos + len(norm_q) - 1] + 1
    return start, end


# A quotation: double quotation marks (straight or curly), curly single ones, and straight single quotes that open
# after a space and close before one (the seeds' sarcastic 'al-Qaeda freedom fighters'; an apostrophe, as in
# "Turkey's", opens nothing).
QUOTATION = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|(?<![\w'])'([^'\n]{2,200}?)'(?!\w)")
OPEN_QUOTE = re.compile(r"[\"“‘]([^\"”’]+)$")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where a text quotes someone, marks included: each closed quotation, and an unclosed one to the end."""
    spans = [m.span() for m in QUOTATION.finditer(text)]
    last = spans[-1][1] if spans else 0
    if (m := OPEN_QUOTE.search(text, last)) is not None:
        spans.append((m.start(), len(text)))
    return spans


def _double_marks(sentence: str) -> list[str]:
    return [c for c in sentence if c in '"“”']


def opens_quotation(sentence: str) -> bool:
    """Whether a sentence leaves a quotation open: an odd count of double marks, straight and curly together (a
    straight one opened and a curly one closed is one quotation: '... you think, "Where's that come from?”.'), the
    last of them one that opens."""
    marks = _double_marks(sentence)
    return len(marks) % 2 == 1 and marks[-1] in '"“'


def closes_quotation(sentence: str) -> bool:
    """Whether a sentence closes a quotation opened before it: an odd count of double marks, the first of them one
    that closes."""
    marks = _double_marks(sentence)
    return len(marks) % 2 == 1 and marks[0] in '"”'


def is_question(sentence: str) -> bool:
    """Whether a sentence ends with a question mark (before closing quotes or emphasis)."""
    return sentence.rstrip(" \"'”’*").endswith("?")
