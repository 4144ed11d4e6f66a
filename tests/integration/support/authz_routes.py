"""The requests of the authorisation matrix: fixtures and one valid request per route.

ROUTES maps each (method, path) of openapi.json to the targets it is sent to
and a builder that makes a valid request for a target, so that the answer is
about authorisation alone. Used by authz_matrix.py.
"""
import base64
import datetime
import hashlib
import json
import os
import re
import subprocess
import time
import zoneinfo

SCOPES = {"own": "AM05", "other": "AM24", "*": "*"}
PARTNERS = ["gemeente-enschede", "gemeente-hengelo", "uwv", "sbb", "vno-ncw-midden", "fnv",
            "roc-van-twente"]
DOC_TARGETS = ["doc", "missing", "missing-other"]
MISSING = {"missing": "AM05-convenant-999", "missing-other": "AM24-convenant-999"}


class Failure(Exception):
    pass


# --- witnesses: cosignatures made with openssl's Ed25519 -----------------------

class Witness:
    def __init__(self, folder):
        self.key = os.path.join(folder, "getuige.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", self.key],
                       check=True, capture_output=True)
        der = subprocess.run(["openssl", "pkey", "-in", self.key, "-pubout", "-outform", "DER"],
                             check=True, capture_output=True).stdout
        self.public = der[-32:]
        self.folder = folder
        self.count = 0

    def cosign(self, note):
        """A new witness name each time, so no cosignature repeats an earlier one."""
        self.count += 1
        name = f"getuige-{self.count}"
        key_id = hashlib.sha256(name.encode() + b"\n\x04" + self.public).digest()[:4]
        text = note.split("\n\n", 1)[0] + "\n"
        size = int(text.split("\n")[1])
        stamp = int(time.time())
        message = os.path.join(self.folder, "bericht")
        with open(message, "wb") as handle:
            handle.write(f"cosignature/v1\ntime {stamp}\n".encode() + text.encode())
        signature = subprocess.run(["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", self.key,
                                    "-in", message], check=True, capture_output=True).stdout
        line = "\u2014 " + name + " " + base64.b64encode(
            key_id + stamp.to_bytes(8, "big") + signature).decode()
        vkey = f"{name}+{key_id.hex()}+" + base64.b64encode(b"\x04" + self.public).decode()
        return {"grootte": size, "getuigeSleutel": vkey, "ondertekening": line}


# --- fixtures -----------------------------------------------------------------

