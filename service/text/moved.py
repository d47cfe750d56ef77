"""A year, a count or a means of payment the passage gives one of its events, put on another.

Each is in the passage, so the number check (every number of the statement must be the passage's) passes it:
"Castellano was indicted in 2019" where he "was indicted in 2021 ... before the bank collapsed in 2019"; "Another
24,000 people were missing" where "Another 74 people were missing and more than 24,000 had been forced from their
homes"; "$4.2 billion in stock" where the deal is "in cash". The checks compare the statement clause's verb with
every verb of the passage of its predicate, the same party's, on the parse (``relations.align`` lines clauses up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.text.analysed import Unit, forms
from service.text.clauses import Clause, Role
from service.text.evidence import Finding, Passage, where
from service.text.facts import to_number
from service.text.relations import Aligned, fills, verb_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Prepositions of a span of time: a year they give bounds the event, it does not date it ("from 2003 to 2010").
_SPAN = frozenset({"from", "to", "between", "until", "till", "through", "since", "by", "before", "after", "during"})


def _year(t: Token) -> bool:
    return len(t.text) == 4 and t.text.isdigit() and t.text.startswith(("19", "20"))


def _years_on(verb: Token) -> set[str] | None:
    """The years a verb's own time phrases date it by ("was indicted in 2021", "in March 2019"), not those of a
    clause under it ("... before the bank collapsed in 2019") nor of a thing ("over a 2019 loan scheme"); None when
    a phrase gives a span ("served from 2003 to 2010")."""
    out: set[str] = set()
    for child in verb.children:
        if child.dep_ not in ("prep", "npadvmod"):
            continue
        before = verb.doc[child.i - 1] if child.i else None
        if before is not None and before.dep_ == "pobj" and before.head.i != verb.i:
            continue  # (a phrase after another's noun may be that noun's: "fined over emissions breaches in 2019")
        dates = [child] if child.dep_ == "npadvmod" else [k for k in child.children if k.dep_ == "pobj"]
        for date in dates:
            if date.ent_type_ != "DATE":
                continue
            years = [t.text for t in (date, *date.children) if _year(t)]
            if years and child.lower_ in _SPAN:
                return None
            out.update(years)
    return out


def _years_under(verb: Token) -> set[str]:
    """Every year in a verb's own phrases, however deep, not in a clause below it: "rose 5% in 2022 and 8% in 2023"
    has 2023 under "rose"; "down from 55 percent in 2019" 2019 under "was"."""
    out: set[str] = set()
    stack = list(verb.children)
    while stack:
        t = stack.pop()
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            continue
        if _year(t):
            out.add(t.text)
        stack.extend(t.children)
    return out


def _counts(doc: Doc) -> list[tuple[float, Token, bool]]:
    """Each number of a parse that counts a party of a verb: its value ("1.5 million" one number), the verb, and
    whether it is the verb's subject or object or counts one (not inside a phrase of a preposition: "compared with
    381", "including 20 children"). Not "one" ("one of the boys"), an age or another predicate ("was 16"), a score,
    dates, times or years, nor the groups after a separator of a number written "235 , 000". Read once per parse
    (kept with it)."""
    cached: list[tuple[float, Token, bool]] | None = doc.user_data.get("counts")
    if cached is not None:
        return cached
    out: list[tuple[float, Token, bool]] = []
    doc.user_data["counts"] = out
    for t in doc:
        if t.pos_ != "NUM" or t.ent_type_ in ("DATE", "TIME") or t.lower_ == "one" \
                or t.dep_ in ("attr", "acomp", "appos", "npadvmod") \
                or (t.dep_ in ("compound", "quantmod", "nummod") and t.head.pos_ == "NUM") \
                or (t.i > 1 and doc[t.i - 1].text == "," and doc[t.i - 2].like_num) or _scored(t):
            continue
        host, core = t.head, True
        # (a verb that is a preposition's word, "including", is a preposition)
        while (host.pos_ not in ("VERB", "AUX") or host.dep_ == "prep") and host.head.i != host.i:
            core = core and host.dep_ != "prep"
            host = host.head
        core = core and host.pos_ in ("VERB", "AUX")
        written, j = t.text, t.i
        while j + 2 < len(doc) and doc[j + 1].text == "," and doc[j + 2].text.isdigit() and len(doc[j + 2].text) == 3:
            written, j = written + doc[j + 2].text, j + 2
        value = to_number(written)
        scale = [k for k in t.children if k.dep_ in ("compound", "quantmod", "nummod") and k.pos_ == "NUM"]
        if value is not None and scale and t.lower_ in _SCALES and (by := to_number(scale[0].text)) is not None:
            value *= by  # "1.5 million"
        if value is not None:
            out.append((value, host, core))
    return out


_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


def _counts_on(verb: Token) -> set[float]:
    """The numbers that count a verb's own parties ("Another 74 people were missing": 74 for "missing")."""
    return {value for value, host, _ in _counts(verb.doc) if host.i == verb.i}


