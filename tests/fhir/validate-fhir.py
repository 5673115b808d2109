#!/usr/bin/python3
# validate-fhir.py SCHEMA FILE... — checks each FILE (a FHIR R4 resource or
# Bundle as JSON) against HL7's FHIR R4 JSON schema. Prints every error with
# its path and exits 1 if any file is invalid, 2 if the validator is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate-fhir.py: python3-jsonschema is not installed (build-aux/dev installs it)",
          file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) < 3:
        print("usage: validate-fhir.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft6Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message[:300]}", file=sys.stderr)
        if errors:
            bad += 1
        else:
            print(f"{path}: valid FHIR R4")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
