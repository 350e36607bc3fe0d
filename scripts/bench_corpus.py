"""Generate synthetic news corpora for `make bench`: stories of skewed sizes, as seed files and as Pelican Markdown.

Every story has its own place, people, bodies and figures, and its articles share them; different stories of the same
kind (two earthquakes, two elections) exist, some in the same country. Articles vary in layout (headline line or not,
blank-line or line-per-paragraph or hard-wrapped text), carry site furniture, quote people with varied attributions,
and some rewrite or copy passages of another article of their story. Deterministic (seeded), stdlib only.

    .venv/bin/python scripts/bench_corpus.py --sizes 100,1000 --out bench/corpora
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SEED = "coverage-digest-bench-1"


def _names(text: str) -> tuple[str, ...]:
    """Split a space-separated word list; an underscore joins a multi-word name ("Van_Dijk" -> "Van Dijk")."""
    return tuple(w.replace("_", " ") for w in text.split())


FIRST = {
    "m": _names(
        "Ahmed Carlos David Emmanuel Farid Gustavo Hiroshi Ivan Jakub Kwame Luis Mehmet Nikolai Omar Pavel Rafael "
        "Samuel Tomas Viktor Yusuf Daniel Arjun Chen Diego Hassan Jonas Kofi Marco Pedro Raj Stefan Thomas Ali Mateo "
        "Oleksandr Bogdan Jean Andrei Kenji Musa"
    ),
    "f": _names(
        "Amina Beatriz Chiara Dalia Elena Fatima Grace Hana Ingrid Julia Karin Leila Maria Nadia Olga Priya Rosa "
        "Sofia Tamar Ursula Yasmin Zanele Anna Claire Esther Gabriela Ines Keiko Lucia Mariam Noura Sara Wanjiru Irina "
        "Ayesha Camila Helena Natalia"
    ),
}
LAST = _names(
    "Abdullah Adeyemi Alvarez Andersen Baptiste Barzani Becker Bello Castillo Chowdhury Costa Dimitrov Dlamini "
    "Erdogan Farouk Ferreira Fischer Gallagher Garcia Haddad Halvorsen Ibrahim Ivanova Jovanovic Kamau Karimi Kovacs "
    "Kowalski Kuznetsov Larsen Lindqvist Mahmoud Mensah Moreau Mwangi Nakamura Novak Nyambura Okafor Oliveira Osei "
    "Petrov Popescu Quispe Rahman Ramos Rossi Sadiq Santos Schmidt Sharma Silva Sokolov Suzuki Tanaka Toure Van_Dijk "
    "Vargas Volkov Wanjiku Yilmaz Zapata Zhang Ortega Moyo Banda Kaya Demir Aziz Nasser Hoffmann Lopez Mendes Reyes "
    "Varga Horvat Petrenko Shevchenko Bondarenko Tkachenko Kim Park Nguyen Tran Le Pham Sato Ito Watanabe Yamamoto"
)
COUNTRIES = _names(
    "Turkey Iran Pakistan India Indonesia Philippines Japan Mexico Peru Chile Italy Greece Nigeria Kenya Ethiopia "
    "Brazil Colombia Ukraine Poland Germany France Spain Egypt Morocco Bangladesh Nepal Afghanistan Sudan Ecuador "
    "Vietnam Thailand Romania Serbia Ghana Tanzania Argentina Canada Australia Israel Lebanon"
)
CITIES = _names(
    "Istanbul Ankara Tehran Karachi Lahore Mumbai Delhi Jakarta Manila Tokyo Osaka Lima Santiago Rome Milan Athens "
    "Lagos Nairobi Addis_Ababa Bogota Kyiv Warsaw Berlin Paris Madrid Cairo Casablanca Dhaka Kathmandu Kabul Khartoum "
    "Quito Hanoi Bangkok Bucharest Belgrade Accra Buenos_Aires Toronto Sydney"
)
SYLLABLES = _names("ka ra mi to sa ve lo an du bel or ze ni ta gor ul has mar pa ko rin del as tu vo li sen")
WEEKDAYS = _names("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# Figures that are measures rather than counts of people or things: never hedged or written in words.
MEASURES = frozenset(_names("share turnout rival drop revenue fine years days rounds hours km depth rain counts"))
SMALL = _names("zero one two three four five six seven eight nine ten eleven twelve")
AGENCIES = ("Reuters", "AP", "AFP", "Anadolu", "Xinhua")
OUTLET_WORDS = _names(
    "Daily Ledger Tribune Herald Courier Chronicle Gazette Observer Sentinel Post Times Monitor Dispatch Voice "
    "Record Journal Express Mirror Beacon Report Wire Today Insider Review Standard Star Bulletin Eagle Press"
)
COMPANY_SUFFIXES = ("Holdings", "Industries", "Motors", "Chemicals", "Group", "Steel", "Textiles", "Energy")
OUTLET_PLACES = _names("Northern Metro Capital Coastal Valley Global World National City River Harbor Summit Union")
ORG_FORMS = (
    "National Disaster Management Agency",
    "{country} Red Crescent",
    "Ministry of Health",
    "Ministry of Interior",
    "{city} Fire Department",
    "United Nations",
    "World Health Organization",
    "International Committee of the Red Cross",
    "{country} Armed Forces",
    "Civil Defence Directorate",
    "{region} Provincial Council",
    "Electoral Commission",
    "{last} Holdings",
    "{region} Energy Corporation",
    "Federation of Trade Unions",
    "Supreme Court",
    "Meteorological Service",
    "Human Rights Watch",
    "Amnesty International",
    "Doctors Without Borders",
)

# Title before a name, role phrase after it, and the body the person belongs to (index into the story's bodies).
OFFICES = (
    ("Interior Minister", "the country's interior minister"),
    ("Health Minister", "the health minister"),
    ("Defence Minister", "the defence minister"),
    ("Foreign Minister", "the foreign minister"),
    ("Governor", "the governor of {region}"),
    ("Mayor", "the mayor of {town}"),
    ("Dr.", "a doctor at {town} General Hospital"),
    ("Colonel", "a military spokesman"),
    ("", "a spokesperson for the {org0}"),
    ("", "a resident of {town}"),
    ("", "a local shopkeeper"),
    ("Chief Executive", "the chief executive of {org1}"),
    ("Judge", "the presiding judge"),
    ("", "an analyst at the {city} Institute for Policy Studies"),
    ("Rescue Coordinator", "who leads the rescue effort"),
)


@dataclass(frozen=True)
class Kind:
    """One kind of news event: its figures and the sentences, headlines and quotes that report it."""

    name: str
    figures: dict[str, tuple[int, int]]
    headlines: tuple[str, ...]
    ledes: tuple[str, ...]
    facts: tuple[str, ...]
    quotes: tuple[str, ...]


KINDS = (
    Kind(
        "earthquake",
        {"dead": (3, 900), "injured": (20, 4000), "buildings": (10, 600), "displaced": (500, 40000), "depth": (5, 40)},
        (
            "Powerful earthquake kills {dead} in {country}'s {region} province",
            "{region} quake: rescuers search rubble as death toll rises",
            "Magnitude {magnitude} earthquake strikes near {town}",
        ),
        (
            "A magnitude {magnitude} earthquake struck {town} in {country}'s {region} province on {weekday}, killing "
            "{dead} people and injuring {injured} others, officials said.",
            "{dead_cap} people were killed when a powerful earthquake hit the {region} region of {country} early on "
            "{weekday}, according to the {org0}.",
            "Rescuers in {country} were digging through the rubble of collapsed homes in {town} on {weekday} after an "
            "earthquake of magnitude {magnitude} killed {dead} people.",
        ),
        (
            "The quake, which struck at a depth of {depth} kilometres, was felt as far away as {city}.",
            "{buildings_cap} buildings collapsed in {town} and nearby villages, the {org0} said.",
            "More than {displaced} people spent the night outdoors, afraid to return to damaged homes.",
            "Hospitals in {region} were treating {injured} injured people, many of them with crush injuries.",
            "Aftershocks of up to magnitude {aftershock} continued to rattle the area through the night.",
            "Roads into {town} were blocked by landslides, slowing the arrival of heavy equipment.",
            "The government declared three days of national mourning.",
        ),
        (
            "We are doing everything we can to reach the people still trapped under the rubble.",
            "The next 48 hours are critical for anyone who is still alive under the collapsed buildings.",
            "I heard a roar and then the whole house was shaking. We ran out with nothing.",
            "Our teams are working through the night and more help is on the way from {city}.",
            "We ask everyone to stay away from damaged buildings because the aftershocks are not over.",
        ),
    ),
    Kind(
        "flood",
        {"dead": (2, 300), "displaced": (1000, 250000), "villages": (5, 200), "rain": (80, 400), "injured": (10, 500)},
        (
            "Floods kill {dead} and force {displaced} from homes in {country}",
            "{region} floods: {displaced} displaced as rivers burst their banks",
            "Heavy rain brings deadly flooding to {town}",
        ),
        (
            "Flooding after days of heavy rain has killed {dead} people in {country}'s {region} province and forced "
            "{displaced} people from their homes, the {org0} said on {weekday}.",
            "{dead_cap} people died and {villages} villages were cut off as rivers in {region} burst their banks on "
            "{weekday}.",
        ),
        (
            "Some areas received {rain} millimetres of rain in 24 hours, the Meteorological Service said.",
            "Rescue boats were sent to {town}, where water reached the roofs of single-storey houses.",
            "{villages_cap} villages remained cut off, and helicopters were dropping food and water.",
            "Officials warned that the death toll could rise as water receded.",
            "The main highway between {town} and {city} was closed after a bridge was washed away.",
            "Health workers warned of the risk of cholera in crowded shelters.",
        ),
        (
            "The water came in the middle of the night and we lost everything.",
            "This is the worst flooding this region has seen in decades.",
            "We have opened shelters in schools and mosques, but they are already full.",
            "We need boats, clean water and medicine, and we need them now.",
        ),
    ),
    Kind(
        "wildfire",
        {"hectares": (500, 90000), "evacuated": (200, 60000), "firefighters": (50, 3000), "homes": (5, 900)},
        (
            "Wildfire forces {evacuated} to flee near {town}",
            "Firefighters battle {region} blaze as winds pick up",
            "{country} wildfire destroys {homes} homes",
        ),
        (
            "A wildfire burning out of control in {country}'s {region} region has forced the evacuation of "
            "{evacuated} people and destroyed {homes} homes, officials said on {weekday}.",
            "More than {firefighters} firefighters were battling a blaze near {town} on {weekday} as strong winds "
            "pushed the flames towards the outskirts of the town.",
        ),
        (
            "The fire has burned about {hectares} hectares of forest and farmland since it started on {prev_weekday}.",
            "Water-bombing aircraft from neighbouring countries were expected to arrive on {next_weekday}.",
            "Smoke from the fire drifted over {city}, where authorities advised residents to stay indoors.",
            "Police said they were investigating whether the fire had been started deliberately.",
            "{homes_cap} homes and several businesses were destroyed, the {org0} said.",
        ),
        (
            "The wind changed direction and the fire was at our door within minutes.",
            "Our firefighters are exhausted but they will not give up.",
            "This fire is moving faster than anything we have seen before.",
            "Anyone who has been told to leave must leave now. Do not wait.",
        ),
    ),
    Kind(
        "ceasefire",
        {"hostages": (10, 150), "prisoners": (50, 1500), "days": (3, 60), "rounds": (2, 9)},
        (
            "Ceasefire talks in {city} near collapse as delegations leave",
            "Mediators push for {days}-day truce in {region}",
            "Hopes fade for deal to free {hostages} hostages",
        ),
        (
            "Talks on a ceasefire in {region} appeared close to collapse on {weekday} after delegations left {city}, "
            "where mediators had been pushing for a {days}-day truce.",
            "Negotiators meeting in {city} failed to agree on a deal that would see {hostages} hostages released in "
            "exchange for {prisoners} prisoners, officials said on {weekday}.",
        ),
        (
            "The proposal would see {hostages} hostages freed in stages over {days} days.",
            "This was the {rounds_ord} round of talks since fighting in {region} began.",
            "The United Nations has repeatedly called for a permanent end to the fighting.",
            "Both sides accused each other of refusing to compromise on the key issues.",
            "Fighting continued overnight near {town}, residents said.",
        ),
        (
            "We are observing worrying signs that the other side does not intend to reach an agreement.",
            "Any deal must include a permanent end to the war. We will not accept anything less.",
            "The talks were serious and in-depth, but gaps remain.",
            "We cannot accept that. Our position has not changed.",
        ),
    ),
    Kind(
        "election",
        {"share": (31, 64), "seats": (40, 320), "turnout": (38, 81), "rival": (18, 40)},
        (
            "{last0}'s party wins {share} percent in {country} election",
            "{country} votes: opposition concedes as count nears end",
            "Turnout of {turnout} percent in closely watched {country} poll",
        ),
        (
            "{country}'s ruling party won {share} percent of the vote in {weekday}'s parliamentary election, according "
            "to preliminary results published by the Electoral Commission.",
            "Voters in {country} handed {full0} a clear victory on {weekday}, with {poss0} party taking {seats} seats, "
            "official results showed.",
        ),
        (
            "Turnout was {turnout} percent, the Electoral Commission said.",
            "The main opposition party won {rival} percent and said it would challenge the result in court.",
            "Observers reported long queues at polling stations in {city} and {town}.",
            "The party will need {seats} seats to govern without a coalition partner.",
            "Campaigning was dominated by the rising cost of living and unemployment.",
        ),
        (
            "Tonight the people of {country} have chosen stability and hard work.",
            "We accept the will of the voters, but we have serious concerns about the count in {region}.",
            "This result is a message to everyone who said we could not win.",
            "Turnout was lower than we hoped, which tells you people are tired.",
        ),
    ),
    Kind(
        "factory",
        {"dead": (2, 80), "injured": (5, 300), "workers": (40, 2500), "hours": (2, 20)},
        (
            "Explosion at {town} factory kills {dead} workers",
            "Fire at {org1} plant in {region} leaves {dead} dead",
            "Blast rips through chemical plant near {town}",
        ),
        (
            "An explosion at a chemical factory in {town} killed {dead} workers and injured {injured} on {weekday}, "
            "local authorities said.",
            "{dead_cap} people were killed when a fire broke out at a plant run by {org1} in {country}'s {region} "
            "province, the {org0} said.",
        ),
        (
            "About {workers} people were working at the site at the time of the blast.",
            "It took firefighters {hours} hours to bring the fire under control.",
            "Police detained the plant manager and two other employees for questioning.",
            "Residents living within two kilometres of the factory were told to keep their windows closed.",
            "{org1} said in a statement that it was cooperating fully with the investigation.",
        ),
        (
            "There was a huge bang and then black smoke everywhere. People were screaming.",
            "We have warned about safety at this factory for years and nobody listened.",
            "Those responsible for this tragedy will be held to account.",
            "Our thoughts are with the families of the workers who lost their lives.",
        ),
    ),
    Kind(
        "attack",
        {"dead": (2, 40), "injured": (3, 90), "drones": (3, 60), "km": (5, 80)},
        (
            "Drone strike kills {dead} soldiers near {town}",
            "{dead_cap} killed in attack on army post in {region}",
            "{country} says it shot down {drones} drones overnight",
        ),
        (
            "{dead_cap} soldiers were killed and {injured} wounded in an attack on an army post near {town} on "
            "{weekday}, the {org0} said.",
            "The military of {country} said on {weekday} that it had shot down {drones} drones overnight, but that "
            "an attack near {town} had killed {dead} people.",
        ),
        (
            "The post lies about {km} kilometres from the border.",
            "No group immediately claimed responsibility for the attack.",
            "The wounded were taken to hospitals in {city}.",
            "The attack came hours after talks between the two sides broke down.",
            "Officials said the number of dead could rise.",
        ),
        (
            "This cowardly attack will not go unanswered.",
            "Our air defences worked through the night and intercepted most of the drones.",
            "We heard explosions for about an hour and then the sirens stopped.",
            "The security situation in the border area remains very serious.",
        ),
    ),
    Kind(
        "protest",
        {"crowd": (2000, 150000), "arrested": (10, 900), "injured": (5, 300), "officers": (3, 120)},
        (
            "Tens of thousands march in {city} against {last0}",
            "Police fire tear gas as {country} protests grow",
            "{arrested} arrested after protests in {city}",
        ),
        (
            "Police in {city} fired tear gas at protesters on {weekday} as more than {crowd} people marched against "
            "a government plan to raise fuel prices.",
            "Authorities in {country} arrested {arrested} people after a third day of protests in {city}, the "
            "Interior Ministry said on {weekday}.",
        ),
        (
            "{officers_cap} police officers were among the {injured} people injured, the ministry said.",
            "Protesters blocked the main road into {city} with burning tyres.",
            "Organisers said they would return to the streets on {next_weekday}.",
            "Human Rights Watch called on the authorities to release those detained.",
            "The protests began after the government announced the end of fuel subsidies.",
        ),
        (
            "We cannot feed our children. That is why we are here.",
            "The right to protest is protected, but violence will not be tolerated.",
            "They can arrest us all, but the prices will still be too high.",
            "The government is listening and will meet union leaders on {next_weekday}.",
        ),
    ),
    Kind(
        "company",
        {"jobs": (300, 20000), "revenue": (2, 90), "drop": (3, 28), "plants": (2, 14)},
        (
            "{org1} to cut {jobs} jobs as sales slump",
            "Shares in {org1} fall {drop} percent after profit warning",
            "{org1} to close {plants} plants in {country}",
        ),
        (
            "{org1} said on {weekday} it would cut {jobs} jobs and close {plants} plants in {country}, blaming "
            "falling demand and higher energy costs.",
            "Shares in {org1} fell {drop} percent on {weekday} after the company warned that annual revenue would "
            "fall short of ${revenue} billion.",
        ),
        (
            "The company employs about {jobs_x} people worldwide.",
            "Unions said they would fight the closures and called a meeting for {next_weekday}.",
            "Analysts had expected revenue of about ${revenue} billion for the year.",
            "The plant in {town} is the largest employer in the {region} region.",
            "The government said it would talk to the company about ways to save jobs.",
        ),
        (
            "These are difficult decisions, but they are necessary to secure the future of the company.",
            "Thousands of families in {town} depend on this plant. We will not let it close without a fight.",
            "The market had priced in some bad news, but not this much.",
            "We will support every worker affected by these changes.",
        ),
    ),
    Kind(
        "court",
        {"years": (2, 25), "counts": (2, 14), "fine": (1, 90), "days": (3, 60)},
        (
            "Former minister {last0} jailed for {years} years",
            "{country} court convicts {full0} on {counts} counts",
            "Verdict in {city} corruption trial sparks protests",
        ),
        (
            "A court in {city} on {weekday} sentenced former minister {full0} to {years} years in prison on "
            "corruption charges.",
            "{full0}, a former minister, was found guilty on {counts} counts of bribery and money laundering by a "
            "court in {country} on {weekday}.",
        ),
        (
            "The court also ordered {last0} to pay a fine of ${fine} million.",
            "The trial lasted {days} days and heard from dozens of witnesses.",
            "Supporters gathered outside the court in {city}, chanting slogans.",
            "{last0}'s lawyers said they would appeal to the Supreme Court.",
            "Prosecutors said the money had been moved through companies in three countries.",
        ),
        (
            "This verdict shows that nobody is above the law.",
            "My client is innocent and we will appeal this political decision.",
            "The evidence presented in this courtroom was overwhelming.",
            "Today is a dark day for justice in {country}.",
        ),
    ),
)

GENERIC_QUOTES = (
    "I have lived in {town} all my life and I have never seen anything like this.",
    "{town} will get through this, and we will be with every family until it does.",
    "We have sent teams to {region} and more are on the way.",
    "It is too early to say what happened. We are still gathering the facts.",
    "People are angry, and they have every right to be.",
    "We spoke to the government in {city} on {weekday} and we expect answers this week.",
    "Nobody in {region} slept last night.",
    "What {country} needs now is unity, not blame.",
)
BACKGROUND = (
    "The government has faced growing criticism over its handling of the crisis.",
    "It was not immediately possible to verify the figures independently.",
    "Officials said the numbers could change as more information became available.",
    "The region has a long history of similar events, and experts have warned that preparation remains poor.",
    "International aid groups said they were ready to send help if asked.",
    "Local media showed images of damaged buildings and crowds gathering in the streets.",
    "The opposition called for an inquiry into what had gone wrong.",
    "Neighbouring countries offered their condolences and assistance.",
)
FURNITURE = (
    "Share.",
    "LEAVE A REPLY",
    "Please enter your comment!",
    "Please enter your name here",
    "{{{Domain}}}",
    "Discover more from {domain}",
    "Subscribe to get the latest posts sent to your email.",
    "Follow {outlet} on Facebook",
    ">>Follow {outlet} On Whatsapp!<<",
    "Advertisement",
    "Read more: {other_headline}",
    "© 2024 {outlet}. All rights reserved.",
    "{comments} Comments",
    "Share this article",
    "Exit mobile version",
    "CLICK HERE TO READ MORE FROM {OUTLET}",
)
# Paraphrase table for rewrites: (pattern, replacements); applied outside quotation marks only.
REWRITES = (
    (r"\bkilled\b", ("left dead", "claimed the lives of")),
    (r"\bofficials said\b", ("authorities said", "according to officials")),
    (r"\bsaid on\b", ("announced on", "stated on")),
    (r"\bpeople\b", ("people", "residents")),
    (r"\bmore than\b", ("over", "upwards of")),
    (r"\babout\b", ("around", "roughly")),
    (r"\bpowerful\b", ("strong", "major")),
    (r"\bforced\b", ("compelled", "pushed")),
    (r"\bcontinued\b", ("kept on", "went on")),
    (r"\bwarned\b", ("cautioned", "warned")),
)


@dataclass
class Person:
    """A named person in one story, with a title, a role phrase and a grammatical gender."""

    first: str
    last: str
    title: str
    role: str
    gender: str

    @property
    def full(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"

    @property
    def titled(self) -> str:
        """The name with its title, as a first mention in news copy."""
        return f"{self.title} {self.full}".strip()

    @property
    def pronoun(self) -> str:
        """He or she."""
        return "he" if self.gender == "m" else "she"


@dataclass
class Story:
    """One news event: what kind, where, who, which figures; its articles share all of these."""

    sid: str
    kind: Kind
    slots: dict[str, str]
    people: list[Person]
    quotes: list[tuple[Person, list[str]]]
    date: dt.date


@dataclass
class Article:
    """One generated article: its story, outlet, layout choices and text."""

    name: str
    story: Story
    outlet: tuple[str, str]
    date: dt.date
    headline: str | None
    paragraphs: list[str]
    furniture: list[tuple[str, str]] = field(default_factory=list)  # (where: top/bottom/middle, line)
    origin: str = "original"


def story_sizes(n: int, rng: random.Random) -> list[int]:
    """Skewed story sizes summing to n: many 1-3, some 10-50, a few 100+ (at most n/5, so small corpora vary)."""
    cap = max(3, n // 5)
    sizes = [min(cap, rng.randint(10, 50))] if n >= 100 else []
    if n >= 1000:
        sizes.append(rng.randint(100, 250))
    total = sum(sizes)
    while total < n:
        r = rng.random()
        size = (
            rng.randint(1, 3)
            if r < 0.70
            else rng.randint(4, 9)
            if r < 0.90
            else rng.randint(10, 50)
            if r < 0.98
            else rng.randint(100, 300)
        )
        size = min(size, cap, n - total)
        sizes.append(size)
        total += size
    rng.shuffle(sizes)
    return sizes


def invent_place(rng: random.Random) -> str:
    """A plausible invented place name (towns and provinces no gazetteer knows)."""
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return name if rng.random() < 0.8 else f"{name} {rng.choice(('Valley', 'Heights', 'Bay', 'Springs'))}"


def make_outlets(rng: random.Random, count: int = 60) -> list[tuple[str, str]]:
    """(outlet name, domain) pairs, including wire agencies."""
    outlets = {(a, f"{a.lower()}.com") for a in AGENCIES}
    while len(outlets) < count:
        name = f"The {rng.choice(OUTLET_PLACES)} {rng.choice(OUTLET_WORDS)}"
        outlets.add((name, re.sub(r"[^a-z]", "", name.lower().removeprefix("the ")) + rng.choice((".com", ".net"))))
    return sorted(outlets)


def number_phrase(value: int, rng: random.Random, capital: bool = False) -> str:
    """A count as outlets print it: digits, words, or hedged ('more than 1,000', 'at least 34')."""
    if value <= 12 and rng.random() < 0.6:
        text = SMALL[value]
    else:
        rounded = _round_down(value)
        text = rng.choice(
            (f"{value:,}", f"{value:,}", f"at least {value:,}", f"more than {rounded:,}", f"about {rounded:,}")
        )
        if rounded == value and text.startswith("more than"):
            text = f"at least {value:,}"
    return text[0].upper() + text[1:] if capital else text


def _round_down(value: int) -> int:
    """Round down to a 'news' number (two significant digits)."""
    if value < 20:
        return value
    step = 10 ** (len(str(value)) - 2)
    return value // step * step


def ordinal(value: int) -> str:
    """1 -> first, 2 -> second, ... (up to ninth)."""
    return _names("first second third fourth fifth sixth seventh eighth ninth")[value - 1]


def make_person(rng: random.Random, office: tuple[str, str], slots: dict[str, str]) -> Person:
    """A new person holding one office, named from the shared name lists."""
    gender = rng.choice("mf")
    title, role = office
    return Person(rng.choice(FIRST[gender]), rng.choice(LAST), title, role.format(**slots), gender)


def make_story(index: int, rng: random.Random, leaders: dict[str, Person], previous: dict[str, str]) -> Story:
    """A story with its own place, people, bodies, figures and quotes."""
    kind = rng.choice(KINDS)
    country = previous[kind.name] if kind.name in previous and rng.random() < 0.3 else rng.choice(COUNTRIES)
    previous[kind.name] = country
    slots = {"country": country, "region": invent_place(rng), "town": invent_place(rng), "city": rng.choice(CITIES)}
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
    for key, shift in (("weekday", 0), ("prev_weekday", -1), ("next_weekday", 1)):
        slots[key] = WEEKDAYS[(day.weekday() + shift) % 7]
    slots["magnitude"] = f"{rng.uniform(4.8, 7.9):.1f}"
    slots["aftershock"] = f"{rng.uniform(3.5, 5.5):.1f}"
    for key, (lo, hi) in kind.figures.items():
        slots[key] = str(rng.randint(lo, hi))
    slots["rounds_ord"] = ordinal(int(slots.get("rounds", "2")))
    slots["jobs_x"] = f"{int(slots.get('jobs', '1000')) * rng.randint(5, 30):,}"
    forms = rng.sample(ORG_FORMS, 2)
    orgs = [
        form.format(country=country, city=slots["city"], region=slots["region"], last=rng.choice(LAST))
        for form in forms
    ]
    company = f"{rng.choice(LAST)} {rng.choice(COMPANY_SUFFIXES)}"
    slots.update(org0=orgs[0], org1=company, org2=orgs[1])
    people = [make_person(rng, rng.choice(OFFICES), slots) for _ in range(rng.randint(2, 5))]
    if country not in leaders:  # a head of state shared by every story in the country: a cross-story name
        leaders[country] = make_person(rng, ("President", f"the president of {country}"), slots)
    people.append(leaders[country])
    slots.update(full0=people[0].full, last0=people[0].last, poss0="his" if people[0].gender == "m" else "her")
    quotes = [(rng.choice(people), unit) for unit in _quote_units(kind, slots, rng)]
    return Story(f"story-{index:05d}", kind, slots, people, quotes, day)


def _quote_units(kind: Kind, slots: dict[str, str], rng: random.Random) -> list[list[str]]:
    """The story's quotations: its kind's lines and a few general ones, cut into units of one to three sentences."""
    pool = [q.format(**slots) for q in (*kind.quotes, *rng.sample(GENERIC_QUOTES, 3))]
    rng.shuffle(pool)
    units = []
    while pool:
        take = rng.choice((1, 1, 2, 3))
        units.append(pool[:take])
        pool = pool[take:]
    return units


def article_slots(story: Story, date: dt.date, rng: random.Random) -> dict[str, str]:
    """The story's slots plus this article's rendering of figures and days."""
    slots = dict(story.slots)
    for key in story.kind.figures:
        value = int(story.slots[key])
        if key == "dead" and date > story.date and rng.random() < 0.3:
            value += rng.randint(1, max(1, value // 5))  # a later article with an updated toll
        if key in MEASURES:  # percentages, money, distances, durations: printed plainly
            slots[key] = slots[f"{key}_cap"] = str(value)
        else:
            slots[key] = number_phrase(value, rng)
            slots[f"{key}_cap"] = number_phrase(value, rng, capital=True)
    return slots


def attribute(person: Person, sentences: list[str], first: bool, rng: random.Random, outlet: str) -> list[str]:
    """Paragraphs quoting a person, in one of the attribution forms news copy uses."""
    q = " ".join(sentences)
    open_, close = ("“", "”") if rng.random() < 0.85 else ('"', '"')
    comma = q[:-1] + "," if q.endswith(".") else q
    name = person.titled if first else person.last
    who = person.pronoun if not first and rng.random() < 0.4 else name
    forms = [
        lambda: [f"{open_}{comma}{close} {who} said."],
        lambda: [f"{open_}{comma}{close} said {name}."],
        lambda: [f"{person.full}, {person.role}, said: {open_}{q}{close}"],
        lambda: [f"{open_}{comma}{close} {person.last} told {rng.choice((*AGENCIES, outlet))}."],
        lambda: [f"According to {name}, {open_}{q}{close}"],
        lambda: [f"{name} told reporters: {open_}{q}{close}"],
        lambda: [f"{open_}{comma}{close} {who} said in a statement on {rng.choice(WEEKDAYS)}."],
    ]
    if len(sentences) >= 2:
        head = sentences[0][:-1] + "," if sentences[0].endswith(".") else sentences[0]
        rest = " ".join(sentences[1:])
        forms.append(lambda: [f"{open_}{head}{close} {name} said. {open_}{rest}{close}"])
        forms.append(lambda: [f"{name} said: {open_}{sentences[0]}", f"{open_}{rest}{close}"])  # multi-paragraph
    return rng.choice(forms)()


def write_original(story: Story, outlet: tuple[str, str], date: dt.date, rng: random.Random) -> list[str]:
    """The paragraphs of an original report: lede, facts, quotes, pronoun follow-ups and background."""
    slots = article_slots(story, date, rng)
    kind = story.kind
    paragraphs = [rng.choice(kind.ledes).format(**slots)]
    facts = rng.sample(kind.facts, rng.randint(3, len(kind.facts)))
    quotes = rng.sample(story.quotes, rng.randint(2, len(story.quotes)))
    seen: set[str] = set()
    while facts or quotes:
        if facts and (not quotes or rng.random() < 0.55):
            take = rng.randint(1, 2)
            paragraphs.append(" ".join(f.format(**slots) for f in facts[:take]))
            facts = facts[take:]
        else:
            person, sentences = quotes.pop()
            paragraphs.extend(attribute(person, sentences, person.full not in seen, rng, outlet[0]))
            if person.full not in seen and rng.random() < 0.35:
                paragraphs.append(f"{person.pronoun.capitalize()} added that more details would be released soon.")
            seen.add(person.full)
    paragraphs.extend(rng.sample(BACKGROUND, rng.randint(1, 3)))
    return paragraphs


def rewrite(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Rewrite another outlet's article: paraphrase outside quotes, drop and reorder a little, keep the quotes."""
    body = [p for p in paragraphs if rng.random() < 0.85] or paragraphs[:1]
    if len(body) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    return [_paraphrase(p, rng) for p in body]


