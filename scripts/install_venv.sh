#!/usr/bin/env bash
# Install the project (editable) with the given extras into the venv of PY, every
# package at the version requirements.lock pins.
#   scripts/install_venv.sh .venv/bin/python '.[app,server,test]'
set -euo pipefail
py=$1
spec=$2
"$py" -m pip install --quiet --upgrade pip
# PySide6-Pdf (6.12 only) shares files with PySide6-Addons 6.11: a venv made before
# the app moved to 6.11 must lose it, and Qt be reinstalled whole, or QtPdf breaks.
if "$py" -m pip show --quiet PySide6-Pdf >/dev/null 2>&1; then
  "$py" -m pip uninstall --quiet --yes PySide6-Pdf
  "$py" -m pip install --quiet --force-reinstall --no-deps -c requirements.lock \
    PySide6-Essentials PySide6-Addons shiboken6
fi
"$py" -m pip install --quiet -c requirements.lock -e "$spec"
