import unittest
from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from keyhold.errors import SignatureError
from keyhold.signatures import (
    Exchange,
    PinnedKeys,
    b64url_decode,
    create_nonce,
    signature_base,
    verify_answer_body,
    verify_answer_signature,
    verify_ed25519,
)
from keyhold.structured_fields import InnerList, Item, StructuredFieldError, Token, parse_dictionary, serialize_inner_list

from .signing import TestKey, digest_field, jwks_of, sign_answer

# RFC 9421 Appendix B.1.4 (test-key-ed25519, as a JWK) and B.2.6 (signing a request using ed25519).
RFC_KEY = {"kty": "OKP", "crv": "Ed25519", "kid": "test-key-ed25519", "x": "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"}
RFC_PRIVATE_D = "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU"
RFC_REQUEST = {
    "date": "Tue, 20 Apr 2021 02:07:55 GMT",
    "@method": "POST",
    "@path": "/foo",
    "@authority": "example.com",
    "content-type": "application/json",
    "content-length": "18",
}
RFC_INPUT = 'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"'
RFC_SIGNATURE = "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:"
RFC_BASE = "\n".join(
    [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
    ]
)


class Rfc9421Ed25519Vector(unittest.TestCase):
    def parsed(self):
        return parse_dictionary(RFC_INPUT)["sig-b26"], parse_dictionary(RFC_SIGNATURE)["sig-b26"].value

    def test_builds_the_signature_base_the_rfc_gives(self):
        covered, _ = self.parsed()
        self.assertEqual(signature_base(covered, lambda c: RFC_REQUEST.get(c.value)), RFC_BASE)

    def test_verifies_the_rfcs_signature_and_refuses_a_changed_path(self):
        covered, signature = self.parsed()
        key = PinnedKeys({"keys": [dict(RFC_KEY, use="sig", alg="EdDSA")]}).get("test-key-ed25519")
        self.assertEqual(len(signature), 64)
        self.assertTrue(verify_ed25519(key, signature, signature_base(covered, lambda c: RFC_REQUEST.get(c.value))))
        bent = dict(RFC_REQUEST, **{"@path": "/fo0"})
        self.assertFalse(verify_ed25519(key, signature, signature_base(covered, lambda c: bent.get(c.value))))

    def test_reproduces_the_signature_value_itself(self):
        covered, _ = self.parsed()
        private = Ed25519PrivateKey.from_private_bytes(b64url_decode(RFC_PRIVATE_D))
        ours = private.sign(signature_base(covered, lambda c: RFC_REQUEST.get(c.value)).encode())
        import base64

        self.assertEqual(f"sig-b26=:{base64.b64encode(ours).decode()}:", RFC_SIGNATURE)


class StructuredFields(unittest.TestCase):
    def test_parses_items_inner_lists_and_parameters(self):
        d = parse_dictionary('a=1, b=?0, c=(x "y";p=-2.5 :AQID:);q=tok/en, d, e="\\"q\\""')
        self.assertEqual(d["a"].value, 1)
        self.assertIs(d["b"].value, False)
        c = d["c"]
        self.assertIsInstance(c, InnerList)
        self.assertEqual([i.value for i in c.items], [Token("x"), "y", b"\x01\x02\x03"])
        self.assertEqual(c.items[1].params, [("p", Decimal("-2.5"))])
        self.assertEqual(c.params, [("q", Token("tok/en"))])
        self.assertIs(d["d"].value, True)
        self.assertEqual(d["e"].value, '"q"')
        self.assertEqual(serialize_inner_list(c), '(x "y";p=-2.5 :AQID:);q=tok/en')

    def test_a_repeated_key_keeps_its_place_and_takes_the_last_value(self):
        d = parse_dictionary("a=1, b=2, a=3")
        self.assertEqual(list(d), ["a", "b"])
        self.assertEqual(d["a"].value, 3)

    def test_refuses_what_rfc_8941_refuses(self):
        for bad in ["a=", "a=1,", "A=1", "a=(1 2", 'a="open', "a=:AQ*D:", "a=1;", "a=1 b=2", "a=1234567890123456", 'a="\\x"', "a=1.2345", "a=é"]:
            with self.subTest(bad=bad), self.assertRaises(StructuredFieldError):
                parse_dictionary(bad)


KEY = TestKey("key_test")
PINNED = PinnedKeys(jwks_of(KEY))
BODY = b'{"success":false,"error":{"code":"INVALID_CREDENTIALS","message":"Username or password is incorrect"}}'


