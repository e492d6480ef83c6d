"""Offline licenses: a compact JWS (RFC 7515, EdDSA of RFC 8037) checked with no network, and stored.

The server hands one out at POST /v1/client/offline. Its header is
{"alg": "EdDSA", "kid": "key_...", "typ": "keyhold-license+jwt"}; its claims iss (the app's id),
sub, hwid, subscription, licenseExpiresAt, iat, nbf, exp and jti.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Union

from .errors import OfflineLicenseError
from .signatures import PinnedKeys, b64url_decode, verify_ed25519

LICENSE_TYPE = "keyhold-license+jwt"
DEFAULT_CLOCK_SKEW = 60


@dataclass(frozen=True)
class OfflineLicense:
    """A verified offline license's claims."""

    iss: str
    sub: str
    hwid: Optional[str]
    subscription: Optional[str]
    license_expires_at: Optional[str]
    iat: int
    nbf: int
    exp: int
    jti: str
    #: The JWS itself, as stored.
    token: str


def _json_part(part: str) -> Dict[str, Any]:
    try:
        value = json.loads(b64url_decode(part))
    except (ValueError, TypeError):
        raise OfflineLicenseError("malformed", "Not a compact JWS") from None
    if not isinstance(value, dict):
        raise OfflineLicenseError("malformed", "Not a compact JWS")
    return value


def _is_int(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def verify_offline_license(
    jws: str,
    keys: Union[PinnedKeys, Mapping, str],
    hwid: Optional[str],
    app_id: Optional[str] = None,
    now: Optional[float] = None,
    clock_skew: int = DEFAULT_CLOCK_SKEW,
) -> OfflineLicense:
    """Checks an offline license with no network, or raises OfflineLicenseError.

    Signed (EdDSA) by a key of the pinned JWK Set, of type keyhold-license+jwt, issued for `app_id`
    (when given), within nbf..exp by the local clock (with `clock_skew` seconds), and bound to this
    `hwid` if bound at all (an unbound license, hwid null, is good on any machine). The local clock
    is the user's: an offline license is as strong as it is.
    """
    pinned = keys if isinstance(keys, PinnedKeys) else PinnedKeys(keys)
    parts = jws.strip().split(".") if isinstance(jws, str) else []
    if len(parts) != 3 or not all(parts):
        raise OfflineLicenseError("malformed", "Not a compact JWS")
    header = _json_part(parts[0])
    if header.get("typ") != LICENSE_TYPE:
        raise OfflineLicenseError("wrong-type", f"typ is {header.get('typ')}, not {LICENSE_TYPE}")
    if header.get("alg") != "EdDSA":
        raise OfflineLicenseError("wrong-algorithm", f"alg is {header.get('alg')}, not EdDSA")
    kid = header.get("kid")
    key = pinned.get(kid) if isinstance(kid, str) else None
    if key is None:
        raise OfflineLicenseError("unknown-key", f"Signed with key {kid}, which is not pinned")
    try:
        signature = b64url_decode(parts[2])
    except ValueError:
        raise OfflineLicenseError("malformed", "Not a compact JWS") from None
    if len(signature) != 64 or not verify_ed25519(key, signature, f"{parts[0]}.{parts[1]}"):
        raise OfflineLicenseError("bad-signature", "The signature does not verify")

    c = _json_part(parts[1])
    strings = ("iss", "sub", "jti")
    nullable = ("hwid", "subscription", "licenseExpiresAt")
    numbers = ("iat", "nbf", "exp")
    if (
        not all(isinstance(c.get(k), str) for k in strings)
        or not all(k in c and (c[k] is None or isinstance(c[k], str)) for k in nullable)
        or not all(_is_int(c.get(k)) for k in numbers)
    ):
        raise OfflineLicenseError("malformed", "The license lacks claims or has claims of the wrong type")
    clock = time.time() if now is None else now
    if clock > c["exp"] + clock_skew:
        raise OfflineLicenseError("expired", "The offline license has expired")
    if clock < c["nbf"] - clock_skew:
        raise OfflineLicenseError("not-yet-valid", "The offline license is not valid yet")
    if app_id is not None and c["iss"] != app_id:
        raise OfflineLicenseError("wrong-app", f"The license was issued for {c['iss']}, not {app_id}")
    if c["hwid"] is not None and c["hwid"] != hwid:
        raise OfflineLicenseError("hwid-mismatch", "The license is bound to another hardware id")
    return OfflineLicense(
        iss=c["iss"],
        sub=c["sub"],
        hwid=c["hwid"],
        subscription=c["subscription"],
        license_expires_at=c["licenseExpiresAt"],
        iat=int(c["iat"]),
        nbf=int(c["nbf"]),
        exp=int(c["exp"]),
        jti=c["jti"],
        token=jws.strip(),
    )


def default_license_dir() -> Path:
    """Where offline licenses live by default, per user.

    Windows %LOCALAPPDATA%\\Keyhold, macOS ~/Library/Application Support/Keyhold, elsewhere
    $XDG_DATA_HOME/keyhold or ~/.local/share/keyhold.
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Keyhold"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Keyhold"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "keyhold"


class OfflineLicenseStore:
    """One app's offline license on disk: `<directory>/<app_id>/offline-license.jws`."""

    def __init__(self, app_id: str, directory: Optional[Union[str, Path]] = None) -> None:
        if not app_id or "/" in app_id or "\\" in app_id or app_id in (".", ".."):
            raise ValueError("app_id must be the app's id (app_...)")
        self.app_id = app_id
        self.path = Path(directory or default_license_dir()) / app_id / "offline-license.jws"

    def save(self, jws: str) -> Path:
        """Writes the license atomically (a temporary file renamed into place), readable by this user only."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".offline-license.", dir=str(self.path.parent))
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(jws.strip())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return self.path

    def load(
        self, keys: Union[PinnedKeys, Mapping, str], hwid: Optional[str], now: Optional[float] = None
    ) -> OfflineLicense:
        """The stored license, verified (reason `missing` when none is stored)."""
        try:
            jws = self.path.read_text(encoding="ascii")
        except FileNotFoundError:
            raise OfflineLicenseError("missing", f"No offline license is stored at {self.path}") from None
        except (OSError, UnicodeDecodeError) as e:
            raise OfflineLicenseError("malformed", f"The stored license cannot be read: {e}") from None
        return verify_offline_license(jws, keys, hwid, app_id=self.app_id, now=now)

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
