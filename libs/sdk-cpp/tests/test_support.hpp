// Test helpers: an Ed25519 key made with libsodium, answers signed with it in Keyhold's profile.
#pragma once

#include <sodium.h>

#include <array>
#include <string>

#include "answer_signatures.hpp"
#include "internal.hpp"

namespace keyhold::test {

struct TestKey {
  std::string kid;
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};

  explicit TestKey(std::string id) : kid(std::move(id)) {
    detail::ensure_sodium();
    crypto_sign_keypair(pk.data(), sk.data());
  }
  std::string sign(const std::string& message) const {
    std::string sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk.data());
    return sig;
  }
  std::string jwk() const {
    return R"({"kty":"OKP","crv":"Ed25519","use":"sig","alg":"EdDSA","kid":")" + kid + R"(","x":")" +
           detail::to_base64url(std::string(pk.begin(), pk.end())) + "\"}";
  }
  std::string jwks() const { return "{\"keys\":[" + jwk() + "]}"; }
};

inline std::string digest_field(const std::string& body) { return "sha-256=:" + detail::to_base64(detail::sha256(body)) + ":"; }

struct SignedParts {
  int status = 200;
  std::string method = "POST";
  std::string path = "/v1/client/license";
  std::string nonce;
  std::string content_digest;
  long long created = 1796153142;
};

/// Signature-Input and Signature of a genuine Keyhold answer (body profile).
inline std::pair<std::string, std::string> sign_answer(const SignedParts& p, const TestKey& key) {
  std::string params = "(\"@status\" \"content-digest\" \"@method\";req \"@path\";req);created=" +
                       std::to_string(p.created) + ";keyid=\"" + key.kid + "\";alg=\"ed25519\"";
  if (!p.nonce.empty()) params += ";nonce=\"" + p.nonce + "\"";
  const std::string base = "\"@status\": " + std::to_string(p.status) + "\n\"content-digest\": " + p.content_digest +
                           "\n\"@method\";req: " + p.method + "\n\"@path\";req: " + p.path +
                           "\n\"@signature-params\": " + params;
  return {"keyhold=" + params, "keyhold=:" + detail::to_base64(key.sign(base)) + ":"};
}

}  // namespace keyhold::test
