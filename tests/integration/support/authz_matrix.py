#!/usr/bin/env python3
"""Drives tests/integration/authz/matrix.tsv against a running beraad-server.

Every expanded combination (route x target x role x scope x partner) is sent
once, with a valid request for its route and real tokens issued with
`beraad token create`; the status must be the one the matrix says. A refused
request (401, 403, 404) must leave the store as it was: the row counts of
every table are compared before and after. A 404 must be the engine's
niet-gevonden, so a document outside the scope answers as a missing one; a
list (documents, regions, the overview) names only the regions in the scope.

Run by authz_matrix.sh, which registers the partners and starts the server.
"""
import argparse
import http.client
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse

from authz_routes import PARTNERS, ROUTES, SCOPES, Failure, Fixtures, scope_leaks

ROLES = ["kwartiermaker", "secretariaat", "partner", "auditor", "beheerder"]
NO_TOKEN = ["absent", "unknown", "revoked"]
DEFAULT_PARTNER = "uwv"  # whom a partner token acts for on routes about no partner
BASE = "/api/v1"


# --- the matrix file ---------------------------------------------------------

def read_matrix(path):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) not in (7, 8):
                raise Failure(f"matrix line {number}: {len(fields)} fields, expected 7 or 8")
            method, route, target, role, scope, partner, status = fields[:7]
            today = fields[7] if len(fields) == 8 else ""
            rows.append({"line": number, "method": method, "path": route, "target": target,
                         "role": role, "scope": scope, "partner": partner,
                         "status": int(status), "today": int(today) if today else None,
                         "used": False})
    return rows


def combinations(route):
    """Every (target, role, scope, partner) the driver sends for a route."""
    spec = ROUTES[route]
    for target in spec["targets"]:
        for role in ROLES:
            scopes = ["own", "other"] if role == "partner" else list(SCOPES)
            variants = ["own", "other"] if role == "partner" and target in spec["about_partner"] \
                else ["-"]
            for scope, partner in itertools.product(scopes, variants):
                yield target, role, scope, partner
        for kind in NO_TOKEN:
            yield target, "geen", kind, "-"


def expand(rows, routes):
    cases, problems = [], []
    for route in routes:
        method, path = route
        for target, role, scope, partner in combinations(route):
            match = None
            for row in rows:
                if (row["method"], row["path"]) != route:
                    continue
                if all(row[key] in ("any", value) for key, value in
                       (("target", target), ("role", role), ("scope", scope),
                        ("partner", partner))):
                    row["used"] = True
                    match = row
            if match is None:
                problems.append(f"no row for {method} {path} target={target} role={role} "
                                f"scope={scope} partner={partner}")
                continue
            cases.append({"method": method, "path": path, "target": target, "role": role,
                          "scope": scope, "partner": partner, "expected": match["status"],
                          "today": match["today"], "line": match["line"]})
    for row in rows:
        if not row["used"]:
            problems.append(f"matrix line {row['line']} matches no combination "
                            f"({row['method']} {row['path']} {row['target']} {row['role']} "
                            f"{row['scope']} {row['partner']})")
    return cases, problems


# --- routes: the server's list and the checks that they agree -----------------

