"""Who a statement names, checked against its passage and the article around it.

A name the passage has is the passage's. A name the article has elsewhere may be what a self-contained claim puts
for the passage's "he", "the teenager" or "government forces"; ``Parties.check`` decides where that is so and
where the name is another party put in the passage's place.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from service.text import lexical, names
from service.text.analysed import PRONOUN_GENDER, Analysed, Unit, Word, forms
from service.text.clauses import SPEECH, Role
from service.text.evidence import Finding, Passage, show, where
from service.text.lexical import stem
from service.text.relations import Aligned

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns whose modifier says whose they are ("Syrian government forces"): a modifier the article never puts on
# them is another party's.
_ACTORS = frozenset("""government forc force troop army military soldier official police side ministry minist media
group fighter personnel authoriti authority intelligence president leader regime navy air rebel militant
delegation embassy court parliament agent patrol guard diplomat statement spokesman spokeswoman spokesperson""".split())


_PLACES = ("GPE", "LOC", "FAC")
# Nouns for an event (stems, as ``Mention.head``): a place put on one names where it happened.
_EVENTS = frozenset(stem(w) for w in """incident clash encounter attack battle offensive fighting firefight standoff
confrontation raid strike operation protest collapse quake earthquake fire crash explosion blast disaster shooting
riot siege ambush""".split())
# A state's armed organs, which a town or a province does not have (it may have a ministry or a government of its
# own: "the Gaza health ministry", "the Texas government").
_ARMED = frozenset(stem(w) for w in "army military regime navy".split())
_FORCES = frozenset(stem(w) for w in "forces troops soldiers".split())
_SETTING_REACH = 8  # sentences back, within the paragraph, where an event's place may have been named


class Parties:
    """The name checks over one analysed source."""

    def __init__(self, source: Analysed) -> None:
        self.source = source
        self.all_mentions = [m for u in source.units for m in u.mentions]
        self.all_forms = frozenset().union(*(u.word_forms for u in source.units)) if source.units else frozenset()
        # The names that act or speak in their sentence: what a later "he" or "she" most likely points back to.
        self._acting = {n.start for u in source.units for n in u.mentions if n.role == "argument" or speaks(n, u)}
        # The parties the article names by a person's full name somewhere ("Clara Weiss"): a "he" or "she" may be
        # theirs wherever the tagger typed their bare surname an organisation ("Weiss took 52.4% of the vote").
        self._persons = [source.expand(n.keys) for n in self.all_mentions if n.label == "PERSON" and len(n.keys) > 1]
        # Who the article says each person is, by the name it puts before theirs ("Turkish President Recep Tayyip
        # Erdogan", "US Defence Secretary Chuck Hagel"): (the person's keys, the epithet's).
        self._epithets = [(source.expand(person.keys), source.expand(party), source.text[e.start:person.start].strip())
                          for u in source.units for e, person, party in epithets(u)]
        # Whom the article gives each rank or office before the name ("Dr. David Tourgeman", "Gov. Sam Brownback").
        self._titled: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for u in source.units:
            for title, _, name in titled(u.text):
                keys = source.expand(names.keys(name))
                # (a person the article names: "Speaking to the coach Tuesday" gives no one the office)
                if keys and any(names.same_party(keys, source.expand(n.keys)) and source.kind(n) == "person"
                                for n in u.mentions):
                    self._titled.setdefault(title, []).append((keys, name))

    def titles(self, statement: Unit, findings: list[Finding]) -> None:
        """A person the statement gives a rank or office ("Dr. Nick Loeb") the article gives to others only ("Dr.
        David Tourgeman"), never to that person: the title is another party's, and so, most likely, the sentence.
        A title the article never uses is left alone (a claim may add "President" from what the article says
        elsewhere)."""
        src = self.source
        for title, written, name in titled(statement.text):
            holders = self._titled.get(title)
            keys = src.expand(names.keys(name))
            if not holders or not keys or any(names.same_party(keys, h) for h, _ in holders):
                continue
            if not any(names.same_party(keys, src.expand(n.keys)) and src.kind(n) == "person"
                       for n in self.all_mentions):
                continue  # (not a person the article names: the names check decides)
            findings.append(Finding("name", f"the article never calls {name} \u201c{written}\u201d: it gives that "
                                    f"title to {holders[0][1]}"))
            return

    def check(self, statement: Unit, p: Passage, aligned: Aligned, findings: list[Finding],
              trace: list[str]) -> tuple[set[str], list[str]]:
        """Every party the statement names must be the passage's, or one the article gives for the passage's
        reference to it:

        - a name the passage has (in any of its forms) is licensed;
        - a name the article has elsewhere is licensed where a claim made self-contained would put it: as the
          modifier the article uses with the same noun, or one of its two most mentioned parties ("Syrian" for
          "government forces", not "Aleppo"); in a role whose filler in the passage is a pronoun or a
          description, as the party it most likely points to ("he", "the 46-year-old": one of the article's
          two most mentioned, or two last mentioned, parties of that kind), never where the passage has
          another filler ("militants"); elsewhere, provided it does not stand where the passage names another
          party ("Canadian and US police" made "Canadian and Bellingham police").
        """
        src = self.source
        licensed: set[str] = set()
        missing: list[str] = []
        wrong: list[str] = []
        put_for = False  # a person or a place put where the passage names another person or place
        mine = [src.expand(m.keys) for m in statement.mentions]
        here = [(n, src.expand(n.keys)) for n in p.mentions]
        here_keys = {k for _, ks in here for k in ks}
        stated = {f for w in statement.words for f in w.forms} | {k for ks in mine for k in ks}
        # What the statement names besides, for whether a name displaced one of the passage's: a capital names its
        # city there, not its state ("the Ankara meeting" does not name the passage's "Turkish side" that "the
        # Syrian side" displaced).
        named = [(m.text.lower(),) if names.is_capital(m.text) else ks
                 for m, ks in zip(statement.mentions, mine, strict=True)]
        named_stated = {f for w in statement.words for f in w.forms} | {k for ks in named for k in ks}
        neutral = {names.normal(w) for w in p.neutral}  # the lexicon's neutral wording of the passage's terms
        described = {e.start: (person, party) for e, person, party in epithets(statement)}
        for m, keys in zip(statement.mentions, mine, strict=True):
            if m.start in described:
                person, party = described[m.start]
                said = self._epithet(src.expand(person.keys), src.expand(party))
                if said is True:
                    licensed.update(m.keys)
                    trace.append(f"{m.text}: the article's epithet of {person.text}")
                    continue
                if said:
                    wrong.append(f"{m.text} where the article calls {person.text} {said}")
                    continue
            if self._reporting(statement, m, keys, p):
                licensed.update(m.keys)
                trace.append(f"{m.text}: who the sentence is attributed to")
                continue
            if any(names.same_party(keys, ks) for _, ks in here) or set(m.keys) <= p.forms | here_keys \
                    or set(m.keys) <= neutral or _written(m, p):
                # The passage's own party, but standing word for word where the passage names another one
                # ("in Damascus and Aleppo provinces" for "in Idlib and Aleppo provinces"): a swap.
                displaced = [] if set(m.keys) & neutral else [n.text for u in p.units for n in swapped(statement, m, u)
                             if not names.same_party(src.expand(n.keys), keys) and _compact(n.text) != _compact(m.text)
                             and not self._also_stated(n, statement, mine, stated)]
                displaced = _outside_description(src, keys, slot(m, aligned), displaced)
                if not displaced and ((m.role == "modifier" and m.head and not set(m.keys) & neutral)
                                      or (_state_on_noun(m) and m.keys[0] not in neutral)):
                    displaced = self._other_modifier(m, keys, mine, p, statement)
                if displaced:
                    wrong.append(f"{m.text} where the {where(p)} names {displaced[0]}")
                    continue
                absent = _states_absent(m, [ks for _, ks in here])
                if absent and not any(n.head & m.head and names.same_party(keys, src.expand(n.keys))
                                      for n in self.all_mentions):
                    # "Russian-Turkish forces" where the passage names Turkey's alone: one party of two is not the
                    # passage's (unless the article puts the two on that noun: "a Russian-Turkish meeting")
                    wrong.append(f"{m.text} (the {where(p)} does not name {absent})")
                    continue
                if self._town_on_organ(m, keys, p):
                    wrong.append(f"{m.text} (the {where(p)} never says it of the {max(sorted(m.head), key=len)})")
                    continue
                unlikely = self._unlikely_referent(m, keys, slot(m, aligned), p)
                if unlikely:
                    wrong.append(unlikely)
                    continue
                owned = _owning_pronoun(statement, p, m)
                if owned is not None and _said_own(owned[1]) and not self._own_subject(p, owned[1], keys):
                    # "NHTSA engineers found the fault" where "Veltra ... changed its position after its own
                    # engineers found the fault", the NHTSA named in the sentence before
                    wrong.append(f"{m.text} (the {where(p)}'s \u201c{owned[1].text} own {owned[1].head.text}\u201d "
                                 f"are another party's)")
                    continue
                licensed.update(m.keys)
                trace.append(f"{m.text}: in passage")
                continue
            elsewhere = [n for n in self.all_mentions if names.same_party(keys, src.expand(n.keys))]
            if not elsewhere and not set(m.keys) <= self.all_forms:
                missing.append(m.text)
                continue
            filler = slot(m, aligned)
            # (a name that places a thing or an event: "the crossing near Mr Hall", "the quake near L'Aquila")
            placing = self._placing(statement, m)
            # (a place where something is or happens, "in Jordan": the sentences before may have set it, not a
            # place the article names only after the passage)
            located = src.kind(m) == "place" and _preposition(statement.text, m.start - statement.start) in (
                "in", "near", "at", "inside", "outside")
            first = min(u.start for u in p.units)
            displaced = self._displaced(statement, m, named, named_stated, p)
            displaced = _outside_description(src, keys, filler, displaced)
            if not displaced and m.role == "modifier" and m.head:
                # "the Missouri law" where the passage says "the Kansas law" (the statement naming the passage's
                # party too, but on another thing: "Brightfield's stock fell" where "Halvern's stock fell" and the
                # statement has "Halvern's shares jumped")
                displaced = [n.text for n in p.mentions if n.role == "modifier" and n.head & m.head
                             and not _said_on_it(src, n, statement.mentions, mine)]
            if displaced:
                wrong.append(f"{m.text} where the {where(p)} names {displaced[0]}")
                put_for = put_for or any(n.text == displaced[0] and self._put_for(statement, m, n, p)
                                         for n in p.mentions)
            elif filler is not None and src.describes(keys, filler):
                licensed.update(m.keys)
                trace.append(f"{m.text}: described as {filler.text}")
            elif filler is not None and filler.referring == "plain" and not (
                    set(keys) & filler.words or {stem(k) for k in keys} & filler.words):
                wrong.append(f"{m.text} where the {where(p)} says {show(filler)}")
            elif filler is not None and filler.referring == "name" \
                    and not any(names.same_party(keys, src.expand(k)) for k in filler.names):
                wrong.append(f"{m.text} where the {where(p)} names {show(filler)}")
            elif filler is not None and filler.referring == "pronoun" and _personal(filler) \
                    and not any(n.label in ("PERSON", "PROPN") for n in elsewhere):
                wrong.append(f"{m.text} (the {where(p)}'s {show(filler)} is a person)")
            elif filler is not None and filler.referring == "pronoun" and _impersonal(filler) \
                    and any(n.label == "PERSON" for n in elsewhere) \
                    and all(n.label in ("PERSON", "PROPN") for n in elsewhere):
                # "The complaint filed Nick Loeb" where the passage says "He filed it": "it" is no person
                wrong.append(f"{m.text} (the {where(p)}'s {show(filler)} is not a person)")
            elif filler is not None and filler.referring == "definite" and (other := next(
                    (w for w in statement.words if filler.head in w.forms and w.noun
                     and not m.start <= w.start < m.end), None)):
                # "... soup and another dish ... sold The Royal China Club" where the passage has "it sold the soup":
                # the statement uses the description for something else, so the name is not what it describes.
                wrong.append(f"{m.text} (the {where(p)}'s {show(filler)} is this statement's \"{other.text}\", "
                             f"not {m.text})")
            elif filler is not None and filler.referring in ("pronoun", "definite") \
                    and not self._likely_referent(m, keys, p, frequent_only=False,
                                                  personal=filler.referring == "pronoun" and _personal(filler),
                                                  before=filler.start if filler.referring == "pronoun" else None,
                                                  exclude=self._quoted(filler, p),
                                                  pronoun=filler.text if filler.referring == "pronoun" else None):
                wrong.append(f"{m.text} (not whom the {where(p)}'s {show(filler)} most likely points to)")
            elif (owner := _owning_pronoun(statement, p, m)) is not None and not (
                    self._own_subject(p, owner[1], keys) if _said_own(owner[1]) else self._likely_referent(
                        m, keys, p, frequent_only=False, personal=owner[1].lower_ in ("his", "her"), before=owner[0],
                        pronoun=owner[1].lower_)):
                # "Critics said Pfeil's plans were unaffordable" where the passage has "her plans", after a
                # sentence on Weiss's campaign: the pronoun points to another party
                wrong.append(f"{m.text} (not whom the {where(p)}'s \u201c{owner[1].text} {owner[1].head.text}\u201d "
                             f"most likely points to)")
            elif m.role == "modifier" and m.head and not any(n.head & m.head for n in elsewhere) and not (
                    any(self._owner(m, keys, n) for n in p.context_mentions)
                    or self._setting(m, keys, p)
                    or (not m.head & _ACTORS and self._likely_referent(m, keys, p, frequent_only=True))):
                wrong.append(f"{m.text} (the article never says it of the {max(sorted(m.head), key=len)})")
            elif placed := self._place_swapped(statement, m, keys, mine, stated, p):
                wrong.append(f"{m.text} where the {where(p)} names {placed}")
                put_for = True
            elif instead := self._person_swapped(statement, m, mine, p):
                wrong.append(f"{m.text} where the {where(p)} names {instead}")
                put_for = True
            elif not ((self._likely_referent(m, keys, p, frequent_only=False) and not placing)
                      or any(names.same_party(keys, src.expand(n.keys)) for n in p.context_mentions
                             if not (placing or located)
                             or n.start < first and not (placing and self._of_another(m, n)))
                      or self._setting(m, keys, p) or self._said_of(m, keys, p)
                      or (located and not placing and self._article_place(m, keys) and _on_an_act(statement, m))):
                wrong.append(f"{m.text} (neither named around the {where(p)} nor among the parties it is about)")
            else:
                licensed.update(m.keys)
                trace.append(f"{m.text}: elsewhere/{m.role}/slot={filler.referring if filler else None}")
        if missing:
            findings.append(Finding("name", f"names not in the {where(p)}: {', '.join(missing)}"))
        if wrong:
            findings.append(Finding("name", f"another party than the {where(p)}'s: {'; '.join(wrong)}",
                                    swapped=put_for))
        return licensed, missing + [w.split(" (")[0].split(" where ")[0] for w in wrong]

    def _reporting(self, statement: Unit, m: names.Mention, keys: tuple[str, ...], p: Passage) -> bool:
        """Whether the name is whom the statement gives as asserting it ("According to Nebenzia, ...", "Nebenzia
        said ...") and the party the code reads the passage as asserted by (the claims path's attribution, read
        from the sentence and the quotation around it, never the model's word), where the passage names no
        speaker of its own (a quotation whose speaker the sentences before give): the claim says whose words it
        gives, as a self-contained claim should, and stands in no one's place. Where the passage names its
        speaker ("The Russia space agency said ..."), the claim's must be that one, whatever it is attributed to."""
        if not p.speaker or not _speakers_of(m, statement) or any(
                c.speaker is not None or (c.speech and c.agent is not None) for c in p.clauses):
            return False
        # (the name the attribution ends on, "Vassily Nebenzia" of "Russia's UN envoy Vassily Nebenzia", not one
        # inside it, "UN", nor one after a preposition, "Damascus" of "decision makers in Damascus")
        return any(names.same_party(keys, self.source.expand(n.keys)) for n in self.all_mentions
                   if _ends_on(p.speaker, n.text))

    def _put_for(self, statement: Unit, m: names.Mention, n: names.Mention, p: Passage) -> bool:
        """Whether ``m`` stands where the passage has ``n`` as one of the same kind: a person for a person, or a
        place for a place after the same locative preposition ("In Lucca, top floors ... shook" for "In Milan, top
        floors ... shook"; not "felt as far away as Milan" beside "north of the city of Lucca")."""
        kind = self.source.kind(m)
        if kind != self.source.kind(n) or kind not in ("person", "place"):
            return False
        if kind == "person":
            return True
        before = _preposition(statement.text, m.start - statement.start)
        if before and _preposition_in(p, n) == before:
            return True
        # or after the same two words ("to attack the city of Russia" for "to attack the city of Idlib")
        unit = next((u for u in p.units if u.start <= n.start < u.end), None)
        lead = _lead_words(statement.text, m.start - statement.start)
        return unit is not None and len(lead) == 2 and lead == _lead_words(unit.text, n.start - unit.start)

    def _ever_acts(self, keys: tuple[str, ...]) -> bool:
        """Whether the article has the party do something: the agent of one of its clauses."""
        src = self.source
        return any(names.same_party(keys, src.expand(k)) for u in src.units for c in u.clauses
                   if c.agent is not None for k in c.agent.main or c.agent.names)

    def _unlikely_referent(self, m: names.Mention, keys: tuple[str, ...], filler: Role | None,
                           p: Passage) -> str:
        """For a name the passage has, but in another sentence than the pronoun or description that stands in its
        role ("Chelsea told Racemail ..." where the passage has "He told Racemail" and "Chelsea" a sentence
        away): the same test as for a name from elsewhere in the article."""
        if filler is None or filler.referring not in ("pronoun", "definite"):
            return ""
        src = self.source
        unit = next((u for u in p.units if u.start <= filler.start < u.end), None)
        if unit is None:
            return ""
        quoted = self._quoted(filler, p)
        if any(names.same_party(keys, q) for q in quoted):
            # "He said: 'Peter was certainly not the type ...'": who speaks of Peter so is not Peter
            return f"{m.text} (the {where(p)}'s {show(filler)} speaks of {m.text} in a quotation)"
        personal = filler.referring == "pronoun" and _personal(filler)
        not_a_person = personal and m.label not in ("PERSON", "PROPN") and not any(
            n.label in ("PERSON", "PROPN") for n in self.all_mentions if names.same_party(keys, src.expand(n.keys)))
        # ("he" is a person, however near a club is named, "Chelsea told Racemail" for "He told ...": where the
        # article never has that party act, its tag is to be believed; the tagger calls many a surname a place)
        if not_a_person and not self._ever_acts(keys):
            return f"{m.text} (the {where(p)}'s {show(filler)} is a person)"
        # (named in that sentence, or in the one before it: what a pronoun most often points back to)
        found = src.units_near(unit.start, unit.end)
        near = src.units[max(found[0] - 1, 0) : found[-1] + 1] if found else [unit]
        if any(names.same_party(keys, src.expand(n.keys)) for u in near for n in u.mentions):
            return ""
        if not_a_person:
            return f"{m.text} (the {where(p)}'s {show(filler)} is a person)"
        if not self._likely_referent(m, keys, p, frequent_only=False, personal=personal, before=unit.start,
                                     exclude=quoted):
            return f"{m.text} (not whom the {where(p)}'s {show(filler)} most likely points to)"
        return ""

    def _quoted(self, speaker: Role, p: Passage) -> list[tuple[str, ...]]:
        """The parties named in the quotation a personal pronoun opens as its speaker ("He said: 'Peter was ...'"):
        whom it speaks of, so not whom it stands for."""
        if speaker.referring != "pronoun" or not _personal(speaker):
            return []
        unit = next((u for u in p.units if u.start <= speaker.start < u.end), None)
        says = next((c for u in ([unit] if unit else []) for c in u.clauses
                     if c.speech and c.agent is not None and c.agent.start == speaker.start), None)
        if unit is None or says is None:
            return []
        opened = _QUOTE_OPENS.match(unit.text, says.verb - unit.start)
        if opened is None:
            return []
        at = unit.start + opened.end()
        return [self.source.expand(n.keys) for n in unit.mentions if n.start >= at]

    def _epithet(self, person: tuple[str, ...], party: tuple[str, ...]) -> bool | str:
        """Whether the article puts the epithet ``party`` before the name ``person`` somewhere (True); if it puts
        only others there, the first of them ("Turkish" for "Kurdish President Erdogan"); "" if it puts none."""
        theirs = [(e, text) for p, e, text in self._epithets if names.same_party(person, p)]
        if any(names.same_party(party, e) for e, _ in theirs):
            return True
        if theirs:
            return f'"{theirs[0][1]}"'
        # No epithet in the article, but the state the person leads: a state's leader is that state's.
        ruled = self.source.expand(names.ruled(person))[len(names.ruled(person)):]
        if ruled and any(names.is_state(k) for k in party) and not names.same_party(party, ruled):
            return f"the leader of {ruled[0].title()}"
        return ""

    def _other_modifier(self, m: names.Mention, keys: tuple[str, ...], mine: list[tuple[str, ...]],
                        p: Passage, statement: Unit | None = None) -> list[str]:
        """The passage's names that modify the noun ``m`` modifies in the statement, where the passage never puts
        ``m``'s party on that noun: "Kurdish President Erdogan" where the passage says "Turkish President
        Erdogan", "Turkish forces carried out airstrikes" where it says "the Syrian Air Force"; and whose the noun
        is, "Lang's former mayor" where the passage has "a former mayor of Eastbrook"."""
        src = self.source
        head = m.head
        if m.role != "modifier":
            # a name made of a state's and a common noun ("The Turkish Forces"): the state's name on that noun
            keys, head = src.expand(m.keys[:1]), _nouns(m)
        if any(names.same_party(keys, src.expand(n.keys)) and (n.head & head or n.attached & head)
               for n in p.mentions):
            return []
        if m.role == "modifier" and statement is not None \
                and statement.text[m.end - statement.start : m.end - statement.start + 2] in ("'s", "’s"):
            owners = [n.text for n in p.mentions if n.attached & head and _of_before(p, n)
                      and not any(names.same_party(src.expand(n.keys), k2) for k2 in mine)]
            if owners:
                return owners
        # (of its kind, or a person's name where the passage puts a place's: "a Nathan Hall driver's licence" for
        # "a California driver's licence")
        theirs = [n.text for n in p.mentions if n.role == "modifier" and n.head & head
                  and (src.kind(n) == src.kind(m) or (src.kind(m), src.kind(n)) == ("person", "place")
                       and self._named_not_owning(keys, head, p))
                  and not any(names.same_party(src.expand(n.keys), k2) for k2 in mine)]
        if theirs or not names.is_state(keys[0]):
            return theirs
        # A state's name on the noun inside a name of the passage ("Turkish forces carried out airstrikes" where it
        # says "The Syrian Air Force"): the passage puts another state on that noun.
        return [n.text for n in p.mentions if _state_on_noun(n) and _nouns(n) & head
                and not any(names.same_party(src.expand(n.keys[:1]), k2) for k2 in mine)
                and not names.same_party(src.expand(n.keys[:1]), keys)]

    def _named_not_owning(self, keys: tuple[str, ...], head: frozenset[str], p: Passage) -> bool:
        """Whether the passage names the person, but not as the one acting on the thing ("a picture of Nathan Hall",
        not "Governor Gavin Newsom signed a California law") nor as whose it may be ("his Texas ranch": "the Bush
        ranch")."""
        src = self.source
        if not any(names.same_party(keys, src.expand(n.keys)) for n in p.mentions):
            return False
        if any(t.pos_ == "NOUN" and forms(t.text, t.lemma_) & head and any(
                c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in t.children)
               for u in p.units if u.doc is not None for t in u.doc):
            return False  # ("his Texas ranch", "his rocket company": whose the thing is, a person may say)
        return not any(c.agent is not None and c.patient is not None and c.patient.head in head
                       and any(names.same_party(keys, src.expand(k)) for k in c.agent.main or c.agent.names)
                       for c in p.clauses)

    def _town_on_organ(self, m: names.Mention, keys: tuple[str, ...], p: Passage) -> bool:
        """A place that is not a state put on a state's armed forces ("Aleppo government forces"), where the
        passage names the place but not of them ("Government forces ... advanced ... on the M5 highway, linking
        Damascus with Aleppo"): a town or a province has no government forces; the state that holds it has."""
        src = self.source
        armed = m.head & _ARMED or (m.head & {stem("government")} and m.head & _FORCES)
        if m.role != "modifier" or not armed or src.kind(m) != "place" \
                or any(names.is_state(k) for k in keys):
            return False
        return not any(names.same_party(keys, src.expand(n.keys)) and (n.head & m.head or n.attached & m.head)
                       for n in p.mentions)

    def _place_swapped(self, statement: Unit, m: names.Mention, keys: tuple[str, ...], mine: list[tuple[str, ...]],
                       stated: set[str], p: Passage) -> str:
        """A place from elsewhere in the article where the passage names another place the statement leaves out
        ("Iranian military personnel in Britain" where the sentence says "in Syria"): the passage's place put
        away for another one."""
        src = self.source
        before = _preposition(statement.text, m.start - statement.start)
        if m.role != "other" or m.label not in _PLACES or not before:
            return ""
        for n in p.mentions:
            if n.role != "other" or n.label not in _PLACES:
                continue
            if _preposition_in(p, n) != before:
                continue
            theirs = src.expand(n.keys)
            if any(names.same_party(theirs, k2) for k2 in mine) or set(theirs) <= stated:
                continue
            return n.text
        return ""

    def _person_swapped(self, statement: Unit, m: names.Mention, mine: list[tuple[str, ...]], p: Passage) -> str:
        """A person from elsewhere in the article as a party of the statement, where the passage names another
        person (not as a modifier), refers to nobody with a personal pronoun, and the statement leaves that person out
        ("Joss Ackland was suffering from a long-term illness" where the sentence says O'Toole was): a swap."""
        src = self.source
        if m.role != "argument" or m.label != "PERSON" or src.kind(m) != "person" \
                or any(names.PRONOUNS.get(w) == "person" for u in p.units for w in u.pronouns):
            return ""
        if any(c.speech and c.agent is not None and c.agent.start <= m.start < c.agent.end for c in statement.clauses):
            return ""  # who says it: an attribution the statement may bring from elsewhere ("Nick Loeb argues ...")
        for n in p.mentions:
            if n.role != "modifier" and src.kind(n) == "person" \
                    and not any(names.same_party(src.expand(n.keys), k) for k in mine):
                return n.text
        return ""

    def _owner(self, m: names.Mention, keys: tuple[str, ...], n: names.Mention) -> bool:
        """Whether the sentences around may give a modifier's party as whose the thing is ("Bolivia's new law"): a
        mention of the party itself (not a longer name holding it: "Advocates of Kansas and Mid-Missouri" does not
        give "the Missouri law"), acting or owning there, or placing that thing ("the law in Bolivia"); not a place
        someone travels to ("travelling to Brazil" does not give "Brazil's new law")."""
        theirs = self.source.expand(n.keys)
        if not names.same_party(keys, theirs) or len(set(theirs) - set(keys)) > 1:
            return False
        return n.role != "other" or bool(n.attached & m.head)

    def _setting(self, m: names.Mention, keys: tuple[str, ...], p: Passage) -> bool:
        """Whether the name is the place of an event the passage's paragraph set earlier, put on the event's noun:
        "The Qamishli incident happened near a checkpoint" where the paragraph opened "... confronted by angry
        locals in the province of Qamishli". Only a place, only on a noun for an event ("incident", "clash"), and
        only within the paragraph: "the Missouri law" or "Abruzzo's commission" is another party's."""
        src = self.source
        if not p.units or m.role != "modifier" or not m.head & _EVENTS or src.kind(m) != "place":
            return False
        first = min(u.start for u in p.units)
        earlier = [u for u in src.units if u.end <= first]
        for u in reversed(earlier[-_SETTING_REACH:]):
            if "\n" in src.text[u.end:first]:
                break
            if any(names.same_party(keys, src.expand(n.keys)) for n in u.mentions):
                return True
        return False

    def _article_place(self, m: names.Mention, keys: tuple[str, ...]) -> bool:
        """Whether the name is the place the article is set in (``_setting_place``), and the tagger's kind of it a
        place."""
        setting = self._setting_place
        return setting is not None and self.source.kind(m) == "place" and names.same_party(setting, keys)

    @cached_property
    def _setting_place(self) -> tuple[str, ...] | None:
        """The place the article is set in: its most named place that is not a state, named three times or more
        and at least twice after a preposition of place ("in Idlib", "into Idlib"). A claim made self-contained
        puts the setting in ("the militants being fought in Idlib" where Nebenzia's sentence says "the militants");
        the states the story is about are likely referents already. (Not a name the tagger calls a place that the
        article never uses as one: "Anonymous International".)"""
        src = self.source
        clusters: list[tuple[str, ...]] = []
        counts: list[int] = []
        placed: list[int] = []
        for n in self.all_mentions:
            nk = src.expand(n.keys)
            if src.kind(n) != "place" or any(names.is_state(k) for k in nk):
                continue
            at = int(bool(_preposition(src.text, n.start)))
            for i, c in enumerate(clusters):
                if names.same_party(c, nk):
                    counts[i] += 1
                    placed[i] += at
                    break
            else:
                clusters.append(nk)
                counts.append(1)
                placed.append(at)
        if not clusters:
            return None
        top = max(range(len(clusters)), key=lambda i: counts[i])
        return clusters[top] if counts[top] >= 3 and placed[top] >= 2 else None

    def _placing(self, statement: Unit, m: names.Mention) -> bool:
        """Whether a name places a thing by a preposition: a person where a place would be ("the crossing near Mr
        Hall"), or a place on an event ("the quake near L'Aquila"). A claim places a thing where the article
        says it is (``_said_of``), or where the sentences before it set it, not by whom or what the article is
        about, nor by a place the article names only after it (another quake, years before)."""
        kind = self.source.kind(m)
        return bool(m.attached) and (kind == "person" or (kind == "place" and bool(m.attached & _EVENTS))) \
            and bool(_preposition(statement.text, m.start - statement.start))

    def _said_of(self, m: names.Mention, keys: tuple[str, ...], p: Passage) -> bool:
        """Whether the article says the name of the thing the statement hangs it on: "the quake near Lucca" where
        the article has "The magnitude-4.8 quake struck ... 35km north of the city of Lucca" (the name inside the
        clause the noun is the subject or object of), not where it has "In Milan, floors shook and the quake was
        felt in Bologna" (Milan is in another clause than the quake). Only up to the passage: its "the quake"
        points back, not to a quake the article tells of later ("a quake in L'Aquila" in 2009)."""
        if not m.attached or not p.units:
            return False
        src = self.source
        end = max(u.end for u in p.units)
        for k, u in enumerate(src.units):
            if u.doc is None or u.start >= end:
                continue
            spans = [(n.start - u.start, n.end - u.start) for n in u.mentions
                     if names.same_party(keys, src.expand(n.keys))]
            if not spans:
                continue
            for t in u.doc:
                if t.pos_ != "NOUN" or not (m.attached & forms(t.text, t.lemma_)):
                    continue
                if self._another_of_kind(t, k, m.attached):
                    continue  # "a quake in L'Aquila" after the article's quake: another one of its kind
                scope = t.head if t.dep_ in ("nsubj", "nsubjpass", "dobj") else t
                left, right = scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge.text)
                if any(left <= a and b <= right for a, b in spans):
                    return True
        return False

    def _of_another(self, m: names.Mention, n: names.Mention) -> bool:
        """Whether the article names ``n`` as the place of another thing of the kind ``m`` is put on: "a quake in
        L'Aquila" (in 2009) after the quake the article tells of, which "the quake near L'Aquila" does not mean."""
        k, u = next(((k, u) for k, u in enumerate(self.source.units) if u.start <= n.start < u.end), (0, None))
        if u is None or u.doc is None:
            return False
        return any(t.pos_ == "NOUN" and m.attached & forms(t.text, t.lemma_) and self._another_of_kind(t, k, m.attached)
                   and t.left_edge.idx <= n.start - u.start < t.right_edge.idx + len(t.right_edge.text) for t in u.doc)

    @cached_property
    def _nouns_before(self) -> list[frozenset[str]]:
        """For each sentence of the source, the forms of the nouns of the sentences before it."""
        out: list[frozenset[str]] = []
        seen: frozenset[str] = frozenset()
        for u in self.source.units:
            out.append(seen)
            if u.doc is not None:
                seen = seen | frozenset(f for t in u.doc if t.pos_ == "NOUN" for f in forms(t.text, t.lemma_))
        return out

    def _another_of_kind(self, noun: Token, k: int, kind: frozenset[str]) -> bool:
        """Whether ``noun``, in the source's sentence ``k``, introduces another thing of a kind (``kind``: its
        forms) the sentences before have already told of."""
        return bool(kind & self._nouns_before[k]) and _another(noun)

    def _also_stated(self, n: names.Mention, statement: Unit, mine: list[tuple[str, ...]], stated: set[str]) -> bool:
        """Whether the statement names the passage's party ``n`` itself, as an argument where ``n`` is one: two
        names reordered ("Russia and Turkey" for "Turkey and Russia"), not a swap; "Syrian" on a title does not
        answer for the "Syria" a name displaced."""
        theirs = self.source.expand(n.keys)
        # ... by a name of the same kind of word: "Syrian chemical weapons" does not answer for the "Damascus" that
        # "from Mekdad" displaced, nor "Russian servers" for "Russia's Rostov region".
        return set(theirs) <= stated and any(
            names.same_party(theirs, ko) and o.label == n.label and (n.role != "argument" or o.role == "argument")
            for o, ko in zip(statement.mentions, mine, strict=True))

    def _displaced(self, statement: Unit, m: names.Mention, mine: list[tuple[str, ...]], stated: set[str],
                   p: Passage) -> list[str]:
        """The passage's names that ``m`` stands in place of (word by word), other than the statement's own
        parties and (but word for word) the passage's speakers."""
        src = self.source
        # (bounded on the left only, the name must be of the same kind: "casualties in Syria" for "casualties
        # ... Obama's" is not a swap of one for the other)
        return [n.text for u in p.units for n, bounded in replaced(statement, m, u)
                if (bounded or src.kind(n) == src.kind(m))
                and not any(names.same_party(src.expand(n.keys), k2) for k2 in mine)
                and not set(src.expand(n.keys)) <= stated
                # (a speaker's name only word for word after shared words, one of a kind for another, and not in a
                # description the article gives of the statement's party: "Roscosmos said" for "Russia's space
                # agency said"; a statement that leaves out "NASA said" before the sentence replaces no one)
                and not (speaks(n, u) and (not bounded or _opening(n, u) or src.kind(n) != src.kind(m)
                                           or any(src.describes(src.expand(m.keys), r) for r in _speakers_of(n, u))))]

    def _own_subject(self, p: Passage, pronoun: Token, keys: tuple[str, ...]) -> bool:
        """Whether the party of ``keys`` is the subject an "its own"/"their own" points to: the named agent of the
        nearest clause above the pronoun's noun ("Veltra ... changed its position after its own engineers found the
        fault": Veltra's engineers). True where no such subject is named (the ordinary test then stands aside)."""
        src = self.source
        unit = next((u for u in p.units if u.doc is pronoun.doc), None)
        if unit is None:
            return True
        by_verb = {c.verb: c for c in unit.clauses}
        x = pronoun.head  # the noun ("engineers")
        own_verb = x.head if x.dep_ in ("nsubj", "nsubjpass") else None
        while x.head.i != x.i:
            x = x.head
            if x.pos_ not in ("VERB", "AUX") or x is own_verb:
                continue
            c = by_verb.get(unit.start + x.idx)
            if c is not None and c.agent is not None and c.agent.main:
                return any(names.same_party(src.expand(k), src.expand(keys)) for k in c.agent.main)
        return True

    def _likely_referent(self, m: names.Mention, keys: tuple[str, ...], p: Passage, frequent_only: bool,
                         personal: bool = False, before: int | None = None,
                         exclude: Sequence[tuple[str, ...]] = (), pronoun: str | None = None) -> bool:
        """Whether ``m`` is among the parties a reference in the passage most likely points to: the article's two
        most mentioned parties of its kind, or the two last mentioned before the passage. For a personal pronoun
        ("he", "she"), only the most mentioned person, or the last one who acted or spoke. Parties the reference
        cannot be (``exclude``: whom it speaks of; for a "she", a person the text calls "Mr": ``Analysed.gender``)
        are not counted."""
        top = 1 if personal else 2
        src = self.source
        wanted = PRONOUN_GENDER.get(pronoun.lower()) if pronoun else None
        kind = src.kind(m)
        first = min(u.start for u in p.units) if before is None else before
        clusters: list[tuple[str, ...]] = []
        counts: list[int] = []
        last_seen: list[int] = []
        for n in self.all_mentions:
            nk = src.expand(n.keys)
            # (a person's own mentions count whatever kind the tagger gave each: "AP McCoy" a person, "McCoy's" an
            # organisation)
            if src.kind(n) != kind and not (personal and (names.same_party(nk, keys) or kind == "person" and any(
                    names.same_party(nk, q) for q in self._persons))):
                continue
            if any(names.same_party(nk, x) for x in exclude) \
                    or (wanted is not None and src.gender(nk) not in (None, wanted)):
                continue
            for i, c in enumerate(clusters):
                if names.same_party(c, nk):
                    counts[i] += 1
                    if n.start < first and (not personal or n.start in self._acting):
                        last_seen[i] = max(last_seen[i], n.start)
                    break
            else:
                clusters.append(nk)
                counts.append(1)
                last_seen.append(n.start if n.start < first and (not personal or n.start in self._acting) else -1)
        mine = [i for i, c in enumerate(clusters) if names.same_party(c, keys)]
        if not mine:
            return False
        frequent = sorted(range(len(clusters)), key=lambda i: -counts[i])[:top]
        recent = sorted((i for i in range(len(clusters)) if last_seen[i] >= 0), key=lambda i: -last_seen[i])[:top]
        if not frequent_only:
            # The one party of its kind the sentence just before names, whatever it does there: "Family
            # commitments will keep McCoy away ... He told Racemail".
            k = bisect.bisect_right(src.units, first, key=lambda u: u.end)  # units in text order
            if k:
                just_before = {i for n in src.units[k - 1].mentions if src.kind(n) == kind
                               for i, c in enumerate(clusters) if names.same_party(c, src.expand(n.keys))}
                if len(just_before) == 1:
                    recent = recent + sorted(just_before)
                # ... or a description of it acting there ("The group focuses on Russia's domestic affairs ... In
                # November it published ...", the group being "activist group Anonymous International")
                described = {i for c in src.units[k - 1].clauses if c.agent is not None
                             and c.agent.referring == "definite"
                             for i, cl in enumerate(clusters) if src.describes(cl, c.agent)}
                if len(described) == 1:
                    recent = recent + sorted(described)
        return any(i in frequent or (i in recent and not frequent_only) for i in mine)


_SAYING = SPEECH | {"speak"}


def _on_an_act(statement: Unit, m: names.Mention) -> bool:
    """Whether a place the statement names after a preposition places what someone does ("the militants being
    fought in Idlib"), not a speaker, an occasion or a body ("said in Idlib", "speaking in Idlib", "a session in
    Idlib", "the government in Idlib"): the article's setting is where its events happen, not where its words are
    said."""
    if statement.doc is None:
        return False
    at = m.start - statement.start
    token = next((t for t in statement.doc if t.idx <= at < t.idx + len(t.text)), None)
    while token is not None and token.dep_ in ("compound", "amod", "nmod") and token.head.i != token.i:
        token = token.head
    if token is None or token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    verb = token.head.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in _SAYING


def _owning_pronoun(statement: Unit, p: Passage, m: names.Mention) -> tuple[int, Token] | None:
    """Where a statement's possessive name ("Pfeil's plans") stands for a possessive pronoun of the passage on the
    same noun ("her plans"): the pronoun's offset in the analysed text and its token. (Not a name that names the
    thing itself: "its Hmaymeem base".)"""
    after = statement.text[m.end - statement.start : m.end - statement.start + 2]
    before = statement.text[: m.start - statement.start].split()[-1:]
    if m.role != "modifier" or not m.head or before and before[0].lower() in _POSSESSIVES:
        return None
    possessive = after.startswith(("'s", "\u2019s", "'", "\u2019"))
    for u in p.units:
        for t in u.doc or ():
            # (a name put on the noun without "'s" stands for "its own": "NHTSA engineers" for "its own engineers")
            if t.dep_ == "poss" and t.lower_ in _POSSESSIVES and forms(t.head.text, t.head.lemma_) & m.head \
                    and (possessive or _said_own(t)):
                return u.start + t.idx, t
    return None


def _said_own(t: Token) -> bool:
    """A possessive pronoun followed by "own" ("its own engineers"): the subject's, of the clause it is in or the
    one that governs it."""
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "own"


_POSSESSIVES = frozenset({"his", "her", "its", "their"})


def _another(noun: Token) -> bool:
    """Whether a noun introduces one of its kind ("a quake", "two earthquakes"), not the one already told of."""
    if any(c.dep_ == "det" and c.lower_ == "another" for c in noun.children):
        return True
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") or c.dep_ == "nummod" for c in noun.children):
        return False
    # only one the sentence sets at another time ("in 2009", "last year", "years ago"): "A suicide attack in
    # Peshawar ..." after a lede's "the attack" is the article's attack, told again
    toks = list(noun.sent)
    return any(re.fullmatch(r"(?:1[89]|20)\d\d", t.text) or t.lower_ in ("ago", "previous", "since")
               or t.lower_ == "last" and i + 1 < len(toks) and toks[i + 1].lower_ in ("year", "month", "decade",
                                                                                       "century", "summer", "winter")
               for i, t in enumerate(toks))


# Ranks and offices that tell one person from another (not "Mr"/"Mrs", which any man or woman has): the title as
# one word before up to four capitalised words of a name; its long and short forms read as one ("Governor", "Gov.").
_RANKS = {"dr": "dr", "doctor": "dr", "prof": "prof", "professor": "prof", "gov": "gov", "governor": "gov",
          "sen": "sen", "senator": "sen", "rep": "rep", "gen": "gen", "general": "gen", "col": "col",
          "colonel": "col", "capt": "capt", "captain": "capt", "sgt": "sgt", "sergeant": "sgt", "spc": "spc",
          "president": "president", "minister": "minister", "secretary": "secretary", "judge": "judge",
          "mayor": "mayor", "sheriff": "sheriff", "chancellor": "chancellor", "ambassador": "ambassador"}


# A name after a title or beside an office: up to four capitalised words.
_NAME_WORDS = r"(?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]*"
_TITLED = re.compile(r"(?<![\w-])(" + "|".join(k.capitalize() for k in _RANKS) + r")\.?\s+(" + _NAME_WORDS + ")")


# Offices a text gives a person beside the name, as one key for the words that name the same one
# ("barrister" and "lawyer" are both a defendant's counsel); where a word is a rank too, its key is the rank's
# (``_RANKS``: "captain" "capt", "governor" "gov"), so that a title and an apposition name one office.
_OFFICES = {"judge": "judge", "prosecutor": "prosecutor", "barrister": "lawyer", "lawyer": "lawyer",
            "attorney": "lawyer", "solicitor": "lawyer", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
            "spokesperson": "spokesperson", "chairman": "chair", "chairwoman": "chair", "coach": "coach",
            "manager": "manager", "captain": "capt", "mayor": "mayor", "governor": "gov", "president": "president",
            "minister": "minister", "secretary": "secretary", "ambassador": "ambassador", "sheriff": "sheriff",
            "chancellor": "chancellor", "founder": "founder", "landlord": "landlord", "referee": "referee",
            "chief executive": "ceo", "ceo": "ceo"}
_NAME = "(" + _NAME_WORDS + ")"
_OFFICE = r"(" + "|".join(sorted(_OFFICES, key=len, reverse=True)) + r")"
# Whose office it is, or "the": "Doyle's barrister", "the prosecutor" (not "whose lawyer", nor an adjective that
# makes it another office: "the vice president").
_OWNER = r"(?:\b(?i:the|a|an|his|her|their|its)\s+|[A-Z][\w'’-]*['’]s\s+)"
# An apposition closed by its comma, the office before the name or after it: "Doyle's barrister, Richard Amos KC,"
# (not "In a letter to the judge, Marsh argued", nor a list, "Jones's lawyer, Smith, Brown and Green"), "Anne
# Kessler, the prosecutor," (not "Smith, Jones, Brown, the judge, and ..."). An office in lower case before a name
# without the commas is not read: "The judge Trump appointed, Aileen Cannon" is Cannon's.
_OFFICE_BEFORE = re.compile(_OWNER + r"(?i:" + _OFFICE + r"),\s+" + _NAME + r",(?!\s+" + _NAME_WORDS
                            + r"(?:,|\s+and\b))")
_OFFICE_AFTER = re.compile(r"(?<!, )" + _NAME + r",\s+" + _OWNER + r"(?i:" + _OFFICE + r")\b"
                           r"(?=[,.;]|\s+(?:said|told|has|had|was|is)\b)")


def titled(text: str) -> list[tuple[str, str, str]]:
    """The (rank, title as written, name) a text writes: "Dr. Nick Loeb" -> ("dr", "Dr", "Nick Loeb");
    "Vice-President" is not "President". Also an office beside the name, set off by commas: "Doyle's barrister,
    Richard Amos KC," and "Richard Amos, Doyle's barrister," -> ("lawyer", "barrister", "Richard Amos KC")."""
    out = [(_RANKS[m.group(1).lower()], m.group(1), m.group(2)) for m in _TITLED.finditer(text)]
    out += [(_OFFICES[m.group(1).lower()], m.group(1), m.group(2)) for m in _OFFICE_BEFORE.finditer(text)]
    out += [(_OFFICES[m.group(2).lower()], m.group(2), m.group(1)) for m in _OFFICE_AFTER.finditer(text)]
    return list(dict.fromkeys(out))


def _nouns(m: names.Mention) -> frozenset[str]:
    """The words after a name's first, as written and stemmed ("forces", "forc"; "force")."""
    return frozenset(f for k in m.keys[1:] for f in (k, stem(k), k.rstrip("s")))


def _said_on_it(src: Analysed, n: names.Mention, mentions: Sequence[names.Mention],
                mine: Sequence[tuple[str, ...]]) -> bool:
    """Whether the statement names the passage's party ``n`` too, and on the same thing (or not as a modifier):
    "Halvern's stock" is said where the statement has "Halvern's stock", not where it has "Halvern's shares" and
    "Brightfield's stock"."""
    return any(names.same_party(src.expand(n.keys), k2) and (o.role != "modifier" or bool(o.head & n.head))
               for o, k2 in zip(mentions, mine, strict=True))


def _state_on_noun(m: names.Mention) -> bool:
    """A name made of a state's (or its people's) name and nouns for its actors: "Syrian Air Force", "Turkish
    Forces" (not "Syrian Democratic Forces", a party of its own)."""
    return len(m.keys) > 1 and m.label != "PERSON" and names.is_state(m.keys[0]) \
        and all(stem(k) in _ACTORS or k in _ACTORS for k in m.keys[1:])


_TITLE_GAP = re.compile(r"(?:\s+[A-Z][\w.'’-]*){0,3}\s+")


def epithets(unit: Unit) -> list[tuple[names.Mention, names.Mention, tuple[str, ...]]]:
    """The names a unit puts before a person's as who the person is: a state, a people, an organisation, then at
    most three capitalised title words ("Kansas Gov. Sam Brownback", "US Defence Secretary Chuck Hagel"). Each as
    (the epithet's mention, the person's, the epithet's keys without titles)."""
    out = []
    ordered = sorted(unit.mentions, key=lambda n: n.start)
    for i, person in enumerate(ordered):
        if person.label not in ("PERSON", "PROPN"):
            continue
        j = i - 1
        while j >= 0 and ordered[j].keys and set(ordered[j].keys) <= names.TITLES:
            j -= 1  # a title the parser took for a name of its own ("Defence Secretary")
        if j < 0 or ordered[j].label not in ("NORP", "GPE", "ORG"):
            continue
        e = ordered[j]
        gap = unit.text[e.end - unit.start : person.start - unit.start]
        party = tuple(k for k in e.keys if k not in names.TITLES)
        titled = bool(gap.strip()) or bool(set(e.keys) - set(party))
        if party and titled and _TITLE_GAP.fullmatch(gap):
            out.append((e, person, party))
    return out


def slot(m: names.Mention, aligned: Aligned) -> Role | None:
    """The filler, in the passage, of the role ``m`` fills in the statement (it is the head of its agent or
    patient), if aligned."""
    for c, d in aligned:
        for mine, theirs in ((c.agent, d.agent), (c.patient, d.patient)):
            if mine is not None and m.start <= mine.root < m.end and theirs is not None:
                return theirs
    return None



def replaced(statement: Unit, m: names.Mention, unit: Unit) -> list[tuple[names.Mention, bool]]:
    """The names of ``unit`` that ``m`` stands in place of, when the statement is aligned with the unit word by word
    (difflib's matching blocks): a block of the statement holding ``m`` replaces a block of the unit holding them,
    between words the two share; a capitalised block the tagger missed counts as a name. A block holding a pronoun
    ("his awards" -> "Caleb Barnes' awards") resolves it and replaces nobody. Each with whether shared words bound
    it on both sides (else on the left only)."""
    mine, theirs = statement.sequence, unit.sequence
    out: list[tuple[names.Mention, bool]] = []
    ops = _word_alignment(statement, unit)
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace":
            continue
        if not any(w.start < m.end and m.start < w.end for w in mine[i1:i2]):
            continue
        # A substitution is bounded on each side by shared words or by the start (end) of both sentences.
        left = (n > 0 and ops[n - 1][0] == "equal") or (i1 == 0 and j1 == 0)
        right = (n + 1 < len(ops) and ops[n + 1][0] == "equal") or (i2 == len(mine) and j2 == len(theirs))
        block = theirs[j1:j2]
        if left and block and m.start <= mine[i1].start < m.end and not (right and j2 - j1 <= i2 - i1 + 2):
            # Bounded on the left only ("after a show in Memphis and cancelled" for "after a show in Chicago,
            # forcing him to cancel"): a name where the unit has one right after the shared words replaces it.
            out.extend((x, False) for x in unit.mentions if x.start <= block[0].start < x.end)
            continue
        if not (left and right) or not block or j2 - j1 > i2 - i1 + 2 or any("<ref>" in w.forms for w in block):
            continue
        lo, hi = block[0].start, block[-1].end
        tagged = [x for x in unit.mentions if x.start < hi and lo < x.end]
        if not tagged and j1 > 0 and all(m.start <= w.start < m.end for w in mine[i1:i2]):
            tagged = _untagged(unit, block)
        out.extend((x, True) for x in tagged)
    return out


def _ends_on(phrase: str, name: str) -> bool:
    """Whether a phrase is the name, or ends on it after a word that is no preposition."""
    phrase = phrase.strip()
    if phrase == name:
        return True
    if not phrase.endswith(" " + name):
        return False
    before = phrase[: -len(name)].split()
    return bool(before) and before[-1].lower() not in ("in", "of", "from", "at", "for", "by", "to", "with", "on")


def _written(m: names.Mention, p: Passage) -> bool:
    """Whether the passage has the name as the statement writes it, capitals and all: a name the tagger did not
    take for one there ("Blues legend B.B. King" for the statement's "Blues musician B.B. King")."""
    pattern = re.compile(rf"(?<!\w){re.escape(m.text)}(?!\w)")
    if any(pattern.search(u.text) for u in p.units):
        return True
    # (or run together, one word or two of the passage: "BBC5Live" for "BBC 5 Live")
    compact = _compact(m.text)
    if " " not in m.text.strip() or len(compact) < 4:
        return False
    for u in p.units:
        words = u.text.split()
        if any(_compact("".join(words[i : i + n])) == compact for n in (1, 2) for i in range(len(words) - n + 1)):
            return True
    return False


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def _untagged(unit: Unit, block: Sequence[Word]) -> list[names.Mention]:
    """A proper noun the tagger did not take for a name ("Thousands of Pentagon troops" made "Thousands of Iran
    troops"): a name of its own, where it is not the unit's first word (the caller's test)."""
    if not block or len(block) > 3 or not all(w.text[:1].isupper() and w.text.lower() not in lexical.STOPWORDS
                                              for w in block):
        return []
    lo, hi = block[0].start, block[-1].end
    text = unit.text[lo - unit.start : hi - unit.start]
    return [names.Mention(lo, hi, text, "PROPN", names.keys(text))]



def swapped(statement: Unit, m: names.Mention, unit: Unit) -> list[names.Mention]:
    """The name of ``unit`` that ``m`` replaces exactly: word for word, the statement's words that differ from the
    unit's are ``m``'s alone, and the unit's are one name's alone, between words the two share."""
    mine, theirs = statement.sequence, unit.sequence
    ops = _word_alignment(statement, unit)
    out: list[names.Mention] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        # Bounded by shared words, or by the end of both ("blocked in Russia." made "blocked in Anonymous
        # International.").
        left = n > 0 and ops[n - 1][0] == "equal"
        right = (n + 1 < len(ops) and ops[n + 1][0] == "equal") or (n == len(ops) - 1 and i2 == len(mine)
                                                                     and j2 == len(theirs))
        if tag != "replace" or not (left and right):
            continue
        if not all(m.start <= w.start < m.end for w in mine[i1:i2]):
            continue
        lo, hi = theirs[j1].start, theirs[j2 - 1].end
        within = [x for x in unit.mentions if x.start <= lo and hi <= x.end]
        out.extend(within or ([] if j1 == 0 or any(x.start < hi and lo < x.end for x in unit.mentions)
                              else _untagged(unit, theirs[j1:j2])))
    return out


def speaks(n: names.Mention, unit: Unit) -> bool:
    """Whether a name is who the unit attributes something to ("according to AMN News", "Tass reported")."""
    return bool(_speakers_of(n, unit))



def _opening(n: names.Mention, unit: Unit) -> bool:
    """Whether a name opens its sentence, alone or as its "According to" source."""
    return unit.text[: n.start - unit.start].strip().lower() in ("", "according to")


def _states_absent(m: names.Mention, here: Sequence[tuple[str, ...]]) -> str:
    """For a name joining states ("Russian-Turkish", "US/Turkish"), a state of it the names ``here`` do not give."""
    states = [k for k in m.keys if names.is_state(k)]
    if len(states) < 2:
        return ""
    absent = next((k for k in states if not any(names.same_party((k,), ks) for ks in here)), "")
    return absent.upper() if len(absent) <= 3 else absent.title()


def _speakers_of(n: names.Mention, unit: Unit) -> list[Role]:
    """The unit's speakers whose phrase holds the name."""
    roles = [c.speaker for c in unit.clauses if c.speaker is not None] + [
        c.agent for c in unit.clauses if c.speech and c.agent is not None]
    return [r for r in roles if r.start <= n.start < r.end]


def _personal(filler: Role) -> bool:
    """Whether a pronoun can only point to a person ("he", "her"; not "it", "they")."""
    return _pronoun_kind(filler) == "person"


# A verb of saying (with at most three words after it: "told the BBC") opening a quotation: "said: '...".
_QUOTE_OPENS = re.compile(r"\w+(?:\s+\w+){0,3}\s*[:,]\s*[\"“‘']")


def _impersonal(filler: Role) -> bool:
    """Whether a pronoun can only point to a thing ("it", "its")."""
    return _pronoun_kind(filler) == "thing"


def _pronoun_kind(filler: Role) -> str | None:
    return names.PRONOUNS.get(filler.text.lower().strip("\"'“”‘’"))


def _word_alignment(statement: Unit, unit: Unit) -> Sequence[tuple[str, int, int, int, int]]:
    """The statement aligned with the unit word by word (difflib's opcodes over the words' keys)."""
    return difflib.SequenceMatcher(None, [_key(w) for w in statement.sequence], [_key(w) for w in unit.sequence],
                                   autojunk=False).get_opcodes()


def _key(word: Word) -> str:
    return min(word.forms) if word.forms else word.text.lower()


_LOCATIVE = re.compile(r"\b(in|near|at|from|into|outside|across|inside|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _preposition(text: str, start: int) -> str:
    """The locative preposition right before a name ("in" of "in Syria"), or ""."""
    found = _LOCATIVE.search(text[max(0, start - 16):start])
    return found.group(1).lower() if found else ""


def _lead_words(text: str, start: int) -> list[str]:
    """The two words right before a name, lower-cased."""
    return [w.lower() for w in re.findall(r"[\w'’-]+", text[max(0, start - 40):start])[-2:]]


def _of_before(p: Passage, n: names.Mention) -> bool:
    """Whether a name of the passage follows "of" ("a former mayor of Eastbrook")."""
    unit = next((u for u in p.units if u.start <= n.start < u.end), None)
    return unit is not None and _lead_words(unit.text, n.start - unit.start)[-1:] == ["of"]


def _preposition_in(p: Passage, n: names.Mention) -> str:
    """The locative preposition right before a name of the passage, or ""."""
    unit = next((u for u in p.units if u.start <= n.start < u.end), None)
    return _preposition(unit.text, n.start - unit.start) if unit is not None else ""


def _outside_description(src: Analysed, keys: tuple[str, ...], filler: Role | None, displaced: list[str]) -> list[str]:
    """The names a statement's party displaces, less those inside the passage's filler of its place when that is what
    the article says the party is ("A former mayor of Dunmore" for Peter Hale: Dunmore is not displaced)."""
    if not displaced or filler is None or not src.describes(keys, filler):
        return displaced
    return [d for d in displaced if d not in filler.text]
