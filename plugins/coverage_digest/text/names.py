"""Speaker names: found in an article's own words, titles stripped, nicknames and surname-only mentions joined."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


def words_of(text: str) -> frozenset[str]:
    """The set of whitespace-separated words of a lexicon written as text."""
    return frozenset(text.split())


# Words that, written before a name, are a title or an office rather than part of the name ("Israel Prime Minister").
TITLE_WORDS = words_of(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend rabbi imam father sister brother sheikh
    president vice prime minister secretary deputy assistant undersecretary general attorney director chairman
    chairwoman chair chief leader head speaker majority minority whip sen senator rep representative congressman
    congresswoman gov governor lt lieutenant gen col colonel maj major capt captain sgt sergeant adm admiral cmdr
    commander officer gov. mayor judge justice king queen prince princess pope ambassador envoy commissioner
    spokesman spokeswoman spokesperson ceo founder coach sheriff chancellor premier president-elect defense
    defence foreign interior finance treasury state former retired acting then first lady house senate cia fbi nsa
    u.s. us un u.n. israel israeli palestinian hamas qatari egyptian american british french german russian
    chinese iranian democratic republican gop democrat rival"""
)
# A title on its own says the mention is a person, and often the gender.
PERSONAL_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
PERSON_TITLES = words_of(
    """mr mrs ms miss dr prof sen senator rep representative gov governor president minister secretary director
    chairman chairwoman mayor judge justice lt gen col maj capt sgt adm ambassador spokesman spokeswoman
    congressman congresswoman chancellor premier sheriff commissioner rabbi rev"""
)
# A name ending in one of these words names an organisation or a place, not a person.
BODY_WORDS = words_of(
    """party committee campaign department ministry agency office administration council commission court union
    institute university college school foundation association organization organisation corporation company corp
    inc llc group network news post times journal tribune herald guardian examiner press reuters telegraph service
    bureau board center centre fund bank forces army navy police government house senate congress assembly
    parliament cabinet coalition alliance league federation brigades movement authority strip city state states
    street bay island islands river ocean sea county republic kingdom square hall airport station park valley
    coast day week"""
)
PLACE_FIRST_WORDS = words_of("""new north south east west saint st. los las san santa fort mount lake port""")
# Familiar forms that papers print instead of the given name.
NICKNAMES = {
    "bibi": "benjamin",
    "bill": "william",
    "bob": "robert",
    "bobby": "robert",
    "dick": "richard",
    "jim": "james",
    "jimmy": "james",
    "joe": "joseph",
    "mike": "michael",
    "tom": "thomas",
    "ted": "edward",
    "tony": "anthony",
    "chris": "christopher",
    "dan": "daniel",
    "dave": "david",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "kate": "katherine",
    "alex": "alexander",
    "andy": "andrew",
    "ben": "benjamin",
    "nick": "nicholas",
    "sam": "samuel",
    "steve": "stephen",
    "rob": "robert",
    "matt": "matthew",
    "pat": "patrick",
    "ed": "edward",
    "al": "albert",
}

_TOKEN = re.compile(r"[^\s]+")


@dataclass(frozen=True, slots=True)
class Name:
    """A mention of a name split into the title written before it and the name itself."""

    title: str | None
    name: str

    @property
    def surname(self) -> str:
        """The last word of the name, possessive stripped, lower case."""
        return surname(self.name)


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person or body quoted in a story, under its canonical name."""

    name: str
    kind: str  # "person", "body" or "unnamed"
    aliases: tuple[str, ...]  # every way an article wrote it
    roles: tuple[str, ...]  # roles as written


def surname(name: str) -> str:
    """The last word of a name, possessive and final period stripped, lower case."""
    words = name.split()
    if not words:
        return ""
    return re.sub(r"(?:['’]s?|\.)$", "", words[-1]).lower()


def split_title(chunk: str) -> Name:
    """Split "Israel Prime Minister Benjamin Netanyahu" into its title and "Benjamin Netanyahu"."""
    words = _TOKEN.findall(chunk)
    last_title = -1
    for index, word in enumerate(words[:-1]):
        if _bare(word) in TITLE_WORDS:
            last_title = index
    title = " ".join(words[: last_title + 1]) or None
    return Name(title, " ".join(words[last_title + 1 :]))


def _bare(word: str) -> str:
    return word.lower().rstrip(".,") if word.lower() not in {"u.s.", "u.n."} else word.lower()


def strip_possessive(text: str) -> str:
    """Drop a final 's or ’ from a name."""
    return re.sub(r"['’]s?$", "", text)


