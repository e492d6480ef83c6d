// Offline licenses: a compact JWS (RFC 7515, EdDSA of RFC 8037) checked with no network against
// the pinned keys, the local clock and this machine's hardware id.
#include <nlohmann/json.hpp>

#include "answer_signatures.hpp"
#include "internal.hpp"
#include "keyhold/keyhold.hpp"

namespace keyhold {

using nlohmann::json;

namespace {

const char* const kLicenseType = "keyhold-license+jwt";

json decode_part(const std::string& part) {
  const auto bytes = detail::from_base64url(part);
  if (!bytes) throw OfflineLicenseError("malformed", "Not a compact JWS (bad base64url)");
  json value = json::parse(*bytes, nullptr, false);
  if (value.is_discarded() || !value.is_object()) throw OfflineLicenseError("malformed", "Not a compact JWS (bad JSON)");
  return value;
}

bool string_or_null(const json& claims, const char* key, std::optional<std::string>& out) {
  auto it = claims.find(key);
  if (it == claims.end()) return false;
  if (it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool string_claim(const json& claims, const char* key, std::string& out) {
  auto it = claims.find(key);
  if (it == claims.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool time_claim(const json& claims, const char* key, std::int64_t& out) {
  auto it = claims.find(key);
  if (it == claims.end() || !it->is_number()) return false;
  const double value = it->get<double>();
  if (!(value > -1e15 && value < 1e15)) return false;  // also refuses NaN
  out = static_cast<std::int64_t>(value);
  return true;
}

}  // namespace

OfflineLicenseClaims verify_offline_license(const std::string& jws, const std::string& jwks, const std::string& hwid,
                                            const std::string& app_id, std::time_t now, int clock_skew_seconds) {
  const detail::PinnedKeys keys(jwks);
  const auto first = jws.find('.');
  const auto second = first == std::string::npos ? std::string::npos : jws.find('.', first + 1);
  if (second == std::string::npos || jws.find('.', second + 1) != std::string::npos)
    throw OfflineLicenseError("malformed", "Not a compact JWS");
  const std::string header_part = jws.substr(0, first);
  const std::string payload_part = jws.substr(first + 1, second - first - 1);
  const std::string signature_part = jws.substr(second + 1);

  const json header = decode_part(header_part);
  if (header.value("typ", json()) != kLicenseType)
    throw OfflineLicenseError("wrong-type", "typ is " + header.value("typ", json()).dump() + ", not " + kLicenseType);
  if (header.value("alg", json()) != "EdDSA")
    throw OfflineLicenseError("wrong-algorithm", "alg is " + header.value("alg", json()).dump() + ", not EdDSA");
  const detail::PublicKey* key = header.contains("kid") && header["kid"].is_string()
                                     ? keys.find(header["kid"].get<std::string>())
                                     : nullptr;
  if (!key)
    throw OfflineLicenseError("unknown-key",
                              "Signed with key " + header.value("kid", json()).dump() + ", which is not pinned");

  const auto signature = detail::from_base64url(signature_part);
  if (!signature || !detail::verify_ed25519(*key, *signature, header_part + "." + payload_part))
    throw OfflineLicenseError("bad-signature", "The signature does not verify");

  const json claims = decode_part(payload_part);
  OfflineLicenseClaims c;
  if (!string_claim(claims, "iss", c.iss) || !string_claim(claims, "sub", c.sub) || !string_claim(claims, "jti", c.jti) ||
      !string_or_null(claims, "hwid", c.hwid) || !string_or_null(claims, "subscription", c.subscription) ||
      !string_or_null(claims, "licenseExpiresAt", c.license_expires_at) || !time_claim(claims, "iat", c.iat) ||
      !time_claim(claims, "nbf", c.nbf) || !time_claim(claims, "exp", c.exp))
    throw OfflineLicenseError("malformed", "The license lacks claims or has claims of the wrong type");

  const std::int64_t clock = static_cast<std::int64_t>(now);
  if (c.nbf > clock + clock_skew_seconds) throw OfflineLicenseError("not-yet-valid", "The offline license is not valid yet");
  if (c.exp <= clock - clock_skew_seconds) throw OfflineLicenseError("expired", "The offline license has expired");
  if (!app_id.empty() && c.iss != app_id)
    throw OfflineLicenseError("wrong-app", "The license was issued by " + c.iss + ", not by " + app_id);
  if (c.hwid && *c.hwid != hwid) throw OfflineLicenseError("hwid-mismatch", "The license is bound to another hardware id");
  return c;
}

}  // namespace keyhold