def exchange(headers, status=401, method="POST", path="/v1/client/login", nonce="nonce-1234567890"):
    lower = {k.lower(): v for k, v in headers.items()}
    return Exchange(method, path, nonce, status, lambda name: lower.get(name))


class Verification(unittest.TestCase):
    def signed(self, **kw):
        args = dict(status=401, method="POST", path="/v1/client/login", body=BODY, nonce="nonce-1234567890")
        args.update(kw)
        return sign_answer(KEY, **args)

    def refusal(self, x, **kw):
        with self.assertRaises(SignatureError) as caught:
            verify_answer_signature(x, PINNED, **kw)
        return caught.exception.reason

    def test_a_genuine_answer_verifies_and_its_body_is_checked(self):
        verified = verify_answer_signature(exchange(self.signed()), PINNED)
        self.assertEqual((verified.kid, verified.status, verified.covers), ("key_test", 401, "body"))
        verify_answer_body(verified, BODY)
        with self.assertRaises(SignatureError) as caught:
            verify_answer_body(verified, BODY + b" ")
        self.assertEqual(caught.exception.reason, "digest-mismatch")
        self.assertEqual(caught.exception.code, "UNVERIFIED_ANSWER")
        self.assertEqual(caught.exception.status, 0)

    def test_every_refusal_has_its_reason(self):
        good = self.signed()
        other = TestKey("key_test")  # the same kid, another key: a forgery
        cases = {
            "unsigned": exchange({"content-digest": digest_field(BODY)}),
            "malformed": exchange(dict(good, signature="keyhold=:AAAA:")),
            "unknown-key": exchange(sign_answer(TestKey("key_other"), 401, "POST", "/v1/client/login", BODY, nonce="nonce-1234567890")),
            "nonce-mismatch": exchange(good, nonce="another-nonce-123"),
            "status-mismatch": exchange(good, status=200),
            "path-mismatch": exchange(good, path="/v1/client/register"),
            "bad-signature": exchange(sign_answer(other, 401, "POST", "/v1/client/login", BODY, nonce="nonce-1234567890")),
        }
        for reason, x in cases.items():
            with self.subTest(reason=reason):
                self.assertEqual(self.refusal(x), reason)

    def test_an_answer_to_no_nonce_is_a_replay(self):
        self.assertEqual(self.refusal(exchange(self.signed(nonce=None))), "nonce-mismatch")

    def test_other_labels_or_components_are_refused(self):
        good = self.signed()
        relabelled = {k: v.replace("keyhold=", "other=") if k != "content-digest" else v for k, v in good.items()}
        self.assertEqual(self.refusal(exchange(relabelled)), "unsigned")
        fewer = dict(good, **{"signature-input": good["signature-input"].replace(' "@path";req', "")})
        self.assertEqual(self.refusal(exchange(fewer)), "malformed")
        other_alg = dict(good, **{"signature-input": good["signature-input"].replace('alg="ed25519"', 'alg="rsa-pss-sha512"')})
        self.assertEqual(self.refusal(exchange(other_alg)), "malformed")

    def test_a_ranged_signature_is_accepted_only_for_a_206_when_asked(self):
        good = self.signed()
        ranged = dict(good, **{"signature-input": good["signature-input"].replace('"content-digest"', '"repr-digest" "content-range"')})
        self.assertEqual(self.refusal(exchange(ranged, status=206)), "malformed")

    def test_pinned_keys_are_checked_when_made(self):
        for bad in [{}, {"keys": []}, {"keys": [dict(KEY.jwk, d="x" * 43)]}, {"keys": [dict(KEY.jwk, crv="P-256")]}, {"keys": [KEY.jwk, KEY.jwk]}]:
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                PinnedKeys(bad)

    def test_nonces_are_fresh_and_of_the_allowed_alphabet(self):
        a, b = create_nonce(), create_nonce()
        self.assertNotEqual(a, b)
        self.assertRegex(a, r"^[A-Za-z0-9_-]{32}$")

    def test_the_signature_base_refuses_line_breaks_and_repeats(self):
        covered = InnerList([Item('"@status"'), Item('"@status"')])
        with self.assertRaises(StructuredFieldError):
            signature_base(covered, lambda c: "200")
        with self.assertRaises(StructuredFieldError):
            signature_base(InnerList([Item('"x"')]), lambda c: "a\nb")


if __name__ == "__main__":
    unittest.main()
