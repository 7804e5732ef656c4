"""Realistic synthetic cluster sites for the benchmark, and their equivalents for other tools.

`generate_data(n)` invents N member organisations (with partners, contacts and SVG
logos), N/10 events, N/20 newsletter issues and N/10 opportunities (jobs, calls, offers, requests), deterministically from a seed. The
`write_*` functions lay the same data out as a site for each contender:

- `write_ours`: a clustersite site (members/*.yml, events/*.yml, opportunities/*.yml, content/newsletter/*.md);
- `write_floor`: plain MkDocs + Material with one hand-written Markdown page per member
  and event (the floor of any MkDocs-based approach), out of the nav or in it;
- `write_blog` / `write_ours_newsletter`: the newsletter archive alone, with Material's
  blog plugin + mkdocs-rss-plugin, and with clustersite;
- `write_hugo`: the member pages as Hugo content with a minimal layout.

The file formats live in `member_yaml`, `event_yaml`, `opportunity_yaml` and `issue_markdown`: adapt them
there if a model changes. Run `python benchmarks/generate.py --members 100 OUT` to look
at a generated site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from clustersite.vocabularies import DEFAULT_VOCABULARIES, ORGANISATION_TYPES

SEED = 2024

# Where members are: (country, region, city, lat, lon). Diacritics on purpose: search folds them.
PLACES = [
    ("RO", "North-East", "Iași", 47.158, 27.601),
    ("RO", "North-East", "Suceava", 47.651, 26.255),
    ("RO", "North-East", "Bacău", 46.567, 26.914),
    ("RO", "North-East", "Piatra Neamț", 46.927, 26.371),
    ("RO", "North-East", "Botoșani", 47.748, 26.666),
    ("RO", "North-West", "Cluj-Napoca", 46.770, 23.590),
    ("RO", "Bucharest-Ilfov", "Bucharest", 44.426, 26.102),
    ("MD", "Chișinău", "Chișinău", 47.011, 28.864),
    ("MD", "Nord", "Bălți", 47.762, 27.929),
    ("HU", "Northern Great Plain", "Debrecen", 47.532, 21.627),
    ("HU", "Central Hungary", "Budapest", 47.498, 19.040),
    ("DE", "Lower Saxony", "Hannover", 52.375, 9.732),
    ("DE", "Lower Saxony", "Göttingen", 51.541, 9.916),
    ("NO", "Trøndelag", "Trondheim", 63.430, 10.395),
    ("AT", "Vienna", "Vienna", 48.208, 16.373),
    ("PL", "Lesser Poland", "Kraków", 50.065, 19.945),
]
PLACE_WORDS = ["Siret", "Prut", "Bistrița", "Ceahlău", "Tazlău", "Moldova", "Copou", "Cetățuia", "Galata", "Repedea",
               "Carpathia", "Nidaros", "Leine", "Hajdú", "Danubia", "Vistula", "Bârlad", "Trotuș", "Lunca", "Tătărași"]
FIELD_WORDS = ["Imaging", "Radiology", "Diagnostics", "Ultrasound", "Tomography", "Molecular Imaging", "Radiopharmacy",
               "Medical Physics", "Vision", "Optics", "Nanomaterials", "Biotech", "Health Data", "Theranostics", "Oncology"]
TYPE_NAMES = {
    "startup": ["{place} {field} Labs", "{field}{suffix}", "{place} {field} Start"],
    "sme": ["{place} {field} SRL", "{place} {field} Systems", "{field} Solutions {place}"],
    "large-company": ["{place} Medical Group", "{place} {field} Industries", "{field} International {place}"],
    "university": ["University of {place}", "{place} University of Medicine", "{place} Technical University"],
    "research-institute": ["{place} Institute of {field}", "{field} Research Centre {place}", "{place} {field} Institute"],
    "hospital": ["{place} County Hospital", "{place} {field} Clinic", "{place} University Hospital"],
    "public-authority": ["{place} County Council", "{place} Development Agency", "{place} Health Directorate"],
    "investor": ["{place} Ventures", "{place} Angels", "{place} {field} Fund"],
    "association": ["{place} {field} Society", "{place} Association of {field}", "{field} Network {place}"],
    "patient-organisation": ["{place} Patients Together", "{place} Cancer Patients' Association", "Friends of {place} Hospital"],
    "other": ["{place} Technology Park", "{place} Innovation Hub", "{place} {field} Foundation"],
}
TYPE_WEIGHTS = {"startup": 14, "sme": 30, "large-company": 6, "university": 5, "research-institute": 9, "hospital": 10,
                "public-authority": 4, "investor": 4, "association": 6, "patient-organisation": 3, "other": 3}
SUFFIXES = ["ix", "ica", "ora", "ium", "ex", "iq"]
FIRST = ["Ana", "Ioana", "Mihai", "Dan", "Raluca", "Andrei", "Elena", "Bogdan", "Ingrid", "Lars", "Katalin", "Zoltán",
         "Jonas", "Greta", "Maria", "Ștefan", "Oana", "Tudor", "Agnieszka", "Piotr"]
LAST = ["Popescu", "Ionescu", "Chirilă", "Ifrim", "Hansen", "Nagy", "Kovács", "Müller", "Schmidt", "Rusu", "Munteanu",
        "Lungu", "Ciobanu", "Nowak", "Berg", "Tănase", "Dumitrescu", "Horváth", "Wagner", "Moldovan"]
ROLES_OF_CONTACTS = ["Director", "Business development", "Head of research", "Communication", "Technology transfer",
                     "Chief executive", "Project manager", None]
SENTENCES = [
    "The team develops {tech} for hospitals in the region and abroad.",
    "It runs a shared laboratory that start-ups and academic groups can rent by the day.",
    "Clinical partners validate every product in routine use before it reaches the market.",
    "Its engineers combine **{tech}** with image analysis to shorten the time to diagnosis.",
    "The organisation trains radiographers, physicists and young researchers every year.",
    "Projects with [European partners](https://cordis.europa.eu/) fund most of its research.",
    "A quality system certified to ISO 13485 covers design, production and service.",
    "It offers consulting on regulatory affairs, reimbursement and market access.",
    "Its data platform connects imaging archives of several hospitals under strict governance.",
    "Students can join as interns; the organisation hires graduates of the region's universities.",
]
EVENT_TYPES = {"conference": 8, "workshop": 25, "training": 20, "get-together": 15, "mission": 4, "fair": 5,
               "member-meeting": 10, "webinar": 12, "other": 1}
EVENT_TOPICS = ["PET-CT in Oncology", "AI for Radiology", "Ultrasound at the Point of Care", "Radiopharmacy and GMP",
                "Medical Device Regulation", "Digital Pathology", "Funding for Imaging Start-ups", "Imaging Data Sharing",
                "Hybrid Imaging", "Careers in Medical Imaging", "Theranostics", "MRI Physics"]
VENUES = ["Palace of Culture", "University Aula Magna", "Technology Park Hall B", "Hotel Unirea", "Cluster office",
          "County Hospital Auditorium", "Innovation Hub"]


@dataclass
class MemberData:
    slug: str
    name: str
    type: str
    summary: str
    description: str
    website: str
    country: str
    region: str
    city: str
    lat: float
    lon: float
    joined: dt.date
    roles: list[str]
    technologies: list[str]
    value_chain: list[str]
    partners: list[str] = field(default_factory=list)
    contacts: list[dict[str, object]] = field(default_factory=list)
    logo: str | None = None
    ror: str | None = None
    vat: str | None = None
    careers: str | None = None
    fee: int = 0


@dataclass
class EventData:
    slug: str
    title: str
    type: str
    start: str
    end: str | None
    venue: str
    city: str
    country: str
    summary: str
    audience: list[str]
    organisers: list[str]
    status: str
    online: str | None = None


@dataclass
class IssueData:
    stem: str
    title: str
    date: dt.date
    summary: str
    audience: list[str]
    body: str
    number: int = 0
    members: list[str] = field(default_factory=list)


@dataclass
class OpportunityData:
    slug: str
    kind: str
    title: str
    summary: str
    members: list[str]
    technologies: list[str]
    audience: list[str]
    posted: dt.date
    closes: dt.date
    """A job's valid_through, a call's (last) deadline, an offer's or request's expiry."""
    city: str = ""
    country: str = ""
    extra: str = ""
    """A call's funder and programme, or an offer's cooperation type."""


@dataclass
class SiteContent:
    members: list[MemberData]
    events: list[EventData]
    issues: list[IssueData]
    opportunities: list[OpportunityData] = field(default_factory=list)

    def member(self, slug: str) -> MemberData:
        return self._by_slug[slug]

    def __post_init__(self) -> None:
        self._by_slug = {m.slug: m for m in self.members}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def generate_data(n: int, seed: int = SEED) -> SiteContent:
    """N members, N/10 events, N/20 newsletter issues and N/10 opportunities (at least one of each)."""
    rng = random.Random(seed)
    members = _members(rng, n)
    events = _events(rng, max(1, n // 10), members)
    issues = _issues(rng, max(1, n // 20), members, events)
    opportunities = _opportunities(rng, max(1, n // 10), members)
    return SiteContent(members, events, issues, opportunities)


OPPORTUNITY_KINDS = {"job": 5, "call": 2, "offer": 2, "request": 2}
JOB_TITLES = ["Radiographer", "Medical physicist", "Machine-learning engineer", "Radiochemist", "Service engineer", "PhD student in imaging", "Regulatory affairs specialist"]
FUNDERS = [("European Commission", "Horizon Europe, Cluster 1 (Health)"), ("Ministry of Research", "National research programme"), ("Regional Development Agency", "Regional Programme 2021-2027 (ERDF)")]
COOPERATION = ["commercial", "technical", "research", "licensing", "subcontracting"]


def _opportunities(rng: random.Random, count: int, members: list[MemberData]) -> list[OpportunityData]:
    """Jobs, calls, offers and requests posted over 18 months: some open, some closed at any build date."""
    found = []
    kinds = list(OPPORTUNITY_KINDS)
    for index in range(count):
        kind = rng.choices(kinds, weights=[OPPORTUNITY_KINDS[k] for k in kinds])[0]
        owner = rng.choice(members)
        posted = dt.date(2025, 6, 1) + dt.timedelta(days=rng.randint(0, 540))
        topic = rng.choice(EVENT_TOPICS)
        audience = rng.choices([["public", "community", "members"], ["members"]], weights=[9, 1])[0]
        if kind == "job":
            title = f"{rng.choice(JOB_TITLES)}, {topic}"
            closes = posted + dt.timedelta(days=rng.randint(30, 120))
            extra = ""
        elif kind == "call":
            funder, programme = rng.choice(FUNDERS)
            title = f"{programme}: {topic}"
            closes = posted + dt.timedelta(days=rng.randint(30, 200))
            extra = f"{funder}|{programme}"
        else:
            title = f"{'Offer' if kind == 'offer' else 'Partner sought'}: {topic}"
            closes = posted + dt.timedelta(days=rng.randint(90, 365))
            extra = rng.choice(COOPERATION)
        found.append(OpportunityData(
            slug=f"{posted.isoformat()}-{kind}-{slugify(topic)}-{index + 1}",
            kind=kind,
            title=title,
            summary=f"{title} at {owner.name}, {owner.city}: for researchers, companies and clinicians of the cluster.",
            members=[] if kind == "call" else [owner.slug],
            technologies=sorted(rng.sample(owner.technologies, min(2, len(owner.technologies)))),
            audience=audience,
            posted=posted,
            closes=closes,
            city=owner.city,
            country=owner.country,
            extra=extra,
        ))
    return found


def _members(rng: random.Random, n: int) -> list[MemberData]:
    used: dict[str, int] = {}
    members = []
    types = list(TYPE_WEIGHTS)
    technologies = list(DEFAULT_VOCABULARIES["technologies"])
    roles = list(DEFAULT_VOCABULARIES["roles"])
    stages = list(DEFAULT_VOCABULARIES["value_chain"])
    for _ in range(n):
        kind = rng.choices(types, weights=[TYPE_WEIGHTS[t] for t in types])[0]
        pattern = rng.choice(TYPE_NAMES[kind])
        name = pattern.format(place=rng.choice(PLACE_WORDS), field=rng.choice(FIELD_WORDS), suffix=rng.choice(SUFFIXES))
        slug = slugify(name)
        if slug in used:  # a real cluster would tell two such members apart by their names, too
            used[slug] += 1
            name = f"{name} {_roman(used[slug])}"
            slug = slugify(name)
        used.setdefault(slug, 1)
        country, region, city, lat, lon = rng.choice(PLACES)
        techs = rng.sample(technologies, rng.randint(1, 4))
        domain = f"www.{slug[:40].strip('-')}.example"
        words = [DEFAULT_VOCABULARIES["technologies"][t] for t in techs]
        summary = f"{ORGANISATION_TYPES[kind]} in {city} working on {', '.join(words).lower()} along the medical-imaging value chain."
        paragraphs = [" ".join(s.format(tech=rng.choice(words)) for s in rng.sample(SENTENCES, 3)) for _ in range(rng.randint(1, 3))]
        member = MemberData(
            slug=slug,
            name=name,
            type=kind,
            summary=summary[:280],
            description="\n\n".join(paragraphs),
            website=f"https://{domain}",
            country=country,
            region=region,
            city=city,
            lat=round(lat + rng.uniform(-0.05, 0.05), 4),
            lon=round(lon + rng.uniform(-0.05, 0.05), 4),
            joined=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randint(0, 6000)),
            roles=rng.sample(roles, rng.randint(1, 3)),
            technologies=techs,
            value_chain=rng.sample(stages, rng.randint(1, 3)),
            fee=rng.choice([0, 300, 600, 900, 1200, 2400]),
        )
        if rng.random() < 0.7:
            member.logo = f"logos/{slug}.svg"
        if kind in ("university", "research-institute", "hospital") and rng.random() < 0.6:
            member.ror = "0" + "".join(rng.choice("abcdefghjkmnpqrstvwxyz0123456789") for _ in range(6)) + f"{rng.randint(0, 99):02d}"
        if kind in ("startup", "sme", "large-company"):
            member.vat = f"{country}{rng.randint(10_000_000, 99_999_999)}"
            if rng.random() < 0.5:
                member.careers = f"https://{domain}/careers"
        for _ in range(rng.randint(1, 3)):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            member.contacts.append({
                "name": f"{first} {last}",
                "role": rng.choice(ROLES_OF_CONTACTS),
                "email": f"{slugify(first)}.{slugify(last)}@{domain[4:]}",
                "public": rng.random() < 0.6,
            })
        members.append(member)
    slugs = [m.slug for m in members]
    for member in members:  # partners are named by one side; the plugin shows them on both
        member.partners = sorted({s for s in rng.sample(slugs, min(len(slugs), rng.randint(0, 4))) if s != member.slug})
    return members


def _roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def _events(rng: random.Random, count: int, members: list[MemberData]) -> list[EventData]:
    events = []
    types = list(EVENT_TYPES)
    for index in range(count):
        kind = rng.choices(types, weights=[EVENT_TYPES[t] for t in types])[0]
        topic = rng.choice(EVENT_TOPICS)
        day = dt.date(2019, 1, 7) + dt.timedelta(days=rng.randint(0, 9 * 365))
        title = f"{topic}: {kind.replace('-', ' ')} {day.year}"
        slug = f"{day.isoformat()}-{slugify(topic)}-{index + 1}"
        if kind in ("conference", "fair", "mission"):
            start, end = day.isoformat(), (day + dt.timedelta(days=rng.randint(1, 3))).isoformat()
        else:
            hour = rng.choice([9, 10, 14, 17])
            start, end = f"{day.isoformat()}T{hour:02d}:00", f"{day.isoformat()}T{hour + 2:02d}:30"
        country, _, city, _, _ = rng.choice(PLACES)
        audience = rng.choices([["public", "community", "members"], ["community", "members"], ["members"]], weights=[6, 3, 1])[0]
        events.append(EventData(
            slug=slug,
            title=title,
            type=kind,
            start=start,
            end=end,
            venue=rng.choice(VENUES),
            city=city,
            country=country,
            summary=f"A {kind.replace('-', ' ')} on {topic.lower()} for researchers, companies and clinicians of the cluster.",
            audience=audience,
            organisers=sorted({m.slug for m in rng.sample(members, min(len(members), rng.randint(1, 3)))}),
            status=rng.choices(["scheduled", "cancelled", "postponed", "moved-online"], weights=[90, 4, 3, 3])[0],
        ))
        if kind == "webinar" or events[-1].status == "moved-online":
            events[-1].online = f"https://meet.cluster.example.org/{slug}"

    return events


def _issues(rng: random.Random, count: int, members: list[MemberData], events: list[EventData]) -> list[IssueData]:
    issues = []
    first = dt.date(2026, 6, 1) - dt.timedelta(days=14 * count)
    for index in range(count):
        day = first + dt.timedelta(days=14 * index)  # every other week, as many clusters send it
        picked = rng.sample(members, min(len(members), 4))
        news = "\n".join(f"- **[{m.name}]({m.website})** ({m.city}): {m.summary}" for m in picked)
        upcoming = "\n".join(f"- {e.title}, {e.city}" for e in rng.sample(events, min(len(events), 3)))
        prose = " ".join(s.format(tech="hybrid imaging") for s in rng.sample(SENTENCES, 4)).replace("**", "")
        body = textwrap.dedent(f"""\
            Dear members and friends of the cluster,

            {prose}

            ## News from our members

            {{news}}

            ## Upcoming events

            {{upcoming}}

            ## Funding and calls

            The regional programme opens a call for *joint projects between companies and hospitals*; the office
            helps with partner search and applications. Write to the office before the end of the month.

            | Call | Budget | Deadline |
            | --- | --- | --- |
            | Regional innovation vouchers | 25,000 EUR | {(day + dt.timedelta(days=45)).isoformat()} |
            | Cross-border imaging pilots | 250,000 EUR | {(day + dt.timedelta(days=90)).isoformat()} |
            """).format(news=news, upcoming=upcoming)
        audience = rng.choices([["public", "community", "members"], ["community", "members"], ["members"]], weights=[70, 15, 15])[0]
        issues.append(IssueData(
            stem=f"{day.isoformat()}-issue-{index + 1}",
            title=f"Cluster newsletter no. {index + 1}: {rng.choice(EVENT_TOPICS)}",
            date=day,
            summary=f"Member news, {len(picked)} new projects and the calls of the month.",
            audience=audience,
            body=body,
            number=index + 1,
            members=sorted(m.slug for m in picked),
        ))
    return issues


# ---- file formats -------------------------------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def member_yaml(m: MemberData) -> str:
    lines = [
        "# yaml-language-server: $schema=../schemas/member.schema.json",
        f"name: {q(m.name)}",
        f"type: {m.type}",
        f"summary: {q(m.summary)}",
        "description: |",
        *("  " + line if line else "" for line in m.description.splitlines()),
        f"website: {m.website}",
    ]
    if m.careers:
        lines.append(f"careers: {m.careers}")
    lines += [
        f"country: {q(m.country)}",
        f"region: {q(m.region)}",
        f"city: {q(m.city)}",
        f"location: {{lat: {m.lat}, lon: {m.lon}}}",
        f"joined: {m.joined.isoformat()}",
    ]
    if m.logo:
        lines.append(f"logo: {m.logo}")
    lines += [f"roles: {flow(m.roles)}", f"technologies: {flow(m.technologies)}", f"value_chain: {flow(m.value_chain)}"]
    if m.ror or m.vat:
        lines.append("identifiers:")
        if m.ror:
            lines.append(f"  ror: {m.ror}")
        if m.vat:
            lines.append(f"  vat: {m.vat}")
    if m.partners:
        lines.append(f"partners: {flow(m.partners)}")
    lines += _contact_lines([contact for contact in m.contacts if contact["public"]])
    return "\n".join(lines) + "\n"


def private_member_yaml(m: MemberData) -> str:
    """The member's overlay in the private folder: contacts for members only and the office's notes."""
    lines = _contact_lines([contact for contact in m.contacts if not contact["public"]])
    lines += ["internal:", f"  fee: {m.fee}", f"  fee_status: {'paid' if m.fee else 'exempt'}"]
    return "\n".join(lines) + "\n"


def _contact_lines(contacts: list[dict[str, object]]) -> list[str]:
    lines = ["contacts:"] if contacts else []
    for contact in contacts:
        lines.append(f"  - name: {q(str(contact['name']))}")
        if contact["role"]:
            lines.append(f"    role: {q(str(contact['role']))}")
        lines.append(f"    email: {contact['email']}")
        lines.append(f"    public: {'true' if contact['public'] else 'false'}")
    return lines


def logo_svg(m: MemberData) -> str:
    hue = sum(map(ord, m.slug)) % 360
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", slugify(m.name).replace("-", " ").title())[:2]).upper()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">\n'
        f'  <rect width="120" height="120" rx="12" fill="hsl({hue}, 55%, 35%)"/>\n'
        f'  <circle cx="60" cy="46" r="22" fill="none" stroke="#fff" stroke-width="6"/>\n'
        f'  <text x="60" y="104" font-family="Helvetica, sans-serif" font-size="24" font-weight="bold" fill="#fff" text-anchor="middle">{initials}</text>\n'
        "</svg>\n"
    )


def event_yaml(e: EventData) -> str:
    lines = [
        "# yaml-language-server: $schema=../schemas/event.schema.json",
        f"title: {q(e.title)}",
        f"type: {e.type}",
        f"start: {q(e.start)}",
    ]
    if e.end:
        lines.append(f"end: {q(e.end)}")
    if e.type != "webinar":
        lines += ["location:", f"  venue: {q(e.venue)}", f"  city: {q(e.city)}", f"  country: {q(e.country)}"]
    if e.online:
        lines.append(f"online: {e.online}")
    lines += [
        f"summary: {q(e.summary)}",
        f"audience: {flow(e.audience)}",
        f"organisers: {flow(e.organisers)}",
        f"status: {e.status}",
    ]
    return "\n".join(lines) + "\n"


def issue_markdown(issue: IssueData, *, blog: bool = False, link_members: bool = False) -> str:
    """A newsletter issue; `blog` gives the same issue as a Material blog post.

    `link_members` lists the members the issue is about by slug (clustersite links them),
    which only a site with those members can do.
    """
    front = [
        "---",
        f"title: {q(issue.title)}",
        f"date: {issue.date.isoformat()}",
        f"summary: {q(issue.summary)}",
    ]
    if blog:
        front.append("categories: [Newsletter]")
    else:
        front += [f"number: {issue.number}", f"audience: {flow(issue.audience)}"]
        if link_members:
            front.append(f"members: {flow(issue.members)}")
    front.append("---")
    heading = f"# {issue.title}\n\n" if blog else ""
    excerpt = "<!-- more -->\n\n" if blog else ""
    return "\n".join(front) + "\n\n" + heading + issue.summary + "\n\n" + excerpt + issue.body


# ---- sites --------------------------------------------------------------------------------------

MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
  - toc:
      permalink: true
"""
THEME = """\
theme:
  name: material
  language: en
  features:
    - navigation.tabs
    - navigation.top
    - navigation.footer
    - search.suggest
    - search.highlight
"""


