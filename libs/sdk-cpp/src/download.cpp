// Resumable, verified file downloads: bytes are streamed to `<dest>.<16 hex of sha256>.part`
// (never held whole in memory), the partial file survives an interrupted transfer, and only a
// file whose SHA-256 checks is renamed into place.
#include <fstream>

#include "client_impl.hpp"
#include "internal.hpp"

namespace keyhold {

namespace fs = std::filesystem;

namespace {

/// Removes the partial files of earlier downloads to `dest` (another version of the file).
void remove_other_partials(const fs::path& dest, const fs::path& keep) {
  const fs::path folder = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  const std::string prefix = dest.filename().string() + ".";
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > prefix.size() + 5 && name.compare(0, prefix.size(), prefix) == 0 &&
        name.compare(name.size() - 5, 5, ".part") == 0 && name != keep.filename().string()) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

std::uint64_t size_on_disk(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : static_cast<std::uint64_t>(size);
}

/// One attempt's body: file bytes appended to the partial file, or an error answer kept in memory.
class PartialFileSink : public detail::BodySink {
 public:
  PartialFileSink(const Client::Impl& client, const std::string& api_path, const std::string& nonce,
                  const fs::path& part, std::uint64_t offset, const FileInfo& info)
      : client_(client), api_path_(api_path), nonce_(nonce), part_(part), offset_(offset), info_(info) {}

  void begin(int status, const detail::Headers& headers) override {
    status_ = status;
    if (client_.verifying) {
      detail::Answer answer{status, headers};
      verified = client_.verify("GET", api_path_, nonce_, answer, true);
      if (status == 200 && !verified->covers_body)
        throw SignatureError("malformed", "A ranged signature on a whole-file answer", status);
      if (status == 206 && verified->covers_body)
        throw SignatureError("malformed", "A ranged answer not signed over its range", status);
    }
    if (status == 206) {
      const std::string expected = "bytes " + std::to_string(offset_) + "-" + std::to_string(info_.size - 1) + "/" +
                                   std::to_string(info_.size);
      if (offset_ == 0 || headers.get("content-range").value_or("") != expected)
        throw Error(status, "INTERNAL", "Unexpected Content-Range (expected " + expected + ")");
      out_.open(part_, std::ios::binary | std::ios::app);
    } else if (status == 200) {
      started_over = true;  // a whole file, also in answer to a range: the file changed, or no ranges
      out_.open(part_, std::ios::binary | std::ios::trunc);
    } else {
      return;  // an error answer: its body goes to error_body
    }
    if (!out_) throw Error(0, "IO_ERROR", "Cannot write " + part_.string());
    file_sha256 = headers.get("x-file-sha256");
  }

  void write(const char* data, std::size_t size) override {
    if (status_ != 200 && status_ != 206) {
      if (error_body.size() < (1u << 20)) error_body.append(data, size);
      return;
    }
    out_.write(data, static_cast<std::streamsize>(size));
    if (!out_) throw Error(0, "IO_ERROR", "Cannot write " + part_.string());
  }

  void close() {
    if (out_.is_open()) {
      out_.close();
      if (out_.fail()) throw Error(0, "IO_ERROR", "Cannot write " + part_.string());
    }
  }

  std::optional<detail::VerifiedAnswer> verified;
  std::optional<std::string> file_sha256;
  std::string error_body;
  bool started_over = false;

 private:
  const Client::Impl& client_;
  const std::string& api_path_;
  const std::string& nonce_;
  const fs::path& part_;
  std::uint64_t offset_;
  const FileInfo& info_;
  int status_ = 0;
  std::ofstream out_;
};

}  // namespace

DownloadResult Client::download_file(const std::string& file_id, const fs::path& dest_path) {
  const FileInfo info = file_info(file_id);
  if (info.sha256.size() != 64) throw Error(200, "INTERNAL", "The file's metadata has no SHA-256");
  fs::path part = dest_path;
  part += "." + info.sha256.substr(0, 16) + ".part";
  remove_other_partials(dest_path, part);
  const std::string api_path = "/v1/client/files/" + percent_encode(file_id) + "/bytes";

  struct Outcome {
    detail::Answer answer;
    std::optional<detail::VerifiedAnswer> verified;
    std::optional<std::string> file_sha256;
    std::string error_body;
  };
  std::optional<std::uint64_t> resumed_from;  // what the first attempt found on disk
  bool started_over = false;
  Outcome outcome = impl_->with_retries("GET", api_path, [&] {
    // Every attempt resumes from what is on disk now (an earlier attempt may have added to it).
    std::uint64_t offset = size_on_disk(part);
    if (offset >= info.size) {
      std::error_code ignored;
      fs::remove(part, ignored);  // not shorter than the file: nothing to resume
      offset = 0;
    }
    if (!resumed_from) resumed_from = offset;
    const std::string nonce = impl_->verifying ? detail::create_nonce() : "";
    detail::Request r = impl_->request("GET", api_path, nonce);
    r.streaming = true;
    if (offset > 0) {
      r.headers.push_back("Range: bytes=" + std::to_string(offset) + "-");
      // The server's ETag is the quoted SHA-256: another file's bytes never get appended.
      r.headers.push_back("If-Range: \"" + info.sha256 + "\"");
    }
    PartialFileSink sink(*impl_, api_path, nonce, part, offset, info);
    Outcome o;
    try {
      o.answer = impl_->transport.perform(r, sink);
      sink.close();
    } catch (...) {
      started_over = started_over || sink.started_over;
      throw;  // the partial file stays for the next attempt or call
    }
    started_over = started_over || sink.started_over;
    o.verified = std::move(sink.verified);
    o.file_sha256 = std::move(sink.file_sha256);
    o.error_body = std::move(sink.error_body);
    return o;
  });

  const int status = outcome.answer.status;
  if (status != 200 && status != 206) {
    if (impl_->verifying) detail::verify_answer_body(*outcome.verified, outcome.error_body);
    if (status == 416) {
      std::error_code ignored;
      fs::remove(part, ignored);  // the range no longer fits the file: start over next time
    }
    Impl::throw_from(outcome.answer, outcome.error_body);
  }

  const std::string actual = detail::sha256_hex_of_file(part);
  const bool matches = actual == info.sha256 && (!outcome.verified || actual == outcome.verified->sha256) &&
                       (!outcome.file_sha256 || detail::to_lower(detail::trim(*outcome.file_sha256)) == actual);
  if (!matches) {
    std::error_code ignored;
    fs::remove(part, ignored);
    if (impl_->verifying)
      throw SignatureError("digest-mismatch", "The file's bytes differ from the signed digest", status);
    throw ChecksumError(status, "SHA-256 mismatch: expected " + info.sha256 + ", got " + actual);
  }
  std::error_code ec;
  fs::rename(part, dest_path, ec);
  if (ec) throw Error(0, "IO_ERROR", "Cannot move the download to " + dest_path.string() + ": " + ec.message());

  DownloadResult result;
  result.path = dest_path;
  result.size = size_on_disk(dest_path);
  result.sha256 = actual;
  result.resumed_from = started_over ? 0 : resumed_from.value_or(0);
  return result;
}

}  // namespace keyhold
