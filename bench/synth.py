"""Write a synthetic archive of network minutes in the seed meeting's layout, plus a question set.

    python bench/synth.py --meetings 250 --out /tmp/archive --seed 1

writes N files `YYYY-MM-DD-naeringssamarbeidet.txt` (Norwegian bokmål, the seed's layout: "Dato:",
"Tid: <Ukedag> <d>. <måned> kl. 0900-1100", the tab-separated attendee table with the chair first,
"Fra sekretariatet møtte:", "Saksliste", "Sak N. Title" items and "Firstname fra Region:" turns
of "- " bullets) and `questions.jsonl` in the shape of tests/eval/questions.jsonl: who-questions
about rare facts planted once each for one person (Norwegian and English, literal and
paraphrased), plus a few questions nothing in the archive answers.

About 150 recurring people (some first names shared by two people, a few who change
organisation), ~40 passages per meeting (250 meetings ≈ 10,000 passages), meetings every 3-5
weeks going back from 25 November 2021. Deterministic for a given --seed; stdlib only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# The vocabulary lives apart from the logic; make it importable when this file is loaded by path.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_vocab import (  # noqa: E402
    CHALLENGES,
    CITIES,
    EVENTUELT,
    FIRST_NAMES,
    FUNDS,
    ITEM_INTROS,
    LAST_NAMES,
    MIDDLE_NAMES,
    MONTHS,
    NO_ANSWER,
    ORGS,
    PARTNERS,
    PLANT,
    RARE,
    SECRETARIAT,
    SECRETARIAT_ITEMS,
    STOP,
    TEMPLATES,
    TOPICS,
    WEEKDAYS,
)

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _shares_stem(w: str, t: str) -> bool:
    if w == t or (len(w) >= 5 and len(t) >= 5 and w[:5] == t[:5]):
        return True
    return (len(w) >= 6 and w in t) or (len(t) >= 6 and t in w)


def shares_words(question: str, passage: str) -> bool:
    """True when a content word of `question` (≥4 letters, not a stop word) shares a stem with `passage`."""
    para = [t for t in _words(passage) if t not in STOP]
    return any(_shares_stem(w, t) for w in _words(question) if len(w) >= 4 and w not in STOP for t in para)


@dataclass
class Person:
    first: str
    name: str
    orgs: list  # [(from_meeting_index, org_index)], ascending
    topics: list
    weight: float
    start: int  # active window, meeting indices (0 = oldest)
    end: int

    def org_at(self, i: int) -> int:
        org = self.orgs[0][1]
        for since, o in self.orgs:
            if i >= since:
                org = o
        return org


def make_people(rng: random.Random, n_meetings: int, size: int = 150) -> list[Person]:
    firsts = FIRST_NAMES[:]
    rng.shuffle(firsts)
    unique = firsts[: size - 12]
    shared = rng.sample(unique, 12)  # 12 first names carried by two people each
    lasts = LAST_NAMES[:]
    people: list[Person] = []
    used_names: set = set()
    org_of_first: dict = {}
    topic_keys = TOPIC_KEYS
    for first in unique + shared:
        while True:
            middle = _pick(rng, MIDDLE_NAMES) + " " if rng.random() < 0.15 else ""
            name = f"{first} {middle}{_pick(rng, lasts)}"
            if name not in used_names:
                break
        used_names.add(name)
        taken = org_of_first.get(first, set())
        org = _pick(rng, [i for i in range(len(ORGS)) if i not in taken])
        org_of_first.setdefault(first, set()).add(org)
        span = int(n_meetings * rng.uniform(0.45, 1.0))
        start = rng.randint(0, max(0, n_meetings - span))
        if rng.random() < 0.25:  # many have been there all along
            start, span = 0, n_meetings
        p = Person(first, name, [(0, org)], rng.sample(topic_keys, rng.randint(2, 3)),
                   rng.uniform(0.35, 1.0), start, start + span)
        people.append(p)
    # a few people change organisation half-way through their time in the network
    movers = [p for p in people if p.first not in shared]
    for p in rng.sample(movers, 8):
        choices = [i for i in range(len(ORGS)) if i != p.orgs[0][1] and i not in org_of_first[p.first]]
        new = _pick(rng, choices)
        p.orgs.append(((p.start + p.end) // 2, new))
        org_of_first[p.first].add(new)
    return people


def meeting_dates(rng: random.Random, n: int) -> list[dt.date]:
    """n meeting dates, oldest first, every 3-5 weeks, the newest on 25 November 2021."""
    d = dt.date(2021, 11, 25)
    out = [d]
    while len(out) < n:
        d = d - dt.timedelta(days=rng.randint(21, 35))
        target = 4 if rng.random() < 0.6 else 3  # Friday or Thursday
        d = d - dt.timedelta(days=(d.weekday() - target) % 7)
        out.append(d)
    return out[::-1]


TOPIC_KEYS = list(TOPICS)
_NUMBERS = [3, 5, 8, 12, 15, 20, 25, 40, 60, 100]
_MILLIONS = ["0,5", "1", "1,5", "2", "3", "4", "6", "10", "25"]
_YEARS = [2022, 2023, 2024, 2025]


def _pick(rng: random.Random, seq):
    return seq[int(rng.random() * len(seq))]


class _Slots(dict):
    """Template slots, each drawn only when the template asks for it (keeps generation fast)."""

    def __init__(self, rng: random.Random, topic: str, place: str):
        super().__init__(s=place)
        self.rng, self.topic = rng, topic

    def __missing__(self, key: str):
        r, t = self.rng, TOPICS[self.topic]
        value = {"p": t[1], "b": t[2], "n": _NUMBERS, "m": _MILLIONS, "y": _YEARS, "f": FUNDS,
                 "partner": PARTNERS, "c": CHALLENGES, "city": CITIES, "month": MONTHS}[key]
        self[key] = v = _pick(r, value)
        return v


def _fill(rng: random.Random, template: str, topic: str, place: str) -> str:
    return template.format_map(_Slots(rng, topic, place))


def _sentence(rng: random.Random, topic: str, place: str, template: str | None = None) -> str:
    s = _fill(rng, template or _pick(rng, TEMPLATES), topic, place)
    s = s[0].upper() + s[1:]
    if rng.random() < 0.3:
        s += " " + _pick(rng, TOPICS[topic][3])
    return s


def _turn_bullets(rng: random.Random, person: Person, place: str, k: int, topic: str | None = None) -> list[str]:
    out = []
    for template in rng.sample(TEMPLATES, k):  # no template twice in one turn
        t = topic if topic and rng.random() < 0.7 else (
            _pick(rng, person.topics) if rng.random() < 0.75 else _pick(rng, TOPIC_KEYS))
        out.append("- " + _sentence(rng, t, place, template))
    return out


def _join(bullets: list[str], rng: random.Random) -> list[str]:
    """Bullet lines, now and then with a blank line between them (as in the seed)."""
    spaced = rng.random() < 0.2
    out: list[str] = []
    for b in bullets:
        if out and spaced:
            out.append("")
        out.append(b)
    return out


def _label(p: Person, i: int) -> str:
    return ORGS[p.org_at(i)][1]


def _weighted_sample(rng: random.Random, people: list[Person], k: int) -> list[Person]:
    keyed = sorted(people, key=lambda p: rng.random() ** (1.0 / p.weight), reverse=True)
    return keyed[:k]


def _no_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


class Meeting:
    """One meeting being written: a list of lines plus where each speaker's round-table turn ends."""

    def __init__(self, i: int, date: dt.date):
        self.i, self.date = i, date
        self.lines: list[str] = []
        self.turn_end: dict = {}  # person name -> index in self.lines after the last line of their Sak 3 turn
        self.speakers3: list[Person] = []
        self.passages = 0