class Fixtures:
    """Documents in the states the routes need, made through the API.

    A region has one samenwerkingsconvenant (docs/workflow.md, "One truth per
    region"): AM05's is in force, the convenant being signed is a wijziging of
    it, and the documents in other states are beleidsagenda's, each with a
    period of its own (agendas of a kind may not overlap)."""

    def __init__(self, server, tokens, source, work):
        self.server, self.tokens = server, tokens
        self.kw = tokens.of("kwartiermaker", "*")
        self.sec = tokens.of("secretariaat", "*")
        self.aud = tokens.of("auditor", "*")
        examples = os.path.join(source, "templates", "voorbeelden", "twente")
        self.content = open(os.path.join(examples, "samenwerkingsconvenant.xml"),
                            encoding="utf-8").read()
        self.agenda = open(os.path.join(examples, "beleidsagenda.xml"), encoding="utf-8").read()
        self.counter = 0
        self.periods = 0
        self.witness = Witness(work)
        self.other = self.convenant("AM24")
        self.in_force = self.adopted()
        self.main = self.beleidsagenda()
        self.add_version(self.main)
        self.concept = self.beleidsagenda()
        self.besluit = self.in_besluitvorming()
        self.decided = None
        self.signing = None
        self.signed = []
        self.bundle = None

    def next(self):
        self.counter += 1
        return self.counter

    def etag(self, path):
        headers, _ = self.server.must(200, "GET", path, self.aud)
        return headers["etag"]

    def xml(self, region="AM05"):
        text = self.content.replace('regio="AM05"', f'regio="{region}"')
        return text + f"<!-- {self.next()} -->\n"

    def agenda_xml(self):
        """A beleidsagenda of five years that overlaps no other one."""
        self.periods += 1
        start = 2026 + 5 * self.periods
        return (self.agenda.replace("<begin>2026-01-01</begin>", f"<begin>{start}-01-01</begin>")
                .replace("<eind>2030-12-31</eind>", f"<eind>{start + 4}-12-31</eind>"))

    def created(self, headers):
        return headers["location"].rsplit("/", 1)[1]

    def convenant(self, region="AM05"):
        headers, _ = self.server.must(
            201, "POST", f"/documenten?bericht=fixture{self.next()}", self.kw,
            {"Content-Type": "application/xml", "If-Match": "*"}, self.xml(region))
        return self.created(headers)

    def beleidsagenda(self):
        headers, _ = self.server.must(
            201, "POST", f"/documenten?bericht=fixture{self.next()}", self.kw,
            {"Content-Type": "application/xml", "If-Match": "*"}, self.agenda_xml())
        return self.created(headers)

    def edited(self, document):
        """The latest content of the document with a changed title: a new version."""
        _, data = self.server.must(200, "GET", f"/documenten/{document}/versies/"
                                   f"{self.latest(document)}/inhoud", self.aud)
        return re.sub(r"<titel>([^<]*)</titel>", rf"<titel>\1 ({self.next()})</titel>",
                      data.decode("utf-8"), count=1)

    def add_version(self, document):
        self.server.must(201, "POST", f"/documenten/{document}/versies?bericht=v", self.kw,
                         {"Content-Type": "application/xml",
                          "If-Match": self.etag(f"/documenten/{document}")}, self.edited(document))

    def fire(self, document, name, reason=None):
        body = {"naam": name}
        if reason:
            body["reden"] = reason
        self.server.must(201, "POST", f"/documenten/{document}/transities", self.sec,
                         {"Content-Type": "application/json",
                          "If-Match": self.etag(f"/documenten/{document}")}, json.dumps(body))

    def latest(self, document):
        _, data = self.server.must(200, "GET", f"/documenten/{document}", self.aud)
        return json.loads(data)["laatsteVersie"]

    def to_besluitvorming(self, document):
        self.fire(document, "ter-consultatie")
        self.fire(document, "ter-besluitvorming")
        return document

    def in_besluitvorming(self):
        return self.to_besluitvorming(self.beleidsagenda())

    def decide_all(self, document):
        number = self.latest(document)
        etag = self.etag(f"/documenten/{document}/versies/{number}")
        for partner in PARTNERS:
            self.server.must(201, "POST", f"/documenten/{document}/versies/{number}/goedkeuringen",
                             self.sec, {"Content-Type": "application/json", "If-Match": etag},
                             json.dumps(decision_body(partner)))

    def sign(self, document, partner):
        version = f"/documenten/{document}/versies/{self.latest(document)}"
        self.server.must(201, "POST", version + "/ondertekeningen", self.sec,
                         {"Content-Type": "application/json", "If-Match": self.etag(version)},
                         json.dumps(signature_body(partner)))

    def fresh_decided(self):
        document = self.in_besluitvorming()
        self.decide_all(document)
        return document

    def vastgesteld(self, document):
        self.to_besluitvorming(document)
        self.decide_all(document)
        self.fire(document, "vaststellen")
        return document

    def into_force(self, document, signed=()):
        for partner in PARTNERS:
            if partner not in signed:
                self.sign(document, partner)
        self.fire(document, "ondertekenen")
        self.fire(document, "in-werking-treden")
        return document

    def adopted(self):
        return self.into_force(self.vastgesteld(self.convenant()))

    def amendment(self):
        """A wijziging of the convenant in force, the one open wijziging."""
        headers, _ = self.server.must(
            201, "POST", f"/documenten/{self.in_force}/wijzigingen?bericht=fixture", self.kw,
            {"If-Match": self.etag(f"/documenten/{self.in_force}"), "Content-Length": "0"})
        return self.created(headers)

    def close_signing(self):
        """The wijziging being signed comes into force, so a new one may start."""
        if self.signing is not None:
            self.in_force = self.into_force(self.signing, self.signed)
            self.signing, self.signed = None, []

    def decided_document(self):
        if self.decided is None:
            self.decided = self.fresh_decided()
        return self.decided

    def signing_partner(self):
        """A vastgesteld wijziging and a partner that has not signed it yet."""
        if self.signing is not None and len(self.signed) == len(PARTNERS):
            self.close_signing()
        if self.signing is None:
            self.signing, self.signed = self.vastgesteld(self.amendment()), []
        return self.signing, next(p for p in PARTNERS if p not in self.signed)

    def bundle_bytes(self):
        if self.bundle is None:
            _, self.bundle = self.server.must(
                200, "GET", f"/documenten/{self.main}/export?formaat=zip&weergaven=false", self.aud)
        return self.bundle


