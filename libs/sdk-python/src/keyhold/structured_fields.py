"""The part of RFC 8941 (Structured Field Values for HTTP) that RFC 9421 signatures need.

Parsing a Dictionary whose members are Items or Inner Lists with Parameters (Signature-Input,
Signature, Content-Digest, Repr-Digest), and serialising an Item or an Inner List again, as the
signature base requires. Parsing is strict: anything RFC 8941 section 4.2 fails on raises
StructuredFieldError.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, List, Tuple, Union


class StructuredFieldError(ValueError):
    """A field value that is not a valid structured field."""


@dataclass(frozen=True)
class Token:
    """A Token (section 3.3.4), told apart from a String."""

    value: str


BareItem = Union[int, Decimal, str, Token, bytes, bool]
# Parameters keep their order: it is part of the serialisation a signature covers.
Parameters = List[Tuple[str, BareItem]]


@dataclass
class Item:
    value: BareItem
    params: Parameters = field(default_factory=list)


@dataclass
class InnerList:
    items: List[Item]
    params: Parameters = field(default_factory=list)


Member = Union[Item, InnerList]

_KEY_START = re.compile(r"[a-z*]")
_KEY_CHAR = re.compile(r"[a-z0-9_\-.*]")
_TOKEN_START = re.compile(r"[A-Za-z*]")
# tchar (RFC 9110 section 5.6.2) plus ":" and "/" (RFC 8941 section 3.3.4)
_TOKEN_CHAR = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z:/]")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")


class _Input:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    @property
    def done(self) -> bool:
        return self.at >= len(self.text)

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def next(self) -> str:
        c = self.peek()
        self.at += 1
        return c

    def skip_sp(self) -> None:
        while self.peek() == " ":
            self.at += 1

    def skip_ows(self) -> None:
        while self.peek() in (" ", "\t") and not self.done:
            self.at += 1

    def fail(self, what: str) -> StructuredFieldError:
        return StructuredFieldError(f"{what} at character {self.at + 1}")


def parse_dictionary(text: str) -> Dict[str, Member]:
    """Parses a Dictionary (section 4.2.2). A repeated key keeps its first place and its last value."""
    if any(ord(c) > 0x7E or (ord(c) < 0x20 and c != "\t") for c in text):
        raise StructuredFieldError("A structured field holds only visible ASCII")
    src = _Input(text)
    members: Dict[str, Member] = {}
    src.skip_sp()
    while not src.done:
        key = _parse_key(src)
        if src.peek() == "=":
            src.next()
            member = _parse_member(src)
        else:
            member = Item(True, _parse_params(src))
        members[key] = member
        src.skip_ows()
        if src.done:
            return members
        if src.next() != ",":
            raise src.fail("Expected ','")
        src.skip_ows()
        if src.done:
            raise src.fail("Trailing ','")
    return members


def _parse_member(src: _Input) -> Member:
    if src.peek() == "(":
        return _parse_inner_list(src)
    return Item(_parse_bare_item(src), _parse_params(src))


def _parse_inner_list(src: _Input) -> InnerList:
    src.next()  # "("
    items: List[Item] = []
    while not src.done:
        src.skip_sp()
        if src.peek() == ")":
            src.next()
            return InnerList(items, _parse_params(src))
        items.append(Item(_parse_bare_item(src), _parse_params(src)))
        if src.peek() not in (" ", ")"):
            raise src.fail("Expected ' ' or ')' in an inner list")
    raise src.fail("Unterminated inner list")


def _parse_params(src: _Input) -> Parameters:
    params: Parameters = []
    while src.peek() == ";":
        src.next()
        src.skip_sp()
        key = _parse_key(src)
        value: BareItem = True
        if src.peek() == "=":
            src.next()
            value = _parse_bare_item(src)
        # A repeated name keeps its place and takes the last value (section 4.2.3.2).
        at = next((i for i, (k, _) in enumerate(params) if k == key), None)
        if at is None:
            params.append((key, value))
        else:
            params[at] = (key, value)
    return params


def _parse_key(src: _Input) -> str:
    if not _KEY_START.fullmatch(src.peek() or " "):
        raise src.fail("Expected a key")
    start = src.at
    while src.peek() and _KEY_CHAR.fullmatch(src.peek()):
        src.next()
    return src.text[start : src.at]


def _parse_bare_item(src: _Input) -> BareItem:
    c = src.peek()
    if c == "-" or c.isdigit():
        return _parse_number(src)
    if c == '"':
        return _parse_string(src)
    if c == ":":
        return _parse_bytes(src)
    if c == "?":
        src.next()
        b = src.next()
        if b not in ("0", "1"):
            raise src.fail("Expected ?0 or ?1")
        return b == "1"
    if c and _TOKEN_START.fullmatch(c):
        start = src.at
        while src.peek() and _TOKEN_CHAR.fullmatch(src.peek()):
            src.next()
        return Token(src.text[start : src.at])
    raise src.fail("Expected an item")


def _parse_number(src: _Input) -> BareItem:
    start = src.at
    if src.peek() == "-":
        src.next()
    if not src.peek().isdigit():
        raise src.fail("Expected a digit")
    while src.peek().isdigit() or src.peek() == ".":
        src.next()
    text = src.text[start : src.at]
    digits = text.lstrip("-")
    if "." in text:
        whole, _, frac = digits.partition(".")
        if "." in frac or len(whole) > 12 or not frac or len(frac) > 3:
            raise src.fail("Invalid decimal")
        return Decimal(text)
    if len(digits) > 15:
        raise src.fail("Integer too long")
    return int(text)


def _parse_string(src: _Input) -> str:
    src.next()  # opening quote
    out: List[str] = []
    while not src.done:
        c = src.next()
        if c == "\\":
            escaped = src.next()
            if escaped not in ('"', "\\"):
                raise src.fail("Invalid escape in a string")
            out.append(escaped)
        elif c == '"':
            return "".join(out)
        elif ord(c) < 0x20 or ord(c) > 0x7E:
            raise src.fail("Invalid character in a string")
        else:
            out.append(c)
    raise src.fail("Unterminated string")


def _parse_bytes(src: _Input) -> bytes:
    src.next()  # ":"
    end = src.text.find(":", src.at)
    if end < 0:
        raise src.fail("Unterminated byte sequence")
    text = src.text[src.at : end]
    if not _BASE64.fullmatch(text):
        raise src.fail("Invalid base64 in a byte sequence")
    src.at = end + 1
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error as e:
        raise src.fail(f"Invalid base64 ({e})") from None


def serialize_bare_item(value: BareItem) -> str:
    if isinstance(value, bool):
        return "?1" if value else "?0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = f"{value.quantize(Decimal('0.001')):f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, Token):
        return value.value
    if isinstance(value, bytes):
        return ":" + base64.b64encode(value).decode("ascii") + ":"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def serialize_params(params: Parameters) -> str:
    return "".join(f";{k}" if v is True else f";{k}={serialize_bare_item(v)}" for k, v in params)


def serialize_item(item: Item) -> str:
    return serialize_bare_item(item.value) + serialize_params(item.params)


def serialize_inner_list(inner: InnerList) -> str:
    return "(" + " ".join(serialize_item(i) for i in inner.items) + ")" + serialize_params(inner.params)