def public(audience: list[str]) -> bool:
    """Whether clustersite's public edition publishes it: the others publish only what it does."""
    return any(group != "members" for group in audience)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


CLUSTER_YML = """\
# The cluster's own profile (clustersite's cluster.yml).
name: Benchmark Cluster
short_name: Benchmark
region: North-East Romania
country: RO
founded: 2012
mission: We connect the researchers, companies and hospitals of the region so that better medical imaging reaches patients sooner.
focus: Medical imaging along the whole value chain, from the laboratory to clinical use.
values:
  - name: Excellence
    description: We back research and products that meet international standards.
  - name: Openness
    description: Our member data, events and news are public and reusable by anyone.
goals:
  - Double the number of joint projects between members.
office:
  name: Benchmark Cluster management office
  address: Strada Exemplu 12, 700000 Iași, Romania
  email: office@cluster.example.org
  phone: "+40 232 555 0100"
entry_points:
  members:
    title: For members
    text: Member meetings, internal news, funding calls and the services of the office.
    page: for-members.md
  community:
    title: For experts and partners
    text: Find who does what in regional medical imaging, meet us at events, partner with us.
    page: for-partners.md
  public:
    title: For the region and careers
    text: What the cluster does for patients and the economy, and jobs with our members.
    page: for-public.md
featured: []
"""
ENTRY_PAGES = {"for-members.md": "For members", "for-partners.md": "For experts and partners", "for-public.md": "For the region and careers"}