def today():
    """Decisions and signatures may not be dated ahead (the server's Amsterdam date)."""
    return datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Amsterdam")).date().isoformat()


def decision_body(partner):
    return {"partner": partner, "besluit": "akkoord", "vertegenwoordiger": "Bestuurder",
            "datum": today(), "vergadering": "Regionaal Beraad", "agendapunt": "4"}


def signature_body(partner):
    return {"partner": partner, "ondertekenaar": f"Bestuurder {partner}", "functie": "bestuurder",
            "plaats": "Enschede", "datum": today()}


# --- requests per route ---------------------------------------------------------
# Each builder answers a valid request for the route and target:
# (method, path, headers, body, partner the request is about, what to do after a success).

def document_of(fixtures, target, existing):
    return MISSING[target] if target in MISSING else existing


def etag_or_placeholder(fixtures, target, path):
    return '"onbekend"' if target in MISSING else fixtures.etag(path)


def read(path_of):
    def build(fx, target):
        return {"path": path_of(fx, target)}
    return build


def doc_read(suffix, existing=lambda fx: fx.main):
    return read(lambda fx, target: f"/documenten/{document_of(fx, target, existing(fx))}{suffix}")


def region_path(target):
    return "/regios/" + ("AM99" if target == "missing" else "AM05")


def json_post(path, body, etag=None):
    headers = {"Content-Type": "application/json"}
    if etag:
        headers["If-Match"] = etag
    return {"path": path, "headers": headers, "body": json.dumps(body)}


def post_document(fx, target):
    # A beleidsagenda of a period of its own: AM05 has its one convenant.
    return {"path": f"/documenten?bericht=matrix{fx.next()}",
            "headers": {"Content-Type": "application/xml", "If-Match": "*"},
            "body": fx.agenda_xml()}


def post_version(fx, target):
    document = document_of(fx, target, fx.main)
    return {"path": f"/documenten/{document}/versies?bericht=matrix",
            "headers": {"Content-Type": "application/xml",
                        "If-Match": etag_or_placeholder(fx, target, f"/documenten/{document}")},
            "body": fx.agenda if target in MISSING else fx.edited(document)}


def post_transition(fx, target):
    if target == "decided":
        document, name = fx.decided_document(), "vaststellen"
    else:
        document, name = document_of(fx, target, fx.concept), "ter-consultatie"
    request = json_post(f"/documenten/{document}/transities", {"naam": name},
                        etag_or_placeholder(fx, target, f"/documenten/{document}"))

    def after():
        if target == "decided":
            fx.decided = None
        else:
            fx.fire(document, "terug-naar-concept", "de matrix zet het terug")
    request["after"] = after
    return request


def post_decision(fx, target):
    document = document_of(fx, target, fx.besluit)
    number = 1 if target in MISSING else fx.latest(document)
    request = json_post(f"/documenten/{document}/versies/{number}/goedkeuringen",
                        decision_body("fnv"),
                        etag_or_placeholder(fx, target, f"/documenten/{document}/versies/{number}"))
    request["partner"] = "fnv"
    return request


def post_signature(fx, target):
    if target in MISSING:
        document, partner, number = MISSING[target], "fnv", 1
    else:
        document, partner = fx.signing_partner()
        number = fx.latest(document)
    request = json_post(f"/documenten/{document}/versies/{number}/ondertekeningen",
                        signature_body(partner),
                        etag_or_placeholder(fx, target, f"/documenten/{document}/versies/{number}"))
    request["partner"] = partner
    request["after"] = lambda: fx.signed.append(partner)
    return request


