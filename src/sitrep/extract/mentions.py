"""Event mentions: one sentence, its triggers, and the values around them.

A mention is what one sentence says about one event: its type (from the
trigger lexicon), place, date, figures and actors, each with its span.
``sitrep.extract.events`` merges the mentions of one real-world event into
one ``Event``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Location
from .acled import actor_kind, acled_sub_event_type
from .actors import agent_link, agent_phrase, is_ally, is_target, provider_types
from .claim_lexicons import cue_lexicon
from .dates import DateMention, find_dates
from .figures import FigureMention, find_figures
from .mention_places import coordinated_places, nearest_place, reference_places
from .triggers import Trigger, event_cues, find_triggers, is_hypothetical, not_an_occurrence

# A sentence further from publication than this reports history, not news.
BACKGROUND_AGE = dt.timedelta(days=21)
# A toll this large is an aggregate of a war, not one event.
AGGREGATE_TOLL = 5000
AIRCRAFT = re.compile(r"(?<![\w-])(?:war\s?planes?|jets?|aircraft|helicopters?|bombers?|air\s+force|aerospace|planes?|drones?|sukhoi\S*)(?![\w-])", re.I)


# A determiner or possessive that makes an event noun point back ("that attack", "Wednesday's explosion").
_ANAPHOR = re.compile(r"(?:(?<![\w-])(?:the|that|this|these|those|such|(?:mon|tues|wednes|thurs|fri|satur|sun|yester|to)days?)|\w['’]s)\s+(?:(?:same|latest|deadly|twin|double|huge|massive|first|second)\s+)?$", re.I)
CAUSE = re.compile(r"\b(?:due\s+to|because\s+of|as\s+a\s+result\s+of|amid|caused\s+by)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)


@dataclass
class Mention:
    type: str
    trigger: Trigger
    sent_start: int
    sent_end: int
    sent_index: int
    place: Location | None = None
    place_rule: str | None = None
    date: DateMention | None = None
    killed: FigureMention | None = None
    injured: FigureMention | None = None
    quantities: dict[str, FigureMention] = field(default_factory=dict)
    actor1: object | None = None  # ActorMention
    actor2: object | None = None
    actor2_name: str | None = None
    acled: str | None = None
    background: str | None = None  # why, when it is background
    extra_sentences: list[tuple[int, int]] = field(default_factory=list)
    salience: str = "secondary"
    # The sentence itself pins the event down (a place, a toll or a date of its own), rather
    # than an echo ("the bombing won't let up") that borrows everything from context.
    anchored: bool = True
    # The date is when something was said ("told SANA on Wednesday"): the best there is, but weak.
    date_is_speech: bool = False
    # "the explosion", "Wednesday's blast", "in that attack": refers back to an event already told.
    anaphoric: bool = False
    # A truce or chemical attack talked about (talks, resolutions, investigations, accusations):
    # it joins the event it talks about, and is no event of its own.
    diplomatic: bool = False


def _place_key(loc: Location | None) -> str:
    return (loc.name or "").lower() if loc else ""


def _speech_date(d: DateMention, text: str, offset: int) -> bool:
    """ "said on Sunday", "told reporters on Tuesday": when it was said, not when it happened."""
    verbs = "|".join(event_cues()["reporting_verbs"])
    before = text[max(0, d.start - offset - 40):d.start - offset]
    after = text[d.end - offset:d.end - offset + 25]
    return bool(re.search(rf"\b(?:{verbs})\b(?:\s+\w+){{0,2}}\s+(?:on\s+|late\s+|early\s+)?$", before, re.I)
                or re.match(rf"\s*(?:,\s*)?(?:{verbs})\b", after, re.I))


def _nearest_date(trigger: Trigger, dates: list[DateMention]) -> DateMention | None:
    usable = [d for d in dates if d.date is not None]
    if not usable:
        return None
    return min(usable, key=lambda d: abs((d.start + d.end) / 2 - (trigger.start + trigger.end) / 2))


# "the widest offensive since the insurgents took the east in 2012": the date after a superlative's
# "since" is the yardstick of a comparison, neither the event's date nor a sign of history.
_BASELINE = re.compile(r"\b(?:\w+est|most\s+\w+|first|worst|largest|biggest)\b[^.;]{0,80}\bsince\b[^.;]{0,80}$", re.I)
# "the monitor, which tracks the war": the war as what a monitor follows is no history told.
_MONITORS = re.compile(r"\b(?:tracks|tracked|monitors|monitored|documents|documented|covers|covered|follows|"
                       r"reports\s+on|observes)\s+$", re.I)


def background_reason(sentence: str, dates: list[DateMention], figures: list[FigureMention],
                      published: dt.date | None) -> str | None:
    for d in dates:
        if d.date and published and published - d.date > BACKGROUND_AGE and (d.date_end is None or d.date_end < published - BACKGROUND_AGE or d.precision == "range"):
            return f"old-date:{d.text}"
        if d.date and not published and d.precision == "year":
            return f"year:{d.text}"
    for f in figures:
        if f.kind == "killed" and (f.figure.value or f.figure.low or 0) >= AGGREGATE_TOLL:
            return "aggregate-toll"
    for cue in _background_cues().finditer(sentence):
        if not _MONITORS.search(sentence[:cue.start()]):
            return f"cue:{cue.group(0).lower()}"
    return None


@lru_cache(maxsize=1)
def _background_cues() -> re.Pattern:
    words = sorted(event_cues()["background_words"], key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in words)})(?![\w-])", re.I)


# "held by rebels", "besieged by government forces": who holds a place, not who did the deed.
_HELD_BY = re.compile(r"\b(?:held|controlled|run|ruled|besieged|encircled|surrounded|backed|supported|"
                      r"dominated|occupied)\s+by\s+(?:the\s+)?(?:\S+\s+){0,3}$", re.I)


# "..., the Russian military reported", "according to the Observatory": the voice
# telling of the event is not a party to it.
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:\S+\s+){0,2}$", re.I)
_NEXT_WORD = re.compile(r"[\s,]*(?:(?:has|have|had|also|later|earlier|previously)\s+)*([A-Za-z]+)")


def _is_reporting_voice(actor, sent_text: str, offset: int) -> bool:
    if _ACCORDING_TO.search(sent_text[:actor.start - offset]):
        return True
    following = _NEXT_WORD.match(sent_text, actor.end - offset)
    return bool(following and cue_lexicon().verb(following.group(1)))


def _actor_roles(trigger: Trigger, actors: list, sent_text: str, offset: int):
    """actor1 carries it out; actor2 is hit. In order: "by X" or a link ("airstrikes of X") right
    after the trigger; the nearest non-target before it (the first of "X and Y"); "carried out by X"
    anywhere after it; "by/from X" just after it. Targets, allies and reporting voices are skipped."""
    label = trigger.entry.get("label")
    # Who announces a truce is a party to it; who reports a strike is not.
    announces = label == "ceasefire"
    providers = provider_types(label)
    perpetrators = [a for a in actors if (actor_kind(a.actor_type) is not None or a.actor_type in providers)
                    and (announces or not _is_reporting_voice(a, sent_text, offset))]
    # "Russian fighter jets struck": the actor may hold the trigger's first words.
    before = [a for a in perpetrators if a.start <= trigger.start and a.end <= trigger.end
              and (a.start < trigger.start or a.end < trigger.end)]
    after = [a for a in perpetrators if a.start >= trigger.end]
    # What a strike hit is not who struck: "strikes against the positions of ISIS".
    # An actor holding the trigger ("Russian air strikes") owns it, whatever preposition comes before.
    authors = {id(a) for a in perpetrators if a.end > trigger.start and a.start <= trigger.start
               or not is_target(sent_text[:a.start - offset], sent_text[a.end - offset:])}
    actor1 = None
    for a in after:
        lead = sent_text[:a.start - offset]
        by = re.search(r"\bby\s+(?:the\s+)?(?:\S+\s+){0,3}$", lead, re.I) \
            and not _HELD_BY.search(lead) and a.start - trigger.end < 60
        # "a moratorium on Russian air strikes": the link names the author, though "on" marks targets elsewhere.
        linked = agent_link(label, sent_text[trigger.end - offset:a.start - offset]) \
            and not is_target("", sent_text[a.end - offset:])
        if (by and id(a) in authors) or linked:
            actor1 = a
            break
    # "the army, backed by Russian air forces, took ...": the backer is an ally, not the subject.
    candidates = [a for a in before if id(a) in authors and not is_ally(sent_text[:a.start - offset])]
    if actor1 is None and candidates:
        actor1 = _coordination_head(candidates, sent_text, offset)
    if actor1 is None:
        actor1 = next((a for a in after if id(a) in authors and agent_phrase(sent_text[:a.start - offset])), None)
    if actor1 is None and after and after[0].start - trigger.end < 40 and re.match(
            r"\s*(?:by|from)\b", sent_text[trigger.end - offset:], re.I):
        actor1 = after[0]
    actor2 = next((a for a in after if a is not actor1 and a.canonical != getattr(actor1, "canonical", None)), None)
    return actor1, actor2


# "Rebels and allied militants launched": the subject's head is the first of the pair.
_AND = re.compile(r"\s*,?\s*(?:and|&)\s+(?:(?:allied|other|its|their|affiliated)\s+)?", re.I)


def _coordination_head(candidates: list, sent_text: str, offset: int):
    i = len(candidates) - 1
    while i > 0 and _AND.fullmatch(sent_text[candidates[i - 1].end - offset:candidates[i].start - offset]):
        i -= 1
    return candidates[i]


def sentences(doc):
    """The parser's sentences, split again at blank lines: a dateline or caption is not part of the lede."""
    for sent in doc.sents:
        begin = sent.start
        for token in sent:
            if token.is_space and token.text.count("\n") >= 2 and token.i > begin:
                yield doc[begin:token.i]
                begin = token.i + 1
        if begin < sent.end:
            yield doc[begin:sent.end]


