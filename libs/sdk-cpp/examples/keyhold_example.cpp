// keyhold-example: logs in with the Keyhold C++ SDK, answers verified against a pinned JWK Set.
//
//   keyhold-example --url U --api-key K --app-id A --jwks FILE --username N --password P
//                   [--file ID --out PATH] [--hwid-only]
#include <keyhold/keyhold.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>

namespace {

int usage() {
  std::cerr << "usage: keyhold-example --url U --api-key K --app-id A --jwks FILE --username N --password P"
               " [--file ID --out PATH] [--hwid-only]\n";
  return 2;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw keyhold::Error(0, "INVALID_ARGUMENT", "Cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  bool hwid_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--hwid-only") {
      hwid_only = true;
    } else if (arg.rfind("--", 0) == 0 && i + 1 < argc) {
      flags[arg.substr(2)] = argv[++i];
    } else {
      return usage();
    }
  }
  const auto flag = [&](const char* name) { return flags.count(name) ? flags[name] : std::string(); };

  try {
    const std::string hwid = keyhold::hardware_id(flag("app-id"));
    if (hwid_only) {
      std::cout << hwid << "\n";
      return 0;
    }
    for (const char* required : {"url", "api-key", "app-id", "jwks", "username", "password"})
      if (flag(required).empty()) return usage();
    if (flag("file").empty() != flag("out").empty()) return usage();

    keyhold::ClientOptions options;
    options.base_url = flag("url");
    options.api_key = flag("api-key");
    options.app_id = flag("app-id");
    options.jwks = read_file(flag("jwks"));  // pinned: verification is on
    keyhold::Client client(options);

    const auto login = client.login(flag("username"), flag("password"), hwid);
    std::cout << "logged in as " << login.user.username << "\n";
    std::cout << "subscription: " << login.user.subscription.value_or("none") << "\n";
    std::cout << "expires: " << login.user.expires_at.value_or("never") << "\n";
    if (!flag("file").empty()) {
      const auto file = client.download_file(flag("file"), flag("out"));
      std::cout << "downloaded: " << file.path.string() << " (" << file.size << " bytes, sha256 " << file.sha256 << ")\n";
    }
    return 0;
  } catch (const keyhold::SignatureError& e) {
    std::cerr << "error: " << e.code() << " (" << e.status() << "): " << e.what() << " [" << e.reason() << "]\n";
  } catch (const keyhold::Error& e) {
    std::cerr << "error: " << e.code() << " (" << e.status() << "): " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: INTERNAL (0): " << e.what() << "\n";
  }
  return 1;
}
