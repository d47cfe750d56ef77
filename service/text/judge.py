"""The judge: does a source support a statement? Code, not a model.

A statement (a claim, a summary sentence) is checked against a *support*: the sentence(s) its quote is in
(claims), or the best passage of up to three sentences within a window of five (summaries and
``POST /v1/verifications``). Around the support, a *context* of two sentences either side may resolve who a
pronoun or a short name is. Each check gives findings in plain words:

- numbers: every number the statement gives is in the support, counting the same thing;
- dates: every date it gives is in the support or its context (weekdays resolved from the publication date);
- names: every party it names is in the support, or in the context when the support refers to it ("he",
  "the teenager", "Mr Mekdad" for "Faisal al-Mekdad");
- roles: who did what to whom is what the support says (subject and object not exchanged, nobody else put in
  the agent's place);
- negation: what the support denies is not stated, and the reverse;
- certainty: what the support puts under a condition, a hedge or someone's attribution is not stated flatly;
- content: enough of the statement's words (weighted by rarity) are in the support; a calibrated model
  (``service.text.calibration``) turns the content features into the final decision.

Any finding of the first six kinds makes the statement unsupported; the reasons and the evidence spans are
returned either way. Two findings are warnings, not reasons: a summary sentence that drops an attribution (the
summary attributes it to the speaker the finding names), and a year an undated article never gives.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.text import comparisons, lexical, malformed, moved, names, nominal_roles, relations
from service.text.analysed import PHRASE_DEPS, Analysed, Unit, forms
from service.text.calibration import Calibration, load_calibration
from service.text.clauses import HEDGE_ADV, HEDGE_AUX, SPEECH, Role
from service.text.evidence import HARD, WARNINGS, Finding, Passage, where
from service.text.facts import DateRange, days_given, misbound, paired_days, unqualified
from service.text.parties import Parties

ESCAPE_MARGIN = 0.02
# How much less of a statement the passage telling its event may cover than the best passage, for a party put in
# another's place there to stand (the other passage sharing more words does not tell the event).
HOME_MARGIN = 0.1
MAX_SUPPORT_UNITS = 3
WINDOW = 2  # support is sought within 2 * WINDOW + 1 consecutive sentences
CONTEXT = 2  # sentences either side of the support that may resolve a name or a date
_CANDIDATE_SUPPORTS = 4  # passages checked in full on the search path, best first by coverage


@dataclass
class Verdict:
    supported: bool
    score: float  # the calibrated probability that the support states it
    coverage: float  # weighted share of its content words found in the support
    support: list[tuple[int, int]]
    findings: list[Finding] = field(default_factory=list)
    missing_numbers: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)
    missing_words: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    trace: list[str] = field(default_factory=list)  # how each name was licensed: for measuring the judge

    @property
    def reasons(self) -> list[str]:
        """Why it is unsupported (empty when it is supported), each said once."""
        return list(dict.fromkeys(f.detail for f in self.findings if f.kind not in WARNINGS))

    @property
    def speakers(self) -> list[str]:
        """Whom the source attributes a supported statement's clauses to, when the statement does not say so itself,
        each once, in order."""
        return list(dict.fromkeys(f.party for f in self.findings if f.kind == "attribution" and f.party))

    @property
    def speaker(self) -> str | None:
        """Whom the source attributes a supported statement to, when the statement does not say so itself."""
        return next(iter(self.speakers), None)

    @property
    def warnings(self) -> list[str]:
        """What a reader should know of a supported statement: an attribution it drops (a summary sentence), a
        year the article cannot bear out (an undated article); each said once (two clauses of a statement may drop
        the same attribution)."""
        return list(dict.fromkeys(f.detail for f in self.findings if f.kind in WARNINGS))


class Judge:
    """Checks statements against one analysed source."""

    def __init__(self, source: Analysed, calibration: Calibration | None = None,
                 speakers: Sequence[str] | None = None) -> None:
        self.source = source
        self.calibration = calibration or load_calibration()
        self.parties = Parties(source)
        self._postings: dict[str, set[int]] = {}
        self._values: dict[float, set[int]] = {}
        self._calendar_words = frozenset(_CALENDAR.findall(source.text))
        self._days = days_given(source.text)
        self._number_neighbours: dict[str, set[tuple[int, str]]] = {}
        self.speakers = speakers  # who asserts each unit, quotations carried over (``_carried``)
        self._hyphened: dict[str, set[str]] = {}  # the article's "two-step": by its word, as written
        for m in _HYPHENED.finditer(source.text):
            self._hyphened.setdefault(m.group(2).lower(), set()).add(m.group())
        for i, u in enumerate(source.units):
            for f in u.word_forms | u.name_keys:
                self._postings.setdefault(f, set()).add(i)
            for q in u.quantities:
                self._values.setdefault(q.value, set()).add(i)

    # --- the two paths --------------------------------------------------------------------------------
    def check_anchored(self, statement: Unit, own: Sequence[int], attributed_to: str | None = None,
                       focus: tuple[int, int] | None = None) -> Verdict:
        """The claims path: the statement against the sentence(s) its quote is in (``focus``: the quote's span,
        where the claim's clauses are sought first)."""
        return self._verdict(statement, list(own), attributed_to, anchored=True, focus=focus)

    def check(self, statement: Unit) -> Verdict:
        """The search path: the statement against the best passage of the source."""
        candidates = self._candidate_supports(statement)
        if not candidates:
            return self._empty(statement)
        # The passage that covers the statement best is where it comes from; another passage may support it only
        # if it covers nearly as much (a statement must not escape a contradiction by matching a weaker passage).
        verdicts = [self._verdict(statement, support, None, anchored=False, carried=self._carried(support))
                    for support in candidates]
        # Nor escape a person put in place of the person a sentence names by pairing the sentence with its
        # neighbour, which names the one put in ("Steven Berkoff starred in the 1962 film Lawrence of Arabia" from
        # "O'Toole, the star of 1962 classic film Lawrence of Arabia" and the next sentence's cast list), nor a
        # place put in place of the sentence's ("Iranian military personnel in Britain" for "advisors are in Syria",
        # paired with a list of states that names Britain).
        swapped = {support[0] for support, v in zip(candidates, verdicts, strict=True)
                   if len(support) == 1 and any(f.swapped for f in v.findings)}
        if swapped:
            kept = [(s, v) for s, v in zip(candidates, verdicts, strict=True) if len(s) == 1 or not set(s) & swapped]
            candidates, verdicts = [s for s, _ in kept], [v for _, v in kept]
        top = max(v.coverage for v in verdicts)
        # Nor escape who did what to whom by matching a passage that needs more of its names from elsewhere in the
        # article than one that covers it best and names them but says the parties are others, or acting otherwise
        # ("The law signed Gov. Brownback" must answer to "The law, signed by Gov. Brownback", not to "the signing
        # of the law" with his name taken from another sentence); nor escape the opposite its own sentence says so
        # ("All of the cases were in Likoni and Kisauni", where that sentence says "most", matched with the
        # sentence before, which counts cases and takes the places from its neighbour; a pair of sentences may read
        # as a negation what neither says alone).
        own = min((_borrowed(v) for support, v in zip(candidates, verdicts, strict=True) if v.coverage == top
                   and any(f.kind in ("role", "name") or f.kind == "negation" and len(support) == 1
                           for f in v.findings)), default=math.inf)
        eligible = [v for v in verdicts if v.coverage >= top - ESCAPE_MARGIN and _borrowed(v) <= own]
        # Nor escape who did what to whom, found where the statement's clauses line up with the passage's, by
        # matching a passage where none of them does and its main verb is not even named: that one shares its
        # words, not what it says ("Seven seasons had Ian Wright at Arsenal" for "Wright, who had seven seasons at
        # Arsenal", matched instead with "Wright was a player for Arsenal ... for seven years"; not "Israel's
        # accusation against Iran" for "Israel accused Iran", which says it with a noun).
        root = next((c for c in statement.clauses if c.root), None)
        pred = root.pred if root is not None else frozenset()
        support_of = {id(v): support for support, v in zip(candidates, verdicts, strict=True)}

        def names_verb(v: Verdict) -> bool:
            return bool(pred & frozenset().union(*(self.source.units[i].word_forms for i in support_of[id(v)])))

        if any(_aligned(v) and any(f.kind == "role" for f in v.findings) for v in eligible):
            eligible = [v for v in eligible if _aligned(v) or names_verb(v)]
        elif homes := [v for v in verdicts
                       if v.coverage >= top - HOME_MARGIN and any(f.kind == "role" or f.swapped for f in v.findings)
                       and (v.features.get("root_aligned") or names_verb(v))]:
            # Nor escape a party put in another's place where the statement's event is told (its main verb lines
            # up there, or is named there) by matching a passage that shares its other words and does not tell
            # that event, not even with a noun ("Sonya Hamasaki named each of his Gibson guitars Lucille" for
            # "King ... named each one of them Lucille", matched instead with "a custom-made signature model named
            # Lucille" and the credit line that names her): the statement is judged where its event is told.
            # (or tells it with another verb, one of its clauses having the statement's agent and patient: "gunmen
            # stormed a police checkpoint" for "gunmen attacked a police checkpoint")
            says = {id(v) for support, v in zip(candidates, verdicts, strict=True)
                    if any(t.pos_ == "NOUN" and forms(t.text, t.lemma_) & pred
                           for i in support for t in (self.source.units[i].doc or ()))
                    or root is not None and root.agent is not None and root.patient is not None and any(
                        relations.fills(None, root.agent, d.agent) and relations.fills(None, root.patient, d.patient)
                        for i in support for d in self.source.units[i].clauses)}
            eligible = [v for v in eligible if _aligned(v) or id(v) in says] or [max(homes, key=lambda v: v.coverage)]
        return max(eligible, key=_rank)

    # --- support --------------------------------------------------------------------------------------
    def _candidate_supports(self, statement: Unit) -> list[list[int]]:
        """The passages worth checking in full, best first: the sentences that cover most of the statement
        (its rare words, numbers and names), each alone, and each with the next sentence when the two together
        cover clearly more (a summary sentence often joins two adjacent ones). Whatever else the statement
        needs may come from the context around (names, dates), never from sentences further away."""
        units = self.source.units
        words = list(statement.words)
        weights = [self.source.weight(w) for w in words]
        values = {q.value for q in statement.quantities}
        keys = {k for m in statement.mentions for k in m.keys}
        total = sum(weights) + 2.0 * len(values) + 1.0 * len(keys) or 1.0

        def gain(idx: Sequence[int]) -> float:
            forms = frozenset().union(*(units[i].word_forms | units[i].name_keys for i in idx))
            found = {q.value for i in idx for q in units[i].quantities}
            g = sum(w for w, word in zip(weights, words, strict=True) if word.forms & forms)
            return (g + 2.0 * len(values & found) + 1.0 * len(keys & forms)) / total

        # Only the sentences that share a word, a name or a number with the statement (an inverted index: a long
        # source is not scanned whole for each statement).
        sharing = set().union(*(self._postings.get(f, ()) for w in words for f in w.forms),
                              *(self._postings.get(k, ()) for k in keys),
                              *(self._values.get(v, ()) for v in values))
        singles = sorted(((gain([i]), i) for i in sharing), key=lambda x: (-x[0], x[1]))
        singles = [(g, i) for g, i in singles if g > 0][:_CANDIDATE_SUPPORTS]
        # A number is what places a statement best: the sentence that holds each of its numbers is tried even when
        # others share more of its names ("Sofia Vergara is 42 years old" is in "the 42-year-old actress").
        for v in sorted(values):
            best = min(((-gain([i]), i) for i in self._values.get(v, ())), default=None)
            if best is not None and all(i != best[1] for _, i in singles):
                singles.append((-best[0], best[1]))
        found: dict[tuple[int, ...], float] = {(i,): g for g, i in singles}
        for g, i in singles:
            for j in (i - 1, i + 1):
                if 0 <= j < len(units):
                    pair = tuple(sorted((i, j)))
                    pg = gain(pair)
                    if pg >= g + 0.15:
                        found[pair] = max(found.get(pair, 0.0), pg - 0.05)
        ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
        return [list(k) for k, _ in ranked[: 2 * _CANDIDATE_SUPPORTS]]

    def _context(self, support: list[int]) -> list[Unit]:
        if not support:
            return []
        lo = max(0, min(support) - CONTEXT)
        hi = min(len(self.source.units), max(support) + CONTEXT + 1)
        return [self.source.units[i] for i in range(lo, hi) if i not in support]

    # --- the verdict on one support ---------------------------------------------------------------------
    def _carried(self, support: list[int]) -> str | None:
        """Who the article has assert the passage, when it is a quotation carried over from a sentence before
        (the passage's own parse then names no speaker: "'... A woman is entitled to bring a pregnancy to term
        ...'", Loeb's, after "'...,' he said."); None for the author's."""
        if not self.speakers or support[0] >= len(self.speakers):
            return None
        party = self.speakers[support[0]]
        return None if party == "the author" else party

    def _verdict(self, statement: Unit, support: list[int], attributed_to: str | None, anchored: bool,
                 focus: tuple[int, int] | None = None, carried: str | None = None) -> Verdict:
        if not support or not (statement.words or statement.quantities or statement.mentions):
            return self._empty(statement)
        p = Passage([self.source.units[i] for i in support], self._context(support), anchored,
                    attributed_to if anchored else None)
        findings: list[Finding] = malformed.findings(statement, self.source.text)
        missing_numbers = self._numbers(statement, p, findings)
        self._dates(statement, p, findings)
        aligned = relations.align(statement.clauses, p.clauses, focus)
        trace: list[str] = []
        licensed, missing_names = self.parties.check(statement, p, aligned, findings, trace)
        missing_names += self._unnamed(statement, p, findings)
        self.parties.titles(statement, findings)
        relations.roles(self.source, statement, p, aligned, findings)
        relations.exchanged_by_name(self.source, statement, p, findings)
        relations.described_apart(self.source, statement, p, findings)
        relations.joined_apart(self.source, statement, findings)
        relations.possession_reversed(self.source, statement, p, findings)
        relations.negation(statement, p, aligned, findings)
        moved.date_moved(statement, p, aligned, findings)
        moved.number_moved(statement, p, aligned, findings)
        relations.alternative_rejected(statement, p, findings)
        relations.prefixed_opposite(statement, p, findings)
        relations.antonym_swapped(statement, p, findings)
        moved.paid_otherwise(statement, p, findings)
        relations.negated_complement(statement, p, findings)
        relations.obliques_crossed(statement, p, aligned, findings)
        relations.oblique_exchanged(statement, p, aligned, findings)
        relations.pronoun_gender_swapped(statement, p, aligned, findings)
        comparisons.turned_round(statement, p, findings)
        comparisons.ends_swapped(statement, p, findings)
        comparisons.majority_miscounted(statement, p, findings)
        relations.lost_what_it_does(statement, p, findings)
        relations.said_of_another(self.source, statement, p, findings)
        relations.modality_changed(statement, p, aligned, findings)
        relations.tentative_dropped(statement, p, findings)
        relations.proposed_done(statement, p, findings)
        nominal_roles.only_wanted(self.source, statement, p, findings)
        relations.certainty(self.source, aligned, attributed_to, findings, anchored,
                            reporters=_reporters(statement),
                            speakers=[d.agent for d in p.clauses if d.speech and d.agent is not None],
                            hedged_report=min((c.verb for c in statement.clauses if c.speech and c.hedged),
                                              default=None),
                            named=p.mentions,
                            deniers=[c.agent for c in statement.clauses if relations.denier(c) and c.agent],
                            carried=carried)
        if not anchored and p.units:
            # (on the search path, every clause of the passage: "46 towns took government forces" for "government
            # forces liberated 46 towns" has no verb to line up with, and exchanges the parties all the same)
            whole = (min(u.start for u in p.units), max(u.end for u in p.units))
            relations.crossed_unaligned(self.source, statement, p, aligned, whole, findings)
            nominal_roles.exchanged_in_nouns(self.source, statement, p, aligned, whole, findings)
        if anchored and focus is not None:
            relations.crossed_unaligned(self.source, statement, p, aligned, focus, findings)
            nominal_roles.exchanged_in_nouns(self.source, statement, p, aligned, focus, findings)
            relations.attribution_kept(self.source, statement.clauses, p.clauses, aligned, attributed_to, focus,
                                       findings)
        # The statement's words a licensed name or the article's own description of the thing accounts for.
        accounted = _named(statement, licensed) | self._described(statement, p) | _hedge_words(statement, p) \
            | _said_as_last(statement, p) | relations.negated_by_prefix(statement, p) \
            | relations.told_from_the_other_side(statement, p) | relations.remains_as_left(statement, p) \
            | nominal_roles.won_told_by_noun(self.source, statement, p) \
            | nominal_roles.told_by_event_noun(self.source, statement, p)
        coverage, missing_words = self._coverage(statement, p, licensed, accounted)
        if not any(f.kind in HARD for f in findings):
            self._report_absent(statement, p, licensed, accounted, findings)
        features = self._features(statement, p, coverage, licensed, accounted, aligned, trace)
        score = self.calibration.probability(features)
        hard = [f for f in findings if f.kind in HARD]
        supported = not hard and score >= self.calibration.threshold
        if not hard and not supported:
            place = "sentence" if anchored else "passage"
            detail = (f"only {coverage:.0%} of its content words are in the {place}" if coverage < 0.9 else
                      f"the {place} has its words but does not state enough of it (the judge's score "
                      f"{score:.2f} is under {self.calibration.threshold:.2f})")
            findings.append(Finding("content", detail))
        return Verdict(supported=supported, score=round(score, 4), coverage=round(coverage, 4),
                       support=[(u.start, u.end) for u in p.units], findings=findings,
                       missing_numbers=missing_numbers, missing_names=missing_names, missing_words=missing_words,
                       features=features, trace=trace)

    def _empty(self, statement: Unit) -> Verdict:
        return Verdict(False, 0.0, 0.0, [], [Finding("content", "nothing in the source says this")],
                       missing_numbers=[q.raw for q in statement.quantities],
                       missing_names=[m.text for m in statement.mentions],
                       missing_words=[w.text.lower() for w in statement.words])

    def _unnamed(self, statement: Unit, p: Passage, findings: list[Finding]) -> list[str]:
        """Capitalised words inside the statement that the parser did not take for a name ("the Washington
        conflict"): a proper noun all the same, so one the passage and its context do not have is a name the
        statement brings in."""
        inside = [(m.start, m.end) for m in statement.mentions]
        near = p.forms | frozenset().union(*(u.word_forms for u in p.context)) | p.neutral
        out: list[str] = []
        named_near = {k for m in [*p.mentions, *p.context_mentions] for k in self.source.expand(m.keys)}
        for w in statement.words:
            if not w.text[:1].isupper() or any(a <= w.start < b for a, b in inside):
                continue
            if w.start == 0 or statement.text[:w.start].rstrip()[-1:] in ".:;\"“(":
                # Capitalised by its place: a name only if the article has it as one ("American artillery units"
                # opening a claim where the sentence says "Turkish artillery units").
                key = names.normal(w.text)
                # (not a word the article also writes in lower case: "Weapons were dropped ..." beside "chemical
                # weapons", though "Chemical Weapons" is in a name there)
                if (key in self.source.kinds or names.is_state(key)) and key not in named_near and not w.forms & near \
                        and w.text.lower() not in lexical.STOPWORDS \
                        and w.text.lower() not in self.source.lowercase_words:
                    out.append(w.text)
                continue
            if w.forms & near:
                continue
            if not w.forms & self.parties.all_forms or w.text.lower() in lexical.STOPWORDS:
                continue  # not a word of the article at all: the content check weighs what is invented
            out.append(w.text)
        if out:
            findings.append(Finding("name", f"names not in the {where(p)}: {', '.join(out)}"))
        return out

    def _numbers(self, statement: Unit, p: Passage, findings: list[Finding]) -> list[str]:
        missing: list[str] = []
        # An anchored claim may take a number from the sentences around when its sentence refers to what was
        # counted ("one of the two men" for "one of the men", the two men being counted just before); a searched
        # passage has had its chance to include the sentence that gives it.
        referred = _referred(p) if p.anchored else frozenset()
        nearby = [q for u in p.context for q in u.quantities if q.counted and q.counted in referred]
        for q in statement.quantities:
            if not any(_same_value(q.value, q.upper, f.value, f.upper) for f in [*p.quantities, *nearby]):
                missing.append(q.raw)
        # A number that is part of what names or describes something ("Progress 59", "the two-step
        # verification", "a magnitude-4.8 quake") may come from anywhere in the article, as a name may: the same
        # number next to the same word is there. A count is not licensed so: its word differs when it is wrong.
        missing = [raw for raw in missing if not self._descriptor(raw, statement.text)]
        # The first day of a pair ("on 10 and 12 February 2020") is a date, not a count: it must be a day the
        # article gives in that month.
        days = {raw for raw, day, month in paired_days(statement.text) if (day, month) in self._days}
        missing = [raw for raw in missing if raw not in days]
        years = {y for u in self.source.units for y in u.years}
        years |= {d.when.lo.year for u in self.source.units for d in u.dates if d.when and not d.yearless}
        if self.source.published:
            years.add(self.source.published.year)
        extra = sorted(statement.years - years)
        if extra and not years:
            # The article gives no year at all and no publication date: a year a claim adds ("12 February 2020"
            # for "February 12") can be neither borne out nor contradicted here. Flagged, not rejected.
            findings.append(Finding("year", f"the source gives no year; {', '.join(map(str, extra))} is not in "
                                    "it (give the article's publication date to check it)"))
        else:
            missing += [str(y) for y in extra]
        if missing:
            findings.append(Finding("number", f"numbers not in the {where(p)}: {', '.join(missing)}"))
        wrong = misbound(statement.quantities, p.quantities) + self._made_precise(statement, p)
        # An ordinal is a number the quantities do not read ("the second shipment"): one the passage does not
        # have, where it has another, tells another thing of the kind ("the first shipment").
        said = {m.group().lower() for m in _ORDINAL.finditer(statement.text)}
        theirs = {m.group().lower() for u in p.units for m in _ORDINAL.finditer(u.text)}
        if said - theirs and theirs - said:
            findings.append(Finding("number", f"the {where(p)} says {', '.join(sorted(theirs - said))}, not "
                                    f"{', '.join(sorted(said - theirs))}"))
            wrong = [*wrong, *sorted(said - theirs)]
        if wrong:
            findings.append(Finding("number", f"a number counts something else in the {where(p)}: "
                                    f"{', '.join(wrong)}"))
        if bounded := unqualified(statement.quantities, p.quantities, statement.text, [u.text for u in p.units]):
            findings.append(Finding("number", f"the {where(p)} gives the number only as "
                                    f"{', '.join(f'“{b[:1].lower()}{b[1:]}”' for b in bounded)}"))
            wrong = [*wrong, *bounded]
        # A number that describes with its word ("two-step verification") is that number: "four-step", where the
        # article writes the word only with another, is not licensed by a "four-digit code" in the passage.
        for m in _HYPHENED.finditer(statement.text):
            written = sorted(self._hyphened.get(m.group(2).lower(), ()))
            if written and not any(lexical.number_values(t.split("-")[0]) & lexical.number_values(m.group(1))
                                   for t in written):
                findings.append(Finding("number", f"the article says \u201c{written[0]}\u201d, not "
                                                  f"\u201c{m.group()}\u201d"))
                wrong = [*wrong, m.group()]
        return missing + wrong

    def _made_precise(self, statement: Unit, p: Passage) -> list[str]:
        """Counts the passage gives only vaguely, with the number taken from another thing it counts: "three
        victories over Mike Tyson" where it says "several victories over Mike Tyson" and "three expensive
        divorces"."""
        suspects = [q for q in statement.quantities if q.counted
                    and (others := [f for f in p.quantities if f.value == q.value])
                    and all(f.counted != q.counted for f in others)]
        if not suspects:
            return []
        # (the passage's vaguely counted nouns, read once for all the statement's numbers)
        vague = [forms(t.head.text, t.head.lemma_) for u in p.units if u.doc is not None for t in u.doc
                 if t.lower_ in _VAGUE and t.dep_ in ("amod", "nummod", "det") and t.head.pos_ == "NOUN"]
        return [f"{q.raw} {q.counted}" for q in suspects if any(q.counted in f for f in vague)]

    def _descriptor(self, raw: str, statement: str) -> bool:
        """Whether the number ``raw`` stands in the statement next to a word it also stands next to somewhere in
        the article ("Progress 59", "two-step", "magnitude-4.8"): then it names or describes, it does not count."""
        token = raw.split()[-1] if raw.split() else ""
        if not token:
            return False
        if token not in self._number_neighbours:
            self._number_neighbours[token] = _neighbours(token, self.source.text)
        return bool(_neighbours(token, statement) & self._number_neighbours[token])

    def _dates(self, statement: Unit, p: Passage, findings: list[Finding]) -> None:
        """A date must be the passage's; or, when the passage gives none that differs, one the article gives
        (its publication date, another sentence): decontextualised claims add the date of "on Monday"."""
        self._calendar(statement, p, findings)
        self._year_ranges(statement, p, findings)
        self._after_writing(statement, p, findings)
        here = [d for u in p.units for d in u.dates if d.when]
        known = here + [d for u in self.source.units for d in u.dates if d.when]
        published = [DateRange(self.source.published, self.source.published)] if self.source.published else []
        near: frozenset[str] | None = None  # (the passage's time words, read only for a statement that needs them)
        for d in statement.dates:
            if _SINCE_WRITING.search(d.text) and (d.when is None or d.yearless and self.source.published is None):
                # A time told from when the article was written that the rules cannot place ("a couple of months
                # ago", "last week" in an undated article): its words must be the passage's or the context's, not
                # another event's elsewhere in the article.
                if near is None:
                    near = frozenset().union(*(_time_words(u.text) for u in [*p.units, *p.context]))
                if not self._unplaced_time_said(d.text, near):
                    findings.append(Finding("date", f"the date is not the {where(p)}'s: {d.text}"))
                continue
            if d.when is None or (d.when.hi - d.when.lo).days > 62:
                continue  # unplaced, or a year or a season: the number check has its year
            if any(d.overlaps(k) for k in here):
                continue
            precise = [k for k in here if k.when and (k.when.hi - k.when.lo).days <= 31]
            if precise or not (any(d.overlaps(k) for k in known) or any(d.overlaps(k) for k in published)):
                findings.append(Finding("date", f"the date is not the {where(p)}'s: {d.text}"))

    def _after_writing(self, statement: Unit, p: Passage, findings: list[Finding]) -> None:
        """A time after the article was written where the passage tells it as past from the writing: "in the week
        after 30 December 2019" where the article, published on 30 December, says "last week" ("in the past two
        weeks", "a year ago"). The tagger reads "the week" and "30 December 2019" as two dates, so the order is
        read from the word before the date."""
        published = self.source.published
        if published is None:
            return
        past = next((m for u in p.units if (m := _PAST_FROM_WRITING.search(u.text))), None)
        if past is None or any(_ORDERED_AFTER.search(u.text) for u in p.units):
            return
        for d in statement.dates:
            if d.when is None or d.when.hi < published - dt.timedelta(days=1):
                continue
            if re.search(r"(?i)\bafter\s*$", statement.text[: d.start - statement.start]):
                findings.append(Finding("date", f"the {where(p)} places it before the article was written "
                                        f"(\"{past.group()}\"); this places it after {d.text}"))
                return

    def _unplaced_time_said(self, text: str, near: frozenset[str]) -> bool:
        """Whether the passage and its context say an unplaced time ``text`` (see ``_dates``), in its words or in
        the same words ("a year ago" for "last year", "overnight" for "last night"). Left to other checks: an age
        ("89 years old"), a time with a number, a month or a weekday (the number and calendar checks), a time
        counted from the story's ("the previous day", "the next morning": "next" and "later" are not the writer's
        time) and "recently" (no word of ``_SINCE_WRITING``); "today" is also "nowadays": any of the article's do."""
        if re.search(r"\d|\bold\b", text, re.I) or _CALENDAR.search(text.title()) \
                or re.search(r"(?i)\bthe (?:previous|following|next|prior)\b", text):
            return True
        said = _time_words(text)
        if said == {"today"}:
            return re.search(r"(?i)\btoday\b", self.source.text) is not None
        return said <= near

    def _year_ranges(self, statement: Unit, p: Passage, findings: list[Finding]) -> None:
        """A span of years must be the passage's span: "between 2014 and 2014" (or "2014-2015") where the passage
        says "between 2014 and 2016" gives years the article has, but not the span it gives."""
        mine = {_span(m) for m in _YEAR_RANGE.finditer(statement.text)}
        theirs = {_span(m) for u in p.units for m in _YEAR_RANGE.finditer(u.text)}
        if mine and theirs and not mine & theirs:
            wrong = ", ".join(f"{a}-{b}" for a, b in sorted(mine))
            findings.append(Finding("date", f"the date is not the {where(p)}'s: {wrong}"))

    def _calendar(self, statement: Unit, p: Passage, findings: list[Finding]) -> None:
        """Months and weekdays as written, for the dates no year places (an undated article's "in October"):
        each the statement names must be the passage's or its context's; or, when the passage names none, the
        article's."""
        # dates placed in time are compared as such; a month without a year ("the previous June") only as written
        placed = [(d.start, d.end) for d in statement.dates if d.when and not d.yearless]
        # ... but for the weekday a dated day is given with ("on Friday, 11 February 2020"): an article's
        # weekday may not be its date's, and a claim must not change it.
        said = [m.group() for m in _CALENDAR.finditer(statement.text)
                if m.group().lower() in _WEEKDAYS or not any(a <= m.start() < b for a, b in placed)]
        if not said:
            return
        here = {w for u in p.units for w in _CALENDAR.findall(u.text)}
        near = here | {w for u in p.context for w in _CALENDAR.findall(u.text)}
        anywhere = self._calendar_words
        # (where only the sentences around give a month, or a weekday, it is theirs: "The strongest tremor was
        # magnitude-6" after "Last May, two earthquakes ..." was May's, whatever June the article names elsewhere)
        kinds = {w.lower() in _WEEKDAYS for w in near}
        wrong = [w for w in dict.fromkeys(said) if w not in near
                 and (here or w not in anywhere or (w.lower() in _WEEKDAYS) in kinds)]
        if wrong:
            findings.append(Finding("date", f"the date is not the {where(p)}'s: {', '.join(wrong)}"))

    def _coverage(self, statement: Unit, p: Passage, licensed: set[str], accounted: set[int]
                  ) -> tuple[float, list[str]]:
        """Weighted share of the statement's words the passage has. Where the passage refers to something ("it",
        "the law"), the words the sentences around give it count too ("Bolivia's new law" for "It")."""
        total = covered = 0.0
        missing: list[str] = []
        own = sum(self.source.weight(w) for w in statement.words if w.forms & p.forms)
        whole = sum(self.source.weight(w) for w in statement.words) or 1.0
        # Only when the passage itself says most of it, and only for nouns and adjectives: the context completes
        # a reference ("Bolivia's new law" for "It"), it does not supply the statement.
        # A claim, pinned to its sentence by its quote, is made self-contained with the setting the sentences
        # around give ("the quake near Lucca" for "the tremor"): their nouns count there too.
        around = frozenset().union(*(u.word_forms for u in p.context)) \
            if p.context and (p.anchored or (p.refers and own / whole >= 0.7)) else frozenset()
        for w in statement.words:
            weight = self.source.weight(w)
            total += weight
            # (the names among them are the parties' check: a name is licensed there, or it is not)
            borrowed = w.noun and bool(w.forms & around) and (not p.anchored or not w.text[:1].isupper())
            if w.forms & p.forms or names.normal(w.text) in licensed or w.start in accounted or borrowed:
                covered += weight
            else:
                missing.append(w.text.lower())
        return (covered / total if total else 1.0), list(dict.fromkeys(missing))

    def _report_absent(self, statement: Unit, p: Passage, licensed: set[str], accounted: set[int],
                       findings: list[Finding]) -> None:
        """What the statement says someone said, where the passage has none of its words: "Judge Anne Moss said
        Hale would appeal" matched to "Judge Anne Moss said Hale had betrayed the trust of voters" (the speaker and
        the one spoken of are there; what is said, "appeal", is not). The words of the reported clause other than
        its names, every one of them missing from the passage."""
        if statement.doc is None or not p.units:
            return
        for verb in statement.doc:
            if verb.lemma_.lower() not in SPEECH:
                continue
            # (a clause with a subject of its own, what a verb of saying reports: not a noun the parser made a verb,
            # "revealed their playlist ahead of their league clash with Burnley")
            for said in (c for c in verb.children if c.dep_ == "ccomp"
                         and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)):
                lo, hi = said.left_edge.idx + statement.start, said.right_edge.idx + len(said.right_edge.text) \
                    + statement.start
                words = [w for w in statement.words if lo <= w.start < hi and not w.text[:1].isupper()
                         and names.normal(w.text) not in licensed]
                if not words or any(w.forms & p.forms or w.start in accounted for w in words):
                    continue
                near = _next_to(p)  # (only now: most statements report nothing the passage lacks)
                if any(w.forms & near for w in words):
                    continue
                findings.append(Finding("report", f"the {where(p)} does not have what is reported here: none of "
                                        + ", ".join(f"\u201c{w.text}\u201d" for w in words[:4])))
                return

    def _described(self, statement: Unit, p: Passage) -> set[int]:
        """Where the statement describes a thing the passage names with words the article uses for that thing
        elsewhere ("the second chemical-weapons shipment" where the passage says "the second shipment" and the
        article "two shipments of chemical weapons"): a self-contained statement says what its "the shipment" is.
        Not names (the parties' check), and not the words that tell one of a kind from another ("second",
        "former", "new"): those must be the passage's."""
        if statement.doc is None:
            return set()
        tokens = {t.idx + statement.start: t for t in statement.doc}
        phrases = self.source.phrase_forms
        out: set[int] = set()
        for w in statement.words:
            t = tokens.get(w.start)
            if t is None or w.forms & p.forms or w.text[:1].isupper() or t.lower_ in _DISTINGUISHING:
                continue
            for _ in range(4):
                if t.dep_ in PHRASE_DEPS:
                    t = t.head
                elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.dep_ == "prep":
                    t = t.head.head
                else:
                    break
                heads = forms(t.text, t.lemma_)
                if heads & p.forms and any(w.forms & phrases.get(f, frozenset()) for f in heads):
                    out.add(w.start)
                    break
        return out

    def _features(self, statement: Unit, p: Passage, coverage: float, licensed: set[str], accounted: set[int],
                  aligned: relations.Aligned, trace: list[str]) -> dict[str, float]:
        """What the calibration weighs: how much of the statement the passage covers, how rare what it lacks is,
        whether its clauses line up with the passage's, and how much it had to borrow from around."""
        src = self.source
        n_words = len(statement.words)
        missing = [w for w in statement.words
                   if not (w.forms & p.forms or names.normal(w.text) in licensed or w.start in accounted)]
        weights = [src.weight(w) for w in missing]
        per_unit = [sum(src.weight(w) for w in statement.words if w.forms & u.word_forms) for u in p.units]
        total = sum(src.weight(w) for w in statement.words) or 1.0
        root = next((c for c in statement.clauses if c.root), None)
        around = frozenset().union(*(u.word_forms for u in p.context)) if p.context else frozenset()
        nowhere = [w for w in missing if not w.forms & self.parties.all_forms]
        borrowed = [w for w in missing if w.forms & around]
        return {
            "invented_share": len(nowhere) / n_words if n_words else 0.0,
            "invented_weight": sum(src.weight(w) for w in nowhere) / src.idf_unseen,
            "borrowed_share": len(borrowed) / n_words if n_words else 0.0,
            "coverage": coverage,
            "core_coverage": max(per_unit, default=0.0) / total,
            "missing_share": len(missing) / n_words if n_words else 0.0,
            "missing_rare": max(weights, default=0.0) / src.idf_unseen,
            "missing_weight": sum(weights) / src.idf_unseen,
            "words": float(n_words),
            "support_units": float(len(p.units)),
            "aligned_share": len(aligned) / len(statement.clauses) if statement.clauses else 0.0,
            "root_aligned": 1.0 if root is not None and any(c is root for c, _ in aligned) else 0.0,
            "fragment": 0.0 if statement.clauses else 1.0,
            "borrowed_names": float(sum(": elsewhere" in t for t in trace)),
        }

