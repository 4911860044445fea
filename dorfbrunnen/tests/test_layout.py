"""The direction of imports between the apps, read from the source: core serves the domain
apps and knows none of them; centres know no events (events point to centres); the
Infopaket stands alone. Registries (personal data, roles, setup steps, feeds, what is shown
everywhere) carry what would otherwise need an import the wrong way."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
DOMAIN = [
    "centres",
    "events",
    "library",
    "contact",
    "news",
    "pages",
    "members",
    "search",
    "demo",
    "accessibility",
]
RULES = [
    ("core", [*DOMAIN, "api"]),
    ("api", DOMAIN),
    ("centres", ["events"]),
    ("library", ["centres", "events"]),
]


def imported_apps(path: Path) -> set[str]:
    """The dorfbrunnen apps a module imports (absolute or relative, anywhere in it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                names = [".".join([*base, node.module or ""])]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "dorfbrunnen" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize(("app", "forbidden"), RULES, ids=[rule[0] for rule in RULES])
def test_app_does_not_import(app, forbidden):
    offending = {
        str(path.relative_to(PACKAGE)): sorted(imported_apps(path) & set(forbidden))
        for path in (PACKAGE / app).rglob("*.py")
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}


def test_the_check_sees_relative_and_absolute_imports(tmp_path):
    module = PACKAGE / "core" / "tests" / "_probe.py"
    module.write_text("from ...events import models\nimport dorfbrunnen.centres.geo\n")
    try:
        assert imported_apps(module) == {"events", "centres"}
    finally:
        module.unlink()
