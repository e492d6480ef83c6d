"""Test support: signs answers and offline licenses the way Keyhold's server does.

Written from the contract, independently of the SDK's parser, so that the tests cross-check the two.
"""

import base64
import hashlib
import json
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class TestKey:
    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.private = Ed25519PrivateKey.generate()
        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw), "kid": kid, "use": "sig", "alg": "EdDSA"}


def jwks_of(*keys: TestKey) -> dict:
    return {"keys": [k.jwk for k in keys]}


def digest_field(body: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + ":"


def sign_answer(key: TestKey, status: int, method: str, path: str, body: bytes, nonce=None, created=None) -> dict:
    """The headers of a signed answer: Content-Digest, Signature-Input, Signature."""
    digest = digest_field(body)
    params = '("@status" "content-digest" "@method";req "@path";req)'
    params += f';created={created or int(time.time())};keyid="{key.kid}";alg="ed25519"'
    if nonce is not None:
        params += f';nonce="{nonce}"'
    base = "\n".join(
        [
            f'"@status": {status}',
            f'"content-digest": {digest}',
            f'"@method";req: {method}',
            f'"@path";req: {path}',
            f'"@signature-params": {params}',
        ]
    )
    signature = base64.b64encode(key.private.sign(base.encode())).decode("ascii")
    return {"content-digest": digest, "signature-input": f"keyhold={params}", "signature": f"keyhold=:{signature}:"}


def sign_license(key: TestKey, claims: dict, header=None) -> str:
    h = {"alg": "EdDSA", "kid": key.kid, "typ": "keyhold-license+jwt"} if header is None else header
    signing_input = b64url(json.dumps(h).encode()) + "." + b64url(json.dumps(claims).encode())
    return signing_input + "." + b64url(key.private.sign(signing_input.encode()))
