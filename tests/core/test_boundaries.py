"""core holds only what every app shares: no module in it imports a feature app."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
FEATURE_APPS = {
    "accounts",
    "cms",
    "events",
    "forum",
    "ideasbank",
    "liveblogs",
    "members",
    "mentoring",
    "notifications",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def core_modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(CORE)))
def test_core_imports_no_feature_app(path):
    feature_imports = {
        name for name in imported_modules(path) if name.split(".")[0] in FEATURE_APPS
    }
    assert feature_imports == set(), f"{path.name} imports {sorted(feature_imports)}"


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("def f():\n    from members.permissions import is_member\n    import forum\n")
    assert imported_modules(module) == {"members.permissions", "forum"}


def test_core_settings_strings_name_no_feature_app():
    # Dotted paths in strings (hooks, settings) count as imports too.
    for path in core_modules():
        text = path.read_text()
        for app in FEATURE_APPS:
            assert f'"{app}.' not in text, f"{path.name} names {app}"
