"""Addresses people can reach: this machine's LAN addresses and the public URL of the app.

A facilitator usually opens the board on the server laptop itself, at 127.0.0.1, and that
address is useless to participants. The join address shown is therefore, in order: the
configured PUBLIC_URL, else a LAN address of this machine when the request came in on
loopback and the server listens on all interfaces, else the address the request came to.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket

from flask import current_app, request, url_for

WILDCARDS = ("0.0.0.0", "::", "")


def _usable(address: str) -> bool:
    """True for an address another device could use to reach this one."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other devices on its networks can use (no loopback)."""
    found: list[str] = []
    try:
        import psutil  # exact per-interface list where available

        for addresses in psutil.net_if_addrs().values():
            found += [a.address for a in addresses if a.family == socket.AF_INET]
    except Exception:  # no psutil, or a platform it cannot read: ask the resolver instead
        with contextlib.suppress(OSError):
            found += [info[4][0] for info in socket.getaddrinfo(
                socket.gethostname(), None, socket.AF_INET)]
    unique = list(dict.fromkeys(a for a in found if _usable(a)))
    # Private-range addresses first: the room's Wi-Fi is the usual way in.
    return sorted(unique, key=lambda a: not ipaddress.ip_address(a).is_private)


def server_urls(host: str, port: int) -> list[str]:
    """The URLs to print when the server starts listening on `host`:`port`."""
    if host in WILDCARDS:
        return [f"http://{a}:{port}/" for a in lan_addresses()]
    shown = f"[{host}]" if ":" in host else host
    return [f"http://{shown}:{port}/"]


def _is_loopback(hostname: str) -> bool:
    """True for localhost, 127.x.x.x and ::1."""
    name = hostname.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def public_base() -> tuple[str, bool]:
    """(base URL participants should use, whether other devices can reach it)."""
    configured = (current_app.config.get("PUBLIC_URL") or "").strip().rstrip("/")
    if configured:
        return configured, True
    host = request.host
    hostname = host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]
    if _is_loopback(hostname):
        lan = current_app.config.get("LAN_URLS") or []
        if lan:
            return str(lan[0]).rstrip("/"), True
        return request.host_url.rstrip("/"), False
    return request.host_url.rstrip("/"), True


def external_url(endpoint: str, **values: object) -> str:
    """An absolute URL for `endpoint` on the address participants can reach."""
    base, _reachable = public_base()
    return base + url_for(endpoint, **values)


__all__ = ["external_url", "lan_addresses", "public_base", "server_urls"]
