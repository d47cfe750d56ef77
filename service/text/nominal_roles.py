"""Who did what to whom, told by a noun rather than a verb: "victories over Holyfield" (Holyfield was the one
beaten), "Rovers ended City's run with a 2-1 win" (the win is Rovers'), "Kerry's condemnation of the government's
use of barrel bombs" (Kerry condemned it).

A statement clause whose verb no passage clause has ("beat", "won", "condemned") finds nothing to line up with in
``relations.align``; these checks compare it with the passage's nouns of the same event, and find the parties
exchanged where the statement has the one beaten win, or the thing condemned condemn its critic.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.text import names
from service.text.analysed import Analysed, Unit
from service.text.clauses import MODALS
from service.text.evidence import Finding, Passage
from service.text.lexical import stem
from service.text.relations import BEATING, DEFEATS, LOSING, VICTORIES, WINNING, Aligned, verb_token

if TYPE_CHECKING:
    from spacy.tokens import Token

    from service.text.clauses import Clause, Role

# How far back a bare "the defeat" may point to the contest it is the outcome of (sentences: a match report names
# the result in its lead and comes back to "the defeat" after the account of the goals).
_REACH = 8
# The prepositions that give what an event noun is done to ("condemnation of X", "attack on X").
_DONE_TO = frozenset({"of", "on", "against"})


@dataclass(frozen=True)
class Contest:
    """A noun of a contest's outcome and the parties it gives: who won, who was beaten."""

    word: str  # the noun as written ("win", "victories", "defeat")
    winners: tuple[names.Mention, ...]
    beaten: tuple[names.Mention, ...]
    here: tuple[names.Mention, ...] = ()  # the names of the sentence it is told in (who else took part)


def exchanged_in_nouns(src: Analysed, statement: Unit, p: Passage, aligned: Aligned, focus: tuple[int, int],
                       findings: list[Finding]) -> None:
    """A statement clause that lines up with no passage clause, whose parties a noun of the passage within
    ``focus`` has the other way round: the one it has winning is the one the passage's win is over, or not the
    one the win is given to ("City won 2-1" where Rovers "ended City's run with a 2-1 win"); or the one it has
    acting on the other is the one the passage's event noun is done to, by the party it has acted on."""
    if any(f.kind == "role" for f in findings):
        return
    done = {id(c) for c, _ in aligned}
    # (the passage's contests only for a statement that speaks of winning, beating or losing)
    contests = list(_contests(src, p, focus)) \
        if any(c.pred & (BEATING | WINNING | LOSING) for c in statement.clauses) else []
    for c in statement.clauses:
        if id(c) in done or c.agent is None or c.negated:
            continue
        if contests and (wrong := _won_otherwise(src, c, contests)):
            findings.append(Finding("role", f"who did what to whom is exchanged: {wrong}"))
            return
        for u in p.units:
            for t in u.doc or ():
                if not focus[0] <= u.start + t.idx < focus[1] or t.pos_ != "NOUN":
                    continue
                if c.patient is not None and _names_event(t, c):
                    crossed = _crossed(src, u, t, c.agent, c.patient)
                    if crossed is not None:
                        findings.append(Finding("role", f"who did what to whom is exchanged: in the source "
                                                f"\u201c{crossed}\u201d"))
                        return


def won_told_by_noun(src: Analysed, statement: Unit, p: Passage) -> set[int]:
    """The statement's verbs of beating or losing that the passage tells with its noun of a win ("Harbour Rovers
    beat Northgate City" for "Harbour Rovers ended Northgate City's unbeaten run with a 2-1 win", "Portugal lost"
    for "Spain's victory over Portugal"): where the one the statement has winning is the win's, or the one beaten
    the one it is over, the verb is no missing content word (``exchanged_in_nouns`` rejects it the other way
    round)."""
    if not any(c.pred & (BEATING | LOSING) for c in statement.clauses):
        return set()
    contests = list(_contests(src, p, (0, len(src.text) + 1)))
    out: set[int] = set()
    for c in statement.clauses:
        if c.agent is None or c.negated:
            continue
        # (the one beating the winner, and the one beaten the beaten one where the contest names it: "Bowe beat
        # Lennox Lewis" is not told by "Bowe's victory over Holyfield ... watched by ... Lennox Lewis")
        if c.pred & BEATING and any(
                (_among(src, c.agent, k.winners) or not k.winners)
                and (c.patient is None or _among(src, c.patient, k.beaten) or not k.beaten)
                and (k.winners or k.beaten) for k in contests) \
                or c.pred & LOSING and any(_among(src, c.agent, k.beaten) for k in contests):
            out.add(c.verb)
    return out


