"""The profile's key file: how its database key is protected, never the key itself.

``channelkeeper.key`` (JSON, owner-only) beside the database records whether the
database key lives in the OS keyring or behind a passphrase, a check value that tells
a wrong key from a damaged file, and the database key wrapped by each secret that can
unlock it without the keyring: the passphrase (argon2id, memory-hard: a person chose
it) and the recovery key (25 random characters, 125 bits: nothing to stretch).

A wrap is the key XORed with 32 bytes derived from the secret and a fresh random salt,
with a 16-byte BLAKE2b tag (keyed by 32 further derived bytes) that says whether a
secret typed later is the right one. A fresh salt per wrap makes the derived pad a
one-time pad, so the wrap reveals nothing about the key without the secret.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import CorruptDatabaseError

FORMAT = 1
KEYRING = "keyring"
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
#: argon2id cost of a passphrase wrap (kept in each wrap, so it can change later):
#: ~0.3 s and 64 MiB on a laptop, which is what a guess costs an attacker too
PASSPHRASE_COST = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 2}
RECOVERY_GROUPS = 5


@dataclass
class KeyFile:
    id: str
    protection: str  # KEYRING or PASSPHRASE: where the key is found at each start
    check: str
    wraps: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def account(self) -> str:
        """The keyring entry holding this profile's database key."""
        return f"database-key:{self.id}"

    def matches(self, key: bytes) -> bool:
        return hmac.compare_digest(check_value(key), self.check)

    def unwrap(self, kind: str, secret: str) -> bytes | None:
        """The database key, if ``secret`` is the right passphrase / recovery key."""
        entry = self.wraps.get(kind)
        if entry is None or not secret:
            return None
        return unwrap(entry, kind, secret)

    def save(self, path: Path) -> None:
        text = json.dumps({"format": FORMAT, "id": self.id, "protection": self.protection,
                           "check": self.check, "wraps": self.wraps}, indent=1)
        tmp = path.with_name(path.name + ".tmp")
        # created owner-only from the start, not narrowed after
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> KeyFile | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise CorruptDatabaseError(
                f"{path} (the profile's key file) cannot be read: {exc}. "
                "It was left untouched.") from exc
        return cls(id=data["id"], protection=data["protection"], check=data["check"],
                   wraps=data.get("wraps", {}))

    @classmethod
    def new(cls, key: bytes, protection: str) -> KeyFile:
        return cls(id=secrets.token_hex(8), protection=protection, check=check_value(key))


def new_key() -> bytes:
    return secrets.token_bytes(32)


def check_value(key: bytes) -> str:
    return hashlib.blake2b(key, digest_size=16, person=b"ck-db-key-check").hexdigest()


def new_recovery_code() -> str:
    """``ABCDE-FGH23-…``: 25 base32 characters (125 bits) in groups of five."""
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")[:5 * RECOVERY_GROUPS]
    return "-".join(text[i:i + 5] for i in range(0, len(text), 5))


def normalise_code(text: str) -> str:
    """What a person typed for a recovery key, as it was made: spaces, dashes and case
    do not matter, and digits misread for letters are read as the letters."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    return "-".join(cleaned[i:i + 5] for i in range(0, len(cleaned), 5))


def _derive(kind: str, secret: str, salt: bytes, cost: dict[str, int]) -> bytes:
    if kind == PASSPHRASE:
        # late: off the start path, docs/benchmarks.md
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(secret.encode("utf-8"), salt, hash_len=64, type=Type.ID, **cost)
    return hashlib.blake2b(normalise_code(secret).encode("ascii"), digest_size=64, salt=salt,
                           person=b"ck-recovery-key").digest()


def wrap(key: bytes, kind: str, secret: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    cost = dict(PASSPHRASE_COST) if kind == PASSPHRASE else {}
    derived = _derive(kind, secret, salt, cost)
    data = bytes(a ^ b for a, b in zip(key, derived[:32], strict=True))
    tag = hashlib.blake2b(data, key=derived[32:], digest_size=16).hexdigest()
    return {"salt": salt.hex(), "data": data.hex(), "tag": tag, **cost}


def unwrap(entry: dict[str, Any], kind: str, secret: str) -> bytes | None:
    cost = {k: int(entry[k]) for k in PASSPHRASE_COST if k in entry}
    derived = _derive(kind, secret, bytes.fromhex(entry["salt"]), cost)
    data = bytes.fromhex(entry["data"])
    tag = hashlib.blake2b(data, key=derived[32:], digest_size=16).hexdigest()
    if not hmac.compare_digest(tag, entry["tag"]):
        return None
    return bytes(a ^ b for a, b in zip(data, derived[:32], strict=True))
