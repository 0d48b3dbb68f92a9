"""The layout rules of docs/architecture.md, checked on every file.

- Apps import only apps below them in the declared order, anywhere in a file: an import
  inside a function or under TYPE_CHECKING counts, since it hides a cycle without
  removing it.
- The pure engines import no Django and no app.
- No file outside migrations is over 500 lines.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "peercircle"

# Lowest first; docs/architecture.md shows the same order.
APP_ORDER = ["lib", "accounts", "mail", "groups", "meetings", "goals", "programs", "api", "demo"]
# Pure packages: any app may use them; they use nothing of ours but themselves.
ENGINES = ["formation", "smart"]
# Pure modules inside an app: no Django either.
PURE_MODULES = [
    "peercircle/meetings/recurrence.py",
    "peercircle/meetings/rotation.py",
    "peercircle/meetings/agenda.py",
    "peercircle/meetings/timer.py",
]
MAX_LINES = 500


def source_files(*tops: str) -> list[Path]:
    return sorted(
        path
        for top in tops
        for path in (ROOT / top).rglob("*.py")
        if "migrations" not in path.parts and ".venv" not in path.parts
    )


def imported_modules(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Every module `path` imports, with its line, relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from peercircle import goals` names the app in the imported name.
            if module == "peercircle":
                found += [(node.lineno, f"peercircle.{alias.name}") for alias in node.names]
    return found


def owner(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).parts
    return parts[0] if len(parts) > 1 else "(project)"


def target(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "peercircle" or len(parts) < 2:
        return None
    return parts[1]


def violations(package: Path = PACKAGE) -> list[str]:
    found = []
    root = package.parent
    files = sorted(p for p in package.rglob("*.py") if "migrations" not in p.parts)
    for path in files:
        app = owner(path, package)
        for line, module in imported_modules(path, root):
            other = target(module)
            where = f"{path.relative_to(root)}:{line} imports {module}"
            if app in ENGINES:
                if other not in (None, app) or module.split(".")[0] == "django":
                    found.append(f"{where}: an engine imports nothing but itself")
                continue
            if other is None or other == app or other in ENGINES or app == "(project)":
                continue
            if other not in APP_ORDER or app not in APP_ORDER:
                found.append(f"{where}: an app missing from the declared order")
            elif APP_ORDER.index(other) > APP_ORDER.index(app):
                found.append(f"{where}: {app} sits below {other}")
    return found


def test_every_import_follows_the_declared_app_order() -> None:
    assert violations() == []


def test_every_app_package_is_in_the_declared_order() -> None:
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert apps == set(APP_ORDER) | set(ENGINES)


@pytest.mark.parametrize("path", PURE_MODULES)
def test_pure_modules_import_no_django(path: str) -> None:
    modules = [module for _, module in imported_modules(ROOT / path)]
    assert [m for m in modules if m.split(".")[0] == "django"] == []
    assert [m for m in modules if target(m) not in (None, "meetings")] == []


def test_no_file_outside_migrations_is_over_500_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in source_files("peercircle", "tests", "benchmarks")
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_check_sees_an_upward_import_inside_a_function(tmp_path: Path) -> None:
    """The rule itself: an import hidden in a function body is still an import."""
    app = tmp_path / "peercircle" / "groups"
    app.mkdir(parents=True)
    (app / "probe.py").write_text("def f():\n    from peercircle.programs.models import P\n")
    (app / "relative.py").write_text("from ..meetings import x\nfrom . import y\n")
    assert violations(tmp_path / "peercircle") == [
        "peercircle/groups/probe.py:2 imports peercircle.programs.models: "
        "groups sits below programs",
        "peercircle/groups/relative.py:1 imports peercircle.meetings: groups sits below meetings",
    ]


def test_the_check_resolves_relative_imports() -> None:
    path = PACKAGE / "meetings" / "views" / "run.py"
    assert all(not module.startswith(".") for _, module in imported_modules(path))
