"""The ``events`` component: every concrete conflict event an article reports.

Sentence by sentence, ``sitrep.extract.mentions`` finds event mentions
(trigger lexicon and dependency patterns, with hypotheticals, warnings and
denials dropped); here they get the article's context where the sentence
lacks it (the place and date the article is about), and mentions of one
real-world event (same type, place and date) are merged into one ``Event``.
Salience: ``main`` is the event the title and lede are about, ``background``
is history and aggregate tolls, the rest ``secondary``. ``Event.source`` is
left to the ``attribution`` component.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..records import Article, Event, Span
from ..registry import components
from .acled import actor_kind
from .actors import find_actors, resolve_generic
from .figures import FigureMention
from .mentions import Mention, sentence_mentions, sentences
from .places import dominant_place, find_places
from .salience import set_salience
from .triggers import Trigger

# Sentences a figure-only sentence may look back to find its event ("... foiled an attack. 25 were killed").
FIGURE_LOOKBACK = 1
# History and war-wide tolls are context, not events an analyst codes; the
# scorer never asks for them, and an unmatched one counts against precision.
KEEP_BACKGROUND = False
# The lexicon entry of an event known only by its toll of combatants.
COMBATANTS_KILLED = {"id": "figure:combatants-killed", "label": "armed_clash", "acled": "Armed clash", "strength": 1}
# Words that make "city of Raqqa", "east Aleppo" and "Raqqa" one place for merging.
PLACE_QUALIFIERS = frozenset(
    "north south east west northern southern eastern western central rural countryside outskirts "
    "suburbs suburb city town village district area region province governorate of the in near".split())
ONE_DAY = dt.timedelta(days=1)
# An undated toll belongs to an event of the last few days before publication.
NEWS_WINDOW = dt.timedelta(days=3)
# How far into the text a repeated title is looked for.
TITLE_WINDOW = 400
# The share of place mentions a country needs to host events of the article.
FOREIGN_SHARE = 0.15
# A date-less sentence takes the last dated sentence's day within this many sentences.
DATE_CONTEXT = 12


@components.register("events")
def extract_events(article: Article, doc) -> None:
    article.events = find_events(article, doc)


def find_events(article: Article, doc, keep_background: bool = KEEP_BACKGROUND) -> list[Event]:
    """The events of one article, in text order of their first mention.

    Background mentions (history, aggregate tolls) are recognised so that
    they do not pass as news; they are returned only with ``keep_background``.
    """
    text = article.text
    all_places = find_places(text, doc=doc)
    places = event_places(all_places)
    actors = find_actors(text)
    published = article.published
    ignore = [s for s in (title_span(article), _dateline_span(article)) if s]
    mentions: list[Mention] = []
    context_date = None  # (sentence index, DateMention)
    history: list[tuple[int, int]] = []  # sentences telling only background ("in August 2013 ...")
    for index, sent in enumerate(sentences(doc)):
        found, figures, dates = sentence_mentions(sent, index, text, published, places, actors, ignore)
        day_dates = [d for d in dates if d.date and d.precision == "day"]
        previous = mentions[-1] if mentions and index - mentions[-1].sent_index <= FIGURE_LOOKBACK else None
        echoed = None
        if previous is not None and found and all(m.trigger.strength < 2 for m in found) \
                and all(m.place is None or _same_event_place(previous, m) for m in found) \
                and not _means_of_attack_after_fighting(previous, found):
            found, echoed = [], previous  # "The attack killed four": the event just told, not a new one
        elif previous is not None and found and all(m.trigger.strength < 2 for m in found):
            _same_kind_elsewhere([p for p in mentions if p.sent_index == previous.sent_index], found)
        if not found:
            found = _continuation(previous, figures, dates, index, sent, places, echoed is not None)
        for m in found:
            if m.date is None and context_date and index - context_date[0] <= DATE_CONTEXT and not m.background:
                m.date = context_date[1]
        mentions.extend(found)
        if found and all(m.background for m in found):
            history.append((sent.start_char, sent.end_char))
        if day_dates and not any(m.background for m in found):
            context_date = (index, day_dates[-1])
    _type_generic_bombing(mentions)
    # The article's home is where its news happens: places named only in history do not vote.
    current = [p for p in places if not any(s <= p.start < e for s, e in history)]
    home = dominant_place(current) or dominant_place(places) or dominant_place(all_places)
    for m in mentions:
        if m.place is None:
            m.place = _context_place(m, mentions) or home
            m.place_rule = "context:previous-mention" if m.place is not home else "context:dominant-place"

    events = [e for e in _merge(mentions, published) if e.anchored]
    if not any(_grounded(e) for e in events):
        return []  # "a thriller of a clash", "stocks rallied": no armed conflict here

    set_salience(events, article, home, {p.location.country for p in places}, top_country(places))
    if not keep_background:
        events = [e for e in events if e.salience != "background"]
    return [_to_event(m, article, actors, published, i) for i, m in enumerate(events)]


# Event types a bare "attack" right after them continues: "Air raids continued west of Aleppo.
# An attack on the village of Batbo killed 19" is one more air strike, not a clash.
ATTACK_KINDS = frozenset({"air_strike", "shelling", "bombing", "chemical_attack"})


def _means_of_attack_after_fighting(previous: Mention, found: list[Mention]) -> bool:
    """ "Rebels launched an offensive. Two days of bombardment have killed 38 civilians": a weak
    trigger naming a means of attack (shelling, air strikes) with a toll of its own after fighting
    or a territory change reports the bombardment, not the fighting told before it."""
    return previous.type not in ATTACK_KINDS and all(
        m.type in ATTACK_KINDS and m.killed is not None for m in found)


def _same_kind_elsewhere(previous: list[Mention], found: list[Mention]) -> None:
    """A weak trigger ("an attack on X") in the sentence after an attack in the same governorate
    reports the same kind of event at another place, as a toll-only sentence does."""
    for m in found:
        if m.trigger.id != "armed_clash:attack" or m.place is None or not m.place.admin1:
            continue
        told = next((p for p in reversed(previous) if p.type in ATTACK_KINDS and p.place is not None
                     and p.place.admin1 == m.place.admin1), None)
        if told is not None:
            m.type, m.acled = told.type, told.acled


def _is_bare_attack(m: Mention) -> bool:
    return m.type == "armed_clash" and m.trigger.id == "armed_clash:attack"


def _specified(m: Mention, merged: list[Mention], published) -> Mention | None:
    """ "Gunmen attacked al-Fouaa ... They shelled al-Fouaa": a bare "attack" and a shelling at the
    same place and date are one event, of the more specific kind."""
    for e in merged:
        if bool(e.background) != bool(m.background) or not _same_place(e.place, m.place) \
                or not _same_date(e, m, published):
            continue
        if _is_bare_attack(e) and m.type in ATTACK_KINDS:
            e.type, e.acled = m.type, m.acled
            return e
        if _is_bare_attack(m) and e.type in ATTACK_KINDS:
            return e
    return None


def _type_generic_bombing(mentions: list[Mention]) -> None:
    """ "Since Thursday bombing has killed 44": in an article that reports air strikes, a bare
    "bombing" is the air bombardment, not a planted bomb."""
    if not any(m.type == "air_strike" for m in mentions):
        return
    for m in mentions:
        if m.type == "bombing" and m.trigger.entry.get("generic"):
            m.type, m.acled = "air_strike", "Air/drone strike"


def _antecedent(m: Mention, merged: list[Mention]) -> Mention | None:
    """The event an anaphoric mention ("Wednesday's explosion", "that attack") points back to:
    the latest earlier one of its type (a bare "attack" may be any type). A mention with a toll
    of its own in another governorate is a new event told with a definite article."""
    if not m.anaphoric:
        return None
    any_type = m.trigger.id == "armed_clash:attack"
    for e in reversed(merged):
        if e.background or not (e.type == m.type or any_type):
            continue
        if (m.killed is not None or m.injured is not None) and not (
                e.place is None or m.place is None or (e.place.precision or "") == "country"
                or e.place.admin1 == m.place.admin1):
            return None
        return e
    return None


def _grounded(m: Mention) -> bool:
    """The mention is about armed conflict for sure: an unambiguous trigger, a named armed actor, a toll."""
    if not m.trigger.entry.get("ambiguous"):
        return True
    return m.killed is not None or any(
        a is not None and actor_kind(a.actor_type) is not None for a in (m.actor1, m.actor2))


def title_span(article: Article) -> tuple[int, int] | None:
    """Where the title is repeated at the top of the text: a headline, not a report to count twice."""
    title = (article.title or "").strip()
    if len(title) < 12:
        return None
    at = article.text.lower().find(title.lower(), 0, TITLE_WINDOW + len(title))
    return (at, at + len(title)) if at >= 0 else None


def _dateline_span(article: Article) -> tuple[int, int] | None:
    span = article.spans.get("published")
    return (span.start, span.end) if span is not None and span.start >= 0 else None


def top_country(places: list) -> str | None:
    """The country most of the article's named places (towns, governorates) lie in."""
    counts = Counter(p.location.country for p in places
                     if p.location.country and (p.location.precision or "") != "country")
    return counts.most_common(1)[0][0] if counts else None


