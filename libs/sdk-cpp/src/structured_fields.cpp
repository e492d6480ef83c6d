#include "structured_fields.hpp"

#include <cstdlib>

#include "internal.hpp"

namespace keyhold::detail::sf {

const BareItem* Parameters::find(const std::string& key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

void Parameters::set(const std::string& key, BareItem value) {
  for (auto& [k, v] : entries)
    if (k == key) {
      v = std::move(value);
      return;
    }
  entries.emplace_back(key, std::move(value));
}

const Member* Dictionary::find(const std::string& key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

void Dictionary::set(const std::string& key, Member value) {
  for (auto& [k, v] : entries)
    if (k == key) {
      v = std::move(value);
      return;
    }
  entries.emplace_back(key, std::move(value));
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lcalpha(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_lcalpha(c) || (c >= 'A' && c <= 'Z'); }
bool is_key_char(char c) { return is_lcalpha(c) || is_digit(c) || c == '_' || c == '-' || c == '.' || c == '*'; }
// tchar (RFC 9110 §5.6.2) plus ":" and "/" (RFC 8941 §3.3.4)
bool is_token_char(char c) {
  static const std::string extra = "!#$%&'*+-.^_`|~:/";
  return is_alpha(c) || is_digit(c) || extra.find(c) != std::string::npos;
}

/// A cursor over the field value.
class Input {
 public:
  explicit Input(const std::string& text) : text_(text) {}
  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  char next() { return done() ? '\0' : text_[at_++]; }
  void skip_sp() {
    while (peek() == ' ') ++at_;
  }
  void skip_ows() {
    while (peek() == ' ' || peek() == '\t') ++at_;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw StructuredFieldError(what + " at character " + std::to_string(at_ + 1));
  }

 private:
  const std::string& text_;
  std::size_t at_ = 0;
};

BareItem parse_bare_item(Input& in);

std::string parse_key(Input& in) {
  const char first = in.peek();
  if (first != '*' && !is_lcalpha(first)) in.fail("Expected a key");
  std::string key;
  while (!in.done() && is_key_char(in.peek())) key += in.next();
  return key;
}

Parameters parse_parameters(Input& in) {
  Parameters params;
  while (in.peek() == ';') {
    in.next();
    in.skip_sp();
    const std::string key = parse_key(in);
    BareItem value = true;
    if (in.peek() == '=') {
      in.next();
      value = parse_bare_item(in);
    }
    params.set(key, std::move(value));
  }
  return params;
}

BareItem parse_number(Input& in) {
  bool negative = false;
  if (in.peek() == '-') {
    in.next();
    negative = true;
  }
  if (!is_digit(in.peek())) in.fail("Expected a digit");
  std::string integer, fraction;
  bool decimal = false;
  while (!in.done()) {
    const char c = in.peek();
    if (is_digit(c)) {
      (decimal ? fraction : integer) += in.next();
    } else if (c == '.' && !decimal) {
      if (integer.size() > 12) in.fail("Too many integer digits in a decimal");
      decimal = true;
      in.next();
    } else {
      break;
    }
    if (!decimal && integer.size() > 15) in.fail("Integer too long");
    if (decimal && integer.size() + 1 + fraction.size() > 16) in.fail("Decimal too long");
  }
  // At most 15 digits: std::strtoll cannot overflow.
  const std::int64_t whole = std::strtoll(integer.c_str(), nullptr, 10);
  if (!decimal) return negative ? -whole : whole;
  if (fraction.empty()) in.fail("A decimal ends with \".\"");
  if (fraction.size() > 3) in.fail("More than three fraction digits");
  std::int64_t thousandths = whole * 1000;
  std::int64_t scale = 100;
  for (char d : fraction) {
    thousandths += (d - '0') * scale;
    scale /= 10;
  }
  return Decimal{negative ? -thousandths : thousandths};
}

std::string parse_string(Input& in) {
  in.next();  // '"'
  std::string out;
  while (!in.done()) {
    const char c = in.next();
    if (c == '\\') {
      const char escaped = in.next();
      if (escaped != '"' && escaped != '\\') in.fail("Bad escape in a string");
      out += escaped;
    } else if (c == '"') {
      return out;
    } else {
      const auto code = static_cast<unsigned char>(c);
      if (code < 0x20 || code > 0x7e) in.fail("Character not allowed in a string");
      out += c;
    }
  }
  in.fail("Unterminated string");
}

Token parse_token(Input& in) {
  std::string out(1, in.next());
  while (!in.done() && is_token_char(in.peek())) out += in.next();
  return Token{out};
}

Bytes parse_byte_sequence(Input& in) {
  in.next();  // ':'
  std::string b64;
  while (!in.done() && in.peek() != ':') b64 += in.next();
  if (in.next() != ':') in.fail("Unterminated byte sequence");
  for (char c : b64)
    if (!(is_alpha(c) || is_digit(c) || c == '+' || c == '/' || c == '=')) in.fail("Not base64 in a byte sequence");
  auto bytes = from_base64(b64);
  if (!bytes) in.fail("Not base64 in a byte sequence");
  return Bytes{*bytes};
}

bool parse_boolean(Input& in) {
  in.next();  // '?'
  const char c = in.next();
  if (c == '1') return true;
  if (c == '0') return false;
  in.fail("Expected ?0 or ?1");
}

BareItem parse_bare_item(Input& in) {
  const char c = in.peek();
  if (c == '-' || is_digit(c)) return parse_number(in);
  if (c == '"') return parse_string(in);
  if (c == '*' || is_alpha(c)) return parse_token(in);
  if (c == ':') return parse_byte_sequence(in);
  if (c == '?') return parse_boolean(in);
  in.fail("Expected an item");
}

Item parse_item(Input& in) {
  BareItem value = parse_bare_item(in);
  return Item{std::move(value), parse_parameters(in)};
}

InnerList parse_inner_list(Input& in) {
  in.next();  // '('
  InnerList list;
  while (!in.done()) {
    in.skip_sp();
    if (in.peek() == ')') {
      in.next();
      list.params = parse_parameters(in);
      return list;
    }
    list.items.push_back(parse_item(in));
    const char c = in.peek();
    if (c != ' ' && c != ')') in.fail("Expected \" \" or \")\" in an inner list");
  }
  in.fail("Unterminated inner list");
}

}  // namespace

Dictionary parse_dictionary(const std::string& text) {
  Input in(text);
  Dictionary dictionary;
  in.skip_sp();
  while (!in.done()) {
    const std::string key = parse_key(in);
    if (in.peek() == '=') {
      in.next();
      if (in.peek() == '(')
        dictionary.set(key, parse_inner_list(in));
      else
        dictionary.set(key, parse_item(in));
    } else {
      dictionary.set(key, Item{true, parse_parameters(in)});
    }
    in.skip_ows();
    if (in.done()) return dictionary;
    if (in.next() != ',') in.fail("Expected \",\" after a dictionary member");
    in.skip_ows();
    if (in.done()) in.fail("Trailing \",\" in a dictionary");
  }
  return dictionary;
}

std::string serialize_bare_item(const BareItem& value) {
  struct Visitor {
    std::string operator()(std::int64_t v) const {
      if (v > 999999999999999 || v < -999999999999999) throw StructuredFieldError("Not an sf-integer");
      return std::to_string(v);
    }
    std::string operator()(const Decimal& d) const {
      const std::int64_t magnitude = d.thousandths < 0 ? -d.thousandths : d.thousandths;
      if (magnitude >= 1000000000000000) throw StructuredFieldError("Not an sf-decimal");
      std::string fraction = std::to_string(magnitude % 1000);
      fraction.insert(0, 3 - fraction.size(), '0');
      // At least one fraction digit, no trailing zeros beyond it (§4.1.5).
      while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
      return (d.thousandths < 0 ? "-" : "") + std::to_string(magnitude / 1000) + "." + fraction;
    }
    std::string operator()(const std::string& s) const {
      std::string out = "\"";
      for (char c : s) {
        const auto code = static_cast<unsigned char>(c);
        if (code < 0x20 || code > 0x7e) throw StructuredFieldError("Not an sf-string");
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    std::string operator()(const Token& t) const { return t.value; }
    std::string operator()(const Bytes& b) const { return ":" + to_base64(b.value) + ":"; }
    std::string operator()(bool b) const { return b ? "?1" : "?0"; }
  };
  return std::visit(Visitor{}, value);
}

std::string serialize_parameters(const Parameters& params) {
  std::string out;
  for (const auto& [key, value] : params.entries) {
    out += ";" + key;
    const bool* flag = std::get_if<bool>(&value);
    if (!(flag && *flag)) out += "=" + serialize_bare_item(value);
  }
  return out;
}

std::string serialize_item(const Item& item) { return serialize_bare_item(item.value) + serialize_parameters(item.params); }

std::string serialize_inner_list(const InnerList& list) {
  std::string out = "(";
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    if (i > 0) out += ' ';
    out += serialize_item(list.items[i]);
  }
  return out + ")" + serialize_parameters(list.params);
}

}  // namespace keyhold::detail::sf
