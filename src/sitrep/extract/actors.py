"""Actors: who carries out, suffers or reports an event, under one canonical name.

The alias table is ``data/actors.jsonl`` (see its ``meta`` line): each actor
has a canonical name, a type (state_force, armed_group, government,
political, monitor, humanitarian, international_org, media, civilians), plain
aliases matched case-insensitively and acronyms matched case-sensitively
("IS" but never "is"). Generic terms ("terrorists", "rebels", "government
forces", "a monitor") are table entries too; ``resolve_generic`` gives them
the named actor of a compatible kind the text names nearby, else their
default ("unidentified armed group", "opposition rebels", ...).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "actors.jsonl"
# Perpetrators named without a fixed alias ("Israeli combat planes", "Russia, which fired"), and the
# context words that tell an actor's role (target, author, bound group): see its meta line.
PATTERNS = DATA.parent / "actor_patterns.json"
# How far (characters) a generic term looks for the group it stands for: before it within the
# article's last few sentences, after it only within its own sentence.
LOOK_BACK = 250
LOOK_AHEAD = 120
# With no group in that window, a lede's "terrorist rocket attack" is told in detail in the next
# sentence or two ("ISIL terrorists fired ..."): look that far ahead.
FAR_AHEAD = 300
# A short form ("the Air Force") stands for the full name ("Syrian Arab Air Force") this far back.
ANAPHOR_BACK = 1500
# Words that may stand between "the" and an alias without changing the actor: "the Britain-based SOHR".
_STRIP = re.compile(r"^(?:the|a|an)\s+|'s$|’s$", re.I)


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    canonical: str
    actor_type: str
    rule: str
    generic: bool = False
    kind: str | None = None  # jihadist | rebel | kurdish | militia | state | monitor
    bound: str | None = None  # the named group(s) a generic term is tied to: "terrorist groups affiliated to X"


@dataclass
class ActorEntry:
    canonical: str
    actor_type: str
    kind: str | None = None
    family: str | None = None
    same_as: str | None = None
    generic: bool = False
    resolves_to: tuple[str, ...] = ()
    default: str | None = None
    meta: dict = field(default_factory=dict)


class ActorTable:
    def __init__(self, entries: list[dict], patterns: dict | None = None) -> None:
        self.entries: list[ActorEntry] = []
        self.by_alias: dict[str, ActorEntry] = {}      # lower-cased alias -> entry
        self.by_alias_cs: dict[str, ActorEntry] = {}   # exact alias -> entry
        for e in entries:
            generic = "generic" in e
            entry = ActorEntry(
                canonical=e.get("default") if generic else e["canonical"], actor_type=e["type"],
                kind=e.get("kind") or ("monitor" if e["type"] == "monitor" else None),
                family=e.get("family"), same_as=e.get("same_as"), generic=generic,
                resolves_to=tuple(e.get("resolves_to", ())), default=e.get("default"),
                meta={k: v for k, v in e.items() if k not in ("aliases", "aliases_cs")})
            self.entries.append(entry)
            names = list(e.get("aliases", ())) + ([] if generic else [e["canonical"]])
            for alias in _with_variants(names):
                self.by_alias.setdefault(alias.lower(), entry)
            for alias in _with_variants(e.get("aliases_cs", ())):
                self.by_alias_cs.setdefault(alias, entry)
        # Nationality + military noun ("Israeli combat planes"): aliases of the branch's entry, after
        # the table's own aliases so that a listed alias keeps its entry.
        by_name = {e.meta.get("canonical") or e.meta.get("generic"): e for e in self.entries}
        self.derived: set[tuple[str, ...]] = set()  # lower-cased tokens of those aliases, for their rule
        for alias, name in _nationality_aliases(patterns or {}):
            if name not in by_name or alias.lower() in self.by_alias or alias in self.by_alias_cs:
                continue
            if alias.split()[0].isupper():  # "US strikes", never "let us strike"
                self.by_alias_cs[alias] = by_name[name]
            else:
                self.by_alias[alias.lower()] = by_name[name]
            self.derived.add(tuple(_tokens(alias.lower())))
        self.patterns = patterns or {}
        self.by_name = by_name
        # Token-tuple indexes: matching walks the text's tokens, so word edges come for free
        # ("ISIS-held", "U.S.-led") and loading needs no giant regular expression.
        self.tokens_ci = {tuple(_tokens(a)): e for a, e in self.by_alias.items()}
        self.tokens_cs = {tuple(_tokens(a)): e for a, e in self.by_alias_cs.items()}
        self.max_tokens = max(map(len, list(self.tokens_ci) + list(self.tokens_cs)), default=1)
        # First tokens of aliases: most text tokens start none, and need no lookup per length.
        self.first_ci = {k[0] for k in self.tokens_ci if k}
        self.first_cs = {k[0] for k in self.tokens_cs if k}

    def entry(self, text: str) -> ActorEntry | None:
        text = " ".join(text.split())
        for candidate in (text, _STRIP.sub("", text), _STRIP.sub("", _STRIP.sub("", text))):
            hit = self.by_alias_cs.get(candidate) or self.by_alias.get(candidate.lower())
            if hit:
                return hit
        return None

    def canonical(self, text: str) -> tuple[str, str] | None:
        """("Islamic State", "armed_group") for any alias of a named actor; for a longer phrase,
        the longest named actor inside it ("Russian Defense Ministry spokesman Igor ...")."""
        hit = self.entry(text)
        if hit and not hit.generic:
            return hit.canonical, hit.actor_type
        named = [m for m in self.find(text) if not m.generic]
        if not named:
            return None
        best = max(named, key=lambda m: (m.end - m.start, -m.start))
        return best.canonical, best.actor_type

    def find(self, text: str) -> list[ActorMention]:
        spans = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text) if m.group(0) not in _DASHES]
        words = [t for _, _, t in spans]
        lowered = [t.lower() for t in words]
        found = []
        for i in range(len(spans)):
            if words[i] not in self.first_cs and lowered[i] not in self.first_ci and not (
                    len(words[i]) > 3 and words[i].endswith("s") and (words[i][:-1],) in self.tokens_cs):
                continue
            for n in range(min(self.max_tokens, len(spans) - i), 0, -1):
                entry = self.tokens_cs.get(tuple(words[i:i + n])) or self.tokens_ci.get(tuple(lowered[i:i + n]))
                if entry is None and n == 1 and len(words[i]) > 3 and words[i].endswith("s"):
                    # "ISILs terrorists": a possessive whose apostrophe the source dropped.
                    entry = self.tokens_cs.get((words[i][:-1],))
                if entry is None or not _contiguous(spans, i, n):
                    continue
                start, end = spans[i][0], spans[i + n - 1][1]
                kind = "nationality:" if tuple(lowered[i:i + n]) in self.derived else "alias:"
                rule = ("generic:" if entry.generic else kind) + text[start:end]
                found.append(ActorMention(start, end, text[start:end], entry.canonical, entry.actor_type,
                                          rule, entry.generic, entry.kind))
                break  # the longest alias starting here
        # Longest first, then leftmost: "Free Syrian Army" beats "Syrian Army".
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        kept: list[ActorMention] = []
        for m in found + self._country_subjects(text):
            if all(m.end <= k.start or m.start >= k.end for k in kept):
                kept.append(m)
        kept.sort(key=lambda m: m.start)
        self._bind_generics(text, kept)
        return kept

    @functools.cached_property
    def _subject_pattern(self) -> re.Pattern | None:
        """"Russia, which fired ...", "Russia has not conducted sorties": a country acting as a force."""
        names = [n for nat in self.patterns.get("nationalities", ()) for n in nat.get("names", ())]
        if not names:
            return None
        fillers = _alternation(self.patterns.get("subject_fillers", ()))
        return re.compile(rf"(?<![\w.])({_alternation(names)})(?![\w-])(?:'s|’s)?\s*,?\s+(?:(?:{fillers})\s+)*"
                          rf"({_alternation(self.patterns.get('subject_verbs', ()))})\b(?P<object>.{{0,40}})")

    @functools.cached_property
    def _air_object(self) -> re.Pattern:
        return re.compile(rf"\b(?:{_alternation(self.patterns.get('air_objects', ()))})\b", re.I)

    @functools.cached_property
    def _place_preposition(self) -> re.Pattern:
        return re.compile(rf"\b(?:{_alternation(self.patterns.get('place_prepositions', ()))})\s+(?:the\s+)?$", re.I)

    def _country_subjects(self, text: str) -> list[ActorMention]:
        if self._subject_pattern is None:
            return []
        out = []
        for m in self._subject_pattern.finditer(text):
            if self._place_preposition.search(text[max(0, m.start() - 30):m.start()]):
                continue  # "rebels in Damascus shelled ...": the city is a place there, not a subject
            nat = next(n for n in self.patterns["nationalities"] if m.group(1) in n.get("names", ()))
            branch = "air" if self._air_object.search(m.group("object")) else "ground"
            entry = self.by_name.get(nat.get(branch) or nat.get("ground"))
            if entry is None:
                continue
            out.append(ActorMention(m.start(1), m.end(1), m.group(1), entry.canonical, entry.actor_type,
                                    f"country-subject:{m.group(1)} {m.group(2)}", entry.generic, entry.kind))
        return out

    def _bind_generics(self, text: str, mentions: list[ActorMention]) -> None:
        """"terrorist groups affiliated to Al-Nusra front and Ahrar al-Sham", "Nusra-linked terrorist
        groups": the generic term stands for the named groups tied to it, of a kind it may stand for."""
        binder = re.compile(rf"\s*,?\s*(?:{_alternation(self.patterns.get('binders', ()))})\s+(?:the\s+)?$", re.I)
        prefix = re.compile(rf"[\s-]*(?:{_alternation(self.patterns.get('prefix_binders', ()))})\s*", re.I)
        for i, m in enumerate(mentions):
            entry = self.entry(m.text) if m.generic else None
            if entry is None:
                continue
            def fits(n: ActorMention) -> bool:
                return not n.generic and n.kind in entry.resolves_to
            if i > 0 and fits(mentions[i - 1]) and prefix.fullmatch(text[mentions[i - 1].end:m.start]):
                m.bound = mentions[i - 1].canonical
                continue
            j = i + 1
            if j >= len(mentions) or not fits(mentions[j]) or not binder.match(text[m.end:mentions[j].start]):
                continue
            names = [mentions[j].canonical]
            while j + 1 < len(mentions) and fits(mentions[j + 1]) and _PAIR.fullmatch(
                    text[mentions[j].end:mentions[j + 1].start]):
                j += 1
                names.append(mentions[j].canonical)
            m.bound = ", ".join(dict.fromkeys(names))

    def generic_entry(self, mention: ActorMention) -> ActorEntry | None:
        return self.entry(mention.text) if mention.generic else None