def event_places(places: list) -> list:
    """The places that can host this article's events: those in the countries the article is about.

    A country named in passing (a capital where talks are held, a foreign
    ministry, a dateline) is not where the fighting is: a country counts when
    it holds a quarter of the article's place mentions.
    """
    fine = [p for p in places if p.location.country and (p.location.precision or "") != "country"]
    counts = Counter(p.location.country for p in fine or places if p.location.country)
    total = sum(counts.values())
    allowed = {c for c, n in counts.items() if n >= max(2, FOREIGN_SHARE * total)}
    if not allowed and counts:
        allowed = {counts.most_common(1)[0][0]}
    first = counts.most_common(1)[0][0] if counts else None
    # "a border crossing with Turkey": a neighbouring country named whole is a direction, not a place.
    return [p for p in places if p.location.country in allowed
            and not ((p.location.precision or "") == "country" and p.location.country != first)]


def _continuation(previous: Mention | None, figures: list[FigureMention], dates, index: int, sent,
                 places: list, names_event: bool = False) -> list[Mention]:
    """A sentence with a toll but no trigger of its own.

    Right after an event it completes that event ("... foiled an attack. 25
    terrorists were killed"; with ``names_event`` the sentence names it again, "the
    bombardment killed 38", and the toll makes an echo a told event), or, naming
    another place, reports the same kind of event there ("17 others were injured in Mogambo neighbourhood"). On its
    own, combatants killed is fighting ("24 IS terrorists were eliminated near
    Raqqa").
    """
    tolls = [f for f in figures if f.kind in ("killed", "injured") and not f.included]
    if not tolls:
        return []
    here = [p for p in places if sent.start_char <= p.start < sent.end_char
            and (p.location.precision or "") != "country"]
    if previous is None and not (here and any(
            f.kind == "killed" and f.figure.group == "combatants" for f in tolls)):
        return []
    found: list[Mention] = []
    for place, group in _tolls_by_place(tolls, here, sent.end_char):
        if previous is not None and (place is None or _same_place(place.location, previous.place)):
            for f in group:
                if getattr(previous, f.kind) is None:
                    setattr(previous, f.kind, f)
                    # "They fired rockets. The bombardment killed 38": a toll told of the event pins it
                    previous.anchored = previous.anchored or names_event
            if (sent.start_char, sent.end_char) not in previous.extra_sentences:
                previous.extra_sentences.append((sent.start_char, sent.end_char))
            continue
        place = place or here[0]
        entry, label = (previous.trigger.entry, previous.type) if previous else (COMBATANTS_KILLED, "armed_clash")
        first = group[0]
        trigger = Trigger(first.start, first.end, first.figure.text or "", label, entry)
        m = Mention(type=label, trigger=trigger, sent_start=sent.start_char, sent_end=sent.end_char,
                    sent_index=index, place=place.location, place_rule=place.rule,
                    date=next((d for d in dates if d.date), None),
                    acled=previous.acled if previous else entry["acled"],
                    actor1=previous.actor1 if previous else None)
        for f in group:
            if getattr(m, f.kind) is None:
                setattr(m, f.kind, f)
        found.append(m)
    return found


