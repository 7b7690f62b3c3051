"""The server's secrets cipher (``openhands/sdk/utils/cipher.py``): Fernet with a SHA-256 key.

Tokens the mock issues decrypt with the real server's cipher for the same key and the other way
round, so a client that round-trips ``X-Expose-Secrets: encrypted`` values works as on the server.
"""

from __future__ import annotations

import hashlib
from base64 import b64encode
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

FERNET_TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - how every Fernet token starts, not a secret


def cipher_for(key: str | None) -> Cipher | None:
    """The server's cipher for ``key``, or None when it has no key (encrypted exposure is a 503)."""
    return Cipher(key) if key else None


class Cipher:
    """Encrypts and decrypts secret values with one key."""

    def __init__(self, key: str):
        self._key = key
        self._derived: Fernet | None = None

    @property
    def _fernet(self) -> Fernet:
        """Derived on first use, as the SDK's ``Cipher._get_fernet``: under cryptography 51 and
        later the derivation (standard, not URL-safe, base64 of the key's SHA-256) fails for
        about three keys in four, and on the real server that failure is a 500 of the request
        that needs the cipher, never a server that cannot start."""
        if self._derived is None:
            self._derived = Fernet(b64encode(hashlib.sha256(self._key.encode()).digest()))
        return self._derived

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str | None:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            return None

    def decrypt_tokens(self, node: Any) -> Any:
        """``node`` with every string that is a token of this cipher decrypted (what
        ``validate_secret`` does for secret fields sent back encrypted)."""
        if isinstance(node, str) and node.startswith(FERNET_TOKEN_PREFIX):
            decrypted = self.decrypt(node)
            return node if decrypted is None else decrypted
        if isinstance(node, dict):
            return {key: self.decrypt_tokens(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self.decrypt_tokens(item) for item in node]
        return node