_TOKEN = re.compile(r"\w+|[^\w\s]")
# "Al-Nusra front and Ahrar al-Sham", "X, Y": names listed together.
_PAIR = re.compile(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?", re.I)
# Hyphens count as spaces: "Jaysh al-Fateh" is "Jaysh Al Fateh", "US-led" is "US led".
_DASHES = frozenset("-‐‑–")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t not in _DASHES]


def _with_variants(aliases) -> list[str]:
    """Aliases plus their form without the possessive apostrophe, which scraped text often
    loses ("Russia's air force" -> "Russias air force")."""
    out = list(aliases)
    for a in aliases:
        for mark in ("'s", "’s"):
            if mark in a:
                out.append(a.replace(mark, "s"))
                out.append(a.replace("'", "’") if mark == "'s" else a.replace("’", "'"))
    return out


def _alternation(words) -> str:
    """A regular expression alternation, longest first, spaces matching any run of whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _nationality_aliases(patterns: dict):
    """("Israeli combat planes", "Israel Defense Forces"), ...: adjective x branch noun -> branch's actor."""
    nouns = patterns.get("military_nouns", {})
    for nat in patterns.get("nationalities", ()):
        for branch, words in nouns.items():
            name = nat.get(branch) or nat.get("ground")
            for adjective in nat.get("adjectives", ()):
                for noun in words:
                    for alias in _with_variants([f"{adjective} {noun}"]):
                        yield alias, name