def _tolls_by_place(tolls: list[FigureMention], here: list, sent_end: int) -> list[tuple]:
    """ "17 others were injured in Mogambo while another one was injured in Hamadaniyeh": each toll
    belongs to the place named between it and the next toll, else to the last place before it
    (None when there is none), so a list of attacks keeps each toll with its own place. Tolls
    of different kinds only ("killed ... and wounded ...") stay together with the first place."""
    if len({f.kind for f in tolls}) == len(tolls):
        # one toll of each kind ("22 killed and 50 wounded in the raids on X") is one event
        return [(here[0] if here else None, tolls)]
    groups: list[tuple] = []
    for i, f in enumerate(tolls):
        stop = tolls[i + 1].start if i + 1 < len(tolls) else sent_end
        own = [p for p in here if f.start <= p.start < stop]
        before = [p for p in here if p.start < f.start]
        place = own[0] if own else (before[-1] if before else None)
        if groups and groups[-1][0] is place:
            groups[-1][1].append(f)
        else:
            groups.append((place, [f]))
    return groups


def _context_place(m: Mention, mentions: list[Mention]):
    """The place of the nearest earlier mention in the same or previous sentence; news does not
    take its place from history ("... in Ghouta in August 2013. The symptoms ...")."""
    for other in reversed(mentions):
        if other is m or other.sent_index > m.sent_index or (other.background and not m.background):
            continue
        if m.sent_index - other.sent_index > 1:
            break
        if other.place is not None:
            return other.place
    return None