_DEFINITE = re.compile(r"(?i)\b(?:the|both|these|those|all|its|their|his|her)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)")


_HEDGES = HEDGE_ADV | HEDGE_AUX | {"appear", "seem"}


def _hedge_words(statement: Unit, p: Passage) -> set[int]:
    """A statement's hedge ("appear to have left") where the passage hedges too ("it seems that ... have left"):
    the certainty check compares the hedges; the content check does not count one word of it as missing."""
    # (the statement's own hedges first: most have none, and the passage's tokens are then not read)
    mine = {t.idx + statement.start for t in statement.doc or () if t.lemma_.lower() in _HEDGES}
    if not mine or not any(t.lemma_.lower() in _HEDGES for u in p.units for t in (u.doc or ())):
        return set()
    return mine


def _said_as_last(statement: Unit, p: Passage) -> set[int]:
    """A self-contained statement's "the previous year" where the passage says "last year": the word the article's
    time is told from is not a missing content word (the date check compares the dates)."""
    mine = {w.start for w in statement.words if w.text.lower() in _LAST}
    if not mine or not any(w == "last" for u in p.units for w in lexical.words(u.text)):
        return set()
    return mine


def _next_to(p: Passage) -> frozenset[str]:
    """The word forms of the sentence just before the passage and the one just after it: a statement the search
    matched to one sentence may join what the next one says ("... told the BBC Syria is doing its best and said a
    shipment came under attack")."""
    first, last = min(u.start for u in p.units), max(u.end for u in p.units)
    before = [u for u in p.context if u.end <= first]
    after = [u for u in p.context if u.start >= last]
    return frozenset().union(*(u.word_forms for u in (before[-1:] + after[:1])))


