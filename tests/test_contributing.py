"""What CONTRIBUTING.md promises a contributor's tools do."""

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_the_pre_commit_hooks_are_valid_and_run_the_projects_own_tools():
    """CONTRIBUTING.md tells contributors to install them: they must work offline."""
    config = ROOT / ".pre-commit-config.yaml"
    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run(  # noqa: S603 - fixed argv
        [str(pre_commit), "validate-config", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = [hook for repo in yaml.safe_load(config.read_text())["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} == {"ruff-check", "ruff-format", "migrations"}
    for hook in hooks:
        assert hook["language"] == "system"  # nothing to download
        tool = hook["entry"].split()[0]
        assert tool.startswith(".venv/bin/") and (ROOT / tool).exists(), tool  # pinned
