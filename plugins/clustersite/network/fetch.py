"""Downloading a partner's export: http(s) only, with a size limit while streaming and timeouts.

Never called by the build (which stays offline): only by `clustersite network pull`.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from .exports import MAX_BYTES, ExportRefused

TIMEOUT = 20.0
"""Seconds for the whole download, and for each wait on the network."""

CHUNK = 65536


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address (urllib would also follow ftp://)."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise ExportRefused("", f"redirects to {newurl[:80]}, which is not an http(s) address", "ask the partner cluster for the export's https address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, limit: int = MAX_BYTES, timeout: float = TIMEOUT) -> bytes:
    """The bytes at `url`; ExportRefused when it is not http(s), too large, too slow or fails."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ExportRefused("", f"{url[:80]} is not an http(s) address", "write the export's address as https://…")
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "clustersite network pull"})  # noqa: S310 (scheme checked above)
    deadline = time.monotonic() + timeout
    too_large = ExportRefused("", f"is larger than {limit // 1_000_000} MB", "a members export is far smaller: ask the partner cluster what its address serves")
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise too_large
            received = bytearray()
            while chunk := response.read(CHUNK):
                received += chunk
                if len(received) > limit:
                    raise too_large
                if time.monotonic() > deadline:
                    raise ExportRefused("", f"took longer than {timeout:.0f} seconds", "try again later, or ask the partner cluster whether its site is up")
            return bytes(received)
    except urllib.error.HTTPError as error:
        raise ExportRefused("", f"the server answered {error.code} {error.reason}", "check the export's address in the network option") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ExportRefused("", f"could not be fetched ({str(reason)[:120]})", "check the address and the network connection, then pull again") from None