def is_body_name(name: str) -> bool:
    """Say whether a name (without title) names an organisation or place."""
    words = name.split()
    if not words:
        return False
    return _bare(words[-1]) in BODY_WORDS or _bare(words[0]) in PLACE_FIRST_WORDS or (name.isupper() and len(name) > 1)


def has_person_title(title: str | None) -> bool:
    """Say whether a title makes the mention a person's."""
    return bool(title) and any(_bare(w) in PERSON_TITLES for w in (title or "").split())


def title_gender(title: str | None) -> str | None:
    """The gender an honorific gives ("m" or "f"), if any."""
    for word in (title or "").split():
        if _bare(word) in PERSONAL_TITLES:
            return PERSONAL_TITLES[_bare(word)]
    return None


def given_names_agree(a: str, b: str) -> bool:
    """Say whether two names with the same surname can name the same person (initials and nicknames allowed)."""
    first_a, first_b = _given(a), _given(b)
    if not first_a or not first_b:
        return True
    first_a, first_b = NICKNAMES.get(first_a, first_a), NICKNAMES.get(first_b, first_b)
    if first_a == first_b:
        return True
    return (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]


def _given(name: str) -> str:
    words = name.split()
    return words[0].lower().rstrip(".") if len(words) > 1 else ""


def canonical_speakers(mentions: Iterable[tuple[str, str, str | None, str | None]]) -> dict[str, Speaker]:
    """Group (speaker, kind, as written, role) mentions of one story; map every speaker string to its entry."""
    items = sorted(set(mentions), key=lambda m: (m[0], m[1], m[2] or "", m[3] or ""))
    groups: dict[tuple[str, str], list[tuple[str, str, str | None, str | None]]] = defaultdict(list)
    persons = [m for m in items if m[1] == "person"]
    full_names = Counter(split_title(m[0]).name for m in persons if len(split_title(m[0]).name.split()) > 1)
    for item in items:
        groups[_group_key(item, full_names)].append(item)
    out: dict[str, Speaker] = {}
    for (kind, _key), members in sorted(groups.items()):
        name = _best_name([m[0] for m in members], full_names) if kind == "person" else members[0][0]
        aliases = tuple(sorted({m[2] or m[0] for m in members}))
        roles = tuple(sorted({m[3] for m in members if m[3]}))
        speaker = Speaker(name=name, kind=kind, aliases=aliases, roles=roles)
        for member in members:
            out[member[0]] = speaker
    return out


def _group_key(item: tuple[str, str, str | None, str | None], full_names: Counter) -> tuple[str, str]:
    speaker, kind = item[0], item[1]
    if kind != "person":
        return kind, speaker.lower()
    name = split_title(speaker).name
    family = surname(name)
    # The full name it agrees with, most frequent first: surname-only and nickname mentions join it.
    candidates = sorted(
        (f for f in full_names if surname(f) == family and given_names_agree(f, name)),
        key=lambda f: (-full_names[f], f),
    )
    return kind, _given(candidates[0]) + " " + family if candidates else family


def _best_name(names: list[str], full_names: Counter) -> str:
    bare = [split_title(n).name for n in names]
    known = [n for n in bare if n in full_names]
    if known:
        return max(sorted(set(known)), key=lambda n: (full_names[n], len(n)))
    return max(sorted(set(bare)), key=len)


# -- names within one article -------------------------------------------------------------------------------------

