"""What a claim states, in the form claims are compared across articles: content words, names, quantities
(value, qualifier, what is counted), the date range it refers to, and scope markers. Rules, not a model."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.text import lexical

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RX = lexical.MONTH
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RX})(?:,?\s+((?:19|20)\d{{2}}))?\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RX})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d{{2}}))?", re.I)
# The first day of a pair ("on 10 and 12 February"): a day of that month, not a count.
_PAIRED_DAY = re.compile(rf"(?<![\w.,])(\d{{1,2}})\s*(?:and|or|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+({_MONTH_RX})\b",
                         re.I)
_MONTH_YEAR = re.compile(rf"\b(?:(early|mid|late)[- ])?({_MONTH_RX})(?:(?:,|\s+of)?\s+((?:19|20)\d{{2}}))?\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_WEEKDAY = re.compile(r"\b(?:on\s+|last\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)
_RELATIVE = re.compile(r"\b(yesterday|today|this week|last week|this month|last month)\b", re.I)
# Markers of a count over a period, not one event: "the official cumulative number", "a total of", "so far".
_CUMULATIVE = re.compile(r"(?i)\b(?:cumulative|in total|a total of|total(?:ling)?|overall|so far|to date|"
                         r"since (?:the )?(?:start|beginning)|in all|altogether|the past (?:\w+ )?(?:weeks?|"
                         r"months?|years?|days?)|during the past|over the past|in the last)\b")
_QUALIFIERS = {"at least": "min", "more than": "min", "over": "min", "no fewer than": "min", "upwards of": "min",
               "about": "approx", "around": "approx", "approximately": "approx", "nearly": "approx",
               "almost": "approx", "some": "approx", "roughly": "approx", "up to": "max", "fewer than": "max",
               "less than": "max", "under": "max", "between": "range"}
_QUALIFIER_RX = re.compile(r"(?i)\b(" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+$")
# (a group separator may be followed by a space where the text was detokenised, "1, 056 matches", as QAGS CNN/DM's
# sources and text copied from PDFs are: still one number when the group after it has three digits and ends there)
_GROUPED = r"\d{1,3}(?:, ?\d{3})+(?!\d|[.,]\d|,\s|\s+(?:and|or)\s+\d)|\d{1,3}(?:,\d{3})+"
_NUMBER_TOKEN = re.compile(r"(?<![\w.])(" + _GROUPED + r"|\d+(?:\.\d+)?)(?![\d])|\b(" + "|".join(
    w for w in ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                "dozen").split()) + r")\b", re.I)
_SCALE = {"hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000, "million": 1_000_000,
          "billion": 1_000_000_000, "k": 1000}


@dataclass(frozen=True)
class Quantity:
    value: float
    kind: str  # exact | min | max | approx | range
    upper: float | None  # for ranges ("between 2,500 and 3,000")
    counted: str  # what is counted: the stem of the head of the words that follow ("deaths" for tolls)
    raw: str

    def compatible(self, other: Quantity) -> bool:
        """Whether two counts of the same thing can both be true ("at least 5" and "7" can; two different
        floors, "at least 370" and "at least 377", are two different reported figures and cannot)."""
        if self.kind == other.kind == "min":
            return self.value == other.value
        a_lo, a_hi = self.bounds()
        b_lo, b_hi = other.bounds()
        return a_lo <= b_hi and b_lo <= a_hi

    def bounds(self) -> tuple[float, float]:
        v = self.value
        if self.kind == "min":
            return v, float("inf")
        if self.kind == "max":
            return 0.0, v
        if self.kind == "approx":
            return v * 0.8, v * 1.2
        if self.kind == "range" and self.upper is not None:
            return v, self.upper
        return v, v


@dataclass(frozen=True)
class DateRange:
    lo: dt.date
    hi: dt.date

    def overlaps(self, other: DateRange, slack_days: int = 1) -> bool:
        slack = dt.timedelta(days=slack_days)
        return self.lo - slack <= other.hi and other.lo - slack <= self.hi

    def __str__(self) -> str:
        return self.lo.isoformat() if self.lo == self.hi else f"{self.lo.isoformat()}..{self.hi.isoformat()}"


@dataclass(frozen=True)
class Facts:
    stems: frozenset[str]
    names: frozenset[str]
    quantities: tuple[Quantity, ...]
    when: DateRange | None
    cumulative: bool
    negated: bool


def _year_span(year: int) -> DateRange:
    return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _month_span(year: int, month: int, part: str | None = None) -> DateRange:
    last = calendar.monthrange(year, month)[1]
    lo, hi = 1, last
    if part == "early":
        hi = 10
    elif part == "mid":
        lo, hi = 10, 20
    elif part == "late":
        lo = 20
    return DateRange(dt.date(year, month, lo), dt.date(year, month, hi))


def _near_year(month: int, day: int, published: dt.date | None) -> int | None:
    """The year of a date given without one: the one that puts it closest before (or at) publication."""
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            if dt.date(year, month, day) <= published + dt.timedelta(days=7):
                return year
        except ValueError:
            return None
    return published.year


def dates(text: str, published: dt.date | None, ahead: bool = False) -> DateRange | None:
    """The period a claim refers to: explicit dates, else weekdays and 'last week' relative to publication,
    else month or year mentions. None when the text gives no time. A weekday is the last one on or before the
    publication date ("was killed on Monday"), the next one after it for an event still to come (``ahead``:
    "temperatures will reach 41 degrees on Wednesday") or "next Monday"."""
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], span: DateRange | None) -> None:
        if span is not None:
            found.append(span)
            taken.append(m.span())

    for m in _DAY_MONTH.finditer(text):
        day, month = int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else _near_year(month, day, published)
        add(m, _safe_day(year, month, day))
    for m in _MONTH_DAY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        month, day = _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2))
        year = int(m.group(3)) if m.group(3) else _near_year(month, day, published)
        add(m, _safe_day(year, month, day))
    if found:
        return DateRange(min(d.lo for d in found), max(d.hi for d in found))
    if published is not None:
        for m in _WEEKDAY.finditer(text):
            day = _WEEKDAYS[m.group(1).lower()]
            if ahead or re.search(r"(?i)\bnext\s+$", text[: m.start()]):
                on = published + dt.timedelta(days=(day - published.weekday()) % 7 or 7)
            else:
                on = published - dt.timedelta(days=(published.weekday() - day) % 7)
            found.append(DateRange(on, on))
        for m in _RELATIVE.finditer(text):
            word = m.group(1).lower()
            if word == "yesterday":
                on = published - dt.timedelta(days=1)
                found.append(DateRange(on, on))
            elif word == "today":
                found.append(DateRange(published, published))
            elif "week" in word:
                back = 7 if word.startswith("this") else 14
                found.append(DateRange(published - dt.timedelta(days=back), published))
            else:
                back = 31 if word.startswith("this") else 62
                found.append(DateRange(published - dt.timedelta(days=back), published))
    if found:
        return DateRange(min(d.lo for d in found), max(d.hi for d in found))
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTHS[m.group(2).lower().rstrip(".")]
        if m.group(2).lower() in {"may", "mar"} and not m.group(3):
            continue  # "may" is usually the verb, "mar" the verb too
        year = int(m.group(3)) if m.group(3) else _near_year(month, 1, published)
        if year is not None:
            found.append(_month_span(year, month, (m.group(1) or "").lower() or None))
    if not found:
        found = [_year_span(int(m.group(1))) for m in _YEAR.finditer(text)]
    return DateRange(min(d.lo for d in found), max(d.hi for d in found)) if found else None


def _safe_day(year: int | None, month: int, day: int) -> DateRange | None:
    if year is None:
        return None
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return DateRange(d, d)


def quantities(text: str) -> tuple[Quantity, ...]:
    """Counts in the text with what they count; years and days of dates are not counts."""
    date_spans = [m.span() for rx in (_DAY_MONTH, _MONTH_DAY) for m in rx.finditer(text)]
    out: list[Quantity] = []
    consumed = 0  # the end of the last range's upper bound: "between 2,500 and 3,000" is one quantity
    last_end = 0
    for m in _NUMBER_TOKEN.finditer(text):
        if m.start() < consumed or any(s <= m.start() < e for s, e in date_spans):
            continue
        token = m.group()
        if token.isdigit() and len(token) == 4 and token.startswith(("19", "20")):
            continue  # a year
        value = to_number(token)
        if value is None:
            continue
        after = text[m.end() : m.end() + 60]
        scale = re.match(r"\s*(hundreds?|thousands?|million|billion|k)\b", after, re.I)
        if scale:
            value *= _SCALE[scale.group(1).lower()]
            after = after[scale.end() :]
        upper = None
        rng = re.match(r"\s*(?:-|–|to|and)\s*(\d{1,3}(?:,\d{3})+|\d+)", after)
        if rng:
            upper = float(rng.group(1).replace(",", ""))
            consumed = m.end() + (scale.end() if scale else 0) + rng.end()
            after = after[rng.end() :]
        before = text[max(0, m.start() - 20) : m.start()]
        q = _QUALIFIER_RX.search(before)
        kind = _QUALIFIERS[q.group(1).lower()] if q else ("range" if upper is not None else "exact")
        if kind == "range" and upper is None:
            kind = "exact"
        before_words = lexical.words(text[max(0, m.start() - 60) : m.start()])[-6:]
        counted = _counted(lexical.words(after)[:4], before_words)
        if not counted and out and out[-1].counted and out[-1].counted not in _UNITS and _AUXILIARY.match(after) \
                and re.fullmatch(
                r"[^.;:!?]*(?:\band\b|\bbut\b|\bwhile\b|,)[^.;:!?]*", text[last_end : m.start()]):
            # a number whose noun is left out after another count's, the subject of its own verb ("Another 74 people
            # were missing and more than 24,000 had been forced from their homes"), counts what that one counts (not
            # "312 developed cancer, compared with 381 in the placebo group": who the 381 are, the phrase says)
            counted = out[-1].counted
        out.append(Quantity(value, kind, upper, counted, (q.group(0) if q else "") + token))
        last_end = m.end()
    return tuple(out)


# What a number measures rather than counts: no noun a later number leaves out ("lasted 12 days, and about 300
# were killed").
_UNITS = frozenset(lexical.stem(w) for w in """second seconds minute minutes hour hours day days week weeks month
    months year years decade decades percent per cent point points metre metres meter meters kilometre kilometres
    km mile miles kilogram kilograms kg tonne tonnes ton tons pound pounds dollar dollars euro euros litre litres
    degree degrees""".split())
_AUXILIARY = re.compile(r"\s*(?:had|have|has|were|was|are|is|will|would|could|can|may|might|remain(?:ed)?)\b",
                        re.I)


def _counted(following: list[str], preceding: list[str]) -> str:
    """What a number counts: the head of the noun phrase after it ("5 Turkish soldiers were" -> soldier), the
    word "deaths" for casualty tolls however they are put ("killed 377 people", "377 lives", "death toll
    rose to 370"), or "" when it cannot tell (then it is compared with nothing)."""
    phrase: list[str] = []
    for w in following:
        if w in lexical.STOPWORDS or any(ch.isdigit() for ch in w):
            break
        phrase.append(w)
        if len(phrase) == 2:  # "five Turkish soldiers", "1,000 units": the head is at most the second word
            break
    head = lexical.stem(phrase[-1]) if phrase else ""
    nearby = {lexical.stem(w) for w in [*preceding, *following]}
    if head in _DEATH_WORDS or (head in _PEOPLE and nearby & _DEATH_WORDS) or (not head and "toll" in nearby):
        return "deaths"
    return head


# Heads that count people (or their deaths): "five Turkish soldiers", "5 killed" and "5 Turkish personnel" may
# count the same people, "five factories" and "five months" may not.
PERSON_HEADS = frozenset({"deaths", "soldier", "personnel", "troop", "people", "person", "civilian", "fighter",
                          "militant", "worker", "rescuer", "protester", "officer", "police", "policeman", "child",
                          "children", "women", "men", "victim", "injur", "wound", "casualti", "prisoner", "refuge"})


def same_count(a: Quantity, b: Quantity) -> bool:
    """Whether two counts may count the same thing with the same value."""
    if a.value != b.value or a.value < 2 or not a.counted or not b.counted:
        return False
    return a.counted == b.counted or (a.counted in PERSON_HEADS and b.counted in PERSON_HEADS)


_DEATH_WORDS = frozenset({"kill", "killing", "dead", "death", "die", "died", "toll", "fatality", "fatalities",
                          "live"})  # "live": the stem of "lives", as in "claimed 377 lives"
_PEOPLE = frozenset({"people", "person", "lives", "life", "victim", "bodi", "body", "civilian", "worker"})


def to_number(token: str) -> float | None:
    t = token.lower().replace(",", "").replace(" ", "")
    if t in lexical.NUMBER_WORDS:
        return float(lexical.NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def facts(text: str, published: dt.date | None) -> Facts:
    """Everything the cross-check compares about one claim's text."""
    stems = [s for s in lexical.content_stems(text) if s not in _MONTHS and s not in _WEEKDAYS]
    return Facts(
        stems=frozenset(stems),
        names=frozenset(lexical.name_keys(" ".join(lexical.names(text)))),
        quantities=quantities(text),
        when=dates(text, published),
        cumulative=bool(_CUMULATIVE.search(text)),
        negated=lexical.has_negation(text),
    )


def misbound(stated: Sequence[Quantity], found: Sequence[Quantity]) -> list[str]:
    """Numbers the support has, but attached to something else: "2,500 units" where the source says "1,000
    units" and "2,500 troops". Flagged only on such a swap (the value counts another thing there, and the thing
    has another value), so "5 killed" for "five soldiers were killed" stays supported.

    Returns:
        Each misbound number as "<number> <what it counts>".
    """
    out = []
    for q in stated:
        if not q.counted:
            continue
        same_value = [f for f in found if f.value == q.value]
        same_thing = [f for f in found if f.counted == q.counted]
        if same_value and same_thing and all(f.counted != q.counted for f in same_value) \
                and all(f.value != q.value for f in same_thing):
            out.append(f"{q.raw} {q.counted}")
    return out


# Words by which a statement keeps a bound in other words than the source's ("five or more" for "at least 5", "as many
# as 300" for "up to 300", "younger than 12" for "under 12").
_BOUND_NEAR = re.compile(r"(?i)\b(?:or|and)\s+(?:more|above|over|fewer|less|under|below)\b|\b(?:as many as|as much as|"
                         r"as few as|close to|more than|less than|fewer than|younger than|older than|at least|at most|"
                         r"up to|below|above|over|under|about|around|roughly|nearly|almost|approximately|some|"
                         r"minimum|maximum|estimated|plus|upwards of)\b|\+")
_DURATIONS = frozenset("year month week day hour minute decade century night season".split())


def unqualified(stated: Sequence[Quantity], found: Sequence[Quantity], statement: str,
                support: Sequence[str]) -> list[str]:
    """Numbers stated as exact that the support gives only with a bound or as a guess: "5 soldiers were killed" where
    the source says "at least 5", "9 dollars" for "about 9 dollars", "500,000 children" for "more than 500,000"
    (tried as a user would: the summary had dropped the "about"). Not where the support also gives the number
    plain for the same thing, nor where the statement keeps a bound in other words ("five or more"), nor a range's
    ends; a bound word that is a preposition is none ("won over 10-man Chelsea", "claims about 5G", "paid over 10
    years").

    Returns:
        Each number as the support writes it.
    """
    out = []
    for q in stated:
        if q.kind != "exact" or any(_BOUND_NEAR.search(statement[max(m.start() - 25, 0) : m.end() + 25])
                                    for m in re.finditer(rf"(?<![\w.,]){re.escape(q.raw)}(?![\w])", statement)):
            continue
        same = [f for f in found if f.value == q.value and f.upper is None
                and (not q.counted or not f.counted or f.counted == q.counted)
                # (a number run into a word, "10-man", "5G", "16-year-olds", is no bounded count)
                and not any(re.search(rf"(?i){re.escape(f.raw)}(?=[-\w])", t) for t in support)
                and not (f.kind != "approx" and f.counted in _DURATIONS)]
        if same and all(f.kind in ("min", "max", "approx") for f in same):
            out.append(same[0].raw)
    return out


def paired_days(text: str) -> list[tuple[str, int, int]]:
    """The first day of each pair of days in ``text`` ("10 and 12 February"): as written, its day and month."""
    return [(m.group(1), int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")]) for m in _PAIRED_DAY.finditer(text)]


def days_given(text: str) -> frozenset[tuple[int, int]]:
    """Every (day, month) ``text`` writes out ("February 10", "10 February"), whatever the year."""
    return frozenset({(int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")]) for m in _DAY_MONTH.finditer(text)}
                     | {(int(m.group(2)), _MONTHS[m.group(1).lower().rstrip(".")]) for m in _MONTH_DAY.finditer(text)})
