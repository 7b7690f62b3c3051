"""What the server's git routes compute (``openhands.sdk.git``), computed on the mock's workspace.

``changes`` is ``get_git_changes``, ``diff`` is ``get_git_diff`` and ``commits`` is
``get_git_commits``, with the display base a repository without a remote gets: ``HEAD``, so a
change is the working tree against the last commit (modified and deleted tracked files, and
untracked files that ``.gitignore`` does not ignore). ``NotARepository`` is the SDK's
``GitRepositoryError`` (the routes answer it with an empty result) and ``GitFailure`` its other
``GitError``\\ s (the routes answer them with a 400 and the message).
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mockserver.workspace import Commit, Repo, Workspace, absolute, encoded, excluded, is_text, relative, under

MAX_FILE_SIZE_FOR_GIT_DIFF = 1024 * 1024


class NotARepository(Exception):
    """``GitRepositoryError``: the path is in no repository."""


class GitFailure(Exception):
    """Any other ``GitError``: the message is the route's 400 detail."""


@dataclass(frozen=True)
class Change:
    status: str
    path: str

    def dump(self) -> dict[str, str]:
        return {"status": self.status, "path": self.path}


def base_commit(repo: Repo, ref: str | None) -> Commit | None:
    """``get_valid_ref(purpose="display")`` for a repository without a remote: the override, or
    HEAD. None is the empty tree (no commit yet); a ref that does not resolve fails as git does."""
    if ref is None or (ref == "HEAD" and repo.head is None):
        return repo.head
    return _resolved(repo, ref)


def _nested_repos(workspace: Workspace, path: str) -> list[str]:
    """``glob("./*/.git")``: the direct children of ``path`` that are repositories."""
    return sorted(relative(root, path) for root in workspace.repos if posixpath.dirname(root) == path and root != path)


def _changes_in_repo(workspace: Workspace, path: str, ref: str | None) -> list[Change]:
    if not workspace.is_dir(path) or (repo := workspace.repo_of(path)) is None:
        raise NotARepository(path)
    commit = base_commit(repo, ref)
    scope = relative(path, repo.root)
    committed = {p: c for p, c in (commit.tree if commit else {}).items() if scope == "." or under(p, scope)}
    working = workspace.worktree(repo)
    inner = [relative(root, repo.root) for root in workspace.repos if root != repo.root and under(root, repo.root)]

    def shown(rel: str) -> str:
        return rel if scope == "." else relative(rel, scope)

    changes = []
    for rel in sorted(committed):
        if rel not in working:
            changes.append(Change("DELETED", shown(rel)))
        elif working[rel] != committed[rel]:
            changes.append(Change("UPDATED", shown(rel)))
    ignored = workspace.ignore_patterns(repo)
    for rel in sorted(working):
        if commit is not None and rel in commit.tree:
            continue
        if (scope != "." and not under(rel, scope)) or any(under(rel, nested) for nested in inner):
            continue
        if not excluded(PurePosixPath(rel), ignored, is_dir=False):
            changes.append(Change("ADDED", shown(rel)))
    return changes


def changes(workspace: Workspace, path: str, ref: str | None = None) -> list[Change]:
    """``get_git_changes``: the changes under ``path``, its nested repositories' included."""
    path = absolute(path)
    nested = _nested_repos(workspace, path)
    try:
        found = _changes_in_repo(workspace, path, ref)
    except NotARepository:
        if not nested:
            raise
        found = []
    found = [change for change in found if not any(under(change.path, name) for name in nested)]
    for name in nested:
        found += [
            Change(c.status, f"{name}/{c.path}") for c in _changes_in_repo(workspace, f"{path.rstrip('/')}/{name}", ref)
        ]
    return sorted(found, key=lambda change: change.path)


def _normalized(text: str) -> str:
    return "\n".join(text.splitlines())


def _shown_at(commit: Commit, rel: str) -> str:
    """``git show <sha>:<rel>``: a file's content, a directory's listing, or GitFailure."""
    if rel in commit.tree:
        return commit.tree[rel]
    entries = sorted(
        {
            p[len(rel) + 1 :].split("/")[0] + ("/" if "/" in p[len(rel) + 1 :] else "")
            for p in commit.tree
            if p.startswith(rel + "/")
        }
    )
    if not entries:
        raise GitFailure(rel)
    return f"tree {commit.sha}:{rel}\n\n" + "".join(f"{entry}\n" for entry in entries)