def _write_home(root: Path) -> None:
    _write(root / "content" / "index.md", "# Benchmark Cluster\n\nResearch, industry and hospitals working together on medical imaging.\n")
    for name, title in ENTRY_PAGES.items():
        _write(root / "content" / name, f"# {title}\n\nWhat the cluster offers {title.lower()[4:]}.\n")


def opportunity_yaml(o: OpportunityData) -> str:
    lines = [
        "# yaml-language-server: $schema=../schemas/opportunity.schema.json",
        f"kind: {o.kind}",
        f"title: {q(o.title)}",
        f"summary: {q(o.summary)}",
        f"members: {flow(o.members)}",
        f"technologies: {flow(o.technologies)}",
        f"audience: {flow(o.audience)}",
        f"posted: {o.posted.isoformat()}",
    ]
    if o.kind == "job":
        lines += ["employment_type: [full-time]", f"place: {{city: {q(o.city)}, country: {q(o.country)}}}", f"valid_through: {o.closes.isoformat()}",
                  f"apply_url: https://jobs.cluster.example.org/{o.slug}"]
    elif o.kind == "call":
        funder, programme = o.extra.split("|")
        lines += [f"funder: {q(funder)}", f"programme: {q(programme)}", f"deadlines: [{o.closes.isoformat()}]", f"link: https://calls.example.org/{o.slug}"]
    else:
        lines += [f"cooperation: [{o.extra}]", f"expires: {o.closes.isoformat()}"]
    return "\n".join(lines) + "\n"