def _named(statement: Unit, licensed: set[str]) -> set[int]:
    """Where the statement's words lie inside a name the parties' check licensed: every piece of it is that name's
    ("al" of "Faisal al-Mekdad", whose keys are "faisal" and "al-mekdad"), and so is the spelling out the
    statement gives of a licensed acronym ("anti-tank guided missile (ATGM)" where the passage says "ATGM"):
    its words' initials are the acronym's letters, so they add nothing the passage does not say."""
    spans = [(m.start, m.end) for m in statement.mentions if m.keys and set(m.keys) <= licensed]
    base = statement.start
    for a in _ACRONYM.finditer(statement.text):
        if names.normal(a.group(2)) not in licensed:
            continue
        parts = list(re.finditer(r"[^\W\d_]+", a.group(1)))
        letters = a.group(2).lower()
        if len(parts) >= len(letters) and "".join(x.group()[0].lower() for x in parts[-len(letters):]) == letters:
            spans.append((base + a.start(1) + parts[-len(letters)].start(), base + a.end(2)))
    pieces = {piece for k in licensed for piece in re.split(r"[-'’]", k)}
    return {w.start for lo, hi in spans for w in statement.words
            if lo <= w.start and w.end <= hi and (names.normal(w.text) in pieces or w.text[:1].islower())}


