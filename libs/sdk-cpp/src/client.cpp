#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "client_impl.hpp"
#include "internal.hpp"

namespace keyhold {

using nlohmann::json;

namespace {

std::optional<std::string> optional_string(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string string_of(const json& object, const char* key) { return optional_string(object, key).value_or(""); }

User user_of(const json& j) {
  User user;
  user.id = string_of(j, "id");
  user.username = string_of(j, "username");
  user.hwid = optional_string(j, "hwid");
  user.subscription = optional_string(j, "subscription");
  user.expires_at = optional_string(j, "expiresAt");
  return user;
}

License license_of(const json& j) {
  License license;
  license.key = string_of(j, "key");
  license.expires_at = optional_string(j, "expiresAt");
  license.hwid = optional_string(j, "hwid");
  license.subscription = optional_string(j, "subscription");
  return license;
}

/// Writes `text` to `path` so that a reader sees the old file or the new one, never half of one:
/// a temporary file in the same folder, owner-only, renamed over the target.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw Error(0, "IO_ERROR", "Cannot create " + path.parent_path().string() + ": " + ec.message());
  const fs::path temp = path.string() + "." + detail::to_hex(detail::random_bytes(6)) + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(0, "IO_ERROR", "Cannot write " + temp.string());
    out.close();
    // Owner-only before the secret goes in (POSIX 0600; on Windows only the read-only bit exists).
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    out.open(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      throw Error(0, "IO_ERROR", "Cannot write " + temp.string());
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw Error(0, "IO_ERROR", "Cannot store " + path.string() + ": " + ec.message());
  }
}

#if defined(_WIN32)
std::optional<std::filesystem::path> env_path(const wchar_t* name) {
  wchar_t* value = nullptr;
  std::size_t length = 0;
  if (_wdupenv_s(&value, &length, name) != 0 || !value) return std::nullopt;
  std::filesystem::path path(value);
  std::free(value);
  if (path.empty()) return std::nullopt;
  return path;
}
#else
std::optional<std::filesystem::path> env_path(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::filesystem::path(value);
}
#endif

}  // namespace

void sleep_before_retry(int retry) { std::this_thread::sleep_for(std::chrono::milliseconds(200) * (1 << std::min(retry, 10))); }

Client::Impl::Impl(ClientOptions opts) : options(std::move(opts)), transport(options.timeout) {
  base_url = options.base_url;
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  if (base_url.empty()) throw Error(0, "INVALID_ARGUMENT", "ClientOptions.base_url is required");
  path_prefix = detail::path_of_url(base_url);
  verifying = options.verify.value_or(!options.jwks.empty());
  if (verifying && options.jwks.empty()) throw Error(0, "INVALID_ARGUMENT", "verify = true needs the pinned jwks");
  if (!options.jwks.empty()) keys.emplace(options.jwks);
}

detail::Request Client::Impl::request(const std::string& method, const std::string& api_path,
                                      const std::string& nonce) const {
  detail::Request r;
  r.method = method;
  r.url = base_url + api_path;
  r.headers.push_back("Accept: application/json");
  if (!options.api_key.empty()) r.headers.push_back("X-Api-Key: " + options.api_key);
  if (!token.empty()) r.headers.push_back("Authorization: Bearer " + token);
  // A fresh nonce per attempt: the answer's signature must carry it back (no replays).
  if (!nonce.empty()) r.headers.push_back("Keyhold-Nonce: " + nonce);
  return r;
}

detail::VerifiedAnswer Client::Impl::verify(const std::string& method, const std::string& api_path,
                                            const std::string& nonce, const detail::Answer& answer,
                                            bool allow_range) const {
  detail::SignedExchange x;
  x.method = method;
  x.path = path_prefix + api_path;
  x.nonce = nonce;
  x.status = answer.status;
  x.headers = &answer.headers;
  detail::VerifyOptions options;
  options.allow_range = allow_range;
  if (!path_prefix.empty()) options.other_paths.push_back(api_path);
  return detail::verify_answer_signature(x, *keys, options);
}

void Client::Impl::throw_from(const detail::Answer& answer, const std::string& body) {
  json envelope = json::parse(body, nullptr, false);
  const json error = envelope.is_object() && envelope.contains("error") ? envelope["error"] : json();
  std::optional<int> retry_after;
  if (const auto header = answer.headers.get("retry-after")) {
    const std::string value = detail::trim(*header);
    if (!value.empty() && value.size() < 9 && value.find_first_not_of("0123456789") == std::string::npos)
      retry_after = std::atoi(value.c_str());
  }
  const std::string details = error.is_object() && error.contains("details") ? error["details"].dump() : "";
  throw Error(answer.status, optional_string(error, "code").value_or("INTERNAL"),
              optional_string(error, "message").value_or("HTTP " + std::to_string(answer.status)), retry_after, details);
}

json Client::Impl::call(const std::string& method, const std::string& api_path, const json* body) {
  struct Exchange {
    detail::Answer answer;
    std::string body;
    std::string nonce;
  };
  Exchange x = with_retries(method, api_path, [&] {
    Exchange e;
    e.nonce = verifying ? detail::create_nonce() : "";
    detail::Request r = request(method, api_path, e.nonce);
    if (body) {
      r.headers.push_back("Content-Type: application/json");
      r.has_body = true;
      r.body = body->dump();
    }
    detail::MemorySink sink;
    e.answer = transport.perform(r, sink);
    e.body = std::move(sink.body);
    return e;
  });
  // Signed answers are checked before a byte of them is believed, error answers too.
  if (verifying) detail::verify_answer_body(verify(method, api_path, x.nonce, x.answer, false), x.body);
  if (x.answer.status < 200 || x.answer.status > 299) throw_from(x.answer, x.body);
  if (x.answer.status == 204 || x.body.empty()) return json();
  json envelope = json::parse(x.body, nullptr, false);
  if (envelope.is_discarded() || !envelope.is_object())
    throw Error(x.answer.status, "INTERNAL", "The answer is not the API's JSON envelope");
  return envelope.value("data", json());
}

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

namespace {
/// The optional fields of the login routes: no hwid when empty, the app version when configured.
void add_optional(json& body, const std::string& hwid, const std::optional<std::string>& version) {
  if (!hwid.empty()) body["hwid"] = hwid;
  if (version) body["version"] = *version;
}
}  // namespace

LoginResult Client::login(const std::string& username, const std::string& password, const std::string& hwid) {
  json body = {{"username", username}, {"password", password}};
  add_optional(body, hwid, impl_->options.version);
  const json data = impl_->call("POST", "/v1/client/login", &body);
  impl_->token = string_of(data, "token");
  return {impl_->token, user_of(data.value("user", json()))};
}

LoginResult Client::register_user(const std::string& username, const std::string& password,
                                  const std::string& license_key, const std::string& hwid) {
  json body = {{"username", username}, {"password", password}, {"licenseKey", license_key}};
  add_optional(body, hwid, impl_->options.version);
  const json data = impl_->call("POST", "/v1/client/register", &body);
  impl_->token = string_of(data, "token");
  return {impl_->token, user_of(data.value("user", json()))};
}

LicenseLoginResult Client::license_login(const std::string& license_key, const std::string& hwid) {
  json body = {{"licenseKey", license_key}};
  add_optional(body, hwid, impl_->options.version);
  const json data = impl_->call("POST", "/v1/client/license", &body);
  impl_->token = string_of(data, "token");
  return {impl_->token, license_of(data.value("license", json()))};
}

Session Client::session() {
  const json data = impl_->call("GET", "/v1/client/session");
  Session s;
  const json session = data.value("session", json());
  s.id = string_of(session, "id");
  s.created_at = string_of(session, "createdAt");
  s.expires_at = string_of(session, "expiresAt");
  if (data.contains("user") && data["user"].is_object()) s.user = user_of(data["user"]);
  if (data.contains("license") && data["license"].is_object()) s.license = license_of(data["license"]);
  return s;
}

void Client::logout() {
  // The token is forgotten whatever the answer: a refused logout leaves no session worth keeping.
  struct Forget {
    std::string& token;
    ~Forget() { token.clear(); }
  } forget{impl_->token};
  impl_->call("POST", "/v1/client/logout");
}

OfflineCheckout Client::offline_checkout(bool store) {
  if (store) (void)offline_license_path();  // no app_id: refuse before asking the server
  const json data = impl_->call("POST", "/v1/client/offline");
  OfflineCheckout checkout;
  checkout.license = string_of(data, "license");
  checkout.expires_at = string_of(data, "expiresAt");
  if (checkout.license.empty()) throw Error(200, "INTERNAL", "The answer carries no offline license");
  if (store) {
    write_atomically(offline_license_path(), checkout.license);
    checkout.stored_at = offline_license_path();
  }
  return checkout;
}

std::filesystem::path Client::offline_license_path() const {
  if (impl_->options.app_id.empty())
    throw Error(0, "INVALID_ARGUMENT", "ClientOptions.app_id is required to store offline licenses");
  return impl_->options.offline_dir.value_or(default_offline_dir()) / impl_->options.app_id / "offline-license.jws";
}

OfflineLicenseClaims Client::verify_offline_license(const std::string& jws, const std::string& hwid) const {
  if (impl_->options.jwks.empty())
    throw Error(0, "INVALID_ARGUMENT", "Offline licenses are verified against the pinned jwks: none given");
  return keyhold::verify_offline_license(jws, impl_->options.jwks, hwid, impl_->options.app_id);
}

OfflineLicenseClaims Client::load_offline_license(const std::string& hwid) const {
  const auto path = offline_license_path();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(0, "NOT_FOUND", "No offline license stored at " + path.string());
  const std::string jws = detail::trim(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  return verify_offline_license(jws, hwid);
}

OfflineLicenseClaims Client::load_offline_license() const {
  return load_offline_license(hardware_id(impl_->options.app_id));
}

FileInfo Client::file_info(const std::string& file_id) {
  const json data = impl_->call("GET", "/v1/client/files/" + percent_encode(file_id));
  FileInfo info;
  info.id = string_of(data, "id");
  info.name = string_of(data, "name");
  if (data.contains("size") && data["size"].is_number_unsigned()) info.size = data["size"].get<std::uint64_t>();
  info.sha256 = detail::to_lower(string_of(data, "sha256"));
  info.content_type = string_of(data, "contentType");
  info.created_at = string_of(data, "createdAt");
  return info;
}

const std::string& Client::token() const noexcept { return impl_->token; }
void Client::set_token(std::string token) { impl_->token = std::move(token); }
bool Client::verifying() const noexcept { return impl_->verifying; }

std::filesystem::path default_offline_dir() {
#if defined(_WIN32)
  if (auto local = env_path(L"LOCALAPPDATA")) return *local / "Keyhold";
  if (auto profile = env_path(L"USERPROFILE")) return *profile / "AppData" / "Local" / "Keyhold";
#elif defined(__APPLE__)
  if (auto home = env_path("HOME")) return *home / "Library" / "Application Support" / "Keyhold";
#else
  if (auto data = env_path("XDG_DATA_HOME"); data && data->is_absolute()) return *data / "keyhold";
  if (auto home = env_path("HOME")) return *home / ".local" / "share" / "keyhold";
#endif
  throw Error(0, "INVALID_ARGUMENT", "No home folder for the offline store: set ClientOptions.offline_dir");
}

}  // namespace keyhold
