"""The task_tracker tool on a conversation's task list, as openhands-tools' TaskTrackerExecutor.

``plan`` replaces the list, ``view`` shows it in the real tool's Markdown form; the items are
filled in as the tool's ``TaskItem`` model fills them (``notes`` "", ``status`` "todo").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockserver.tool_answer import ToolAnswer

STATUS_ICONS = {"todo": "⏳", "in_progress": "🔄", "done": "✅"}


def task_items(items: Any) -> list[dict[str, Any]]:
    """The items of a ``task_list`` argument with the model's defaults, in its field order."""
    return [
        {"title": item.get("title"), "notes": item.get("notes", ""), "status": item.get("status", "todo")}
        for item in items or []
        if isinstance(item, dict)
    ]


def _markdown(tasks: list[dict[str, Any]]) -> str:
    content = "# Task List\n\n"
    for number, task in enumerate(tasks, 1):
        content += f"{number}. {STATUS_ICONS.get(task['status'], '⏳')} {task['title']}\n"
        if task["notes"]:
            content += f"   {task['notes']}\n"
        content += "\n"
    return content.strip()


@dataclass
class TaskList:
    """One conversation's task list."""

    tasks: list[dict[str, Any]] = field(default_factory=list)

    def apply(self, arguments: dict[str, Any]) -> ToolAnswer:
        """Run one task_tracker call."""
        command = str(arguments.get("command", "view"))
        if command == "plan":
            self.tasks = task_items(arguments.get("task_list"))
            text = f"Task list has been updated with {len(self.tasks)} item(s)."
            return ToolAnswer(text, fields={"command": command, "task_list": self.tasks})
        if command == "view":
            if not self.tasks:
                text = 'No task list found. Use the "plan" command to create one.'
                return ToolAnswer(text, fields={"command": command, "task_list": []})
            return ToolAnswer(_markdown(self.tasks), fields={"command": command, "task_list": self.tasks})
        text = f'Unknown command: {command}. Supported commands are "view" and "plan".'
        return ToolAnswer(text, is_error=True, fields={"command": command, "task_list": []})
