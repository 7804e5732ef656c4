"""Small sites made on the fly, so each test states exactly the data it is about."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from clustersite.schema import write_schemas
from clustersite.vocabularies import merge_vocabularies

MKDOCS_YML = """\
site_name: Test Cluster
site_url: https://cluster.example.org/
docs_dir: content
theme:
  name: material
plugins:
  - search
  - cluster:
      timezone: Europe/Bucharest
      members_site_url: https://members.cluster.example.org/
nav:
  - Home: index.md
  - Members: members/index.md
"""

CLUSTER_YML = """\
name: Test Cluster
region: North-East Romania
country: RO
mission: Connect research, industry and hospitals in medical imaging.
focus: Medical imaging along the whole value chain.
office:
  name: Cluster office
  email: office@cluster.example.org
entry_points:
  members:
    title: For members
    text: What your membership brings.
    page: for-members.md
  community:
    title: For experts and partners
    text: Find partners and expertise.
    page: for-partners.md
  public:
    title: For the region
    text: Jobs, careers and what we do.
    page: for-public.md
"""

MEMBER = """\
name: {name}
type: sme
summary: Imaging software for hospitals.
country: RO
"""


@dataclass
class Site:
    root: Path

    @classmethod
    def create(cls, root: Path, mkdocs_yml: str = MKDOCS_YML) -> Site:
        (root / "content").mkdir(parents=True)
        (root / "members").mkdir()
        (root / "events").mkdir()
        (root / "private").mkdir()  # the private folder (private_dir's default), empty: the members' edition needs it
        (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        (root / "content" / "index.md").write_text("# Test Cluster\n", encoding="utf-8")
        (root / "cluster.yml").write_text(CLUSTER_YML, encoding="utf-8")
        write_schemas(root / "schemas", merge_vocabularies({}))
        for page, group in (("for-members.md", "members"), ("for-partners.md", "community"), ("for-public.md", "public")):
            (root / "content" / page).write_text(f"---\nlanding: {group}\n---\n# {page[:-3]}\n", encoding="utf-8")
        return cls(root)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def member(self, slug: str, text: str | None = None, *, name: str | None = None) -> Path:
        return self.write(f"members/{slug}.yml", text if text is not None else MEMBER.format(name=name or slug.title()))

    @property
    def out(self) -> Path:
        return self.root / "site"

    def output_text(self) -> dict[str, str]:
        """Every text file of the build output by relative path."""
        texts = {}
        for path in sorted(self.out.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".json", ".xml", ".txt", ".ics", ".js", ".css", ".svg"}:
                texts[path.relative_to(self.out).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        return texts
