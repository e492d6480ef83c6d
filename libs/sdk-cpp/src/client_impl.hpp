// The client's state, shared by client.cpp and download.cpp.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "answer_signatures.hpp"
#include "http.hpp"
#include "keyhold/keyhold.hpp"

namespace keyhold {

struct Client::Impl {
  explicit Impl(ClientOptions opts);

  ClientOptions options;
  std::string base_url;     ///< without a trailing "/"
  std::string path_prefix;  ///< the base URL's own path, part of every "@path" sent
  bool verifying = false;
  std::optional<detail::PinnedKeys> keys;
  std::string token;
  detail::Transport transport;

  /// The request with the SDK's headers (API key, token, nonce when verifying).
  detail::Request request(const std::string& method, const std::string& api_path, const std::string& nonce) const;

  /// Runs `attempt` with the retry policy: a failed connection is retried for any method, a
  /// failure after sending only for GET; HTTP answers never. Backoff 200 ms × 2^n.
  template <class Attempt>
  auto with_retries(const std::string& method, const std::string& api_path, Attempt attempt) -> decltype(attempt());

  /// A JSON call: the answer verified (when verifying), an error answer thrown as Error, else `data`.
  nlohmann::json call(const std::string& method, const std::string& api_path, const nlohmann::json* body = nullptr);

  /// Checks an answer's signature (the request's path with the base URL's prefix).
  detail::VerifiedAnswer verify(const std::string& method, const std::string& api_path, const std::string& nonce,
                                const detail::Answer& answer, bool allow_range) const;

  /// Throws the Error an error answer carries (its body: the error envelope).
  [[noreturn]] static void throw_from(const detail::Answer& answer, const std::string& body);
};

void sleep_before_retry(int retry);

template <class Attempt>
auto Client::Impl::with_retries(const std::string& method, const std::string& api_path, Attempt attempt)
    -> decltype(attempt()) {
  const int attempts = 1 + std::max(0, options.retries);
  for (int n = 1;; ++n) {
    if (options.on_attempt) options.on_attempt(method, api_path, n);
    try {
      return attempt();
    } catch (const NetworkError& e) {
      // A POST that may have reached the server (a login, a register) is never sent twice.
      if (n >= attempts || (e.reached() && method != "GET")) throw;
    }
    sleep_before_retry(n - 1);
  }
}

}  // namespace keyhold