# Quantifiers that give no number ("several victories"), as the parser tags them on their noun.
_VAGUE = frozenset({"several", "many", "numerous", "multiple", "various", "few", "dozens", "hundreds", "thousands"})
# A number joined by a hyphen to the word after it, which it describes with ("two-step", "4-inch").
_HYPHENED = re.compile(r"(?i)\b(\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-([a-z]+)\b")
_ORDINAL = re.compile(r"(?i)\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"\d+(?:st|nd|rd|th))\b")
# Words that tell one thing of a kind from another: never borrowed from another mention of the noun.
_DISTINGUISHING = frozenset({"first", "second", "third", "fourth", "fifth", "last", "next", "previous", "former",
                             "new", "old", "other", "another", "same", "earlier", "later", "final", "latest",
                             "current", "future", "past", "original", "initial", "main", "only", "remaining"})
_ACRONYM = re.compile(r"((?:[^\W\d_][\w’'-]*\s+){1,8})\(([A-Z]{2,6})\)")


def _referred(p: Passage) -> frozenset[str]:
    """The stems of the nouns a passage refers back to ("the men", "both of the attacks")."""
    return frozenset(lexical.stem(w) for u in p.units for m in _DEFINITE.finditer(u.text)
                     for w in lexical.words(m.group(1)))


