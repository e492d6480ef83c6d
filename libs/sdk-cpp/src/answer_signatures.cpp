#include "answer_signatures.hpp"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "internal.hpp"
#include "keyhold/keyhold.hpp"

namespace keyhold::detail {

void Headers::add(const std::string& name, const std::string& value) {
  const std::string key = to_lower(name);
  auto it = fields_.find(key);
  if (it == fields_.end())
    fields_.emplace(key, value);
  else
    it->second += ", " + value;
}

std::optional<std::string> Headers::get(const std::string& name) const {
  auto it = fields_.find(to_lower(name));
  if (it == fields_.end()) return std::nullopt;
  return it->second;
}

PinnedKeys::PinnedKeys(const std::string& jwks_json) {
  const auto invalid = [](const std::string& why) { return Error(0, "INVALID_ARGUMENT", "Pinned JWK Set: " + why); };
  nlohmann::json jwks;
  try {
    jwks = nlohmann::json::parse(jwks_json);
  } catch (const nlohmann::json::exception& e) {
    throw invalid(std::string("not JSON: ") + e.what());
  }
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array() || jwks["keys"].empty())
    throw invalid("must be {\"keys\": [...]} with at least one key");
  for (const auto& key : jwks["keys"]) {
    if (!key.is_object() || !key.contains("kid") || !key["kid"].is_string() || key["kid"].get<std::string>().empty())
      throw invalid("every key needs a kid");
    const std::string kid = key["kid"].get<std::string>();
    if (key.contains("d")) throw invalid("key " + kid + " holds a private key (\"d\"): ship only the public JWK Set");
    if (key.value("kty", "") != "OKP" || key.value("crv", "") != "Ed25519")
      throw invalid("key " + kid + " is not an Ed25519 key (kty OKP, crv Ed25519)");
    if (key.contains("use") && key["use"] != "sig") throw invalid("key " + kid + " is not a signing key");
    if (key.contains("alg") && key["alg"] != "EdDSA" && key["alg"] != "Ed25519")
      throw invalid("key " + kid + " is not for EdDSA");
    const auto x = key.contains("x") && key["x"].is_string() ? from_base64url(key["x"].get<std::string>()) : std::nullopt;
    if (!x || x->size() != 32) throw invalid("key " + kid + " has no 32-byte \"x\"");
    if (find(kid)) throw invalid("two keys have the kid " + kid);
    PublicKey bytes{};
    std::copy(x->begin(), x->end(), bytes.begin());
    keys_.emplace_back(kid, bytes);
  }
}

const PublicKey* PinnedKeys::find(const std::string& kid) const {
  for (const auto& [k, key] : keys_)
    if (k == kid) return &key;
  return nullptr;
}

std::string PinnedKeys::kids() const {
  std::string out;
  for (const auto& entry : keys_) out += (out.empty() ? "" : ", ") + entry.first;
  return out;
}

std::string create_nonce() { return to_base64url(random_bytes(24)); }

std::string signature_base(const sf::InnerList& covered,
                           const std::function<std::optional<std::string>(const sf::Item&)>& value_of) {
  std::set<std::string> seen;
  std::string base;
  for (const auto& component : covered.items) {
    if (!std::holds_alternative<std::string>(component.value))
      throw sf::StructuredFieldError("A component identifier is not a string");
    const std::string id = sf::serialize_item(component);
    if (!seen.insert(id).second) throw sf::StructuredFieldError("Component " + id + " is covered twice");
    const auto value = value_of(component);
    if (!value) throw sf::StructuredFieldError("The message has no component " + id);
    if (value->find_first_of("\r\n") != std::string::npos)
      throw sf::StructuredFieldError("Component " + id + " has a line break");
    base += id + ": " + *value + "\n";
  }
  return base + "\"@signature-params\": " + sf::serialize_inner_list(covered);
}

bool verify_ed25519(const PublicKey& key, const std::string& signature, const std::string& message) {
  ensure_sodium();
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     key.data()) == 0;
}