def diff(workspace: Workspace, path: str, ref: str | None = None) -> dict[str, Any]:
    """``get_git_diff``: one file at the base and in the working tree."""
    path = absolute(path)
    deleted = not workspace.exists(path)
    missing = GitFailure(f"File does not exist: {path}")
    size = len(encoded(workspace.files[path])) if path in workspace.files else 0
    if size > MAX_FILE_SIZE_FOR_GIT_DIFF:
        raise GitFailure(f"File too large for git diff: {size} bytes (max: {MAX_FILE_SIZE_FOR_GIT_DIFF} bytes)")
    repo = workspace.repo_of(path)
    if repo is None:
        if deleted:
            raise missing
        raise NotARepository(path)
    commit = base_commit(repo, ref)
    rel = relative(path, repo.root)
    if deleted:
        if commit is None or rel not in commit.tree:
            raise missing
        base_size = len(encoded(commit.tree[rel]))
        if base_size > MAX_FILE_SIZE_FOR_GIT_DIFF:
            raise GitFailure(
                f"File too large for git diff: {base_size} bytes (max: {MAX_FILE_SIZE_FOR_GIT_DIFF} bytes)"
            )
    try:
        original = _normalized(_shown_at(commit, rel)) if commit is not None else ""
    except GitFailure:
        original = ""
    if deleted:
        return {"modified": "", "original": original}
    content = workspace.files.get(path)
    modified = _normalized(content) if content is not None and is_text(content) else ""
    return {"modified": modified, "original": original}


def commits(workspace: Workspace, path: str, limit: int) -> dict[str, Any]:
    """``get_git_commits``: the history reachable from HEAD, newest first."""
    path = absolute(path)
    if not workspace.is_dir(path) or (repo := workspace.repo_of(path)) is None:
        raise NotARepository(path)
    history = list(reversed(repo.commits))
    return {
        "commits": [
            {
                "sha": c.sha,
                "short_sha": c.sha[:7],
                "subject": c.subject,
                "author": c.author.split(" <")[0],
                "timestamp": c.timestamp,
            }
            for c in history[:limit]
        ],
        "has_more": len(history) > limit,
    }


def _resolved(repo: Repo, sha: str) -> Commit:
    """``git rev-parse --verify <sha>^{commit}``: the commit, or git's failure."""
    commit = repo.resolve(sha)
    if commit is None:
        raise GitFailure(
            "Git command failed: " + shlex.join(["git", "--no-pager", "rev-parse", "--verify", f"{sha}^{{commit}}"])
        )
    return commit


def _parent_tree(repo: Repo, commit: Commit) -> dict[str, str]:
    parent = repo.resolve(commit.parent) if commit.parent else None
    return dict(parent.tree) if parent is not None else {}


def commit_changes(workspace: Workspace, path: str, sha: str) -> list[Change]:
    """``get_commit_changes``: what one commit changed against its parent (the empty tree for
    the first), in ``git diff --name-status`` order."""
    path = absolute(path)
    if not workspace.is_dir(path) or (repo := workspace.repo_of(path)) is None:
        raise NotARepository(path)
    commit = _resolved(repo, sha)
    before, after = _parent_tree(repo, commit), commit.tree
    found = []
    for rel in sorted(set(before) | set(after)):
        if rel not in after:
            found.append(Change("DELETED", rel))
        elif rel not in before:
            found.append(Change("ADDED", rel))
        elif before[rel] != after[rel]:
            found.append(Change("UPDATED", rel))
    return found


def commit_diff(workspace: Workspace, path: str, sha: str) -> dict[str, Any]:
    """``get_commit_file_diff``: one file before and after one commit (verbatim, not normalized)."""
    path = absolute(path)
    repo = workspace.repo_of(path)
    if repo is None:
        raise NotARepository(path)
    commit = _resolved(repo, sha)
    rel = relative(path, repo.root)
    return {"modified": commit.tree.get(rel, ""), "original": _parent_tree(repo, commit).get(rel, "")}
