"""The client for end-user software: the client API of Keyhold, answers verified against pinned keys."""

from __future__ import annotations

import glob
import hashlib
import http.client
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Union
from urllib.parse import quote

from .errors import ChecksumError, KeyholdError, NetworkError, SignatureError
from .offline import OfflineLicense, OfflineLicenseStore, verify_offline_license
from .signatures import PinnedKeys
from .transport import Answer, Transport, data_of, raise_for

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class User:
    id: str
    username: str
    hwid: Optional[str]
    subscription: Optional[str]
    #: ISO 8601 UTC, or None for a lifetime subscription.
    expires_at: Optional[str]


@dataclass(frozen=True)
class License:
    key: str
    hwid: Optional[str]
    #: ISO 8601 UTC, or None: lifetime (or, for an unused key, not started yet).
    expires_at: Optional[str]
    subscription: Optional[str] = None


@dataclass(frozen=True)
class Login:
    """A successful login: the client token (kept by the client) and who logged in."""

    token: str
    user: Optional[User] = None
    license: Optional[License] = None


@dataclass(frozen=True)
class Session:
    id: str
    created_at: str
    expires_at: str
    user: Optional[User]
    license: Optional[License]


@dataclass(frozen=True)
class OfflineCheckout:
    #: The offline license (a compact JWS), already verified when keys are pinned.
    license: str
    expires_at: str
    claims: Optional[OfflineLicense]
    #: Where it was stored, or None.
    path: Optional[Path]


@dataclass(frozen=True)
class FileInfo:
    id: str
    name: str
    size: int
    sha256: str
    content_type: str
    created_at: str


@dataclass(frozen=True)
class DownloadedFile:
    path: Path
    size: int
    sha256: str
    #: Bytes that were already on disk from an interrupted download (0: downloaded whole).
    resumed_from: int


def _user(d: Mapping[str, Any]) -> User:
    return User(d["id"], d["username"], d.get("hwid"), d.get("subscription"), d.get("expiresAt"))


def _license(d: Mapping[str, Any]) -> License:
    return License(d["key"], d.get("hwid"), d.get("expiresAt"), d.get("subscription"))


