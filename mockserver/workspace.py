"""The mock's in-memory host filesystem: files, directories and git repositories.

Nothing here reads or writes the host's disk or starts a process. Paths are absolute POSIX
paths; a directory exists when it was created (upload parents, ``create_directory``, a seeded
root, a repository root) or when a file lies under it. A git repository is a root with its
commits: each commit is a whole tree (path relative to the root → content), so the working
tree is compared with a commit the way ``git diff <sha>`` compares them. Commit and blob ids are
git's own hashes of what the mock holds; a commit's id also depends on its author and time, so
it differs from the id a real ``git commit`` of the same files gets.
"""

from __future__ import annotations

import fnmatch
import hashlib
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

ENCODING, ERRORS = "utf-8", "surrogateescape"
"""Bytes stay as they were: decoded with surrogateescape, encoded back the same way."""
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""git's id of the empty tree (``GIT_EMPTY_TREE_HASH``)."""
MOCK_AUTHOR = "ohmock <ohmock@localhost>"
COMMIT_TIME = "2026-01-01T00:00:00+00:00"


SERVER_CWD = "/"
"""Where a relative path resolves: the mock has no working directory of its own."""


def absolute(path: str) -> str:
    """A path as the server resolves it against its working directory (normalized)."""
    return posixpath.normpath(posixpath.join(SERVER_CWD, path))


def encoded(content: str) -> bytes:
    """A stored file's bytes."""
    return content.encode(ENCODING, ERRORS)


