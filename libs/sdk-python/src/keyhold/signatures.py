"""Verification of Keyhold's signed answers: RFC 9421 (HTTP Message Signatures) as the contract profiles it.

Every answer of /v1/client/* for a known app carries

    Content-Digest: sha-256=:<SHA-256 of the body>:                          (RFC 9530)
    Signature-Input: keyhold=("@status" "content-digest" "@method";req "@path";req);created=...;keyid="key_...";alg="ed25519";nonce="..."
    Signature: keyhold=:<Ed25519 signature of the signature base>:

and a ranged file answer (206) is signed over "repr-digest" "content-range" (the whole file's
SHA-256 and the range sent) instead of the body's digest. With the app's public keys pinned and a
fresh nonce per request, an answer verifies only if the app's server made it for this very
request: no clock is trusted (`created` is reported, never judged).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .errors import SignatureError
from .structured_fields import (
    InnerList,
    Item,
    StructuredFieldError,
    parse_dictionary,
    serialize_inner_list,
    serialize_item,
)

LABEL = "keyhold"
NONCE_HEADER = "Keyhold-Nonce"
BODY_COMPONENTS = ('"@status"', '"content-digest"', '"@method";req', '"@path";req')
RANGED_COMPONENTS = ('"@status"', '"repr-digest"', '"content-range"', '"@method";req', '"@path";req')

_KEY_X = re.compile(r"[A-Za-z0-9_-]{43}")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PinnedKeys:
    """An app's public keys, pinned: the JWK Set shipped inside the software.

    Checked when made (a bad set is a programming error and raises ValueError). Pinning is what
    gives the guarantee: a JWK Set fetched at run time from the server being checked proves
    nothing against a fake server, which would serve its own.
    """

    def __init__(self, jwks: Union[Mapping, str, bytes]) -> None:
        if isinstance(jwks, (str, bytes)):
            jwks = json.loads(jwks)
        keys = jwks.get("keys") if isinstance(jwks, Mapping) else None
        if not isinstance(keys, list) or not keys:
            raise ValueError('The pinned JWK Set must be {"keys": [...]} with at least one key')
        self._keys: Dict[str, Ed25519PublicKey] = {}
        for key in keys:
            kid = key.get("kid") if isinstance(key, Mapping) else None
            if not isinstance(kid, str) or not kid:
                raise ValueError("Every pinned key needs a kid")
            if "d" in key:
                raise ValueError(f'Pinned key {kid} holds a private key ("d"): ship only the public JWK Set')
            if key.get("kty") != "OKP" or key.get("crv") != "Ed25519":
                raise ValueError(f"Pinned key {kid} is not an Ed25519 key (kty OKP, crv Ed25519)")
            x = key.get("x")
            if not isinstance(x, str) or not _KEY_X.fullmatch(x):
                raise ValueError(f'Pinned key {kid} has no 32-byte "x"')
            if key.get("use", "sig") != "sig":
                raise ValueError(f"Pinned key {kid} is not a signing key")
            if key.get("alg", "EdDSA") not in ("EdDSA", "Ed25519"):
                raise ValueError(f"Pinned key {kid} is not for EdDSA")
            if kid in self._keys:
                raise ValueError(f"The pinned JWK Set has two keys with kid {kid}")
            self._keys[kid] = Ed25519PublicKey.from_public_bytes(b64url_decode(x))

    @property
    def kids(self) -> List[str]:
        return list(self._keys)

    def get(self, kid: str) -> Optional[Ed25519PublicKey]:
        return self._keys.get(kid)


def create_nonce() -> str:
    """A fresh Keyhold-Nonce: 24 random bytes as 32 base64url characters."""
    return secrets.token_urlsafe(24)


def signature_base(covered: InnerList, value_of: Callable[[Item], Optional[str]]) -> str:
    """The signature base of RFC 9421 section 2.5.

    One line per covered component, `<identifier>: <value>`, then `"@signature-params": <the inner
    list and its parameters>`, joined by newlines, no trailing newline. `value_of` gives each
    component's value (None: the message has no such component).
    """
    seen = set()
    lines = []
    for component in covered.items:
        if not isinstance(component.value, str):
            raise StructuredFieldError("A component identifier is not a string")
        ident = serialize_item(component)
        if ident in seen:
            raise StructuredFieldError(f"Component {ident} is covered twice")
        seen.add(ident)
        value = value_of(component)
        if value is None:
            raise StructuredFieldError(f"The message has no component {ident}")
        if "\r" in value or "\n" in value:
            raise StructuredFieldError(f"Component {ident} has a line break")
        lines.append(f"{ident}: {value}")
    lines.append(f'"@signature-params": {serialize_inner_list(covered)}')
    return "\n".join(lines)


def verify_ed25519(key: Ed25519PublicKey, signature: bytes, base: str) -> bool:
    try:
        key.verify(signature, base.encode("utf-8"))
        return True
    except InvalidSignature:
        return False


def sha256_of_digest_field(value: Optional[str]) -> Optional[str]:
    """The hex SHA-256 of an RFC 9530 digest field (`sha-256=:...:`), or None."""
    if value is None:
        return None
    try:
        member = parse_dictionary(value).get("sha-256")
    except StructuredFieldError:
        return None
    if not isinstance(member, Item) or not isinstance(member.value, bytes) or len(member.value) != 32:
        return None
    return member.value.hex()


@dataclass
class Exchange:
    """One request as sent and its answer as received: what a signature is checked against."""

    method: str
    #: The request's path as sent (percent-encoding kept, no query).
    path: str
    nonce: str
    status: int
    #: Header lookup by lower-case name (repeated fields joined with ", ").
    header: Callable[[str], Optional[str]]


@dataclass
class VerifiedAnswer:
    kid: str
    #: When the server says it signed (unix seconds): informative, never checked against a clock.
    created: int
    nonce: str
    status: int
    method: str
    path: str
    #: "body": the body is genuine once its bytes hash to `sha256`. "range": a ranged file answer;
    #: `content_range` is proven to be a range of the file whose whole SHA-256 is `sha256`.
    covers: str
    sha256: str
    content_range: Optional[str] = None


_STATUS_GUESSES = (200, 201, 204, 206, 400, 401, 403, 404, 409, 413, 415, 416, 426, 429, 500, 503)
_METHOD_GUESSES = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
_CLIENT_ROUTES = (
    "/v1/client/login",
    "/v1/client/register",
    "/v1/client/license",
    "/v1/client/session",
    "/v1/client/logout",
    "/v1/client/offline",
    "/v1/client/jwks",
)


def _values(status: int, method: str, path: str, header: Callable[[str], Optional[str]]) -> Dict[str, Optional[str]]:
    return {
        '"@status"': str(status),
        '"@method";req': method.upper(),
        '"@path";req': path,
        '"content-digest"': header("content-digest"),
        '"repr-digest"': header("repr-digest"),
        '"content-range"': header("content-range"),
    }


def verify_answer_signature(
    x: Exchange, keys: PinnedKeys, allow_range: bool = False, other_paths: Sequence[str] = ()
) -> VerifiedAnswer:
    """Checks an answer's signature against the pinned keys and the request as sent.

    Returns what it proves, or raises SignatureError. The body is not read here: check it with
    `verify_answer_body` against the returned `sha256`.
    """

    def refuse(reason: str, message: str) -> SignatureError:
        return SignatureError(reason, message, x.status)

    input_field, signature_field = x.header("signature-input"), x.header("signature")
    if input_field is None and signature_field is None:
        raise refuse("unsigned", "The answer is not signed")
    try:
        inputs = parse_dictionary(input_field or "")
        signatures = parse_dictionary(signature_field or "")
    except StructuredFieldError as e:
        raise refuse("malformed", f"Unreadable Signature-Input or Signature: {e}") from None
    covered, signature = inputs.get(LABEL), signatures.get(LABEL)
    if covered is None and signature is None:
        raise refuse("unsigned", f'The answer carries no "{LABEL}" signature')
    if covered is None or signature is None:
        raise refuse("malformed", f'Signature-Input and Signature do not both carry "{LABEL}"')
    if not isinstance(covered, InnerList):
        raise refuse("malformed", "Signature-Input is not an inner list")
    if not isinstance(signature, Item) or not isinstance(signature.value, bytes) or len(signature.value) != 64:
        raise refuse("malformed", "Signature is not a 64-byte Ed25519 signature")

    components = tuple(serialize_item(c) if isinstance(c.value, str) else "?" for c in covered.items)
    if components == BODY_COMPONENTS:
        covers = "body"
    elif allow_range and x.status == 206 and components == RANGED_COMPONENTS:
        covers = "range"
    else:
        raise refuse("malformed", f"The signature covers {' '.join(components)}, not what this answer needs")

    params = dict(covered.params)
    keyid, created, alg, nonce = params.get("keyid"), params.get("created"), params.get("alg"), params.get("nonce")
    if not isinstance(keyid, str):
        raise refuse("malformed", "The signature names no keyid")
    if not isinstance(created, int) or isinstance(created, bool):
        raise refuse("malformed", "The signature has no created time")
    if alg is not None and alg != "ed25519":
        raise refuse("malformed", f"The signature's alg is {alg}, not ed25519")
    key = keys.get(keyid)
    if key is None:
        raise refuse("unknown-key", f"Signed with key {keyid}, which is not pinned (pinned: {', '.join(keys.kids)})")
    if nonce is None:
        raise refuse("nonce-mismatch", "The signature answers no nonce: a replayed answer")
    if nonce != x.nonce:
        raise refuse("nonce-mismatch", "The signature answers another request (another nonce): a replayed answer")

    sig = signature.value

    def check(status: int, method: str, path: str) -> bool:
        values = _values(status, method, path, x.header)
        return verify_ed25519(key, sig, signature_base(covered, lambda c: values.get(serialize_item(c))))

    try:
        valid = check(x.status, x.method, x.path)
    except StructuredFieldError as e:
        raise refuse("malformed", str(e)) from None
    if not valid:
        raise _diagnose(x, check, other_paths, refuse)

    sha256 = sha256_of_digest_field(x.header("content-digest" if covers == "body" else "repr-digest"))
    if sha256 is None:
        raise refuse("malformed", "The signed digest field holds no sha-256")
    return VerifiedAnswer(
        kid=keyid,
        created=created,
        nonce=x.nonce,
        status=x.status,
        method=x.method.upper(),
        path=x.path,
        covers=covers,
        sha256=sha256,
        content_range=x.header("content-range") if covers == "range" else None,
    )


def _diagnose(
    x: Exchange,
    check: Callable[[int, str, str], bool],
    other_paths: Iterable[str],
    refuse: Callable[[str, str], SignatureError],
) -> SignatureError:
    """After a failed check: would it verify for another status, or another method or path?

    That tells a proxy that rewrites paths, or an answer moved to another request, from plain
    tampering. Only the reason depends on it; the answer is refused either way.
    """
    method = x.method.upper()
    for status in _STATUS_GUESSES:
        if status != x.status and check(status, method, x.path):
            return refuse("status-mismatch", f"The answer was signed with status {status}, but arrived with {x.status}")
    for path in dict.fromkeys([x.path, *other_paths, *_CLIENT_ROUTES]):
        for m in _METHOD_GUESSES:
            if (path != x.path or m != method) and check(x.status, m, path):
                return refuse("path-mismatch", f"The answer was signed for {m} {path}, not for {method} {x.path}")
    return refuse("bad-signature", "The signature does not verify: the answer was altered or forged")


def verify_answer_body(verified: VerifiedAnswer, body: bytes) -> None:
    """Checks a body held in memory against a verified answer's Content-Digest."""
    if verified.covers != "body":
        raise SignatureError("malformed", "A ranged answer does not cover its body", verified.status)
    if hashlib.sha256(body).hexdigest() != verified.sha256:
        raise SignatureError("digest-mismatch", "The body's bytes differ from the signed Content-Digest", verified.status)