def _paraphrase(text: str, rng: random.Random) -> str:
    """Swap words outside quotation marks."""
    parts = re.split(r"(“[^”]*”?|\"[^\"]*\"?)", text)
    for i in range(0, len(parts), 2):
        for pattern, options in REWRITES:
            if rng.random() < 0.6:
                parts[i] = re.sub(pattern, rng.choice(options), parts[i])
    return "".join(parts)


def furniture_lines(outlet: tuple[str, str], other: str, rng: random.Random) -> list[tuple[str, str]]:
    """Zero to five lines of site furniture, each placed at the top, the bottom or between paragraphs."""
    name, domain = outlet
    chosen = rng.sample(FURNITURE, rng.choice((0, 1, 2, 2, 3, 3, 4, 5)))
    lines = []
    for form in chosen:
        line = form.format(
            outlet=name,
            OUTLET=name.upper(),
            domain=domain,
            Domain=domain.capitalize(),
            other_headline=other,
            comments=rng.randint(1, 400),
        )
        lines.append((rng.choice(("top", "bottom", "bottom", "middle")), line))
    return lines


def make_articles(n: int, seed: str) -> list[Article]:
    """All n articles of a corpus, story by story."""
    rng = random.Random(f"{seed}-{n}")
    outlets = make_outlets(rng)
    leaders: dict[str, Person] = {}
    previous: dict[str, str] = {}
    articles: list[Article] = []
    for index, size in enumerate(story_sizes(n, rng)):
        story = make_story(index, rng, leaders, previous)
        articles.extend(story_articles(story, size, outlets, rng, len(articles)))
    return articles


