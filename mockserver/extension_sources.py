"""How the server reads a plugin, skill or canvas-extension source (``parse_extension_source``).

The mock fetches nothing: it has no network and no files, so it answers as a server for which
every source is unreachable, with the real refusal for the source's form.
"""

from __future__ import annotations

import os
import re
from pathlib import PureWindowsPath
from typing import Literal

SourceKind = Literal["github", "git", "local"]
_SSH = re.compile(r"^[\w.-]+@[\w.-]+:")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _is_local(source: str) -> bool:
    """``is_local_path_source``: explicit local syntax, or an absolute path."""
    if source.startswith(("file://", "~", ".", "/", "\\")):
        return True
    if PureWindowsPath(source).is_absolute():
        return True
    return "\\" in source and _URL_SCHEME.match(source) is None


def source_kind(source: str) -> SourceKind | None:
    """The source's form, or None when the server cannot parse it."""
    source = source.strip()
    if source.startswith("github:"):
        return "github"
    if source.startswith(("https://", "http://", "git://", "file://")) or _SSH.match(source):
        return "git"
    if _is_local(source) or ("/" in source and "://" not in source):
        return "local"
    return None


def unparseable(source: str) -> str:
    return (
        f"Unable to parse extension source: {source.strip()}. "
        "Expected formats: 'github:owner/repo', git URL, or local path"
    )


def local_path(source: str) -> str:
    """Where a local source points (relative to the server's working directory)."""
    return os.path.abspath(os.path.expanduser(source.strip()))