def write_ours(content: SiteContent, root: Path, *, newsletter_only: bool = False) -> None:
    """A clustersite site with every member, event and issue (or only the issues)."""
    _write(root / "mkdocs.yml", f"""\
site_name: Benchmark Cluster
site_url: https://cluster.example.org/
docs_dir: content
edit_uri: ""
{THEME}
plugins:
  - search
  - cluster:
      timezone: Europe/Bucharest
{MARKDOWN_EXTENSIONS}
nav:
  - Home: index.md
{"" if newsletter_only else "  - Members: members/index.md" + chr(10) + "  - Events: events/index.md" + chr(10) + "  - Opportunities: opportunities/index.md" + chr(10)}\
  - Newsletter: newsletter/index.md
""")
    _write(root / "cluster.yml", CLUSTER_YML)
    _write_home(root)
    (root / "members").mkdir(parents=True, exist_ok=True)
    (root / "events").mkdir(parents=True, exist_ok=True)
    # What is not public goes to the private folder, which the members' edition reads.
    private = root / "private"
    private.mkdir(parents=True, exist_ok=True)
    if not newsletter_only:
        for m in content.members:
            _write(root / "members" / f"{m.slug}.yml", member_yaml(m))
            _write(private / "members" / f"{m.slug}.yml", private_member_yaml(m))
            if m.logo:
                _write(root / "members" / m.logo, logo_svg(m))
        for e in content.events:
            _write((root if public(e.audience) else private) / "events" / f"{e.slug}.yml", event_yaml(e))
        for o in content.opportunities:
            _write((root if public(o.audience) else private) / "opportunities" / f"{o.slug}.yml", opportunity_yaml(o))
    for issue in content.issues:
        folder = (root if public(issue.audience) else private) / "content" / "newsletter"
        _write(folder / f"{issue.stem}.md", issue_markdown(issue, link_members=not newsletter_only))


