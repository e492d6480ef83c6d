// The part of RFC 8941 (Structured Field Values for HTTP) that RFC 9421 signatures need: parsing a
// Dictionary whose members are Items or Inner Lists with Parameters (Signature-Input, Signature,
// Content-Digest, Repr-Digest), and serialising Items and Inner Lists again, as the signature base
// requires. Parsing is strict: whatever §4.2 fails on throws StructuredFieldError.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace keyhold::detail::sf {

struct StructuredFieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A Token (§3.3.4), told apart from a String.
struct Token {
  std::string value;
};
/// A Decimal (§3.3.2), held exactly in thousandths (it has at most three fraction digits).
struct Decimal {
  std::int64_t thousandths = 0;
};
/// A Byte Sequence (§3.3.5), told apart from a String.
struct Bytes {
  std::string value;
};

using BareItem = std::variant<std::int64_t, Decimal, std::string, Token, Bytes, bool>;

/// Parameters keep their order: it is part of the serialisation a signature covers.
struct Parameters {
  std::vector<std::pair<std::string, BareItem>> entries;
  const BareItem* find(const std::string& key) const;
  /// A repeated key keeps its first place and takes the last value (§4.2.3.2).
  void set(const std::string& key, BareItem value);
};

struct Item {
  BareItem value;
  Parameters params;
};

struct InnerList {
  std::vector<Item> items;
  Parameters params;
};

using Member = std::variant<Item, InnerList>;

struct Dictionary {
  std::vector<std::pair<std::string, Member>> entries;
  const Member* find(const std::string& key) const;
  void set(const std::string& key, Member value);
};

/// Parses a Dictionary field value (§4.2.2).
Dictionary parse_dictionary(const std::string& text);

std::string serialize_bare_item(const BareItem& value);
std::string serialize_parameters(const Parameters& params);
std::string serialize_item(const Item& item);
std::string serialize_inner_list(const InnerList& list);

}  // namespace keyhold::detail::sf
