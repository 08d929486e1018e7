"""Password policy for accounts the server creates or changes.

A password is refused, with the reason in words, when it is shorter than
``MIN_LENGTH``, longer than ``MAX_LENGTH`` (hashing cost is bounded per request), one of
the most common passwords (``common_passwords.txt``: source and licence in its
header), or equal to or containing the user name. Comparison ignores case, and for the
user name also punctuation and spaces ("Li.Na2026" contains "li.na").
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sync import protocol as p
from sync.server.errors import ApiError

MIN_LENGTH = 8
#: argon2 hashes any length, but a password is read and hashed on every sign-in attempt
MAX_LENGTH = 256
#: user names shorter than this are only refused as the whole password: "li" inside a
#: long passphrase says nothing about its strength
MIN_NAME_PART = 3
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


@cache
def common_passwords() -> frozenset[str]:
    with COMMON_FILE.open(encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if line.strip() and not line.startswith("#"))


def _folded(text: str) -> str:
    return _SEPARATORS.sub("", text.casefold())


def problem(password: str, username: str) -> str | None:
    """Why ``password`` is refused for ``username``, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"The password needs at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"The password may have at most {MAX_LENGTH} characters."
    if password.casefold() in common_passwords() or password.strip().casefold() in common_passwords():
        return ("This password is one of the most commonly used passwords, which attackers "
                "try first. Choose a less common one (a few unrelated words work well).")
    name, word = _folded(username.strip()), _folded(password)
    if name and (word == name or password.strip().casefold() == username.strip().casefold()
                 or (len(name) >= MIN_NAME_PART and name in word)):
        return "The password must not be or contain the user name."
    return None


def check(password: str, username: str) -> None:
    """Raise a 400 ApiError naming the reason when the password is refused."""
    reason = problem(password, username)
    if reason:
        raise ApiError(400, p.ERROR_BAD_REQUEST, reason)
