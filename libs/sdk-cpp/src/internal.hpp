// Helpers shared by the SDK's sources (not part of the public API; the tests use them too).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace keyhold::detail {

/// Calls sodium_init() once; throws if libsodium cannot start.
void ensure_sodium();

std::string to_base64(const std::string& bytes);  ///< standard alphabet, padded
/// Standard alphabet, padding optional; nullopt when not base64.
std::optional<std::string> from_base64(const std::string& text);
std::string to_base64url(const std::string& bytes);  ///< URL alphabet, no padding
/// URL alphabet without padding (as JOSE uses it); nullopt when not base64url.
std::optional<std::string> from_base64url(const std::string& text);

std::string to_hex(const std::string& bytes);
std::string sha256(const std::string& bytes);  ///< 32 raw bytes
std::string sha256_hex(const std::string& bytes);
/// The hex SHA-256 of a file's bytes, read in chunks. Throws Error on a read failure.
std::string sha256_hex_of_file(const std::filesystem::path& path);
std::string random_bytes(std::size_t n);

std::string to_lower(std::string text);
std::string trim(const std::string& text);

/// The hardware id formula: hex SHA-256 of "keyhold-hwid:v1:" + app_id + ":" + raw.
std::string hardware_id_from_raw(const std::string& app_id, const std::string& raw);
/// Linux's raw machine id under `root` (normally "/"): the first non-empty of etc/machine-id,
/// var/lib/dbus/machine-id, sys/class/dmi/id/product_uuid, trimmed and lowercased.
std::optional<std::string> linux_raw_machine_id(const std::filesystem::path& root);

}  // namespace keyhold::detail
