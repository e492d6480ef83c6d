#include "http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <stdexcept>

#include "internal.hpp"
#include "keyhold/keyhold.hpp"

namespace keyhold::detail {

namespace {

void ensure_curl() {
  // curl_global_init is not thread-safe on old libcurl: a function-local static runs it once.
  static const CURLcode status = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (status != CURLE_OK) throw Error(0, "INTERNAL", "libcurl could not be initialised");
}

/// What the callbacks of one transfer share.
struct Transfer {
  Answer answer;
  BodySink* sink = nullptr;
  bool begun = false;
  std::exception_ptr failure;

  bool begin() {
    if (begun) return true;
    begun = true;
    try {
      sink->begin(answer.status, answer.headers);
      return true;
    } catch (...) {
      failure = std::current_exception();
      return false;
    }
  }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line = trim(std::string(data, size * count));
  if (line.rfind("HTTP/", 0) == 0) {
    // A new answer (after a 100 Continue, say): its status line, then its own fields.
    t->answer.headers.clear();
    const auto space = line.find(' ');
    t->answer.status = space == std::string::npos ? 0 : std::atoi(line.c_str() + space + 1);
  } else if (const auto colon = line.find(':'); colon != std::string::npos && colon > 0) {
    t->answer.headers.add(line.substr(0, colon), trim(line.substr(colon + 1)));
  }
  return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (!t->begin()) return 0;  // 0 aborts the transfer (CURLE_WRITE_ERROR)
  try {
    t->sink->write(data, size * count);
  } catch (...) {
    t->failure = std::current_exception();
    return 0;
  }
  return size * count;
}

/// Failures that happen before a request could be sent: the server cannot have seen it.
bool failed_to_connect(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return true;
    default:
      return false;
  }
}

}  // namespace

Transport::Transport(std::chrono::milliseconds timeout) : curl_(nullptr), timeout_(timeout) {
  ensure_curl();
  curl_ = curl_easy_init();
  if (!curl_) throw Error(0, "INTERNAL", "curl_easy_init failed");
}

Transport::~Transport() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

Answer Transport::perform(const Request& request, BodySink& sink) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the connection cache
  Transfer t;
  t.sink = &sink;

  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  // slist ownership: freed on every path below.
  struct SlistGuard {
    curl_slist* list;
    ~SlistGuard() { curl_slist_free_all(list); }
  } guard{headers};

  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a signature answers one request, not a redirect
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
  if (request.streaming) {
    // Big files take as long as they take; a stalled one fails after the timeout.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max<long long>(1, timeout_.count() / 1000)));
  } else {
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  }
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  const CURLcode code = curl_easy_perform(curl);
  if (t.failure) std::rethrow_exception(t.failure);
  if (code != CURLE_OK) {
    long sent = 0;
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &sent);
    // Anything after a connection was made may have reached the server, even a timeout.
    const bool reached = !failed_to_connect(code) && (sent > 0 || t.answer.status != 0);
    const std::string detail = error[0] ? std::string(error) : std::string(curl_easy_strerror(code));
    throw NetworkError(request.method + " " + request.url + ": " + detail, reached);
  }
  if (!t.begin()) std::rethrow_exception(t.failure);  // an empty body still begins
  return std::move(t.answer);
}

std::string path_of_url(const std::string& url) {
  const auto scheme = url.find("://");
  const auto authority = scheme == std::string::npos ? 0 : scheme + 3;
  const auto slash = url.find('/', authority);
  if (slash == std::string::npos) return {};
  const auto end = url.find_first_of("?#", slash);
  return url.substr(slash, end == std::string::npos ? std::string::npos : end - slash);
}

}  // namespace keyhold::detail
