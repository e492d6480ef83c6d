// Live tests against a Keyhold started by scripts/sdk-harness.mjs: KEYHOLD_FIXTURE names its
// fixture (a fresh one per run: registering uses keys up, first logins bind hwids). Without it
// they skip, unless KEYHOLD_REQUIRE_LIVE=1, when they fail.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "internal.hpp"
#include "keyhold/keyhold.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace keyhold;

namespace {

const char* const kAliceHwid = "HW-ALICE-CPP";

const json* fixture() {
  static const json loaded = [] {
    const char* path = std::getenv("KEYHOLD_FIXTURE");
    if (!path || !*path) return json();
    std::ifstream in(path);
    return in ? json::parse(in) : json();
  }();
  return loaded.is_object() ? &loaded : nullptr;
}

#define REQUIRE_FIXTURE()                                                                                  \
  do {                                                                                                     \
    if (!fixture()) {                                                                                      \
      const char* require = std::getenv("KEYHOLD_REQUIRE_LIVE");                                           \
      if (require && std::string(require) == "1") FAIL() << "KEYHOLD_REQUIRE_LIVE=1 but no KEYHOLD_FIXTURE"; \
      GTEST_SKIP() << "KEYHOLD_FIXTURE is not set (run node scripts/sdk-harness.mjs)";                      \
    }                                                                                                      \
  } while (0)

const json& fx() { return *fixture(); }
std::string password() { return fx()["password"].get<std::string>(); }

/// A client of the fixture's app (or another of its apps), verification on with its pinned jwks.
Client client_for(const std::string& app = "app", std::string base_url = {}, const json* jwks = nullptr) {
  ClientOptions o;
  o.base_url = base_url.empty() ? fx()["baseUrl"].get<std::string>() : base_url;
  o.api_key = fx()[app]["apiKey"].get<std::string>();
  o.app_id = fx()[app]["id"].get<std::string>();
  o.jwks = (jwks ? *jwks : fx()[app]["jwks"]).dump();
  return Client(o);
}

std::string random_name(const char* prefix) { return prefix + detail::to_hex(detail::random_bytes(5)); }

/// The Error a call throws: its code, with the status checked.
template <class Call>
Error error_of(Call call) {
  try {
    call();
  } catch (const SignatureError&) {
    throw;
  } catch (const Error& e) {
    return e;
  }
  throw std::runtime_error("the call did not fail");
}

template <class Call>
std::string refusal_of(Call call) {
  try {
    call();
  } catch (const SignatureError& e) {
    EXPECT_EQ(e.code(), "UNVERIFIED_ANSWER");
    EXPECT_EQ(e.status(), 0);
    return e.reason();
  }
  return "verified";
}

#define EXPECT_ERROR(call, status_, code_)           \
  do {                                               \
    const Error e_ = error_of([&] { call; });        \
    EXPECT_EQ(e_.code(), code_) << e_.what();        \
    EXPECT_EQ(e_.status(), status_) << e_.what();    \
  } while (0)

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("keyhold-cpp-live-" + detail::to_hex(detail::random_bytes(6)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// --- Success paths ----------------------------------------------------------------------------

TEST(Live, AliceLogsInAndHerSessionAndLogoutWork) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  const auto login = c.login("alice", password(), kAliceHwid);
  EXPECT_FALSE(login.token.empty());
  EXPECT_EQ(c.token(), login.token);
  EXPECT_EQ(login.user.username, "alice");
  EXPECT_EQ(login.user.subscription, fx()["subscription"].get<std::string>());
  EXPECT_EQ(login.user.hwid, kAliceHwid);
  const auto s = c.session();
  EXPECT_FALSE(s.id.empty());
  ASSERT_TRUE(s.user);
  EXPECT_EQ(s.user->username, "alice");
  c.logout();
  EXPECT_TRUE(c.token().empty());
}

TEST(Live, RegisterWithAKey) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  const std::string name = random_name("cpp-");
  const auto r = c.register_user(name, password(), fx()["keys"]["register"].get<std::string>(), "HW-REG-CPP");
  EXPECT_FALSE(r.token.empty());
  EXPECT_EQ(r.user.username, name);
  EXPECT_FALSE(r.user.id.empty());
  EXPECT_EQ(c.session().user->username, name);
}

TEST(Live, LicenseLoginAndItsSession) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  const std::string key = fx()["keys"]["license"].get<std::string>();
  const auto r = c.license_login(key, "HW-LIC-CPP");
  EXPECT_FALSE(r.token.empty());
  EXPECT_EQ(r.license.key, key);
  const auto s = c.session();
  ASSERT_TRUE(s.license);
  EXPECT_EQ(s.license->key, key);
  EXPECT_EQ(s.license->subscription, fx()["subscription"].get<std::string>());
}

// --- Every seed error code --------------------------------------------------------------------

