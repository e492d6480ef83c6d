#include "keyhold/keyhold.hpp"

namespace keyhold {

Error::Error(int status, std::string code, const std::string& message, std::optional<int> retry_after_seconds,
             std::string details_json)
    : std::runtime_error(message),
      status_(status),
      code_(std::move(code)),
      retry_after_(retry_after_seconds),
      details_(std::move(details_json)) {}

NetworkError::NetworkError(const std::string& message, bool reached)
    : Error(0, "NETWORK_ERROR", message), reached_(reached) {}

SignatureError::SignatureError(std::string reason, const std::string& message, int received_status)
    : Error(0, "UNVERIFIED_ANSWER", message), reason_(std::move(reason)), received_status_(received_status) {}

ChecksumError::ChecksumError(int status, const std::string& message) : Error(status, "CHECKSUM_MISMATCH", message) {}

OfflineLicenseError::OfflineLicenseError(std::string reason, const std::string& message)
    : Error(0, "INVALID_OFFLINE_LICENSE", message), reason_(std::move(reason)) {}

}  // namespace keyhold
