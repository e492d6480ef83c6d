// Unit tests: no network (but for local sockets of the retry tests).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <tuple>

#include "answer_signatures.hpp"
#include "http.hpp"
#include "internal.hpp"
#include "keyhold/keyhold.hpp"
#include "structured_fields.hpp"
#include "test_support.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#define KEYHOLD_TEST_SOCKETS 1
#endif

namespace fs = std::filesystem;
using namespace keyhold;
using namespace keyhold::detail;

namespace {

// --- RFC 9421 Appendix B.2.6 -----------------------------------------------------------------

const char* const kRfcX = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs";
const char* const kRfcD = "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU";
const char* const kRfcInput =
    R"(sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519")";
const char* const kRfcSignature =
    "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";

std::optional<std::string> rfc_value(const sf::Item& c, const std::string& path = "/foo") {
  const std::string& name = std::get<std::string>(c.value);
  if (name == "date") return std::string("Tue, 20 Apr 2021 02:07:55 GMT");
  if (name == "@method") return std::string("POST");
  if (name == "@path") return path;
  if (name == "@authority") return std::string("example.com");
  if (name == "content-type") return std::string("application/json");
  if (name == "content-length") return std::string("18");
  return std::nullopt;
}

const sf::InnerList& rfc_input() {
  static const sf::Dictionary dict = sf::parse_dictionary(kRfcInput);
  return std::get<sf::InnerList>(*dict.find("sig-b26"));
}

std::string rfc_signature() {
  const auto dict = sf::parse_dictionary(kRfcSignature);
  return std::get<sf::Bytes>(std::get<sf::Item>(*dict.find("sig-b26")).value).value;
}

PublicKey rfc_key() {
  const auto x = from_base64url(kRfcX);
  PublicKey key{};
  std::copy(x->begin(), x->end(), key.begin());
  return key;
}

TEST(Rfc9421B26, BuildsTheSignatureBaseTheRfcGives) {
  const std::string expected =
      "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
      "\"@method\": POST\n"
      "\"@path\": /foo\n"
      "\"@authority\": example.com\n"
      "\"content-type\": application/json\n"
      "\"content-length\": 18\n"
      "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
      "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
  EXPECT_EQ(signature_base(rfc_input(), [](const sf::Item& c) { return rfc_value(c); }), expected);
}

TEST(Rfc9421B26, VerifiesTheRfcSignatureAndRefusesAnotherPath) {
  const std::string sig = rfc_signature();
  ASSERT_EQ(sig.size(), 64u);
  EXPECT_TRUE(verify_ed25519(rfc_key(), sig, signature_base(rfc_input(), [](const sf::Item& c) { return rfc_value(c); })));
  EXPECT_FALSE(verify_ed25519(rfc_key(), sig,
                              signature_base(rfc_input(), [](const sf::Item& c) { return rfc_value(c, "/fo0"); })));
}

TEST(Rfc9421B26, ReproducesTheSignatureFromThePrivateKey) {
  ensure_sodium();
  const auto seed = from_base64url(kRfcD);
  ASSERT_EQ(seed->size(), 32u);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(seed->data()));
  EXPECT_EQ(to_base64url(std::string(reinterpret_cast<char*>(pk), sizeof pk)), kRfcX);
  const std::string base = signature_base(rfc_input(), [](const sf::Item& c) { return rfc_value(c); });
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(base.data()), base.size(), sk);
  EXPECT_EQ("sig-b26=:" + to_base64(std::string(reinterpret_cast<char*>(sig), sizeof sig)) + ":", kRfcSignature);
}

TEST(Rfc9421B26, RefusesAMissingOrRepeatedComponent) {
  EXPECT_THROW(signature_base(rfc_input(),
                              [](const sf::Item& c) -> std::optional<std::string> {
                                if (std::get<std::string>(c.value) == "date") return std::nullopt;
                                return rfc_value(c);
                              }),
               sf::StructuredFieldError);
  const auto twice = sf::parse_dictionary(R"(s=("date" "date"))");
  EXPECT_THROW(signature_base(std::get<sf::InnerList>(*twice.find("s")), [](const sf::Item& c) { return rfc_value(c); }),
               sf::StructuredFieldError);
}