def only_wanted(src: Analysed, statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A win or a defeat the statement says happened ("Northgate City beat Harbour Rovers") where the passage has
    it only wanted, hoped for or to come ("Northgate City need a win over Harbour Rovers on Saturday") and tells of
    no contest that was had."""
    def had(c: Clause) -> bool:  # (not "need to beat them", "could beat them": the statement's own is to come)
        t = verb_token([statement], c)
        return t is not None and not _unrealised(t)

    if not any(c.pred & (BEATING | WINNING | LOSING) and not c.negated and had(c) for c in statement.clauses):
        return
    nouns = [t for u in p.units for t in u.doc or () if t.pos_ == "NOUN" and t.lemma_.lower() in VICTORIES | DEFEATS]
    if any(_unrealised(t) for t in nouns) and not any(_contests(src, p, (0, len(src.text) + 1))):
        findings.append(Finding("certainty", "the source says only that a win is wanted, hoped for or to come; "
                                             "this says it happened"))


def told_by_event_noun(src: Analysed, statement: Unit, p: Passage) -> set[int]:
    """The statement's verbs the passage tells with a noun of the event, with the same doer and the same thing it
    is done to ("Germany criticised the blockade" for "Germany's criticism of the blockade"): no missing content
    words (``exchanged_in_nouns`` rejects the parties the other way round)."""
    out: set[int] = set()
    for c in statement.clauses:
        if c.agent is None or c.patient is None or c.negated:
            continue
        for u in p.units:
            for t in u.doc or ():
                if t.pos_ == "NOUN" and _names_event(t, c) and _crossed(src, u, t, c.patient, c.agent) is not None:
                    out.add(c.verb)
    return out


def _won_otherwise(src: Analysed, c: Clause, contests: list[Contest]) -> str:
    """How a statement clause of winning, beating or losing has the parties of the passage's contests the other way
    round, in plain words; "" where it does not. Where the passage tells of several contests, a party is judged by
    what it did in any of them ("City won" is not wrong where Rovers won one match and City another): the statement's
    winner must be beaten and no winner anywhere. A contest told with its winner alone ("Rovers ended City's run
    with a 2-1 win") decides for another party only where it is the passage's one contest."""
    assert c.agent is not None
    won = [m for k in contests for m in k.winners]
    lost = [m for k in contests for m in k.beaten]
    one = len(contests) == 1
    if c.pred & BEATING:
        if _among(src, c.agent, won) is not None:
            return ""
        if (m := _among(src, c.agent, lost)) is not None:
            return f"in the source \u201c{m.text}\u201d is the one beaten (\u201c{_word(contests, m)}\u201d)"
        if c.patient is not None and (m := _among(src, c.patient, won)) is not None and one \
                and _among(src, c.patient, lost) is None and _among(src, c.agent, contests[0].here) is not None:
            return f"in the source \u201c{m.text}\u201d is the one that won (\u201c{contests[0].word}\u201d)"
        # ("Lee defeated Chen" where "Lee hailed Tan's victory over Chen")
        for k in contests:
            if c.patient is not None and k.winners and _among(src, c.patient, k.beaten) is not None \
                    and _among(src, c.agent, k.here) is not None:
                return f"in the source \u201c{k.winners[0].text}\u201d is the one that won (\u201c{k.word}\u201d)"
    elif c.pred & WINNING and _keys(c.agent) and _among(src, c.agent, won) is None:
        if (m := _among(src, c.agent, lost)) is not None:
            return f"in the source \u201c{m.text}\u201d is the one beaten (\u201c{_word(contests, m)}\u201d)"
        if one and contests[0].winners and _among(src, c.agent, contests[0].here) is not None:
            k = contests[0]
            return f"in the source \u201c{k.winners[0].text}\u201d is the one that won (\u201c{k.word}\u201d)"
    elif c.pred & LOSING and (m := _among(src, c.agent, won)) is not None \
            and _among(src, c.agent, lost) is None:
        return f"in the source \u201c{m.text}\u201d is the one that won (\u201c{_word(contests, m)}\u201d)"
    return ""


def _word(contests: list[Contest], m: names.Mention) -> str:
    """The noun of the contest a party is named in."""
    return next((k.word for k in contests if m in k.winners or m in k.beaten), contests[0].word)


def _contests(src: Analysed, p: Passage, focus: tuple[int, int]) -> Iterator[Contest]:
    """The contests the passage's nouns of an outcome give, within ``focus``; a bare "the defeat" or "the win"
    ("The defeat leaves City top of the table") is the one the sentences before told of with its parties."""
    for u in p.units:
        for t in u.doc or ():
            if t.pos_ != "NOUN" or not focus[0] <= u.start + t.idx < focus[1]:
                continue
            contest = _contest(src, u, t)
            if contest is None:
                continue
            if not (contest.winners or contest.beaten) \
                    and any(x.dep_ == "det" and x.lower_ in ("the", "this", "that") for x in t.children):
                before = [v for v in src.units if v.end <= u.start][-_REACH:]
                told = next((k for v in reversed(before) for x in reversed(list(v.doc or ()))
                             if x.pos_ == "NOUN" and (k := _contest(src, v, x)) is not None
                             and (k.winners or k.beaten)), None)
                if told is not None:
                    contest = Contest(t.text, told.winners, told.beaten, told.here)
            # (one whose parties the parse does not give still counts: another contest than the one told)
            yield contest


def _contest(src: Analysed, u: Unit, t: Token) -> Contest | None:
    """The contest a noun of an outcome gives: a win is its owner's ("Rovers' win"), for whom it is ("a win for
    Rovers"), whom a verb gives it to ("Okafor gave Rovers a win"), or the subject's of a verb of achieving it
    ("Rovers secured a win") or of the verb it comes with ("Rovers ended City's run with a win"); it is over whom
    it is ("victories over Holyfield"). A defeat is its owner's, unless it is "of" another ("Wellington's defeat of
    Napoleon"), and "to" or "by" whom ("City's loss to Rovers"); one inflicted is the inflicter's win "on" the
    other. None for another noun, one denied ("no win"), one not (yet) had ("need a win", "hopes of a win", "to
    secure a win"), or a past one ("last season's defeat")."""
    lemma = t.lemma_.lower()
    if lemma not in VICTORIES | DEFEATS or any(
            x.dep_ == "neg" or x.lower_ == "no" for x in (*t.children, *t.head.children)) \
            or _unrealised(t) or any(x.lower_ in _PAST for x in t.subtree if x.i < t.i):
        return None
    # (a name on the noun is its owner too: "a Republican win", "a Rovers victory")
    owners = [x for x in t.children if x.dep_ == "poss" or (x.dep_ in ("amod", "compound") and x.pos_ == "PROPN"
                                                            or x.dep_ == "amod" and x.ent_type_ == "NORP")]
    by_prep = {x.lower_: [o for o in x.children if o.dep_ == "pobj"] for x in t.children if x.dep_ == "prep"}
    verb, subjects, given = _verb_of(t)
    winners: list[Token]
    beaten: list[Token]
    if lemma in VICTORIES:
        winners = owners + by_prep.get("for", []) + given + ([] if owners or given else subjects)
        beaten = list(by_prep.get("over", []))
    elif verb is not None and verb.lemma_.lower() in _INFLICTING:
        on = [o for x in (*t.children, *verb.children) if x.dep_ == "prep" and x.lower_ == "on"
              for o in x.children if o.dep_ == "pobj"]
        winners, beaten = subjects, on + given
    elif "of" in by_prep and lemma == "defeat":
        winners, beaten = owners + ([] if owners else subjects), by_prep["of"]
    else:
        winners = by_prep.get("to", []) + by_prep.get("by", [])
        beaten = owners + by_prep.get("for", []) + given + ([] if owners or given else subjects)
    won = [m for x in winners if (m := _mention(u, x)) is not None]
    lost = [m for x in beaten if (m := _mention(u, x)) is not None]
    if lemma in VICTORIES:
        lost += _joined_after(src, u, t, by_prep.get("over", []), lost)
    return Contest(t.text, tuple(won), tuple(lost), tuple(u.mentions))


# Words before a noun of an outcome that make it an earlier contest ("last season's defeat").
_PAST = frozenset({"last", "previous", "earlier", "former", "past"})
# Words above a noun of an outcome that make it one not had: wanted, hoped for, sought.
_HOPING = frozenset({"need", "hope", "chance", "bid", "search", "quest", "seek", "want", "aim", "target", "push",
                     "chase", "pursuit", "require", "dream", "possibility", "prospect", "hunt", "fight", "battle",
                     "look", "eye", "go"})
# Verbs of achieving a win: their subject won ("secured a win", "notched up victories").
_ACHIEVING = frozenset({"secure", "clinch", "record", "claim", "earn", "seal", "notch", "motch", "register", "score",
                        "achieve", "post", "grab", "snatch", "take", "win", "get", "celebrate", "complete", "land",
                        "pick", "collect", "enjoy", "mark", "chalk", "rack", "have", "end", "finish", "start", "open",
                        "extend", "continue", "make", "produce", "deliver", "pull", "steal", "gain", "sweep",
                        "suffer", "sustain", "endure", "concede"})
# Verbs that give the other side a defeat ("inflicted a 3-0 defeat on City", "handed City a defeat").
_INFLICTING = frozenset({"inflict", "hand", "deal", "deliver", "give"})


def _unrealised(t: Token) -> bool:
    """Whether a noun of an outcome (or a verb of winning) is one wanted, hoped for or to come: under a word of
    hoping or seeking ("need a win", "hopes of a win", "in search of a win"), a modal ("could claim a win", "could
    beat them") or an infinitive ("to secure a win", "need to beat them"), itself or within three steps up."""
    if _to_come(t):
        return True
    x = t
    for _ in range(3):
        if x.head.i == x.i:
            break
        x = x.head
        if x.lemma_.lower() in _HOPING or _to_come(x):
            return True
    return False


def _to_come(x: Token) -> bool:
    """A verb with a modal or "to" of its own."""
    return x.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and (a.lower_ in MODALS or a.lower_ == "to")
                                             for a in x.children)


def _verb_of(t: Token) -> tuple[Token | None, list[Token], list[Token]]:
    """The verb a noun of an outcome is the object of or comes with, that verb's subjects where it is one of
    achieving or the noun comes "with" it ("Rovers secured a win", "Rovers ended City's run with a win", where the
    parser may hang "with a win" on the object), and whom it gives the noun to ("gave Rovers a win")."""
    with_ = t.dep_ == "pobj" and t.head.lower_ == "with"
    verb = t.head if t.dep_ == "dobj" else t.head.head if with_ else None
    if verb is not None and verb.dep_ == "dobj" and verb.pos_ == "NOUN":
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None, [], []
    # (the party given it: a dative, or a second object the parser made of it: "earned Harbour Rovers a 1-0 win")
    given = [x for x in verb.children if x.dep_ in ("dative", "iobj") or (x.dep_ == "dobj" and x.i != t.i
                                                                          and x.pos_ == "PROPN")]
    achieving = with_ or verb.lemma_.lower() in _ACHIEVING or verb.lemma_.lower() in _INFLICTING
    subjects = [x for x in verb.children if x.dep_ == "nsubj"] if achieving and not given else []
    return verb, subjects, given


def _joined_after(src: Analysed, u: Unit, victory: Token, objects: list[Token],
                  first: list[names.Mention]) -> list[names.Mention]:
    """The persons joined to what a win is over, where the parser hung them on another phrase of the clause
    ("victories over Holyfield in 1992 at Caesars Palace and Andrew Golota": a person joined to anything after
    "over" in the clause, when the first one beaten is a person too)."""
    if not objects or not first:
        return []
    obj = objects[0]
    clause = victory.head if victory.dep_ in ("dobj", "attr", "nsubj", "pobj") else victory
    return [m for x in clause.subtree if x.dep_ == "conj" and x.i > obj.i and (m := _mention(u, x)) is not None
            and (x.head.i == obj.i or src.kind(m) == src.kind(first[0]) == "person") and m not in first
            and not _through_a_verb(x, clause)]


def _through_a_verb(x: Token, top: Token) -> bool:
    """Whether a token hangs on ``top`` through another verb ("watched by a crowd that included Mike Tyson")."""
    while x.head.i != x.i and x.i != top.i:
        x = x.head
        if x.i != top.i and x.pos_ in ("VERB", "AUX"):
            return True
    return False


def _among(src: Analysed, role: Role, parties: Sequence[names.Mention]) -> names.Mention | None:
    """The one of ``parties`` a role filler names, if any."""
    return next((m for m in parties for k in _keys(role) if names.same_party(src.expand(k), src.expand(m.keys))),
                None)


def _keys(role: Role) -> tuple[tuple[str, ...], ...]:
    """The name keys of a role filler: its head's name, or a name in it (a bare "City" the tagger left without an
    entity has the unit's name for it: ``analysed._named_roles``)."""
    return role.main or role.names


def _names_event(noun: Token, c: Clause) -> bool:
    """Whether a noun names the event of a clause's verb ("condemnation" of "condemned", "criticism" of
    "criticised", "attack" of "attacked"): its stem begins with the verb's, less a final "e" (not the doer:
    "attacker"; not a word that only shares a beginning: "protest" is not "protect")."""
    word = stem(noun.lemma_.lower())
    return any(len(v) >= 4 and (word == v or word.startswith(v.removesuffix("e"))) and word not in (
        v + "er", v + "r", v + "or") for v in c.pred)


def _crossed(src: Analysed, u: Unit, noun: Token, agent: Role, patient: Role) -> str | None:
    """The source's words where an event noun's doer ("Kerry's condemnation", "the arrest ... by federal agents")
    is the statement's one acted on and what it is done to ("of the government's use of barrel bombs", "of the
    mayor") the statement's one acting; None otherwise."""
    by = next((x for x in noun.children if x.dep_ == "poss"), None) or next(
        (o for x in noun.children if x.dep_ in ("prep", "agent") and x.lower_ == "by"
         for o in x.children if o.dep_ == "pobj"), None)
    target = next((o for x in noun.children if x.dep_ == "prep" and x.lower_ in _DONE_TO
                   for o in x.children if o.dep_ == "pobj"), None)
    if by is None or target is None or not _is(src, u, patient, by) or not _is(src, u, agent, target):
        return None
    # (from the doer's name when it comes first, "Kerry's condemnation of ...", else from the noun's own words, "the
    # arrest of the mayor by ...")
    doer = _mention(u, by)
    first = min([noun.i, *(x.i for x in noun.children if x.i < noun.i and x.dep_ in ("det", "amod", "compound"))])
    start = noun.doc[first].idx if by.i > noun.i else doer.start - u.start if doer is not None else by.idx
    last = noun.doc[max(by.i, target.i)]
    return noun.doc.text[start : last.idx + len(last.text)]


def _is(src: Analysed, u: Unit, role: Role, t: Token) -> bool:
    """Whether a role filler is the party a token of the passage names: the same name, or (no name) the same head
    word."""
    m = _mention(u, t)
    if m is None:
        return stem(t.lemma_.lower()) == role.head
    return any(names.same_party(src.expand(k), src.expand(m.keys)) for k in _keys(role))


def _mention(u: Unit, t: Token) -> names.Mention | None:
    """The name of the unit's that covers token ``t``."""
    at = u.start + t.idx
    return next((m for m in u.mentions if m.start <= at < m.end), None)
