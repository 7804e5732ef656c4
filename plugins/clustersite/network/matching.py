"""Organisations that are members of several clusters, recognised by ROR, LEI, VAT or website domain.

Names are not compared: two clusters spell a name differently, and two organisations may share
one. An identifier from an open registry, or the host name of the website (without `www.`), is
what the organisation itself publishes about who it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from ..opendata.models import Member
from ..sources.network import PartnerCluster


class HasIdentifiers(Protocol):
    ror: str | None
    lei: str | None
    vat: str | None


def identity_keys(identifiers: HasIdentifiers | None, website: str | None) -> set[tuple[str, str]]:
    """What recognises an organisation across clusters: ("ror", "05qwgg493"), ("domain", "acme.example")…"""
    keys = set()
    if identifiers is not None:
        keys |= {(kind, value.upper() if kind != "ror" else value.lower()) for kind in ("ror", "lei", "vat") if (value := getattr(identifiers, kind))}
    host = (urlsplit(website).hostname or "").lower().rstrip(".") if website else ""
    if host:
        keys.add(("domain", host.removeprefix("www.")))
    return keys


@dataclass(frozen=True)
class Membership:
    """An organisation's membership in a partner cluster: the cluster and its page there."""

    cluster: PartnerCluster
    member: Member


def memberships(identifiers: HasIdentifiers | None, website: str | None, network: Iterable[PartnerCluster]) -> list[Membership]:
    """The partner clusters of which the organisation is a member too, in the network option's order."""
    keys = identity_keys(identifiers, website)
    found = []
    for cluster in network:
        if cluster.export is None or not keys:
            continue
        match = next((member for member in cluster.export.members if keys & identity_keys(member.identifiers, member.website)), None)
        if match is not None:
            found.append(Membership(cluster, match))
    return found
