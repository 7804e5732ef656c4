"""Unguessable addresses for the members' edition's feeds and calendars.

The members' edition sits behind a login, but a feed reader or a calendar application
cannot log in. So, when the office gives a secret in the CLUSTERSITE_FEED_SECRET
environment variable (a CI secret, never a file in a repository), the members' edition
writes its feeds and calendars below `feeds/<token>/`, where the token is derived from the
secret: the host's access control lets that folder through without a login, and only people
who were shown the address (members, on the members' pages) can find it. Changing the secret
moves every address, which is how the office revokes access after an address has leaked.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

SECRET_VARIABLE = "CLUSTERSITE_FEED_SECRET"  # noqa: S105  (the name of the variable, not a secret)
MIN_SECRET_LENGTH = 16


class FeedSecretError(ValueError):
    """The secret is too short to hide anything."""


def feed_prefix(edition: str, environ: Mapping[str, str]) -> str:
    """`feeds/<token>/` for the members' edition with a secret; '' otherwise (the public edition never uses one)."""
    if edition != "members":
        return ""
    secret = environ.get(SECRET_VARIABLE, "")
    if not secret:
        return ""
    if len(secret) < MIN_SECRET_LENGTH:
        raise FeedSecretError(
            f"{SECRET_VARIABLE}: is {len(secret)} characters long, at least {MIN_SECRET_LENGTH} needed "
            "(make one with `python3 -c \"import secrets; print(secrets.token_urlsafe(32))\"` and keep it as a CI secret)"
        )
    token = hmac.new(secret.encode("utf-8"), b"clustersite: the members' edition's feeds", hashlib.sha256).hexdigest()[:32]
    return f"feeds/{token}/"