_YEAR_RANGE = re.compile(r"(?i)\b(?:between|from)\s+((?:19|20)\d\d)\s+(?:and|to)\s+((?:19|20)\d\d)\b"
                         r"|\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")
_LAST = frozenset({"previous", "prior", "preceding"})  # said for "last"
# Words of a time said in other words ("a year ago", "last year"), and those counted from the story's own time.
_SAME_TIME = {**dict.fromkeys(_LAST, frozenset({"last"})), "ago": frozenset({"last"}),
              "overnight": frozenset({"last", "night"}), "couple": frozenset({"two"})}
_STORY_TIME = frozenset({"next", "later", "earlier", "following"})


def _time_words(text: str) -> frozenset[str]:
    """The words a time is said with, the same time's in the same words ("ago" is "last"); "this" kept."""
    out: set[str] = set()
    for w in lexical.words(text):
        if w in _SAME_TIME:
            out |= _SAME_TIME[w]
        elif w not in lexical.STOPWORDS or w == "this":
            out.add(w)
    return frozenset(out - _STORY_TIME)


# A time told from when the article was written: in an undated article, the rules place it in a stand-in year.
_SINCE_WRITING = re.compile(r"(?i)\b(?:ago|last|next|this|previous|prior|yesterday|today|tonight|earlier|later)\b")
# A time told as past from the writing ("last week", "the past two weeks", "a year ago"), and a passage's own order
# from an event, which may put it after any date ("last week, after the vote on 30 December").
_PAST_FROM_WRITING = re.compile(r"(?i)\b(?:last|past)\b(?:\s+\w+){0,2}?\s+(?:hours?|days?|nights?|weeks?|months?|"
                                r"years?)\b|\b(?:hours?|days?|weeks?|months?|years?)\s+ago\b")
