// Keyhold C++ SDK: the end-user client of a Keyhold licensing server.
//
// One header. The client logs users in (username and password, or a license key), keeps the
// client token for the calls that need a session, downloads files and checks offline licenses.
// With the app's JWK Set pinned (shipped inside your software), every answer must be signed by
// one of those keys for this very request (RFC 9421, a fresh Keyhold-Nonce per request), or the
// call throws SignatureError: a fake or replaying server cannot pass for yours.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace keyhold {

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// A failed call. `code()` is the server's error code (INVALID_CREDENTIALS, HWID_MISMATCH,
/// LICENSE_EXPIRED, BLACKLISTED, RATE_LIMITED, NOT_FOUND, ...) or one the SDK adds
/// (NETWORK_ERROR, UNVERIFIED_ANSWER, CHECKSUM_MISMATCH, INVALID_OFFLINE_LICENSE,
/// HWID_UNAVAILABLE, INVALID_ARGUMENT). `status()` is the HTTP status, 0 when there is none.
class Error : public std::runtime_error {
 public:
  Error(int status, std::string code, const std::string& message,
        std::optional<int> retry_after_seconds = std::nullopt, std::string details_json = {});
  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  std::string message() const { return what(); }
  /// 429 RATE_LIMITED and 503: how long to wait before trying again (the Retry-After header).
  std::optional<int> retry_after_seconds() const noexcept { return retry_after_; }
  /// The error's `details` as JSON text (VALIDATION_FAILED lists the fields), empty when none.
  const std::string& details_json() const noexcept { return details_; }

 private:
  int status_;
  std::string code_;
  std::optional<int> retry_after_;
  std::string details_;
};

/// No answer (code NETWORK_ERROR, status 0). `reached()`: the request may have reached the
/// server (it was sent, then the connection failed), so a login or register may have happened.
class NetworkError : public Error {
 public:
  NetworkError(const std::string& message, bool reached);
  bool reached() const noexcept { return reached_; }

 private:
  bool reached_;
};

/// An answer that failed signature verification (code UNVERIFIED_ANSWER, status 0: nothing in
/// it is trusted). `reason()` is one of: unsigned, malformed, unknown-key, nonce-mismatch,
/// digest-mismatch, path-mismatch, status-mismatch, bad-signature.
class SignatureError : public Error {
 public:
  SignatureError(std::string reason, const std::string& message, int received_status);
  const std::string& reason() const noexcept { return reason_; }
  /// The HTTP status that arrived, unverified: for logs only.
  int received_status() const noexcept { return received_status_; }

 private:
  std::string reason_;
  int received_status_;
};

/// A downloaded file whose bytes differ from the announced SHA-256 (code CHECKSUM_MISMATCH),
/// without verification (with it, that is a SignatureError digest-mismatch).
class ChecksumError : public Error {
 public:
  ChecksumError(int status, const std::string& message);
};

/// An offline license that does not verify (code INVALID_OFFLINE_LICENSE, status 0). `reason()`:
/// malformed, wrong-type, wrong-algorithm, unknown-key, bad-signature, expired, not-yet-valid,
/// hwid-mismatch, wrong-app.
class OfflineLicenseError : public Error {
 public:
  OfflineLicenseError(std::string reason, const std::string& message);
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string reason_;
};

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/// An end user. Absent optionals are the API's nulls (e.g. `expires_at`: never expires).
struct User {
  std::string id;
  std::string username;
  std::optional<std::string> hwid;
  std::optional<std::string> subscription;
  std::optional<std::string> expires_at;  ///< ISO 8601
};

/// A license key (license-key login). `subscription` is filled by session() only.
struct License {
  std::string key;
  std::optional<std::string> expires_at;  ///< ISO 8601
  std::optional<std::string> hwid;
  std::optional<std::string> subscription;
};

/// login() and register_user() (register answers only the user's id and username).
struct LoginResult {
  std::string token;
  User user;
};

struct LicenseLoginResult {
  std::string token;
  License license;
};

/// GET /v1/client/session: the session and who holds it (a user, or a license).
struct Session {
  std::string id;
  std::string created_at;
  std::string expires_at;
  std::optional<User> user;
  std::optional<License> license;
};

/// POST /v1/client/offline: the offline license (a compact JWS) and when it expires.
struct OfflineCheckout {
  std::string license;
  std::string expires_at;  ///< ISO 8601
  std::optional<std::filesystem::path> stored_at;  ///< where it was stored, if it was
};

/// The claims of a verified offline license.
struct OfflineLicenseClaims {
  std::string iss;  ///< the app's id
  std::string sub;  ///< usr_... or lic_...
  std::optional<std::string> hwid;  ///< absent: valid on any machine
  std::optional<std::string> subscription;
  std::optional<std::string> license_expires_at;
  std::int64_t iat = 0;
  std::int64_t nbf = 0;
  std::int64_t exp = 0;
  std::string jti;
};

/// GET /v1/client/files/:id
struct FileInfo {
  std::string id;
  std::string name;
  std::uint64_t size = 0;
  std::string sha256;  ///< lowercase hex
  std::string content_type;
  std::string created_at;
};

/// download_file(): the verified file on disk.
struct DownloadResult {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::string sha256;  ///< lowercase hex
  std::uint64_t resumed_from = 0;  ///< bytes that were already on disk from an earlier attempt
};

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

