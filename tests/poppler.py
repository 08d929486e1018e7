"""poppler-utils for the tests that read PDFs back (pdftotext, pdffonts): missing, such
a test is skipped on a developer's machine but fails where ``CI`` is set (`make test`
installs poppler there, so a skip would only hide that the check never ran)."""
from __future__ import annotations

import os
import shutil

import pytest


def poppler_tool(name: str) -> str:
    """The path of poppler's ``name``; a skip without it, a failure under ``CI``."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} (poppler-utils) is not installed"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run this check")
        pytest.skip(message)
    return found