def member_markdown(m: MemberData, content: SiteContent) -> str:
    """The member's page as someone would write it by hand in Markdown."""
    labels = DEFAULT_VOCABULARIES
    facts = [
        f"- **Technologies:** {', '.join(labels['technologies'][t] for t in m.technologies)}",
        f"- **Roles:** {', '.join(labels['roles'][t] for t in m.roles)}",
        f"- **Value chain:** {', '.join(labels['value_chain'][t] for t in m.value_chain)}",
        f"- **Location:** {m.city}, {m.region}, {m.country} · [map](https://www.openstreetmap.org/?mlat={m.lat}&mlon={m.lon})",
        f"- **Website:** [{m.website[8:]}]({m.website})",
        f"- **Member since:** {m.joined.strftime('%B %Y')}",
    ]
    contacts = [f"- **{c['name']}**{', ' + str(c['role']) if c['role'] else ''}: <{c['email']}>" for c in m.contacts if c["public"]]
    partners = [f"- [{content.member(s).name}]({s}.md)" for s in m.partners]
    logo = f"![{m.name} logo](../assets/logos/{m.slug}.svg){{ width=120 }}\n\n" if m.logo else ""
    parts = [f"# {m.name}\n", logo + f"*{ORGANISATION_TYPES[m.type]}* · {m.city}, {m.region} · {m.country}\n", m.summary + "\n",
             m.description + "\n", "\n".join(facts) + "\n"]
    if contacts:
        parts.append("## Contacts\n\n" + "\n".join(contacts) + "\n")
    if partners:
        parts.append("## Works with\n\n" + "\n".join(partners) + "\n")
    parts.append("[← All members](index.md)\n")
    return "\n".join(parts)


