"""Throughput benchmark for `stats.parse.extract` on a synthetic news corpus.

Usage: python benchmarks/bench_extract.py [--docs N] [--seed S] [--passes P] [--q-docs M]

The corpus is generated here from templates (no external text): air-force overnight summaries,
wire-service stories, regional officials' statements, Russian defence ministry claims and
unrelated articles (economy, sport, weather, culture). Only `extract` is timed; building the
corpus is not. A plain number-recognition pass by quantulum3 over a sample of the same corpus
gives a point of comparison.

The first printed line is the headline figure: `{MB/s:.2f} MB/s per core`, of the fastest of
`--passes` timed passes over the corpus (on a shared machine noise only adds time; every pass
and the median are printed after it).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import random
import sys
import time
import warnings
from datetime import date, timedelta

from stats.facts import Document
from stats.parse import extract

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

OBLASTS = [
    "Kharkiv",
    "Dnipropetrovsk",
    "Zaporizhzhia",
    "Odesa",
    "Mykolaiv",
    "Kherson",
    "Sumy",
    "Chernihiv",
    "Poltava",
    "Kyiv",
    "Lviv",
    "Volyn",
    "Rivne",
    "Khmelnytskyi",
    "Vinnytsia",
    "Cherkasy",
    "Kirovohrad",
    "Zhytomyr",
    "Ivano-Frankivsk",
    "Donetsk",
]
CITIES = [
    "Kharkiv",
    "Dnipro",
    "Zaporizhzhia",
    "Odesa",
    "Mykolaiv",
    "Kherson",
    "Sumy",
    "Chernihiv",
    "Poltava",
    "Kyiv",
    "Lviv",
    "Lutsk",
    "Rivne",
    "Kryvyi Rih",
    "Pavlohrad",
    "Kremenchuk",
    "Bila Tserkva",
    "Izmail",
    "Kramatorsk",
    "Sloviansk",
    "Nikopol",
    "Uman",
    "Konotop",
    "Shostka",
]
RU_REGIONS = [
    "Belgorod",
    "Kursk",
    "Bryansk",
    "Voronezh",
    "Rostov",
    "Krasnodar",
    "Oryol",
    "Tula",
    "Kaluga",
    "Moscow",
    "Lipetsk",
    "Tambov",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SMALL_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
MISSILE_TYPES = [
    ("Kh-101", "cruise missiles"),
    ("Kalibr", "cruise missiles"),
    ("Kh-59/69", "guided missiles"),
    ("Iskander-M", "ballistic missiles"),
    ("KN-23", "ballistic missiles"),
    ("Kh-47M2 Kinzhal", "aeroballistic missiles"),
    ("Kh-22", "cruise missiles"),
    ("Iskander-K", "cruise missiles"),
    ("S-300", "guided air defence missiles"),
    ("Kh-31P", "anti-radar missiles"),
]
DRONE_PHRASES = [
    "Shahed-type strike drones and decoy drones",
    "Shahed, Gerbera and other types of drones",
    "attack drones of the Shahed type",
    "strike UAVs",
    "Shahed-type drones",
    "drones of various types",
]
OFFICIALS = [
    ("Governor", "Oleh Syniehubov", "Kharkiv"),
    ("Governor", "Serhiy Lysak", "Dnipropetrovsk"),
    ("Governor", "Ivan Fedorov", "Zaporizhzhia"),
    ("Governor", "Oleh Kiper", "Odesa"),
    ("Governor", "Vitaliy Kim", "Mykolaiv"),
    ("Governor", "Oleksandr Prokudin", "Kherson"),
    ("Governor", "Volodymyr Artiukh", "Sumy"),
    ("Governor", "Viacheslav Chaus", "Chernihiv"),
    ("Governor", "Filip Pronin", "Poltava"),
    ("Mayor", "Ihor Terekhov", "Kharkiv"),
    ("Mayor", "Vitali Klitschko", "Kyiv"),
    ("Mayor", "Andriy Sadovyi", "Lviv"),
]
AGENCIES = ["Reuters", "AFP", "AP", "Ukrinform", "the Kyiv Independent", "Interfax-Ukraine"]
TARGETS = [
    "energy infrastructure",
    "a residential building",
    "a private house",
    "a warehouse",
    "an industrial facility",
    "a gas station",
    "a railway depot",
    "a school",
    "an administrative building",
    "a shopping centre",
    "a grain terminal",
    "a substation",
]
NAMES = [
    "Olena Kovalenko",
    "Andriy Melnyk",
    "Iryna Bondarenko",
    "Serhiy Tkachenko",
    "Natalia Shevchenko",
    "Mykola Kravchenko",
    "Tetiana Moroz",
    "Dmytro Polishchuk",
    "Maria Lysenko",
    "Pavlo Hnatiuk",
]
TEAMS = [
    "Shakhtar Donetsk",
    "Dynamo Kyiv",
    "Dnipro-1",
    "Zorya Luhansk",
    "Polissya Zhytomyr",
    "Kryvbas",
    "Rukh Lviv",
    "Oleksandriya",
    "Vorskla",
    "Karpaty",
]
COMPANIES = [
    "Naftogaz",
    "Ukrenergo",
    "Ukrzaliznytsia",
    "Kyivstar",
    "Nova Poshta",
    "DTEK",
    "Ukrposhta",
    "Metinvest",
]


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------


class Gen:
    """Deterministic sentence and document generator over a `random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    # ---- small helpers -----------------------------------------------------------------------

    def c(self, seq):
        return self.r.choice(seq)

    def n(self, lo: int, hi: int) -> int:
        return self.r.randint(lo, hi)

    def small(self) -> str:
        """A small count written as a word or digits."""
        k = self.n(2, 11)
        return SMALL_WORDS[k - 2] if self.r.random() < 0.6 else str(k)

    def aged(self, lo: int, hi: int) -> str:
        """ "a 67-year-old" / "an 18-year-old"."""
        k = self.n(lo, hi)
        art = "an" if str(k).startswith("8") or k in (11, 18) else "a"
        return f"{art} {k}-year-old"

    def hedge(self) -> str:
        return self.c(["at least ", "more than ", "around ", "about ", "nearly ", "over ", "", ""])

    def when(self) -> str:
        r = self.r.random()
        if r < 0.35:
            return f"on {self.c(WEEKDAYS)}"
        if r < 0.6:
            return "overnight"
        if r < 0.85:
            return f"on {self.n(1, 28)} {self.c(MONTHS)}"
        return f"on the night of {self.n(1, 27)} {self.c(MONTHS)}"

    def time_of_day(self) -> str:
        return f"{self.n(0, 23):02d}:{self.c(['00', '15', '30', '45', '10', '50'])}"

    def missile_list(self) -> str:
        kinds = self.r.sample(MISSILE_TYPES, self.n(1, 3))
        parts = [f"{self.small()} {model} {noun}" for model, noun in kinds]
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    # ---- filler (no numbers) -----------------------------------------------------------------

    def filler(self) -> str:
        city = self.c(CITIES)
        obl = self.c(OBLASTS)
        name = self.c(NAMES)
        shapes = [
            f"Residents of {city} spent much of the night in shelters as sirens sounded "
            "across the region.",
            "Emergency crews worked through the morning to clear debris and restore power "
            "to affected neighbourhoods.",
            f"The attack came as diplomats prepared for another round of talks, and "
            f"officials in {city} said the timing was not accidental.",
            "Ukraine has repeatedly asked its Western partners for more air defence systems "
            "to protect its cities and energy grid.",
            "Russia denies targeting civilians, although its strikes have regularly hit "
            "homes, hospitals and schools.",
            f'"We heard a loud explosion and then the windows shattered," said {name}, '
            f"a resident of {city}.",
            "The information could not be independently verified.",
            f"Photos published by the {obl} regional administration showed burned-out cars "
            "and a damaged apartment block.",
            "Moscow launched its full-scale invasion of Ukraine in February 2022.",
            "Power engineers said they were working to reconnect consumers as quickly as "
            "possible, but warned of scheduled outages.",
            f"Local authorities in {city} declared a day of mourning.",
            "The air force said mobile fire groups, electronic warfare units and fighter "
            "aircraft were involved in repelling the attack.",
            "Kyiv says the attacks are intended to break civilian morale ahead of winter.",
            f'"This is terror, plain and simple," {name} told reporters at the scene.',
            "Rescuers were still searching the rubble for people who might be trapped.",
            "The strike damaged windows in nearby buildings and cut water supplies to "
            "several streets.",
            "Neither side has commented on the reports of losses.",
            f"Police in {obl} region opened a criminal investigation into the attack.",
            "The Kremlin has not commented on the strikes.",
            "Officials urged residents to heed air-raid alerts and stay in shelters until "
            "the all-clear.",
            "Ukrainian officials have accused Moscow of stepping up its long-range campaign "
            "while peace efforts stall.",
            f"President Volodymyr Zelensky said the attack on {city} showed the need for "
            "stronger sanctions.",
            "The European Union condemned the strike and promised further support.",
            "Psychologists were on site to help those affected.",
            "Traffic in the city centre was restricted while sappers inspected the area.",
        ]
        return self.c(shapes)

    # ---- war sentences with numbers ----------------------------------------------------------

    def af_sentence(self) -> str:
        """Air-force style summary sentences."""
        total = self.n(20, 700)
        down = self.n(int(total * 0.6), total)
        lost = self.n(0, max(0, total - down))
        missiles = self.n(1, 60)
        m_down = self.n(0, missiles)
        obl = self.c(OBLASTS)
        ru = self.c(RU_REGIONS)
        shapes = [
            f"Russia attacked {self.when()} with {total} {self.c(DRONE_PHRASES)}; air "
            f"defences shot down {down}, {lost} were lost locally.",
            f"In total, {total + missiles} aerial targets were recorded, including "
            f"{missiles} missiles and {total} drones.",
            f"Of the {total} aerial targets, {down} were destroyed.",
            f"The enemy launched {self.missile_list()} and {total} {self.c(DRONE_PHRASES)} "
            f"from the {ru} region.",
            f"As of {self.time_of_day()}, air defence had neutralised {down} drones in the "
            "north, south and east of the country.",
            f"Hits by {self.small()} missiles and {self.n(5, 40)} strike drones were "
            f"recorded at {self.n(2, 20)} locations.",
            f"Debris fell at {self.small()} locations in {obl} region.",
            f"The enemy attacked with {missiles} missiles of various types; {m_down} were "
            "shot down.",
            f"Air defence units shot down or suppressed {down} enemy UAVs.",
            f"Another {lost} drones were lost locally as a result of active electronic "
            "countermeasures.",
            f"{total} strike drones were launched from Bryansk, Kursk, Oryol and Millerovo, "
            f"as well as from {self.c(['Primorsko-Akhtarsk', 'Hvardiiske', 'Shatalovo'])}.",
            f"The attack began at {self.time_of_day()} and lasted about {self.small()} hours.",
            f"Several drones are still in the air, and {self.small()} of them remain over "
            f"{obl} region.",
        ]
        return self.c(shapes)

    def wire_sentence(self) -> str:
        """Wire-service style sentences: hedges, casualties, dates."""
        city = self.c(CITIES)
        obl = self.c(OBLASTS)
        shapes = [
            f"A Russian drone strike on {city} killed {self.aged(16, 92)} man and injured "
            f"{self.small()} people, including {self.c(['two', 'three', 'a'])} children, "
            f"officials said {self.when()}.",
            f"Russian strikes killed {self.hedge()}{self.n(2, 30)} people and wounded "
            f"{self.hedge()}{self.n(5, 120)} across Ukraine {self.when()}.",
            f"Russia fired {self.hedge()}{self.n(30, 800)} drones and {self.n(2, 60)} "
            f"missiles at Ukraine {self.when()}, the air force said.",
            f"Dozens of drones targeted {city}, damaging {self.c(TARGETS)} and {self.c(TARGETS)}.",
            f"The death toll from the strike on {city} rose to {self.n(5, 40)}, "
            f"including {self.small()} children, the emergency service said.",
            f"{self.aged(16, 92).capitalize()} woman was among the dead.",
            f"{self.small().capitalize()} people were hospitalised, {self.small()} of them in "
            "serious condition.",
            f"It was the {self.c(['second', 'third', 'largest', 'fifth'])} major attack on "
            f"{city} this {self.c(['week', 'month'])}.",
            f"Around {self.n(2, 40)}0,000 households in {obl} region were left without power.",
            f"{self.c(AGENCIES)} journalists in {city} heard {self.hedge()}{self.small()} "
            "explosions shortly after midnight.",
            f"More than {self.n(10, 90)} people, including {self.small()} children, were "
            f"evacuated from a damaged building in {city}.",
            f"The strike hit {self.c(TARGETS)} in the {self.c(['Shevchenkivskyi', 'Kyivskyi', 'Saltivskyi', 'Solomianskyi', 'Podilskyi'])} "  # noqa: E501
            f"district, injuring {self.small()} people.",
            f"Ukraine said it had shot down {self.n(20, 500)} of the {self.n(520, 820)} "
            "drones launched, one of the largest attacks of the war.",
            f"Russian forces have launched over {self.n(1, 9)},{self.n(100, 999)} drones at "
            f"Ukraine since the start of {self.c(MONTHS)}, according to an {self.c(AGENCIES)} "
            "tally.",
        ]
        return self.c(shapes)

    def official_sentence(self) -> str:
        title, name, region = self.c(OFFICIALS)
        city = self.c(CITIES)
        shapes = [
            f"{title} {name} said on Telegram that {self.aged(20, 90)} man was "
            f"killed and {self.small()} others were wounded.",
            f"According to {title.lower()} {name}, the enemy struck {region} region "
            f"{self.n(30, 400)} times over the past day.",
            f"{self.small().capitalize()} people were injured in {city}, {name} reported, "
            f"adding that {self.c(TARGETS)} was damaged.",
            f'"Over the past 24 hours, Russian troops shelled {self.n(10, 50)} settlements '
            f'in the region," {name} wrote.',
            f"{name} said {self.n(3, 40)} apartment buildings and {self.n(5, 80)} private "
            "houses had been damaged.",
            f"Among the wounded are {self.aged(2, 17)} boy and his "
            f"{self.n(30, 70)}-year-old mother, {name} said.",
            f"The {region} regional military administration said {self.n(1, 9)} people had "
            "been rescued from under the rubble.",
        ]
        return self.c(shapes)

    def mod_sentence(self) -> str:
        ru = self.c(RU_REGIONS)
        n1 = self.n(5, 300)
        shapes = [
            f"Air defence systems on duty intercepted and destroyed {n1} Ukrainian "
            f"unmanned aerial vehicles over Russian regions {self.when()}, the Russian "
            "defence ministry said.",
            f"Of these, {self.n(1, n1)} were destroyed over the {ru} region, "
            f"{self.n(1, 40)} over the {self.c(RU_REGIONS)} region and {self.n(1, 20)} over "
            "the Black Sea.",
            f"The ministry said its forces had also shot down {self.small()} "
            f"{self.c(['Neptune-MD', 'HIMARS', 'Storm Shadow', 'ATACMS'])} missiles.",
            f"Russia's defence ministry claimed its troops had killed up to {self.n(900, 1500)} "
            "Ukrainian servicemen in the past day.",
            f"{ru} governor said {self.small()} people were injured by falling debris.",
            f"Moscow's airports {self.c(['Vnukovo', 'Sheremetyevo', 'Domodedovo'])} and "
            f"{self.c(['Zhukovsky', 'Vnukovo'])} suspended flights for {self.small()} hours.",
        ]
        return self.c(shapes)

    def other_sentence(self, topic: str) -> str:
        """Sentences for unrelated articles, with ordinary numbers."""
        comp = self.c(COMPANIES)
        team = self.c(TEAMS)
        city = self.c(CITIES)
        name = self.c(NAMES)
        yr = self.n(1990, 2025)
        pct = f"{self.n(0, 30)}.{self.n(0, 9)}%"
        shapes = {
            "economy": [
                f"Inflation slowed to {pct} in {self.c(MONTHS)}, the central bank said.",
                f"{comp} reported revenue of {self.n(2, 90)}.{self.n(0, 9)} billion hryvnias "
                f"in {yr}, up {pct} from a year earlier.",
                f"The hryvnia traded at {self.n(38, 44)}.{self.n(10, 99)} to the dollar.",
                f"The government plans to raise {self.n(1, 9)} billion dollars through "
                "domestic bonds.",
                f"Economists expect growth of {self.n(1, 5)}-{self.n(5, 7)}% next year.",
                "Analysts said the outlook depended heavily on the security situation.",
                f"The company employs about {self.n(1, 60)},000 people.",
            ],
            "sport": [
                f"{team} beat {self.c(TEAMS)} {self.n(0, 5)}-{self.n(0, 4)} on {self.c(WEEKDAYS)}.",
                f"The {self.n(18, 35)}-year-old striker scored twice in the second half.",
                f"{team} are {self.c(['top', 'second', 'third'])} of the table with "
                f"{self.n(10, 60)} points from {self.n(8, 25)} games.",
                f"The match was played in front of {self.n(2, 40)},000 spectators in "
                f"{self.c(['Lublin', 'Krakow', 'Bratislava', city])}.",
                "The coach praised his players for their discipline.",
                f"{name} won gold in the {self.c(['100', '200', '400', '800'])} metres.",
            ],
            "weather": [
                f"Temperatures will reach {self.n(-15, 35)}C in {city} on {self.c(WEEKDAYS)}.",
                f"Forecasters expect up to {self.n(5, 40)} millimetres of rain.",
                f"Winds will gust at {self.n(10, 25)} metres per second in the west.",
                "Drivers were advised to take care on icy roads.",
                f"Snow cover in the Carpathians reached {self.n(20, 120)} centimetres.",
            ],
            "culture": [
                f"The festival, first held in {yr}, attracted {self.n(3, 90)},000 visitors.",
                f"The exhibition features {self.n(40, 300)} works by {self.n(5, 30)} artists.",
                f"Tickets cost {self.n(150, 900)} hryvnias.",
                f"The {self.n(30, 90)}-year-old director presented her new film in {city}.",
                "Critics praised the production for its bold staging.",
                f"The theatre was founded in {self.n(1850, 1990)} and seats {self.n(200, 900)}.",
            ],
        }
        return self.c(shapes[topic])

    def other_filler(self, topic: str) -> str:
        city = self.c(CITIES)
        shapes = {
            "economy": [
                "Business groups called for clearer rules on imports and tax administration.",
                "The ministry said the measures would support small and medium enterprises.",
                "Exporters continued to rely on the Black Sea corridor for grain shipments.",
                f"Retailers in {city} reported steady demand despite rising costs.",
                "The finance minister said negotiations with creditors were constructive.",
            ],
            "sport": [
                "The league resumed after a short winter break.",
                "Fans travelled abroad to support the team at its temporary home ground.",
                "The club said the player would undergo a medical examination.",
                f"Training sessions in {city} were interrupted by air-raid alerts.",
                "The federation has yet to confirm the schedule for the next round.",
            ],
            "weather": [
                "A cold front moving in from Scandinavia will bring cloudy skies.",
                "Rain is expected in the northern regions later in the week.",
                f"Fog may reduce visibility on roads near {city} in the morning.",
                "Conditions will improve by the weekend, the hydrometeorological centre said.",
            ],
            "culture": [
                "The programme includes concerts, readings and film screenings.",
                f"Organisers in {city} said proceeds would go to charity.",
                "The museum reopened after its collection was returned from storage.",
                "The novel has been translated into several European languages.",
                "Curators said the exhibition reflects on memory and resilience.",
            ],
        }
        return self.c(shapes[topic])

    # ---- documents ---------------------------------------------------------------------------

    def paragraphs(self, make_num, make_plain, num_ratio: float, head: str = "") -> str:
        """Paragraphs of 2-5 sentences up to a 1-6 KB body; `num_ratio` of them carry numbers."""
        target = self.r.triangular(1000, 5200, 2200)
        paras = [head] if head else []
        size = len(head)
        while size < target:
            sents = [
                make_num() if self.r.random() < num_ratio else make_plain()
                for _ in range(self.n(2, 5))
            ]
            para = " ".join(sents)
            if size + len(para) > 5900 and size >= 1000:
                break
            paras.append(para)
            size += len(para) + 2
        return "\n\n".join(paras)

    def document(self, i: int, base: date) -> Document:
        kind = self.r.random()
        published = base + timedelta(days=self.n(0, 900))
        if kind < 0.25:
            origin, title = "airforce", "Air force summary"
            body = self.paragraphs(self.af_sentence, self.filler, 0.5, self.af_sentence())
        elif kind < 0.55:
            origin, title = "wire", "Russian strikes on Ukraine"
            body = self.paragraphs(
                lambda: self.c([self.wire_sentence, self.af_sentence, self.official_sentence])(),
                self.filler,
                0.3,
            )
        elif kind < 0.70:
            origin, title = "regional", "Regional update"
            body = self.paragraphs(self.official_sentence, self.filler, 0.35)
        elif kind < 0.80:
            origin, title = "ru_mod", "Russian defence ministry"
            body = self.paragraphs(self.mod_sentence, self.filler, 0.35)
        else:
            topic = self.c(["economy", "sport", "weather", "culture"])
            origin, title = "other", topic.capitalize()
            body = self.paragraphs(
                lambda: self.other_sentence(topic),
                lambda: self.other_filler(topic),
                0.3,
            )
        return Document(
            id=f"bench-{i:06d}",
            body=body,
            published=published,
            url=f"https://example.org/{origin}/{i}",
            title=title,
            origin=origin,
        )


def build_corpus(n_docs: int, seed: int) -> list[Document]:
    gen = Gen(random.Random(seed))
    base = date(2023, 1, 1)
    return [gen.document(i, base) for i in range(n_docs)]


# --------------------------------------------------------------------------------------------
# Benchmark
# --------------------------------------------------------------------------------------------


def bench_stats(docs: list[Document]) -> tuple[float, int]:
    n_facts = 0
    t0 = time.perf_counter()
    for doc in docs:
        n_facts += len(extract(doc))
    return time.perf_counter() - t0, n_facts


def bench_quantulum(docs: list[Document], budget: float) -> tuple[float, int] | None:
    """(seconds, documents parsed) for quantulum3 over `docs`; None if it is not installed.

    Stops early once `budget` seconds have been spent, so the whole run stays short.
    """
    sink = io.StringIO()
    logging.disable(logging.CRITICAL)
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(sink),
            contextlib.redirect_stderr(sink),
        ):
            warnings.simplefilter("ignore")
            try:
                from quantulum3 import parser
            except ImportError:
                return None
            parser.parse("warm-up: 3 drones and 2 missiles")
            done = 0
            t0 = time.perf_counter()
            for doc in docs:
                parser.parse(doc.body)
                done += 1
                if time.perf_counter() - t0 > budget:
                    break
            return time.perf_counter() - t0, done
    finally:
        logging.disable(logging.NOTSET)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=12_000, help="documents to generate")
    ap.add_argument("--seed", type=int, default=20240, help="random seed")
    ap.add_argument("--passes", type=int, default=3, help="timed passes (the fastest is shown)")
    ap.add_argument("--q-docs", type=int, default=300, help="documents for quantulum3")
    ap.add_argument(
        "--q-budget",
        type=float,
        default=None,
        help="max seconds for the quantulum3 pass (default: what keeps the run under ~100 s)",
    )
    args = ap.parse_args(argv)
    t_start = time.perf_counter()

    docs = build_corpus(args.docs, args.seed)
    total_bytes = sum(len(d.body.encode("utf-8")) for d in docs)
    mb = total_bytes / 1e6

    passes = sorted(bench_stats(docs) for _ in range(max(1, args.passes)))
    secs, n_facts = passes[0]  # the fastest pass: a busy machine only ever adds time
    rate = mb / secs
    print(f"{rate:.2f} MB/s per core")
    print(f"passes: {len(passes)}; MB/s of each: {', '.join(f'{mb / p[0]:.2f}' for p in passes)}")
    print(f"median pass: {mb / passes[len(passes) // 2][0]:.2f} MB/s per core")
    print(f"documents/s: {len(docs) / secs:.1f}")
    print(f"total MB: {mb:.2f}")
    print(f"documents: {len(docs)}")
    print(f"facts found: {n_facts}")
    print(f"seconds: {secs:.2f}")

    sample = docs[: max(0, min(args.q_docs, len(docs)))]
    if not sample:
        return 0
    budget = args.q_budget
    if budget is None:  # leave room for importing quantulum3 (a few seconds)
        budget = min(45.0, max(10.0, 95.0 - (time.perf_counter() - t_start)))
    result = bench_quantulum(sample, budget)
    if result is None:
        print("quantulum3 not installed: comparison skipped")
        return 0
    q_secs, q_done = result
    q_mb = sum(len(d.body.encode("utf-8")) for d in sample[:q_done]) / 1e6
    q_rate = q_mb / q_secs
    print(f"quantulum3: {q_rate:.3f} MB/s per core ({q_done} documents, {q_secs:.2f} s)")
    print(f"stats is {rate / q_rate:.1f}x faster than quantulum3 (number recognition only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