def place_key(loc) -> str:
    """A place's identity: its GeoNames id, else its name without direction and settlement words."""
    if loc.geonames_id:
        return f"geonames:{loc.geonames_id}"
    words = re.findall(r"[a-z0-9]+", (loc.name or "").lower())
    return " ".join(w for w in words if w not in PLACE_QUALIFIERS)


def _same_place(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return place_key(a) == place_key(b) or (a.name or "").lower() == (b.name or "").lower()


def _same_event_place(target: Mention, m: Mention) -> bool:
    """One event seen at two levels of detail: the same place, or a place inside the other's
    governorate when one side is only the governorate, or adds no toll of its own.
    Two named places that each carry their own toll are two events ("In Khan Sheikhun ...
    killed seven", "in Kafr Takharim ... killed seven")."""
    a, b = target.place, m.place
    if _same_place(a, b):
        return True
    if a is None or b is None:
        return False
    if (b.precision or "") == "country" and b.country == a.country:
        return True
    if (a.precision or "") == "country" and a.country == b.country:
        target.place, target.place_rule = b, m.place_rule  # the headline's "Syria" becomes the town
        return True
    if not (a.admin1 and a.admin1 == b.admin1 and a.country == b.country):
        return False
    m_toll = m.killed is not None or m.injured is not None
    target_toll = target.killed is not None or target.injured is not None
    if not m_toll:
        return True
    coarse = "admin1" in ((a.precision or ""), (b.precision or ""))
    if coarse and _same_toll(target, m):
        if (a.precision or "") == "admin1" and (b.precision or "") != "admin1":
            target.place, target.place_rule = b, m.place_rule  # "22 killed in Idlib" is "22 killed in Hass"
        return True
    return coarse and not target_toll


def _conflicting_counts(a: Mention, b: Mention) -> bool:
    """ "six humanitarian corridors" and "eight humanitarian corridors" stay two records, so that
    linking can show the contradiction instead of one of the numbers vanishing."""
    for name in a.quantities.keys() & b.quantities.keys():
        fa, fb = a.quantities[name].figure, b.quantities[name].figure
        if (fa.value or fa.low) != (fb.value or fb.low):
            return True
    return False


def _same_toll(a: Mention, b: Mention) -> bool:
    """The same death toll told twice in one governorate is one event told twice."""
    ka = a.killed.figure if a.killed else None
    kb = b.killed.figure if b.killed else None
    return ka is not None and kb is not None and (ka.value or ka.low) == (kb.value or kb.low) \
        and (ka.value or ka.low or 0) > 0


def _same_date(a: Mention, b: Mention, published: dt.date | None = None) -> bool:
    """Dates agree when they start the same day or both are overlapping spans; an undated
    mention stands for the news of the day (the publication day or the day before).
    A day inside a span is not enough: "in the past three days ... 135 killed" and "on Tuesday
    in Sarmin ... 10 killed" are the toll and one of its strikes, two records."""
    da = a.date.date if a.date is not None and not a.date_is_speech else None
    db = b.date.date if b.date is not None and not b.date_is_speech else None
    if da is None or db is None:
        undated = a if da is None else b
        if undated.killed is None and undated.injured is None and (undated.place_rule or "").startswith("context"):
            return True  # an echo without a toll or place of its own ("the attack was condemned")
        known = da or db
        return known is None or published is None or published - NEWS_WINDOW <= known <= published
    a0, b0 = da, db
    a1, b1 = a.date.date_end or a0, b.date.date_end or b0
    if a0 == b0:
        return True
    return a.date.date_end is not None and b.date.date_end is not None and a0 <= b1 and b0 <= a1


def _merge(mentions: list[Mention], published: dt.date | None = None) -> list[Mention]:
    """Mentions of one event (same type, same place, same date) become one, the first one leading."""
    merged: list[Mention] = []
    for m in mentions:
        candidates = [e for e in merged if not _conflicting_counts(e, m)]
        target = _antecedent(m, candidates) or _specified(m, candidates, published) or next((e for e in candidates if e.type == m.type and _same_place(e.place, m.place)
                       and _same_date(e, m, published) and bool(e.background) == bool(m.background)), None) or \
            next((e for e in candidates if e.type == m.type and bool(e.background) == bool(m.background)
                  and _same_date(e, m, published) and _same_event_place(e, m)), None)
        if target is None:
            if not m.diplomatic:
                merged.append(m)
            continue
        target.anchored = target.anchored or m.anchored
        if target.place is not None and m.place is not None and (target.place.precision or "") == "country" \
                and (m.place.precision or "") != "country" and m.place.country == target.place.country:
            target.place, target.place_rule = m.place, m.place_rule  # "in Syria" told again "in Rashidin"
        if target.date_is_speech and m.date is not None and not m.date_is_speech:
            target.date, target.date_is_speech = m.date, False
        for attr in ("killed", "injured", "date", "actor1", "actor2", "actor2_name"):
            if getattr(target, attr) is None and getattr(m, attr) is not None:
                setattr(target, attr, getattr(m, attr))
        for k, v in m.quantities.items():
            target.quantities.setdefault(k, v)
    return merged


def _to_event(m: Mention, article: Article, actors: list, published: dt.date | None, index: int) -> Event:
    text = article.text
    evidence = text[m.sent_start:m.sent_end].strip()
    lead = len(text[m.sent_start:m.sent_end]) - len(text[m.sent_start:m.sent_end].lstrip())
    spans: dict[str, Span] = {}
    date = date_end = None
    precision = "unknown"
    if m.date is not None:
        date, date_end, precision = m.date.date, m.date.date_end, m.date.precision
        spans["date"] = Span(m.date.start, m.date.end, m.date.text, m.date.rule)
    elif published is not None and not m.background:
        # News reports the day's events: with nothing in the text to pin it, the publication day.
        date, precision = published, "day"
        spans["date"] = Span(0, 0, "", "date:publication-day")
    actor1 = actor2 = None
    if m.actor1 is not None:
        actor1 = resolve_generic(m.actor1, actors)
        spans["actor1"] = Span(m.actor1.start, m.actor1.end, m.actor1.text, m.actor1.rule)
    if m.actor2 is not None:
        actor2 = resolve_generic(m.actor2, actors)
        spans["actor2"] = Span(m.actor2.start, m.actor2.end, m.actor2.text, m.actor2.rule)
    elif m.actor2_name:
        actor2 = m.actor2_name
    if m.place is not None:
        spans.setdefault("location", m.place.span or Span(0, 0, m.place.name or "", m.place_rule or "place"))
    return Event(
        type=m.type, salience=m.salience, date=date, date_end=date_end, date_precision=precision,
        location=m.place, actor1=actor1, actor2=actor2,
        killed=m.killed.figure if m.killed else None, injured=m.injured.figure if m.injured else None,
        quantities={k: v.figure for k, v in m.quantities.items()}, source=None, evidence=evidence,
        evidence_span=Span(m.sent_start + lead, m.sent_start + lead + len(evidence), evidence, m.trigger.id),
        trigger=Span(m.trigger.start, m.trigger.end, m.trigger.text, m.trigger.id),
        acled_sub_event_type=m.acled, spans=spans, article_id=article.id, index=index)


__all__ = ["extract_events", "find_events"]