def event_markdown(e: EventData, content: SiteContent) -> str:
    organisers = ", ".join(f"[{content.member(s).name}](../members/{s}.md)" for s in e.organisers)
    when = e.start.replace("T", " ") + (f" – {e.end.replace('T', ' ')}" if e.end else "")
    where = f"[online]({e.online})" if e.type == "webinar" else f"{e.venue}, {e.city}, {e.country}"
    return f"# {e.title}\n\n**{when}** · {where}\n\n{e.summary}\n\nOrganised by {organisers}.\n"


def opportunity_markdown(o: OpportunityData, content: SiteContent) -> str:
    members = ", ".join(f"[{content.member(s).name}](../members/{s}.md)" for s in o.members) or "the cluster office"
    return f"# {o.title}\n\n*{o.kind}* · posted {o.posted.isoformat()} · until {o.closes.isoformat()}\n\n{o.summary}\n\nFrom {members}.\n"


def write_floor(content: SiteContent, root: Path, *, in_nav: bool = False) -> None:
    """Plain MkDocs + Material: one hand-written Markdown page per member and event, and the issues."""
    nav = ["  - Home: index.md", "  - Members:", "    - members/index.md"]
    if in_nav:
        nav += [f"    - {q(m.name)}: members/{m.slug}.md" for m in content.members]
    nav += ["  - Events: events/index.md", "  - Opportunities: opportunities/index.md", "  - Newsletter: newsletter/index.md"]
    _write(root / "mkdocs.yml", f"""\
site_name: Benchmark Cluster
site_url: https://cluster.example.org/
docs_dir: content
edit_uri: ""
{THEME}
plugins:
  - search
{MARKDOWN_EXTENSIONS}
not_in_nav: |
  /members/
  /map/
  /events/
  /opportunities/
  /newsletter/
  /for-*.md
  /connections/
  /value-chain/
  /figures/
nav:
{chr(10).join(nav)}
""")
    _write_home(root)
    _write_insights_floor(content, root)
    rows = "\n".join(f"| [{m.name}]({m.slug}.md) | {ORGANISATION_TYPES[m.type]} | {m.city}, {m.country} |" for m in content.members)
    _write(root / "content" / "members" / "index.md", f"# Members\n\n| Member | Type | Where |\n| --- | --- | --- |\n{rows}\n")
    # The map page's twin: without a drawing, the list of members by place that goes with it.
    by_place = "\n".join(f"- [{m.name}](../members/{m.slug}.md), {m.city}, {m.country}" for m in sorted(content.members, key=lambda m: (m.country, m.city, m.name)))
    _write(root / "content" / "map" / "index.md", f"# Map of members\n\n{by_place}\n")
    for m in content.members:
        _write(root / "content" / "members" / f"{m.slug}.md", member_markdown(m, content))
        if m.logo:
            _write(root / "content" / "assets" / "logos" / f"{m.slug}.svg", logo_svg(m))
    public_events = [e for e in content.events if public(e.audience)]
    events = "\n".join(f"- {e.start[:10]} [{e.title}]({e.slug}.md)" for e in sorted(public_events, key=lambda e: e.start, reverse=True))
    _write(root / "content" / "events" / "index.md", f"# Events\n\n{events}\n")
    for e in public_events:
        _write(root / "content" / "events" / f"{e.slug}.md", event_markdown(e, content))
    public_opportunities = [o for o in content.opportunities if public(o.audience)]
    listed = "\n".join(f"- {o.posted.isoformat()} [{o.title}]({o.slug}.md)" for o in sorted(public_opportunities, key=lambda o: o.posted, reverse=True))
    _write(root / "content" / "opportunities" / "index.md", f"# Opportunities\n\n{listed}\n")
    for o in public_opportunities:
        _write(root / "content" / "opportunities" / f"{o.slug}.md", opportunity_markdown(o, content))
    public_issues = [i for i in content.issues if public(i.audience)]
    issues = "\n".join(f"- {i.date.isoformat()} [{i.title}]({i.stem}.md)" for i in reversed(public_issues))
    _write(root / "content" / "newsletter" / "index.md", f"# Newsletter\n\n{issues}\n")
    for issue in public_issues:
        _write(root / "content" / "newsletter" / f"{issue.stem}.md", issue_markdown(issue))