TEST(Live, CredentialAndAccountErrors) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  EXPECT_ERROR(c.login("alice", "wrong-password", kAliceHwid), 401, "INVALID_CREDENTIALS");
  EXPECT_ERROR(c.login(fx()["users"]["bound"]["username"].get<std::string>(), password(), "HW-NOT-BOUND"), 403,
               "HWID_MISMATCH");
  EXPECT_ERROR(c.login(fx()["users"]["banned"].get<std::string>(), password(), "HW-BANNED-CPP"), 403, "USER_BANNED");
  EXPECT_ERROR(c.login(fx()["users"]["expired"].get<std::string>(), password(), "HW-EXPIRED-CPP"), 403,
               "LICENSE_EXPIRED");
  EXPECT_ERROR(c.login("", password(), kAliceHwid), 400, "VALIDATION_FAILED");
}

TEST(Live, LicenseKeyErrors) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  // The blacklist is checked before a key is bound: a spare key of "more" stays usable.
  EXPECT_ERROR(c.license_login(fx()["keys"]["more"][0].get<std::string>(), fx()["blacklistedHwid"].get<std::string>()),
               403, "BLACKLISTED");
  EXPECT_ERROR(c.license_login(fx()["keys"]["expired"].get<std::string>(), "HW-CPP-1"), 403, "LICENSE_EXPIRED");
  EXPECT_ERROR(c.license_login(fx()["keys"]["banned"].get<std::string>(), "HW-CPP-1"), 403, "LICENSE_BANNED");
  EXPECT_ERROR(c.license_login("KEYHOLD-" + random_name("NOPE"), "HW-CPP-1"), 401, "INVALID_LICENSE");
}

TEST(Live, RegisterErrors) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  EXPECT_ERROR(c.register_user("alice", password(), fx()["keys"]["more"][1].get<std::string>(), "HW-CPP-2"), 409,
               "USERNAME_TAKEN");
  EXPECT_ERROR(c.register_user(random_name("cpp-"), password(), fx()["keys"]["used"].get<std::string>(), "HW-CPP-2"),
               409, "LICENSE_USED");
}

TEST(Live, SessionErrors) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  EXPECT_ERROR(c.session(), 401, "UNAUTHORIZED");
  c.login("alice", password(), kAliceHwid);
  c.logout();
  EXPECT_ERROR(c.session(), 401, "UNAUTHORIZED");
}

TEST(Live, FileErrors) {
  REQUIRE_FIXTURE();
  Client c = client_for();
  c.login("alice", password(), kAliceHwid);
  EXPECT_ERROR(c.file_info("file_doesnotexist"), 404, "NOT_FOUND");
  EXPECT_ERROR(c.file_info(fx()["files"]["forbidden"]["id"].get<std::string>()), 403, "FORBIDDEN");
}

TEST(Live, OfflineLicensesOffForAnApp) {
  REQUIRE_FIXTURE();
  Client c = client_for("plainApp");
  c.login(fx()["plainApp"]["username"].get<std::string>(), password(), "HW-PLAIN-CPP");
  EXPECT_ERROR(c.offline_checkout(), 403, "FORBIDDEN");
}

TEST(Live, DisabledApp) {
  REQUIRE_FIXTURE();
  Client c = client_for("disabledApp");
  EXPECT_ERROR(c.login("alice", password(), kAliceHwid), 403, "APP_DISABLED");
}

TEST(Live, UnknownApiKeyIsUnsignedByDesign) {
  REQUIRE_FIXTURE();
  ClientOptions o;
  o.base_url = fx()["baseUrl"].get<std::string>();
  o.api_key = "ak_wrong";
  o.jwks = fx()["app"]["jwks"].dump();
  Client verifying(o);
  EXPECT_EQ(refusal_of([&] { verifying.login("alice", password(), kAliceHwid); }), "unsigned");
  o.verify = false;
  Client plain(o);
  EXPECT_ERROR(plain.login("alice", password(), kAliceHwid), 401, "INVALID_KEY");
}

TEST(Live, RateLimitedWithRetryAfter) {
  REQUIRE_FIXTURE();
  Client c = client_for("limitedApp");
  const int limit = fx()["limitedApp"]["limitPerMin"].get<int>();
  for (int i = 0; i < limit + 20; ++i) {
    try {
      c.license_login("KEYHOLD-" + random_name("RL"), "HW-RL");
      FAIL() << "an unknown key logged in";
    } catch (const SignatureError&) {
      throw;
    } catch (const Error& e) {
      if (e.code() == "INVALID_LICENSE") continue;
      EXPECT_EQ(e.code(), "RATE_LIMITED") << e.what();
      EXPECT_EQ(e.status(), 429);
      ASSERT_TRUE(e.retry_after_seconds());
      EXPECT_GT(*e.retry_after_seconds(), 0);
      return;
    }
  }
  FAIL() << "no 429 after " << limit + 20 << " calls";
}

