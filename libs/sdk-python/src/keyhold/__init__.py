"""Keyhold's SDK for Python: the client API for end-user software, with every answer verified.

    from keyhold import Client, hardware_id
    client = Client("https://licensing.example.com", "ak_...", jwks=PINNED_JWKS, app_id="app_...")
    login = client.login("alice", "password", hwid=hardware_id("app_..."))
"""

__version__ = "0.1.0"

from .axora import axora_url
from .client import Client, DownloadedFile, FileInfo, License, Login, OfflineCheckout, Session, User
from .errors import ChecksumError, KeyholdError, NetworkError, OfflineLicenseError, SignatureError
from .hwid import hardware_id, hash_hardware_id
from .offline import OfflineLicense, OfflineLicenseStore, default_license_dir, verify_offline_license
from .signatures import PinnedKeys

__all__ = [
    "__version__",
    "Client",
    "DownloadedFile",
    "FileInfo",
    "License",
    "Login",
    "OfflineCheckout",
    "Session",
    "User",
    "KeyholdError",
    "NetworkError",
    "SignatureError",
    "ChecksumError",
    "OfflineLicenseError",
    "OfflineLicense",
    "OfflineLicenseStore",
    "default_license_dir",
    "verify_offline_license",
    "PinnedKeys",
    "hardware_id",
    "hash_hardware_id",
    "axora_url",
]