std::optional<std::string> sha256_of_digest_field(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  sf::Dictionary field;
  try {
    field = sf::parse_dictionary(*value);
  } catch (const sf::StructuredFieldError&) {
    return std::nullopt;
  }
  const sf::Member* member = field.find("sha-256");
  const sf::Item* item = member ? std::get_if<sf::Item>(member) : nullptr;
  const sf::Bytes* bytes = item ? std::get_if<sf::Bytes>(&item->value) : nullptr;
  if (!bytes || bytes->value.size() != 32) return std::nullopt;
  return to_hex(bytes->value);
}

namespace {

const std::vector<std::string> kBodyComponents = {"\"@status\"", "\"content-digest\"", "\"@method\";req",
                                                  "\"@path\";req"};
const std::vector<std::string> kRangedComponents = {"\"@status\"", "\"repr-digest\"", "\"content-range\"",
                                                    "\"@method\";req", "\"@path\";req"};

// What the diagnosis of a failed signature tries.
const int kStatusGuesses[] = {200, 201, 204, 206, 400, 401, 403, 404, 409, 413, 415, 416, 426, 429, 500, 503};
const char* const kMethodGuesses[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
const char* const kClientRoutes[] = {"/v1/client/login",  "/v1/client/register", "/v1/client/license",
                                     "/v1/client/session", "/v1/client/logout",  "/v1/client/offline",
                                     "/v1/client/jwks"};

/// The values Keyhold's profile takes its components from.
struct Values {
  int status;
  std::string method;
  std::string path;
};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c); });
  return text;
}

}  // namespace