// --- Forged, replayed, altered answers ----------------------------------------------------------

TEST(Live, ForgedAnswerIsABadSignature) {
  REQUIRE_FIXTURE();
  Client c = client_for("app", fx()["proxies"]["forge"].get<std::string>());
  EXPECT_EQ(refusal_of([&] { c.login("alice", password(), kAliceHwid); }), "bad-signature");
  EXPECT_TRUE(c.token().empty());
}

TEST(Live, ReplayedAnswerIsANonceMismatch) {
  REQUIRE_FIXTURE();
  Client c = client_for("app", fx()["proxies"]["replay"].get<std::string>());
  // The proxy records the first answer to POST /v1/client/login and serves it again.
  EXPECT_EQ(refusal_of([&] { c.login("alice", password(), kAliceHwid); }), "verified");
  EXPECT_EQ(refusal_of([&] { c.login("alice", password(), kAliceHwid); }), "nonce-mismatch");
}

TEST(Live, AlteredBodyIsADigestMismatch) {
  REQUIRE_FIXTURE();
  Client c = client_for("app", fx()["proxies"]["tamperBody"].get<std::string>());
  EXPECT_EQ(refusal_of([&] { c.login("alice", password(), kAliceHwid); }), "digest-mismatch");
}

TEST(Live, AlteredStatusIsAStatusMismatch) {
  REQUIRE_FIXTURE();
  Client c = client_for("app", fx()["proxies"]["tamperStatus"].get<std::string>());
  // A refusal turned into a 200 is caught before its body is believed.
  EXPECT_EQ(refusal_of([&] { c.login("alice", "wrong-password", kAliceHwid); }), "status-mismatch");
}

TEST(Live, StrippedSignatureIsUnsigned) {
  REQUIRE_FIXTURE();
  Client c = client_for("app", fx()["proxies"]["unsigned"].get<std::string>());
  EXPECT_EQ(refusal_of([&] { c.login("alice", password(), kAliceHwid); }), "unsigned");
}

TEST(Live, AnotherAppsKeysAreUnknownKeys) {
  REQUIRE_FIXTURE();
  Client c = client_for("app", {}, &fx()["otherApp"]["jwks"]);
  EXPECT_EQ(refusal_of([&] { c.login("alice", password(), kAliceHwid); }), "unknown-key");
}

// --- Offline licenses -------------------------------------------------------------------------

TEST(Live, OfflineCheckoutStoreAndVerify) {
  REQUIRE_FIXTURE();
  TempDir dir;
  ClientOptions o;
  o.base_url = fx()["baseUrl"].get<std::string>();
  o.api_key = fx()["app"]["apiKey"].get<std::string>();
  o.app_id = fx()["app"]["id"].get<std::string>();
  o.jwks = fx()["app"]["jwks"].dump();
  o.offline_dir = dir.path;
  Client c(o);
  const auto login = c.login("alice", password(), kAliceHwid);
  const auto checkout = c.offline_checkout();
  EXPECT_FALSE(checkout.expires_at.empty());
  ASSERT_TRUE(checkout.stored_at);
  EXPECT_EQ(*checkout.stored_at, dir.path / o.app_id / "offline-license.jws");
#if !defined(_WIN32)
  EXPECT_EQ(fs::status(*checkout.stored_at).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
#endif

  const auto claims = c.verify_offline_license(checkout.license, kAliceHwid);
  EXPECT_EQ(claims.sub, login.user.id);
  EXPECT_EQ(claims.iss, o.app_id);
  EXPECT_EQ(claims.subscription, fx()["subscription"].get<std::string>());
  EXPECT_EQ(claims.hwid, kAliceHwid);

  try {
    c.verify_offline_license(checkout.license, "HW-SOMEONE-ELSE");
    ADD_FAILURE() << "verified for another hwid";
  } catch (const OfflineLicenseError& e) {
    EXPECT_EQ(e.reason(), "hwid-mismatch");
  }
  EXPECT_EQ(c.load_offline_license(kAliceHwid).jti, claims.jti);

  // One character of the signature changed.
  std::string tampered = checkout.license;
  char& last = tampered[tampered.size() - 2];
  last = last == 'A' ? 'B' : 'A';
  try {
    verify_offline_license(tampered, o.jwks, kAliceHwid, o.app_id);
    ADD_FAILURE() << "a tampered license verified";
  } catch (const OfflineLicenseError& e) {
    EXPECT_EQ(e.reason(), "bad-signature");
  }
  try {
    verify_offline_license(checkout.license, o.jwks, kAliceHwid, fx()["otherApp"]["id"].get<std::string>());
    ADD_FAILURE() << "verified for another app";
  } catch (const OfflineLicenseError& e) {
    EXPECT_EQ(e.reason(), "wrong-app");
  }
}

// --- Downloads --------------------------------------------------------------------------------

std::vector<fs::path> partials_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".part") out.push_back(entry.path());
  return out;
}

