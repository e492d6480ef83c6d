// The default hardware id: a per-app hash of the operating system's own machine id. Sellers may
// use any other stable string; this one needs no privileges and survives reinstalling the app.
#include <fstream>
#include <iterator>

#include "internal.hpp"
#include "keyhold/keyhold.hpp"

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <algorithm>
#include <cstdio>
#include <vector>
#elif defined(__APPLE__)
#include <Availability.h>
#include <CoreFoundation/CoreFoundation.h>
#include <IOKit/IOKitLib.h>
#endif

namespace keyhold {
namespace detail {

std::string hardware_id_from_raw(const std::string& app_id, const std::string& raw) {
  return sha256_hex("keyhold-hwid:v1:" + app_id + ":" + raw);
}

std::optional<std::string> linux_raw_machine_id(const std::filesystem::path& root) {
  for (const char* relative : {"etc/machine-id", "var/lib/dbus/machine-id", "sys/class/dmi/id/product_uuid"}) {
    std::ifstream in(root / relative, std::ios::binary);
    if (!in) continue;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string id = to_lower(trim(text));
    if (!id.empty()) return id;
  }
  return std::nullopt;
}

namespace {

#if defined(_WIN32)
std::string machine_guid() {
  HKEY key = nullptr;
  if (RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\Cryptography", 0, KEY_READ | KEY_WOW64_64KEY, &key) !=
      ERROR_SUCCESS)
    return {};
  char value[128] = {};
  DWORD size = sizeof value - 1;
  DWORD type = 0;
  const LONG status = RegQueryValueExA(key, "MachineGuid", nullptr, &type, reinterpret_cast<LPBYTE>(value), &size);
  RegCloseKey(key);
  if (status != ERROR_SUCCESS || type != REG_SZ) return {};
  return to_lower(trim(std::string(value)));
}

// The SMBIOS system UUID (type 1 structure), as Win32_ComputerSystemProduct.UUID shows it: from
// SMBIOS 2.6 on, the first three fields are stored little-endian.
std::string smbios_uuid() {
  const DWORD size = GetSystemFirmwareTable('RSMB', 0, nullptr, 0);
  if (size < 8) return {};
  std::vector<unsigned char> table(size);
  if (GetSystemFirmwareTable('RSMB', 0, table.data(), size) != size) return {};
  // RawSMBIOSData: Used20CallingMethod, MajorVersion, MinorVersion, DmiRevision, Length (DWORD), data.
  const unsigned major = table[1], minor = table[2];
  const std::size_t length = table[4] | (table[5] << 8) | (table[6] << 16) | (static_cast<std::size_t>(table[7]) << 24);
  const unsigned char* data = table.data() + 8;
  const std::size_t end = std::min<std::size_t>(length, size - 8);
  std::size_t at = 0;
  while (at + 4 <= end) {
    const unsigned type = data[at], formatted = data[at + 1];
    if (formatted < 4 || at + formatted > end) break;
    if (type == 1 && formatted >= 0x19) {
      const unsigned char* u = data + at + 8;
      bool all_zero = true, all_ff = true;
      for (int i = 0; i < 16; ++i) {
        all_zero = all_zero && u[i] == 0x00;
        all_ff = all_ff && u[i] == 0xff;
      }
      if (all_zero || all_ff) return {};
      const bool little_endian = major > 2 || (major == 2 && minor >= 6);
      const int order_le[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
      std::string out;
      char hex[3];
      for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        std::snprintf(hex, sizeof hex, "%02x", u[little_endian ? order_le[i] : i]);
        out += hex;
      }
      return out;
    }
    if (type == 127) break;
    // Skip the formatted area, then the strings (ended by a double NUL).
    std::size_t next = at + formatted;
    while (next + 1 < end && !(data[next] == 0 && data[next + 1] == 0)) ++next;
    at = next + 2;
  }
  return {};
}

// As the Python SDK: both joined, or whichever one could be read.
std::optional<std::string> raw_machine_id() {
  const std::string guid = machine_guid();
  const std::string uuid = smbios_uuid();
  if (!guid.empty() && !uuid.empty()) return guid + "|" + uuid;
  if (!guid.empty()) return guid;
  if (!uuid.empty()) return uuid;
  return std::nullopt;
}
#elif defined(__APPLE__)
std::optional<std::string> raw_machine_id() {
  // macOS 12 renamed kIOMasterPortDefault to kIOMainPortDefault. The new name needs an SDK that
  // has it (__MAC_12_0 defined) and a minimum macOS of 12: on an older macOS it is missing.
#if defined(__MAC_12_0) && __MAC_OS_X_VERSION_MIN_REQUIRED >= __MAC_12_0
  const mach_port_t main_port = kIOMainPortDefault;
#else
  const mach_port_t main_port = kIOMasterPortDefault;
#endif
  io_service_t service = IOServiceGetMatchingService(main_port, IOServiceMatching("IOPlatformExpertDevice"));
  if (!service) return std::nullopt;
  CFTypeRef value = IORegistryEntryCreateCFProperty(service, CFSTR("IOPlatformUUID"), kCFAllocatorDefault, 0);
  IOObjectRelease(service);
  if (!value) return std::nullopt;
  std::optional<std::string> out;
  char buffer[128] = {};
  if (CFGetTypeID(value) == CFStringGetTypeID() &&
      CFStringGetCString(static_cast<CFStringRef>(value), buffer, sizeof buffer, kCFStringEncodingUTF8))
    out = to_lower(trim(buffer));
  CFRelease(value);
  if (out && out->empty()) out.reset();
  return out;
}
#else
std::optional<std::string> raw_machine_id() { return linux_raw_machine_id("/"); }
#endif

}  // namespace
}  // namespace detail

std::string hardware_id(const std::string& app_id) {
  // The app id is the salt: without it every seller would see the same id for one machine.
  if (app_id.empty()) throw Error(0, "INVALID_ARGUMENT", "hardware_id needs the app's id (app_...) as its salt");
  const auto raw = detail::raw_machine_id();
  if (!raw) throw Error(0, "HWID_UNAVAILABLE", "This machine has no machine id to derive a hardware id from");
  return detail::hardware_id_from_raw(app_id, *raw);
}

}  // namespace keyhold
