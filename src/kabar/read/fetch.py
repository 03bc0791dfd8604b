"""The one place kabar touches the network: `fetch_url`. Pass another `Fetcher` to `ingest` to replace it
(tests serve pages from 127.0.0.1; nothing else in kabar opens a connection)."""

from __future__ import annotations

import urllib.error
import urllib.request

from kabar.errors import FetchError
from kabar.read.raw import DEFAULT_MAX_BYTES, FetchResult

USER_AGENT = "kabar/0.1 (+https://github.com/kabar-news/kabar)"
TIMEOUT_SECONDS = 20


def fetch_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> FetchResult:
    """GET `url`; raises FetchError with the reason (status, timeout, size) on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(max_bytes + 1)
            status = response.status
            content_type = response.headers.get("Content-Type", "")
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchError("http-status", f"HTTP {exc.code} for {url}") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise FetchError("fetch-failed", f"{url}: {getattr(exc, 'reason', exc)}") from exc
    if len(body) > max_bytes:
        raise FetchError("too-large", f"{url} is larger than {max_bytes} bytes")
    return FetchResult(final, status, content_type, body)
