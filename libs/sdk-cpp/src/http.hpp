// The HTTP exchange under the client, on libcurl: one attempt of one request, its answer's status
// and headers, its body to a sink. Retries, verification and errors are the client's business.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "answer_signatures.hpp"

namespace keyhold::detail {

/// Where an answer's body goes. begin() is called once, with the status and headers, before the
/// first byte (and also for an empty body); an exception from begin() or write() aborts the
/// transfer and is rethrown by Transport::perform.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual void begin(int status, const Headers& headers) = 0;
  virtual void write(const char* data, std::size_t size) = 0;
};

/// A body kept in memory (JSON answers, error answers).
class MemorySink : public BodySink {
 public:
  void begin(int, const Headers&) override {}
  void write(const char* data, std::size_t size) override { body.append(data, size); }
  std::string body;
};

struct Request {
  std::string method;  ///< GET or POST
  std::string url;
  std::vector<std::string> headers;  ///< "Name: value"
  bool has_body = false;
  std::string body;
  /// A streamed download: no overall timeout, only one for a stalled transfer.
  bool streaming = false;
};

struct Answer {
  int status = 0;
  Headers headers;
};

class Transport {
 public:
  explicit Transport(std::chrono::milliseconds timeout);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// One attempt. Throws NetworkError when no complete answer arrived, with reached() telling
  /// whether the request may have reached the server.
  Answer perform(const Request& request, BodySink& sink);

 private:
  void* curl_;  // CURL*, kept for connection reuse
  std::chrono::milliseconds timeout_;
};

/// The path part of a URL ("/prefix" of "https://host/prefix?q"), empty when it has none.
std::string path_of_url(const std::string& url);

}  // namespace keyhold::detail
