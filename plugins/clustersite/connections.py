"""The partnerships between members, as a graph: its connections, their figures and its drawing.

The drawing is laid out by the plugin's own deterministic algorithm, not by a force
simulation: members sit on a circle, grouped by organisation type and ordered by name
within each group, and each connection is a curve through the circle's inside. Every
coordinate is computed from the sorted data by arithmetic alone and rounded to a tenth, so
a rebuild writes the same bytes on any machine (a seeded spring layout depends on the
floating-point library and numpy's version, and costs O(n²) per iteration); grouping by type
shows at a glance which kinds of organisation work together, the figure the office reports.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .sources.members import MemberRecord
from .vocabularies import ORGANISATION_TYPES

GRAPH_LIMIT = 250
"""Connected members the graph draws one by one. Beyond it, the page draws the connections
between organisation types instead: a circle of thousands of members is a grey disc no one can
read or reach by keyboard, and its SVG alone would exceed the page's transfer budget. The tables
and every member page's own network still show each member."""

SIZE = 1000
"""The drawing's viewBox is SIZE × SIZE, the circle in its middle, room for the labels around it."""


@dataclass(frozen=True)
class Connection:
    """A partnership between two members (a before b in slug order), named by either side."""

    a: str
    b: str
    since: int | None


def connections(members: Mapping[str, MemberRecord]) -> list[Connection]:
    """Every connection once, in slug order (each record's partners are already both ways)."""
    return [
        Connection(slug, partner, record.since.get(partner))
        for slug, record in sorted(members.items())
        for partner in record.partners
        if slug < partner and partner in members
    ]


def type_pair(members: Mapping[str, MemberRecord], connection: Connection) -> tuple[str, str]:
    """The two members' types, in the vocabulary's order, so company↔hospital and hospital↔company count as one."""
    order = list(ORGANISATION_TYPES)
    first, second = members[connection.a].member.type, members[connection.b].member.type
    return (first, second) if order.index(first) <= order.index(second) else (second, first)


def across_types(members: Mapping[str, MemberRecord], links: list[Connection]) -> list[tuple[str, str, int]]:
    """(type, type, count) of the connections, most first, then in the vocabulary's order."""
    order = list(ORGANISATION_TYPES)
    counts = Counter(type_pair(members, link) for link in links)
    return sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda item: (-item[2], order.index(item[0]), order.index(item[1])))


def unconnected(members: Mapping[str, MemberRecord]) -> list[MemberRecord]:
    """Members no partnership names yet: whom the office should introduce next."""
    return [record for record in members.values() if not record.partners]


@dataclass(frozen=True)
class Node:
    """A point of the drawing: a member (or, aggregated, an organisation type)."""

    key: str
    label: str
    type: str
    url: str
    x: float
    y: float
    label_x: float
    label_y: float
    angle: float
    """The label's rotation in degrees, so that it reads outwards from the circle."""
    anchor: str
    partners: tuple[str, ...]
    size: float


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    path: str
    weight: float


@dataclass(frozen=True)
class Drawing:
    nodes: list[Node]
    edges: list[Edge]
    aggregated: bool


def _r(value: float) -> float:
    """Rounded to a tenth, and never "-0.0": the same bytes on every machine."""
    rounded = round(value, 1)
    return 0.0 if rounded == 0 else rounded


