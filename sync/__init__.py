"""Sync protocol, the client engine and the reference central server. Never imports Qt."""