TEST(Live, InterruptedDownloadResumes) {
  REQUIRE_FIXTURE();
  TempDir dir;
  const json& file = fx()["files"]["allowed"];
  const fs::path dest = dir.path / "tool.bin";
  {
    ClientOptions o;
    o.base_url = fx()["proxies"]["cut"].get<std::string>();
    o.api_key = fx()["app"]["apiKey"].get<std::string>();
    o.app_id = fx()["app"]["id"].get<std::string>();
    o.jwks = fx()["app"]["jwks"].dump();
    o.retries = 0;  // one cut, one partial file
    Client cut(o);
    cut.login("alice", password(), kAliceHwid);
    try {
      cut.download_file(file["id"].get<std::string>(), dest);
      FAIL() << "the cut transfer completed";
    } catch (const NetworkError& e) {
      EXPECT_TRUE(e.reached());
    }
  }
  EXPECT_FALSE(fs::exists(dest));
  const auto partials = partials_in(dir.path);
  ASSERT_EQ(partials.size(), 1u);
  EXPECT_EQ(partials[0].filename().string(), "tool.bin." + file["sha256"].get<std::string>().substr(0, 16) + ".part");
  const auto kept = fs::file_size(partials[0]);
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, file["size"].get<std::uint64_t>());

  Client c = client_for();
  c.login("alice", password(), kAliceHwid);
  const auto result = c.download_file(file["id"].get<std::string>(), dest);
  EXPECT_EQ(result.resumed_from, kept);
  EXPECT_EQ(result.size, file["size"].get<std::uint64_t>());
  EXPECT_EQ(result.sha256, file["sha256"].get<std::string>());
  EXPECT_EQ(detail::sha256_hex_of_file(dest), file["sha256"].get<std::string>());
  EXPECT_TRUE(partials_in(dir.path).empty());
}

TEST(Live, FreshDownload) {
  REQUIRE_FIXTURE();
  TempDir dir;
  const json& file = fx()["files"]["allowed"];
  Client c = client_for();
  c.login("alice", password(), kAliceHwid);
  const auto info = c.file_info(file["id"].get<std::string>());
  EXPECT_EQ(info.name, file["name"].get<std::string>());
  EXPECT_EQ(info.size, file["size"].get<std::uint64_t>());
  EXPECT_EQ(info.sha256, file["sha256"].get<std::string>());
  // A stale partial of another version is cleared away.
  std::ofstream(dir.path / "tool.bin.0000000000000000.part") << "stale";
  const auto result = c.download_file(file["id"].get<std::string>(), dir.path / "tool.bin");
  EXPECT_EQ(result.resumed_from, 0u);
  EXPECT_EQ(result.size, file["size"].get<std::uint64_t>());
  EXPECT_EQ(detail::sha256_hex_of_file(dir.path / "tool.bin"), file["sha256"].get<std::string>());
  EXPECT_TRUE(partials_in(dir.path).empty());
}

TEST(Live, AlteredFileIsADigestMismatchAndNotKept) {
  REQUIRE_FIXTURE();
  TempDir dir;
  Client c = client_for("app", fx()["proxies"]["tamperFile"].get<std::string>());  // it bends file bytes only
  c.login("alice", password(), kAliceHwid);
  EXPECT_EQ(refusal_of([&] { c.download_file(fx()["files"]["allowed"]["id"].get<std::string>(), dir.path / "bad.bin"); }),
            "digest-mismatch");
  // No file in place, and no partial that the next call would resume into a wrong file.
  EXPECT_TRUE(fs::is_empty(dir.path));
}

TEST(Live, AlteredFileWithoutVerificationFailsItsSha256AndIsNotKept) {
  REQUIRE_FIXTURE();
  TempDir dir;
  ClientOptions o;  // no pinned jwks: only the SHA-256 check stands between the bytes and dest
  o.base_url = fx()["proxies"]["tamperFile"].get<std::string>();
  o.api_key = fx()["app"]["apiKey"].get<std::string>();
  o.app_id = fx()["app"]["id"].get<std::string>();
  Client c(o);
  ASSERT_FALSE(c.verifying());
  c.login("alice", password(), kAliceHwid);
  const fs::path dest = dir.path / "bad.bin";
  try {
    c.download_file(fx()["files"]["allowed"]["id"].get<std::string>(), dest);
    ADD_FAILURE() << "an altered file was accepted";
  } catch (const ChecksumError& e) {
    EXPECT_EQ(e.code(), "CHECKSUM_MISMATCH");
  }
  EXPECT_FALSE(fs::exists(dest));
  EXPECT_TRUE(fs::is_empty(dir.path));
}

}  // namespace
