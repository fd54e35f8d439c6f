"""Loading, walking and transforming the fxrates CloudFormation and SAM templates in tests.

Templates are parsed with cfn-lint's decoder, which understands the short-form tags
(!Ref, !Sub, !GetAtt ...) and returns plain dicts, lists and strings in long form
({"Ref": ...}, {"Fn::Sub": ...}).
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any, Iterator

from cfnlint.decode import decode

ROOT = Path(__file__).resolve().parents[2]
REGION = "eu-central-1"  # region of the offline rehearsal
CFN_DIR = ROOT / "cloudformation"
SAM_TEMPLATE = ROOT / "sam" / "template.yaml"
ENV_DIR = ROOT / "environments"
ENVIRONMENTS = ("dev", "stg", "prd")
# In deploy order (the SAM stack "updater" goes between access-logs and app).
CFN_STACKS = ("network", "registry", "access-logs", "app", "waf", "observability")
ALL_TEMPLATES = tuple(CFN_DIR / f"{name}.yaml" for name in CFN_STACKS) + (SAM_TEMPLATE,)


def load(path: Path) -> dict[str, Any]:
    template, matches = decode(str(path))
    assert not matches, f"{path} does not parse: {matches}"
    # The decoder returns dict/str subclasses that carry line marks; a JSON round trip
    # gives plain values that are safe to copy, compare and send to an API.
    return json.loads(json.dumps(template))


def resources(template: dict[str, Any], rtype: str | None = None) -> dict[str, dict[str, Any]]:
    res = template.get("Resources", {})
    return {k: v for k, v in res.items() if rtype is None or v.get("Type") == rtype}


def walk(node: Any) -> Iterator[Any]:
    """Every dict, list and scalar below node, depth first."""
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def if_branches(node: Any) -> list[Any]:
    """The possible values of a property that may be an Fn::If (both branches, flattened)."""
    if isinstance(node, dict) and "Fn::If" in node:
        _, yes, no = node["Fn::If"]
        return if_branches(yes) + if_branches(no)
    if isinstance(node, dict) and node.get("Ref") == "AWS::NoValue":
        return []
    return [node]


def env_parameters(env: str, stack: str) -> list[dict[str, str]]:
    with open(ENV_DIR / env / f"{stack}.json", encoding="utf-8") as handle:
        return json.load(handle)


def samconfig(env: str) -> dict[str, Any]:
    import tomllib

    with open(ENV_DIR / env / "samconfig.toml", "rb") as handle:
        return tomllib.load(handle)


def sam_parameter_overrides(env: str) -> dict[str, str]:
    """parameter_overrides of the deploy command of an environment's samconfig.toml."""
    overrides = samconfig(env)["default"]["deploy"]["parameters"]["parameter_overrides"]
    if isinstance(overrides, list):
        items = overrides
    else:
        items = re.findall(r'(\w+=(?:"[^"]*"|\S+))', overrides)
    result = {}
    for item in items:
        key, _, value = item.partition("=")
        result[key] = value.strip('"')
    return result


def sam_transform(template: dict[str, Any], region: str, code_uri: str) -> dict[str, Any]:
    """Expand the SAM transform locally, the way cfn-lint does (samtranslator + managed policy list)."""
    from cfnlint.data import Serverless
    from cfnlint.helpers import load_resource
    from samtranslator.parser import parser
    from samtranslator.translator.translator import Translator

    template = copy.deepcopy(template)
    for res in resources(template, "AWS::Serverless::Function").values():
        res["Properties"]["CodeUri"] = code_uri
    translator = Translator(
        managed_policy_map=load_resource(Serverless, "ManagedPolicies.json"),
        sam_parser=parser.Parser(),
    )
    # The translator takes the region (for ARNs) from the environment; set it only meanwhile.
    previous = os.environ.get("AWS_DEFAULT_REGION")
    os.environ["AWS_DEFAULT_REGION"] = region
    try:
        result = translator.translate(sam_template=template, parameter_values={})
    finally:
        if previous is None:
            del os.environ["AWS_DEFAULT_REGION"]
        else:
            os.environ["AWS_DEFAULT_REGION"] = previous
    return json.loads(json.dumps(result))


PLACEHOLDER = "rehearsal-placeholder"


# Resource types whose Ref is an ARN.
REF_IS_ARN = {"AWS::Lambda::Alias", "AWS::SNS::Topic", "AWS::SecretsManager::Secret", "AWS::CertificateManager::Certificate"}


def _placeholder(name: str, attribute: str = "Ref") -> str:
    """A stand-in value, unique per resource and attribute (moto mixes up exports of equal values)."""
    suffix = f"{name}-{attribute}".replace(".", "-")
    if attribute.endswith("Arn"):
        return f"arn:aws:secretsmanager:eu-central-1:123456789012:secret:{PLACEHOLDER}-{suffix}"
    return f"{PLACEHOLDER}-{suffix}".lower()


def without_resources(template: dict[str, Any], drop_types: set[str]) -> tuple[dict[str, Any], list[str]]:
    """A copy of template without the resources of drop_types.

    References to a dropped resource (Ref, Fn::GetAtt, ${Name} and ${Name.Attr} in Fn::Sub,
    DependsOn) become a placeholder string, so that the rest of the stack can still be created.
    Returns the new template and the logical ids dropped.
    """
    template = copy.deepcopy(template)
    dropped = sorted(k for k, v in template["Resources"].items() if v.get("Type") in drop_types)
    removed = {name: template["Resources"].pop(name) for name in dropped}
    ref_is_arn = {k for k in dropped if removed[k]["Type"] in REF_IS_ARN}
    # A Lambda alias stands for its function: point references (ARNs) at the function instead.
    ref_substitutes = {
        k: {"Fn::GetAtt": [removed[k]["Properties"]["FunctionName"]["Ref"], "Arn"]}
        for k in dropped
        if removed[k]["Type"] == "AWS::Lambda::Alias"
    }

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"Ref"} and node["Ref"] in ref_substitutes:
                return copy.deepcopy(ref_substitutes[node["Ref"]])
            if set(node) == {"Ref"} and node["Ref"] in dropped:
                return _placeholder(node["Ref"], "Arn" if node["Ref"] in ref_is_arn else "Ref")
            if set(node) == {"Fn::GetAtt"}:
                target = node["Fn::GetAtt"]
                parts = target if isinstance(target, list) else target.split(".", 1)
                if parts[0] in dropped:
                    return _placeholder(parts[0], str(parts[-1]))
            if set(node) == {"Fn::Sub"}:
                sub = node["Fn::Sub"]
                text, variables = (sub, {}) if isinstance(sub, str) else (sub[0], sub[1])
                for name in dropped:
                    text = re.sub(
                        r"\$\{" + re.escape(name) + r"(\.[A-Za-z0-9.]+)?\}",
                        lambda m, n=name: _placeholder(n, (m.group(1) or ".Ref")[1:]),
                        text,
                    )
                return {"Fn::Sub": text if not variables else [text, fix(variables)]}
            return {k: fix(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    for name, res in list(template["Resources"].items()):
        depends = res.get("DependsOn")
        if depends is not None:
            depends = [d for d in ([depends] if isinstance(depends, str) else depends) if d not in dropped]
            if depends:
                res["DependsOn"] = depends
            else:
                del res["DependsOn"]
        template["Resources"][name] = fix(res)
    template["Outputs"] = fix(template.get("Outputs", {}))
    return template, dropped
