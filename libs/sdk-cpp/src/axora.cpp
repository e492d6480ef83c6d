#include "keyhold/keyhold.hpp"

namespace keyhold {

std::string percent_encode(const std::string& text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0f];
    }
  }
  return out;
}

std::string axora_url(const std::string& base_url, const std::string& endpoint, const std::string& username,
                      const std::string& password, const std::string& version, const std::optional<std::string>& hwid) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  // "+" separates the parts, so each part is encoded whole (its own "+" becomes %2B).
  std::string url = base + "/app/auth/" + percent_encode(endpoint) + "+" + percent_encode(username) + "+" +
                    percent_encode(password) + "+" + percent_encode(version);
  if (hwid) url += "+" + percent_encode(*hwid);
  return url;
}

}  // namespace keyhold
