"""The house is layered: molva/ wires the stages together and nothing imports it
back; each stage imports only the ones below it; no two modules import each
other, even through a function-level import. And reading a config (`molva
status`, `molva report`, `molva --help`) loads neither Scrapy nor torch.

    molva → board → {alerts, reports} → sentiment → store → {matching, spiders}
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from molva.example import EXAMPLE_CONFIG

ROOT = Path(__file__).parent.parent
PACKAGES = ("molva", "board", "alerts", "reports", "sentiment", "store", "matching", "spiders")
# What each package may import of the project besides itself.
MAY_IMPORT = {
    "molva": {"board", "alerts", "reports", "sentiment", "store", "matching", "spiders"},
    # The board: a stage of its own over the report, the alerts and the store; only the CLI imports it.
    "board": {"alerts", "reports", "sentiment", "store", "matching", "spiders"},
    "alerts": {"sentiment", "store", "matching", "spiders"},
    "reports": {"sentiment", "store", "matching", "spiders"},
    "sentiment": {"store", "matching", "spiders"},
    "store": {"matching", "spiders"},
    "matching": set(),
    "spiders": set(),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `path` imports anywhere in it (top level or inside a function)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from a import b` is module a.b when there is one, else a name in a
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module
                     for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) - {name} for name, path in modules.items()}


def test_each_stage_imports_only_the_stages_below_it(graph):
    wrong = sorted(f"{module} imports {target}" for module, targets in graph.items() for target in targets
                   if target.split(".")[0] not in MAY_IMPORT[module.split(".")[0]] | {module.split(".")[0]})
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_module_imports_itself_back(graph):
    cycles, done = [], set()

    def visit(module, path):
        if module in path:
            cycles.append(" → ".join(path[path.index(module):] + [module]))
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert not cycles, "import circles:\n" + "\n".join(sorted(set(cycles)))


HEAVY = ("scrapy", "twisted", "torch", "transformers", "tweepy", "trafilatura", "extruct")


@pytest.mark.parametrize("args", [["--help"], ["status"], ["cases"], ["report"]])
def test_commands_that_only_read_the_store_load_neither_scrapy_nor_torch(tmp_path, args):
    config = tmp_path / "molva.toml"
    config.write_text(EXAMPLE_CONFIG.replace('url = "sqlite:///molva-data/molva.sqlite"',
                                             f'url = "sqlite:///{tmp_path / "molva.sqlite"}"'), encoding="utf-8")
    command = args if args == ["--help"] else [*args, "-c", str(config)]
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "molva", *command], capture_output=True,
                          text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert not loaded & set(HEAVY), f"molva {args[0]} loaded {sorted(loaded & set(HEAVY))}"
