#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate the demo case bundles in data/demo/ against docs/data-model.md.

Usage: build-aux/check-demo.py [FILE.json | DIR ...]
Without arguments, checks every *.json in data/demo/ of this source tree.

Checks (structure):
  * valid JSON; a Bundle of type "transaction" with entries
  * every entry: resource with resourceType and an explicit id (lowercase
    ASCII, digits and hyphens), request {method: PUT, url: "Type/id"},
    fullUrl absent, "urn:uuid:<uuid>" or "Type/id"
  * ids unique across all files
  * every "reference" is "Type/id" of an entry in the same bundle
  * every date-like member (the docs/data-model.md list, plus Period
    start/end) is a FHIR date/dateTime on a real calendar day; a dateTime
    carries the +08:00 offset
  * resourceType is one of the 20 types the store holds
  * every Observation has a LOINC coding
  * exactly one Patient (the woman) and one EpisodeOfCare per bundle; her
    newborns are Patients too, naming her in the mother extension
Checks (conventions and clinical consistency):
  * team tags, risk-colour codes and displays, purple flags
  * Patient: name.text, gender female, ID card (valid check digit, birth
    date and sex digit agree with the resource), MRN identifier
  * EpisodeOfCare: status, period.start, managingOrganization.display
  * LMP and EDD present, EDD = LMP + 280 days
  * EPDS / PHQ-9 / GAD-7 totals equal the sum of the items of the
    QuestionnaireResponse they are derived from (items 0..3)
  * BMI agrees with pre-pregnancy weight and height
  * obstetric history: gravida, para and the four parity counts (term,
    preterm, abortions, living) are non-negative valueIntegers; the four
    are recorded together, para = term + preterm, and gravida (latest at
    that time) >= term + preterm + abortions, + 1 for the pregnancy of the
    case until its delivery

