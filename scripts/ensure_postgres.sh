#!/usr/bin/env bash
# The server's PostgreSQL tests need a server on 127.0.0.1:5432. Start the local
# cluster when it is installed but stopped. In CI an unreachable PostgreSQL is a
# failure (the tests must run, not skip); elsewhere it is reported and they skip.
set -u
reachable() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! reachable && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do reachable && break; sleep 0.5; done
fi
if ! reachable; then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not reachable on 127.0.0.1:5432; CI requires it." >&2
    exit 1
  fi
  echo "note: PostgreSQL not reachable on 127.0.0.1:5432; its tests will skip." >&2
fi
exit 0