// --- RFC 8941 structured fields ---------------------------------------------------------------

TEST(StructuredFields, ParsesInnerListsWithParameters) {
  const auto d = sf::parse_dictionary(R"(a=("x" "y";req tok);n=1;s="q\"\\";b=?0, b=:AQID:;p=?1, c)");
  ASSERT_EQ(d.entries.size(), 3u);
  const auto& list = std::get<sf::InnerList>(*d.find("a"));
  ASSERT_EQ(list.items.size(), 3u);
  EXPECT_EQ(std::get<std::string>(list.items[0].value), "x");
  EXPECT_TRUE(std::get<bool>(*list.items[1].params.find("req")));
  EXPECT_EQ(std::get<sf::Token>(list.items[2].value).value, "tok");
  EXPECT_EQ(std::get<std::int64_t>(*list.params.find("n")), 1);
  EXPECT_EQ(std::get<std::string>(*list.params.find("s")), "q\"\\");
  EXPECT_FALSE(std::get<bool>(*list.params.find("b")));
  EXPECT_EQ(sf::serialize_inner_list(list), R"(("x" "y";req tok);n=1;s="q\"\\";b=?0)");
  const auto& bytes = std::get<sf::Item>(*d.find("b"));
  EXPECT_EQ(std::get<sf::Bytes>(bytes.value).value, std::string("\x01\x02\x03"));
  EXPECT_EQ(sf::serialize_item(bytes), ":AQID:;p");
  const auto& bare = std::get<sf::Item>(*d.find("c"));
  EXPECT_TRUE(std::get<bool>(bare.value));
}

TEST(StructuredFields, ParsesNumbers) {
  const auto d = sf::parse_dictionary("i=-42, z=0, big=999999999999999, dec=1.5, neg=-0.25, whole=3.0");
  EXPECT_EQ(std::get<std::int64_t>(std::get<sf::Item>(*d.find("i")).value), -42);
  EXPECT_EQ(std::get<std::int64_t>(std::get<sf::Item>(*d.find("big")).value), 999999999999999);
  EXPECT_EQ(std::get<sf::Decimal>(std::get<sf::Item>(*d.find("dec")).value).thousandths, 1500);
  EXPECT_EQ(sf::serialize_item(std::get<sf::Item>(*d.find("dec"))), "1.5");
  EXPECT_EQ(sf::serialize_item(std::get<sf::Item>(*d.find("neg"))), "-0.25");
  EXPECT_EQ(sf::serialize_item(std::get<sf::Item>(*d.find("whole"))), "3.0");
}

TEST(StructuredFields, ADuplicateKeyKeepsItsPlaceAndTakesTheLastValue) {
  const auto d = sf::parse_dictionary("a=1, b=2, a=3");
  ASSERT_EQ(d.entries.size(), 2u);
  EXPECT_EQ(d.entries[0].first, "a");
  EXPECT_EQ(std::get<std::int64_t>(std::get<sf::Item>(d.entries[0].second).value), 3);
}

TEST(StructuredFields, ToleratesWhitespaceBetweenMembers) {
  const auto d = sf::parse_dictionary("  a=1 ,\tb=(1 2)  ");
  EXPECT_EQ(d.entries.size(), 2u);
  EXPECT_EQ(std::get<sf::InnerList>(*d.find("b")).items.size(), 2u);
}

TEST(StructuredFields, RefusesWhatRfc8941Refuses) {
  for (const char* bad : {"a=1,", "a=1, ", "A=1", "a=\"unterminated", "a=\"bad\\x\"", "a=(1 2", "a=(1,2)",
                          "a=1234567890123456", "a=1.2345", "a=1.", "a=1234567890123.1", "a=:not*base64:",
                          "a=:AQID", "a=?2", "a=@", "a=1 b=2", "a=\"caf\xc3\xa9\""}) {
    EXPECT_THROW(sf::parse_dictionary(bad), sf::StructuredFieldError) << bad;
  }
}

