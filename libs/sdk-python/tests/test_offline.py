import os
import sys
import tempfile
import time
import unittest

from keyhold import OfflineLicenseError, OfflineLicenseStore, verify_offline_license
from keyhold.offline import default_license_dir

from .signing import TestKey, b64url, jwks_of, sign_license

KEY = TestKey("key_offline")
JWKS = jwks_of(KEY)
NOW = 1_800_000_000


def claims(**kw):
    c = {
        "iss": "app_1",
        "sub": "usr_1",
        "hwid": "HW-1",
        "subscription": "pro",
        "licenseExpiresAt": None,
        "iat": NOW,
        "nbf": NOW,
        "exp": NOW + 3600,
        "jti": "jti-1",
    }
    c.update(kw)
    return c


class OfflineLicenses(unittest.TestCase):
    def reason(self, jws, hwid="HW-1", jwks=JWKS, now=NOW + 10, app_id="app_1"):
        with self.assertRaises(OfflineLicenseError) as caught:
            verify_offline_license(jws, jwks, hwid, app_id=app_id, now=now)
        return caught.exception.reason

    def test_a_license_for_this_machine_verifies(self):
        lic = verify_offline_license(sign_license(KEY, claims()), JWKS, "HW-1", app_id="app_1", now=NOW + 10)
        self.assertEqual((lic.sub, lic.subscription, lic.hwid, lic.exp), ("usr_1", "pro", "HW-1", NOW + 3600))

    def test_an_unbound_license_verifies_on_any_machine(self):
        lic = verify_offline_license(sign_license(KEY, claims(hwid=None)), JWKS, "HW-anything", now=NOW)
        self.assertIsNone(lic.hwid)

    def test_every_refusal_has_its_reason(self):
        good = sign_license(KEY, claims())
        h, _, s = good.split(".")
        altered = b64url(b'{"sub": "usr_2"}')
        cases = {
            "hwid-mismatch": self.reason(good, hwid="HW-2"),
            "wrong-app": self.reason(good, app_id="app_2"),
            "expired": self.reason(good, now=NOW + 3600 + 61),
            "not-yet-valid": self.reason(good, now=NOW - 61),
            "bad-signature": self.reason(f"{h}.{altered}.{s}"),
            "unknown-key": self.reason(sign_license(TestKey("key_other"), claims())),
            "wrong-type": self.reason(sign_license(KEY, claims(), {"alg": "EdDSA", "kid": KEY.kid, "typ": "JWT"})),
            "wrong-algorithm": self.reason(sign_license(KEY, claims(), {"alg": "none", "kid": KEY.kid, "typ": "keyhold-license+jwt"})),
            "malformed": self.reason("not.a-jws"),
        }
        for expected, got in cases.items():
            with self.subTest(expected=expected):
                self.assertEqual(got, expected)
        self.assertEqual(self.reason(sign_license(KEY, claims(exp="soon"))), "malformed")

    def test_within_the_clock_skew_is_accepted(self):
        verify_offline_license(sign_license(KEY, claims()), JWKS, "HW-1", now=NOW + 3600 + 59)

    def test_the_store_saves_atomically_and_loads_verified(self):
        with tempfile.TemporaryDirectory() as d:
            store = OfflineLicenseStore("app_1", d)
            with self.assertRaises(OfflineLicenseError) as caught:
                store.load(JWKS, "HW-1")
            self.assertEqual(caught.exception.reason, "missing")
            now = int(time.time())
            path = store.save(sign_license(KEY, claims(iat=now, nbf=now, exp=now + 3600)))
            self.assertEqual(path, store.path)
            self.assertTrue(str(path).endswith(os.path.join("app_1", "offline-license.jws")))
            if os.name == "posix":
                self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
            self.assertEqual(store.load(JWKS, "HW-1").sub, "usr_1")
            with self.assertRaises(OfflineLicenseError):
                store.load(JWKS, "HW-2")
            self.assertEqual(os.listdir(os.path.dirname(path)), ["offline-license.jws"])
            store.clear()
            self.assertFalse(path.exists())

    @unittest.skipIf(sys.platform in ("win32", "darwin"), "the XDG rule is for Linux and the like")
    def test_the_default_directory_follows_xdg_data_home(self):
        saved = os.environ.get("XDG_DATA_HOME")
        try:
            os.environ["XDG_DATA_HOME"] = "/tmp/xdg-data"
            self.assertEqual(str(default_license_dir()), os.path.join("/tmp/xdg-data", "keyhold"))
            del os.environ["XDG_DATA_HOME"]
            self.assertEqual(str(default_license_dir()), os.path.expanduser("~/.local/share/keyhold"))
        finally:
            if saved is not None:
                os.environ["XDG_DATA_HOME"] = saved


if __name__ == "__main__":
    unittest.main()
