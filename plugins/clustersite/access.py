"""The allow-list for a login in front of the members' edition: the member organisations' e-mail domains.

A static host's login (for example Cloudflare Access with a one-time PIN sent by e-mail)
lets in whoever receives mail at an allowed domain. A domain is allowed only when it is the
member's own: the host of its `website`, or a sub- or parent domain of it. A contact's
address at a mail provider (gmail.com…) would let in everyone with an account there, so it
is left out, and reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .sitedata import SiteData


@dataclass
class AllowList:
    domains: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """`domain (where: why)` for every address that was not allowed."""

    def cloudflare(self) -> str:
        """The `include` rules of a Cloudflare Access policy, as its API and Terraform take them."""
        return json.dumps({"include": [{"email_domain": {"domain": domain}} for domain in self.domains]}, indent=2) + "\n"

    def lines(self) -> str:
        return "".join(f"{domain}\n" for domain in self.domains)


def _related(domain: str, host: str) -> bool:
    return bool(host) and (domain == host or domain.endswith("." + host) or host.endswith("." + domain))


def allow_list(data: SiteData) -> AllowList:
    """Every member's own e-mail domains (members' edition data: all contacts), and the office's."""
    allowed: set[str] = set()
    left_out: set[str] = set()
    for record in data.members.values():
        member = record.member
        host = (urlsplit(str(member.website)).hostname or "").removeprefix("www.") if member.website else ""
        for contact in member.contacts:
            if not contact.email:
                continue
            domain = str(contact.email).rsplit("@", 1)[-1].lower()
            if _related(domain, host.lower()):
                allowed.add(domain)
            else:
                reason = f"not the domain of its website {host}" if host else "the member has no website to compare it with"
                left_out.add(f"{domain} ({record.source}: {reason})")
    office = data.profile.office.email if data.profile and data.profile.office.email else None
    if office:
        allowed.add(str(office).rsplit("@", 1)[-1].lower())
    return AllowList(sorted(allowed), sorted(left_out))