def post_rectification(records, status_path, body):
    """A rectificatie of the record of fx.in_force that counts now."""
    def build(fx, target):
        if target in MISSING:
            document, record = MISSING[target], 1
        else:
            document = fx.in_force
            _, data = fx.server.must(200, "GET", f"/documenten/{document}{status_path}", fx.aud)
            record = next(r["id"] for r in json.loads(data)["actueel"]
                          if r["status"] == "geldend")
        return json_post(f"/documenten/{document}/{records}/{record}/rectificaties",
                         dict(body, reden=f"de matrix corrigeert {fx.next()}"),
                         etag_or_placeholder(fx, target, f"/documenten/{document}"))
    return build


def post_amendment(fx, target):
    if target not in MISSING:
        fx.close_signing()  # one open wijziging at a time
    document = document_of(fx, target, fx.in_force)
    request = {"path": f"/documenten/{document}/wijzigingen?bericht=matrix%20wijziging",
               "headers": {"If-Match": etag_or_placeholder(fx, target, f"/documenten/{document}"),
                           "Content-Length": "0"}}

    def after(answer):
        amendment = answer["location"].rsplit("/", 1)[1]
        body = {"naam": "laten-vervallen", "reden": "de matrix trekt de wijziging in"}
        fx.server.must(201, "POST", f"/documenten/{amendment}/transities", fx.kw,
                       {"Content-Type": "application/json",
                        "If-Match": fx.etag(f"/documenten/{amendment}")}, json.dumps(body))
    request["after_with_headers"] = after
    return request


def put_partner(fx, target):
    key = "fnv" if target == "partner" else f"nieuw-{fx.next()}"
    body = {"sleutel": key, "naam": "FNV Twente", "soort": "werknemersorganisatie",
            "rol": "kernpartner", "vertegenwoordigers": [
                {"naam": "R. Meijer", "functie": "regiobestuurder", "email": "fnv@example.nl"}]}
    headers = {"Content-Type": "application/json"}
    if target == "partner":
        headers["If-Match"] = fx.etag(f"/regios/AM05/partners/{key}")
    else:
        body.update({"naam": "Provincie Overijssel", "soort": "provincie",
                     "rol": "strategisch-partner"})
        headers["If-None-Match"] = "*"
    return {"path": f"/regios/AM05/partners/{key}", "headers": headers, "body": json.dumps(body),
            "partner": key}


def patch_partner(fx, target):
    key = "fnv"
    return {"path": f"/regios/AM05/partners/{key}",
            "headers": {"Content-Type": "application/merge-patch+json",
                        "If-Match": fx.etag(f"/regios/AM05/partners/{key}")},
            "body": json.dumps({"naam": "FNV Twente"})}


def post_leave(fx, target):
    """A partner registered for the request, so every allowed combination leaves one."""
    key = f"vertrekker-{fx.next()}"
    body = {"naam": "Opleider", "soort": "opleider", "rol": "samenwerkingspartner"}
    fx.server.must(201, "PUT", f"/regios/AM05/partners/{key}", fx.kw,
                   {"Content-Type": "application/json", "If-None-Match": "*"}, json.dumps(body))
    return json_post(f"/regios/AM05/partners/{key}/uittredingen",
                     {"datum": "2026-09-01", "reden": "de autorisatiematrix"},
                     fx.etag(f"/regios/AM05/partners/{key}"))


def post_correction(fx, target):
    return json_post("/regios/AM05/correcties",
                     {"centrumgemeente": "Enschede", "bron": "de autorisatiematrix"},
                     fx.etag("/regios/AM05"))


def post_admission(fx, target):
    votes = {partner: "akkoord" for partner in PARTNERS}
    votes["fnv"] = "niet-akkoord"  # not admitted, so the same request may come again
    return json_post("/regios/AM05/toelatingen",
                     {"partner": "provincie-overijssel", "vergadering": "Regionaal Beraad",
                      "agendapunt": "5", "datum": "2026-02-01", "stemmen": votes},
                     fx.etag("/regios/AM05"))


def post_bundle(fx, target):
    return {"path": "/bundel-verificaties", "headers": {"Content-Type": "application/zip"},
            "body": fx.bundle_bytes()}


def stream_of(kind, fx, target):
    if kind == "documenten":
        return f"/documenten/{document_of(fx, target, fx.main)}"
    if kind == "regios":
        return "/regios/AM05"
    return "/systeem"


