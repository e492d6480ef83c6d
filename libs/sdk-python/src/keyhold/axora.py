"""The Axora single-URL authentication: building its URL with the contract's encoding rule.

The server splits the part after /app/auth/ on literal `+` first, then percent-decodes each part,
so every part is percent-encoded whole: each byte but A-Z a-z 0-9 - _ . ~ becomes %XX (a `+` in a
password travels as %2B, a `/` as %2F, a space as %20, UTF-8 bytes escaped).
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import quote


def encode_part(value: str) -> str:
    return quote(value, safe="", encoding="utf-8")


def axora_url(base_url: str, endpoint: str, username: str, password: str, version: str, hwid: Optional[str] = None) -> str:
    """`<base>/app/auth/<endpoint>+<username>+<password>+<version>[+<hwid>]`, each part encoded.

    Leave out `hwid` unless the app restricts login access to one device per user (then it is
    required).
    """
    parts = [endpoint, username, password, version] + ([hwid] if hwid is not None else [])
    if any(p == "" for p in parts):
        raise ValueError("Axora URL parts cannot be empty")
    return f"{base_url.rstrip('/')}/app/auth/" + "+".join(encode_part(p) for p in parts)
