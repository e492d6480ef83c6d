"""A default hardware id: this machine's own id, hashed with SHA-256 and salted with the app's id.

The raw id comes from the operating system:
- Windows: the MachineGuid (HKLM\\SOFTWARE\\Microsoft\\Cryptography) and the SMBIOS system UUID,
  joined as `<machineguid>|<smbios uuid>` (the guid alone when the UUID cannot be read);
- macOS: the IOPlatformUUID;
- Linux and the like: /etc/machine-id (or /var/lib/dbus/machine-id), falling back to the DMI
  product UUID (/sys/class/dmi/id/product_uuid).
The id is `hex(SHA-256("keyhold-hwid:v1:" + app_id + ":" + lowercase raw id))`: the same machine
gives each seller's app a different id, so ids cannot be matched across sellers. The C++ SDK uses
the same formula. It is a default: pass any string you prefer as `hwid`.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from typing import List, Optional

from .errors import HWID_UNAVAILABLE, KeyholdError

_LINUX_SOURCES = ("etc/machine-id", "var/lib/dbus/machine-id", "sys/class/dmi/id/product_uuid")


def hash_hardware_id(app_id: str, raw: str) -> str:
    """The formula: lowercase hex SHA-256 of `keyhold-hwid:v1:<app_id>:<raw, lowercased>`."""
    return hashlib.sha256(f"keyhold-hwid:v1:{app_id}:{raw.strip().lower()}".encode("utf-8")).hexdigest()


def linux_raw_id(root: str = "/") -> Optional[str]:
    """The first non-empty of the Linux sources under `root`, lowercased, or None."""
    for source in _LINUX_SOURCES:
        try:
            with open(os.path.join(root, source), encoding="ascii", errors="replace") as f:
                value = f.read().strip().lower()
        except OSError:
            continue
        if value:
            return value
    return None


def _windows_raw_id() -> Optional[str]:
    import winreg  # type: ignore[import-not-found]

    try:
        with winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE,
            r"SOFTWARE\Microsoft\Cryptography",
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
        ) as key:
            guid = str(winreg.QueryValueEx(key, "MachineGuid")[0]).strip().lower()
    except OSError:
        guid = ""
    uuid = ""
    try:
        out = subprocess.run(
            ["powershell", "-NoProfile", "-NonInteractive", "-Command", "(Get-CimInstance Win32_ComputerSystemProduct).UUID"],
            capture_output=True,
            text=True,
            timeout=10,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        uuid = out.stdout.strip().lower() if out.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        uuid = ""
    parts: List[str] = [p for p in (guid, uuid) if p]
    return "|".join(parts) if guid else (uuid or None)


def _macos_raw_id() -> Optional[str]:
    try:
        out = subprocess.run(["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'"IOPlatformUUID"\s*=\s*"([^"]+)"', out.stdout)
    return m.group(1).lower() if m else None


def raw_hardware_id() -> Optional[str]:
    if sys.platform == "win32":
        return _windows_raw_id()
    if sys.platform == "darwin":
        return _macos_raw_id()
    return linux_raw_id()


def hardware_id(app_id: str) -> str:
    """This machine's hardware id for `app_id` (raises KeyholdError HWID_UNAVAILABLE when none can be read)."""
    if not app_id:
        raise ValueError("hardware_id needs the app's id (app_...) as its salt")
    raw = raw_hardware_id()
    if not raw:
        raise KeyholdError(0, HWID_UNAVAILABLE, "This machine has no readable machine id")
    return hash_hardware_id(app_id, raw)