def _scored(t: Token) -> bool:
    """Part of a score or a range written with a dash ("running out 29-10 winners", "2,500-3,000")."""
    doc = t.doc
    return "-" in t.text or "\u2013" in t.text or any(
        0 <= k < len(doc) and doc[k].text in ("-", "\u2013") for k in (t.i - 1, t.i + 1))


def _someone_elses(r: Role) -> bool:
    """A description of a party by another's ("her challenger", "his rival"): not the party the statement names."""
    return r.text.lower().startswith(("her ", "his ", "their ", "its "))


def _same_verbs(statement: Unit, p: Passage, c: Clause) -> tuple[Token | None, list[Token]]:
    """The statement clause's verb, and every verb of the passage of its predicate ("fell 5% in 2020, rose 8% in
    2021 and fell 2% in 2023": both "fell")."""
    mine = verb_token([statement], c)
    # (not another party's: "Leite announced 2,000 homes" is not Lula's "announced 50 billion reais", "Maria Kovac
    # won 23,400 votes" not "her challenger won 18,200"; and a copula's by what it joins: "4,600 people were
    # missing" is not "4,600 were in public shelters")
    theirs = [t for d in p.clauses if c.pred & d.pred and (t := verb_token(p.units, d)) is not None
              and (c.agent is None or d.agent is None or fills(None, c.agent, d.agent)
                   or not c.agent.names or not d.agent.names and not _someone_elses(d.agent))]
    if mine is not None and mine.lemma_ == "be":
        joined = _told_of(mine)
        theirs = [t for t in theirs if _told_of(t) & joined]
    return mine, theirs