def _write_insights_floor(content: SiteContent, root: Path) -> None:
    """The connections, value-chain and figures pages as hand-written Markdown tables (their counts, no drawing)."""
    pairs = sorted({tuple(sorted((m.slug, p))) for m in content.members for p in m.partners})
    types = {m.slug: ORGANISATION_TYPES[m.type] for m in content.members}
    across: dict[str, int] = {}
    for a, b in pairs:
        key = " ↔ ".join(sorted((types[a], types[b])))
        across[key] = across.get(key, 0) + 1
    rows = "\n".join(f"| {key} | {n} |" for key, n in sorted(across.items(), key=lambda item: -item[1]))
    _write(root / "content" / "connections" / "index.md", f"# Connections\n\n{len(pairs)} partnerships.\n\n| Between | Connections |\n| --- | --- |\n{rows}\n")
    cells: dict[tuple[str, str], int] = {}
    for m in content.members:
        for t in m.technologies:
            for stage in m.value_chain:
                cells[t, stage] = cells.get((t, stage), 0) + 1
    rows = "\n".join(f"| {t} | {stage} | [{n}](../members/index.md) |" for (t, stage), n in sorted(cells.items()))
    _write(root / "content" / "value-chain" / "index.md", f"# Value chain\n\n| Technology | Stage | Members |\n| --- | --- | --- |\n{rows}\n")
    by_type: dict[str, int] = {}
    for m in content.members:
        by_type[types[m.slug]] = by_type.get(types[m.slug], 0) + 1
    rows = "\n".join(f"| {kind} | {n} |" for kind, n in sorted(by_type.items()))
    _write(root / "content" / "figures" / "index.md", f"# The cluster in figures\n\n| Type | Members |\n| --- | --- |\n{rows}\n")


