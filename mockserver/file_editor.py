"""The file_editor tool on the mock's in-memory host files, as openhands-tools' FileEditor edits.

The mock never touches the host filesystem: the files agents create and clients upload live in
one in-memory map (the store's ``host_files``), and every command on them (view, str_replace,
insert, undo_edit) answers with the text and the fields the real tool reports (``old_content``,
``new_content``, ``prev_exist``, the ``cat -n`` snippets and the error messages); each
conversation's editor keeps its own undo history, as each real tool instance does. A command
on a file the mock does not hold returns None: the scenario's own observation is used instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mockserver.tool_answer import ToolAnswer

SNIPPET_CONTEXT_WINDOW = 4
"""Lines of context around an edit (``openhands.tools.file_editor.utils.config``)."""


class _ToolError(Exception):
    """The editor refused the command; the message is the observation's text."""


def _lines(text: str) -> list[str]:
    """Lines with their ends, split on ``\n`` only, as iterating over the file yields them."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _cat_n(content: str, description: str, start_line: int = 1) -> str:
    """``FileEditor._make_output`` for a small text file."""
    lines = content.split("\n")
    if lines[-1] == "":
        lines.pop()
    numbered = "\n".join(f"{i + start_line:6}\t{line}" for i, line in enumerate(lines))
    output = f"Here's the result of running `cat -n` on {description}:\n"
    return output + (numbered + "\n" if numbered else "")


def _invalid(parameter: str, value: object, hint: str) -> _ToolError:
    return _ToolError(f"Invalid `{parameter}` parameter: {value}. {hint}")


@dataclass
class VirtualFiles:
    """The files (shared with the whole mock) and one conversation's edit history."""

    files: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[str]] = field(default_factory=dict)

    def apply(self, arguments: dict[str, Any], *, scripted: bool) -> ToolAnswer | None:
        """Run one file_editor call. None leaves the answer to the scenario (``scripted``: it
        describes one): a view of a file this conversation never created (it may be a directory
        or a file of the host), or an edit of one the scenario says exists. Without a scripted
        answer, an edit of an unknown file fails as the real tool fails on a missing path."""
        command = str(arguments.get("command", ""))
        path = str(arguments.get("path", ""))
        unknown = path not in self.files
        if command == "view" and (unknown or "view_range" in arguments):
            return None
        if command != "create" and unknown:
            if scripted:
                return None
            error = _invalid("path", path, f"The path {path} does not exist. Please provide a valid path.")
            return ToolAnswer(str(error), is_error=True, fields={"command": command, "prev_exist": True})
        try:
            return self._run(command, path, arguments)
        except _ToolError as error:
            return ToolAnswer(str(error), is_error=True, fields={"command": command, "prev_exist": True})

    def _run(self, command: str, path: str, arguments: dict[str, Any]) -> ToolAnswer:
        if command == "create":
            if path in self.files:
                raise _invalid(
                    "path", path, f"File already exists at: {path}. Cannot overwrite files using command `create`."
                )
            text = str(arguments.get("file_text") or "")
            self._write(path, text, history=text)
            return self._edit(command, path, f"File created successfully at: {path}", None, text, prev_exist=False)
        content = self.files[path]
        if command == "view":
            return ToolAnswer(_cat_n(content, path), fields={"command": command, "path": path, "prev_exist": True})
        if command == "str_replace":
            return self._str_replace(path, content, str(arguments.get("old_str") or ""), arguments.get("new_str"))
        if command == "insert":
            return self._insert(path, content, int(arguments.get("insert_line") or 0), str(arguments.get("new_str")))
        if command == "undo_edit":
            history = self.history.get(path) or []
            if not history:
                raise _ToolError(f"No edit history found for {path}.")
            previous = history.pop()
            self.files[path] = previous
            text = f"Last edit to {path} undone successfully. {_cat_n(previous, path)}"
            return self._edit(command, path, text, content, previous)
        raise _ToolError(f"Unrecognized command {command}.")

    def _str_replace(self, path: str, content: str, old_str: str, new_str: Any) -> ToolAnswer:
        if new_str == old_str:
            raise _invalid(
                "new_str", new_str, "No replacement was performed. `new_str` and `old_str` must be different."
            )
        new = str(new_str or "")
        occurrences = self._occurrences(content, old_str)
        if not occurrences:
            old_str = old_str.strip()
            occurrences = self._occurrences(content, old_str)
            if not occurrences:
                raise _ToolError(
                    f"No replacement was performed, old_str `{old_str}` did not appear verbatim in {path}."
                )
        if len(occurrences) > 1:
            lines = sorted({line for line, _, _ in occurrences})
            raise _ToolError(
                f"No replacement was performed. Multiple occurrences of old_str `{old_str}` in lines {lines}. "
                "Please ensure it is unique."
            )
        line, matched, start = occurrences[0]
        edited = content[:start] + new + content[start + len(matched) :]
        self._write(path, edited, history=content)
        first = max(0, line - SNIPPET_CONTEXT_WINDOW)
        snippet = "".join(_lines(edited)[first : line + SNIPPET_CONTEXT_WINDOW + new.count("\n")])
        text = (
            f"The file {path} has been edited. {_cat_n(snippet, f'a snippet of {path}', first + 1)}"
            "Review the changes and make sure they are as expected. Edit the file again if necessary."
        )
        return self._edit("str_replace", path, text, content, edited)

    def _insert(self, path: str, content: str, insert_line: int, new_str: str) -> ToolAnswer:
        lines = _lines(content)
        if insert_line < 0 or insert_line > len(lines):
            raise _invalid(
                "insert_line", insert_line, f"It should be within the range of allowed values: {[0, len(lines)]}"
            )
        inserted = [line + "\n" for line in new_str.split("\n")]
        edited = "".join(lines[:insert_line] + inserted + lines[insert_line:])
        self._write(path, edited, history=content)
        first = max(0, insert_line - SNIPPET_CONTEXT_WINDOW)
        last = min(len(lines) + len(inserted), insert_line + SNIPPET_CONTEXT_WINDOW + len(inserted))
        snippet = "".join(_lines(edited)[first:last])
        start = max(1, insert_line - SNIPPET_CONTEXT_WINDOW + 1)
        text = (
            f"The file {path} has been edited. {_cat_n(snippet, 'a snippet of the edited file', start)}"
            "Review the changes and make sure they are as expected (correct indentation, no duplicate lines, "
            "etc). Edit the file again if necessary."
        )
        return self._edit("insert", path, text, content, edited)

    @staticmethod
    def _occurrences(content: str, old_str: str) -> list[tuple[int, str, int]]:
        return [
            (content.count("\n", 0, match.start()) + 1, match.group(), match.start())
            for match in re.finditer(re.escape(old_str), content)
        ]

    def _write(self, path: str, content: str, *, history: str) -> None:
        self.files[path] = content
        self.history.setdefault(path, []).append(history)

    @staticmethod
    def _edit(command: str, path: str, text: str, old: str | None, new: str, *, prev_exist: bool = True) -> ToolAnswer:
        fields: dict[str, Any] = {"command": command, "path": path, "prev_exist": prev_exist}
        if old is not None:
            fields["old_content"] = old
        fields["new_content"] = new
        return ToolAnswer(text, fields=fields)