Exits 0 when everything passes, 1 with one line per problem otherwise.
"""

import datetime
import glob
import json
import os
import re
import sys

RESOURCE_TYPES = {
    "Patient", "EpisodeOfCare", "Encounter", "Condition", "Observation",
    "RiskAssessment", "Flag", "ImagingStudy", "Media", "DiagnosticReport",
    "ServiceRequest", "Task", "Appointment", "CareTeam",
    "QuestionnaireResponse", "CarePlan", "Composition", "Consent",
    "AuditEvent", "Provenance",
}

# docs/data-model.md, "Validation"; Period members are start/end.
DATE_KEYS = {
    "date", "birthDate", "effectiveDateTime", "issued", "authored", "recorded",
    "recordedDate", "onsetDateTime", "abatementDateTime", "occurrenceDateTime",
    "authoredOn", "start", "end", "started", "created", "lastModified",
    "valueDateTime", "dateTime", "lastUpdated", "timestamp",
}
# Not in the store's list, but dates all the same: keep the demo honest.
EXTRA_DATE_KEYS = {"time", "creation"}

LOINC = "http://loinc.org"
TEAM = "https://huizhen.github.io/fhir/CodeSystem/team"
TEAMS = {"obstetrics", "reproductive", "psychology", "nutrition", "other"}
RISK = "https://huizhen.github.io/fhir/CodeSystem/risk-colour"
RISK_DISPLAY = {"green": "绿色", "yellow": "黄色", "orange": "橙色", "red": "红色"}
ID_CARD = "urn:oid:2.16.156.10011.1.3"
MRN = "https://huizhen.github.io/fhir/sid/mrn"

LOINC_LMP = "8665-2"
LOINC_EDD = "11778-8"
LOINC_BMI = "39156-5"
LOINC_HEIGHT = "8302-2"
LOINC_PREPREG_WEIGHT = "56077-1"
LOINC_DELIVERY = "93857-1"
LOINC_GRAVIDA = "11996-6"
LOINC_PARA = "11977-6"
# docs/data-model.md: parity in detail, 足月-早产-流产-现存 (G3P0-0-2-0)
LOINC_TERM = "11639-1"
LOINC_PRETERM = "11637-5"
LOINC_ABORTIONS = "11612-8"
LOINC_LIVING = "11638-3"
PARITY = (LOINC_TERM, LOINC_PRETERM, LOINC_ABORTIONS, LOINC_LIVING)
COUNTS = {
    LOINC_GRAVIDA: "gravida", LOINC_PARA: "para", LOINC_TERM: "term births",
    LOINC_PRETERM: "preterm births", LOINC_ABORTIONS: "abortions",
    LOINC_LIVING: "living children",
}
SCALES = {  # total LOINC -> (name, number of items)
    "99046-5": ("EPDS", 10),
    "44261-6": ("PHQ-9", 9),
    "70274-6": ("GAD-7", 7),
}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REF_RE = re.compile(r"^([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})$")
MOTHER = "https://huizhen.github.io/fhir/StructureDefinition/mother"


def is_newborn(res):
    return any(e.get("url") == MOTHER for e in res.get("extension", []))


UUID_RE = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2})(?:\.\d{1,9})?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2}))?)?)?$")


class Problems:
    def __init__(self):
        self.lines = []

    def add(self, where, message):
        self.lines.append(f"{where}: {message}")


def check_date(value):
    """None if @value is a valid FHIR date/dateTime (with +08:00), else why not."""
    if not isinstance(value, str):
        return f"expected a date string, got {json.dumps(value, ensure_ascii=False)}"
    m = DATE_RE.match(value)
    if not m:
        return f"'{value}' is not a FHIR date or dateTime"
    y = int(m["y"])
    mo = int(m["m"] or 1)
    d = int(m["d"] or 1)
    try:
        datetime.date(y, mo, d)
    except ValueError:
        return f"'{value}' is not a real calendar day"
    if m["H"] is not None:
        if int(m["H"]) > 23 or int(m["M"]) > 59 or int(m["S"]) > 59:
            return f"'{value}' has an impossible time of day"
        if m["tz"] != "+08:00":
            return f"'{value}' must carry the +08:00 offset (China Standard Time)"
    return None


def walk(node, path, func):
    """Call func(path, key, value) for every member of every object."""
    if isinstance(node, dict):
        for key, value in node.items():
            sub = f"{path}.{key}" if path else key
            func(sub, key, value)
            walk(value, sub, func)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, f"{path}[{i}]", func)


def codings(concept):
    if isinstance(concept, dict):
        return [c for c in concept.get("coding", []) if isinstance(c, dict)]
    return []


def loinc_code(resource):
    for c in codings(resource.get("code")):
        if c.get("system") == LOINC:
            return c.get("code")
    return None


def id_card_ok(value):
    if not re.match(r"^\d{17}[\dX]$", value):
        return "is not 17 digits and a check character"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(value[:17], weights))
    if "10X98765432"[s % 11] != value[17]:
        return "has a wrong check character"
    return None


def check_bundle(path, bundle, problems, seen_ids):
    name = os.path.basename(path)
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        problems.add(name, "not a FHIR Bundle")
        return
    if bundle.get("type") != "transaction":
        problems.add(name, f"Bundle.type is '{bundle.get('type')}', expected 'transaction'")
    if "timestamp" in bundle:
        why = check_date(bundle["timestamp"])
        if why:
            problems.add(name, f"Bundle.timestamp: {why}")
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not entries:
        problems.add(name, "Bundle has no entries")
        return

    resources = {}   # "Type/id" -> resource
    where = {}       # "Type/id" -> "file entry[i] (Type/id)"
    full_urls = set()
    for i, entry in enumerate(entries):
        at = f"{name} entry[{i}]"
        res = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(res, dict):
            problems.add(at, "entry has no resource object")
            continue
        rtype, rid = res.get("resourceType"), res.get("id")
        at = f"{name} entry[{i}] ({rtype}/{rid})"
        if rtype not in RESOURCE_TYPES:
            problems.add(at, f"resourceType '{rtype}' is not one the store holds")
        if not isinstance(rid, str) or not ID_RE.match(rid) or len(rid) > 64:
            problems.add(at, f"id {json.dumps(rid, ensure_ascii=False)} must be lowercase "
                             "ASCII letters, digits and hyphens (at most 64)")
            continue
        if rid in seen_ids:
            problems.add(at, f"id '{rid}' is already used in {seen_ids[rid]}")
        else:
            seen_ids[rid] = at
        key = f"{rtype}/{rid}"
        if key in resources:
            problems.add(at, f"{key} appears twice in the bundle")
        resources[key] = res
        where[key] = at
        req = entry.get("request")
        if not isinstance(req, dict) or req.get("method") != "PUT" or req.get("url") != key:
            problems.add(at, f"request must be {{method: PUT, url: '{key}'}}, got "
                             f"{json.dumps(req, ensure_ascii=False)}")
        full = entry.get("fullUrl")
        if full is not None:
            if not (UUID_RE.match(full) or full == key):
                problems.add(at, f"fullUrl '{full}' is neither urn:uuid:<uuid> nor '{key}'")
            if full in full_urls:
                problems.add(at, f"fullUrl '{full}' is used twice")
            full_urls.add(full)

    counts = {}
    for key, res in resources.items():
        t = key.split("/")[0]
        if t == "Patient" and is_newborn(res):
            continue
        counts[t] = counts.get(t, 0) + 1
    for t in ("Patient", "EpisodeOfCare"):
        if counts.get(t, 0) != 1:
            problems.add(name, f"expected exactly one {t}, found {counts.get(t, 0)}")

    for key, res in resources.items():
        at = where[key]

        def visit(p, k, v, at=at):
            # A member named "reference" holding an object is a Reference-typed
            # element (Consent.provision.data.reference, CarePlan.activity.reference):
            # its own "reference" string is checked when the walk gets there.
            if k == "reference" and not isinstance(v, dict):
                if not isinstance(v, str) or not REF_RE.match(v):
                    problems.add(at, f"{p}: '{v}' is not a relative Type/id reference")
                elif v not in resources:
                    problems.add(at, f"{p}: '{v}' is not in this bundle")
            elif k in DATE_KEYS or k in EXTRA_DATE_KEYS:
                why = check_date(v)
                if why:
                    problems.add(at, f"{p}: {why}")
        walk(res, "", visit)

        for tag in (res.get("meta") or {}).get("tag", []):
            if tag.get("system") == TEAM and tag.get("code") not in TEAMS:
                problems.add(at, f"meta.tag: unknown team '{tag.get('code')}'")
        check_resource(key, res, at, resources, problems)

    check_case(name, resources, problems)


def check_resource(key, res, at, resources, problems):
    rtype = key.split("/")[0]
    if rtype == "Observation":
        if not loinc_code(res):
            problems.add(at, "Observation.code has no LOINC coding")
        code = loinc_code(res)
        if code in SCALES:
            check_scale(res, at, resources, problems)
        elif code in COUNTS:
            value = res.get("valueInteger")
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.add(at, f"{COUNTS[code]} ({code}) must be a valueInteger of 0 or more, "
                                 f"got {json.dumps(value, ensure_ascii=False)}")
    elif rtype == "RiskAssessment":
        pred = res.get("prediction") or [{}]
        found = [c for c in codings(pred[0].get("outcome")) if c.get("system") == RISK]
        if not found:
            problems.add(at, "prediction[0].outcome has no risk-colour coding")
        for c in found:
            if c.get("code") not in RISK_DISPLAY:
                problems.add(at, f"risk colour '{c.get('code')}' is not green/yellow/orange/red")
            elif c.get("display") != RISK_DISPLAY[c["code"]]:
                problems.add(at, f"risk colour '{c['code']}' must have display "
                                 f"'{RISK_DISPLAY[c['code']]}'")
        if "occurrenceDateTime" not in res:
            problems.add(at, "RiskAssessment has no occurrenceDateTime")
        if not (res.get("performer") or {}).get("display"):
            problems.add(at, "RiskAssessment has no performer.display")
        if not res.get("basis") and not res.get("note"):
            problems.add(at, "RiskAssessment names no factors (basis or note)")
    elif rtype == "Flag":
        for c in codings(res.get("code")):
            if c.get("system") == RISK and (c.get("code") != "purple" or c.get("display") != "紫色"):
                problems.add(at, "a risk-colour Flag must be code 'purple', display '紫色'")
    elif rtype == "Patient" and is_newborn(res):
        mother = next(e for e in res["extension"] if e.get("url") == MOTHER)
        if (mother.get("valueReference") or {}).get("reference") not in resources:
            problems.add(at, "the newborn's mother extension names no Patient of the bundle")
        if not ((res.get("name") or [{}])[0]).get("text") or not res.get("birthDate"):
            problems.add(at, "a newborn needs name[0].text and birthDate")
    elif rtype == "Patient":
        if not ((res.get("name") or [{}])[0]).get("text"):
            problems.add(at, "Patient.name[0].text is missing")
        if res.get("gender") != "female":
            problems.add(at, "Patient.gender must be 'female'")
        ids = {i.get("system"): i.get("value") for i in res.get("identifier", [])}
        card = ids.get(ID_CARD)
        if not card:
            problems.add(at, f"no identifier with system {ID_CARD} (居民身份证)")
        else:
            why = id_card_ok(card)
            if why:
                problems.add(at, f"ID card '{card}' {why}")
            elif res.get("birthDate", "").replace("-", "") != card[6:14]:
                problems.add(at, f"ID card '{card}' does not carry birthDate {res.get('birthDate')}")
            elif int(card[16]) % 2 != 0:
                problems.add(at, f"ID card '{card}': the 17th digit is odd (male)")
        if not ids.get(MRN):
            problems.add(at, f"no identifier with system {MRN}")
        if not res.get("telecom") or not res.get("address"):
            problems.add(at, "Patient needs telecom and address")
    elif rtype == "EpisodeOfCare":
        if res.get("status") not in ("active", "finished"):
            problems.add(at, f"EpisodeOfCare.status '{res.get('status')}' is not active/finished")
        if not (res.get("period") or {}).get("start"):
            problems.add(at, "EpisodeOfCare.period.start is missing")
        if not (res.get("managingOrganization") or {}).get("display"):
            problems.add(at, "EpisodeOfCare.managingOrganization.display is missing")


def check_scale(obs, at, resources, problems):
    name, n_items = SCALES[loinc_code(obs)]
    total = obs.get("valueInteger")
    if not isinstance(total, int):
        problems.add(at, f"{name} total must be valueInteger")
        return
    qrs = [r.get("reference") for r in obs.get("derivedFrom", [])
           if str(r.get("reference", "")).startswith("QuestionnaireResponse/")]
    if len(qrs) != 1 or qrs[0] not in resources:
        problems.add(at, f"{name} total must be derivedFrom exactly one QuestionnaireResponse")
        return
    scores = []

    def collect(p, k, v):
        if k == "answer" and isinstance(v, list):
            for a in v:
                if "valueCoding" in a:
                    scores.append(int(a["valueCoding"].get("code", "-1")))
                elif "valueInteger" in a:
                    scores.append(a["valueInteger"])
    walk(resources[qrs[0]], "", collect)
    if len(scores) != n_items or any(s not in (0, 1, 2, 3) for s in scores):
        problems.add(at, f"{qrs[0]} must answer {n_items} {name} items scored 0..3, got {scores}")
    elif sum(scores) != total:
        problems.add(at, f"{name} total {total} != sum of the items {sum(scores)} in {qrs[0]}")


def check_case(name, resources, problems):
    def values(code, member):
        out = []
        for key, res in resources.items():
            if key.startswith("Observation/") and loinc_code(res) == code and member in res:
                out.append(res[member])
        return out

    lmp, edd = values(LOINC_LMP, "valueDateTime"), values(LOINC_EDD, "valueDateTime")
    if len(lmp) != 1 or len(edd) != 1:
        problems.add(name, f"expected one LMP ({LOINC_LMP}) and one EDD ({LOINC_EDD}) Observation")
    elif not check_date(lmp[0]) and not check_date(edd[0]):
        diff = (datetime.date.fromisoformat(edd[0][:10]) -
                datetime.date.fromisoformat(lmp[0][:10])).days
        if diff != 280:
            problems.add(name, f"EDD {edd[0]} is {diff} days after LMP {lmp[0]}, expected 280")

    check_obstetric_history(name, resources, problems)

    bmi = [v.get("value") for v in values(LOINC_BMI, "valueQuantity")]
    height = [v.get("value") for v in values(LOINC_HEIGHT, "valueQuantity")]
    weight = [v.get("value") for v in values(LOINC_PREPREG_WEIGHT, "valueQuantity")]
    if bmi and height and weight:
        expect = weight[0] / (height[0] / 100) ** 2
        if abs(expect - bmi[0]) > 0.06:
            problems.add(name, f"BMI {bmi[0]} does not match {weight[0]} kg / "
                               f"({height[0]} cm)² = {expect:.2f}")


def check_obstetric_history(name, resources, problems):
    """The parity counts of each time they were recorded add up (G3P0-0-2-0)."""
    by_time = {}  # effectiveDateTime -> {code: value}
    delivered = sorted(res.get("valueDateTime", "") for key, res in resources.items()
                       if key.startswith("Observation/") and loinc_code(res) == LOINC_DELIVERY)
    for key, res in resources.items():
        code = loinc_code(res) if key.startswith("Observation/") else None
        value = res.get("valueInteger")
        if code in COUNTS and isinstance(value, int) and res.get("status") != "entered-in-error":
            by_time.setdefault(res.get("effectiveDateTime", ""), {})[code] = value

    for when in sorted(by_time):
        counts = by_time[when]
        present = [c for c in PARITY if c in counts]
        if not present:
            continue
        if len(present) != len(PARITY):
            missing = ", ".join(COUNTS[c] for c in PARITY if c not in counts)
            problems.add(name, f"obstetric history of {when}: the four parity counts go "
                               f"together, {missing} missing")
            continue
        term, preterm, abortions, living = (counts[c] for c in PARITY)
        notation = f"P{term}-{preterm}-{abortions}-{living}"
        if LOINC_PARA in counts and counts[LOINC_PARA] != term + preterm:
            problems.add(name, f"obstetric history of {when}: para {counts[LOINC_PARA]} "
                               f"is not term + preterm of {notation}")
        gravida = [by_time[t][LOINC_GRAVIDA] for t in sorted(by_time)
                   if t <= when and LOINC_GRAVIDA in by_time[t]]
        # the pregnancy of the case counts in G, and in P once delivered
        pregnant = not any(d and d <= when for d in delivered)
        if not gravida:
            problems.add(name, f"obstetric history of {when}: {notation} without a gravida")
        elif gravida[-1] < term + preterm + abortions + (1 if pregnant else 0):
            problems.add(name, f"obstetric history of {when}: G{gravida[-1]}{notation} counts "
                               f"more pregnancies in P than in G"
                               + (" (with the current one)" if pregnant else ""))


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = argv[1:] or [os.path.join(top, "data", "demo")]
    files = []
    for a in args:
        if os.path.isdir(a):
            files.extend(sorted(glob.glob(os.path.join(a, "*.json"))))
        else:
            files.append(a)
    if not files:
        print(f"check-demo: no bundles found in {' '.join(args)}", file=sys.stderr)
        return 1

    problems = Problems()
    seen_ids = {}
    total = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                bundle = json.load(f)
        except (OSError, UnicodeDecodeError) as e:
            problems.add(os.path.basename(path), f"cannot read: {e}")
            continue
        except json.JSONDecodeError as e:
            problems.add(os.path.basename(path), f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}")
            continue
        check_bundle(path, bundle, problems, seen_ids)
        total += len(bundle.get("entry", []) if isinstance(bundle, dict) else [])

    if problems.lines:
        for line in problems.lines:
            print(f"check-demo: {line}", file=sys.stderr)
        print(f"check-demo: {len(problems.lines)} problem(s) in {len(files)} bundle(s)", file=sys.stderr)
        return 1
    print(f"check-demo: {len(files)} bundle(s), {total} resources: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