def routes_of_openapi(document):
    found = set()
    for path, item in document["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                found.add((method.upper(), path))
    return found


def routes_of_handlers(source):
    """Every router.add pattern in server/handlers/*.cpp (the stream routes expanded)."""
    folder = os.path.join(source, "server", "handlers")
    found = set()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".cpp"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        for method, path in re.findall(r'router\.add\(\s*\{\s*"([A-Z]+)",\s*"([^"]+)"', text):
            found.add((method, path.removeprefix(BASE)))
        prefixes = re.findall(r'addStreamRoutes\(router, engine, \{"([^"]+)"', text)
        suffixes = re.findall(r'router\.add\(\s*\{\s*"([A-Z]+)",\s*routes\.prefix \+ "([^"]+)"',
                              text)
        for prefix, (method, suffix) in itertools.product(prefixes, suffixes):
            found.add((method, (prefix + suffix).removeprefix(BASE)))
    return found


# --- HTTP and the store ------------------------------------------------------

class Server:
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.connection = None

    def call(self, method, path, token=None, headers=None, body=None):
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = "Bearer " + token
        if body is not None and isinstance(body, str):
            body = body.encode("utf-8")
        for attempt in (1, 2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.connection.request(method, BASE + path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            except (http.client.HTTPException, OSError):
                self.connection = None
                if attempt == 2:
                    raise

    def must(self, expected, method, path, token, headers=None, body=None):
        status, answer_headers, data = self.call(method, path, token, headers, body)
        if status != expected:
            raise Failure(f"fixture: {method} {path} answered {status}, expected {expected}: "
                          f"{data[:400].decode('utf-8', 'replace')}")
        return answer_headers, data


class Store:
    def __init__(self, path):
        self.path = path

    def fingerprint(self):
        """The row count of every table: a refused request must change none."""
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            tables = [name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                    for table in tables}
        finally:
            connection.close()


# --- tokens -------------------------------------------------------------------

class Tokens:
    def __init__(self, beraad):
        self.beraad = beraad
        self.issued = {}

    def create(self, role, scope, partner=None, person=None):
        command = [self.beraad, "token", "create", "--role", "beheerder", "--persoon",
                   person or f"{role} {scope} {partner or ''}".strip(), "--rol", role,
                   "--regio", scope]
        if partner:
            command += ["--partner-sleutel", partner]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0 or not result.stdout.strip().startswith("brd_"):
            raise Failure(f"token create {role} {scope} {partner}: {result.stderr.strip()}")
        return result.stdout.strip()

    def issue_all(self):
        for role in ROLES:
            if role == "partner":
                for scope, key in itertools.product(("own", "other"), PARTNERS):
                    self.issued[(role, scope, key)] = self.create(role, SCOPES[scope], key)
            else:
                for scope in SCOPES:
                    self.issued[(role, scope, None)] = self.create(role, SCOPES[scope])
        revoked = self.create("auditor", "*", person="ingetrokken")
        listing = subprocess.run([self.beraad, "token", "list", "--role", "beheerder", "--json"],
                                 capture_output=True, text=True).stdout
        token_id = next((token["id"] for token in json.loads(listing or "[]")
                         if token.get("persoon") == "ingetrokken"), None)
        if not token_id:
            raise Failure("token list does not show the token to revoke:\n" + listing)
        result = subprocess.run([self.beraad, "token", "revoke", token_id, "--role", "beheerder"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise Failure("token revoke: " + result.stderr)
        self.issued[("geen", "revoked", None)] = revoked
        self.issued[("geen", "unknown", None)] = "brd_" + "0" * 40
        self.issued[("geen", "absent", None)] = None

    def of(self, role, scope, partner_key=None):
        if role == "partner":
            return self.issued[(role, scope, partner_key)]
        return self.issued[(role, scope, None)]


# --- running ------------------------------------------------------------------

def token_for(tokens, case, request):
    role, scope = case["role"], case["scope"]
    if role == "geen":
        return tokens.issued[("geen", scope, None)]
    if role != "partner":
        return tokens.of(role, scope)
    about = request.get("partner", DEFAULT_PARTNER)
    if case["partner"] == "other":
        about = next(p for p in PARTNERS if p != about)
    if about not in PARTNERS:  # a new partner has no representative: act for the default one
        about = DEFAULT_PARTNER
    return tokens.of("partner", scope, about)


def run_case(server, store, tokens, fixtures, case):
    request = ROUTES[(case["method"], case["path"])]["build"](fixtures, case["target"])
    token = token_for(tokens, case, request)
    before = store.fingerprint()
    status, headers, data = server.call(case["method"], request["path"], token,
                                        request.get("headers"), request.get("body"))
    after = store.fingerprint()
    problems = []
    if status != case["expected"]:
        problems.append(f"got {status}")
    if case["expected"] in (401, 403, 404) or status in (401, 403, 404):
        changed = [f"{t} {before.get(t)}->{n}" for t, n in after.items() if before.get(t) != n]
        if changed:
            problems.append("wrote although refused: " + ", ".join(changed))
    if status == 404 and case["expected"] == 404 and case["target"] != "-":
        try:
            problem = json.loads(data)
        except ValueError:
            problem = {}
        if not str(problem.get("type", "")).endswith("niet-gevonden") or \
                problem.get("code") != "not-found":
            problems.append("a 404 that is not the engine's niet-gevonden: " +
                            data[:200].decode("utf-8", "replace"))
    if status == 200 and ROUTES[(case["method"], case["path"])]["lists_regions"]:
        leak = scope_leaks(case, data)
        if leak:
            problems.append(leak)
    if 200 <= status < 300:
        if "after" in request:
            request["after"]()
        if "after_with_headers" in request:
            request["after_with_headers"](headers)
    detail = "" if not problems else data[:300].decode("utf-8", "replace").replace("\n", " ")
    return status, problems, detail


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--matrix", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--beraad", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    server = Server(args.url)
    errors = []

    _, served = server.must(200, "GET", "/openapi.json", None)
    served_routes = routes_of_openapi(json.loads(served))
    for method, path in sorted(routes_of_handlers(args.source) - served_routes):
        errors.append(f"router.add {method} {path} in server/handlers is not in openapi.json")
    for method, path in sorted(served_routes - set(ROUTES)):
        errors.append(f"{method} {path} is served but support/authz_routes.py has no request "
                      "for it (add one to ROUTES)")
    for method, path in sorted(set(ROUTES) - served_routes):
        errors.append(f"{method} {path} has a request in authz_routes.py but is not in "
                      "openapi.json")
    rows = read_matrix(args.matrix)
    named = {(row["method"], row["path"]) for row in rows}
    for method, path in sorted(served_routes - named):
        errors.append(f"{method} {path} is served but not in {os.path.basename(args.matrix)}")
    for method, path in sorted(named - served_routes):
        errors.append(f"{method} {path} is in the matrix but not served")
    cases, problems = expand(rows, sorted(served_routes & named & set(ROUTES)))
    errors += problems

    tokens = Tokens(args.beraad)
    tokens.issue_all()
    fixtures = Fixtures(server, tokens, args.source, args.work)
    store = Store(args.store)
    setup_seconds = time.monotonic() - started

    counts, failures, known = {}, [], 0
    for case in cases:
        try:
            status, problems, detail = run_case(server, store, tokens, fixtures, case)
        except Failure as failure:
            status, problems, detail = 0, [str(failure)], ""
        counts[status] = counts.get(status, 0) + 1
        if problems:
            label = (f"{case['method']} {case['path']} target={case['target']} "
                     f"role={case['role']} scope={case['scope']} partner={case['partner']} "
                     f"expected={case['expected']} {'; '.join(problems)} "
                     f"(matrix line {case['line']})")
            if case["today"] is not None and case["today"] == status and len(problems) == 1:
                known += 1
                failures.append("KNOWN " + label)
            else:
                failures.append(label + (f"\n    {detail}" if detail else ""))

    for error in errors:
        print("FAIL:", error, file=sys.stderr)
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    summary = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
    print(f"{len(cases)} combinations over {len(served_routes)} routes "
          f"({summary}); {len(failures)} failed ({known} known to differ today), "
          f"{len(errors)} matrix problems; setup {setup_seconds:.1f} s, "
          f"total {time.monotonic() - started:.1f} s")
    return 1 if failures or errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print("FAIL:", failure, file=sys.stderr)
        sys.exit(1)