def _outside(spans: list[tuple[int, int]]):
    return lambda x: not any(s <= x.start < e for s, e in spans)


def without_datelines(dates: list[DateMention], published: dt.date | None) -> list[DateMention]:
    """Drop the publication dateline ("Wednesday 16 November 2016", "Published April 4 2017"):
    a full date equal to the publication date says when the article was written, and the
    publication day is the fallback anyway."""
    if published is None:
        return dates
    full = [d for d in dates if d.date == published and d.rule in ("date:month-day-year", "date:day-month-year")]
    return [d for d in dates if d not in full and not (
        d.rule == "date:weekday" and any(0 <= f.start - d.end <= 3 for f in full))]


def sentence_mentions(sent, index: int, text: str, published: dt.date | None, places: list,
                      actors: list, ignore: list[tuple[int, int]] | None = None
                      ) -> tuple[list[Mention], list[FigureMention], list[DateMention]]:
    """The event mentions of one sentence, with its figures and dates (also returned, for context).

    ``places`` are the places that can host an event of this article (see
    ``sitrep.extract.events.event_places``); ``ignore`` are article spans
    that are not reporting (the title repeated at the top of the text).
    """
    start, end = sent.start_char, sent.end_char
    sent_text = text[start:end]
    keep = _outside(ignore or [])
    triggers = [t for t in find_triggers(sent_text, start, sent)
                if keep(t) and not is_hypothetical(sent, t) and not not_an_occurrence(sent, t)]
    figures = [f for f in find_figures(sent_text, start) if keep(f)]
    dates = [d for d in without_datelines(find_dates(sent_text, published, start), published)
             if keep(d) and not _BASELINE.search(sent_text[:d.start - start])]
    here_places = [p for p in places if start <= p.start < end and keep(p)]
    landmarks = reference_places(here_places, sent_text, start)
    here_places = [p for i, p in enumerate(here_places) if i not in landmarks]
    here_actors = [a for a in actors if start <= a.start < end]
    has_figure = any(f.kind in ("killed", "injured") for f in figures)
    event_dates = [d for d in dates if not _speech_date(d, sent_text, start)]
    strong = [t for t in triggers if t.strength >= 2]
    kept = strong + [t for t in triggers if t.strength < 2 and not strong and (has_figure or here_places)]
    if not has_figure:
        # "food production hit a low due to fighting": a cause named in passing, not a report.
        kept = [t for t in kept if not CAUSE.search(sent_text[max(0, t.start - start - 25):t.start - start])]
    has_aircraft = bool(AIRCRAFT.search(sent_text))
    background = background_reason(sent_text, dates, figures, published)
    civilians_hit = any(f.kind == "killed" and f.figure.group == "civilians" for f in figures)

    mentions: list[Mention] = []
    for t in sorted(kept, key=lambda t: t.start):
        label = t.label
        a1, a2 = _actor_roles(t, here_actors, sent_text, start)
        if t.entry.get("if_air") and has_aircraft:
            label = t.entry["if_air"]
        if t.entry.get("if_nonstate") and a1 is not None and actor_kind(a1.actor_type) == "nonstate":
            label = t.entry["if_nonstate"]
        if t.entry.get("if_civilian") and civilians_hit:
            label = t.entry["if_civilian"]
        if t.entry.get("if_state") and a1 is not None and actor_kind(a1.actor_type) == "state":
            label = t.entry["if_state"]  # "regime bombing": the state bombs from the air
        place = nearest_place(t, here_places, sent_text, start)
        m = Mention(type=label, trigger=t, sent_start=start, sent_end=end, sent_index=index,
                    place=place.location if place else None, place_rule=place.rule if place else None,
                    date=_nearest_date(t, event_dates) or _nearest_date(t, dates), actor1=a1, actor2=a2, background=background)
        needs = t.entry.get("needs")
        if needs and m.date is None and not re.search(needs, sent_text, re.I):
            continue
        m.acled = acled_sub_event_type(label, t.entry, sent_text, a1.actor_type if a1 else None)
        # A named perpetrator pins a report down too ("Nusra Front ... had fired hundreds of mortar bombs").
        named = a1 is not None and not getattr(a1, "generic", False)
        m.anchored = bool(place is not None or has_figure or m.date is not None or named)
        m.date_is_speech = m.date is not None and m.date not in event_dates
        m.anaphoric = bool(t.entry.get("anaphor") and _ANAPHOR.search(sent_text[:t.start - start]))
        mentions.append(m)
        for extra in coordinated_places(place, here_places, text, start) if place else []:
            twin = Mention(**{**m.__dict__, "place": extra.location, "place_rule": extra.rule,
                              "quantities": {}, "extra_sentences": []})
            mentions.append(twin)

    mentions = _drop_delivery_means(mentions)
    # One sentence, one event per type and place: "clashes ... fighting" is one clash.
    unique: list[Mention] = []
    for m in mentions:
        same = next((u for u in unique if u.type == m.type and (
            _place_key(u.place) == _place_key(m.place) or m.place is None or u.place is None)), None)
        if same is None:
            unique.append(m)
        elif same.place is None and m.place is not None:
            same.place, same.place_rule = m.place, m.place_rule
    _assign_figures(unique, figures, civilians_hit, sent_text, start)
    if _diplomatic_cues().search(sent_text):
        kinds = set(event_cues()["diplomatic_types"])
        for m in unique:
            if m.type in kinds and m.killed is None and m.injured is None:
                m.diplomatic = m.anaphoric = True
    return unique, figures, dates