MASK = "\x00"  # quotations are masked with this so that names inside them are never taken for the writer's
# Function words that are capitalised only because they start a sentence (never part of a name).
STOPWORDS = words_of(
    """a an the and but or nor so yet for of in on at by to from with as if when while after before since though
    although because however meanwhile moreover still also then there here this that these those it its he she
    they we i you his her their our my your what why how who whom where which despite according following
    throughout during amid among under over about into upon without within afterward afterwards instead indeed
    later earlier last next now today yesterday tonight once even just only not no yes both each every all some
    many most more such other another one two three several few like unlike similarly simultaneously echoing asked
    said says"""
)
TIME_WORDS = words_of(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
ABBREVIATIONS = words_of(
    """mr. mrs. ms. dr. prof. sen. rep. gov. lt. gen. col. maj. capt. sgt. adm. st. jr. sr. u.s. u.n. u.k. e.u. d.c.
    no. vs. rev. cmdr. ft. mt. oc. jan. feb. mar. apr. aug. sept. sep. oct. nov. dec. inc. corp. co. del."""
)
PARTICLES = words_of("""de da del der di du la le van von bin ibn al el abu bint""")
ROLE_NOUNS = words_of(
    """minister president leader official officials spokesman spokeswoman spokesperson director manager chairman
    chairwoman chair secretary adviser advisor aide journalist reporter analyst expert professor senator governor
    mayor candidate nominee chief commander general host anchor author economist strategist lawyer attorney
    founder executive member head lawmaker representative ambassador envoy negotiator correspondent editor
    columnist writer historian scientist researcher doctor coach pastor activist organizer supporter critic
    surrogate veteran resident voter mother father officer sheriff judge justice prosecutor commissioner speaker
    partner owner worker student teacher mediator diplomat source sources congressman congresswoman rival opponent
    challenger pollster consultant operative chancellor premier king queen prince colonel tycoon businessman
    businesswoman billionaire mogul developer designer narrator comedian actor actress singer star celebrity
    frontrunner front-runner contender hopeful incumbent legislator neurosurgeon surgeon physician nurse soldier
    entrepreneur investor banker donor fundraiser chairman manager publisher producer director"""
)
BODY_NOUNS = words_of(
    """group organization organisation movement party campaign agency company committee ministry government union
    department office administration commission court network newspaper paper magazine channel station firm
    council army military militants militia faction team authority authorities delegation"""
)

_NAME_WORD = re.compile(r"[A-Za-zÀ-ɏ][\w'’\-.À-ɏ]*")
_GENDERED = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name written in the article's own words, located by offsets into the (masked) article text."""

    start: int
    end: int
    text: str  # as written, title included
    name: str  # without title or possessive
    title: str | None
    kind: str  # "person" or "body"
    possessive: bool


class Cast:
    """The people and bodies one article names: full names by surname, genders, roles, mentions in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        chunks = list(_chunks(text))
        self.full: dict[str, str] = {}  # surname -> longest full name
        self.gender_votes: dict[str, Counter] = defaultdict(Counter)
        self.roles: dict[str, list[tuple[int, str]]] = defaultdict(list)  # full name -> (offset, role as written)
        self._note_people(chunks)
        found = (self._mention(start, end, words) for start, end, words in chunks)
        self.mentions = tuple(m for m in found if m is not None)
        self._note_roles_and_genders()

    def _note_people(self, chunks: list[tuple[int, int, str]]) -> None:
        for _start, _end, chunk in chunks:
            parsed = split_title(strip_possessive(chunk))
            words = parsed.name.split()
            if is_body_name(parsed.name) or not words:
                continue
            if len(words) > 1 or has_person_title(parsed.title):
                key = surname(parsed.name)
                if len(parsed.name) > len(self.full.get(key, "")):
                    self.full[key] = parsed.name

    def _mention(self, start: int, end: int, chunk: str) -> Mention | None:
        possessive = bool(re.search(r"['’]s?$", chunk))
        parsed = split_title(strip_possessive(chunk))
        if not parsed.name or parsed.name.lower() in TIME_WORDS:
            return None
        person = not is_body_name(parsed.name) and (
            has_person_title(parsed.title) or len(parsed.name.split()) > 1 or surname(parsed.name) in self.full
        )
        return Mention(start, end, chunk, parsed.name, parsed.title, "person" if person else "body", possessive)

    def _note_roles_and_genders(self) -> None:
        persons = [m for m in self.mentions if m.kind == "person"]
        for index, mention in enumerate(persons):
            full = self.resolve(mention.name)
            gender = title_gender(mention.title)
            if gender:
                self.gender_votes[full][gender] += 3
            for role in (mention.title, _role_before(self.text, mention.start), _appositive(self.text, mention.end)):
                if role:
                    self.roles[full].append((mention.start, role))
            if not mention.possessive:
                limit = persons[index + 1].start if index + 1 < len(persons) else len(self.text)
                pronoun = _GENDERED.search(self.text, mention.end, min(limit, mention.end + 300))
                if pronoun:
                    self.gender_votes[full]["f" if pronoun.group(1).lower().startswith(("she", "her")) else "m"] += 1

    def resolve(self, name: str) -> str:
        """The fullest form of a person's name the article prints (surname-only and titled mentions joined)."""
        name = split_title(strip_possessive(name)).name
        full = self.full.get(surname(name))
        if full and given_names_agree(full, name) and len(full) >= len(name):
            return full
        return name

    def gender(self, full_name: str) -> str | None:
        """ "m", "f" or None when the article gives no clear sign."""
        votes = self.gender_votes.get(full_name)
        if not votes:
            return None
        (top, count), *rest = votes.most_common()
        return top if not rest or count > rest[0][1] else None

    def is_person(self, name: str) -> bool:
        """Say whether a name (or surname) belongs to a person the article names."""
        name = split_title(strip_possessive(name)).name
        return surname(name) in self.full and not is_body_name(name)

    def role_of(self, full_name: str) -> str | None:
        """The first role the article gives a person, as written."""
        roles = self.roles.get(full_name)
        return roles[0][1] if roles else None


def _chunks(text: str):
    """Yield (start, end, words) for every run of capitalised words that is not a sentence-initial function word."""
    run: list[re.Match] = []
    for match in _NAME_WORD.finditer(text):
        word = match.group()
        if run and (not _joined(text, run[-1], match) or _ends_chunk(run[-1].group())):
            yield from _flush(text, run)
            run = []
        joins = PARTICLES if not run or _bare(run[-1].group()) not in BODY_WORDS | TITLE_WORDS else PARTICLES | {"of"}
        if word[0].isupper() or (run and word.lower() in joins and _next_capital(text, match.end())):
            run.append(match)
        elif run:
            yield from _flush(text, run)
            run = []
    yield from _flush(text, run)


def _joined(text: str, left: re.Match, right: re.Match) -> bool:
    gap = text[left.end() : right.start()]
    return gap.isspace() and "\n" not in gap and not re.search(r"['’]s?$", left.group())


def _ends_chunk(word: str) -> bool:
    return word.endswith(".") and word.lower() not in ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)+", word)


