// Verify a Keyhold answer (RFC 9421 signature, RFC 9530 digest) in C++ with libsodium.
// Build: g++ -std=c++17 verify_answer.cpp -lsodium -o verify_answer
// Run:   ./verify_answer <status> <method> <path> <nonce> <body-file> <content-digest> <signature-input> <signature> <kid> <x>
// (any HTTP client gives you these; <kid> and <x> are one key of the app's pinned JWK Set).
#include <sodium.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

static std::string base64(const unsigned char* bytes, size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

static std::vector<unsigned char> unbase64(const std::string& text, int variant) {
  std::vector<unsigned char> out(text.size());
  size_t n = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &n, nullptr, variant) != 0)
    throw std::runtime_error("bad base64");
  out.resize(n);
  return out;
}

// Throws unless the answer is signed by the pinned key, unaltered, for this request and nonce.
void verify_answer(int status, const std::string& method, const std::string& path, const std::string& nonce,
                   const std::string& body, const std::string& content_digest, const std::string& signature_input,
                   const std::string& signature, const std::string& pinned_kid, const std::string& pinned_x) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  const std::string digest = "sha-256=:" + base64(hash, sizeof hash) + ":";
  if (content_digest != digest) throw std::runtime_error("the body is not the one signed");

  static const std::regex params_re(
      R"re(keyhold=(\("@status" "content-digest" "@method";req "@path";req\);created=\d+;keyid="([^"]+)";alg="ed25519";nonce="([^"]+)"))re");
  static const std::regex signature_re(R"re(keyhold=:([A-Za-z0-9+/=]+):)re");
  std::smatch params, sig;
  if (!std::regex_match(signature_input, params, params_re) || !std::regex_match(signature, sig, signature_re))
    throw std::runtime_error("unsigned answer");
  if (params[3] != nonce) throw std::runtime_error("an answer to another request (replayed)");
  if (params[2] != pinned_kid) throw std::runtime_error("signed by a key this build does not pin");

  const std::string base = "\"@status\": " + std::to_string(status) + "\n\"content-digest\": " + digest +
                           "\n\"@method\";req: " + method + "\n\"@path\";req: " + path +
                           "\n\"@signature-params\": " + params[1].str();
  const auto key = unbase64(pinned_x, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  const auto signature_bytes = unbase64(sig[1], sodium_base64_VARIANT_ORIGINAL);
  if (key.size() != crypto_sign_PUBLICKEYBYTES || signature_bytes.size() != crypto_sign_BYTES ||
      crypto_sign_verify_detached(signature_bytes.data(), reinterpret_cast<const unsigned char*>(base.data()),
                                  base.size(), key.data()) != 0)
    throw std::runtime_error("forged signature");
}

int main(int argc, char** argv) {
  if (argc != 11 || sodium_init() < 0) {
    std::cerr << "usage: see the top of this file\n";
    return 2;
  }
  std::ifstream file(argv[5], std::ios::binary);
  const std::string body((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  try {
    verify_answer(std::stoi(argv[1]), argv[2], argv[3], argv[4], body, argv[6], argv[7], argv[8], argv[9], argv[10]);
  } catch (const std::exception& e) {
    std::cerr << "refused: " << e.what() << "\n";
    return 1;
  }
  std::cout << "verified\n";
  return 0;
}
