"""Who did what to whom, and how firmly: the statement's clauses against its passage's.

Each statement clause is aligned with the passage clause of the same predicate that shares most of its roles;
then the roles must not be exchanged or filled by another party, the polarity must be the same, and what the
passage states only under a condition, a hedge or someone's attribution must not be stated flatly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from service.text import names
from service.text.analysed import PRONOUN_GENDER, Analysed, Unit, coarse
from service.text.atomic import coordinated_subject, referent
from service.text.clauses import HEDGE_ADV, HEDGE_AUX, MODALS, PROPOSING_STEMS, SPEECH, Clause, Role, hedging
from service.text.evidence import Finding, Passage, show, where
from service.text.lexical import stem

if TYPE_CHECKING:
    from spacy.tokens import Token

Aligned = list[tuple[Clause, Clause]]


def align(mine: Iterable[Clause], theirs: Sequence[Clause], focus: tuple[int, int] | None = None) -> Aligned:
    """Each statement clause with the support clause of the same predicate that shares most of its roles; within
    ``focus`` (a claim's quote) first, when given."""
    pairs = []
    mine = list(mine)
    for c in mine:
        best, best_score = None, 0.0
        for d in theirs:
            if c.pred & d.pred:
                s = 1.0
            elif c.speech and d.speech and not any(o.pred & d.pred for o in mine if o is not c) \
                    and (fills(None, c.agent, d.agent) or not _finds_a_thing(c)) \
                    and (c.patient is None or c.patient.referring == "clause"
                         or not any(c.pred & e.pred and (e.patient is None or fills(None, c.patient, e.patient))
                                    for e in theirs)):
                # "said" for "insisted": another verb of saying, preferred to the same verb of another speaker
                # (not a verb of saying the statement has as its own: in "Loeb said he and Vergara signed a form
                # stating ...", "said" is not the passage's "a form stating", which the statement's "stating" is;
                # and what shows or finds a thing is another's saying only if it is the same party's: "the study
                # found no evidence" for "the study says there is no evidence", not "the video showed airstrikes"
                # for another party's "adding"; nor a verb of saying with a thing for its object where the passage
                # has the same verb of that thing: "Leite promised emergency aid" is the passage's "Lula ... promised
                # ... aid", not Leite's "said"; but "Lula announced federal aid" is Lula's "promised federal aid",
                # not Haddad's "announced a credit line")
                s = 0.9 if fills(None, c.agent, d.agent) else 0.6

            else:
                continue
            if focus is not None and focus[0] <= d.verb < focus[1]:
                s += 1.0
            # A party in the same role counts more than one exchanged, so that of two clauses of the verb ("six
            # attempts to make contact were to be made") each lines up with its like.
            s += 0.3 * (fills(None, c.agent, d.agent) + fills(None, c.patient, d.patient)) \
                + 0.2 * (fills(None, c.agent, d.patient) + fills(None, c.patient, d.agent))
            if s > best_score:
                best, best_score = d, s
        if best is not None:
            pairs.append((c, best))
    return pairs


_COPULA = frozenset({"be"})


def roles(src: Analysed, statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    stated = {f for w in statement.words for f in w.forms} | {
        k for m in statement.mentions for k in src.expand(m.keys)}
    for c, d in aligned:
        # Exchanged: what the passage has acting is acted on here (or the reverse), and the roles that remain
        # do not match as they stand.
        # (A passage's passive with no agent, "the attack was aimed at ...", says nothing of who acted; an active
        # clause whose subject the parse leaves out, "proud to sign a law", says the law did not.)
        # A statement that has the passage's agentless passive's patient act on another party it names ("The Syrian
        # Army were killed ... by at least 5 Turkish personnel" for "At least 5 Turkish personnel were killed in the
        # strikes by the Syrian Army") makes the one acted on the one acting, whoever the passage leaves unsaid.
        crossed = (d.patient is not None and _crosses(src, c.agent, d.patient) and not fills(src, c.agent, d.agent)
                   and (d.agent is not None or not d.passive or _named_pair(c.agent, d.patient)
                        or _acts_on_another(src, c, d))) or \
                  (d.agent is not None and _crosses(src, c.patient, d.agent)
                   and not fills(src, c.patient, d.patient))
        straight = fills(src, c.agent, d.agent) or fills(src, c.patient, d.patient)
        # (a copula's two sides say the same thing either way round: "the main objectives are Hama and Idlib")
        exchanged = (crossed and not straight or (
            # Each role filled by the other's own party, by name or by head noun: "a Russian-Turkish meeting hosted
            # Ankara" for "Ankara hosted a Russian-Turkish meeting" (the meeting's modifier names no party of it).
            _itself(src, c.agent, d.patient) and _itself(src, c.patient, d.agent)
            and not (_itself(src, c.agent, d.agent) or _itself(src, c.patient, d.patient)))
        ) and not _COPULA & c.pred & d.pred
        if exchanged or _moved(src, c.agent, d.agent, d.patient) or _moved(src, c.patient, d.patient, d.agent):
            acting = show(d.agent) if d.agent else "another party"
            acted = show(d.patient) if d.patient else "another party"
            findings.append(Finding("role", f"who did what to whom is {'exchanged' if exchanged else 'changed'}: "
                                    f"in the source {acting} acts on {acted}"))
            continue
        if d.agent is None and d.passive and c.agent is not None and c.agent.names and not c.speech and not any(
                names.same_party(src.expand(k), src.expand(n.keys)) for k in c.agent.main or c.agent.names
                for n in p.mentions):
            # "a complaint filed by the Canadian Border Patrol" where the source has "a complaint filed in US
            # federal court": who acted, the passage does not say
            findings.append(Finding("role", f"the source does not say who acts here; this names {show(c.agent)}"))
            continue
        # (the passage's acting party told by a pronoun, "The WHO said it had sent the doses to Lagos", made the
        # other side: "Lagos sent the doses to the WHO")
        # (an acting party the statement names only by a description counts too: "A Greek buyer sold its tanker
        # division to Nordlys" for "It sold its tanker division to a Greek buyer", "it" being Nordlys)
        if c.agent is not None and c.agent.referring in ("name", "plain") and d.agent is not None \
                and d.agent.referring == "pronoun" \
                and (c.patient is None or d.patient is None or fills(src, c.patient, d.patient)) \
                and (party := _pronoun_party(src, d, p)) is not None \
                and not any(names.same_party(src.expand(k), src.expand(party)) for k in c.agent.main) \
                and _given_as_oblique(src, statement, c, (party,)):
            findings.append(Finding("role", f"who did what to whom is exchanged: in the source "
                                    f"\u201c{d.agent.text}\u201d ({' '.join(party).title()}) acts, not "
                                    f"{show(c.agent)}"))
            continue
        # (a pronoun that is its own clause's speaker, "The NHTSA said in February it had received 37 complaints":
        # "Veltra received 37 complaints" names another party)
        if c.agent is not None and c.agent.main and not c.speech and d.agent is not None \
                and d.agent.referring == "pronoun" and (party := _speaking_pronoun(src, d, p)) is not None \
                and _reported_of_itself(p, d) \
                and not any(names.same_party(src.expand(k), src.expand(party)) for k in c.agent.main):
            findings.append(Finding("role", f"the one acting is not who the source says: its \u201c{d.agent.text}"
                                    f"\u201d is {' '.join(party).title()}, who says it"))
            continue
        for mine, theirs, other, what in ((c.agent, d.agent, d.patient, "the one acting"),
                                          (c.patient, d.patient, d.agent, "the one acted on")):
            if mine is not None and theirs is not None and d.root and _named_after(src, mine, theirs, p):
                findings.append(Finding("role", f"{what} is not who the source says: its \u201c{theirs.text}\u201d "
                                        f"is someone else than {show(mine)}, whom its sentence names after it"))
                continue
            if what == "the one acting" and theirs is not None and not c.speech and not d.speech \
                    and _other_party_put(src, mine, theirs, p):
                findings.append(Finding("role", f"{what} is not who the source says: it names {show(theirs)}"))
                continue
            if mine is None or theirs is None or not mine.names \
                    or theirs.referring in ("pronoun", "definite", "clause"):
                continue
            # (words in common excuse a filler, unless both are named and neither's own name shares a word with a
            # name in the other: "Laviolette, a Canadian citizen" is not "Nathan Hall, a Canadian citizen")
            if fills(src, mine, theirs) or (mine.words & theirs.words and not _named_apart(mine, theirs)):
                continue
            if all(set(k) <= p.neutral for k in mine.names):
                continue  # the passage's own loaded term, reworded ("Islamist militants" for "Jihadists")
            if _equated(src, p, mine, theirs):
                continue  # "Another famous Arsenal name expected at Sandown is Liam Brady": the same party
            if what == "the one acting" and theirs.main \
                    and (c.patient is None or d.patient is None or fills(src, c.patient, d.patient)) \
                    and _given_as_oblique(src, statement, c, theirs.main, p):
                findings.append(Finding("role", f"who did what to whom is exchanged: in the source {show(theirs)} "
                                        f"acts, not {show(mine)}"))
                continue
            # (the party itself must be stated, not a name in its description: "Nathan Hall, a Canadian citizen";
            # and not as the one acting on another thing in a clause of its own: "Morgan Stanley advised Halvern,
            # while Goldman Sachs advised Brightfield" where Goldman Sachs advised Halvern)
            if theirs.names and (not any(set(src.expand(k)) <= stated for k in theirs.main or theirs.names)
                                 or (what == "the one acting" and _acts_elsewhere(src, statement, c, theirs, d, p))):
                findings.append(Finding("role", f"{what} is not who the source says: it names "
                                        f"{show(theirs)}"))
            elif not theirs.names and other is not None and fills(src, mine, other):
                findings.append(Finding("role", f"{what} is not who the source says: it says "
                                        f"{show(theirs)}"))


# Prepositions whose object may act with the subject, or be the passive's agent: no exchange.
_ALONGSIDE = frozenset("by with along alongside among between like including and".split())


def _pronoun_party(src: Analysed, d: Clause, p: Passage) -> tuple[str, ...] | None:
    """The name keys of the party a passage clause's pronoun subject stands for: its own speaker where the two
    agree ("The WHO said it had sent ...": "it" is the WHO; "Smith said he ..."), else the party the sentences
    before most likely point to (``atomic.referent``)."""
    if d.agent is None:
        return None
    word = d.agent.text.lower()
    if (party := _speaking_pronoun(src, d, p)) is not None:
        return party
    i = next((k for k, u in enumerate(src.units) if u.start <= d.agent.start < u.end), None)
    name = referent(src, i, word) if i is not None else None
    return (names.keys(name) or None) if name else None


def _speaking_pronoun(src: Analysed, d: Clause, p: Passage) -> tuple[str, ...] | None:
    """The name keys of a passage clause's speaker where the clause's pronoun subject is that speaker: "it" or
    "they" of an organisation or a place, "he" or "she" of a person ("The WHO said it had sent ...", "Smith said he
    ..."); None otherwise."""
    if d.agent is None or d.speaker is None or not d.speaker.main:
        return None
    word = d.agent.text.lower()
    spoken = next((m for u in p.units for m in u.mentions if m.start <= d.speaker.root < m.end), None)
    kind = src.kind(spoken) if spoken is not None else None
    if (word in ("he", "she") and kind == "person") or (word in ("it", "they") and kind in ("org", "place")):
        return d.speaker.main[0]
    return None


def _reported_of_itself(p: Passage, d: Clause) -> bool:
    """Whether a passage clause is what its speaker says straight after the verb of saying, its pronoun the
    subject ("The NHTSA said in February it had received 37 complaints"), not a clause inside the reported words
    that a speaker named after them governs ("But after it separated from the booster ..., NASA said": "it" is the
    spacecraft)."""
    verb = verb_token(p.units, d)
    if verb is None or d.speaker is None or d.agent is None:
        return False
    base = d.verb - verb.idx  # where the verb's sentence starts in the analysed text
    return d.speaker.start < d.agent.start and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH \
        and any(x.dep_ == "nsubj" and base + x.idx == d.agent.start for x in verb.children)


def _given_as_oblique(src: Analysed, statement: Unit, c: Clause, agent: Sequence[tuple[str, ...]],
                      p: Passage | None = None) -> bool:
    """Whether the statement puts the passage's acting party after a preposition of its own verb ("Kerr
    Construction accepted the money from Hale" where Hale accepted it): the one acting made the other side. Not the
    side the subject acts for, where the passage has the subject act too ("Okafor equalised for Rovers" for "Rovers
    equalised when defender Ben Okafor scored"; "Silva equalised for Rovers" names no one who acts there)."""
    verb = verb_token([statement], c)
    if verb is None:
        return False
    obliques = _obliques(verb)
    alongside = _ALONGSIDE | ({"for"} if "for" in obliques and _acts_beside(src, c, agent, p) else set())
    return any(prep not in alongside and (k := names.keys(" ".join(x.text for x in obj.subtree)))
               and any(names.same_party(src.expand(k), src.expand(a)) for a in agent)
               for prep, obj in obliques.items())


def _acts_beside(src: Analysed, c: Clause, agent: Sequence[tuple[str, ...]], p: Passage | None) -> bool:
    """Whether the statement's subject acts in the passage in the same sentence as the party it acts "for" ("Rovers
    equalised when Okafor scored"; not "Drogba played for Galatasaray. Galatasaray signed him" for "Galatasaray
    played for Drogba")."""
    return p is not None and any(
        fills(src, c.agent, mine.agent) and any(
            theirs.agent is not None and _same_unit(p, mine, theirs) and any(
                names.same_party(src.expand(k), src.expand(a)) for k in theirs.agent.main for a in agent)
            for theirs in p.clauses)
        for mine in p.clauses)


def _same_unit(p: Passage, a: Clause, b: Clause) -> bool:
    return any(u.start <= a.verb < u.end and u.start <= b.verb < u.end for u in p.units)


def exchanged_by_name(src: Analysed, statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """Two named parties of a statement's clause that a passage clause of the same verb has the other way round
    ("The Associated Press told John Waldron" where the passage says "Waldron told The Associated Press"), though the
    clause aligned with another of that verb's clauses (the one in the claim's quote): exchanged, unless a clause of
    the passage has them as the statement does, or the verb says the same either way round ("met")."""
    if any(f.kind == "role" for f in findings):
        return
    for c in statement.clauses:
        if c.agent is None or c.patient is None or not c.agent.main or not c.patient.main or _SYMMETRIC & c.pred:
            continue
        same = [(d, d.agent, d.patient) for d in p.clauses if d.pred & c.pred]
        if any(_itself(src, c.agent, a) and _itself(src, c.patient, b) for _, a, b in same):
            continue
        for _, a, b in same:
            if a is not None and b is not None and a.main and b.main and _itself(src, c.agent, b) \
                    and _itself(src, c.patient, a):
                findings.append(Finding("role", f"who did what to whom is exchanged: in the source "
                                        f"{show(a)} acts on {show(b)}"))
                return


# Verbs whose two parties do the same to each other: "X met Y" says "Y met X".
_SYMMETRIC = frozenset(stem(v) for v in ("meet", "marry", "divorce", "date", "fight", "play", "face", "draw", "tie",
                                          "negotiate", "resemble", "equal", "match", "partner", "merge"))


def described_apart(src: Analysed, statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A statement that says who someone is ("Sam Brownback is CEO of South Wind Women's Center") where the passage
    gives that description, in apposition, to another named party ("Julie Burkhart, CEO of South Wind Women's
    Center"): the description is that party's. On the search path, where the passage does not have the
    description at all, the article's: "Jason Chan is campaign director at Bite-Back" matched with a sentence that
    names Jason Chan and Bite-Back, where the article gives "campaign director" only to Graham Buckingham."""
    for c in statement.clauses:
        if not (_COPULA & c.pred) or c.agent is None or c.patient is None or not c.agent.names \
                or c.patient.names and any(c.patient.head in k for k in c.patient.main):
            continue
        mine = [src.expand(k) for k in c.agent.names]
        described = src.appositions.get(c.patient.head, [])
        owners = [o for o in described if any(u.start <= o.start < u.end for u in p.units)]
        where_said = where(p)
        if not owners and not p.anchored and c.patient.head not in p.forms:
            owners, where_said = described, "article"
            if any(any(names.same_party(k, src.expand(o.keys)) for k in mine) for o in owners):
                continue  # the article says it of this party too
        for owner in owners:
            if not any(names.same_party(k, src.expand(owner.keys)) for k in mine):
                findings.append(Finding("role", f"the {where_said} says that of {owner.text}, not of "
                                        f"{show(c.agent)}"))
                return


def joined_apart(src: Analysed, statement: Unit, findings: list[Finding]) -> None:
    """A statement that puts two names in apposition, making them one party ("Storm Ellen swept across Ireland,
    the national electricity company ESB Networks"), where the article has them as parties of different kinds (a
    place and an organisation, a person and a place): the article never says one is the other."""
    if statement.doc is None:
        return
    by_token: dict[int, names.Mention] = {}
    for m in statement.mentions:
        for t in statement.doc:
            if m.start <= t.idx + statement.start < m.end:
                by_token[t.i] = m
    for t in statement.doc:
        if t.dep_ != "appos" or t.i not in by_token or t.head.i not in by_token:
            continue
        a, b = by_token[t.head.i], by_token[t.i]
        first = min(w.i for w in t.subtree)
        kinds = {src.kind(a), src.kind(b)}
        if a is b or len(kinds) < 2 or "other" in kinds or len({coarse(a.label), coarse(b.label)} - {"other"}) < 2 \
                or first == 0 or statement.doc[first - 1].text != "," \
                or names.same_party(src.expand(a.keys), src.expand(b.keys)) or _apposed(src, a, b):
            continue  # (a bracket or a colon gives another name, an alias, a place's region: not one party)
        findings.append(Finding("name", f"this makes {a.text} and {b.text} one; the article has them as "
                                f"different parties"))
        return


def _apposed(src: Analysed, a: names.Mention, b: names.Mention) -> bool:
    """Whether the article itself, on its parse, puts a name of ``b``'s party in apposition to one of ``a``'s."""
    mine, theirs = src.expand(a.keys), src.expand(b.keys)
    for u in src.units:
        if u.doc is None:
            continue
        for t in u.doc:
            if t.dep_ != "appos":
                continue
            here = [m for m in u.mentions if m.start <= t.idx + u.start < m.end]
            head = [m for m in u.mentions if m.start <= t.head.idx + u.start < m.end]
            if any(names.same_party(src.expand(m.keys), theirs) for m in here) and any(
                    names.same_party(src.expand(m.keys), mine) for m in head):
                return True
    return False


def possession_reversed(src: Analysed, statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A statement that has a thing own a named party ("11 children has Evander Holyfield", "Six crew members has the
    ISS") where the passage has the party own the thing ("his 11 children", "the six ISS crew members"): the
    possessor and the possessed are exchanged, though no clause of the passage has the verb."""
    for c in statement.clauses:
        if not _HAVE & c.pred or c.agent is None or c.patient is None or c.agent.main or not c.patient.main:
            continue
        owners = [src.expand(k) for k in c.patient.main]
        for u in p.units:
            if u.doc is None:
                continue
            for t in u.doc:
                if c.agent.head not in (stem(t.lower_), stem(t.lemma_.lower())) or t.pos_ not in ("NOUN", "PROPN"):
                    continue
                modifiers = [m for ch in t.children if ch.dep_ in ("poss", "compound")
                             for m in (ch, *(g for g in ch.children if g.dep_ in ("poss", "compound")))]
                for m in modifiers:
                    at = m.idx + u.start
                    # ("his 11 children": his, where the sentence names the party)
                    near = [n for n in u.mentions
                            if names.PRONOUNS.get(m.lower_) is not None or n.start <= at < n.end]
                    if any(names.same_party(o, src.expand(n.keys)) for o in owners for n in near):
                        findings.append(Finding("role", f"who has what is exchanged: the {where(p)} speaks of "
                                                f"the {t.text} of {show(c.patient)}"))
                        return


_HAVE = frozenset({"have", "has", "had"})


def _finds_a_thing(d: Clause) -> bool:
    """A verb of finding or showing with an object, not a clause: "US troops found themselves in a firefight", "the
    video showed tanks" report nobody's word."""
    return d.patient is not None and bool(d.pred & _FINDING)


_FINDING = frozenset({"find", "found", "show", "reveal", "indicate", "indicat"})
# Verbs whose subject undergoes what their object names ("conceded defeat", "suffered an attack"); and those that
# do only with a defeat ("admitted defeat", where "admitted the murder of his neighbour" is the one who did it).
_UNDERGOING = frozenset(stem(v) for v in ("concede", "suffer", "sustain", "endure", "undergo", "survive"))
_ADMITTING = frozenset(stem(v) for v in ("admit", "acknowledge", "accept"))


# Verbs that say their subject won over their object; verbs of winning and losing; the nouns of a contest's
# outcome, told from the winner's side or from the loser's (``nominal_roles`` reads who won from these).
BEATING = frozenset(stem(v) for v in ("beat", "defeat", "overcome", "trounce", "thrash", "rout", "vanquish",
                                      "outclass", "overpower"))
WINNING = frozenset(stem(v) for v in ("win", "won"))
LOSING = frozenset(stem(v) for v in ("lose", "lost"))
VICTORIES = frozenset({"victory", "win", "triumph"})
DEFEATS = frozenset({"defeat", "loss"})


def crossed_unaligned(src: Analysed, statement: Unit, p: Passage, aligned: Aligned, focus: tuple[int, int],
                      findings: list[Finding]) -> None:
    """A claim whose verb is not the source's ("beat" for "notched up victories over") has no clause to compare
    with; within its quote, a source clause whose parties it exchanges is one all the same: what acts there is
    acted on here, or the reverse, and neither stays in place."""
    if any(f.kind == "role" for f in findings):
        return
    done = {id(c) for c, _ in aligned}
    compared = {id(d) for _, d in aligned}
    for c in statement.clauses:
        if id(c) in done or c.agent is None or c.patient is None or c.speech:
            continue
        # The statement's verb as the thing a party of the passage undergoes ("Pfeil conceded defeat" for "Weiss
        # defeated Pfeil"): that party is the one acted on, whatever else the passage has the two do.
        undergone = [d for d in p.clauses if d.agent is not None and d.patient is not None
                     and (d.pred & _UNDERGOING or (d.pred & _ADMITTING and d.patient.head == "defeat"))
                     and d.patient.head in c.pred and focus[0] <= d.verb < focus[1]]
        if any(fills(src, c.patient, d.agent) for d in undergone):
            continue
        if wrong := next((d for d in undergone if fills(src, c.agent, d.agent)), None):
            assert wrong.agent is not None and wrong.patient is not None
            findings.append(Finding("role", f"who did what to whom is exchanged: in the source {show(wrong.agent)} "
                                    f"is the one it is done to (\u201c{_word(p.units, wrong)} "
                                    f"{wrong.patient.text}\u201d)"))
            return
        if c.pred & (BEATING | WINNING | LOSING) and any(
                t.lemma_.lower() in VICTORIES | DEFEATS for u in p.units for t in u.doc or ()):
            continue  # who won, the passage tells with a noun of the outcome: ``nominal_roles`` compares that
        for d in p.clauses:
            if not focus[0] <= d.verb < focus[1] or d.speech or d.agent is None or d.patient is None \
                    or id(d) in compared:
                continue
            # Both exchanged (a paraphrase often moves one party: "a teenager taking part" acts there), where a
            # pronoun of the source ("He notched up victories over Holyfield") may stand for either.
            to_patient, to_agent = fills(src, c.agent, d.patient), fills(src, c.patient, d.agent)
            crossed = (to_patient and (to_agent or d.agent.referring == "pronoun")) or (
                to_agent and (to_patient or d.patient.referring == "pronoun"))
            straight = fills(src, c.agent, d.agent) or fills(src, c.patient, d.patient)
            if crossed and not straight:
                findings.append(Finding("role", f"who did what to whom is exchanged: in the source "
                                        f"{show(d.agent)} acts on {show(d.patient)}"))
                return


# Predicates that say the opposite of each other ("accepted the result" where the source says "rejected"): a
# statement clause that lines up with a passage clause of the opposite predicate, same parties, is a negation.
_OPPOSITES = [("accept", "reject"), ("approve", "reject"), ("win", "lose"), ("confirm", "deny"), ("admit", "deny"),
              ("increase", "decrease"), ("increase", "reduce"), ("rise", "fall"), ("support", "oppose"),
              ("allow", "ban"), ("allow", "forbid"), ("allow", "prohibit"), ("open", "close"), ("agree", "refuse"),
              ("advance", "retreat"), ("advance", "withdraw"), ("gain", "lose"), ("acquit", "convict"),
              ("succeed", "fail"), ("include", "exclude"), ("start", "end"), ("start", "stop"), ("join", "leave"),
              ("arrive", "leave"), ("arrive", "depart"), ("capture", "lose"), ("praise", "condemn"),
              ("praise", "criticise"), ("praise", "criticize"), ("welcome", "reject"), ("welcome", "condemn"),
              ("raise", "cut"), ("raise", "lower"), ("raise", "reduce"), ("double", "halve"), ("triple", "halve")]
# A figure's direction ("revenue rose 2 percent" where the source says it "slipped 2 percent"), and a court's
# ("upheld the ruling" where it "overturned" it). (Not "decline": "the party declined to comment" is no fall against
# its "gained four seats".)
_UP = ("rise", "increase", "grow", "climb", "jump", "gain", "surge", "soar")
_DOWN = ("fall", "slip", "drop", "sink", "shrink", "plunge", "tumble", "slump", "decrease")
_OPPOSITES += [(a, b) for a in _UP for b in _DOWN if (a, b) not in (("rise", "fall"), ("increase", "decrease"))]
# (of the same thing, by its own word: "Halvern dropped its bid" is not against "Halvern Foods shares rose")
_DIRECTION = frozenset(stem(w) for w in _UP + _DOWN)
_OPPOSITES += [("uphold", "overturn"), ("uphold", "reverse"), ("uphold", "quash")]
# What is kept where it was is not changed ("kept its rate at 5.5%" is not "raised it to 5.5%").
_OPPOSITES += [(a, b) for a in ("keep", "hold", "maintain", "leave")
               for b in ("raise", "cut", "lower", "increase", "reduce", "hike")]
# Predicates each of which is the other told from the other side ("Nordlys sold the division to a Greek buyer": "a
# Greek buyer bought it from Nordlys"): the opposite only where the same party acts in both.
_CONVERSES = [("buy", "sell"), ("lend", "borrow"), ("give", "receive"), ("send", "receive"), ("import", "export"),
              ("hire", "fire")]
_OPPOSITES += _CONVERSES + [("save", "cost")]
CONVERSE = frozenset(stem(w) for pair in _CONVERSES for w in pair)
OPPOSITE: dict[str, frozenset[str]] = {}
for _a, _b in _OPPOSITES:
    for _x, _y in ((stem(_a), stem(_b)), (stem(_b), stem(_a))):
        OPPOSITE[_x] = OPPOSITE.get(_x, frozenset()) | {_y}


# Verbs that say their subject no longer has control of a thing ("lost control of the council"), where the other
# side says in the present that it controls that thing ("still controls the council"): the opposite.
_LOSING = frozenset(stem(v) for v in ("lose", "cede", "relinquish", "surrender", "forfeit"))


def lost_what_it_does(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """"The Civic Union lost control of the council" where the passage says "The Civic Union still controls the
    council" (or the other way round): one of the two says the party stopped controlling what the other says it
    controls now. The same party, the same thing controlled, and a present tense on the controlling side ("has
    controlled the region since March", "controlled the council for 40 years until it lost control" are not the
    opposite of a loss); no other noun ("lost the lead", "lost the vote" say nothing of leading or voting)."""
    sides = ((statement.clauses, [statement], p.clauses, p.units), (p.clauses, p.units, statement.clauses, [statement]))
    for mine, my_units, theirs, units in sides:
        for c in mine:
            if not c.pred & _LOSING or c.agent is None or c.patient is None or c.negated \
                    or c.patient.head != "control":
                continue
            token = verb_token(my_units, c)
            held = next((g for x in token.subtree if x.dep_ == "prep" and x.lower_ == "of"
                         and x.head.lemma_ == "control" for g in x.children if g.dep_ == "pobj"), None) \
                if token is not None else None
            if held is None:
                continue
            # (the thing itself, its modifiers too: "Sheffield council" is not "Leeds council")
            held_words = {stem(x.lemma_.lower()) for x in held.subtree if x.is_alpha and not x.is_stop}
            for d in theirs:
                verb = verb_token(units, d)
                if "control" not in d.pred or d.negated or d.modal or d.agent is None or d.patient is None \
                        or verb is None \
                        or verb.tag_ not in ("VBZ", "VBP") or not fills(None, c.agent, d.agent) \
                        or held_words != set(d.patient.words):
                    continue
                said = f"\u201c{d.agent.text}\u201d {verb.text} {d.patient.text}" if mine is statement.clauses \
                    else f"\u201c{c.agent.text}\u201d lost control of {' '.join(x.text for x in held.subtree)}"
                findings.append(Finding("negation", f"the source says the opposite: in it {said}"))
                return


# Words that make a title a past one ("former chairman Peter Brown").
_NO_LONGER = frozenset({"former", "ex", "late", "outgoing", "then", "previous", "erstwhile"})
# Verbs that say what their subject is or stays ("Rovers are top of the table", "City remain top").
_BEING = frozenset(stem(v) for v in ("be", "remain", "stay", "become"))


def said_of_another(src: Analysed, statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """"Rovers are top of the table" where the passage says "The defeat leaves City top of the table, two points
    ahead of Rovers": what the statement says its subject is, the passage says of another party it names (on the
    noun itself, "City top", or as that noun's subject, "City are top"), which the statement leaves out."""
    if statement.doc is None:
        return
    stated = list(statement.mentions)
    for c in statement.clauses:
        if not c.pred & _BEING or c.agent is None or c.negated or c.modal:
            continue
        # (the subject's own name: as the parse gives it, or a name of the statement's there that the tagger missed
        # at its opening, "Rovers are top")
        subject = [m.keys for m in stated if src.kind(m) in ("person", "org", "place") and (
            m.start <= c.agent.root < m.end or any(names.same_party(k, m.keys) for k in c.agent.main))]
        if not subject:
            continue
        verb = verb_token([statement], c)
        complement = next((t for t in verb.children if t.dep_ in ("attr", "acomp")), None) if verb else None
        if complement is None or complement.pos_ not in ("NOUN", "ADJ"):
            continue
        word = stem(complement.lemma_.lower())
        holders = [n for u in p.units for n in _holders(src, u, word)]
        # (not where the passage says it of the subject too: "Senator Warren and Senator Sanders"; nor a name the
        # subject's own words give: "the White House Kitchen garden" for "Kitchen Garden")
        if any(names.same_party(src.expand(k), src.expand(n.keys)) for n in holders for k in subject):
            continue
        others = [n for n in holders if not (all(stem(k) in c.agent.words or k in c.agent.words for k in n.keys)
                                             or any(names.same_party(src.expand(m.keys), src.expand(n.keys))
                                                    for m in stated))]
        if others:
            findings.append(Finding("role", f"the source says it of \u201c{others[0].text}\u201d, not of "
                                    f"{show(c.agent)}"))
            return


def _holders(src: Analysed, u: Unit, word: str) -> list[names.Mention]:
    """The parties (named persons, organisations, places) a sentence says are ``word`` (a stem): the name on the
    noun ("City top of the table"), the noun's subject ("City are top"), the name a title stands on ("captain Marco
    Silva"); not a past title ("former chairman Peter Brown")."""
    out: list[names.Mention] = []
    for t in u.doc or ():
        # (a title before a name may be tagged a verb: "defender Ben Okafor")
        if stem(t.lemma_.lower()) != word or (t.pos_ not in ("NOUN", "ADJ") and t.dep_ != "compound") \
                or any(x.lower_ in _NO_LONGER for x in t.children):
            continue
        tokens = [x for x in t.children if x.dep_ in ("compound", "nsubj")]
        if t.dep_ in ("attr", "acomp") and t.head.i != t.i:
            tokens += [x for x in t.head.children if x.dep_ == "nsubj"]
        if t.dep_ in ("compound", "appos") and t.head.i != t.i and t.head.pos_ == "PROPN":
            tokens.append(t.head)
        for h in tokens:
            n = next((m for m in u.mentions if m.start <= u.start + h.idx < m.end), None)
            if n is not None and src.kind(n) in ("person", "org", "place"):
                out.append(n)
    return out


def _heads(c: Clause) -> set[str]:
    return {r.head for r in (c.agent, c.patient) if r is not None}


def _denied(clauses: Sequence[Clause]) -> set[str]:
    """The heads of the roles a clause denies with "no" ("there is no clear evidence")."""
    return {r.head for c in clauses if c.negated for r in (c.agent, c.patient)
            if r is not None and r.text.lower().startswith("no ")}


def _same_denial(c: Clause, d: Clause, statement: Unit, p: Passage, aligned: Aligned) -> bool:
    """Whether the negated one of two aligned clauses is negated only by a "no" on what it reports, which the
    other side denies too in a clause of its own that lines up with nothing: "The study found no clear evidence"
    for "the study says there is no clear evidence" (the source's "no" is on its reported clause, not on "says")."""
    mine = {id(a) for a, _ in aligned}
    theirs = {id(b) for _, b in aligned}
    for x, others in ((c, [o for o in p.clauses if id(o) not in theirs]),
                      (d, [o for o in statement.clauses if id(o) not in mine])):
        heads = _denied([x])
        if heads and any(o.negated and heads & _heads(o) for o in others):
            return True
    return False


# Words that deny without "not" ("skipped the summit", "kept rates unchanged", "ruled out an election"): a
# passage with one may be what a statement's "did not" paraphrases.
_IMPLICIT_NEGATIVE = frozenset(stem(w) for w in """skip miss abstain decline reject refuse fail avoid rule
unchanged steady hold held keep kept stay sit block ban bar halt cancel acquit unaware unable ineffective unbeaten
instead absent lack yet survive spare away without prevent stop deny denied""".split())


def _implicitly_negative(p: Passage) -> bool:
    return any(_IMPLICIT_NEGATIVE & u.word_forms for u in p.units)


def _denied_by_its_verb(c: Clause, p: Passage) -> bool:
    """Whether a clause of the passage with one of ``c``'s parties in the same role denies without "not", in its
    verb or the words on it ("The president skipped the summit", "left rates unchanged", "stayed away")."""
    for u in p.units:
        tokens = {t.idx + u.start: t for t in u.doc} if u.doc is not None else {}
        for d in u.clauses:
            if not (fills(None, c.agent, d.agent) or fills(None, c.patient, d.patient)):
                continue
            verb = tokens.get(d.verb)
            # (the verb, what completes it, and what it leaves its object: "left rates unchanged")
            words = [verb, *(w for w in verb.children if w.dep_ in ("advmod", "acomp", "oprd", "prt")),
                     *(a for w in verb.children if w.dep_ == "dobj" for a in w.children if a.dep_ == "amod")] \
                if verb is not None else []
            if d.pred & _IMPLICIT_NEGATIVE or any(stem(w.lower_) in _IMPLICIT_NEGATIVE for w in words):
                return True
    return False


# Verbs and nouns that deny what they govern: "denied that X", "rejected the claim that X", "dismissed reports of
# X", "the failure to X" (the verbs as verbs: "a dispute over embryos" is a quarrel; "failed to X" and "refused to X"
# are the clause's own negation, ``Clause.negated``). A verb of saying that is none of them ("saying X") asserts.
_DENIERS = frozenset(stem(w) for w in "deny reject dismiss refute rebut dispute rubbish".split())
_DENYING_NOUNS = frozenset(stem(w) for w in "denial rejection failure refusal".split())
_ANAPHORS = frozenset({"this", "that", "it", "these", "those", "the", "such"})
_COMPLETING = frozenset({"ccomp", "xcomp", "acl", "dobj", "pobj", "prep", "pcomp", "nsubjpass", "attr"})
_SAYING = frozenset(stem(w) for w in """say tell state add insist argue announce confirm write explain""".split())


def denier(c: Clause) -> bool:
    """Whether a clause's verb denies what it governs ("denied", "rejected")."""
    return bool(c.pred & _DENIERS)


def _denied_content(units: Sequence[Unit], c: Clause) -> bool:
    """Whether what clause ``c`` states is, on the parse, denied by a word above it ("Ryan rejected the claim that
    EUR 1bn had been spent", "the government's failure to invest"), rather than asserted ("Ryan rejected that claim,
    saying EUR 1bn had been spent": the nearest governor is a verb of saying). Two denials cancel."""
    token = verb_token(units, c)
    denied = False
    # (up through what completes a word, "denied that X", "the claim that X", "reports of X", "failure to X"; not
    # through what only modifies one: "rejected that claim, saying X" does not deny the saying)
    while token is not None and token.head.i != token.i and token.dep_ in _COMPLETING:
        below, token = token, token.head
        lemma = stem(token.lemma_.lower())
        if lemma in (_DENIERS if token.pos_ == "VERB" else _DENYING_NOUNS if token.pos_ == "NOUN" else ()) and not (
                # (a clause before the verb, or beside its object, is not what it denies: "Turkey offered to protect
                # the base; Russia rejected the offer", which the parser hangs under "rejected")
                below.dep_ == "ccomp" and (below.i < token.i or any(o.dep_ == "dobj" for o in token.children))):
            denied = not denied
        elif lemma in _SAYING:
            break
    return denied


# Words that say a statement is false without "not" (a paraphrase of a denial: "said the report was untrue").
_CALLED_FALSE = frozenset(stem(w) for w in "untrue false baseless wrong lie lies nonsense fabricated".split())


def verb_token(units: Sequence[Unit], c: Clause) -> Token | None:
    """The token of a clause's verb, in the parse of the unit it stands in."""
    unit = next((u for u in units if u.start <= c.verb < u.end and u.doc is not None), None)
    if unit is None or unit.doc is None:
        return None
    # (each parse's tokens by offset, made once and kept with the parse: the checks ask for many verbs)
    by_offset: dict[int, Token] | None = unit.doc.user_data.get("tokens_by_offset")
    if by_offset is None:
        by_offset = {t.idx: t for t in unit.doc}
        unit.doc.user_data["tokens_by_offset"] = by_offset
    return by_offset.get(c.verb - unit.start)


def _word(units: Sequence[Unit], c: Clause) -> str:
    """The verb of a clause as written."""
    token = verb_token(units, c)
    return token.lower_ if token is not None else max(sorted(c.pred), key=len)


def _same(mine: Role | None, theirs: Role | None) -> bool:
    """Whether two role fillers may be one party: either missing or a pronoun, or the same by ``fills``."""
    return mine is None or theirs is None or "pronoun" in (mine.referring, theirs.referring) \
        or fills(None, mine, theirs)


def _denied_elsewhere(units: Sequence[Unit], c: Clause) -> bool:
    """Whether another sentence of the passage than the one of clause ``c`` denies something it points back to
    ("But officials deny this.", "He rejected the claims."): what ``c`` states may be what is denied there, or
    what the denial answers."""
    for u in units:
        if u.start <= c.verb < u.end or u.doc is None:
            continue
        for t in u.doc:
            if t.pos_ == "VERB" and stem(t.lemma_.lower()) in _DENIERS and any(
                    o.dep_ in ("dobj", "nsubjpass") and (o.lower_ in _ANAPHORS or any(
                        g.dep_ == "det" and g.lower_ in _ANAPHORS for g in o.children))
                    and not any(g.dep_ in ("acl", "ccomp", "prep") for g in o.children) for o in t.children):
                return True
    return False


def negation(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    for c, d in aligned:
        # What a law requires or someone wants is not what was done: "requires the form to specify" says nothing
        # against "the form did not specify".
        if c.wanted != d.wanted:
            continue
        # A denial is a "not" or a word above the clause that denies it (``_denied_content``): "Ryan denied that
        # EUR 1bn had been spent" where he rejected a claim, "saying EUR 1bn had been spent"; "the government
        # invested" where its critics speak of its "failure to invest" (which "failed to invest" paraphrases).
        denies, denied = _denied_content([statement], c), _denied_content(p.units, d)
        if denies != denied and (denies and _denied_elsewhere(p.units, d) or not (_same(c.agent, d.agent)
                                                                                  and _same(c.patient, d.patient))):
            # (what the statement denies, the passage denies in another sentence, "But officials deny this.", or
            # the two clauses share only their verb: "deny using hacker-obtained information" and "We only use
            # data obtained by people we trust")
            denies = denied
        if c.negated ^ denies != d.negated ^ denied and not _same_denial(c, d, statement, p, aligned):
            if denies == denied:
                says = "does not negate it" if c.negated else "negates it"
            else:
                says = "asserts what this denies" if c.negated ^ denies else "denies what this asserts"
            findings.append(Finding("negation", f"the source says the opposite: it {says}"))
            return
    # A verb of saying lined up with a verb of denying, the same party's ("NASA denied the supplies are
    # replaceable" where "NASA said" they are), the two sides having as many "not"s (a paraphrase of the denial
    # would have one more: "said the supplies were not replaceable") and neither calling anything false. (The
    # clauses' own negations: a unit's ``negated`` counts "denied" itself.)
    if sum(c.negated for c in statement.clauses) == sum(d.negated for d in p.clauses) \
            and not _CALLED_FALSE & (p.forms | statement.word_forms):
        for c, d in aligned:
            if (denier(c) and d.speech and not denier(d) or denier(d) and c.speech and not denier(c)) \
                    and _same(c.agent, d.agent):
                findings.append(Finding("negation", f"the source says the opposite: it has \"{_word(p.units, d)}\" "
                                        f"where this has \"{_word([statement], c)}\""))
                return
    for mine, theirs, says in ((statement.clauses, p.clauses, "negates it"),
                               (p.clauses, statement.clauses, "does not negate it")):
        # What one side denies with "no" ("no clear evidence") and the other states of the same thing without
        # any negation, whichever verbs carry it ("found clear evidence" for "says there is no clear evidence").
        for h in sorted(_denied(mine) - _denied(theirs)):
            if any(h in _heads(o) for o in theirs) and not any(o.negated for o in theirs if h in _heads(o)):
                findings.append(Finding("negation", f"the source says the opposite: it {says}"))
                return
    # (a clause lined up with one of other parties is compared too: "Acme's net profit rose 20%" lined up with the
    # next sentence's "Revenue rose 4%", where its own sentence says the profit fell)
    done = {id(c) for c, _ in aligned}
    matched = {id(c) for c, d in aligned if _same(c.agent, d.agent) and _same(c.patient, d.patient)}
    for c in statement.clauses:
        if id(c) in matched:
            continue
        opposite = frozenset().union(*(OPPOSITE.get(x, frozenset()) for x in c.pred))
        for d in p.clauses:
            if d.pred & opposite and c.negated == d.negated and (
                    _same_side(c, d, p) if (c.pred | d.pred) & CONVERSE
                    else _same_head(c.agent, d.agent) or _same_head(c.patient, d.patient)
                    if c.pred & _DIRECTION and d.pred & _DIRECTION
                    else fills(None, c.agent, d.agent) or fills(None, c.patient, d.patient)):
                findings.append(Finding("negation", f"the source says the opposite: it has "
                                        f"\"{max(sorted(d.pred), key=len)}\" where this has "
                                        f"\"{max(sorted(c.pred), key=len)}\""))
                return
    # A verb of saying the statement has of its own, lining up with none of the passage's (whose speaker is in the
    # sentences around: "'We signed a form ...', he said"), denied: "Loeb did not say he signed ..." where the
    # article reports that he said it.
    if any(c.speech and c.negated and id(c) not in done and not _denied([c]) for c in statement.clauses) \
            and not any(d.speech and d.negated for d in p.clauses):
        findings.append(Finding("negation", "it denies that it was said, where the source reports it as said"))
        return
    # A denial the passage has nothing of: nothing lines up, or the statement's main clause, denied, lines up with
    # nothing and the passage denies nothing ("the militants did not use Turkish-supplied weapons" where it says
    # they "publicly employed" them).
    root = next((c for c in statement.clauses if c.root), None)
    if (not aligned and statement.negated and not (root is not None and _denied_by_its_verb(root, p))
            or root is not None and root.negated and id(root) not in done and not _denied([root])
            and not _implicitly_negative(p)) and not any(u.negated for u in p.units):
        findings.append(Finding("negation", "it negates what the " + where(p) + " states"))


# What makes a "not" before a noun no rejection of it: "not only the army but also the police", "not just selfies".
_NOT_REJECTING = frozenset("only just merely simply solely least even necessarily always all".split())
_REFUSING = frozenset("not no never than instead".split())  # "rather than a defeat", "instead of a defeat"


def _governor(t: Token) -> Token | None:
    """The verb a noun phrase's word belongs to (through prepositions, appositions and conjuncts)."""
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _rejected_alternatives(units: Sequence[Unit]) -> list[tuple[str, str, str, str]]:
    """The passage's nouns it rejects for another ("called the vote a setback, not a defeat", "caused by a faulty
    heater, not arson", "not a defeat but a setback"): (the rejected noun's lemma, the kept noun's, the lemma of
    the verb the kept one belongs to, the rejection's words: "not a defeat")."""
    out: list[tuple[str, str, str, str]] = []
    for u in units:
        if u.doc is None or "not " not in u.text:
            continue
        doc = u.doc
        for t in doc:
            if t.lower_ != "not" or t.dep_ != "neg" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ in _NOT_REJECTING:
                continue
            if t.head.pos_ == "ADP" and t.head.i == t.i + 1 and t.i > 0 and doc[t.i - 1].text == ",":
                # "blamed the outbreak on missed immunisations, not on vaccine shortages": the same preposition's
                # object before it is the one kept
                prep = t.head
                rejected = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
                kept = next((o for x in reversed(doc[:t.i]) if x.lower_ == prep.lower_ and x.dep_ == "prep"
                             for o in x.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
                verb = _governor(kept) if kept is not None else None
                if rejected is not None and kept is not None and verb is not None \
                        and kept.lemma_.lower() != rejected.lemma_.lower():
                    out.append((rejected.lemma_.lower(), kept.lemma_.lower(), verb.lemma_.lower(),
                                doc[t.i:rejected.i + 1].text))
                continue
            # (a "not" the parser hangs on a noun: one on a verb, "did not win", is the negation check's)
            if t.head.pos_ not in ("NOUN", "PROPN"):
                continue
            rejected = next((x for x in doc[t.i + 1:t.i + 5] if x.pos_ == "NOUN"), None)
            if rejected is None or any(x.pos_ not in ("DET", "ADJ", "ADV") for x in doc[t.i + 1:rejected.i]):
                continue
            while rejected.i + 1 < len(doc) and doc[rejected.i + 1].pos_ == "NOUN" \
                    and doc[rejected.i + 1].dep_ != "appos":
                rejected = doc[rejected.i + 1]  # the phrase's head: "not a suspected arson attack"
            kept = None
            if t.i > 0 and doc[t.i - 1].text == ",":  # "A, not B"
                kept = next((x for x in reversed(doc[max(0, t.i - 6):t.i - 1]) if x.pos_ == "NOUN"), None)
            else:  # "not B but A"
                but = next((x for x in doc[rejected.i + 1:rejected.i + 3] if x.lower_ == "but"), None)
                if but is not None:
                    kept = next((x for x in doc[but.i + 1:but.i + 5] if x.pos_ == "NOUN"), None)
            verb = _governor(kept) if kept is not None else None
            if kept is not None and verb is not None and kept.lemma_.lower() != rejected.lemma_.lower():
                out.append((rejected.lemma_.lower(), kept.lemma_.lower(), verb.lemma_.lower(),
                            doc[t.i:rejected.i + 1].text))
    return out


def alternative_rejected(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """What the passage names only to reject it, stated in place of what it keeps: "Ortiz called the vote a defeat"
    where she "called the vote a setback, not a defeat"; "The fire was caused by arson" where it was "caused by a
    faulty heater, not arson". Only where the statement puts the rejected noun with the same verb, does not have
    the kept one, and does not refuse the rejected one itself ("a setback rather than a defeat")."""
    if statement.doc is None:
        return
    alternatives = _rejected_alternatives(p.units)
    if not alternatives:
        return
    lemmas = {t.lemma_.lower() for t in statement.doc}
    for rejected, kept, verb, words in alternatives:
        if kept in lemmas:
            continue
        for t in statement.doc:
            if t.pos_ != "NOUN" or t.lemma_.lower() != rejected \
                    or any(x.lower_ in _REFUSING for x in statement.doc[max(0, t.i - 4):t.i]):
                continue
            mine = _governor(t)
            if mine is not None and mine.lemma_.lower() == verb:
                findings.append(Finding("negation", f"the source says the opposite: \u201c{words}\u201d"))
                return


# Prefixes that make a word its opposite ("unarmed", "inaccurate", "illegal", "irregular", "dishonest"); a prefixed
# participle only with "un" ("unauthorised"): "informed", "impressed", "involved" are no opposites of anything.
_NEGATING_PREFIXES = (("un", True), ("in", False), ("im", False), ("il", False), ("ir", False), ("dis", False))
# Prefixed words that are not their base's opposite, or whose base is another word ("infamous", "inflammable",
# "invaluable"; "unveil", "unleash"; "indifferent").
_NOT_OPPOSITES = frozenset("""infamous inflammable invaluable impassioned inflamed indifferent incessant intense
                              unveiled unleashed unravelled unraveled unfolded unearthed untold""".split())
_OWN_NEGATION = frozenset("not n't no never nor".split())


def _opposite_by_prefix(word: Token, other: Token) -> bool:
    """Whether ``other`` is ``word`` with a prefix that makes it the opposite ("unarmed" of "armed")."""
    w, o = word.lower_, other.lower_
    if len(w) < 4 or o in _NOT_OPPOSITES or word.tag_ not in ("JJ", "VBN") or other.tag_ not in ("JJ", "VBN"):
        return False
    return any(o == prefix + w and (other.tag_ == "JJ" or participle) for prefix, participle in _NEGATING_PREFIXES)


def _prefixed_forms(word: str) -> list[str]:
    """The words a prefix makes of ``word`` or ``word`` is made of ("armed": "unarmed", ...; "unarmed": "armed")."""
    made = [prefix + word for prefix, _ in _NEGATING_PREFIXES]
    return made + [word[len(prefix):] for prefix, _ in _NEGATING_PREFIXES
                   if word.startswith(prefix) and len(word) > len(prefix) + 3]


def _in_text(p: Passage, words: Iterable[str]) -> bool:
    """Whether any of ``words`` is in the passage's text (a quick test before its tokens are read)."""
    text = " ".join(u.text for u in p.units).lower()
    return any(w in text for w in words)


def prefixed_opposite(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A word the statement has where the passage has its opposite made by a prefix, or the other way round:
    "Police fired on armed protesters" where they fired on "unarmed protesters", "the report was accurate" where
    it "was inaccurate". Not where the side that has one word also has the other ("armed police and unarmed
    protesters"), nor where the statement negates its word itself ("were not armed")."""
    if statement.doc is None:
        return
    mine = [t for t in statement.doc if t.tag_ in ("JJ", "VBN") and len(t) >= 4]
    # (the passage's tokens are read only where its text has one of the words it would take: most have none)
    if not mine or not _in_text(p, [w for t in mine for w in _prefixed_forms(t.lower_)]):
        return
    theirs = [t for u in p.units if u.doc is not None for t in u.doc if t.tag_ in ("JJ", "VBN")]
    my_words = {t.lower_ for t in statement.doc}
    for a in mine:
        if any(x.lower_ in _OWN_NEGATION for x in statement.doc[max(0, a.i - 3):a.i]):
            continue
        for b in theirs:
            # (the other word in the same sentence of the passage: "armed police and unarmed protesters"; the
            # other sentence of a pair may have it of something else, "affordable homes")
            if (_opposite_by_prefix(a, b) or _opposite_by_prefix(b, a)) \
                    and b.lower_ not in my_words and not any(t.lower_ == a.lower_ for t in b.doc):
                findings.append(Finding("negation", f"the source says the opposite: it has \u201c{b.text}\u201d "
                                        f"where this has \u201c{a.text}\u201d"))
                return


# Words that say the opposite of each other without a prefix ("won a minority of the seats" where the source says "a
# majority"; "the bridge is structurally sound" where it "is structurally deficient"; "the blaze was out of control"
# where it "was under control"), by lemma.
_ANTONYMS = [("majority", "minority"), ("profit", "loss"), ("surplus", "deficit"), ("victory", "defeat"),
             ("guilty", "innocent"), ("alive", "dead"), ("winner", "loser"), ("sound", "deficient"),
             ("safe", "dangerous"), ("strong", "weak"), ("full", "empty"), ("maximum", "minimum"), ("rich", "poor"),
             ("true", "false"), ("present", "absent"), ("success", "failure"), ("ally", "enemy"),
             ("temporary", "permanent"), ("voluntary", "compulsory"),
             ("voluntary", "mandatory"), ("under", "out"), ("north", "south"), ("east", "west"),
             ("northern", "southern"), ("eastern", "western"),
             # (and the adverbs, which the lemma keeps: "closed permanently" where "temporarily closed")
             ("temporarily", "permanently"), ("partially", "fully"), ("partly", "fully"), ("partial", "full"),
             ("provisional", "definitive"), ("provisionally", "definitively"), ("provisionally", "finally")]
ANTONYM: dict[str, frozenset[str]] = {}
for _a, _b in _ANTONYMS:
    ANTONYM[_a] = ANTONYM.get(_a, frozenset()) | {_b}
    ANTONYM[_b] = ANTONYM.get(_b, frozenset()) | {_a}
_ANTONYM_POS = frozenset({"ADJ", "NOUN", "ADP", "ADV"})
_NOMINAL = {"ADJ", "NOUN"}
# What the passage's text must hold for a word's opposite to be there (the quick test before its tokens are read).
_IN_TEXT = {"under": "under control", "out": "out of control"}


def _word_of(t: Token) -> str:
    """A word as the antonyms list it: its lemma, lower-case ("minorities" -> "minority", "out" of "out of
    control")."""
    return t.lemma_.lower()


def _around(t: Token) -> set[str]:
    """The lemmas a word stands on or governs, for lining it up with its opposite: its head and its content
    children ("a majority of seats": "win", "of"; "out of control": "control")."""
    kids = {c.lemma_.lower() for c in t.children if c.dep_ not in ("det", "punct", "advmod", "neg", "cc")}
    if t.lower_ == "out":  # ("out of control": what is out of control is the object of "of")
        kids |= {g.lemma_.lower() for c in t.children if c.lower_ == "of" for g in c.children}
    return {t.head.lemma_.lower()} | kids


def antonym_swapped(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A word the statement has where the passage has its opposite (``_ANTONYMS``), standing on the same word or
    governing the same one: "The ruling party won a minority of seats" where it "won a majority of seats", "the
    bridge is structurally sound" where it "is structurally deficient", "out of control" where "under control". Not
    where either side has both words, nor where either word is negated ("not guilty" for "innocent")."""
    if statement.doc is None:
        return
    # ("under" and "out" only of control: "out" is in most passages' text, and a preposition's opposite elsewhere
    # is no opposite)
    mine = [t for t in statement.doc if t.pos_ in _ANTONYM_POS and _word_of(t) in ANTONYM
            and (t.pos_ != "ADP" or "control" in _around(t))]
    if not mine or not _in_text(p, [_IN_TEXT.get(w, w) for t in mine for w in ANTONYM[_word_of(t)]]):
        return
    my_words = {_word_of(t) for t in statement.doc}
    theirs = [(u.doc, {_word_of(t) for t in u.doc}) for u in p.units if u.doc is not None]
    for a in mine:
        if any(x.lower_ in _OWN_NEGATION for x in statement.doc[max(0, a.i - 3):a.i + 1]):
            continue
        for doc, their_words in theirs:
            for b in doc:
                # (an adjective the tagger calls a noun on one side: "the Moon's north pole", "its south pole")
                if _word_of(b) not in ANTONYM[_word_of(a)] or (b.pos_ != a.pos_ and {a.pos_, b.pos_} != _NOMINAL) \
                        or _word_of(b) in my_words \
                        or _word_of(a) in their_words \
                        or any(x.lower_ in _OWN_NEGATION for x in doc[max(0, b.i - 3):b.i + 1]):
                    continue
                if _around(a) & _around(b):
                    findings.append(Finding("negation", f"the source says the opposite: it has \u201c{b.text}\u201d "
                                            f"where this has \u201c{a.text}\u201d"))
                    return


def _negated_here(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children)


def negated_complement(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """An adjective a verb gives its object, negated on one side only ("The jury found Hale not guilty" where it
    "found him guilty", or the other way round): the clause check reads the verb's own "not" ("did not find him
    guilty" says the same as "found him not guilty", and is let be)."""
    if statement.doc is None:
        return
    def polarity(t: Token) -> bool:
        return _negated_here(t) != _negated_here(t.head)
    if "not " not in statement.text and not _in_text(p, ["not "]):
        return  # (a "not" on one side or the other, or nothing to compare)
    mine = [a for a in statement.doc
            if a.tag_ == "JJ" and a.dep_ in ("ccomp", "oprd", "xcomp") and a.head.pos_ in ("VERB", "AUX")]
    if not mine or not _in_text(p, [a.lower_ for a in mine]):
        return
    theirs = [t for u in p.units if u.doc is not None for t in u.doc
              if t.tag_ == "JJ" and t.dep_ in ("ccomp", "oprd", "xcomp") and t.head.pos_ in ("VERB", "AUX")]
    for a in mine:
        for b in theirs:
            if a.lemma_.lower() == b.lemma_.lower() and a.head.lemma_.lower() == b.head.lemma_.lower() \
                    and polarity(a) != polarity(b) and (_negated_here(a) or _negated_here(b)):
                says = "does not negate it" if polarity(a) else "negates it"
                findings.append(Finding("negation", f"the source says the opposite: it {says} "
                                        f"(\u201c{b.head.text} ... {'not ' if polarity(b) else ''}{b.text}\u201d)"))
                return


def _obliques(verb: Token) -> dict[str, Token]:
    """A verb's prepositional phrases, by preposition: their objects ("convicted of bribery": {"of": bribery})."""
    out: dict[str, Token] = {}
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative"):  # ("sent the doses to Lagos": "to" is a dative)
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None:
                out.setdefault(prep.lower_, obj)
    return out


def _lemmas(t: Token) -> set[str]:
    return {x.lemma_.lower() for x in t.subtree if x.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")}


def obliques_crossed(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    """What the passage says with another verb of its sentence, given to this one: "Hale was convicted of money
    laundering" where he "was convicted of three counts of bribery but acquitted of money laundering". The same
    verb and preposition on both sides, another object, and the statement's object is what the passage's other
    verb has with that preposition."""
    for c, d in aligned:
        if not c.pred & d.pred - _COPULA:
            continue
        for prep, obj, other, theirs in _paired_obliques(statement, p, c, d):
            head = obj.lemma_.lower()
            if head in _lemmas(other):
                continue
            for verb in theirs.doc:
                if verb.pos_ != "VERB" or verb is theirs or verb.lemma_.lower() == theirs.lemma_.lower():
                    continue
                elsewhere = _obliques(verb).get(prep)
                if elsewhere is not None and head in _lemmas(elsewhere):
                    findings.append(Finding("role", f"the source has it with another verb: \u201c{verb.text} {prep} "
                                            f"{' '.join(x.text for x in elsewhere.subtree if not x.is_space)}\u201d"))
                    return


def oblique_exchanged(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    """"Protesters opened fire on police" where the passage says "Police opened fire on unarmed protesters": the
    same verb and preposition, the statement's subject is what the passage's verb is done to (its object after that
    preposition), and the statement's object there is the passage's subject."""
    if any(f.kind == "role" for f in findings):
        return
    for c, d in aligned:
        if c.agent is None or d.agent is None or not c.pred & d.pred - _COPULA or c.passive or d.passive \
                or fills(None, c.agent, d.agent):
            continue
        for prep, obj, other, _ in _paired_obliques(statement, p, c, d):
            if prep not in _ALONGSIDE and c.agent.head in _heads_of(other) and d.agent.head in _heads_of(obj):
                findings.append(Finding("role", f"who did what to whom is exchanged: in the source {show(d.agent)} "
                                        f"acts on \u201c{' '.join(x.text for x in other.subtree)}\u201d"))
                return


def pronoun_gender_swapped(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    """"Weiss did not say whether she would remain leader" where the passage says "He did not say whether he would
    remain leader": a clause lined up with the passage's has "she" where it has "he" (or the reverse) in the same
    role, so it speaks of another person."""
    if any(f.kind in ("role", "name") for f in findings):
        return
    for c, d in aligned:
        mine_verb, their_verb = verb_token([statement], c), verb_token(p.units, d)
        if mine_verb is None or their_verb is None:
            continue
        for mine, theirs in ((c.agent, d.agent), (c.patient, d.patient)):
            if mine is None or theirs is None or "pronoun" not in (mine.referring, theirs.referring):
                continue
            a, b = PRONOUN_GENDER.get(mine.text.lower()), PRONOUN_GENDER.get(theirs.text.lower())
            # (each the verb's own subject or object, not one the parser lent it from a verb it joined it to: "she
            # was there when he did it and helped dispose of the body")
            if a and b and a != b and _own_argument(mine_verb, mine.text) and _own_argument(their_verb, theirs.text):
                findings.append(Finding("role", f"the source says \u201c{theirs.text}\u201d where this says "
                                        f"\u201c{mine.text}\u201d: another person"))
                return


def _own_argument(verb: Token, word: str) -> bool:
    return any(x.dep_ in ("nsubj", "nsubjpass", "dobj") and x.text == word for x in verb.children)


def _paired_obliques(statement: Unit, p: Passage, c: Clause, d: Clause) -> Iterator[tuple[str, Token, Token, Token]]:
    """The prepositional phrases a statement clause and its aligned passage clause both have: (the preposition, the
    statement's object of it, the passage's, the passage clause's verb)."""
    mine, theirs = verb_token([statement], c), verb_token(p.units, d)
    if mine is None or theirs is None:
        return
    their_obliques = _obliques(theirs)
    for prep, obj in _obliques(mine).items():
        if (other := their_obliques.get(prep)) is not None:
            yield prep, obj, other, theirs


def _heads_of(t: Token) -> set[str]:
    return {stem(t.lower_), stem(t.lemma_.lower())}


def negated_by_prefix(statement: Unit, p: Passage) -> set[int]:
    """Where the statement says with "not" what the passage says with a prefix ("were not armed" for "unarmed"):
    the offsets of those words, which the content check then does not count as missing."""
    if statement.doc is None:
        return set()
    mine = [a for a in statement.doc if a.tag_ in ("JJ", "VBN")
            and any(x.lower_ in _OWN_NEGATION for x in statement.doc[max(0, a.i - 3):a.i])]
    if not mine or not _in_text(p, [prefix + a.lower_ for a in mine for prefix, _ in _NEGATING_PREFIXES]):
        return set()
    theirs = [t for u in p.units if u.doc is not None for t in u.doc if t.tag_ in ("JJ", "VBN")]
    return {a.idx + statement.start for a in mine if any(_opposite_by_prefix(a, b) for b in theirs)}


def _same_side(c: Clause, d: Clause, p: Passage) -> bool:
    """For a pair of converse predicates: the same party acts in both ("Nordlys bought the division" where "It
    sold" it), and the statement's acting party is not who the passage's verb has on the other side ("from"/"to"
    it: "a Greek buyer bought it" where Nordlys sold it "to a Greek buyer")."""
    if c.agent is None or d.agent is None:
        return False
    if not (fills(None, c.agent, d.agent) or (d.agent.referring == "pronoun" and fills(None, c.patient, d.patient))):
        return False
    verb = verb_token(p.units, d)
    other = {stem(x.lower_) for prep, obj in (_obliques(verb).items() if verb is not None else ())
             if prep in ("to", "from") for x in obj.subtree}
    return not c.agent.words & other


def told_from_the_other_side(statement: Unit, p: Passage) -> set[int]:
    """The statement's converse verbs whose counterpart the passage has ("bought ... from Nordlys" for "Nordlys sold
    ... to"): not missing content words (the opposite check rejects the same party doing the other)."""
    if statement.doc is None:
        return set()
    out: set[int] = set()
    for t in statement.doc:
        if t.pos_ == "VERB" and (mine := stem(t.lemma_.lower())) in CONVERSE \
                and OPPOSITE.get(mine, frozenset()) & p.forms:
            out.add(t.idx + statement.start)
    return out


# Verbs that leave a thing as it is ("left rates unchanged", "leaves City top of the table"), and those that say the
# thing stays so ("rates remain unchanged", "City remain top").
_LEAVING = frozenset({"leave", "keep", "hold"})
_REMAINING = frozenset({"remain", "stay"})


def remains_as_left(statement: Unit, p: Passage) -> set[int]:
    """The statement's "remain"/"stay" that the passage tells from the other side: "City remain top of the table"
    for "The defeat leaves City top of the table", "Rates remain unchanged" for "The bank left rates unchanged" (the
    same party, the same complement). Not a missing content word."""
    if statement.doc is None:
        return set()
    out: set[int] = set()
    for t in statement.doc:
        if t.lemma_.lower() not in _REMAINING:
            continue
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        complement = next((c for c in t.children if c.dep_ in ("attr", "acomp")), None)
        if subject is None or complement is None:
            continue
        who, what = stem(subject.lemma_.lower()), stem(complement.lemma_.lower())
        for u in p.units:
            for v in u.doc or ():
                # (what was done, not what is expected or may be: "Economists expect the bank to leave rates
                # unchanged"; nor what was later undone: "kept the wage unchanged last year but has raised it")
                if v.lemma_.lower() not in _LEAVING or any(
                        a.dep_ == "aux" and (a.lower_ in MODALS or a.lower_ == "to") for a in v.children) \
                        or any(x.dep_ == "conj" and stem(x.lemma_.lower()) in OPPOSITE.get(stem(v.lemma_.lower()),
                                                                                            frozenset())
                               for x in v.children):
                    continue
                obj = next((c for c in v.children if c.dep_ == "dobj"), None)
                state = next((c for c in v.children if c.dep_ in ("oprd", "acomp", "xcomp")), None)
                if obj is None:
                    continue
                # (an adjective after the object is its state, however the parser hangs it: "left rates unchanged")
                state = state or next((c for c in obj.children if c.dep_ == "amod" and c.i > obj.i), None)
                # ("left rates unchanged"; or "leaves City top", parsed as one noun: "City" on "top")
                if (state is not None and stem(obj.lemma_.lower()) == who and stem(state.lemma_.lower()) == what) \
                        or (stem(obj.lemma_.lower()) == what and any(
                            c.dep_ in ("compound", "nmod") and stem(c.lemma_.lower()) == who for c in obj.children)):
                    out.add(t.idx + statement.start)
    return out


def _aux(verb: Token) -> set[str]:
    """A verb's auxiliaries, lower-cased ("can", "will", "has")."""
    return {a.lower_ for a in verb.children if a.dep_ == "aux"}


def _reported_future(verb: Token) -> bool:
    """A "would" told as someone's word of what was to come ("She said a campaign would begin on Thursday"), not
    the narrator's of what came ("an illness that would eventually prove fatal")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH


def modality_changed(statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding]) -> None:
    """What a party can or will do stated as done: "Parliament ended the dispute by law" where the passage says
    "Parliament can end a strike by law", "The scanner detected tumours" where it "can detect" them, "Doctors began
    using the scanner in June" where they "will begin" to; unless the passage says it was done once ("..., as it
    did in a nurses' dispute in 2021"). Not a verb of saying, "Bowe tweeted: 'I will tweet anything ...'", nor a
    copula, "the law was the first of what it hopes 'will be many'": lined up with the passage's "will", both had
    been read so. A "would" counts where it is a speaker's future ("She said a campaign would begin on Thursday":
    "A campaign began on Thursday" is not in it), as does what is planned or expected ("expected to begin cutting
    rates": "began cutting rates"). And what could be so made what will be so, the rest kept: "Karl
    Holm said the state would run out of money" where he warned that "the state could run out of money"."""
    for c, d in aligned:
        if c.condition or not c.pred & d.pred:
            continue
        theirs, mine = verb_token(p.units, d), verb_token([statement], c)
        if theirs is None or mine is None:
            continue
        their_aux, my_aux = _aux(theirs), _aux(mine)
        if my_aux & HEDGE_AUX or any(hedging(t) for t in mine.children):
            continue  # (its own hedge: "may have begun"; a speaker's "X said it began" is no hedge of it)
        if not (c.modal or c.wanted or c.speech or not c.pred & d.pred - _COPULA) \
                and (their_aux & {"can", "ca", "will", "'ll"} or "would" in their_aux and _reported_future(theirs)) \
                and (mine.tag_ == "VBD" or my_aux & {"has", "have", "had"}) \
                and not any(t.lemma_ == "do" and t.tag_ == "VBD" and t.head == theirs for t in theirs.subtree):
            findings.append(Finding("certainty", "the source says only that it can or will be done; stated as done "
                                    "here"))
            return
        if d.wanted and not (c.wanted or c.modal or c.speech) and (mine.tag_ == "VBD" or my_aux & {"has", "have"}):
            # ("the bank said it expected to begin cutting rates": "The bank began cutting rates")
            findings.append(Finding("certainty", "the source says only that it is planned, wanted, considered or "
                                    "expected; stated as done here"))
            return
        if their_aux & HEDGE_AUX and (hardened := my_aux & {"will", "would", "'ll", "shall"}):
            findings.append(Finding("certainty", f"the source says only that it may be so; this says it "
                                    f"\"{min(hardened)}\""))
            return


def proposed_done(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A thing the passage's party only plans, weighs or threatens, stated as done with another verb: "Save Elm
    Street has filed a legal challenge" where it "was considering a legal challenge" ("planned an attack": "launched
    an attack"). The same thing acted on, the same party (or the passage's pronoun), the statement's verb in the past
    or perfect and neither wanting, hedged nor reported."""
    proposing = [d for d in p.clauses if d.pred & PROPOSING_STEMS and d.patient is not None and not d.negated]
    if not proposing:
        return
    for c in statement.clauses:
        if c.patient is None or c.speech or c.modal or c.wanted or c.condition or c.hedged or c.negated \
                or c.pred & PROPOSING_STEMS:
            continue
        mine = verb_token([statement], c)
        if mine is None or not (mine.tag_ == "VBD" or _aux(mine) & {"has", "have", "had"}):
            continue
        for d in proposing:
            if d.patient is None or not fills(None, c.patient, d.patient) \
                    or not (fills(None, c.agent, d.agent) or (d.agent is not None and d.agent.referring == "pronoun")):
                continue
            findings.append(Finding("certainty", f"the source says only that it was {_word(p.units, d)} "
                                    f"(\u201c{d.patient.text}\u201d); stated as done here"))
            return


# Modifiers that leave a thing unsure ("412 suspected cases", "the alleged attack"), and those that make it sure.
_TENTATIVE = frozenset("""suspected alleged possible probable presumed presumptive unconfirmed purported
                          reported""".split())
_CERTAIN = frozenset("confirmed proven verified actual definite".split())


def tentative_dropped(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A thing the passage only calls "suspected" (or "alleged", "possible", ...) told as sure: "412 confirmed
    cases" for "412 suspected cases"; or counted without the word where the passage never has the thing without it
    ("412 cases"; where it also has "190 cases", the bare noun may be those). (A thing only named, "to prevent a
    possible flood of refugees" told as "to prevent a flood", is not said to be.)"""
    if statement.doc is None:
        return
    unsure: dict[str, str] = {}
    bare: set[str] = set()
    for u in p.units:
        for t in u.doc if u.doc is not None else ():
            if t.pos_ != "NOUN":
                continue
            word = next((c.lower_ for c in t.children if c.dep_ == "amod" and c.lower_ in _TENTATIVE), None)
            if word is not None:
                unsure[t.lemma_.lower()] = word
            else:
                bare.add(t.lemma_.lower())
    if not unsure:
        return
    said = {t.lower_ for t in statement.doc}
    for t in statement.doc:
        word = unsure.get(t.lemma_.lower()) if t.pos_ == "NOUN" else None
        if word is None or word in said or said & HEDGE_ADV:
            continue
        sure = sorted({c.lower_ for c in t.children if c.dep_ in ("amod", "compound")} & _CERTAIN)
        counted = any(c.dep_ == "nummod" for c in t.children)
        if sure or counted and t.lemma_.lower() not in bare:
            told = f"\"{sure[0]}\"" if sure else "it as sure"
            findings.append(Finding("certainty", f"the source says \"{word} {t.text}\"; this says {told}"))
            return


def certainty(src: Analysed, aligned: Aligned, attributed_to: str | None, findings: list[Finding],
              anchored: bool, reporters: Sequence[Role] = (), speakers: Sequence[Role] = (),
              hedged_report: int | None = None, named: Sequence[names.Mention] = (),
              deniers: Sequence[Role] = (), carried: str | None = None) -> None:
    """Conditions and hedges must be kept. An attribution must be kept by a claim (in its words, ``reporters``: the
    parties its own verbs of saying give, or in who it says asserts it); a summary sentence that drops one ("Y" for
    "X said Y") is still what the source reports, and gets a warning (kind "attribution", not a reason to reject
    it): the neutral summary attributes it itself. Another speaker than the source's is a role error, unless the
    passage reports speech within speech ("Waldron said she told him ...": ``speakers``, the passage's).
    ``hedged_report``: where the statement's own verb of saying is, when it is hedged ("allegedly told").
    ``named``: the names of the passage (its persons count as speakers the parser may have left unattached).
    ``deniers``: who denies something in the statement ("Ryan denied that ..." does not make what follows his).
    ``carried``: on the search path, who the article has assert the passage when it goes on with a quotation of a
    sentence before (a speaker the statement names must be that one)."""
    kind = "certainty" if anchored else "attribution"
    nested = len(reporters) > 1 and any(r.referring in ("pronoun", "definite") for r in speakers)
    claimed = src.expand(names.keys(attributed_to)) if attributed_to else ()
    claimed_stems = {stem(k) for k in claimed}
    carried_keys = src.expand(names.keys(carried)) if carried and not anchored else ()
    # A condition the statement keeps, the parser may hang on another of its verbs than the source does ("The
    # procedure remains allowed if necessary to ..." for "The law allows the procedure if necessary to ...").
    conditioned = any(c.condition or (c.restrictive and d.conditional) for c, d in aligned)
    for c, d in aligned:
        if c.speech:
            continue
        if c.speaker is not None and d.speaker is not None and not nested and not fills(src, c.speaker, d.speaker) \
                and not c.speaker.words & d.speaker.words and (
                    # another named speaker than the passage's own named one
                    (c.speaker.main and _proper(d.speaker) and not any(
                        names.same_party(src.expand(a), src.expand(b))
                        for a in c.speaker.names for b in d.speaker.names))
                    # or another state's (or states'), however each is described: "Russia and Iran told Turkish
                    # intelligence that ..." where the passage has it "according to information provided by
                    # Turkish intelligence to Russia and Iran"
                    or (_of_states(c.speaker) and _of_states(d.speaker) and not any(
                        names.same_party(src.expand(a), src.expand(b))
                        for a in c.speaker.names for b in d.speaker.names))
                    # or, named by a common noun, another speaker of the passage: "Witnesses said he had digitally
                    # manipulated the face" where Peckitt claimed that and the witnesses said something else
                    # ("Analysts at Barclays said ..." where the chief executive said it: a name in a phrase on the
                    # noun does not make the group a named party)
                    or (not c.speaker.main and c.speaker.referring != "pronoun"
                        and any(fills(src, c.speaker, s) for s in speakers))
                    # or, the other way round, a named speaker of the passage where the passage's speaker is a
                    # group it names by a common noun: "Eamon Ryan said the government's failure ... had left rural
                    # communities exposed" where critics said it and he rejected their claim
                    # ("Maria Santos said officers had acted in self-defence" where the interior ministry said it,
                    # and she the opposite, in the sentence after; not a person's description, "the prime
                    # minister", "the 20-year-old", which may be hers)
                    or (c.speaker.main and not d.speaker.main and (d.speaker.referring == "plain" or (
                        d.speaker.referring == "definite" and d.speaker.head in _INSTITUTIONS))
                        and any(fills(src, c.speaker, s) for s in speakers)
                        and not any(fills(src, c.speaker, r) for r in deniers))):
            other = Finding("role", f"the source attributes it to {show(d.speaker)}, not to {show(c.speaker)}")
            if other not in findings:  # said once, however many of its clauses the speaker governs
                findings.append(other)
            continue
        # (who the article has assert the passage: the claim's party on the claims path, a quotation's speaker
        # carried over on the search path)
        whose, keys = (attributed_to, claimed) if anchored and attributed_to != "the author" \
            else (carried, carried_keys)
        if whose and keys and c.speaker is not None \
                and d.speaker is None and c.speaker.names \
                and not any(names.same_party(keys, src.expand(k)) for k in c.speaker.names) \
                and not any(fills(src, c.speaker, s) for s in speakers) \
                and not any(src.kind(n) == "person" and names.same_party(src.expand(k), src.expand(n.keys))
                            for k in c.speaker.names for n in named):
            # The claim's passage gives this clause no speaker; the article gives its words to ``attributed_to``
            # ("Tony's wife will be at Sandown", the Sandown spokesman's): a claim naming another party as the
            # speaker ("A Chelsea spokesman said ...") misattributes them, unless the passage has that party speak
            # within what ``attributed_to`` reports ("Silvonek admitted ..." in an affidavit's account), or names
            # that person where the parser left its verb of saying without a subject ("after Jason Chan, its
            # marketing manager, boasted that ...").
            wrong = Finding("role", f"the source attributes it to {whose}, not to {show(c.speaker)}")
            if wrong not in findings:  # said once, however many of its clauses the speaker governs
                findings.append(wrong)
            continue
        if d.asked and not (c.asked or c.wanted or c.condition or c.speech):
            if any(f.kind == "certainty" for f in findings):
                continue  # said once: "planned, wanted, considered ..."
            findings.append(Finding("certainty", "the source only asks whether it is so (\"whether ...\"); "
                                    "stated here"))
        elif d.condition and not conditioned:
            findings.append(Finding("certainty", "the source states it only under a condition (\"if ...\")"))
        # (a speaker's word the statement reports with the source's hedge, "X allegedly told officers he ...",
        # keeps it for everything the speaker says, however the parser hangs the clauses under the verb)
        elif d.hedged and not (c.hedged or c.condition or (c.speaker and not _modal_hedge(src, d))
                               or (hedged_report is not None and c.verb > hedged_report)):
            findings.append(Finding("certainty", "the source only says it may be so (a hedge such as "
                                    "\"reportedly\", \"may\")"))
        elif d.quoted and not (c.quoted or c.speaker or c.hedged) and d.speaker is None:
            if not attributed_to or attributed_to == "the author":
                findings.append(Finding(kind, "the source quotes someone saying it; stated as fact here"))
        elif d.speaker is not None and c.speaker is None and (d.hedged or not c.hedged):
            if any(fills(src, r, d.speaker) for r in reporters):
                continue  # the statement reports it as the speaker's word itself ("Many pupils reported taking")
            if _describes(c, d.speaker):
                continue  # the author's description of the speaker, not the speaker's word
            if any(c2.speech and c2.agent is None and d2.agent is not None and d2.agent.start == d.speaker.start
                   for c2, d2 in aligned if d2.speech and c2.pred & d2.pred):
                # the statement keeps the passage's verb of saying, which the parser left without its subject
                # ("published a letter from a fighter ... suggesting that locals did not ...")
                continue
            speaker = d.speaker
            if claimed and (any(names.same_party(claimed, src.expand(k)) for k in speaker.names)
                            or speaker.words & claimed_stems or _spoke_before(src, speaker, claimed, claimed_stems)):
                continue
            findings.append(Finding(kind, f"the source attributes it to {show(speaker)}; stated as fact here",
                                    _speaker_name(src, speaker)))


def _modal_hedge(src: Analysed, d: Clause) -> bool:
    """Whether the passage clause's hedge is a modal of its own verb ("aspirin may reduce the risk, according to a
    study"): the speaker's finding is hedged, and a statement reporting it must keep that ("A study found that
    aspirin reduces the risk" does not), where a hedge of the reporting ("reportedly") goes with the report."""
    verb = verb_token(src.units, d)
    return verb is not None and bool(_aux(verb) & HEDGE_AUX)


# Bodies, not persons: a named person is not "the interior ministry".
_INSTITUTIONS = frozenset(stem(w) for w in """ministry department office government agency police army military
company firm council court commission committee party union bank board embassy authority authorities regulator
administration cabinet parliament senate congress""".split())


def _speaker_name(src: Analysed, speaker: Role) -> str | None:
    """Whom a summary may name as the speaker: the speaker's words, or for a pronoun ("It said it had offered
    ...") the party it points to in the sentences before; None when it points at none (no "according to It")."""
    if speaker.referring != "pronoun":
        return speaker.text
    own = src.units_near(speaker.start, speaker.start + 1)
    return referent(src, own[0], speaker.text.lower(), before_only=True, speaking=True) if own else None


def attribution_kept(src: Analysed, statement_clauses: Sequence[Clause], p_clauses: Sequence[Clause],
                     aligned: Aligned, attributed_to: str | None, focus: tuple[int, int],
                     findings: list[Finding]) -> None:
    """A claim's quote is what the source attributes to someone ("..., NASA said") but the claim's clauses did
    not line up with the source's (so ``certainty`` had nothing to compare): the claim must still keep the
    attribution, in its words (a speaker, a verb of saying, a hedge) or in who it says asserts it."""
    if any(f.kind == "certainty" for f in findings):
        return
    if any(c.speech or c.speaker is not None or c.hedged or c.condition for c in statement_clauses):
        return
    own = attributed_to is not None and attributed_to != "the author"
    if not own and any(d.speech and focus[0] <= d.verb < focus[1] and not _finds_a_thing(d) for d in p_clauses):
        # The quote holds a verb of saying ("who they say planned ..."), the claim none, nor a speaker.
        findings.append(Finding("certainty", "the source reports it as someone's word; stated as fact here"))
        return
    inside = [d for d in p_clauses if focus[0] <= d.verb < focus[1] and not d.speech]
    if not inside or any(d in {t for _, t in aligned} for d in inside):
        return  # nothing in the quote, or compared clause by clause already
    claimed = src.expand(names.keys(attributed_to)) if attributed_to and attributed_to != "the author" else ()
    claimed_stems = {stem(k) for k in claimed}
    for d in inside:
        if d.speaker is None and not d.quoted:
            return  # the quote holds something the source states itself
        if d.speaker is not None and claimed and (
                any(names.same_party(claimed, src.expand(k)) for k in d.speaker.names)
                or d.speaker.words & claimed_stems):
            return
        if d.speaker is None and claimed:
            return  # a quotation the claim attributes to someone
    who = next((show(d.speaker) for d in inside if d.speaker is not None), "someone it quotes")
    findings.append(Finding("certainty", f"the source attributes it to {who}; stated as fact here"))


def _spoke_before(src: Analysed, speaker: Role, claimed: tuple[str, ...], claimed_stems: set[str]) -> bool:
    """Whether a speaker the passage gives by a bare description ("according to the sources") may be the party
    the claim says asserts it: that party speaks earlier in the article ("Decision makers in Damascus said ...")."""
    if speaker.referring != "definite" or speaker.names:
        return False
    return any(c.speech and c.agent is not None and c.verb < speaker.start and (
        any(names.same_party(claimed, src.expand(k)) for k in c.agent.names) or c.agent.words & claimed_stems)
        for u in src.units if u.start < speaker.start for c in u.clauses)


def _proper(r: Role) -> bool:
    """A party named by its name ("The Observatory", "Tass"), or given its name beside a description ("Hale's
    lawyer, Simon Bright"), not a description with a name on it ("the Russia space agency", which may be the
    "Roscosmos" of another sentence)."""
    return any(r.head in (stem(k) for k in key) or all(stem(k) in r.described for k in key) for key in r.main)


def _of_states(r: Role) -> bool:
    """A party named by states alone ("Russia and Iran", "Turkish intelligence")."""
    return bool(r.names) and all(any(names.is_state(k) for k in key) for key in r.names)


def _describes(c: Clause, speaker: Role) -> bool:
    """Whether the statement says what the source's own phrase for a speaker says of them: "Graham Buckingham is
    campaign director at Bite-Back" from "Graham Buckingham, campaign director at Bite-Back, told The Times ...",
    "Kansas Gov. Sam Brownback is a Republican" from "Brownback, a Republican, said ...". The phrase is the
    author's."""
    if c.agent is None or c.patient is None or not c.patient.words & speaker.described:
        return False
    return c.patient.words <= speaker.words | speaker.described and fills(None, c.agent, speaker)


def fills(src: Analysed | None, mine: Role | None, theirs: Role | None) -> bool:
    """Whether two role fillers can be the same party: a shared name (in any of the forms the source gives it),
    or (no names) a shared head word."""
    if mine is None or theirs is None:
        return False
    if src is not None and (any(src.describes(k, theirs) for k in mine.main)
                            or any(src.describes(k, mine) for k in theirs.main)):
        return True  # "Roscosmos" for "the Russia space agency", where the article says what Roscosmos is
    if mine.names and theirs.names:
        expand = src.expand if src is not None else (lambda k: k)
        a_names = mine.main or mine.names
        b_names = theirs.main or theirs.names
        return any(names.same_party(expand(a), expand(b)) for a in a_names for b in b_names)
    if mine.head == theirs.head and mine.head:
        return True
    if mine.names and not theirs.names:
        return any(set(a) & theirs.words for a in mine.names)
    return bool(mine.words & theirs.words and (mine.head in theirs.words or theirs.head in mine.words))



def _named_after(src: Analysed, mine: Role, theirs: Role, p: Passage) -> bool:
    """Whether the passage's main clause has "he" or "she" where the statement names a party that the same sentence
    makes the subject of its second main clause: "He confessed to stabbing her ..., and Jamie Silvonek admitted she
    was there" does not say Jamie Silvonek confessed. (A name elsewhere after the pronoun may be its own: "He
    appeared in court, where Jones spoke only to confirm his name", "He died on Sunday, and Jones's family paid
    tribute"; "When he arrived, Trump said ..." is not a main clause's.)"""
    if not mine.main or theirs.referring != "pronoun" or theirs.text.lower() not in ("he", "she"):
        return False
    unit = next((u for u in p.units if u.start <= theirs.start < u.end), None)
    return unit is not None and any(
        n.start >= theirs.end and coordinated_subject(unit, n.start)
        and names.same_party(src.expand(k), src.expand(n.keys)) for n in unit.mentions for k in mine.main)


def _same_head(a: Role | None, b: Role | None) -> bool:
    return a is not None and b is not None and a.head == b.head


def _acts_elsewhere(src: Analysed, statement: Unit, c: Clause, theirs: Role, d: Clause, p: Passage) -> bool:
    """Whether the passage's acting party acts in another clause of the statement, on another thing than the
    passage clause's, and only there: the statement gives it another deed, and this one to someone else. The
    other thing is named ("advised Brightfield"), or the passage gives that deed to another named party ("JAXA
    will supply a laser reflector, while NASA will provide a small rover" where NASA supplies the reflector and
    JAXA provides the rover)."""
    if d.patient is None or c.patient is None or not fills(src, c.patient, d.patient):
        return False
    others = [o for o in statement.clauses if o is not c and fills(src, o.agent, theirs)]
    return bool(others) and all(o.patient is not None and not fills(src, o.patient, d.patient) and (
        o.patient.names or any(o.pred & e.pred and fills(src, o.patient, e.patient) and e.agent is not None
                               and e.agent.names and not fills(src, e.agent, theirs) for e in p.clauses))
        for o in others)


def _other_party_put(src: Analysed, mine: Role | None, theirs: Role | None, p: Passage) -> bool:
    """A party the statement gives by a description where the passage's clause names another one, the description
    being that of a party the passage has elsewhere: "Border agents were carrying the backpacks" where it says
    "According to border patrol agents, the backpacks Mr Hall and Mr Laviolette were carrying ..."."""
    if mine is None or theirs is None or mine.names or mine.referring not in ("plain", "definite") \
            or not theirs.main or theirs.referring != "name" or mine.head in theirs.words | theirs.described \
            or any(src.describes(k, mine) for k in theirs.main):
        return False
    return any(r is not None and r.head == mine.head and not r.names and r.start != theirs.start
               for c in p.clauses for r in (c.agent, c.patient, c.speaker))


def _named_apart(a: Role, b: Role) -> bool:
    """Both fillers are named, and neither's own name (``main``) has a word of any name in the other."""
    return bool(a.main and b.main) and not any(
        set(x) & set(y) for own, other in ((a.main, b.names), (b.main, a.names)) for x in own for y in other)


def _moved(src: Analysed, mine: Role | None, theirs: Role | None, other: Role | None) -> bool:
    """A party the statement puts among the fillers of a role ("The Turkey and NATO vowed to support Turkey") that
    the source has in the clause's other role ("The US and NATO vowed to support Turkey"), not in this one."""
    if mine is None or theirs is None or other is None or not theirs.names or not other.names:
        return False
    if not mine.main and mine.words & theirs.words:
        return False  # "The Turkish equipment" for "units of military equipment": the same thing, not Turkey
    for keys in (src.expand(k) for k in mine.main or mine.names):
        if any(names.same_party(keys, src.expand(o)) for o in other.names) \
                and not any(names.same_party(keys, src.expand(t)) for t in theirs.names):
            return True
    return False


def _itself(src: Analysed, a: Role | None, b: Role | None) -> bool:
    """The same party by what each filler is, not by a name on it: the same own name, or (neither named) the same
    head noun."""
    if a is None or b is None:
        return False
    if a.main and b.main:
        return any(names.same_party(src.expand(x), src.expand(y)) for x in a.main for y in b.main)
    return not a.main and not b.main and bool(a.head) and a.head == b.head


def _equated(src: Analysed, p: Passage, a: Role, b: Role) -> bool:
    """Whether the passage says the two fillers are one party, by a copula ("X is Y", either way round)."""
    return any(_COPULA & e.pred and e.agent is not None and e.patient is not None and (
        (fills(src, e.agent, a) and fills(src, e.patient, b)) or (fills(src, e.agent, b) and fills(src, e.patient, a)))
        for e in p.clauses)


def _crosses(src: Analysed, a: Role | None, b: Role | None) -> bool:
    """Whether ``a`` can stand for the party ``b`` in the other role: as ``fills``, but a thing that only carries
    the party's name as a modifier is not the party ("The Turkish equipment deployed ..." is deployed; "Turkey
    deployed equipment": Turkey does the deploying, the equipment is not exchanged with it)."""
    if a is None or b is None or not fills(src, a, b):
        return False
    return not ((a.main and not b.main and b.names and b.head not in a.words)
                or (b.main and not a.main and a.names and a.head not in b.words))


def _acts_on_another(src: Analysed, c: Clause, d: Clause) -> bool:
    """The statement's clause has a patient of its own, which is not the passage clause's patient: what it makes act
    is not merely described by another verb form of the same event."""
    return c.patient is not None and c.patient.referring != "pronoun" and not fills(src, c.patient, d.patient) \
        and not fills(src, c.patient, c.agent)


def _named_pair(a: Role | None, b: Role | None) -> bool:
    return a is not None and b is not None and bool(a.main) and bool(b.main)


