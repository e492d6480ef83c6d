"""The SDK's errors: the server's answers carry the contract's codes; the SDK adds its own four."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

# The codes of the Authon seed's error table (the server may answer others of the contract too:
# USER_BANNED, LICENSE_BANNED, APP_DISABLED, INVALID_LICENSE, USERNAME_TAKEN, LICENSE_USED, ...).
INVALID_KEY = "INVALID_KEY"
INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
HWID_MISMATCH = "HWID_MISMATCH"
BLACKLISTED = "BLACKLISTED"
LICENSE_EXPIRED = "LICENSE_EXPIRED"
RATE_LIMITED = "RATE_LIMITED"
NOT_FOUND = "NOT_FOUND"

# Codes the SDK adds.
NETWORK_ERROR = "NETWORK_ERROR"
UNVERIFIED_ANSWER = "UNVERIFIED_ANSWER"
CHECKSUM_MISMATCH = "CHECKSUM_MISMATCH"
HWID_UNAVAILABLE = "HWID_UNAVAILABLE"


class KeyholdError(Exception):
    """An error answer of the API (`status`, `code`, `message`), or one of the SDK's (status 0)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Optional[List[Dict[str, Any]]] = None,
        retry_after: Optional[int] = None,
    ) -> None:
        super().__init__(f"{code} ({status}): {message}" if status else f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        #: VALIDATION_FAILED: [{"field": ..., "reason": ...}]
        self.details = details
        #: RATE_LIMITED and SERVICE_UNAVAILABLE: seconds to wait before trying again (Retry-After).
        self.retry_after = retry_after


class NetworkError(KeyholdError):
    """No answer: the server could not be reached, or the connection broke or timed out.

    `reached` is False when the request certainly never left (the connection could not be opened),
    True when it may have reached the server (sent, then no complete answer).
    """

    def __init__(self, message: str, reached: bool) -> None:
        super().__init__(0, NETWORK_ERROR, message)
        self.reached = reached


class SignatureError(KeyholdError):
    """An answer that failed verification against the pinned keys: nothing in it is trusted.

    `reason` is one of: unsigned, malformed, unknown-key, nonce-mismatch, digest-mismatch,
    path-mismatch, status-mismatch, bad-signature. `received_status` is the HTTP status that
    arrived, unverified: for logs only.
    """

    def __init__(self, reason: str, message: str, received_status: int) -> None:
        super().__init__(0, UNVERIFIED_ANSWER, message)
        self.reason = reason
        self.received_status = received_status


class ChecksumError(KeyholdError):
    """Downloaded bytes whose SHA-256 differs from the one the server announced (without verification)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(status, CHECKSUM_MISMATCH, message)


class OfflineLicenseError(Exception):
    """An offline license that was refused.

    `reason`: malformed, wrong-type, wrong-algorithm, unknown-key, bad-signature, expired,
    not-yet-valid, hwid-mismatch, wrong-app, or missing (nothing stored).
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
