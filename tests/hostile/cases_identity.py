"""Hostile and broken input in cluster.yml's identity: colours that fail contrast, images that are not safe."""

from __future__ import annotations

from sitefactory import CLUSTER_YML

from .cases import SVG, Case


def profile(id: str, lines: str, *extra: tuple[str, str | bytes]) -> Case:
    return Case(f"profile-{id}", "cluster.yml", CLUSTER_YML + lines, tuple(extra))


CASES = [
    profile("accent-low-contrast", 'colours:\n  accent: "#00bfa5"\n'),
    profile("accent-white", 'colours:\n  primary: "#283593"\n  accent: "#ffffff"\n'),
    profile("colour-name", "colours:\n  primary: indigo\n"),
    profile("colour-css-injection", 'colours:\n  primary: "#000000; } body { display: none"\n'),
    profile("colour-unknown-key", 'colours:\n  secondary: "#283593"\n'),
    profile("logo-outside", "logo: ../../etc/passwd.svg\n"),
    profile("logo-missing", "logo: brand/logo.svg\n"),
    profile("logo-svg-script", "logo: brand/logo.svg\n", ("brand/logo.svg", SVG.format("<script>alert(1)</script>"))),
    profile("logo-not-an-image", "logo: brand/logo.png\n", ("brand/logo.png", b"<html>not a png</html>")),
    profile("favicon-gif", "favicon: brand/icon.gif\n", ("brand/icon.gif", b"GIF89a")),
    profile("hero-svg", "hero_image: brand/hero.svg\n", ("brand/hero.svg", SVG.format("<rect width='10' height='10'/>"))),
]
