"""cfn-lint and yamllint over the templates, run as the operators would run them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import cfn_templates as T

YAML_PATHS = [T.ROOT / "cloudformation", T.ROOT / "sam", T.ROOT / ".yamllint.yaml"]


def _tool(name: str, hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; {hint}", pytrace=False)
    return path


@pytest.mark.parametrize("template", T.ALL_TEMPLATES, ids=lambda p: str(p.relative_to(T.ROOT)))
def test_cfn_lint_is_clean(template):
    # Errors, warnings and informational findings all fail the test. There is no .cfnlintrc and no
    # template-wide ignore list; one resource ignores one informational check, with its reason in
    # place (DatabaseBootstrapFunction, I2530; test_security.py keeps it the only one).
    cfn_lint = _tool("cfn-lint", "install it with `pip install cfn-lint` (1.x)")
    result = subprocess.run(
        [cfn_lint, "--include-checks", "I", "--", str(template)],
        capture_output=True,
        text=True,
        cwd=T.ROOT,
        timeout=300,
    )
    assert result.returncode == 0, f"cfn-lint findings in {template.name}:\n{result.stdout}{result.stderr}"


def test_templates_carry_no_cfn_lint_ignores():
    for path in T.ALL_TEMPLATES:
        metadata = T.load(path).get("Metadata", {})
        assert "cfn-lint" not in metadata, f"{path.name} ignores cfn-lint checks; give each a reason in docs"


def test_yamllint_is_clean():
    yamllint = _tool("yamllint", "install it with `apt-get install -y yamllint` or `pip install yamllint`")
    result = subprocess.run(
        [yamllint, "--strict", "-c", str(T.ROOT / ".yamllint.yaml"), *map(str, YAML_PATHS)],
        capture_output=True,
        text=True,
        cwd=T.ROOT,
        timeout=120,
    )
    assert result.returncode == 0, f"yamllint findings:\n{result.stdout}{result.stderr}"