_ORDERED_AFTER = re.compile(r"(?i)\b(?:after|since|following)\b")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_CALENDAR = re.compile(r"\b(" + "|".join(sorted(w.capitalize() for w in lexical.MONTHS_DAYS)) + r")\b")
# A number joined to a word by a hyphen ("two-step", "magnitude-4.8") or after a name ("Progress 59", "BBC 5").
# An age in apposition is a name's too ("Jamie Silvonek (left), 14,"). ("42 years old" is not matched with
# "the 42-year-old actress": the hyphen ties the number to no name, and a swapped name would pass.)
_BEFORE = re.compile(r"(?:([A-Z][^\W\d_]*)(?: \([^()]{1,20}\))?,? |([^\W\d_]+)-)$")
_AFTER = re.compile(r"^-([^\W\d_]+)")


def _span(m: re.Match[str]) -> tuple[int, int]:
    first, last = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return int(first), int(last)


def _neighbours(token: str, text: str) -> set[tuple[int, str]]:
    """The words a number is part of a name or a compound with, at each of its occurrences in a text, stemmed:
    before it (0), after it (1); a number run into a word on both sides ("BBC5Live") counts those words."""
    out: set[tuple[int, str]] = set()
    for m in re.finditer(rf"(?i)(?<![\w.,]){re.escape(token)}(?![\w]|[.,]\d)", text):
        before = _BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        after = _AFTER.search(text[m.end() : m.end() + 30])
        for side, w in ((0, before and (before.group(1) or before.group(2))), (1, after and after.group(1))):
            if w and len(w) > 1 and w.lower() not in lexical.STOPWORDS:
                out.add((side, lexical.stem(w.lower())))
    # (a number in digits run into the words of a name on both sides: "BBC5Live"; not a number word, which
    # would be found inside words: "sen-ten-ced", "ne-two-rk")
    glued = re.finditer(rf"([A-Za-z]{{2,}}){re.escape(token)}([A-Za-z]{{2,}})", text) if token[:1].isdigit() else ()
    for m in glued:
        for side, w in ((0, m.group(1)), (1, m.group(2))):
            if w.lower() not in lexical.STOPWORDS:
                out.add((side, lexical.stem(w.lower())))
    return out


def _reporters(statement: Unit) -> list[Role]:
    """Who or what the statement's own verbs of saying give as the source of its words: their speakers, and what
    they say was posted or published ("after posting a message saying he wanted ...", where the parser may hang
    "saying" on the verb rather than on the message)."""
    return [r for c in statement.clauses if c.speech for r in (c.agent, c.patient)
            if r is not None and (r is c.agent or (r.referring != "pronoun" and not r.names))]


def _borrowed(v: Verdict) -> float:
    return v.features.get("borrowed_names", 0.0) if v.features else 0.0


def _aligned(v: Verdict) -> bool:
    return bool(v.features) and v.features.get("aligned_share", 0.0) > 0.0


def _rank(v: Verdict) -> tuple[bool, float, int]:
    """Which passage's verdict to report: a supported one, else the one that covers most of the statement."""
    return (v.supported, v.coverage, -sum(f.kind in HARD for f in v.findings))


def _same_value(a: float, a_hi: float | None, b: float, b_hi: float | None) -> bool:
    if a == b and a_hi == b_hi:
        return True
    if a_hi is None and b_hi is not None:
        return a in (b, b_hi)
    if b_hi is None and a_hi is None:
        return a == b
    return False


