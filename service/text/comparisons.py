"""Comparisons turned round: "more than 10%" where the source says "fewer than 10%", "before" for "after".

A word of comparison in the statement whose opposite the passage has, compared with the same thing, says the
opposite of the passage: "More than 10% of trains ran" for "fewer than 10% of scheduled trains ran", "an offer
lower than those accepted by others" for "higher than those", "roads were less congested than usual" for "more
congested", "walked out before talks broke down" for "after", "more than three decades" for "nearly three
decades", "voted for the plan" for "voted against". What a comparison is with (``_against``) keeps a
converse paraphrase apart: "talks broke down before the drivers walked out" orders by the other event and says
the same as "the drivers walked out after talks broke down"; "B is lower than A" is not compared with "than B"
as "A is higher than B" is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from service.text import lexical
from service.text.analysed import Unit, forms
from service.text.evidence import Finding, Passage
from service.text.nlp import verb_bases

if TYPE_CHECKING:
    from spacy.tokens import Token

# Opposite words of comparison, each against what it compares (the same thing on both sides).
_PAIRS = [("more", "less"), ("more", "fewer"), ("higher", "lower"), ("greater", "smaller"), ("greater", "lower"),
          ("larger", "smaller"), ("bigger", "smaller"), ("heavier", "lighter"), ("longer", "shorter"),
          ("older", "younger"), ("faster", "slower"), ("stronger", "weaker"), ("better", "worse"),
          ("earlier", "later"), ("before", "after"), ("above", "below"), ("over", "under"), ("most", "least"),
          ("most", "fewest"), ("highest", "lowest"), ("largest", "smallest"), ("biggest", "smallest"),
          ("best", "worst"), ("rising", "falling"), ("most", "few"), ("many", "few"), ("for", "against"),
          ("quickly", "slowly"), ("fast", "slowly"), ("quick", "slow"), ("first", "last"), ("within", "above"),
          ("within", "below"), ("inside", "outside"), ("to", "from")]
# Shares of a whole, each against the noun it counts, largest first: a statement may give less than the passage
# ("some of the cases" for "most of them"), not more ("all the doses" for "only half the doses", "all of the
# cases" for "most"), and "half" is no "most" nor "none" any other.
_SHARES = {"all": 4, "most": 3, "half": 2, "some": 1, "none": 0}
# Verbs that multiply, bounded as numbers are: "more than doubled", "nearly doubled".
_MULTIPLIERS = {"double", "triple", "quadruple", "halve"}
_OPPOSITE: dict[str, set[str]] = {}
for _a, _b in _PAIRS:
    _OPPOSITE.setdefault(_a, set()).add(_b)
    _OPPOSITE.setdefault(_b, set()).add(_a)
# Bounds of a number: "more than 10", "over 10" and "at least 10" say the same; "fewer than", "under", "at most"
# the opposite ("at least"/"at most" turn "least"/"most" round).
_UPPER = {"more", "over", "above", "greater", "higher", "least"}
_LOWER = {"less", "fewer", "under", "below", "lower", "most", "nearly", "almost"}
# For and against, compared on the same verb only: "voted for the plan" where the passage says "voted against".
_SIDES = {"for", "against"}
# Where a change starts and ends, compared on the same number only: "fell to 4.0% from 3.3%" where the passage
# says "fell to 3.3% from 4.0%".
_ENDS = {"to", "from"}
_WHEN = {"before", "after", "earlier", "later"}
# Words that order by a span of time from the story's own events, read as "after"/"before" where they count one:
# "got engaged two years later" orders as "two years after", "the following year" as "the year after".
_SPAN_ORDER = {"later": "after", "earlier": "before", "following": "after", "next": "after",
               "previous": "before", "prior": "before", "before": "before", "after": "after"}
_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century"}
_NEGATORS = {"no", "not", "n't", "never"}
_CONTENT = {"NOUN", "PROPN", "NUM", "PRON", "ADJ", "ADV"}


def _key(t: Token) -> str:
    """A word as an event: its lemma, a verbal noun as its verb ("the stabbing" is "stab")."""
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        base = lemma[:-3]
        base = base[:-1] if base[-1] == base[-2] else base
        for verb in (base, base + "e"):
            if verb in verb_bases():
                return verb
    return lemma


def _number(t: Token) -> str:
    return t.text.replace(",", "").lower()


def _against(t: Token) -> tuple[str, ...] | None:
    """What the word of comparison ``t`` compares: the number it bounds, what follows its "than", the two events
    its "before"/"after" orders, or the word it modifies; None when the parse does not say."""
    doc = t.doc
    if t.dep_ == "advmod" and t.head.lemma_.lower() in _MULTIPLIERS and (t.lower_ in _UPPER or t.lower_ in _LOWER):
        return ("number", t.head.lemma_.lower())  # "more than doubled", "nearly doubled"
    if t.lower_ in _SHARES and (share := _share(t)) is not None:
        return share
    than = next((u for u in doc[t.i + 1 : t.i + 4] if u.lower_ == "than"), None)
    if than is not None:
        what = next((w for w in doc[than.i + 1 : than.i + 6] if w.pos_ in _CONTENT or w.like_num), None)
        if what is not None:
            return ("number", _number(what)) if what.like_num else ("than", what.lemma_.lower())
    if t.lower_ in _ENDS:
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        value = obj if obj is not None and obj.like_num else next(
            (c for c in obj.children if c.dep_ == "nummod" and c.like_num), None) if obj is not None else None
        return ("number", _number(value)) if t.dep_ == "prep" and value is not None else None
    if t.lower_ in _SIDES:
        return ("side", t.head.lemma_.lower()) if t.dep_ == "prep" and t.head.pos_ == "VERB" else None
    if t.lower_ in ("over", "under", "above", "below", "least", "most", "nearly", "almost") and (
            t.head.like_num or (t.i + 1 < len(doc) and doc[t.i + 1].like_num)):
        return ("number", _number(t.head if t.head.like_num else doc[t.i + 1]))
    if t.lower_ in _WHEN:
        # The event it orders the rest by (which the parser hangs where it can: "the official number ... was" and a
        # verbless "the official number ..." after the same "After the clashes"); told the other way round, the
        # other event is the one ordered by ("talks broke down before the drivers walked out").
        if t.dep_ == "mark":  # "walked out after talks broke down"
            return ("when", _key(t.head))
        obj = next((c for c in t.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:  # "the week before 12 February", "after the quake"
            return ("when", _key(obj))
    if t.lower_ in _LEVELS and t.dep_ in ("prep", "mark") and t.head.i != t.i:
        # "above analysts' expectations", "below what analysts had expected", "below the 1.5 billion analysts had
        # expected" (the parser makes the "below" a clause's mark): what it is measured against, by its root word
        obj = next((c for c in t.children if c.dep_ in ("pobj", "pcomp")), None) if t.dep_ == "prep" else t.head
        if obj is not None and not obj.like_num and obj.pos_ in ("NOUN", "VERB"):
            return ("level", min(forms(obj.text, obj.lemma_), key=len))
    if t.dep_ in ("amod", "advmod") and t.head.i != t.i:  # "more congested", "lower-magnitude aftershocks"
        head = t.head
        if t.lower_ in _WHEN and head.pos_ == "ADV" and head.dep_ == "advmod" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # ("earlier allegedly wrote": hung on the adverb beside it, it orders the verb)
        return ("of", head.lemma_.lower())
    if t.dep_ == "acomp":  # "B.B. King is much better": the verb and its subject
        subject = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return ("is", t.head.lemma_.lower(), subject.lemma_.lower() if subject is not None else "")
    return None


# Words that place a value against a level or a band ("above expectations", "within the target band").
_LEVELS = frozenset({"above", "below", "within", "inside", "outside"})


def _value(t: Token) -> float | None:
    values = lexical.number_values(t.text)
    try:
        return float(next(iter(values))) if len(values) == 1 else None
    except ValueError:
        return None


def _counted_share(t: Token) -> _Comparison | None:
    """A share given as a count of a counted whole, "eight of the 11 economists", or as a percentage, "60% of the
    cost", read as the share it is ("most") and kept exact: "three of the 11 economists" is another share of the
    same whole."""
    percent = t.lower_ in ("%", "percent", "per cent")
    if not (t.like_num or percent):
        return None
    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None
    n: float | None
    m: float | None
    if percent:  # "60% of the cost"
        number = next((c for c in t.children if c.dep_ == "nummod"), None)
        n, m = (_value(number) if number is not None else None), 100.0
    else:  # "eight of the 11 economists"
        whole = next((c for c in noun.children if c.dep_ == "nummod"), None) if noun is not None else None
        n, m = _value(t), _value(whole) if whole is not None else None
    if noun is None or n is None or m is None or not 0 <= n <= m or any(
            u.lower_ in _BOUNDS for u in t.doc[max(t.i - 4, 0) : t.i]):
        return None  # (a bound, "fewer than 10% of trains", gives no share)
    shown = f"{n:g}%" if percent else f"{n:g} of {m:g}"
    word = "all" if n == m else "none" if n == 0 else "most" if 2 * n > m else "half" if 2 * n == m else "some"
    return _Comparison(word, _whole(noun), frozenset(), counted=(n, m), shown=shown)


# Words that bound a number rather than give it.
_BOUNDS = {"than", "over", "under", "nearly", "almost", "about", "around", "roughly", "least", "most", "up", "above",
           "below"}


def _whole(noun: Token) -> tuple[str, str, str]:
    """A share's whole: its noun and the verb of a clause that picks out a part of it ("the trains that ran" is
    not "trains"; "the doses it requested" is "the doses it requested")."""
    clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl")), None)
    return ("share", noun.lemma_.lower(), clause.lemma_.lower() if clause is not None else "")


def _share(t: Token) -> tuple[str, ...] | None:
    """What a share counts: the noun it determines ("all the doses", "only half the doses") or its "of" names ("most
    of the cases"); None for a pronoun ("most of them": read by the words beside it) or anything else."""
    if t.dep_ in ("predet", "det", "nummod", "amod") and t.head.pos_ == "NOUN":
        return _whole(t.head)
    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return _whole(noun) if noun is not None and noun.pos_ == "NOUN" else None


def _direction(word: str, against: tuple[str, ...]) -> str | None:
    if against[0] == "number":
        return "up" if word in _UPPER else "down" if word in _LOWER else None
    return None


class _Comparison(NamedTuple):
    word: str
    against: tuple[str, ...] | None
    beside: frozenset[str]  # the words either side of it, lower-cased
    span: tuple[str, str] | None = None  # an order's span of time: ("year", "two") in "two years later"
    event: frozenset[str] = frozenset()  # an order's words after it ("after Jason Chan, its manager, boasted")
    ordered: str = ""  # the verb an order orders: "walk" in "walked out after talks broke down"
    counted: tuple[float, float] | None = None  # a share given as a count: (8, 11) in "eight of the 11 economists"
    shown: str = ""  # that share as the reasons show it: "8 of 11", "60%"


# What tells that a verb's event came after the one before it: "then ate", "later joined", "went on to join".
_NEXT = {"then", "later", "subsequently", "afterwards", "afterward", "eventually"}


def _sequences(units: list[Unit], told: set[int]) -> list[_Comparison]:
    """The orders a passage tells by sequence, as the "after" they say: "He retired in 1997 and went on to join the
    Reserves" orders "join" after "retire"; "Barnes stabbed her. The couple then ate at a restaurant" orders "eat"
    after "stab" (the sentence before, from the passage's context). Only the orders of the units in ``told`` (by
    id), the passage's own."""
    out = []
    previous: Token | None = None
    for u in units:
        if u.doc is None:
            continue
        for t in u.doc:
            if t.pos_ != "VERB":
                continue
            go_on = t.dep_ in ("xcomp", "advcl") and t.head.lemma_ == "go" and any(
                c.lower_ == "on" for c in t.head.children)
            marked = go_on or any(c.lower_ in _NEXT and c.dep_ == "advmod" for c in t.children)
            if not marked:
                continue
            clause = t.head if go_on else t
            before = clause.head if clause.dep_ == "conj" and clause.head.pos_ == "VERB" else (
                previous if clause.dep_ == "ROOT" or clause.dep_ == "ccomp" and clause.head.dep_ == "ROOT" else None)
            if before is not None and id(u) in told:
                out.append(_Comparison("after", ("when", _key(before)), frozenset(), None, frozenset({_key(before)}),
                                       _key(t)))
        # (the last event the unit tells: its last sentence's verb, or the last verb joined to it: "drove back
        # and stabbed her")
        last = list(u.doc.sents)[-1].root if len(u.doc) else None
        while last is not None:
            joined = [c for c in last.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            if not joined:
                break
            last = joined[-1]
        previous = last if last is not None and last.pos_ == "VERB" else None
    return out


def _span(t: Token) -> tuple[str, str] | None:
    """The span of time an order counts, its unit and number: "two years later", "six hours after launch", "the
    following year", "the year before their fight"; None when it counts none."""
    doc = t.doc
    if t.lower_ in ("following", "next", "previous", "prior") and t.dep_ == "amod" and t.head.lemma_ in _UNITS:
        return (t.head.lemma_, "")
    if t.i > 0 and doc[t.i - 1].lemma_.lower() in _UNITS:
        unit = doc[t.i - 1]
        number = doc[unit.i - 1] if unit.i > 0 and doc[unit.i - 1].like_num else None
        return (unit.lemma_.lower(), number.lower_ if number is not None else "")
    return None


def _ordered(t: Token) -> str:
    """The verb an order orders: by an event told with a verb ("walk" in "walked out after talks broke down"), the
    verb the event's clause hangs on, empty when the event is a noun ("after the quake") or the parser hung the
    order on its own event ("had the scan, last month after his owner ... noticed a lump"); by a span of time
    ("two days later, the government declared"), the verb it modifies."""
    if t.lower_ in ("before", "after"):
        event = t.head if t.dep_ == "mark" else next((c for c in t.children if c.dep_ in ("pobj", "pcomp")), None)
        if event is None or event.pos_ not in ("VERB", "AUX"):
            return ""
        h = event.head
    else:
        event, h = None, t.head
    for _ in range(3):
        if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
            break
        h = h.head
    return _key(h) if h.pos_ in ("VERB", "AUX") and (event is None or h.i != event.i) else ""


def _event(t: Token) -> frozenset[str]:
    """The content words of the few words after an order's "before"/"after", up to the clause's end or the verb
    it orders: what it orders by, read as words because the parser may hang a long subject's verb elsewhere."""
    out = set()
    verb = False
    above = set(t.ancestors)  # (the clause it orders: "After the presentation Ian Wright will travel")
    for u in t.doc[t.i + 1 : t.i + 9]:
        if u.is_sent_start or u.text in ";:" or u.lower_ in ("and", "but") or (verb and u.text == ",") or u in above:
            break
        verb = verb or u.pos_ == "VERB"
        if u.pos_ in ("NOUN", "PROPN", "VERB", "NUM"):
            out.add(_key(u))
    return frozenset(out)


def _comparisons(docs: Iterable[Iterable[Token]]) -> list[_Comparison]:
    out = []
    for doc in docs:
        for t in doc:
            if (counted := _counted_share(t)) is not None:
                out.append(counted)
                continue
            word = t.lower_
            span = _span(t) if word in _SPAN_ORDER else None
            if span is not None:
                word = _SPAN_ORDER[word]
            elif word not in _OPPOSITE and word not in _LOWER and word not in _SHARES:
                continue
            if t.i > 0 and t.doc[t.i - 1].lower_ in _NEGATORS:
                continue  # "no more than", "not before": a bound or an order denied
            against = _against(t)
            if (word in _SIDES or word in _ENDS) and against is None:
                continue  # ("for" and "against" anywhere else compare nothing: "tickets for", "a case against")
            if word in _SHARES and word != "most" and against is None:
                continue  # ("after all", "some say": a share of nothing)
            beside = frozenset(u.lower_ for u in (t.nbor(-1) if t.i > 0 else None,
                                                  t.nbor(1) if t.i + 1 < len(t.doc) else None)
                               if u is not None and not u.is_punct)
            order = word in ("before", "after")
            out.append(_Comparison(word, against, beside, span, _event(t) if t.lower_ in ("before", "after") else
                                   frozenset(), _ordered(t) if order else ""))
    return out


# What a comparison is with, read weakly: the word it modifies or the verb it completes, which the parser may hang
# elsewhere in a paraphrase ("Later in the war" on "in", "Earlier in the war, Ankara colluded" on the verb).
_WEAK = ("of", "is")


def _same_thing(a: _Comparison, b: _Comparison) -> bool:
    if a.against is not None and a.against == b.against:
        return True
    if a.span is not None and a.span == b.span:
        return True  # "two years after they met" and "got engaged two years later"
    if a.against and b.against and a.against[0] == b.against[0] == "when" and (
            a.against[1] in b.event or b.against[1] in a.event):
        return True  # the same event, which the parser hung on another word of it
    weak = all(x.against is None or x.against[0] in _WEAK for x in (a, b))
    return weak and bool(a.beside & b.beside)


def _converse(a: _Comparison, b: _Comparison) -> bool:
    """Two orders of the same two events told the other way round: "A hours after B" and "B hours after A", where
    the one's event is the other's ordered verb ("the storm hit two days before the government declared an
    emergency" and "two days later, the government declared an emergency")."""
    if not (a.ordered and b.ordered) or a.ordered == b.ordered:
        return False
    ak = a.against[1] if a.against and a.against[0] == "when" else None
    bk = b.against[1] if b.against and b.against[0] == "when" else None
    return ak == b.ordered or bk == a.ordered or a.ordered in b.event or b.ordered in a.event


def _opposed(a: str, b: str, against: tuple[str, ...] | None) -> bool:
    da, db = (_direction(a, against), _direction(b, against)) if against else (None, None)
    if da is not None and db is not None:
        return da != db
    return b in _OPPOSITE.get(a, set())


def _agree(a: str, b: str, against: tuple[str, ...] | None) -> bool:
    da, db = (_direction(a, against), _direction(b, against)) if against else (None, None)
    return a == b or (da is not None and da == db)


def _told(x: _Comparison) -> str:
    """An order in words: '"take" after "kill"', '"declare" after the event before it'."""
    by = f"\"{x.against[1]}\"" if x.against and x.against[0] == "when" else (
        "the event before it" if x.word == "after" else "the event after it")
    return f"\"{x.ordered}\" {x.word} {by}"


def _overstated(mine: str, theirs: str) -> bool:
    """Whether the share ``mine`` says more than, or other than, the passage's ``theirs``."""
    return mine != theirs and ("none" in (mine, theirs) or _SHARES[mine] > _SHARES[theirs]
                               or mine == "half" and _SHARES[theirs] > _SHARES["half"])


def _says(a: _Comparison, b: _Comparison) -> bool | None:
    """Whether comparison ``a`` says what ``b`` says (True), the opposite (False), or compares something else
    (None). A converse order says the same with the opposite word: "B before A" for "A after B"."""
    if _converse(a, b):
        return a.word != b.word
    if not _same_thing(a, b):
        return None
    if a.counted and b.counted and a.counted[1] == b.counted[1]:
        return a.counted == b.counted  # ("three of the 11 economists" where the passage counts eight of them)
    if a.word in _SHARES and b.word in _SHARES:
        return not _overstated(a.word, b.word)
    if _agree(a.word, b.word, a.against):
        return True
    return False if _opposed(a.word, b.word, a.against or b.against) else None


def turned_round(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A comparison of the statement the passage makes the other way round, of the same thing, and nowhere the
    same way."""
    if statement.doc is None:
        return
    mine = _comparisons([statement.doc])
    if not mine:
        return
    theirs = _comparisons(u.doc for u in p.units if u.doc is not None)
    if any(c.word in ("before", "after") for c in mine):
        around = sorted({id(u): u for u in [*p.units, *p.context]}.values(), key=lambda u: u.start)
        theirs += [d for d in _sequences(around, {id(u) for u in p.units}) if d.ordered]
    for c in mine:
        # (the same order told the same way round is read first: "imprisoned after he held his wife" is not the
        # converse of "fortunes took a turn after he was imprisoned", which shares one of its events)
        related = [d for d in theirs if _same_thing(c, d) and not _converse(c, d)] or [
            d for d in theirs if _converse(c, d)]
        says = [(d, _says(c, d)) for d in related]
        same = [d for d, s in says if s is True]
        other = [d for d, s in says if s is False]
        if other and not same and not any(_says(x, other[0]) is True for x in mine):
            d = other[0]
            if _converse(c, d):
                said = f"it has {_told(d)} where this has {_told(c)}"
            elif c.word in _ENDS and d.word in _ENDS and c.against:
                said = f"it has the change go {d.word} {c.against[1]}, where this has it go {c.word} it"
            elif c.word in _SHARES and d.word in _SHARES:
                given, told = (x.shown or x.word for x in (d, c))
                said = f"it has \"{given}\", which is not \"{told}\""
            else:
                said = f"it has \"{d.word}\" where this has \"{c.word}\""
            findings.append(Finding("negation", f"the source says the opposite: {said}"))
            return


# A change told with both its ends: "61%, up from 48%" (61 now, 48 before), "from 48% to 61%".
_NUMBER = r"(\d[\d,.]*\s?(?:%|per ?cent|percent)?)"
_NOW_FROM = re.compile(_NUMBER + r",?\s+(?:up|down|rising|falling|higher|lower|compared with|against)?\s*from\s+"
                       + _NUMBER)
_FROM_TO = re.compile(r"\bfrom\s+" + _NUMBER + r"\s+to\s+" + _NUMBER)


def _changes(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    """For each change a text tells with both ends: (where it went, where it came from), compared without spaces,
    commas and percent signs, and as written."""
    def norm(x: str) -> str:
        return re.sub(r"\s|,|per ?cent|percent|%", "", x) or x
    out = {(norm(m.group(1)), norm(m.group(2))): (m.group(1).strip(), m.group(2).strip())
           for m in _NOW_FROM.finditer(text)}
    out.update({(norm(m.group(2)), norm(m.group(1))): (m.group(2).strip(), m.group(1).strip())
                for m in _FROM_TO.finditer(text)})
    return out


def ends_swapped(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A change whose two ends the statement swaps: "Turnout was 48%, down from 61%" where it "was 61%, up from 48%"
    (or "rose from 48% to 61%")."""
    mine = _changes(statement.text)
    if not mine or any(f.kind == "negation" for f in findings):
        return  # (nothing to compare, or the opposite already found: "fell from 61% to 48%" is "to"/"from" turned)
    theirs: dict[tuple[str, str], tuple[str, str]] = {}
    for u in p.units:
        theirs.update(_changes(u.text))
    for now, before in mine:
        if (before, now) in theirs and (now, before) not in theirs:
            went, came = theirs[(before, now)]
            findings.append(Finding("negation", f"the source says the opposite: it has the change go from {came} to "
                                    f"{went}, where this has it go from {went} to {came}"))
            return


# "a minority of the seats" where the passage counts "21 of the 37 seats": the count says which it is.
_MAJORITY = re.compile(r"(?i)\b(?:a|the)\s+(majority|minority)\s+of\s+(?:the\s+|its\s+|their\s+)?([a-z][\w-]*)")
_N_OF_M = re.compile(r"(?i)\b(\d[\d,]*)\s+(?:of|out of)\s+(?:the\s+|its\s+|their\s+|all\s+)?(\d[\d,]*)\s+([a-z][\w-]*)")
_LOSS = re.compile(r"(?i)\b(?:lost|lose|loses|losing|no longer|not|never)\b")


def majority_miscounted(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A statement that calls a share of something a majority (or a minority) where the passage counts that same
    something once ("holds 21 of the 37 seats"), and the count is the other (more than half is a majority; half is
    neither). Not a statement that loses or denies it ("lost their majority"), nor a passage that counts the thing
    twice (whose count is the statement's, the rules cannot tell)."""
    said = [(m.group(1).lower(), lexical.stem(m.group(2).lower())) for m in _MAJORITY.finditer(statement.text)]
    if len(said) != 1 or _LOSS.search(statement.text):
        return
    kind, noun = said[0]
    counts = [m for u in p.units for m in _N_OF_M.finditer(u.text) if lexical.stem(m.group(3).lower()) == noun]
    if len(counts) != 1:
        return
    m = counts[0]
    part, whole = (float(g.replace(",", "")) for g in m.groups()[:2])
    if not 0 < part < whole:
        return
    share = part / whole
    if (kind == "minority" and share > 0.5) or (kind == "majority" and share < 0.5):
        findings.append(Finding("number", f"the source counts {m.group(1)} of {m.group(2)} {m.group(3)}: "
                                f"{'more' if share > 0.5 else 'less'} than half, not a {kind}"))
