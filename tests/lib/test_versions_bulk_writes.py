"""A bulk write sends no signal: every function that bulk-writes rows of a tracked model
must say itself what changed (`versions.changed`), or cached page parts would go stale."""

import ast
from pathlib import Path

from peercircle.lib import versions

ROOT = Path(__file__).resolve().parents[2] / "peercircle"
BULK = {"update", "bulk_create", "bulk_update"}
# Bulk writes of fields no cached part shows: (file, function).
BOOKKEEPING = {
    ("accounts/actions.py", "user_sessions_end"),  # session_generation (a quiet field)
    ("api/actions/tokens.py", "token_touch"),  # last_used_at (a quiet field)
    ("accounts/actions.py", "_admin_log_forget"),  # the admin's log, on no page part
}


def _root_name(node: ast.AST) -> str:
    """`Goal` in `Goal.objects.filter(...).update(...)`; "" for anything else."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return ""


def _bulk_writes(function: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr in BULK and isinstance(node.func.value, ast.Call | ast.Attribute):
            found.append(_root_name(node.func.value))
    return found


def _says_what_changed(function: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and getattr(node.func, "attr", getattr(node.func, "id", "")) == "changed"
        for node in ast.walk(function)
    )


def test_every_bulk_write_of_a_tracked_model_says_what_changed():
    untracked = {model.__name__ for model in versions.untracked_models()}
    missing = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative or relative.startswith(("demo/", "formation/", "smart/")):
            continue
        if path.name.startswith("demo"):  # the demo starts from no cached part at all
            continue
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            models = [name for name in _bulk_writes(function) if name not in untracked]
            # `dict.update`, `set.update` and friends: only chains on a model or a manager.
            models = [name for name in models if name[:1].isupper() or name in ("item", "self")]
            if not models or (relative, function.name) in BOOKKEEPING:
                continue
            if not _says_what_changed(function):
                missing.append(f"{relative}:{function.lineno} {function.name} ({models})")
    assert missing == [], "\n".join(missing)
