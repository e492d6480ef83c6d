"""Verify a Keyhold answer (RFC 9421 signature, RFC 9530 digest) in Python, with `cryptography`.

Run: python3 verify_answer.py <base-url> <api-key> <jwks.json>
`jwks.json` is the app's JWK Set, saved from GET /v1/client/jwks once and shipped with the
software: pinning it is what makes a fake server's answers fail. Fetching it at run time from the
server being checked would prove nothing.
"""
import base64
import hashlib
import json
import re
import secrets
import sys
import urllib.error
import urllib.request

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PARAMS = re.compile(
    r'keyhold=(\("@status" "content-digest" "@method";req "@path";req\);created=\d+;keyid="([^"]+)";alg="ed25519";nonce="([^"]+)")'
)
SIGNATURE = re.compile(r"keyhold=:([A-Za-z0-9+/=]+):")


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify(pinned, status, body, headers, method, path, nonce):
    """Raises ValueError unless the answer is the pinned app's, unaltered, for this request."""
    digest = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
    if headers.get("Content-Digest") != digest:
        raise ValueError("the body is not the one signed")
    params = PARAMS.fullmatch(headers.get("Signature-Input") or "")
    signature = SIGNATURE.fullmatch(headers.get("Signature") or "")
    if not params or not signature:
        raise ValueError("unsigned answer")
    if params.group(3) != nonce:
        raise ValueError("an answer to another request (replayed)")
    key = pinned.get(params.group(2))
    if key is None:
        raise ValueError("signed by a key this build does not pin")
    base = "\n".join(
        [
            f'"@status": {status}',
            f'"content-digest": {digest}',
            f'"@method";req: {method}',
            f'"@path";req: {path}',
            f'"@signature-params": {params.group(1)}',
        ]
    )
    # Raises cryptography.exceptions.InvalidSignature when forged.
    key.verify(base64.b64decode(signature.group(1)), base.encode())


def post(base_url, path, api_key, payload, pinned):
    nonce = secrets.token_urlsafe(16)
    request = urllib.request.Request(
        base_url + path,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Api-Key": api_key, "Keyhold-Nonce": nonce},
    )
    try:
        answer = urllib.request.urlopen(request)
    except urllib.error.HTTPError as error:  # 4xx answers are signed too
        answer = error
    body = answer.read()
    verify(pinned, answer.status, body, answer.headers, "POST", path, nonce)
    return answer.status, json.loads(body)


if __name__ == "__main__":
    base_url, api_key, jwks_file = sys.argv[1:4]
    with open(jwks_file) as f:
        pinned = {k["kid"]: Ed25519PublicKey.from_public_bytes(b64url(k["x"])) for k in json.load(f)["keys"]}
    status, body = post(base_url, "/v1/client/login", api_key, {"username": "demo", "password": "wrong", "hwid": "HW-1"}, pinned)
    print("verified:", status, body["error"]["code"] if not body["success"] else "ok")
