"""The `cluster` plugin's options, as they are written under `plugins:` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .i18n import shipped_languages
from .opendata.licences import DEFAULT_LICENCE, LICENCES
from .parallel import available_cores


class Languages(c.ListOfItems[str]):
    """Language codes the plugin has a catalogue for, the default first, each once.

    Checked when MkDocs loads mkdocs.yml, so `clustersite check` refuses what the build refuses.
    """

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: Any) -> list[str]:
        codes = super().run_validation(value)
        shipped = shipped_languages()
        for code in codes:
            if code not in shipped:
                raise ValidationError(f"{code!r} has no catalogue in clustersite (choose from {', '.join(shipped)}, or add one: see README.md, 'Adding a language')")
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise ValidationError(f"{repeated[0]!r} is listed twice (list each language once, the default first)")
        return codes


class Processes(c.BaseConfigOption[int]):
    """A number of processes: a whole number, 1 or more (a bool is not one, though Python says it is an int)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = available_cores()

    def run_validation(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"expected a whole number of processes, 1 or more, not {value!r}")
        return value


class ClusterConfig(Config):
    """Options of the cluster plugin. Paths are relative to the folder of mkdocs.yml."""

    profile = c.Type(str, default="cluster.yml")
    """The cluster's own profile: name, mission, values, office contact."""

    members_dir = c.Type(str, default="members")
    """One YAML file per member: `<slug>.yml`; logos below it."""

    events_dir = c.Type(str, default="events")
    """One YAML file per event: `<slug>.yml`."""

    opportunities_dir = c.Type(str, default="opportunities")
    """One YAML file per opportunity (job, funding call, cooperation offer or request): `<slug>.yml`."""

    newsletter_dir = c.Type(str, default="newsletter")
    """Newsletter issues, as Markdown files inside docs_dir."""

    trusted_dirs = c.ListOfItems(c.Type(str), default=[])
    """Folders (or single pages) of docs_dir whose pages the office alone writes: their HTML is not
    sanitised and they may set `template:`. Empty by default: every page arrives in a pull request
    and is untrusted."""

    schema_dir = c.Type(str, default="schemas")
    """Where `clustersite schema` writes the JSON Schemas editors' tools read."""

    vocabularies = c.Type(dict, default={})
    """Extra terms per vocabulary (roles, technologies, value_chain): `{term: label}`."""

    timezone = c.Type(str, default="UTC")
    """IANA time zone of event times written without an offset, e.g. Europe/Bucharest."""

    edition = c.Choice(("public", "members"), default="public")
    """`public` (the default) or `members`: the members' edition adds member-only content."""

    private_dir = c.Type(str, default="private")
    """The private folder (a checkout of the office's private repository): members-only and
    office-internal data, mirroring the public layout (`members/<slug>.yml` overlays, `events/`,
    `content/` with `content/newsletter/`). Only the members' edition reads it."""

    members_site_dir = c.Type(str, default="site-members")
    """Where the members' edition is written, so it never overwrites the public site."""

    members_site_url = c.Optional(c.URL(is_dir=True))
    """Where the members' edition is hosted, behind access control: its feeds, calendars,
    e-mails and sitemap link there. Feed IDs and calendar UIDs keep site_url's host."""

    raw_files = c.ListOfItems(c.Type(str), default=[])
    """Globs of files in docs_dir (e.g. `embeds/*.html`) the site vouches for: published as they
    are. Every other HTML, JavaScript, XML or similar file in docs_dir is refused, and every
    other SVG must pass the logo check, since any of them runs on the site's domain."""

    languages = c.Optional(Languages())
    """The site's languages, the default first, e.g. `[en, ro]`. Without it, theme.language
    (else English). The default language is published at the site's root, each other one
    below `/<code>/`, by one whole build per language (see languages.py); in each build the
    plugin's words, country names, dates and theme.language are that build's language.
    Shipped: see `i18n.shipped_languages()`."""

    build_date = c.Optional(c.Type((str, dt.date)))
    """Pin "today" (YYYY-MM-DD, quoted or not) for upcoming events; else SOURCE_DATE_EPOCH, else the clock."""

    licence = c.Choice(tuple(LICENCES), default=DEFAULT_LICENCE)
    """The licence of the open-data exports, by SPDX identifier (CC-BY-4.0 by default): written
    into every export and the DCAT-AP catalogue, with its address."""

    export_contacts = c.Type(bool, default=False)
    """Whether the members export carries the contacts who agreed to be listed publicly. Off by
    default: consent to be shown on the site is not consent to be copied into other sites."""

    network = c.ListOfItems(c.Type(dict), default=[])
    """Partner clusters: `{slug, name, site, export}` each. `clustersite network pull` fetches their
    member exports into network_dir; the build shows them on the Network page, offline."""

    network_dir = c.Type(str, default="network")
    """Where `clustersite network pull` writes the partners' exports: `<slug>.json` each."""

    concurrency = Processes()
    """How many processes render the member, event and opportunity pages in `mkdocs build`: by
    default one per core the build may use (the build's own and forked copies of it, on Linux);
    1 renders every page in the build's own process. The site is the same either way. Serve
    mode renders in its own process."""