def cosign(kind):
    def build(fx, target):
        prefix = stream_of(kind, fx, target)
        known = stream_of(kind, fx, "doc")
        _, note = fx.server.must(200, "GET", known + "/checkpoint", fx.aud)
        return json_post(prefix + "/checkpoint/medeondertekeningen",
                         fx.witness.cosign(note.decode("utf-8")))
    return build


def stream_routes(kind, targets):
    prefix = {"documenten": "/documenten/{id}", "regios": "/regios/{code}",
              "systeem": "/systeem"}[kind]

    def at(suffix):
        return read(lambda fx, target: stream_of(kind, fx, target) + suffix)
    return {
        ("GET", prefix + "/checkpoint"): route(targets, at("/checkpoint")),
        ("GET", prefix + "/gebeurtenissen/{n}/bewijs"):
            route(targets, at("/gebeurtenissen/1/bewijs?grootte=2")),
        ("GET", prefix + "/gebeurtenissen/{n}/ontvangstbewijs"):
            route(targets, at("/gebeurtenissen/1/ontvangstbewijs")),
        ("GET", prefix + "/consistentie"): route(targets, at("/consistentie?van=1&naar=2")),
        ("POST", prefix + "/checkpoint/medeondertekeningen"): route(targets, cosign(kind)),
    }


def route(targets, build, about_partner=(), lists_regions=False):
    return {"targets": targets, "build": build, "about_partner": set(about_partner),
            "lists_regions": lists_regions}


def regions_named(value):
    """Every region code an answer names (members regio and code)."""
    found = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("regio", "code") and isinstance(item, str) and re.fullmatch(r"AM\d\d", item):
                found.add(item)
            else:
                found |= regions_named(item)
    elif isinstance(value, list):
        for item in value:
            found |= regions_named(item)
    return found


def scope_leaks(case, data):
    """A list answered within a region's scope names only that region, and both
    regions with fixtures in it (so the check sees something)."""
    named = regions_named(json.loads(data))
    region = SCOPES.get(case["scope"])
    if case["role"] == "geen" or region is None:
        return None
    if region == "*":
        return None if {"AM05", "AM24"} <= named else f"the list names only {sorted(named)}"
    if named != {region}:
        return f"the list for scope {region} names {sorted(named)}"
    return None