def _contiguous(spans: list[tuple[int, int, str]], i: int, n: int) -> bool:
    """Tokens of one alias stand on one line, separated by at most a few spaces or a hyphen."""
    return all(0 <= spans[j + 1][0] - spans[j][1] <= 3 for j in range(i, i + n - 1))


@functools.lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    with open(DATA, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return ActorTable([r for r in rows if "meta" not in r], actor_patterns())


@functools.lru_cache(maxsize=1)
def actor_patterns() -> dict:
    with open(PATTERNS, encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if k != "meta"}


def find_actors(text: str) -> list[ActorMention]:
    """All actor mentions in the text, non-overlapping, longest alias first."""
    return actor_table().find(text)


def resolve_generic(mention: ActorMention, mentions: list[ActorMention]) -> str:
    """A generic term's named actor: the nearest named mention of a kind the term may stand for,
    looking back a few sentences and forward within a short distance; else the term's default."""
    if not mention.generic:
        return mention.canonical
    if mention.bound:
        return mention.bound
    # "an attack by terrorist organizations ... the terrorist organizations of Al-Nusra Front": the same
    # generic phrase, tied to its groups a sentence away, stands for them here too.
    # Only a phrase of two words or more, close by: not every "terrorists" of a long article.
    phrase = _STRIP.sub("", mention.text).lower()
    same = [m for m in mentions if m.bound and m.generic and m is not mention and len(phrase.split()) > 1
            and _STRIP.sub("", m.text).lower() == phrase and abs(m.start - mention.start) <= FAR_AHEAD]
    if same:
        return min(same, key=lambda m: abs(m.start - mention.start)).bound
    table = actor_table()
    entry = table.generic_entry(mention)
    if entry is None:
        return mention.canonical
    named = [m for m in mentions if not m.generic and m.kind in entry.resolves_to]
    # "The Air Force shelled ...", after "the Syrian Arab Air Force": a short form of a name before it.
    head = _STRIP.sub("", mention.text).lower()
    # Only a name of two words or more: "ISIL terrorists" does not make every "terrorists" ISIL.
    short_of = [m for m in named if m.end <= mention.start and mention.start - m.end <= ANAPHOR_BACK
                and len(head.split()) > 1 and m.text.lower().endswith(" " + head)]
    if short_of:
        return short_of[-1].canonical
    # "terrorist groups": several groups, not the one group named nearby.
    if set(_tokens(head)) & set(table.patterns.get("plural_group_nouns", ())):
        return entry.default or mention.canonical
    best = _nearest(mention, named, LOOK_BACK, LOOK_AHEAD)
    if best is None and entry.actor_type != "state_force":
        # Only armed groups: "the army" of a state is not the next state force named.
        best = _nearest(mention, named, 0, FAR_AHEAD)
    return best.canonical if best else (entry.default or mention.canonical)


def _nearest(mention: ActorMention, named: list[ActorMention], back: int, ahead: int) -> ActorMention | None:
    best, best_distance = None, None
    for other in named:
        if other.end <= mention.start:
            distance = mention.start - other.end
            if distance > back:
                continue
        elif other.start >= mention.end:
            # A group named after the term counts less than one named before it.
            distance = 2 * (other.start - mention.end)
            if other.start - mention.end > ahead:
                continue
        else:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = other, distance
    return best


@functools.lru_cache(maxsize=1)
def _role_patterns() -> dict[str, re.Pattern]:
    p = actor_patterns()
    return {
        "target_before": re.compile(rf"\b(?:{_alternation(p['target_before'])})\s+(?:the\s+)?(?:(?:{_alternation(p['target_noun_phrases'])})\s+of\s+(?:the\s+)?)?$", re.I),
        "target_after": re.compile(rf"^(?:'s|’s)?[\s-]*(?:{_alternation(p['target_nouns'])})\b", re.I),
        "from_before": re.compile(r"\bfrom\s+(?:the\s+)?$", re.I),
        "relative": re.compile(r"^\s*,?\s*(?:that|who|which)\b", re.I),
        # "backed by Syrian and Russian air forces": the first word of a pair may stand between.
        "ally": re.compile(rf"\b(?:{_alternation(p['ally_before'])})\s+(?:the\s+)?(?:\w+\s+(?:and|&)\s+(?:the\s+)?)?$", re.I),
        "agent_phrase": re.compile(rf"\b(?:{_alternation(p['agent_phrases'])})\s+(?:the\s+)?$", re.I),
    }


def is_target(before: str, after: str) -> bool:
    """The actor is what a strike hit, not who struck: "strikes against the positions of ISIS",
    "attacks on Syrian army positions", "ISIS-held villages". Fire "from ISIS positions" is ISIS's."""
    pats = _role_patterns()
    # "... against the terrorists that attack our civilians": the subject of its own clause.
    if pats["from_before"].search(before) or pats["relative"].match(after):
        return False
    return bool(pats["target_before"].search(before) or pats["target_after"].match(after))


def is_ally(before: str) -> bool:
    """"The army, backed by Russian air forces, took ...": the backer helps, the subject acts."""
    return bool(_role_patterns()["ally"].search(before))


def agent_link(label: str | None, between: str) -> bool:
    """A trigger right before its author: "airstrikes of the Russian Aerospace Forces", and for a truce
    the strikes it halts, "a moratorium on Russian air strikes"."""
    links = actor_patterns()["agent_links"]
    words = links.get(label or "", links["default"])
    return bool(re.fullmatch(rf"\s*(?:{_alternation(words)})\s+(?:the\s+)?", between, re.I))


def agent_phrase(before: str) -> bool:
    """"... a chlorine attack carried out by the Syrian regime": the author, however far from the trigger."""
    return bool(_role_patterns()["agent_phrase"].search(before))


def provider_types(label: str | None) -> tuple[str, ...]:
    """Actor types that carry out events of this label though they are no armed party (aid: the UN)."""
    return tuple(actor_patterns().get("providers", {}).get(label or "", ()))
