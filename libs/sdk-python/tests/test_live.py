"""Against a live Keyhold: the fixture that scripts/sdk-harness.mjs seeds (KEYHOLD_FIXTURE names its file).

Without a fixture these tests are skipped, unless KEYHOLD_REQUIRE_LIVE=1 (as `npm test` sets it),
where a missing fixture fails. One run per fresh fixture: the tests register users and use up keys.
"""

import json
import os
import secrets
import tempfile
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from keyhold import ChecksumError, Client, KeyholdError, NetworkError, OfflineLicenseError, SignatureError, axora_url, verify_offline_license

FIXTURE_FILE = os.environ.get("KEYHOLD_FIXTURE")
REQUIRED = os.environ.get("KEYHOLD_REQUIRE_LIVE") == "1"
F = json.loads(Path(FIXTURE_FILE).read_text()) if FIXTURE_FILE else None
HW = "HW-ALICE-PY"


def setUpModule():
    if F is None and REQUIRED:
        raise RuntimeError("KEYHOLD_REQUIRE_LIVE=1 but KEYHOLD_FIXTURE names no fixture")


@unittest.skipIf(F is None, "no live Keyhold (KEYHOLD_FIXTURE unset; see scripts/sdk-harness.mjs)")
class Live(unittest.TestCase):
    def client(self, app="app", base_url=None, **kw):
        a = F[app]
        kw.setdefault("jwks", a["jwks"])
        return Client(base_url or F["baseUrl"], a["apiKey"], app_id=a["id"], **kw)

    def alice(self, **kw):
        c = self.client(**kw)
        c.login(F["users"]["alice"], F["password"], HW)
        return c

    def error(self, call, *args):
        with self.assertRaises(KeyholdError) as caught:
            call(*args)
        return caught.exception

    def assertCode(self, e, code, status):
        self.assertNotIsInstance(e, SignatureError, e)
        self.assertEqual((e.code, e.status), (code, status), e)


class SeedErrorCodes(Live):
    def test_invalid_credentials(self):
        self.assertCode(self.error(self.client().login, "alice", "wrong password", HW), "INVALID_CREDENTIALS", 401)

    def test_hwid_mismatch(self):
        bound = F["users"]["bound"]
        self.assertCode(self.error(self.client().login, bound["username"], F["password"], "HW-ANOTHER"), "HWID_MISMATCH", 403)

    def test_blacklisted(self):
        self.assertCode(self.error(self.client().license_login, F["keys"]["spare"], F["blacklistedHwid"]), "BLACKLISTED", 403)

    def test_license_expired(self):
        self.assertCode(self.error(self.client().login, F["users"]["expired"], F["password"], "HW-E"), "LICENSE_EXPIRED", 403)
        self.assertCode(self.error(self.client().license_login, F["keys"]["expired"], "HW-E"), "LICENSE_EXPIRED", 403)

    def test_rate_limited_with_retry_after(self):
        c = self.client("limitedApp")
        for _ in range(F["limitedApp"]["limitPerMin"] + 20):
            try:
                c.license_login("NO-SUCH-KEY-" + secrets.token_hex(4), "HW-R")
            except KeyholdError as e:
                if e.code == "RATE_LIMITED":
                    self.assertCode(e, "RATE_LIMITED", 429)
                    self.assertGreaterEqual(e.retry_after, 1)
                    return
                self.assertCode(e, "INVALID_LICENSE", 401)
        self.fail("never rate limited")

    def test_not_found(self):
        self.assertCode(self.error(self.alice().file_info, "file_doesnotexist"), "NOT_FOUND", 404)

    def test_invalid_key_is_unsigned_so_a_verifying_client_refuses_it(self):
        c = Client(F["baseUrl"], "ak_wrong", jwks=F["app"]["jwks"])
        e = self.error(c.login, "alice", F["password"], HW)
        self.assertIsInstance(e, SignatureError)
        self.assertEqual(e.reason, "unsigned")
        self.assertEqual(e.received_status, 401)
        plain = Client(F["baseUrl"], "ak_wrong")
        self.assertCode(self.error(plain.login, "alice", F["password"], HW), "INVALID_KEY", 401)


