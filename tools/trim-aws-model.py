#!/usr/bin/env python3
"""Trim a botocore service model down to what Gatehouse validates against.

Reads botocore's service-2.json(.gz), applies a JSON additions file (operations,
shapes, members and enum values the installed botocore lacks, and traits the
service does not enforce at the protocol layer), drops every
"documentation" string and every shape not reachable from an operation's
input, output or errors. Output keeps the source key order (member order drives
the order of validation errors), so regenerating gives byte-identical output.

Usage (defaults regenerate the Cognito model committed under src/main/resources):
  tools/trim-aws-model.py [--service cognito-idp] [--api-version 2016-04-18]
                          [--additions tools/cognito-idp-2016-04-18.additions.json]
                          [--output src/main/resources/dev/gatehouse/admin/awsjson/cognito-idp-2016-04-18.json]
"""
import argparse
import gzip
import json
import os
import sys

DROPPED_KEYS = {"documentation", "documentationUrl", "deprecatedMessage", "examples"}


def botocore_model_path(service, api_version):
    import botocore
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service, api_version)
    for name in ("service-2.json.gz", "service-2.json"):
        candidate = os.path.join(base, name)
        if os.path.exists(candidate):
            return candidate, botocore.__version__
    sys.exit(f"no botocore model under {base}")


def load_json(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def strip_documentation(node):
    if isinstance(node, dict):
        return {k: strip_documentation(v) for k, v in node.items() if k not in DROPPED_KEYS}
    if isinstance(node, list):
        return [strip_documentation(v) for v in node]
    return node


def apply_additions(model, additions):
    """Additions must be new: an entry botocore already has means the patch is stale."""
    operations, shapes = model["operations"], model["shapes"]
    for name, operation in additions.get("operations", {}).items():
        if name in operations:
            sys.exit(f"operation {name} already in botocore: drop it from the additions")
        operations[name] = operation
    for name, shape in additions.get("shapes", {}).items():
        if name in shapes:
            sys.exit(f"shape {name} already in botocore: drop it from the additions")
        shapes[name] = shape
    for shape_name, members in additions.get("members", {}).items():
        existing = shapes[shape_name]["members"]
        for member, target in members.items():
            if member in existing:
                sys.exit(f"member {shape_name}.{member} already in botocore: drop it from the additions")
            existing[member] = target
    for shape_name, traits in additions.get("removeTraits", {}).items():
        for trait in traits:
            if trait not in shapes[shape_name]:
                sys.exit(f"{shape_name} has no {trait} to remove: drop it from the additions")
            del shapes[shape_name][trait]
    for shape_name, values in additions.get("enumValues", {}).items():
        enum = shapes[shape_name]["enum"]
        for value in values:
            if value in enum:
                sys.exit(f"enum value {shape_name}.{value} already in botocore: drop it from the additions")
            enum.append(value)


def referenced_shapes(shape):
    refs = [m["shape"] for m in shape.get("members", {}).values()]
    refs += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return refs


def reachable_shapes(model):
    pending = []
    for operation in model["operations"].values():
        pending += [operation[k]["shape"] for k in ("input", "output") if k in operation]
        pending += [error["shape"] for error in operation.get("errors", [])]
    seen = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        if name not in model["shapes"]:
            sys.exit(f"dangling shape reference: {name}")
        seen.add(name)
        pending += referenced_shapes(model["shapes"][name])
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", default="cognito-idp")
    parser.add_argument("--api-version", default="2016-04-18")
    parser.add_argument("--additions", default="tools/cognito-idp-2016-04-18.additions.json")
    parser.add_argument("--output", default="src/main/resources/dev/gatehouse/admin/awsjson/cognito-idp-2016-04-18.json")
    args = parser.parse_args()

    source, botocore_version = botocore_model_path(args.service, args.api_version)
    model = load_json(source)
    if args.additions:
        additions = load_json(args.additions)
        additions.pop("_comment", None)
        apply_additions(model, additions)
    model = strip_documentation(model)
    keep = reachable_shapes(model)
    model["shapes"] = {name: shape for name, shape in model["shapes"].items() if name in keep}
    model["metadata"]["x-gatehouse-source"] = {
        "botocore": botocore_version,
        "additions": os.path.basename(args.additions) if args.additions else None,
    }
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(model, handle, indent=1, ensure_ascii=True)
        handle.write("\n")
    print(f"{args.output}: {len(model['operations'])} operations, {len(model['shapes'])} shapes "
          f"(botocore {botocore_version})", file=sys.stderr)


if __name__ == "__main__":
    main()