def write_blog(content: SiteContent, root: Path) -> None:
    """The newsletter archive with Material's blog plugin and mkdocs-rss-plugin."""
    _write(root / "mkdocs.yml", f"""\
site_name: Benchmark Cluster
site_url: https://cluster.example.org/
docs_dir: content
edit_uri: ""
{THEME}
plugins:
  - search
  - blog:
      blog_dir: newsletter
      post_url_format: "{{slug}}"
  - rss:
      match_path: newsletter/posts/.*
      use_git: false
      date_from_meta:
        as_creation: date
      abstract_chars_count: 300
      categories: [categories]
{MARKDOWN_EXTENSIONS}
nav:
  - Home: index.md
  - Newsletter: newsletter/index.md
""")
    _write(root / "content" / "index.md", "# Benchmark Cluster\n\nResearch, industry and hospitals working together on medical imaging.\n")
    _write(root / "content" / "newsletter" / "index.md", "# Newsletter\n")
    for issue in content.issues:
        if public(issue.audience):
            _write(root / "content" / "newsletter" / "posts" / f"{issue.stem}.md", issue_markdown(issue, blog=True))


def write_ours_newsletter(content: SiteContent, root: Path) -> None:
    write_ours(content, root, newsletter_only=True)


HUGO_BASEOF = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="{{ .Params.summary }}">
</head><body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "/members/" | relURL }}">Members</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """\
{{ define "main" }}<article>
{{ with .Params.logo }}<img src="{{ . | relURL }}" alt="logo" width="120" height="120">{{ end }}
<h1>{{ .Title }}</h1>
<p>{{ .Params.kind }} · {{ .Params.city }}, {{ .Params.region }} · {{ .Params.country }}</p>
<p>{{ .Params.summary }}</p>
{{ .Content }}
<dl>
<dt>Technologies</dt><dd>{{ delimit .Params.technologies ", " }}</dd>
<dt>Roles</dt><dd>{{ delimit .Params.roles ", " }}</dd>
<dt>Value chain</dt><dd>{{ delimit .Params.value_chain ", " }}</dd>
<dt>Website</dt><dd><a href="{{ .Params.website }}">{{ .Params.website }}</a></dd>
</dl>
{{ with .Params.contacts }}<h2>Contacts</h2><ul>{{ range . }}<li><strong>{{ .name }}</strong>{{ with .role }}, {{ . }}{{ end }}: <a href="mailto:{{ .email }}">{{ .email }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.partners }}<h2>Works with</h2><ul>{{ range . }}{{ with $.Site.GetPage (printf "/members/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
</article>{{ end }}
"""
HUGO_LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ .Params.kind }} · {{ .Params.city }}</li>{{ end }}
</ul>{{ end }}
"""


def write_hugo(content: SiteContent, root: Path) -> None:
    """The member pages as Hugo content, with a minimal layout of the same facts."""
    _write(root / "config.toml", textwrap.dedent("""\
        baseURL = "https://cluster.example.org/"
        title = "Benchmark Cluster"
        languageCode = "en"
        disableKinds = ["taxonomy", "term", "RSS"]
        [markup.goldmark.renderer]
        unsafe = false
        """))
    _write(root / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    _write(root / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    _write(root / "layouts" / "_default" / "list.html", HUGO_LIST)
    _write(root / "layouts" / "index.html", '{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ end }}\n')
    _write(root / "content" / "_index.md", "---\ntitle: Benchmark Cluster\n---\n")
    _write(root / "content" / "members" / "_index.md", "---\ntitle: Members\n---\n")
    labels = DEFAULT_VOCABULARIES
    for m in content.members:
        front = {
            "title": m.name,
            "summary": m.summary,
            "kind": ORGANISATION_TYPES[m.type],
            "city": m.city,
            "region": m.region,
            "country": m.country,
            "website": m.website,
            "technologies": [labels["technologies"][t] for t in m.technologies],
            "roles": [labels["roles"][t] for t in m.roles],
            "value_chain": [labels["value_chain"][t] for t in m.value_chain],
            "partners": m.partners,
            "contacts": [{k: v for k, v in c.items() if k != "public"} for c in m.contacts if c["public"]],
        }
        if m.logo:
            front["logo"] = f"/logos/{m.slug}.svg"
            _write(root / "static" / "logos" / f"{m.slug}.svg", logo_svg(m))
        # JSON front matter: Hugo reads it natively, and it needs no YAML writer here.
        _write(root / "content" / "members" / f"{m.slug}.md", json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + m.description + "\n")


WRITERS = {
    "ours": write_ours,
    "floor": write_floor,
    "floor-nav": lambda content, root: write_floor(content, root, in_nav=True),
    "blog": write_blog,
    "ours-newsletter": write_ours_newsletter,
    "hugo": write_hugo,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the site into (must not exist)")
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--kind", choices=sorted(WRITERS), default="ours")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists")
    WRITERS[args.kind](generate_data(args.members, args.seed), args.out)
    print(f"wrote a {args.kind} site with {args.members} members to {args.out}")


if __name__ == "__main__":
    main()