VerifiedAnswer verify_answer_signature(const SignedExchange& x, const PinnedKeys& keys, const VerifyOptions& options) {
  const Headers& headers = *x.headers;
  const auto refuse = [&](const std::string& reason, const std::string& message) {
    return SignatureError(reason, message, x.status);
  };
  const auto input_field = headers.get("signature-input");
  const auto signature_field = headers.get("signature");
  if (!input_field && !signature_field) throw refuse("unsigned", "The answer is not signed");

  sf::Dictionary inputs, signatures;
  try {
    inputs = sf::parse_dictionary(input_field.value_or(""));
    signatures = sf::parse_dictionary(signature_field.value_or(""));
  } catch (const sf::StructuredFieldError& e) {
    throw refuse("malformed", std::string("Unreadable Signature-Input or Signature: ") + e.what());
  }
  const sf::Member* input_member = inputs.find("keyhold");
  const sf::Member* signature_member = signatures.find("keyhold");
  if (!input_member && !signature_member) throw refuse("unsigned", "The answer carries no \"keyhold\" signature");
  if (!input_member || !signature_member)
    throw refuse("malformed", "Signature-Input and Signature do not both carry \"keyhold\"");
  const auto* input = std::get_if<sf::InnerList>(input_member);
  if (!input) throw refuse("malformed", "Signature-Input is not an inner list");
  const auto* signature_item = std::get_if<sf::Item>(signature_member);
  const auto* signature = signature_item ? std::get_if<sf::Bytes>(&signature_item->value) : nullptr;
  if (!signature || signature->value.size() != 64)
    throw refuse("malformed", "Signature is not a 64-byte Ed25519 signature");

  std::vector<std::string> components;
  std::string listed;
  for (const auto& c : input->items) {
    components.push_back(std::holds_alternative<std::string>(c.value) ? sf::serialize_item(c) : "?");
    listed += (listed.empty() ? "" : " ") + components.back();
  }
  bool covers_body;
  if (components == kBodyComponents)
    covers_body = true;
  else if (options.allow_range && x.status == 206 && components == kRangedComponents)
    covers_body = false;
  else
    throw refuse("malformed", "The signature covers " + listed + ", not what this answer needs");

  const auto* keyid = input->params.find("keyid");
  const auto* created = input->params.find("created");
  const auto* alg = input->params.find("alg");
  const auto* nonce = input->params.find("nonce");
  if (!keyid || !std::holds_alternative<std::string>(*keyid)) throw refuse("malformed", "The signature names no keyid");
  if (!created || !std::holds_alternative<std::int64_t>(*created))
    throw refuse("malformed", "The signature has no created time");
  if (alg && !(std::holds_alternative<std::string>(*alg) && std::get<std::string>(*alg) == "ed25519"))
    throw refuse("malformed", "The signature's alg is " + sf::serialize_bare_item(*alg) + ", not ed25519");
  const std::string& kid = std::get<std::string>(*keyid);
  const PublicKey* key = keys.find(kid);
  if (!key) throw refuse("unknown-key", "Signed with key " + kid + ", which is not pinned (pinned: " + keys.kids() + ")");
  if (!nonce) throw refuse("nonce-mismatch", "The signature answers no nonce: a replayed answer");
  if (!std::holds_alternative<std::string>(*nonce) || std::get<std::string>(*nonce) != x.nonce)
    throw refuse("nonce-mismatch", "The signature answers another request (another nonce): a replayed answer");

  const auto check = [&](const Values& v) {
    const auto value_of = [&](const sf::Item& c) -> std::optional<std::string> {
      const std::string id = sf::serialize_item(c);
      if (id == "\"@status\"") return std::to_string(v.status);
      if (id == "\"@method\";req") return upper(v.method);
      if (id == "\"@path\";req") return v.path;
      if (id == "\"content-digest\"") return headers.get("content-digest");
      if (id == "\"repr-digest\"") return headers.get("repr-digest");
      if (id == "\"content-range\"") return headers.get("content-range");
      return std::nullopt;
    };
    return verify_ed25519(*key, signature->value, signature_base(*input, value_of));
  };

  const Values sent{x.status, upper(x.method), x.path};
  bool valid;
  try {
    valid = check(sent);
  } catch (const sf::StructuredFieldError& e) {
    throw refuse("malformed", e.what());
  }
  if (!valid) {
    // Would it verify for another status, or another method or path? That tells a proxy that
    // rewrites paths, or an answer moved to another request, from plain tampering. Only the
    // reason depends on it; the answer is refused either way.
    for (int status : kStatusGuesses)
      if (status != x.status && check({status, sent.method, sent.path}))
        throw refuse("status-mismatch", "The answer was signed with status " + std::to_string(status) +
                                            ", but arrived with " + std::to_string(x.status));
    std::vector<std::string> paths{sent.path};
    for (const auto& p : options.other_paths) paths.push_back(p);
    for (const char* p : kClientRoutes) paths.push_back(p);
    std::set<std::string> tried;
    for (const auto& path : paths) {
      if (!tried.insert(path).second) continue;
      for (const char* method : kMethodGuesses)
        if ((path != sent.path || method != sent.method) && check({x.status, method, path}))
          throw refuse("path-mismatch", std::string("The answer was signed for ") + method + " " + path + ", not for " +
                                            sent.method + " " + sent.path);
    }
    throw refuse("bad-signature", "The signature does not verify: the answer was altered or forged");
  }

  const auto sha256 = sha256_of_digest_field(headers.get(covers_body ? "content-digest" : "repr-digest"));
  if (!sha256) throw refuse("malformed", "The signed digest field holds no sha-256");
  VerifiedAnswer verified;
  verified.kid = kid;
  verified.created = std::get<std::int64_t>(*created);
  verified.status = x.status;
  verified.covers_body = covers_body;
  verified.sha256 = *sha256;
  if (!covers_body) verified.content_range = headers.get("content-range").value_or("");
  return verified;
}

void verify_answer_body(const VerifiedAnswer& verified, const std::string& body) {
  if (!verified.covers_body) throw SignatureError("malformed", "A ranged answer does not cover its body", verified.status);
  if (sha256_hex(body) != verified.sha256)
    throw SignatureError("digest-mismatch", "The body's bytes differ from the signed Content-Digest", verified.status);
}

}  // namespace keyhold::detail