def _next_capital(text: str, at: int) -> bool:
    rest = text[at : at + 3].lstrip()
    return bool(rest) and rest[0].isupper()


def _flush(text: str, run: list[re.Match]):
    while run and run[0].group().lower().rstrip(".") in STOPWORDS | TIME_WORDS:
        run = run[1:]
    while run and run[-1].group().lower() in PARTICLES | {"of"}:
        run = run[:-1]
    if not run:
        return
    start, end = run[0].start(), run[-1].end()
    words = text[start:end]
    last = words.split()[-1]
    if words.endswith(".") and last.lower() not in ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)+", last):
        words, end = words[:-1], end - 1
    yield start, end, words


def _role_before(text: str, start: int) -> str | None:
    """Lower-case role words written just before a name ("Hamas leader", "campaign manager")."""
    window = text[max(0, start - 80) : start]
    match = _ROLE_BEFORE.search(window)
    if not match:
        return None
    phrase = re.split(r"[,;:()\x00]|\b(?:that|and|but|said|says|told)\b", match.group(1))[-1].strip()
    return phrase or None


_ROLE_BEFORE = re.compile(r"((?:[\w’'\-.]+\s+){0,4}?(?:" + "|".join(sorted(ROLE_NOUNS)) + r"))\s+$")


def _appositive(text: str, end: int) -> str | None:
    """The role in an appositive after a name ("Aaron Kall, the director of debate at ...,")."""
    match = re.match(r",\s+((?:a|an|the|one|another|his|her|its)\s+[^,;\x00\n]{2,120}?)(?=[,;.\x00\n]|$)", text[end:])
    if not match:
        return None
    phrase = match.group(1)
    return phrase if any(w in ROLE_NOUNS or w in BODY_NOUNS for w in re.findall(r"[a-z]+", phrase)) else None


def is_role_phrase(phrase: str) -> bool:
    """Say whether a description names a role ("the prime minister", "the terrorist group")."""
    found = re.findall(r"[a-z\-]+", phrase.lower())
    return bool(found) and (found[-1] in ROLE_NOUNS or found[-1] in BODY_NOUNS or found[-1] in BODY_WORDS)


# News organisations and the words that name one: words attributed to them were passed on, not spoken.
MEDIA_WORDS = words_of(
    """times post guardian journal tribune herald telegraph examiner gazette chronicle observer independent
    mail globe star sun mirror express economist news press reuters ap afp cnn bbc nbc abc cbs fox msnbc npr pbs
    politico axios bloomberg newsweek magazine newspaper paper agency broadcaster network channel television radio
    tv outlet outlets website report reports reporting wire daily weekly"""
)


def is_relay(phrase: str) -> bool:
    """Say whether a phrase names a news organisation or a report ("the Guardian", "a report in Al-Qahera News")."""
    found = re.findall(r"[^\W\d_][\w\-]*", phrase)
    if not found or len(found) > 8:
        return False
    return found[-1].lower() in MEDIA_WORDS or (found[0].lower() in {"a", "an"} and found[1:2] == ["report"])