TEST(StructuredFields, ReadsDigestFields) {
  const std::string field = test::digest_field("hello");
  EXPECT_EQ(sha256_of_digest_field(field), sha256_hex("hello"));
  EXPECT_EQ(sha256_of_digest_field("sha-512=:AAAA:, sha-256=:" + to_base64(sha256("x")) + ":"), sha256_hex("x"));
  EXPECT_FALSE(sha256_of_digest_field(std::string("sha-512=:AAAA:")));
  EXPECT_FALSE(sha256_of_digest_field(std::string("sha-256=:AAAA:")));
  EXPECT_FALSE(sha256_of_digest_field(std::nullopt));
}

// --- Keyhold's answer profile ---------------------------------------------------------------

class AnswerProfile : public ::testing::Test {
 protected:
  test::TestKey key{"key_test1"};
  PinnedKeys keys{key.jwks()};
  std::string body = R"({"success":true,"data":{"ok":1}})";
  std::string nonce = "n0nce-0123456789abcdef";

  Headers genuine(test::SignedParts p = {}) {
    if (p.nonce.empty()) p.nonce = nonce;
    if (p.content_digest.empty()) p.content_digest = test::digest_field(body);
    const auto [input, signature] = test::sign_answer(p, key);
    Headers h;
    h.add("Content-Digest", p.content_digest);
    h.add("Signature-Input", input);
    h.add("Signature", signature);
    return h;
  }

  /// The refusal's reason, or "verified" (the body checked too).
  std::string reason_of(const Headers& h, int status = 200, const std::string& path = "/v1/client/license",
                        const std::string& the_body = "", VerifyOptions options = {}) {
    SignedExchange x{"POST", path, nonce, status, &h};
    try {
      const auto verified = verify_answer_signature(x, keys, options);
      verify_answer_body(verified, the_body.empty() ? body : the_body);
      return "verified";
    } catch (const SignatureError& e) {
      EXPECT_EQ(e.status(), 0);
      EXPECT_EQ(e.code(), "UNVERIFIED_ANSWER");
      EXPECT_EQ(e.received_status(), status);
      return e.reason();
    }
  }

  /// A genuine answer whose Signature-Input (and Signature) went through `edit`.
  Headers edited(const std::function<void(std::string& input, std::string& signature)>& edit) {
    const Headers g = genuine();
    std::string input = *g.get("signature-input"), signature = *g.get("signature");
    edit(input, signature);
    Headers h;
    h.add("content-digest", *g.get("content-digest"));
    if (!input.empty()) h.add("signature-input", input);
    if (!signature.empty()) h.add("signature", signature);
    return h;
  }

