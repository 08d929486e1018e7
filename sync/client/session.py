"""The sync engine's sign-in: registering this laptop as a device, the tokens in the
keyring, and authenticated calls that refresh an expired access token once. A
collaborator of ``sync.client.engine.SyncEngine`` (``engine.session``)."""
from __future__ import annotations

import logging
from typing import Any

from models.store import Store
from sync import protocol
from sync.client import demo_guard
from sync.client import local_state as ls
from sync.client.credentials import Credentials
from sync.client.errors import AuthError, NotSignedInError, SyncError
from sync.client.http import HttpClient, Unauthorized, check_tokens

log = logging.getLogger("sync.client.engine")


class DeviceSession:
    """This laptop's sign-in to one server: the device's tokens (the refresh token and
    device key in ``credentials``, the access token in memory) and the authenticated
    ``call``. ``http`` may be replaced (its ``base_url`` stays the session's)."""

    def __init__(self, store: Store, http: HttpClient, credentials: Credentials) -> None:
        self.store = store
        self.http = http
        self.base_url = http.base_url
        self.credentials = credentials
        self.access_token: str | None = None

    def sign_in(self, user: str, password: str, device_name: str, *,
                known_demo: bool = False) -> dict[str, Any]:
        """Sign in, register this laptop as a device and keep its refresh token in
        the keyring. Returns the server's user record. AuthError when refused;
        DemoProfileError, before the password is sent, when this profile holds demo
        data and the server is not a demo server. The device key of this user's last
        sign-in here goes along: others' failed guesses cannot lock them out of it."""
        # known_demo: the app's own local demo server (seeded before servers said so)
        if not (server_demo := known_demo or demo_guard.server_is_demo(self.http)):
            demo_guard.refuse_demo_profile(self.store, self.base_url)
        key_account = self._key_account(user)
        body = {"username": user, "password": password, "device_name": device_name}
        device_key = self.credentials.get(key_account)
        if device_key:
            body["device_key"] = device_key
        try:
            answer = self.http.request("POST", protocol.API_PREFIX + "/auth/login", body=body,
                                       retries=1)
        except Unauthorized:
            raise AuthError("The user name or password is not correct.") from None
        tokens = check_tokens(answer)
        old_device = self.store.get_setting(ls.K_DEVICE)
        if old_device and old_device != tokens["device_id"]:
            self.credentials.delete(self._account(old_device))

        def remember(s: Store) -> None:
            with s.transaction():
                s.set_setting(ls.K_SERVER, self.base_url)
                s.set_setting(ls.K_USER, user)
                s.set_setting(ls.K_DEVICE, str(tokens["device_id"]))
                s.set_setting(ls.K_DEVICE_NAME, device_name)
                s.set_setting(ls.K_LAST_ERROR, None)
                demo_guard.remember_server(s, server_demo)

        remember(self.store)
        self.credentials.set(self._account(str(tokens["device_id"])), tokens["refresh_token"])
        if isinstance(answer.get("device_key"), str) and answer["device_key"]:
            self.credentials.set(key_account, answer["device_key"])
        self.access_token = tokens["access_token"]
        return dict(answer.get("user") or {})

    def sign_out(self) -> None:
        """Forget this laptop's tokens (and revoke them on the server when reachable).
        Local data and unsent changes stay."""
        device = self.store.get_setting(ls.K_DEVICE)
        if self.access_token:
            try:
                self.http.request("POST", protocol.API_PREFIX + "/auth/logout",
                                  token=self.access_token, retries=0)
            except (SyncError, Unauthorized) as exc:
                log.info("sign-out: server not told (%s)", type(exc).__name__)
        self.access_token = None
        if device:
            self.credentials.delete(self._account(device))
        user = self.store.get_setting(ls.K_USER)
        if user:  # the server revoked this device, which voids its device key too
            self.credentials.delete(self._key_account(str(user)))

    def secret_accounts(self) -> list[str]:
        """The keyring entries this profile's sign-in uses (refresh token, device key)."""
        device, user = (self.store.get_setting(ls.K_DEVICE), self.store.get_setting(ls.K_USER))
        return ([self._account(device)] if device else []) + \
            ([self._key_account(str(user))] if user else [])

    def confirm_wiped(self, accounts: list[str]) -> bool:
        """After the profile was erased (WipeRequested): tell the server, which records
        when and ends this device's sign-in, and forget the secrets. Uses only what is
        in memory (the store is gone). False when the server could not be told."""
        try:
            self.http.request("POST", protocol.API_PREFIX + "/device/wiped",
                              token=self.access_token, retries=2)
            return True
        except (SyncError, Unauthorized) as exc:
            log.warning("wipe: the server was not told (%s)", type(exc).__name__)
            return False
        finally:
            self.access_token = None
            for account in accounts:
                self.credentials.delete(account)

    def is_signed_in(self) -> bool:
        device = self.store.get_setting(ls.K_DEVICE)
        return bool(self.access_token) or bool(device and self.credentials.get(self._account(device)))

    def _account(self, device_id: str) -> str:
        return f"refresh-token {self.base_url} device {device_id}"

    def _key_account(self, user: str) -> str:
        return f"device-key {self.base_url} user {user.strip().lower()}"

    def call(self, method: str, path: str, *, device: str | None = None, **kw: Any) -> Any:
        """An authenticated API call; on 401 refresh the token once and retry.
        ``device``: this profile's device id, when the caller must not touch the store."""
        if not self.access_token:
            self._refresh(device)
        try:
            return self.http.request(method, protocol.API_PREFIX + path,
                                     token=self.access_token, **kw)
        except Unauthorized as exc:
            log.info("%s %s: 401 %s, refreshing the token", method, path, exc.code)
        self._refresh(device)
        try:
            return self.http.request(method, protocol.API_PREFIX + path,
                                     token=self.access_token, **kw)
        except Unauthorized:
            raise AuthError("The server no longer accepts this laptop's sign-in. "
                            "Sign in again; your changes are kept.") from None

    def _refresh(self, device: str | None = None) -> None:
        device = device or self.store.get_setting(ls.K_DEVICE)
        account = self._account(device) if device else None
        token = self.credentials.get(account) if account else None
        if not token or not account:
            raise NotSignedInError("Not signed in to the sync server. Sign in first; "
                                   "your changes are kept.")
        try:
            # retried like any call: a token presented again within the server's
            # reuse grace is refused, not taken for theft (docs/sync-protocol.md)
            answer = self.http.request("POST", protocol.API_PREFIX + "/auth/refresh",
                                       body={"refresh_token": token})
        except Unauthorized:
            self.access_token = None
            self.credentials.delete(account)
            raise AuthError("Your sign-in has expired or was revoked. Sign in again; "
                            "your changes are kept.") from None
        tokens = check_tokens(answer)
        self.credentials.set(account, tokens["refresh_token"])
        self.access_token = tokens["access_token"]