def write_meeting(rng: random.Random, i: int, date: dt.date, prev: dt.date | None, people: list[Person],
                  chairs: list[Person]) -> Meeting:
    m = Meeting(i, date)
    L = m.lines
    active = [p for p in people if p.start <= i < p.end]
    chair = chairs[(i // 10) % len(chairs)]
    others = [p for p in active if p is not chair]
    attendees = [chair] + _weighted_sample(rng, others, rng.randint(14, 24))
    # namesakes from the same place would make a label like "Kari fra Asker" ambiguous: keep one
    seen: set = set()
    uniq = []
    for p in attendees:
        key = (p.first, _label(p, i))
        if key not in seen:
            seen.add(key)
            uniq.append(p)
    attendees = uniq
    sec = rng.sample(SECRETARIAT, rng.randint(2, 4))
    sec_first = [s.split()[0] for s in sec]
    written = date + dt.timedelta(days=rng.randint(2, 7))

    L += ["", "", "", "", f"Dato: {written.day}.{written.month}.{written.strftime('%y')}", "",
          "Referat møte i Osloregionens faggruppe Nærings samarbeidet", "",
          f"Tid: {WEEKDAYS[date.weekday()]} {date.day}. {MONTHS[date.month - 1]} kl. 0900-1100", ""]
    if rng.random() < 0.5:
        L += ["Presentasjoner fra møtet finner man her", ""]
    L += ["Frammøtte:", "", "NAVN\tKOMMUNE / REGION"]
    for k, p in enumerate(attendees):
        L.append(f"{p.name}{' (møteleder)' if k == 0 else ''}\t{ORGS[p.org_at(i)][0]}")
    L += ["", "Fra sekretariatet møtte:", "", ", ".join(sec), "", "Saksliste", ""]

    n = 1
    L += [f"Sak {n}. Godkjenning av innkalling og dagsorden", "", "Godkjent", ""]
    n += 1
    prev_txt = f"møte {_no_date(prev)}" if prev else "forrige møte"
    L += [f"Sak {n}. Godkjenning av referat fra {prev_txt}", "", "Godkjent", ""]
    m.passages += 2
    n += 1

    # Sak 3: the round table
    L += [f"Sak {n}. Runden rundt bordet (max 3 min. per pers)", ""]
    speakers = [p for p in attendees if rng.random() < 0.82]
    if len(speakers) < 10:  # keep every meeting comfortably above 20 passages
        speakers = attendees[:10]
    for p in speakers:
        place = _label(p, i)
        L += [f"{p.first} fra {place}:", ""]
        L += _join(_turn_bullets(rng, p, place, _pick(rng, [2, 2, 3, 3, 3, 4, 5])), rng)
        m.turn_end[p.name] = len(L)
        L.append("")
        m.passages += 1
    m.speakers3 = speakers
    n += 1

    # Sak 4..: theme items
    topics = rng.sample(TOPIC_KEYS, _pick(rng, [2, 3, 3, 3, 4]))
    for topic in topics:
        titles = TOPICS[topic][0]
        L += [f"Sak {n}. {_pick(rng, titles)}", ""]
        intro = _pick(rng, ITEM_INTROS).format(sec=_pick(rng, sec_first), s=_pick(rng, ORGS)[1],
                                               c=_pick(rng, CHALLENGES))
        L += [intro, ""]
        m.passages += 1
        keen = [p for p in attendees if topic in p.topics]
        pool = keen + [p for p in attendees if topic not in p.topics]
        k = min(len(pool), rng.randint(3, 7))
        chosen = (keen[:k] if len(keen) >= k else keen + rng.sample(pool[len(keen):], k - len(keen)))
        rng.shuffle(chosen)
        for p in chosen:
            place = _label(p, i)
            L += [f"{p.first} fra {place}:", ""]
            if rng.random() < 0.45:
                L += [" ".join(_sentence(rng, topic, place, t) for t in rng.sample(TEMPLATES, rng.randint(2, 3)))]
            else:
                L += _join(_turn_bullets(rng, p, place, rng.randint(1, 3), topic), rng)
            L.append("")
            m.passages += 1
        if rng.random() < 0.2:
            L += ["Kommentarer/oppsummering fra gruppearbeidet:", ""]
            for g in range(1, rng.randint(3, 4)):
                place = _pick(rng, ORGS)[1]
                L += [f"Gruppe {g}:", "", " ".join(_sentence(rng, topic, place, t) for t in rng.sample(TEMPLATES, 2)), ""]
                m.passages += 1
        n += 1

    title, text = _pick(rng, SECRETARIAT_ITEMS)
    t = _pick(rng, TOPIC_KEYS)
    L += [f"Sak {n}. {title}", "",
          text.format(sec=_pick(rng, sec_first), p=_pick(rng, TOPICS[t][1]), month=_pick(rng, MONTHS)), ""]
    m.passages += 1
    n += 1
    who = _pick(rng, attendees)
    ev = _pick(rng, EVENTUELT).format(first=who.first, label=_label(who, i), p=_pick(rng, TOPICS[t][1]),
                                      month=_pick(rng, MONTHS), s=_pick(rng, ORGS)[1])
    L += [f"Sak {n}. Eventuelt", "", ev]
    m.passages += 1
    return m


def plant_facts(rng: random.Random, meetings: list[Meeting], n_facts: int) -> list[dict]:
    """Plant each rare fact once, as its own paragraph closing one person's round-table turn."""
    facts = []
    rare = RARE[:]
    rng.shuffle(rare)
    used_people: set = set()
    slots = [(m, p) for m in meetings for p in m.speakers3]
    rng.shuffle(slots)
    planted_in: dict = {}
    for x_no, x_en, para_no, para_en in rare[:n_facts]:
        while slots:
            m, p = slots.pop()
            if p.name not in used_people and (m.i, p.name) not in planted_in:
                break
        else:
            break
        used_people.add(p.name)
        planted_in[(m.i, p.name)] = True
        sentence = _pick(rng, PLANT).format(x=x_no, s=_label(p, m.i))
        at = m.turn_end[p.name]
        m.lines[at:at] = ["", "- " + sentence]
        for other, end in m.turn_end.items():  # later turns moved down by two lines
            if end > at:
                m.turn_end[other] = end + 2
        facts.append(dict(meeting=m, person=p, sentence=sentence, x_no=x_no, x_en=x_en,
                          para_no=para_no, para_en=para_en))
    return facts


def questions_for(facts: list[dict]) -> list[dict]:
    qs = []
    for f in facts:
        person = f["person"].name
        ac = f["sentence"]
        variants = [
            ("no", f"Hvem jobber med {f['x_no']}?", False),
            ("en", f"Who is working on {f['x_en']}?", False),
            ("no", f"Hvem {f['para_no']}?", True),
            ("en", f"Who {f['para_en']}?", True),
        ]
        for lang, q, para in variants:
            if para and shares_words(q, ac):
                para = False
            qs.append({"question": q, "lang": lang, "who": True, "paraphrase": para, "answer_contains": ac,
                       "agenda_number": "3", "speaker": person})
    for lang, q in NO_ANSWER:
        qs.append({"question": q, "lang": lang, "who": True, "paraphrase": False, "answer_contains": None,
                   "agenda_number": None, "speaker": None})
    return [{"id": f"s{k:04d}", **q} for k, q in enumerate(qs, 1)]


def generate(n_meetings: int, out: Path, seed: int = 0) -> dict:
    rng = random.Random(seed)
    people = make_people(rng, n_meetings)
    chairs = sorted((p for p in people if p.start == 0 and p.end >= n_meetings), key=lambda p: -p.weight)[:3] \
        or people[:3]
    dates = meeting_dates(rng, n_meetings)
    meetings = [write_meeting(rng, i, d, dates[i - 1] if i else None, people, chairs) for i, d in enumerate(dates)]
    facts = plant_facts(rng, meetings, min(len(RARE), max(4, 2 * n_meetings)))
    out.mkdir(parents=True, exist_ok=True)
    for m in meetings:
        (out / f"{m.date.isoformat()}-naeringssamarbeidet.txt").write_text("\n".join(m.lines) + "\n", encoding="utf-8")
    qs = questions_for(facts)
    with open(out / "questions.jsonl", "w", encoding="utf-8") as fh:
        for q in qs:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    return {"meetings": len(meetings), "passages_estimate": sum(m.passages for m in meetings),
            "people": len(people), "facts": len(facts), "questions": len(qs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, required=True, help="how many meetings to write")
    ap.add_argument("--out", type=Path, required=True, help="directory for the minutes and questions.jsonl")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same seed, same archive)")
    ap.add_argument("--clean", action="store_true",
                    help="delete minutes files (YYYY-MM-DD-*.txt) already in --out before writing")
    a = ap.parse_args(argv)
    if a.meetings < 1:
        ap.error("--meetings must be at least 1")
    old = sorted(a.out.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-*.txt")) if a.out.is_dir() else []
    if old and not a.clean:
        ap.error(f"{a.out} already holds {len(old)} minutes files; pass --clean to replace them")
    for f in old:
        f.unlink()
    t0 = time.perf_counter()
    stats = generate(a.meetings, a.out, a.seed)
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