class ContractErrorCodes(Live):
    def test_user_banned(self):
        self.assertCode(self.error(self.client().login, F["users"]["banned"], F["password"], "HW-B"), "USER_BANNED", 403)

    def test_license_banned(self):
        self.assertCode(self.error(self.client().license_login, F["keys"]["banned"], "HW-B"), "LICENSE_BANNED", 403)

    def test_app_disabled(self):
        self.assertCode(self.error(self.client("disabledApp").login, "alice", F["password"], HW), "APP_DISABLED", 403)

    def test_invalid_license(self):
        self.assertCode(self.error(self.client().license_login, "NOT-A-KEY-AT-ALL", "HW-I"), "INVALID_LICENSE", 401)

    def test_username_taken(self):
        e = self.error(self.client().register, "alice", F["password"], F["keys"]["more"][0], "HW-T")
        self.assertCode(e, "USERNAME_TAKEN", 409)

    def test_license_used(self):
        e = self.error(self.client().register, "someone-new-py", F["password"], F["keys"]["used"], "HW-U")
        self.assertCode(e, "LICENSE_USED", 409)

    def test_forbidden(self):
        plain = self.client("plainApp")
        plain.login(F["plainApp"]["username"], F["password"])
        self.assertCode(self.error(plain.offline_checkout), "FORBIDDEN", 403)
        self.assertCode(self.error(self.alice().file_info, F["files"]["forbidden"]["id"]), "FORBIDDEN", 403)

    def test_unauthorized_before_login_and_after_logout(self):
        self.assertCode(self.error(self.client().session), "UNAUTHORIZED", 401)
        c = self.alice()
        token = c.token
        c.logout()
        self.assertIsNone(c.token)
        c.token = token  # the ended session's token is refused at once
        self.assertCode(self.error(c.session), "UNAUTHORIZED", 401)

    def test_update_required_unless_the_version_is_the_apps(self):
        v = F["versionedApp"]
        for version in (None, "1.9.9"):
            e = self.error(self.client("versionedApp", version=version).login, v["username"], F["password"])
            self.assertCode(e, "UPDATE_REQUIRED", 426)
            self.assertEqual(e.message, f"Update required. Current version: {v['version']}")
        login = self.client("versionedApp", version=v["version"]).login(v["username"], F["password"])
        self.assertEqual(login.user.username, v["username"])

    def test_validation_failed_with_details(self):
        e = self.error(self.client().login, "", F["password"], HW)
        self.assertCode(e, "VALIDATION_FAILED", 400)
        self.assertTrue(any(d.get("field") == "username" for d in e.details or []), e.details)


class SignIn(Live):
    def test_login_session_and_logout(self):
        c = self.client()
        login = c.login("alice", F["password"], HW)
        self.assertEqual((login.user.username, login.user.subscription, login.user.hwid), ("alice", F["subscription"], HW))
        session = c.session()
        self.assertTrue(session.id.startswith("ses_"))
        self.assertEqual(session.user.username, "alice")
        c.logout()

    def test_register_with_a_key(self):
        login = self.client().register("newbie-py", F["password"], F["keys"]["register"], "HW-NEW")
        self.assertEqual(login.user.username, "newbie-py")
        self.assertTrue(login.token)

    def test_license_login(self):
        c = self.client()
        login = c.license_login(F["keys"]["license"], "HW-LIC")
        self.assertEqual((login.license.key, login.license.hwid), (F["keys"]["license"], "HW-LIC"))
        self.assertEqual(c.session().license.subscription, F["subscription"])

    def test_axora_url_authenticates(self):
        url = axora_url(F["baseUrl"], F["app"]["endpoint"], "alice", F["password"], F["app"]["version"], HW)
        with urllib.request.urlopen(url) as res:
            answer = json.load(res)
        self.assertEqual((answer["authenticated"], answer["app_id"]), (True, F["app"]["id"]))
        with self.assertRaises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(axora_url(F["baseUrl"], F["app"]["endpoint"], "alice", "wrong+pass/word", "1.0.0", HW))
        self.assertEqual(caught.exception.code, 401)


class ForgedAndReplayed(Live):
    def reason(self, base_url, password=None, **kw):
        c = self.client(base_url=base_url, **kw)
        with self.assertRaises(SignatureError) as caught:
            c.login("alice", password or F["password"], HW)
        self.assertEqual(caught.exception.code, "UNVERIFIED_ANSWER")
        self.assertIsNone(c.token)
        return caught.exception.reason

    def test_a_forged_answer_is_refused(self):
        self.assertEqual(self.reason(F["proxies"]["forge"]), "bad-signature")

    def test_a_replayed_answer_is_refused(self):
        c = self.client(base_url=F["proxies"]["replay"])
        self.assertEqual(c.login("alice", F["password"], HW).user.username, "alice")  # recorded, and genuine
        self.assertEqual(self.reason(F["proxies"]["replay"]), "nonce-mismatch")

    def test_an_altered_body_is_refused(self):
        self.assertEqual(self.reason(F["proxies"]["tamperBody"]), "digest-mismatch")

    def test_a_refusal_turned_into_a_success_is_refused(self):
        self.assertEqual(self.reason(F["proxies"]["tamperStatus"], password="wrong password"), "status-mismatch")

    def test_an_unsigned_answer_is_refused(self):
        self.assertEqual(self.reason(F["proxies"]["unsigned"]), "unsigned")

    def test_another_apps_keys_refuse_this_apps_answers(self):
        self.assertEqual(self.reason(F["baseUrl"], jwks=F["otherApp"]["jwks"]), "unknown-key")

    def test_without_verification_the_forgery_passes_which_is_why_it_is_on(self):
        c = self.client(base_url=F["proxies"]["forge"], verify=False)
        self.assertEqual(c.login("alice", "anything", HW).user.username, "anyone")