NONE = ["-"]
REGION = ["region"]
ROUTES = {
    ("GET", "/health"): route(NONE, read(lambda fx, t: "/health")),
    ("GET", "/openapi.json"): route(NONE, read(lambda fx, t: "/openapi.json")),
    ("GET", "/sleutels"): route(NONE, read(lambda fx, t: "/sleutels")),
    ("GET", "/regios"): route(NONE, read(lambda fx, t: "/regios"), lists_regions=True),
    ("GET", "/budgetten"): route(NONE, read(lambda fx, t: "/budgetten")),
    ("GET", "/overzicht"): route(NONE, read(lambda fx, t: "/overzicht"), lists_regions=True),
    ("GET", "/herinneringen"): route(NONE, read(lambda fx, t: "/herinneringen"), lists_regions=True),
    ("GET", "/geplande-overgangen"): route(NONE, read(lambda fx, t: "/geplande-overgangen")),
    ("GET", "/regios/{code}"): route(["region", "missing"], read(lambda fx, t: region_path(t))),
    ("POST", "/regios/{code}/correcties"): route(REGION, post_correction),
    ("GET", "/regios/{code}/partners"): route(REGION, read(lambda fx, t: "/regios/AM05/partners")),
    ("GET", "/regios/{code}/partners/{sleutel}"): route(
        ["partner", "missing"],
        read(lambda fx, t: "/regios/AM05/partners/" + ("fnv" if t == "partner" else "onbekend")),
        about_partner=["partner"]),
    ("PUT", "/regios/{code}/partners/{sleutel}"): route(["partner", "new"], put_partner,
                                                        about_partner=["partner"]),
    ("PATCH", "/regios/{code}/partners/{sleutel}"): route(["partner"], patch_partner),
    ("POST", "/regios/{code}/partners/{sleutel}/uittredingen"): route(["partner"], post_leave),
    ("GET", "/regios/{code}/kernpartner-controle"):
        route(REGION, read(lambda fx, t: "/regios/AM05/kernpartner-controle")),
    ("GET", "/regios/{code}/gebeurtenissen"):
        route(REGION, read(lambda fx, t: "/regios/AM05/gebeurtenissen")),
    ("POST", "/regios/{code}/toelatingen"): route(REGION, post_admission),
    ("GET", "/regios/{code}/modelinhoud"):
        route(REGION, read(lambda fx, t: "/regios/AM05/modelinhoud?soort=samenwerkingsconvenant")),
    ("GET", "/regios/{code}/export"): route(REGION, read(lambda fx, t: "/regios/AM05/export")),
    ("GET", "/documenten"): route(NONE, read(lambda fx, t: "/documenten"), lists_regions=True),
    ("POST", "/documenten"): route(NONE, post_document),
    ("GET", "/documenten/{id}"): route(DOC_TARGETS, doc_read("")),
    ("GET", "/documenten/{id}/versies"): route(DOC_TARGETS, doc_read("/versies")),
    ("POST", "/documenten/{id}/versies"): route(DOC_TARGETS, post_version),
    ("GET", "/documenten/{id}/versies/{nummer}"): route(DOC_TARGETS, doc_read("/versies/2")),
    ("GET", "/documenten/{id}/versies/{nummer}/inhoud"):
        route(DOC_TARGETS, doc_read("/versies/2/inhoud")),
    ("GET", "/documenten/{id}/versies/{nummer}/verschillen"):
        route(DOC_TARGETS, doc_read("/versies/2/verschillen?tegen=1")),
    ("GET", "/documenten/{id}/versies/{nummer}/redline"):
        route(DOC_TARGETS, doc_read("/versies/2/redline?tegen=1&formaat=docx")),
    ("GET", "/documenten/{id}/gebeurtenissen"): route(DOC_TARGETS, doc_read("/gebeurtenissen")),
    ("GET", "/documenten/{id}/verificatie"): route(DOC_TARGETS, doc_read("/verificatie")),
    ("GET", "/documenten/{id}/workflow"): route(DOC_TARGETS, doc_read("/workflow")),
    ("GET", "/documenten/{id}/transities"): route(DOC_TARGETS, doc_read("/transities")),
    ("POST", "/documenten/{id}/transities"):
        route(["concept", "decided", "missing", "missing-other"], post_transition),
    ("GET", "/documenten/{id}/besluitvorming"):
        route(DOC_TARGETS, doc_read("/besluitvorming", lambda fx: fx.besluit)),
    ("GET", "/documenten/{id}/versies/{nummer}/goedkeuringen"):
        route(DOC_TARGETS, doc_read("/versies/1/goedkeuringen", lambda fx: fx.besluit)),
    ("POST", "/documenten/{id}/versies/{nummer}/goedkeuringen"):
        route(DOC_TARGETS, post_decision, about_partner=DOC_TARGETS),
    ("GET", "/documenten/{id}/ondertekeningen"):
        route(DOC_TARGETS, doc_read("/ondertekeningen", lambda fx: fx.in_force)),
    ("POST", "/documenten/{id}/versies/{nummer}/ondertekeningen"):
        route(DOC_TARGETS, post_signature, about_partner=DOC_TARGETS),
    ("POST", "/documenten/{id}/wijzigingen"): route(DOC_TARGETS, post_amendment),
    ("POST", "/documenten/{id}/goedkeuringen/{besluitId}/rectificaties"):
        route(DOC_TARGETS, post_rectification("goedkeuringen", "/besluitvorming",
                                              {"opmerking": "gerectificeerd"})),
    ("POST", "/documenten/{id}/ondertekeningen/{ondertekeningId}/rectificaties"):
        route(DOC_TARGETS, post_rectification("ondertekeningen", "/ondertekeningen",
                                              {"functie": "bestuurder"})),
    ("GET", "/documenten/{id}/export"): route(DOC_TARGETS, doc_read("/export")),
    ("POST", "/bundel-verificaties"): route(NONE, post_bundle),
}
ROUTES.update(stream_routes("documenten", DOC_TARGETS))
ROUTES.update(stream_routes("regios", REGION))
ROUTES.update(stream_routes("systeem", NONE))