@lru_cache(maxsize=1)
def _diplomatic_cues() -> re.Pattern:
    words = sorted(event_cues()["diplomatic_words"], key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in words)})(?![\w-])", re.I)


def _drop_delivery_means(mentions: list[Mention]) -> list[Mention]:
    """In one sentence, a chemical attack's bombs and an air strike's blasts are the same event."""
    types = {m.type for m in mentions}
    protest = next((m for m in mentions if m.trigger.entry.get("protest")), None)
    out = []
    for m in mentions:
        if protest is not None and m is not protest and m.trigger.start > protest.trigger.start \
                and m.type in ("armed_clash", "air_strike", "shelling"):
            continue  # "protested against the regime offensive": what they protest, not a new event
        if "chemical_attack" in types and m.type in ("air_strike", "shelling", "bombing"):
            continue
        if types & {"air_strike", "shelling"} and m.type == "bombing" and m.trigger.id in ("bombing:blast", "bombing:bomb", "bombing:generic"):
            continue
        out.append(m)
    return out


# "no strikes for already 16 days, eight corridors were opened": a duration after "for" belongs to
# what went on before it.
_DURATION = re.compile(r"\b(?:for|over)\s+(?:already\s+|about\s+|nearly\s+|more\s+than\s+)?$", re.I)