  static void replace(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
};

TEST_F(AnswerProfile, VerifiesAGenuineAnswerAndReportsWhatItProves) {
  const Headers h = genuine();
  SignedExchange x{"POST", "/v1/client/license", nonce, 200, &h};
  const auto v = verify_answer_signature(x, keys);
  EXPECT_EQ(v.kid, "key_test1");
  EXPECT_EQ(v.created, 1796153142);
  EXPECT_TRUE(v.covers_body);
  EXPECT_EQ(v.sha256, sha256_hex(body));
  EXPECT_NO_THROW(verify_answer_body(v, body));
}

TEST_F(AnswerProfile, FindsKeyholdAmongOtherSignaturesAndCombinedFieldLines) {
  const Headers g = genuine();
  Headers h;
  h.add("content-digest", *g.get("content-digest"));
  h.add("signature-input", R"(proxy=("@status");created=1;keyid="x")");
  h.add("signature-input", *g.get("signature-input"));
  h.add("signature", *g.get("signature") + ", proxy=:" + to_base64(std::string(64, '\0')) + ":");
  EXPECT_EQ(reason_of(h), "verified");
}

TEST_F(AnswerProfile, BuildsTheBaseFromTheParametersInTheirOrder) {
  const std::string params =
      "(\"@status\" \"content-digest\" \"@method\";req \"@path\";req);keyid=\"key_test1\";nonce=\"" + nonce + "\";created=7";
  const std::string base = "\"@status\": 200\n\"content-digest\": " + test::digest_field(body) +
                           "\n\"@method\";req: POST\n\"@path\";req: /v1/client/license\n\"@signature-params\": " + params;
  Headers h;
  h.add("content-digest", test::digest_field(body));
  h.add("signature-input", "keyhold=" + params);
  h.add("signature", "keyhold=:" + to_base64(key.sign(base)) + ":");
  EXPECT_EQ(reason_of(h), "verified");
}

TEST_F(AnswerProfile, RefusesEachWayAnAnswerCanBeWrong) {
  using Edit = std::function<void(std::string&, std::string&)>;
  const std::vector<std::tuple<const char*, Edit, const char*>> cases = {
      {"no signature fields", [](std::string& i, std::string& s) { i.clear(), s.clear(); }, "unsigned"},
      {"only another label",
       [](std::string& i, std::string& s) { i = R"(sig1=("@status");keyid="x")", s = "sig1=:AAAA:"; }, "unsigned"},
      {"Signature-Input without Signature", [](std::string&, std::string& s) { s.clear(); }, "malformed"},
      {"Signature without Signature-Input", [](std::string& i, std::string&) { i.clear(); }, "malformed"},
      {"unparsable Signature-Input", [](std::string& i, std::string&) { replace(i, "(", "(("); }, "malformed"},
      {"Signature not a byte sequence", [](std::string&, std::string& s) { s = R"(keyhold="abc")"; }, "malformed"},
      {"a 63-byte signature",
       [](std::string&, std::string& s) { s = "keyhold=:" + to_base64(std::string(63, 'x')) + ":"; }, "malformed"},
      {"Signature-Input as an item", [](std::string& i, std::string&) { i = R"(keyhold="x")"; }, "malformed"},
      {"components in another order",
       [](std::string& i, std::string&) { replace(i, R"("@status" "content-digest")", R"("content-digest" "@status")"); },
       "malformed"},
      {"@path without ;req", [](std::string& i, std::string&) { replace(i, R"("@path";req)", R"("@path")"); },
       "malformed"},
      {"fewer components", [](std::string& i, std::string&) { replace(i, R"( "@method";req)", ""); }, "malformed"},
      {"no keyid", [](std::string& i, std::string&) { replace(i, R"(;keyid="key_test1")", ""); }, "malformed"},
      {"keyid as a token", [](std::string& i, std::string&) { replace(i, R"(keyid="key_test1")", "keyid=key_test1"); },
       "malformed"},
      {"no created", [](std::string& i, std::string&) { replace(i, ";created=1796153142", ""); }, "malformed"},
      {"another alg", [](std::string& i, std::string&) { replace(i, R"(alg="ed25519")", R"(alg="rsa-pss-sha512")"); },
       "malformed"},
      {"a keyid not pinned", [](std::string& i, std::string&) { replace(i, "key_test1", "key_other"); }, "unknown-key"},
      {"no nonce", [](std::string& i, std::string&) { replace(i, R"(;nonce="n0nce-0123456789abcdef")", ""); },
       "nonce-mismatch"},
      {"a nonce as a token",
       [](std::string& i, std::string&) { replace(i, R"(nonce="n0nce-0123456789abcdef")", "nonce=abc"); },
       "nonce-mismatch"},
      {"another request's nonce",
       [](std::string& i, std::string&) { replace(i, R"(nonce="n0nce-0123456789abcdef")", R"(nonce="other-nonce-1")"); },
       "nonce-mismatch"},
      {"an added parameter", [](std::string& i, std::string&) { i += R"(;tag="x")"; }, "bad-signature"},
      {"another signature", [](std::string&, std::string& s) { s = "keyhold=:" + to_base64(std::string(64, 'x')) + ":"; },
       "bad-signature"},
  };
  for (const auto& [name, edit, reason] : cases) EXPECT_EQ(reason_of(edited(edit)), reason) << name;
}

TEST_F(AnswerProfile, TellsWhatAGenuineSignatureWasMadeFor) {
  EXPECT_EQ(reason_of(genuine(), 403), "status-mismatch");  // a 200 turned into a 403
  test::SignedParts other_path;
  other_path.path = "/v1/client/login";
  EXPECT_EQ(reason_of(genuine(other_path)), "path-mismatch");
  test::SignedParts other_method;
  other_method.method = "GET";
  EXPECT_EQ(reason_of(genuine(other_method)), "path-mismatch");
  // Signed for the path without the base URL's prefix: the diagnosis tries the API's own path.
  test::SignedParts api_path;
  api_path.path = "/v1/client/files/file_1";
  VerifyOptions options;
  options.other_paths = {"/v1/client/files/file_1"};
  EXPECT_EQ(reason_of(genuine(api_path), 200, "/prefix/v1/client/files/file_1", "", options), "path-mismatch");
  // Content-Digest changed along with the body: the signature no longer holds.
  Headers h = genuine();
  Headers altered;
  altered.add("content-digest", test::digest_field(body + " "));
  altered.add("signature-input", *h.get("signature-input"));
  altered.add("signature", *h.get("signature"));
  EXPECT_EQ(reason_of(altered, 200, "/v1/client/license", body + " "), "bad-signature");
}

TEST_F(AnswerProfile, RefusesABodyThatIsNotTheSignedOne) {
  EXPECT_EQ(reason_of(genuine(), 200, "/v1/client/license", body + " "), "digest-mismatch");
}

TEST_F(AnswerProfile, RefusesASignedDigestFieldWithoutSha256) {
  test::SignedParts p;
  p.content_digest = "sha-512=:AAAA:";
  EXPECT_EQ(reason_of(genuine(p)), "malformed");
}

TEST_F(AnswerProfile, VerifiesARangedAnswerOnlyWhereOneIsExpected) {
  const std::string file_sha = test::digest_field("the whole file");
  const std::string range = "bytes 4-13/14";
  const std::string params = "(\"@status\" \"repr-digest\" \"content-range\" \"@method\";req \"@path\";req);created=5;"
                             "keyid=\"key_test1\";alg=\"ed25519\";nonce=\"" + nonce + "\"";
  const std::string base = "\"@status\": 206\n\"repr-digest\": " + file_sha + "\n\"content-range\": " + range +
                           "\n\"@method\";req: GET\n\"@path\";req: /v1/client/files/f/bytes\n\"@signature-params\": " +
                           params;
  Headers h;
  h.add("repr-digest", file_sha);
  h.add("content-range", range);
  h.add("signature-input", "keyhold=" + params);
  h.add("signature", "keyhold=:" + to_base64(key.sign(base)) + ":");
  SignedExchange x{"GET", "/v1/client/files/f/bytes", nonce, 206, &h};
  VerifyOptions ranged;
  ranged.allow_range = true;
  const auto v = verify_answer_signature(x, keys, ranged);
  EXPECT_FALSE(v.covers_body);
  EXPECT_EQ(v.sha256, sha256_hex("the whole file"));
  EXPECT_EQ(v.content_range, range);
  EXPECT_THROW(verify_answer_body(v, "file"), SignatureError);
  try {
    verify_answer_signature(x, keys);
    ADD_FAILURE() << "a ranged answer verified where none is expected";
  } catch (const SignatureError& e) {
    EXPECT_EQ(e.reason(), "malformed");
  }
}

TEST(PinnedKeysTest, RefusesWhatIsNotAPublicEd25519JwkSet) {
  const test::TestKey key("key_a");
  EXPECT_NO_THROW(PinnedKeys{key.jwks()});
  for (const std::string& bad : std::vector<std::string>{
        "not json", "{}", R"({"keys":[]})",
        R"({"keys":[{"kty":"OKP","crv":"Ed25519","x":"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"}]})",
        R"({"keys":[{"kid":"k","kty":"RSA","crv":"Ed25519","x":"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"}]})",
        R"({"keys":[{"kid":"k","kty":"OKP","crv":"Ed25519","x":"short"}]})",
        R"({"keys":[{"kid":"k","kty":"OKP","crv":"Ed25519","x":"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs","d":"n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU"}]})",
        "{\"keys\":[" + key.jwk() + "," + key.jwk() + "]}"}) {
    try {
      PinnedKeys keys(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "INVALID_ARGUMENT") << bad;
    }
  }
}

TEST(Nonce, Is32Base64urlCharactersAndFresh) {
  const std::string a = create_nonce(), b = create_nonce();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_NE(a, b);
}

// --- Offline licenses -----------------------------------------------------------------------

class OfflineLicenses : public ::testing::Test {
 protected:
  test::TestKey key{"key_offline"};
  std::time_t now = 1800000000;

