"""HTTP for the client, with the standard library: timeouts, the retry policy, signed answers checked.

Retry policy: network errors only, never an answer (whatever its status). A connection that could
not be opened is retried for any request: the request never left. A failure after the request was
sent is retried only for GET; a POST (login, register, license login, logout, offline checkout)
that may have reached the server is never sent twice.
"""

from __future__ import annotations

import http.client
import json
import ssl
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional
from urllib.parse import urlsplit

from . import __version__
from .errors import KeyholdError, NetworkError
from .signatures import NONCE_HEADER, Exchange, PinnedKeys, VerifiedAnswer, create_nonce, verify_answer_body, verify_answer_signature

#: A JSON answer bigger than this is refused unread (a hostile server cannot fill memory).
MAX_JSON_ANSWER = 8 * 1024 * 1024


@dataclass
class Answer:
    """An answer whose signature (when verifying) held. `body` is None while it streams from `response`."""

    status: int
    response: http.client.HTTPResponse
    connection: http.client.HTTPConnection
    verified: Optional[VerifiedAnswer]
    body: Optional[bytes] = None

    def header(self, name: str) -> Optional[str]:
        return header_of(self.response, name)

    def close(self) -> None:
        self.connection.close()


def header_of(response: http.client.HTTPResponse, name: str) -> Optional[str]:
    values = response.headers.get_all(name)
    return ", ".join(values) if values else None


class Transport:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        keys: Optional[PinnedKeys],
        timeout: float = 10.0,
        retries: int = 2,
        retry_backoff: float = 0.2,
        ssl_context: Optional[ssl.SSLContext] = None,
        on_retry: Optional[Callable[[int, NetworkError], None]] = None,
    ) -> None:
        url = urlsplit(base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"base_url must be an http(s) URL, not {base_url!r}")
        self.https = url.scheme == "https"
        self.host = url.hostname
        self.port = url.port
        self.prefix = url.path.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.keys = keys
        self.timeout = timeout
        self.retries = retries
        self.retry_backoff = retry_backoff
        self.ssl_context = ssl_context or (ssl.create_default_context() if self.https else None)
        self.on_retry = on_retry

    def _connection(self) -> http.client.HTTPConnection:
        if self.https:
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def send(
        self,
        method: str,
        path: str,
        body: Optional[Dict[str, Any]] = None,
        token: Optional[str] = None,
        headers: Optional[Dict[str, str]] = None,
        stream: bool = False,
        allow_range: bool = False,
    ) -> Answer:
        """Sends one request (retried per the policy) and returns the answer, verified when keys are pinned.

        A streamed answer's body is left to the caller, who checks it against `verified.sha256`;
        otherwise the body is read whole and checked against its signed Content-Digest here.
        """
        attempt = 0
        while True:
            try:
                return self._attempt(method, path, body, token, headers or {}, stream, allow_range)
            except NetworkError as e:
                retriable = not e.reached or method == "GET"
                if not retriable or attempt >= self.retries:
                    raise
                attempt += 1
                if self.on_retry:
                    self.on_retry(attempt, e)
                time.sleep(self.retry_backoff * (2 ** (attempt - 1)))

    def _attempt(self, method, path, body, token, extra, stream, allow_range) -> Answer:
        sent_path = self.prefix + path
        headers = {"Accept": "application/json", "User-Agent": f"keyhold-python/{__version__}", "X-Api-Key": self.api_key}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        # A fresh nonce per request (a retry is a new request): the answer's signature must carry it back.
        nonce = create_nonce() if self.keys else ""
        if nonce:
            headers[NONCE_HEADER] = nonce
        headers.update(extra)

        conn = self._connection()
        try:
            conn.connect()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            raise NetworkError(f"Could not connect to {self.base_url}: {e}", reached=False) from None
        try:
            conn.request(method, sent_path, body=payload, headers=headers)
            response = conn.getresponse()
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            raise NetworkError(f"No answer from {self.base_url}: {e}", reached=True) from None

        verified = None
        if self.keys:
            exchange = Exchange(method, sent_path, nonce, response.status, lambda name: header_of(response, name))
            try:
                verified = verify_answer_signature(
                    exchange, self.keys, allow_range=allow_range, other_paths=[path] if self.prefix else []
                )
            except Exception:
                conn.close()  # an unverifiable answer's body is never read
                raise
        answer = Answer(response.status, response, conn, verified)
        if stream and response.status < 300:
            return answer
        try:
            length = response.getheader("content-length")
            if length is not None and length.isdigit() and int(length) > MAX_JSON_ANSWER:
                raise NetworkError(f"The answer is too large ({length} bytes)", reached=True)
            answer.body = response.read(MAX_JSON_ANSWER + 1)
            if len(answer.body) > MAX_JSON_ANSWER:
                raise NetworkError("The answer is too large", reached=True)
        except (OSError, http.client.HTTPException) as e:
            raise NetworkError(f"The answer from {self.base_url} broke off: {e}", reached=True) from None
        finally:
            conn.close()
        if verified:
            verify_answer_body(verified, answer.body)
        return answer


def raise_for(answer: Answer) -> None:
    """Raises KeyholdError with the envelope's code for an error answer (status >= 300)."""
    if answer.status < 300:
        return
    error: Dict[str, Any] = {}
    try:
        parsed = json.loads(answer.body or b"")
        if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
            error = parsed["error"]
    except ValueError:
        pass
    retry_after = answer.header("retry-after")
    raise KeyholdError(
        answer.status,
        str(error.get("code") or "INTERNAL"),
        str(error.get("message") or f"HTTP {answer.status}"),
        error.get("details") if isinstance(error.get("details"), list) else None,
        int(retry_after) if retry_after and retry_after.isdigit() else None,
    )


def data_of(answer: Answer) -> Any:
    """The envelope's `data` of a successful answer (raises KeyholdError for an error answer)."""
    raise_for(answer)
    try:
        parsed = json.loads(answer.body or b"")
    except ValueError:
        raise KeyholdError(answer.status, "INTERNAL", "The answer is not JSON") from None
    if not isinstance(parsed, dict) or parsed.get("success") is not True:
        raise KeyholdError(answer.status, "INTERNAL", "The answer is not a success envelope")
    return parsed.get("data")