class OfflineLicenses(Live):
    def test_checkout_store_and_verify_offline(self):
        with tempfile.TemporaryDirectory() as d:
            c = self.alice(license_dir=d)
            checkout = c.offline_checkout()
            self.assertEqual((checkout.claims.hwid, checkout.claims.iss), (HW, F["app"]["id"]))
            self.assertTrue(checkout.claims.sub.startswith("usr_"))
            self.assertEqual(checkout.path, Path(d) / F["app"]["id"] / "offline-license.jws")
            offline = self.client(license_dir=d, base_url="http://127.0.0.1:9")  # no server at all
            self.assertEqual(offline.load_offline_license(HW).subscription, F["subscription"])
            with self.assertRaises(OfflineLicenseError) as caught:
                offline.load_offline_license("HW-SOMEONE-ELSES")
            self.assertEqual(caught.exception.reason, "hwid-mismatch")
            h, p, s = checkout.license.split(".")
            with self.assertRaises(OfflineLicenseError) as caught:
                verify_offline_license(f"{h}.{p}.{s[:-4]}AAAA", F["app"]["jwks"], HW)
            self.assertEqual(caught.exception.reason, "bad-signature")
            with self.assertRaises(OfflineLicenseError) as caught:
                verify_offline_license(checkout.license, F["otherApp"]["jwks"], HW)
            self.assertEqual(caught.exception.reason, "unknown-key")


class Downloads(Live):
    def test_download_cut_off_then_resumed(self):
        allowed = F["files"]["allowed"]
        with tempfile.TemporaryDirectory() as d:
            dest = Path(d) / "tool.bin"
            cut = self.alice(base_url=F["proxies"]["cut"])
            with self.assertRaises(NetworkError):
                cut.download_file(allowed["id"], dest)
            partials = list(Path(d).glob("tool.bin.*.part"))
            self.assertEqual(len(partials), 1)
            kept = partials[0].stat().st_size
            self.assertTrue(0 < kept < allowed["size"], kept)
            self.assertFalse(dest.exists())

            done = self.alice().download_file(allowed["id"], dest)
            self.assertEqual((done.resumed_from, done.size, done.sha256), (kept, allowed["size"], allowed["sha256"]))
            self.assertEqual(dest.stat().st_size, allowed["size"])
            self.assertEqual(list(Path(d).glob("*.part")), [])

    def test_a_whole_download(self):
        allowed = F["files"]["allowed"]
        with tempfile.TemporaryDirectory() as d:
            done = self.alice().download_file(allowed["id"], Path(d) / "whole.bin")
            self.assertEqual((done.resumed_from, done.sha256), (0, allowed["sha256"]))

    def test_an_altered_file_is_refused_and_not_kept(self):
        allowed = F["files"]["allowed"]
        with tempfile.TemporaryDirectory() as d:
            c = self.alice(base_url=F["proxies"]["tamperFile"])  # it bends file bytes only
            with self.assertRaises(SignatureError) as caught:
                c.download_file(allowed["id"], Path(d) / "bad.bin")
            self.assertEqual(caught.exception.reason, "digest-mismatch")
            self.assertEqual(os.listdir(d), [])

    def test_without_verification_an_altered_file_fails_its_sha256_and_is_not_kept(self):
        allowed = F["files"]["allowed"]
        with tempfile.TemporaryDirectory() as d:
            c = self.alice(base_url=F["proxies"]["tamperFile"], jwks=None)  # only the SHA-256 check is left
            self.assertFalse(c.verifying)
            dest = Path(d) / "bad.bin"
            with self.assertRaises(ChecksumError) as caught:
                c.download_file(allowed["id"], dest)
            self.assertEqual(caught.exception.code, "CHECKSUM_MISMATCH")
            self.assertFalse(dest.exists())
            self.assertEqual(os.listdir(d), [])


if __name__ == "__main__":
    unittest.main()
