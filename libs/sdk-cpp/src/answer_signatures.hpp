// Verification of Keyhold's signed answers: RFC 9421 (HTTP Message Signatures) as the contract
// profiles it. Every answer of /v1/client/* for a known app carries
//
//   Content-Digest: sha-256=:<SHA-256 of the body>:                          (RFC 9530)
//   Signature-Input: keyhold=("@status" "content-digest" "@method";req "@path";req);created=...;keyid="key_...";alg="ed25519";nonce="..."
//   Signature: keyhold=:<Ed25519 signature of the signature base>:
//
// and a ranged file answer (206) is signed over "repr-digest" "content-range" (the whole file's
// SHA-256 and the range sent) instead of the body's digest. With the app's keys pinned and a fresh
// nonce per request, an answer verifies only if the app's server made it for this very request:
// no clock is trusted (`created` is reported, never judged).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "structured_fields.hpp"

namespace keyhold::detail {

/// Header fields of an answer: names lowercased, repeated fields joined with ", " (RFC 9110 §5.3).
class Headers {
 public:
  void add(const std::string& name, const std::string& value);
  std::optional<std::string> get(const std::string& name) const;
  void clear() { fields_.clear(); }

 private:
  std::map<std::string, std::string> fields_;
};

using PublicKey = std::array<unsigned char, 32>;

/// An app's public keys, pinned: its JWK Set as the software ships it. Checked when made (a bad
/// set is a programming error: Error INVALID_ARGUMENT).
class PinnedKeys {
 public:
  explicit PinnedKeys(const std::string& jwks_json);
  const PublicKey* find(const std::string& kid) const;
  std::string kids() const;  ///< comma-separated, for messages

 private:
  std::vector<std::pair<std::string, PublicKey>> keys_;
};

/// A fresh Keyhold-Nonce: 24 random bytes as 32 base64url characters.
std::string create_nonce();

/// The signature base of RFC 9421 §2.5: one line per covered component, `<identifier>: <value>`,
/// then `"@signature-params": <the inner list and its parameters>`, joined by "\n", no trailing
/// newline. `value_of` gives each component's value (nullopt: the message has no such component).
/// Throws sf::StructuredFieldError when a component is missing, repeated or not a string.
std::string signature_base(const sf::InnerList& covered,
                           const std::function<std::optional<std::string>(const sf::Item&)>& value_of);

/// Ed25519 (RFC 8032) over the message's bytes.
bool verify_ed25519(const PublicKey& key, const std::string& signature, const std::string& message);

/// The hex SHA-256 of an RFC 9530 digest field (`sha-256=:...:`), or nullopt when it has none.
std::optional<std::string> sha256_of_digest_field(const std::optional<std::string>& value);

/// One request as sent and its answer as received: what a signature is checked against.
struct SignedExchange {
  std::string method;  ///< as sent, e.g. "POST"
  std::string path;    ///< as sent: percent-encoding kept, base URL prefix included, no query
  std::string nonce;
  int status = 0;
  const Headers* headers = nullptr;
};

struct VerifiedAnswer {
  std::string kid;
  std::int64_t created = 0;
  int status = 0;
  /// true: the signature covers Content-Digest (the body is genuine once it hashes to sha256);
  /// false: a ranged answer, which proves that content_range belongs to the file whose whole
  /// SHA-256 is sha256 (Repr-Digest).
  bool covers_body = true;
  std::string sha256;  ///< hex
  std::string content_range;
};

struct VerifyOptions {
  bool allow_range = false;  ///< accept a 206 signed over repr-digest and content-range
  std::vector<std::string> other_paths;  ///< more paths the diagnosis of a failed signature tries
};

/// Checks an answer's signature, in the TS SDK's order: unsigned, malformed, unknown-key,
/// nonce-mismatch, then Ed25519 (a failure diagnosed as status-mismatch, path-mismatch or
/// bad-signature). Throws keyhold::SignatureError. The body is checked by verify_answer_body.
VerifiedAnswer verify_answer_signature(const SignedExchange& exchange, const PinnedKeys& keys,
                                       const VerifyOptions& options = {});

/// Throws SignatureError digest-mismatch unless `body` hashes to the verified Content-Digest.
void verify_answer_body(const VerifiedAnswer& verified, const std::string& body);

}  // namespace keyhold::detail
