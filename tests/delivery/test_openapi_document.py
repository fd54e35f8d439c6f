"""The OpenAPI document the server publishes at /openapi, validated by an independent validator:
@apidevtools/swagger-parser (npm), which checks it against the OpenAPI 3.0 schema and resolves
every $ref. The Java tests check that the server serves this very file (GeneratedClientTest) and
that every response of the test suite matches it (OpenApiValidation)."""
import subprocess

import pytest
import yaml

from conftest import ROOT, require_tool

DOCUMENT = ROOT / "server/src/main/resources/META-INF/openapi.yaml"
VALIDATE = ("const P=require(process.argv[1]);"
            "P.validate(process.argv[2]).then(a=>process.stdout.write(a.openapi))"
            ".catch(e=>{console.error(String(e.message||e));process.exit(1)})")


def swagger_parser_validate(path):
    node = require_tool("node", "nodejs")
    module = ROOT / "tests/delivery/node_modules/@apidevtools/swagger-parser"
    if not module.exists():
        pytest.fail("@apidevtools/swagger-parser is not installed: run 'npm ci --prefix tests/delivery'",
                    pytrace=False)
    return subprocess.run([node, "-e", VALIDATE, str(module), str(path)], capture_output=True, text=True,
                          timeout=60)


def test_the_published_document_is_valid_openapi():
    result = swagger_parser_validate(DOCUMENT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3.0.")


def test_the_validator_rejects_a_dangling_reference(tmp_path):
    # Proves the check above can fail: the same document with one $ref pointing nowhere.
    document = yaml.safe_load(DOCUMENT.read_text())
    document["components"]["schemas"].pop("Problem")
    broken = tmp_path / "openapi.yaml"
    broken.write_text(yaml.safe_dump(document))
    result = swagger_parser_validate(broken)
    assert result.returncode != 0
    assert "Problem" in result.stderr


def resolve(document, node):
    while "$ref" in node:
        target = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_every_operation_has_an_id_a_summary_and_a_problem_response():
    document = yaml.safe_load(DOCUMENT.read_text())
    operations = [(path, method, op) for path, item in document["paths"].items()
                  for method, op in item.items() if method in ("get", "head", "post")]
    assert operations
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids)), "operationIds must be unique"
    for path, method, op in operations:
        assert op.get("summary"), f"{method} {path} has no summary"
        problem = resolve(document, op["responses"].get("default", {})).get("content", {}).get(
            "application/problem+json")
        assert problem, f"{method} {path} documents no application/problem+json default response"
