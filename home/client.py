"""The visitor's own network address, which nobody can choose by sending a header.

Directly on the internet (``TRUSTED_PROXY_COUNT=0``) it is the connection's address and
``X-Forwarded-For`` is ignored: otherwise a password guesser could name a new address
on every try. Behind N trusted proxies, each appends the address it received the request
from, so the visitor's is the N-th entry from the right; whatever the client wrote
further left is not believed. The lock-out (django-axes) and the download counter use it.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