def number_moved(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    """A number of the passage put on another of its events: "Another 24,000 people were missing" where it says
    "Another 74 people were missing and more than 24,000 had been forced from their homes" (the number is in the
    passage, so the number check passes it)."""
    if not statement.quantities:
        return
    for c, _ in aligned:
        mine_verb, verbs = _same_verbs(statement, p, c)
        if mine_verb is None or not verbs or not (mine := _counts_on(mine_verb)):
            continue
        counted = [_counts_on(v) for v in verbs]
        if any(mine & theirs for theirs in counted) or not all(counted):
            continue
        # (each of the statement's numbers counts a party of another verb there, as its subject or object: not
        # "312 developed cancer, compared with 381 in the placebo group", where the 381 developed it too; and the
        # statement does not say what that verb says of them: "40 people were injured, and 12 were taken to
        # hospital" for "12 people were injured and taken to hospital")
        stated = {f for w in statement.words for f in w.forms}
        # (nor a verb under the same word the statement's is under: "plans to hire 800 more" for "plans to employ
        # 800 more people")
        governor = mine_verb.head.lemma_ if mine_verb.dep_ in ("xcomp", "ccomp") else None
        elsewhere = [(value, core, bool(_told_of(host) & stated) or (
                      governor is not None and host.dep_ in ("xcomp", "ccomp") and host.head.lemma_ == governor))
                     for u in p.units if u.doc is not None
                     for value, host, core in _counts(u.doc) if value in mine and host not in verbs]
        if elsewhere and all(core and not said for _, core, said in elsewhere) \
                and mine <= {value for value, _, _ in elsewhere}:
            their_verb = verbs[0]
            said = [k for k in their_verb.children if k.dep_ in ("acomp", "attr") and their_verb.lemma_ == "be"]
            told = " ".join(t.text for t in [their_verb, *said])
            findings.append(Finding("number", f"the {where(p)} counts {_figures(counted[0])} for \u201c{told}\u201d, "
                                    f"not {_figures(mine)}"))
            return


def _told_of(verb: Token) -> set[str]:
    """What a verb says of its subject, as word forms: the verb, or what a copula joins to it ("were electric",
    "were in the town of Ormoc")."""
    words = [verb] if verb.lemma_ != "be" else [
        t for k in verb.children if k.dep_ in ("acomp", "attr", "prep") for t in k.subtree
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")]
    return {f for t in words for f in forms(t.text, t.lemma_)}


def _figures(values: set[float]) -> str:
    return ", ".join(f"{v:,.0f}" if v == int(v) else f"{v:,}" for v in sorted(values))


def date_moved(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    """A year of the passage put on another of its events: "Castellano was indicted in 2019" where it says "was
    indicted in 2021 ... before the bank collapsed in 2019" (the year is in the passage, so the number check
    passes it). Not where any of the passage's verbs of the predicate has the year, or gives a span."""
    if not statement.years:
        return
    for c, _ in aligned:
        mine_verb, verbs = _same_verbs(statement, p, c)
        if mine_verb is None or not verbs or not (mine := _years_on(mine_verb)):
            continue
        dated = [_years_on(v) for v in verbs]
        if any(years is None or mine & years or mine & _years_under(v) for years, v in zip(dated, verbs, strict=True)) \
                or not any(dated):
            continue
        their_verb, theirs = next((v, years) for v, years in zip(verbs, dated, strict=True) if years)
        findings.append(Finding("date", f"the {where(p)} says \u201c{their_verb.text}\u201d in "
                                f"{', '.join(sorted(theirs))}, not in {', '.join(sorted(mine))}"))
        return


# How a sum is paid: "for $4.2 billion in cash" is not "in stock".
_PAID_IN = frozenset({"cash", "stock", "share", "equity", "debt", "bond", "kind", "loan", "grant"})
_SAME_MEANS = {"share": "stock", "equity": "stock"}  # ("$18 in shares" is "$18 in stock")


def _paid_in(doc: Doc) -> set[str]:
    """The means a sum of money is paid in: "in" after an amount ("$4.2 billion in cash and stock")."""
    out: set[str] = set()
    for t in doc:
        if t.dep_ == "pobj" and t.head.lower_ == "in" and t.lemma_.lower() in _PAID_IN \
                and (t.head.head.ent_type_ == "MONEY" or t.head.head.lower_ in ("payment", "deal", "offer")):
            out |= {t.lemma_.lower()} | {c.lemma_.lower() for c in t.conjuncts if c.lemma_.lower() in _PAID_IN}
    return {_SAME_MEANS.get(w, w) for w in out}


def paid_otherwise(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A sum paid in other means than the passage's: "$4.2 billion in stock" where it says "in cash"."""
    if statement.doc is None or not (mine := _paid_in(statement.doc)):
        return
    theirs = set().union(*(_paid_in(u.doc) for u in p.units if u.doc is not None))
    if theirs and not mine <= theirs:
        findings.append(Finding("negation", f"the {where(p)} says it is paid in {' and '.join(sorted(theirs))}, "
                                f"not in {' and '.join(sorted(mine - theirs))}"))
