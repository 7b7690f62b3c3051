"""``GET /api/file/archive`` on the mock's workspace: a gzip tarball or a git-delta patch, with
the members, the manifest, the excludes and the headers of ``file_router.archive_directory``.

Built in memory from the workspace. What the mock lacks: ``.git`` internals (a full capture with
``use_default_excludes=false`` has no ``.git`` directory), file modes and times (every file is
0644, every time the same), rename detection and binary patches in a git-delta (a non-UTF-8 file
is a ``Binary files differ`` entry).
"""

from __future__ import annotations

import difflib
import io
import json
import posixpath
import re
import tarfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from mockserver.workspace import (
    EMPTY_TREE,
    Commit,
    Repo,
    Workspace,
    blob_id,
    encoded,
    excluded,
    is_text,
    relative,
    under,
)

DEFAULT_EXCLUDES = (
    ".git/",
    "node_modules/",
    ".venv/",
    "venv/",
    "__pycache__/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    "dist/",
    "build/",
    ".next/",
    "target/",
    "*.pyc",
)
MANIFEST_NAME = "archive_manifest.json"
MEDIA_TYPES = {"git-delta": "text/x-patch", "tar.gz": "application/gzip"}
SUFFIXES = {"git-delta": ".patch", "tar.gz": ".tar.gz"}
DESCENT_SKIP = frozenset({"node_modules", "venv", "site-packages", "vendor"})
ZERO_ID = "0" * 40
MODE = "100644"
FUNCTION_CONTEXT_BYTES = 80
ABBREV = 7
"""git's abbreviated object ids in ``index`` lines (a text patch; a small repository)."""


class ArchiveRefused(Exception):
    """The request's 400 (the message is the detail)."""


@dataclass(frozen=True)
class Archive:
    body: bytes
    media_type: str
    filename: str
    headers: dict[str, str]


def repo_root(workspace: Workspace, target: str, max_depth: int = 3) -> str:
    """``_resolve_git_repo_root``: the target when it is a repository, else the one repository
    below it (hidden and vendored directories skipped), else the target."""
    if target in workspace.repos:
        return target
    found: list[str] = []
    for root in sorted(workspace.repos):
        if root == target or not under(root, target):
            continue
        parts = relative(root, target).split("/")
        if len(parts) > max_depth or any(p.startswith(".") or p in DESCENT_SKIP for p in parts):
            continue
        if any(under(root, other) and root != other for other in found):
            continue
        found.append(root)
    return found[0] if len(found) == 1 else target