  std::string jws(const nlohmann::json& claims, nlohmann::json header = nullptr, const test::TestKey* signer = nullptr) {
    if (header.is_null()) header = {{"alg", "EdDSA"}, {"kid", key.kid}, {"typ", "keyhold-license+jwt"}};
    const std::string input = to_base64url(header.dump()) + "." + to_base64url(claims.dump());
    return input + "." + to_base64url((signer ? *signer : key).sign(input));
  }
  nlohmann::json claims(nlohmann::json hwid = "HW-1") {
    return {{"iss", "app_1"},  {"sub", "usr_1"},         {"hwid", hwid},    {"subscription", "pro"},
            {"licenseExpiresAt", nullptr}, {"iat", now - 10}, {"nbf", now - 10}, {"exp", now + 3600},
            {"jti", "j1"}};
  }
  std::string reason_of(const std::string& token, const std::string& hwid = "HW-1", const std::string& app = "app_1",
                        std::time_t at = 0) {
    try {
      verify_offline_license(token, key.jwks(), hwid, app, at ? at : now);
      return "verified";
    } catch (const OfflineLicenseError& e) {
      EXPECT_EQ(e.code(), "INVALID_OFFLINE_LICENSE");
      return e.reason();
    }
  }
};

TEST_F(OfflineLicenses, VerifiesAGenuineLicenseAndReturnsItsClaims) {
  const auto c = verify_offline_license(jws(claims()), key.jwks(), "HW-1", "app_1", now);
  EXPECT_EQ(c.iss, "app_1");
  EXPECT_EQ(c.sub, "usr_1");
  EXPECT_EQ(c.hwid, "HW-1");
  EXPECT_EQ(c.subscription, "pro");
  EXPECT_FALSE(c.license_expires_at);
  EXPECT_EQ(c.exp, now + 3600);
  EXPECT_EQ(c.jti, "j1");
}

TEST_F(OfflineLicenses, AnUnboundLicenseIsValidOnAnyMachine) {
  EXPECT_EQ(reason_of(jws(claims(nullptr)), "ANY"), "verified");
  EXPECT_EQ(reason_of(jws(claims()), "HW-2"), "hwid-mismatch");
}

TEST_F(OfflineLicenses, JudgesTimesWithSixtySecondsOfSkew) {
  EXPECT_EQ(reason_of(jws(claims()), "HW-1", "app_1", now + 3600 + 59), "verified");
  EXPECT_EQ(reason_of(jws(claims()), "HW-1", "app_1", now + 3600 + 60), "expired");
  EXPECT_EQ(reason_of(jws(claims()), "HW-1", "app_1", now - 10 - 60), "verified");
  EXPECT_EQ(reason_of(jws(claims()), "HW-1", "app_1", now - 10 - 61), "not-yet-valid");
}

TEST_F(OfflineLicenses, RefusesEachWayALicenseCanBeWrong) {
  const test::TestKey stranger("key_offline");
  EXPECT_EQ(reason_of("not-a-jws"), "malformed");
  EXPECT_EQ(reason_of("a.b.c.d"), "malformed");
  EXPECT_EQ(reason_of(jws(claims(), {{"alg", "EdDSA"}, {"kid", key.kid}, {"typ", "JWT"}})), "wrong-type");
  EXPECT_EQ(reason_of(jws(claims(), {{"alg", "ES256"}, {"kid", key.kid}, {"typ", "keyhold-license+jwt"}})),
            "wrong-algorithm");
  EXPECT_EQ(reason_of(jws(claims(), {{"alg", "EdDSA"}, {"kid", "key_nope"}, {"typ", "keyhold-license+jwt"}})),
            "unknown-key");
  EXPECT_EQ(reason_of(jws(claims(), nullptr, &stranger)), "bad-signature");
  std::string tampered = jws(claims());
  const auto dot = tampered.find('.');
  tampered = tampered.substr(0, dot + 1) + to_base64url(claims(nullptr).dump()) + tampered.substr(tampered.rfind('.'));
  EXPECT_EQ(reason_of(tampered), "bad-signature");
  auto no_sub = claims();
  no_sub.erase("sub");
  EXPECT_EQ(reason_of(jws(no_sub)), "malformed");
  EXPECT_EQ(reason_of(jws(claims()), "HW-1", "app_other"), "wrong-app");
  EXPECT_EQ(reason_of(jws(claims()), "HW-1", ""), "verified");  // no app_id: iss not checked
}

// --- Axora URLs, percent-encoding -----------------------------------------------------------

TEST(AxoraUrl, EncodesEveryPartWhole) {
  EXPECT_EQ(axora_url("https://k.example.com/", "myapp", "al ice", "p+w/d%", "1.0.0"),
            "https://k.example.com/app/auth/myapp+al%20ice+p%2Bw%2Fd%25+1.0.0");
  EXPECT_EQ(axora_url("http://h", "e", "u", "p", "v", std::string("HW-1~_.")), "http://h/app/auth/e+u+p+v+HW-1~_.");
  EXPECT_EQ(percent_encode("caf\xc3\xa9?&="), "caf%C3%A9%3F%26%3D");
}

// --- Hardware id ----------------------------------------------------------------------------

TEST(HardwareId, IsTheDocumentedFormula) {
  EXPECT_EQ(hardware_id_from_raw("app_test", "3d1219c7c4c5404aaa1f6d2a48adfda4"),
            "a7bd799c1f81842d0824e2f0a21576b9c25deb3f57f6681d61eef2ad13111b74");
}

TEST(HardwareId, RefusesAnEmptyAppId) {
  // Checked before any machine id is read, so on every platform.
  try {
    hardware_id("");
    ADD_FAILURE() << "an empty app id gave a hardware id";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "INVALID_ARGUMENT");
    EXPECT_EQ(e.status(), 0);
  }
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("keyhold-cpp-test-" + to_hex(random_bytes(6)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

TEST(HardwareId, LinuxSourcesInTheirOrder) {
  TempDir root;
  EXPECT_FALSE(linux_raw_machine_id(root.path));
  write_file(root.path / "sys/class/dmi/id/product_uuid", "4C4C4544-0042-3010-8057-B4C04F4B4D32\n");
  EXPECT_EQ(linux_raw_machine_id(root.path), "4c4c4544-0042-3010-8057-b4c04f4b4d32");
  write_file(root.path / "var/lib/dbus/machine-id", "DBUSID\n");
  EXPECT_EQ(linux_raw_machine_id(root.path), "dbusid");
  write_file(root.path / "etc/machine-id", "  \n");  // empty: skipped
  EXPECT_EQ(linux_raw_machine_id(root.path), "dbusid");
  write_file(root.path / "etc/machine-id", "ABCDEF0123\n");
  EXPECT_EQ(linux_raw_machine_id(root.path), "abcdef0123");
}

#if defined(__linux__)
TEST(HardwareId, OnThisMachineHashesItsMachineId) {
  const auto raw = linux_raw_machine_id("/");
  if (!raw) GTEST_SKIP() << "no machine id on this machine";
  EXPECT_EQ(hardware_id("app_x"), hardware_id_from_raw("app_x", *raw));
  EXPECT_NE(hardware_id("app_x"), hardware_id("app_y"));
  EXPECT_EQ(hardware_id("app_x").size(), 64u);
}

TEST(OfflineStore, DefaultsToXdgDataHome) {
  const char* old = std::getenv("XDG_DATA_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
  EXPECT_EQ(default_offline_dir(), fs::path("/tmp/xdg-test/keyhold"));
  setenv("XDG_DATA_HOME", "relative", 1);  // the XDG spec ignores a relative path
  EXPECT_EQ(default_offline_dir(), fs::path(std::getenv("HOME")) / ".local/share/keyhold");
  if (old) setenv("XDG_DATA_HOME", saved.c_str(), 1); else unsetenv("XDG_DATA_HOME");
}
#endif

TEST(OfflineStore, LivesUnderTheAppId) {
  ClientOptions o;
  o.base_url = "http://127.0.0.1:1";
  o.app_id = "app_123";
  o.offline_dir = "/some/dir";
  Client client(o);
  EXPECT_EQ(client.offline_license_path(), fs::path("/some/dir") / "app_123" / "offline-license.jws");
}

// --- Client options, URLs -------------------------------------------------------------------

TEST(ClientOptionsTest, VerifyNeedsPinnedKeysAndDefaultsOnWithThem) {
  ClientOptions o;
  o.base_url = "http://127.0.0.1:1";
  o.verify = true;
  EXPECT_THROW(Client{o}, Error);
  o.verify.reset();
  EXPECT_FALSE(Client(o).verifying());
  o.jwks = test::TestKey("k").jwks();
  EXPECT_TRUE(Client(o).verifying());
  o.verify = false;
  EXPECT_FALSE(Client(o).verifying());
}

TEST(Urls, PathOfUrl) {
  EXPECT_EQ(path_of_url("https://h.example.com"), "");
  EXPECT_EQ(path_of_url("https://h.example.com/prefix/x?q=1"), "/prefix/x");
  EXPECT_EQ(path_of_url("http://127.0.0.1:3000/"), "/");
}

// --- Retry policy ---------------------------------------------------------------------------

#if KEYHOLD_TEST_SOCKETS
/// A local TCP server that reads a request's head and closes without answering, counting connections.
class SilentServer {
 public:
  SilentServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 8) != 0) throw std::runtime_error("listen");
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~SilentServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  int connections() const { return connections_; }

 private:
  void serve() {
    while (!stop_) {
      const int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      ++connections_;
      std::string head;
      char buffer[4096];
      while (head.find("\r\n\r\n") == std::string::npos) {
        const auto n = recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        head.append(buffer, static_cast<std::size_t>(n));
      }
      close(client);
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> connections_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);  // nobody listens there now
  return ntohs(addr.sin_port);
}

ClientOptions local_options(int port, int& attempts) {
  ClientOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(port);
  o.api_key = "ak_test";
  o.jwks = test::TestKey("k").jwks();
  o.timeout = std::chrono::milliseconds(3000);
  o.on_attempt = [&attempts](const std::string&, const std::string&, int) { ++attempts; };
  return o;
}

TEST(RetryPolicy, RetriesAFailedConnectionForEveryMethod) {
  int attempts = 0;
  Client client(local_options(closed_port(), attempts));
  try {
    client.login("alice", "pw", "HW");
    ADD_FAILURE() << "no error";
  } catch (const NetworkError& e) {
    EXPECT_FALSE(e.reached());
    EXPECT_EQ(e.code(), "NETWORK_ERROR");
    EXPECT_EQ(e.status(), 0);
  }
  EXPECT_EQ(attempts, 3);  // 1 + retries (2)
  attempts = 0;
  EXPECT_THROW(client.session(), NetworkError);
  EXPECT_EQ(attempts, 3);
}

TEST(RetryPolicy, NeverSendsAPostTwiceOnceItMayHaveArrived) {
  SilentServer server;
  int attempts = 0;
  Client client(local_options(server.port(), attempts));
  try {
    client.login("alice", "pw", "HW");
    ADD_FAILURE() << "no error";
  } catch (const NetworkError& e) {
    EXPECT_TRUE(e.reached());
  }
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(server.connections(), 1);
}

TEST(RetryPolicy, RetriesAGetAfterTheRequestWasSent) {
  SilentServer server;
  int attempts = 0;
  Client client(local_options(server.port(), attempts));
  EXPECT_THROW(client.session(), NetworkError);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(server.connections(), 3);
}

TEST(RetryPolicy, ZeroRetriesMeansOneAttempt) {
  int attempts = 0;
  ClientOptions o = local_options(closed_port(), attempts);
  o.retries = 0;
  Client client(o);
  EXPECT_THROW(client.session(), NetworkError);
  EXPECT_EQ(attempts, 1);
}
#endif

}  // namespace