def story_articles(story: Story, size: int, outlets: list, rng: random.Random, start: int) -> list[Article]:
    """The articles of one story: originals, rewrites, partial copies and syndicated copies."""
    made: list[Article] = []
    for i in range(size):
        outlet = rng.choice(outlets)
        date = story.date + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3)))
        paragraphs, origin = article_body(story, made, outlet, date, rng)
        headline = rng.choice(story.kind.headlines).format(**article_slots(story, date, rng))
        name = f"{start + i:05d}_{hashlib.sha256(f'{story.sid}-{i}-{outlet}'.encode()).hexdigest()[:12]}"
        article = Article(name, story, outlet, date, headline, paragraphs, origin=origin)
        other = rng.choice(story.kind.headlines).format(**article_slots(story, date, rng))
        article.furniture = furniture_lines(outlet, other, rng)
        made.append(article)
    return made


def article_body(
    story: Story, made: list[Article], outlet: tuple[str, str], date: dt.date, rng: random.Random
) -> tuple[list[str], str]:
    """(paragraphs, origin) of a new article: a rewrite or copy of one already made, or an original."""
    roll = rng.random()
    if made and roll < 0.2:
        source = rng.choice(made)
        return rewrite(source.paragraphs, rng), f"rewrite of {source.name}"
    if made and roll < 0.27:
        source = rng.choice(made)
        return list(source.paragraphs), f"syndicated copy of {source.name}"
    paragraphs, origin = write_original(story, outlet, date, rng), "original"
    if made and rng.random() < 0.3:
        source = rng.choice(made)
        at = rng.randrange(1, len(paragraphs))
        paragraphs[at:at] = source.paragraphs[1 : 1 + rng.randint(1, 3)]
        origin = f"original with passages copied from {source.name}"
    if rng.random() < 0.15 and origin == "original":
        paragraphs[0] = f"{story.slots['city'].upper()} ({rng.choice(AGENCIES)}) — {paragraphs[0]}"
    return paragraphs, origin