def _tar_gz(workspace: Workspace, root: str, excludes: list[str]) -> bytes:
    name = posixpath.basename(root)
    buffer = io.BytesIO()
    file_count = total = 0
    manifest_taken = False
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        directories = sorted(workspace.directories(root))
        kept_dirs = [
            d
            for d in directories
            if not any(
                excluded(PurePosixPath(prefix), excludes, is_dir=True)
                for prefix in ("/".join(d.split("/")[: i + 1]) for i in range(d.count("/") + 1))
            )
        ]
        for d in ["", *kept_dirs]:
            info = tarfile.TarInfo(f"{name}/{d}".rstrip("/"))
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(info)
        for rel, content in sorted(workspace.tree(root).items()):
            parent = posixpath.dirname(rel)
            if (parent and parent not in kept_dirs) or excluded(PurePosixPath(rel), excludes, is_dir=False):
                continue
            data = encoded(content)
            info = tarfile.TarInfo(f"{name}/{rel}")
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
            file_count, total = file_count + 1, total + len(data)
            manifest_taken = manifest_taken or rel == MANIFEST_NAME
        if not manifest_taken:
            manifest = {
                "format": "tar.gz",
                "source": name,
                "file_count": file_count,
                "total_bytes": total,
                "excludes": excludes,
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(f"{name}/{MANIFEST_NAME}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _lines(text: str) -> list[str]:
    """Lines with their ends, split on ``\\n`` only, as git splits them."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _function_line(lines: list[str], before: int) -> str:
    """git's default hunk-header context: the nearest line above the hunk (old side) that
    starts with a letter, ``_`` or ``$``, trailing whitespace trimmed, at most 80 bytes."""
    for line in reversed(lines[:before]):
        if line[:1].isascii() and (line[:1].isalpha() or line[:1] in "_$"):
            return " " + encoded(line.rstrip())[:FUNCTION_CONTEXT_BYTES].decode("utf-8", "ignore")
    return ""


def _hunks(old: str, new: str) -> str:
    """The unified hunks of a text change, with git's ``\\ No newline at end of file`` and its
    hunk-header context."""
    old_lines, new_lines = _lines(old), _lines(new)
    out = []
    for line in list(difflib.unified_diff(old_lines, new_lines, n=3))[2:]:
        if line.startswith("@@"):
            start, _, count = line.split()[1][1:].partition(",")
            before = int(start) if count == "0" else int(start) - 1
            out.append(line.rstrip("\n") + _function_line(old_lines, before) + "\n")
            continue
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _file_patch(path: str, old: str | None, new: str | None) -> str:
    """One file's part of ``git diff --cached``: None is the file's absence on that side."""
    old_id = (blob_id(old) if old is not None else ZERO_ID)[:ABBREV]
    new_id = (blob_id(new) if new is not None else ZERO_ID)[:ABBREV]
    before = f"a/{path}" if old is not None else "/dev/null"
    after = f"b/{path}" if new is not None else "/dev/null"
    head = f"diff --git a/{path} b/{path}\n"
    if old is None:
        head += f"new file mode {MODE}\nindex {old_id}..{new_id}\n"
    elif new is None:
        head += f"deleted file mode {MODE}\nindex {old_id}..{new_id}\n"
    else:
        head += f"index {old_id}..{new_id} {MODE}\n"
    old_text, new_text = old or "", new or ""
    if old_text == new_text:
        return head  # an empty file added or removed: no hunk
    if not is_text(old_text) or not is_text(new_text):
        return head + f"Binary files {before} and {after} differ\n"
    return head + f"--- {before}\n+++ {after}\n" + _hunks(old_text, new_text)


def _git_delta(workspace: Workspace, target: str, base_ref: str | None, excludes: list[str]) -> tuple[bytes, str]:
    repo = workspace.repo_of(target)
    if repo is None:
        raise ArchiveRefused(f"Not a git repository: Not a git repository: {target}")
    base = _export_base(repo, base_ref)
    scope = relative(target, repo.root)
    base_tree = dict(base.tree) if base is not None else {}
    working = workspace.worktree(repo)
    ignored = workspace.ignore_patterns(repo)

    def in_scope(rel: str) -> bool:
        return (scope == "." or under(rel, scope)) and not excluded(PurePosixPath(rel), excludes, is_dir=False)

    staged = {rel: content for rel, content in base_tree.items() if not in_scope(rel)}
    for rel, content in working.items():
        if in_scope(rel) and (rel in base_tree or not excluded(PurePosixPath(rel), ignored, is_dir=False)):
            staged[rel] = content
    patch = ""
    for rel in sorted(set(base_tree) | set(staged), key=lambda p: p.encode()):
        if not in_scope(rel) or base_tree.get(rel) == staged.get(rel):
            continue
        patch += _file_patch(rel, base_tree.get(rel), staged.get(rel))
    return encoded(patch), base.sha if base is not None else ""


def _export_base(repo: Repo, base_ref: str | None) -> Commit | None:
    """``get_valid_ref`` (export): a repository without a remote diffs against the empty tree,
    unless the caller names a base (or HEAD is detached, when HEAD is the base)."""
    if base_ref is None and repo.branch is None:
        base_ref = "HEAD"
    if base_ref is None:
        return None
    commit = repo.resolve(base_ref)
    if commit is None:
        if base_ref == "HEAD" or base_ref == EMPTY_TREE:
            return None
        raise ArchiveRefused(f"base_ref {base_ref!r} could not be resolved")
    return commit


def build(
    workspace: Workspace,
    target: str,
    archive_format: str,
    *,
    base_ref: str | None = None,
    use_default_excludes: bool = True,
    exclude: list[str] | None = None,
) -> Archive:
    """The archive of an existing directory ``target`` (the route checks the path first)."""
    excludes = (list(DEFAULT_EXCLUDES) if use_default_excludes else []) + (exclude or [])
    root = repo_root(workspace, target)
    headers: dict[str, str] = {}
    if archive_format == "git-delta":
        body, base_commit = _git_delta(workspace, root, base_ref, excludes)
    else:
        body, base_commit = _tar_gz(workspace, root, excludes), ""
    repo = workspace.repos.get(root)
    if repo is not None:
        if repo.remote:
            headers["X-Archive-Repo-Remote"] = quote(repo.remote, safe="")
        if repo.head is not None:
            headers["X-Archive-Branch"] = quote(repo.branch or "DETACHED", safe="")
            headers["X-Archive-Head-Commit"] = repo.head.sha
        headers["X-Archive-Repo-Root"] = quote(root, safe="")
    if base_commit:
        headers["X-Archive-Base-Commit"] = base_commit
        headers["X-Archive-Base-Ref"] = base_ref or "auto"
    return Archive(body, MEDIA_TYPES[archive_format], posixpath.basename(root) + SUFFIXES[archive_format], headers)
