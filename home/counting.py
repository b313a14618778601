"""Counting what people do (downloads, visits) honestly and without personal data.

COUNTER's rules: robots are not counted (a list of user-agent patterns after the COUNTER
robots list), nor the second click on the same thing by the same client within 30 s. The
window is kept in the cache under a salted hash that changes daily and identifies nobody.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from home.client import client_address

ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|curl|wget|python-|java/|libwww|httpclient|go-http|"
    r"headless|lighthouse|pingdom|monitor|scanner|preview|facebookexternalhit|feedfetcher",
    re.IGNORECASE,
)
DOUBLE_CLICK_SECONDS = 30


def is_robot(request):
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(ROBOTS.search(agent))


def first_request_in_window(request, what, seconds=DOUBLE_CLICK_SECONDS, kind="download"):
    """True once per client and ``what`` (a string naming the thing) every ``seconds``."""
    # The reader's own address behind the proxy (TRUSTED_PROXY_COUNT, as for the lock-out).
    address = client_address(request)
    client = f"{address}|{request.headers.get('User-Agent', '')}"
    salt = f"{settings.SECRET_KEY}|{timezone.localdate().isoformat()}"
    digest = hashlib.sha256(f"{salt}|{client}|{what}".encode()).hexdigest()
    return cache.add(f"{kind}:{digest}", 1, seconds)


def countable(request, what, **window):
    """Should this request be counted: not a robot, not a double click."""
    return not is_robot(request) and first_request_in_window(request, what, **window)