def render_seed(article: Article, rng: random.Random) -> tuple[str, str]:
    """(file suffix, text) of the seed file: .txt in several layouts, or .md with Pelican-style front matter."""
    body = _with_furniture(article)
    if rng.random() < 0.08:
        front = f"Title: {article.headline}\nDate: {article.date.isoformat()}\nOutlet: {article.outlet[0]}\n\n"
        return ".md", front + "\n\n".join(_md_escape(p) for p in body) + "\n"
    layout = rng.random()
    if layout < 0.70:
        text = "\n\n".join(body)
    elif layout < 0.92:
        text = "\n".join(body)
    else:
        text = "\n\n".join(textwrap.fill(p, 72) for p in body)
    head = rng.random()
    if head < 0.6:
        text = f"{article.headline}\n\n{text}"
    elif head < 0.75:
        text = f"{article.headline}\n{text}"
    return ".txt", text + "\n"


def _with_furniture(article: Article) -> list[str]:
    """The paragraphs with the furniture lines placed around and between them."""
    top = [line for where, line in article.furniture if where == "top"]
    bottom = [line for where, line in article.furniture if where == "bottom"]
    body = list(article.paragraphs)
    for where, line in article.furniture:
        if where == "middle" and len(body) > 2:
            body.insert(len(body) // 2, line)
    return top + body + bottom


def _md_escape(paragraph: str) -> str:
    """Keep a paragraph a paragraph in Markdown (no accidental headings, lists or HTML)."""
    return re.sub(r"^([#>*+-]|\d+\.)", r"\\\1", paragraph).replace("<", "&lt;")


def render_markdown(article: Article) -> str:
    """The same article as a Markdown post for a plain Pelican build."""
    meta = (
        f"Title: {article.headline}\nDate: {article.date.isoformat()} 12:00\nCategory: {article.story.kind.name}\n"
        f"Tags: {article.story.slots['country']}, {article.story.kind.name}\nAuthors: {article.outlet[0]}\n"
        f"Slug: {article.name}\n\n"
    )
    return meta + "\n\n".join(_md_escape(p) for p in _with_furniture(article)) + "\n"


def write_corpus(n: int, folder: Path, seed: str = DEFAULT_SEED) -> dict:
    """Write seeds/, markdown/ and manifest.json for an n-article corpus under folder; return the manifest."""
    seeds, md = folder / "seeds", folder / "markdown"
    for sub in (seeds, md):
        sub.mkdir(parents=True, exist_ok=True)
        for old in sub.iterdir():
            old.unlink()
    rng = random.Random(f"{seed}-{n}-render")
    articles = make_articles(n, seed)
    truth: dict[str, str] = {}
    for article in articles:
        suffix, text = render_seed(article, rng)
        (seeds / f"{article.name}{suffix}").write_text(text, encoding="utf-8")
        (md / f"{article.name}.md").write_text(render_markdown(article), encoding="utf-8")
        truth[article.name] = article.story.sid
    manifest = _manifest(n, seed, articles, truth)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


REAL_GLOBS = ("*/seeds/*.txt", "summaries/*/seeds/*.txt")  # the eval sets' article texts (not gold files)
REAL_DATE = "2020-01-01 12:00"  # the texts carry no date; a plain Pelican post needs one


def real_texts(eval_dir: Path) -> list[tuple[str, Path]]:
    """(seed name, path) of every article text of the eval sets, in a stable order; names keep the set's folder."""
    found = []
    for pattern in REAL_GLOBS:
        for path in sorted(eval_dir.glob(pattern)):
            parts = path.relative_to(eval_dir).parts
            name = "_".join(part for part in parts[:-1] if part != "seeds") + "_" + path.name
            found.append((name, path))
    return found


def write_real_corpus(eval_dir: Path, folder: Path) -> dict:
    """seeds/ holding the eval sets' texts as hard links (read where they are, never copied into the project:
    bench/corpora/ is ignored by git), and markdown/ with each text as a plain Pelican post; return a manifest."""
    seeds, md = folder / "seeds", folder / "markdown"
    for sub in (seeds, md):
        sub.mkdir(parents=True, exist_ok=True)
        for old in sub.iterdir():
            old.unlink()
    texts = real_texts(eval_dir)
    linked = 0
    for name, path in texts:
        try:
            (seeds / name).hardlink_to(path)
            linked += 1
        except OSError:  # another file system: a working copy in the ignored corpus folder
            (seeds / name).write_bytes(path.read_bytes())
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()] or ["(empty)"]
        title = paragraphs[0][:200].replace("\n", " ")
        stem = Path(name).stem
        meta = f"Title: {title}\nDate: {REAL_DATE}\nCategory: news\nSlug: {stem}\n\n"
        (md / f"{stem}.md").write_text(meta + "\n\n".join(_md_escape(p) for p in paragraphs[1:]) + "\n", "utf-8")
    manifest = {"articles": len(texts), "source": str(eval_dir), "hard_linked": linked, "stories": "—"}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def _manifest(n: int, seed: str, articles: list[Article], truth: dict[str, str]) -> dict:
    """What was generated: counts, story sizes, origins and the true story of every article."""
    sizes: dict[str, int] = {}
    for article in articles:
        sizes[article.story.sid] = sizes.get(article.story.sid, 0) + 1
    origins: dict[str, int] = {}
    for article in articles:
        key = re.sub(r" \S+$", "", article.origin)
        origins[key] = origins.get(key, 0) + 1
    return {
        "articles": n,
        "seed": seed,
        "stories": len(sizes),
        "largest_stories": sorted(sizes.values(), reverse=True)[:10],
        "singleton_stories": sum(1 for s in sizes.values() if s == 1),
        "origins": origins,
        "truth": truth,
    }


def main() -> None:
    """Command line: write the corpora for the given sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated article counts")
    parser.add_argument("--out", type=Path, default=Path("bench/corpora"))
    parser.add_argument("--seed", default=DEFAULT_SEED)
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        manifest = write_corpus(n, args.out / str(n), args.seed)
        print(f"{n:>6} articles, {manifest['stories']:>5} stories, largest {manifest['largest_stories'][:3]}")


if __name__ == "__main__":
    main()