_CLAUSE_BREAK = re.compile(r"\b(?:while|whereas)\b|;", re.I)


def _own_clause(f: FigureMention, held: FigureMention, owner: Mention, sent_text: str, offset: int) -> bool:
    """ "17 others were injured in X while another one was injured in attacks on Y": a later figure
    in the trigger's own clause, set off by "while" or a semicolon, is the trigger's figure."""
    if not (held.end <= f.start <= owner.trigger.start) or not sent_text:
        return False
    return bool(_CLAUSE_BREAK.search(sent_text[held.end - offset:f.start - offset]))


def _assign_figures(mentions: list[Mention], figures: list[FigureMention], civilians_hit: bool,
                    sent_text: str = "", offset: int = 0) -> None:
    """Each figure goes to the mention whose trigger is nearest; the headline figure of a kind wins."""
    if not mentions:
        return
    for kind in ("killed", "injured"):
        of_kind = [f for f in figures if f.kind == kind and not f.included]
        for f in of_kind:
            owner = min(mentions, key=lambda m: abs(m.trigger.start - f.start))
            held = getattr(owner, kind)
            if held is None or _own_clause(f, held, owner, sent_text, offset):
                setattr(owner, kind, f)
    for f in figures:
        if f.kind in ("killed", "injured"):
            continue
        pool = mentions
        if f.kind == "days" and _DURATION.search(sent_text[max(0, f.start - offset - 20):f.start - offset]):
            pool = [m for m in mentions if m.trigger.end <= f.start] or mentions
        owner = min(pool, key=lambda m: abs(m.trigger.start - f.start))
        owner.quantities.setdefault(f.kind, f)
    for m in mentions:
        if m.actor2 is None and civilians_hit:
            m.actor2_name = "civilians"


__all__ = ["Mention", "sentence_mentions", "sentences", "without_datelines"]
