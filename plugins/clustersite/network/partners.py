"""The `network:` option: the partner clusters whose member exports the site shows."""

from __future__ import annotations

from pydantic import Field

from ..models.fields import DataModel, Slug, Title, WebUrl


class Partner(DataModel):
    """One partner cluster: its file name in network/, its name, its site and its export's address."""

    slug: Slug = Field(description="The partner's file name: network/<slug>.json, e.g. bioregion-lower-saxony")
    name: Title = Field(description="The partner cluster's name, as the Network page shows it")
    site: WebUrl = Field(description="The partner cluster's site")
    export: WebUrl = Field(description="The address of its members export, e.g. https://cluster.example.org/members/members.json")
