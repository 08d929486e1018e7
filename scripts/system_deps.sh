#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are missing.
# As root with apt-get: installs them. Otherwise: names them and how to install them.
set -u
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  exit 0  # not Debian/Ubuntu: the message below would be wrong; pip wheels carry Qt
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get could not install: ${missing[*]}" >&2; exit 1; }
else
  echo "ChannelKeeper needs these system packages, which are missing:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