def circle(items: Sequence[tuple[str, str, str, str, tuple[str, ...], float]], weights: Mapping[tuple[str, str], float], aggregated: bool) -> Drawing:
    """Lay `items` (key, label, type, url, partners, size) out on a circle, in the order given."""
    centre, radius = SIZE / 2, SIZE * 0.27
    nodes: list[Node] = []
    position: dict[str, tuple[float, float]] = {}
    count = max(len(items), 1)
    for index, (key, label, kind, url, partners, size) in enumerate(items):
        theta = 2 * math.pi * index / count - math.pi / 2
        x, y = centre + radius * math.cos(theta), centre + radius * math.sin(theta)
        lx, ly = centre + (radius + size + 8) * math.cos(theta), centre + (radius + size + 8) * math.sin(theta)
        degrees = math.degrees(theta)
        left = math.cos(theta) < -1e-9
        nodes.append(Node(key, label, kind, url, _r(x), _r(y), _r(lx), _r(ly), _r(degrees + 180 if left else degrees), "end" if left else "start", partners, size))
        position[key] = (x, y)
    edges = []
    for (a, b), weight in sorted(weights.items()):
        (x1, y1), (x2, y2) = position[a], position[b]
        # The curve bends towards the centre: a straight chord would run over other members.
        cx, cy = centre + 0.25 * ((x1 + x2) / 2 - centre), centre + 0.25 * ((y1 + y2) / 2 - centre)
        if a == b:  # connections within one type, aggregated: a loop outside the circle
            ox, oy = centre + 1.25 * (x1 - centre), centre + 1.25 * (y1 - centre)
            path = f"M{_r(x1)} {_r(y1)}C{_r(ox + (y1 - centre) * 0.3)} {_r(oy - (x1 - centre) * 0.3)} {_r(ox - (y1 - centre) * 0.3)} {_r(oy + (x1 - centre) * 0.3)} {_r(x1)} {_r(y1)}"
        else:
            path = f"M{_r(x1)} {_r(y1)}Q{_r(cx)} {_r(cy)} {_r(x2)} {_r(y2)}"
        edges.append(Edge(a, b, path, weight))
    return Drawing(nodes, edges, aggregated)


def member_drawing(members: Mapping[str, MemberRecord], links: list[Connection]) -> Drawing:
    """The graph of the connected members, grouped by type; aggregated by type beyond GRAPH_LIMIT."""
    order = list(ORGANISATION_TYPES)
    connected = [record for record in members.values() if record.partners]
    if len(connected) > GRAPH_LIMIT:
        return type_drawing(members, links)
    connected.sort(key=lambda r: (order.index(r.member.type), r.member.name.casefold(), r.slug))
    items = [(r.slug, r.member.name, r.member.type, r.url, tuple(r.partners), 5.0) for r in connected]
    return circle(items, {(link.a, link.b): 1.0 for link in links}, aggregated=False)


def type_drawing(members: Mapping[str, MemberRecord], links: list[Connection]) -> Drawing:
    """One point per organisation type, sized by its members, with the connections between types."""
    counts: Counter[str] = Counter(record.member.type for record in members.values())
    pairs = {(a, b): n for a, b, n in across_types(members, links)}
    partners: dict[str, set[str]] = {kind: set() for kind in counts}
    for a, b in pairs:
        if a != b:
            partners[a].add(b)
            partners[b].add(a)
    kinds = [kind for kind in ORGANISATION_TYPES if kind in counts]
    most = max(counts.values(), default=1)
    items = [(kind, kind, kind, f"members/?type={kind}", tuple(sorted(partners[kind])), round(6 + 24 * math.sqrt(counts[kind] / most), 1)) for kind in kinds]
    heaviest = max(pairs.values(), default=1)
    return circle(items, {pair: round(1 + 11 * n / heaviest, 1) for pair, n in pairs.items()}, aggregated=True)


def ego_drawing(record: MemberRecord, members: Mapping[str, MemberRecord]) -> Drawing:
    """A member's own small network: the member in the middle, its partners around it."""
    centre = SIZE / 2
    partners = sorted((members[slug] for slug in record.partners if slug in members), key=lambda r: (r.member.name.casefold(), r.slug))
    middle = Node(record.slug, record.member.name, record.member.type, record.url, centre, centre, centre, _r(centre + 40), 0.0, "middle", tuple(record.partners), 14.0)
    ring = circle([(r.slug, r.member.name, r.member.type, r.url, (record.slug,), 9.0) for r in partners], {}, aggregated=False)
    nodes = [middle, *ring.nodes]
    edges = [Edge(record.slug, node.key, f"M{centre} {centre}L{node.x} {node.y}", 1.0) for node in ring.nodes]
    return Drawing(nodes, edges, aggregated=False)
