#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema (draft 2020-12 or draft-07).

usage: validate_json.py SCHEMA DOCUMENT [DOCUMENT ...]

Prints "DOCUMENT: valid" for each valid document and "DOCUMENT: /json/pointer: message" for
each problem of an invalid one. Documents are parsed strictly: NaN, Infinity and keys repeated
within one object are errors, as they are for credence itself.

Exit status: 0 every document is valid; 1 some document is invalid or cannot be read;
2 usage error or an unusable schema; 3 the Python module jsonschema is not installed.
"""

import json
import sys

MAX_ERRORS_PER_DOCUMENT = 50


class StrictJsonError(ValueError):
    pass


def _reject_constant(name):
    raise StrictJsonError(f"{name} is not JSON")


def _unique_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise StrictJsonError(f"key {json.dumps(key)} repeated within one object")
        result[key] = value
    return result


def load_json(path):
    with open(path, encoding="utf-8") as stream:
        return json.load(stream, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)


def pointer(path):
    """RFC 6901 JSON pointer of a jsonschema error path."""
    parts = [str(part).replace("~", "~0").replace("/", "~1") for part in path]
    return "/" + "/".join(parts) if parts else "(document)"


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
        import jsonschema.validators
    except ImportError:
        print("validate_json.py: the Python module jsonschema is not installed", file=sys.stderr)
        return 3

    schema_path = argv[1]
    try:
        schema = load_json(schema_path)
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
    except (OSError, ValueError) as error:
        print(f"{schema_path}: cannot read the schema: {error}", file=sys.stderr)
        return 2
    except jsonschema.exceptions.SchemaError as error:
        print(f"{schema_path}: not a valid schema: {error.message}", file=sys.stderr)
        return 2
    validator = validator_class(schema)

    status = 0
    for path in argv[2:]:
        try:
            document = load_json(path)
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read: {error}")
            status = 1
            continue
        errors = sorted(validator.iter_errors(document),
                        key=lambda error: [str(part) for part in error.absolute_path])
        if not errors:
            print(f"{path}: valid")
            continue
        status = 1
        for error in errors[:MAX_ERRORS_PER_DOCUMENT]:
            print(f"{path}: {pointer(error.absolute_path)}: {error.message}")
        if len(errors) > MAX_ERRORS_PER_DOCUMENT:
            print(f"{path}: ... and {len(errors) - MAX_ERRORS_PER_DOCUMENT} more problems")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