def blob_id(content: str) -> str:
    """git's object id of a file with this content (``git hash-object``)."""
    data = encoded(content)
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def is_text(content: str) -> bool:
    """Whether the file is valid UTF-8 (what Python's strict decoding accepts)."""
    try:
        content.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def under(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or lies below it."""
    return path == root or path.startswith(root.rstrip("/") + "/")


def relative(path: str, root: str) -> str:
    """``path`` relative to ``root`` (which holds it)."""
    return "." if path == root else path[len(root.rstrip("/")) + 1 :]


def excluded(rel: PurePosixPath, patterns: Iterable[str], is_dir: bool) -> bool:
    """Whether a glob of ``patterns`` excludes ``rel``, with the gitignore-like semantics of the
    server's archive excludes (``file_router._path_is_excluded``): a trailing ``/`` matches
    directories only; a pattern with a ``/`` is anchored at the root and matches the path or
    anything below it; a bare name matches any one component."""
    parts = rel.parts
    for raw in patterns:
        pattern = raw.rstrip("/")
        dir_only = raw.endswith("/")
        if not pattern:
            continue
        if "/" in pattern:
            pattern_parts = pattern.strip("/").split("/")
            if len(parts) >= len(pattern_parts) and all(
                fnmatch.fnmatchcase(part, pat) for part, pat in zip(parts, pattern_parts, strict=False)
            ):
                if dir_only and not is_dir and len(parts) == len(pattern_parts):
                    continue
                return True
        else:
            candidates = parts if (is_dir or not dir_only) else parts[:-1]
            if any(fnmatch.fnmatchcase(part, pattern) for part in candidates):
                return True
    return False


@dataclass(frozen=True)
class Commit:
    """One commit: its id, the whole tree and what ``git log`` shows of it."""

    sha: str
    tree: Mapping[str, str]
    subject: str
    author: str = MOCK_AUTHOR
    timestamp: str = COMMIT_TIME
    parent: str | None = None


def make_commit(tree: Mapping[str, str], subject: str, parent: str | None = None) -> Commit:
    """A commit of ``tree``: a stable id made from the files, the parent and the subject (git's
    own commit id also hashes author and committer times, so no real commit shares it)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(tree):
        digest.update(f"{path}\0{blob_id(tree[path])}\n".encode())
    digest.update(f"{parent}\0{subject}\0{MOCK_AUTHOR}\0{COMMIT_TIME}".encode())
    return Commit(sha=digest.hexdigest(), tree=dict(tree), subject=subject, parent=parent)


@dataclass
class Repo:
    """A git repository: its branch (None: a detached HEAD), its remote and its commits, the
    newest last."""

    root: str
    commits: list[Commit]
    branch: str | None = "main"
    remote: str | None = None

    @property
    def head(self) -> Commit | None:
        return self.commits[-1] if self.commits else None

    def resolve(self, ref: str) -> Commit | None:
        """``git rev-parse --verify <ref>^{commit}``: HEAD, the branch, or a (prefix of a) commit id."""
        if ref in ("HEAD", "@") or (self.branch is not None and ref in (self.branch, f"refs/heads/{self.branch}")):
            return self.head
        if len(ref) >= 4 and all(c in "0123456789abcdef" for c in ref.lower()):
            matches = [commit for commit in self.commits if commit.sha.startswith(ref.lower())]
            if len(matches) == 1:
                return matches[0]
        return None


@dataclass
class Workspace:
    """The files, directories and repositories of one mock server."""

    files: dict[str, str] = field(default_factory=dict)
    """Absolute path → content; shared with every conversation's file_editor."""
    dirs: set[str] = field(default_factory=lambda: {"/"})
    repos: dict[str, Repo] = field(default_factory=dict)

    # -- the filesystem ------------------------------------------------------------------

    def is_file(self, path: str) -> bool:
        return path in self.files

    def is_dir(self, path: str) -> bool:
        if path in self.dirs or path in self.repos:
            return True
        if posixpath.basename(path) == ".git" and posixpath.dirname(path) in self.repos:
            return True
        prefix = path.rstrip("/") + "/"
        return any(name.startswith(prefix) for name in self.files) or any(d.startswith(prefix) for d in self.dirs)

    def exists(self, path: str) -> bool:
        return self.is_file(path) or self.is_dir(path)

    def resolve(self, path: str) -> str | None:
        """The path an absolute ``path`` names, ``..`` taken as the kernel takes it: a step up
        needs the directory before it to exist (None when it does not)."""
        current = "/"
        for part in path.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if not self.is_dir(current):
                    return None
                current = posixpath.dirname(current)
            else:
                current = posixpath.join(current, part)
        return current

    def make_directory(self, path: str) -> None:
        """``mkdir -p``: NotADirectoryError when the path or one of its parents is a file."""
        for parent in _ancestors(path):
            if parent in self.files:
                raise NotADirectoryError(parent)
        if path in self.files:
            raise FileExistsError(path)
        self.dirs.add(path)

    def write(self, path: str, content: str) -> None:
        """Write a file, creating its parents (NotADirectoryError when one of them is a file,
        IsADirectoryError when the path is a directory)."""
        if self.is_dir(path):
            raise IsADirectoryError(path)
        if any(parent in self.files for parent in _ancestors(path)):
            raise NotADirectoryError(path)
        self.files[path] = content

    def tree(self, root: str) -> dict[str, str]:
        """The files below ``root``: path relative to it → content."""
        return {
            relative(path, root): content for path, content in self.files.items() if under(path, root) and path != root
        }

    def worktree(self, repo: Repo) -> dict[str, str]:
        """A repository's working tree: its files, without what lies in its ``.git``."""
        return {rel: content for rel, content in self.tree(repo.root).items() if not under(rel, ".git")}

    def directories(self, root: str) -> set[str]:
        """The directories below ``root`` (explicit ones, the parents of files and each
        repository's ``.git``, whose content the mock does not hold), relative to it."""
        found: set[str] = set()
        for path in [*self.dirs, *(f"{repo}/.git" for repo in self.repos), *self.files]:
            if not under(path, root) or path == root:
                continue
            rel = relative(path, root)
            parts = rel.split("/")
            count = len(parts) - 1 if path in self.files else len(parts)
            found.update("/".join(parts[: i + 1]) for i in range(count))
        return found

    # -- repositories --------------------------------------------------------------------

    def repo_of(self, path: str) -> Repo | None:
        """The repository ``path`` lies in (the nearest root at or above it), as ``git`` finds it."""
        for candidate in [path, *_ancestors(path)]:
            if candidate in self.repos:
                return self.repos[candidate]
        return None

    def ignore_patterns(self, repo: Repo) -> list[str]:
        """The patterns of the repository's top-level ``.gitignore``."""
        text = self.files.get(posixpath.join(repo.root, ".gitignore"), "")
        return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]

    def init_repo(
        self,
        root: str,
        committed: Mapping[str, str] | None,
        *,
        branch: str | None = "main",
        remote: str | None = None,
        subject: str = "Initial commit",
    ) -> Repo:
        """A repository at ``root`` with one commit of ``committed`` (paths relative to root), or
        none (``git init`` alone) when ``committed`` is None."""
        self.dirs.add(root)
        commits = [] if committed is None else [make_commit(committed, subject)]
        repo = Repo(root=root, commits=commits, branch=branch, remote=remote)
        self.repos[root] = repo
        return repo

    def seed(self, root: str, files: Mapping[str, str]) -> None:
        """Create ``root`` with ``files`` (paths relative to it)."""
        self.make_directory(root)
        for rel, content in files.items():
            self.write(posixpath.join(root, rel), content)


def _ancestors(path: str) -> list[str]:
    """The directories above an absolute path, nearest first."""
    out: list[str] = []
    current = posixpath.dirname(path)
    while True:
        out.append(current)
        if current == "/":
            return out
        current = posixpath.dirname(current)