class Client:
    """Keyhold's client API for end-user software.

    Pin the app's JWK Set (`jwks`: the dashboard's or GET /v1/client/jwks's answer, shipped inside
    your software, never fetched at run time) and every answer must be signed by one of those keys
    for this very request, or the call raises SignatureError. Failures raise KeyholdError with the
    server's code and HTTP status (INVALID_CREDENTIALS, HWID_MISMATCH, LICENSE_EXPIRED, ...), or
    NetworkError when no answer came.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        jwks: Optional[Union[Mapping, str, PinnedKeys]] = None,
        app_id: Optional[str] = None,
        verify: Optional[bool] = None,
        version: Optional[str] = None,
        timeout: float = 10.0,
        retries: int = 2,
        retry_backoff: float = 0.2,
        ssl_context: Optional[ssl.SSLContext] = None,
        on_retry: Optional[Callable[[int, NetworkError], None]] = None,
        license_dir: Optional[Union[str, Path]] = None,
    ) -> None:
        """
        base_url: e.g. https://licensing.example.com. api_key: the app's public key (ak_...).
        jwks: the app's pinned JWK Set (a dict, JSON text, or PinnedKeys). app_id: the app's id
        (app_...): checked against offline licenses, and names where they are stored.
        verify: defaults to on when jwks is given. version: your software's version, sent with
        logins (the app's "enforce version" answers 426 UPDATE_REQUIRED to others).
        timeout: seconds per connect and per read. retries: network failures retried (see
        transport.py: never a POST that may have reached the server).
        """
        verifying = jwks is not None if verify is None else verify
        if verifying and jwks is None:
            raise ValueError("verify=True needs the pinned jwks")
        self.keys: Optional[PinnedKeys] = None
        if jwks is not None:
            self.keys = jwks if isinstance(jwks, PinnedKeys) else PinnedKeys(jwks)
        self.verifying = verifying
        self.app_id = app_id
        self.version = version
        self.license_dir = license_dir
        self.token: Optional[str] = None
        #: The hardware id of the last login (offline licenses are checked against it).
        self.hwid: Optional[str] = None
        self._http = Transport(
            base_url,
            api_key,
            self.keys if verifying else None,
            timeout=timeout,
            retries=retries,
            retry_backoff=retry_backoff,
            ssl_context=ssl_context,
            on_retry=on_retry,
        )

    # -- sign-in --------------------------------------------------------------------------------

    def _login_body(self, hwid: Optional[str], **fields: str) -> Dict[str, str]:
        body = dict(fields)
        if hwid is not None:
            body["hwid"] = hwid
        if self.version is not None:
            body["version"] = self.version
        return body

    def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
        return data_of(self._http.send(method, path, body, token=self.token))

    def login(self, username: str, password: str, hwid: Optional[str] = None) -> Login:
        """POST /v1/client/login: a user with a password (and this machine's hardware id)."""
        data = self._call("POST", "/v1/client/login", self._login_body(hwid, username=username, password=password))
        self.token, self.hwid = data["token"], hwid
        return Login(data["token"], user=_user(data["user"]))

    def register(self, username: str, password: str, license_key: str, hwid: Optional[str] = None) -> Login:
        """POST /v1/client/register: a new user, redeeming a license key (it signs them in)."""
        body = self._login_body(hwid, username=username, password=password, licenseKey=license_key)
        data = self._call("POST", "/v1/client/register", body)
        self.token, self.hwid = data["token"], hwid
        u = data["user"]
        return Login(data["token"], user=User(u["id"], u["username"], hwid, None, None))

    def license_login(self, license_key: str, hwid: Optional[str] = None) -> Login:
        """POST /v1/client/license: a license key alone."""
        data = self._call("POST", "/v1/client/license", self._login_body(hwid, licenseKey=license_key))
        self.token, self.hwid = data["token"], hwid
        return Login(data["token"], license=_license(data["license"]))

    def session(self) -> Session:
        """GET /v1/client/session: whether the session still holds (UNAUTHORIZED once ended or banned)."""
        data = self._call("GET", "/v1/client/session")
        s = data["session"]
        return Session(
            s["id"],
            s["createdAt"],
            s["expiresAt"],
            _user(data["user"]) if data.get("user") else None,
            _license(data["license"]) if data.get("license") else None,
        )

    def logout(self) -> None:
        """POST /v1/client/logout: ends the session (the token stops working at once)."""
        self._call("POST", "/v1/client/logout")
        self.token = None

    # -- offline licenses -----------------------------------------------------------------------

    def _store(self) -> OfflineLicenseStore:
        if not self.app_id:
            raise ValueError("Storing offline licenses needs app_id")
        return OfflineLicenseStore(self.app_id, self.license_dir)

    def offline_checkout(self, store: bool = True) -> OfflineCheckout:
        """POST /v1/client/offline: an offline license for this session (FORBIDDEN when the app has them off).

        With keys pinned it is verified against them and the login's hardware id before anything
        is kept; with `store` (and app_id) it is saved where `load_offline_license` finds it.
        """
        data = self._call("POST", "/v1/client/offline")
        claims = verify_offline_license(data["license"], self.keys, self.hwid, app_id=self.app_id) if self.keys else None
        path = self._store().save(data["license"]) if store and self.app_id else None
        return OfflineCheckout(data["license"], data["expiresAt"], claims, path)

    def load_offline_license(self, hwid: Optional[str]) -> OfflineLicense:
        """The stored offline license, verified with no network (raises OfflineLicenseError)."""
        if not self.keys:
            raise ValueError("Checking offline licenses needs the pinned jwks")
        return self._store().load(self.keys, hwid)

    # -- files ----------------------------------------------------------------------------------

    @staticmethod
    def _file_path(file_id: str) -> str:
        return f"/v1/client/files/{quote(file_id, safe='')}"

    def file_info(self, file_id: str) -> FileInfo:
        """GET /v1/client/files/:id (NOT_FOUND for another app's file, FORBIDDEN for another subscription's)."""
        d = self._call("GET", self._file_path(file_id))
        return FileInfo(d["id"], d["name"], int(d["size"]), d["sha256"], d.get("contentType", ""), d.get("createdAt", ""))

    def download_file(self, file_id: str, dest: Union[str, Path]) -> DownloadedFile:
        """Streams a file to `dest`, resuming an interrupted download, and checks it before it is moved into place.

        Bytes go to `<dest>.<sha256 prefix>.part`. A transfer that breaks off raises NetworkError
        and keeps the partial file: call again and it resumes with Range (and If-Range, so a file
        replaced meanwhile starts over). The whole file's SHA-256 must equal the signed digest
        (when verifying: SignatureError digest-mismatch otherwise), the metadata's and
        X-File-Sha256 (ChecksumError otherwise); a file that fails is deleted.
        """
        info = self.file_info(file_id)
        dest = Path(dest)
        partial = Path(f"{dest}.{info.sha256[:16]}.part")
        for stale in glob.glob(glob.escape(str(dest)) + ".*.part"):
            if Path(stale) != partial:
                os.unlink(stale)
        have = partial.stat().st_size if partial.exists() else 0
        if have > info.size:
            partial.unlink()
            have = 0

        answer: Optional[Answer] = None
        if have < info.size:
            headers = {"Range": f"bytes={have}-", "If-Range": f'"{info.sha256}"'} if have else {}
            answer = self._http.send(
                "GET", self._file_path(file_id) + "/bytes", token=self.token, headers=headers, stream=True, allow_range=True
            )
            raise_for(answer)
            have = self._receive(answer, partial, have, info)
        resumed_from = have if answer is None else (have if answer.status == 206 else 0)
        return self._finish(partial, dest, info, answer, resumed_from)

    def _receive(self, answer: Answer, partial: Path, have: int, info: FileInfo) -> int:
        """Writes the streamed body after what is on disk; returns the bytes that were kept from before."""
        try:
            if answer.status == 206:
                expected = f"bytes {have}-{info.size - 1}/{info.size}"
                signed = answer.verified.content_range if answer.verified else answer.header("content-range")
                if signed != expected:
                    raise SignatureError("malformed", f"Asked for {expected}, the answer is {signed}", answer.status)
                mode = "ab"
            elif answer.status == 200:
                if answer.verified and answer.verified.covers != "body":
                    raise SignatureError("malformed", "A ranged signature on a whole-file answer", answer.status)
                have, mode = 0, "wb"  # the whole file (the file changed, or nothing was on disk)
            else:
                raise KeyholdError(answer.status, "INTERNAL", f"Unexpected status {answer.status} for file bytes")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "ab" else os.O_TRUNC), 0o600)
            with os.fdopen(fd, mode) as out:
                while True:
                    chunk = answer.response.read(_CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
        except (OSError, http.client.HTTPException) as e:
            if isinstance(e, OSError) and e.errno is not None and not isinstance(e, (ConnectionError, TimeoutError)):
                raise  # a disk error, not the network's
            raise NetworkError(f"Download interrupted: {e}; call again to resume", reached=True) from None
        finally:
            answer.close()
        return have

    def _finish(self, partial: Path, dest: Path, info: FileInfo, answer: Optional[Answer], resumed_from: int) -> DownloadedFile:
        digest = hashlib.sha256()
        size = 0
        with open(partial, "rb") as f:
            for chunk in iter(lambda: f.read(_CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
        actual = digest.hexdigest()
        if size < info.size:
            raise NetworkError(f"Download interrupted at {size} of {info.size} bytes; call again to resume", reached=True)
        signed = answer.verified.sha256 if answer and answer.verified else None
        announced = answer.header("x-file-sha256") if answer else None
        if signed is not None and actual != signed:
            partial.unlink()
            raise SignatureError("digest-mismatch", "The file's bytes differ from the signed digest", answer.status if answer else 0)
        for expected in (info.sha256, announced):
            if expected is not None and actual != expected.lower():
                partial.unlink()
                raise ChecksumError(f"SHA-256 mismatch: expected {expected}, got {actual}")
        os.replace(partial, dest)
        return DownloadedFile(dest, size, actual, resumed_from)
