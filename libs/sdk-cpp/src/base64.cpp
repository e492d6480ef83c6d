// Encodings and hashes, on libsodium.
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "internal.hpp"
#include "keyhold/keyhold.hpp"

namespace keyhold::detail {

void ensure_sodium() {
  // sodium_init is thread-safe and idempotent; the static only spares the repeated calls.
  static const int status = sodium_init();
  if (status < 0) throw Error(0, "INTERNAL", "libsodium could not be initialised");
}

namespace {

std::string encode(const std::string& bytes, int variant) {
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  out.resize(out.size() - 1);  // sodium writes a terminating NUL
  return out;
}

std::optional<std::string> decode(const std::string& text, int variant) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, variant) != 0 ||
      end != text.data() + text.size())
    return std::nullopt;
  out.resize(length);
  return out;
}

}  // namespace

std::string to_base64(const std::string& bytes) { return encode(bytes, sodium_base64_VARIANT_ORIGINAL); }

std::optional<std::string> from_base64(const std::string& text) {
  // Padding is optional (RFC 8941 §4.2.7 asks parsers to tolerate its absence), but when present
  // it must complete the last quantum.
  std::size_t unpadded = text.size();
  while (unpadded > 0 && text[unpadded - 1] == '=') --unpadded;
  const std::size_t padding = text.size() - unpadded;
  if (padding > 2 || (padding > 0 && text.size() % 4 != 0)) return std::nullopt;
  return decode(text.substr(0, unpadded), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
}

std::string to_base64url(const std::string& bytes) { return encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }

std::optional<std::string> from_base64url(const std::string& text) {
  return decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string to_hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0x0f];
  }
  return out;
}

std::string sha256(const std::string& bytes) {
  ensure_sodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  return out;
}

std::string sha256_hex(const std::string& bytes) { return to_hex(sha256(bytes)); }

std::string sha256_hex_of_file(const std::filesystem::path& path) {
  ensure_sodium();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(0, "IO_ERROR", "Cannot read " + path.string());
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> buffer(64 * 1024);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0)
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(got));
  }
  if (in.bad()) throw Error(0, "IO_ERROR", "Cannot read " + path.string());
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&state, reinterpret_cast<unsigned char*>(digest.data()));
  return to_hex(digest);
}

std::string random_bytes(std::size_t n) {
  ensure_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

std::string trim(const std::string& text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0'; };
  std::size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

}  // namespace keyhold::detail