struct ClientOptions {
  /// e.g. "https://licensing.example.com" (a path prefix is allowed; no trailing "/v1").
  std::string base_url;
  /// The app's public API key (ak_...), sent as X-Api-Key.
  std::string api_key;
  /// The app's id (app_...): the offline store's folder and the `iss` an offline license must have.
  std::string app_id;
  /// The app's JWK Set as JSON text, pinned: copied into your software when you build it, never
  /// fetched at run time (a fake server would serve its own).
  std::string jwks;
  /// Verify every answer against `jwks`. Default: on when `jwks` is given. true without jwks throws.
  std::optional<bool> verify;
  /// Per request (connect, and a JSON answer); a download times out after this long without data.
  std::chrono::milliseconds timeout{10000};
  /// Retries of network failures (never of HTTP answers): a failed connection is retried for any
  /// request, a failure after the request was sent only for GET. Backoff 200 ms × 2^n.
  int retries = 2;
  /// Sent as `version` with login, register and license_login (the app's enforceVersion answers
  /// 426 UPDATE_REQUIRED to a missing or different one). Not sent when absent.
  std::optional<std::string> version;
  /// The offline store's root (default: default_offline_dir()).
  std::optional<std::filesystem::path> offline_dir;
  /// Called before each attempt of a request (1, 2, ...): for logs and tests.
  std::function<void(const std::string& method, const std::string& path, int attempt)> on_attempt;
};

/// The end-user client. Not thread-safe: use one Client per thread (each keeps one connection).
/// An empty `hwid` argument is not sent (for apps without the hardware lock).
class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// POST /v1/client/login. Keeps the token for the calls that need a session.
  LoginResult login(const std::string& username, const std::string& password, const std::string& hwid);
  /// POST /v1/client/register (uses up `license_key`). Keeps the token.
  LoginResult register_user(const std::string& username, const std::string& password,
                            const std::string& license_key, const std::string& hwid);
  /// POST /v1/client/license: log in with a license key alone. Keeps the token.
  LicenseLoginResult license_login(const std::string& license_key, const std::string& hwid);
  /// GET /v1/client/session
  Session session();
  /// POST /v1/client/logout. Forgets the token (also when the server refused).
  void logout();
  /// POST /v1/client/offline: an offline license for this session; stored (offline_license_path())
  /// unless `store` is false. Off for the app: Error FORBIDDEN.
  OfflineCheckout offline_checkout(bool store = true);
  /// Reads the stored offline license and verifies it (no network) for `hwid`.
  OfflineLicenseClaims load_offline_license(const std::string& hwid) const;
  /// The same, for this machine's hardware_id(app_id).
  OfflineLicenseClaims load_offline_license() const;
  /// Verifies an offline license (no network) against the pinned keys, `hwid` and app_id.
  OfflineLicenseClaims verify_offline_license(const std::string& jws, const std::string& hwid) const;
  /// Where this client stores its offline license: <offline_dir>/<app_id>/offline-license.jws
  std::filesystem::path offline_license_path() const;
  /// GET /v1/client/files/:id
  FileInfo file_info(const std::string& file_id);
  /// Downloads a file to `dest_path`, streamed to `<dest>.<16 hex>.part` and renamed into place
  /// once its SHA-256 checks. An interrupted transfer throws NetworkError and keeps the partial
  /// file: the next call for the same destination resumes it.
  DownloadResult download_file(const std::string& file_id, const std::filesystem::path& dest_path);

  /// The client token of the last login (empty: none).
  const std::string& token() const noexcept;
  void set_token(std::string token);
  /// Whether answers are verified against pinned keys.
  bool verifying() const noexcept;

  struct Impl;  ///< opaque: the implementation's state

 private:
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------------
// Free functions
// ---------------------------------------------------------------------------------------------

/// Verifies an offline license (compact JWS, EdDSA) with no network: signed by a key of `jwks`
/// (JSON text), typ keyhold-license+jwt, within nbf..exp by `now` with `clock_skew_seconds`, bound
/// to `hwid` if bound at all, and issued by `app_id` unless it is empty. Throws OfflineLicenseError.
OfflineLicenseClaims verify_offline_license(const std::string& jws, const std::string& jwks,
                                            const std::string& hwid, const std::string& app_id = {},
                                            std::time_t now = std::time(nullptr),
                                            int clock_skew_seconds = 60);

/// The offline store's default root: Windows %LOCALAPPDATA%\Keyhold, macOS
/// ~/Library/Application Support/Keyhold, else $XDG_DATA_HOME/keyhold or ~/.local/share/keyhold.
std::filesystem::path default_offline_dir();

/// This machine's hardware id for `app_id`: lowercase hex SHA-256 of
/// "keyhold-hwid:v1:" + app_id + ":" + raw, where raw is the OS's machine id (Linux machine-id or
/// DMI product UUID; Windows MachineGuid|SMBIOS UUID, or whichever of them can be read; macOS
/// IOPlatformUUID), lowercased. A default: any stable string per machine works as a hwid. Throws
/// Error INVALID_ARGUMENT for an empty app_id, HWID_UNAVAILABLE when no machine id can be read.
std::string hardware_id(const std::string& app_id);

/// The URL of an Axora-compatible login: <base>/app/auth/<endpoint>+<username>+<password>+<version>[+<hwid>],
/// each part percent-encoded (every byte but A-Z a-z 0-9 - _ . ~).
std::string axora_url(const std::string& base_url, const std::string& endpoint, const std::string& username,
                      const std::string& password, const std::string& version,
                      const std::optional<std::string>& hwid = std::nullopt);

/// Percent-encodes every byte but A-Z a-z 0-9 - _ . ~ (uppercase hex).
std::string percent_encode(const std::string& text);

}  // namespace keyhold
