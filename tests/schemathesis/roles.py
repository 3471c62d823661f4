"""Signs in one account of every role on a running service and prints their bearer tokens as JSON.

Used by scripts/schemathesis.sh, which starts the service (the debug binary, SQLite in a temporary
directory). Every account is made as people make theirs, never by writing to the database:

- the applicant signs up (POST /api/v1/accounts), opens the link e-mailed to the outbox
  (POST /api/v1/accounts/verify) and signs in (POST /api/v1/auth/token);
- each member of staff is created with `atajoly staff-add`, enrols through the printed link (the
  enrolment page's form: their password and the code of their second factor, TOTP RFC 6238) and signs in
  with the password and the next code (POST /api/v1/auth/token with `code`);
- the registry is an API key (`atajoly api-key-add --role registry`), the bearer token it prints.

So that the runs reach more than 404s, the applicant files an application (answers, the passport's
MRZ, three PDF files, submitted) and the officer sends it to the agencies' checks: the officer's queue
and each checker's list then hold something for the links of the document (GET /cases → a case,
GET /checks → a check) to lead to.

Every person gets three sessions: one for the whole API, one for the sign-out (DELETE /auth/token),
one for the run that ends sessions (DELETE /me/sessions/{id}, any of the person's). Staff sign in with the codes of three successive steps.

Usage: roles.py BASE_URL BINARY OUTBOX_DIR  (the binary's configuration comes from the environment)
Prints {"role": ["token", "token", "token"], ...}.
"""

import base64
import email
import email.policy
import hashlib
import hmac
import html.parser
import json
import pathlib
import re
import struct
import subprocess
import sys
import time

import requests

PASSWORD = "schemathesis-password-2026"

# Every staff role and the office it takes (`atajoly staff-add`, service::admin::office_for).
STAFF = [
    ("officer", "department-KZ-75"),
    ("supervisor", "department-KZ-75"),
    ("checker_police", ""),
    ("checker_knb", ""),
    ("auditor", ""),
    ("administrator", ""),
    ("appeals", "ministry"),
    ("intermediary", "embassy-MN"),
]


def fail(msg):
    print(f"schemathesis roles: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def totp(secret_b32, step):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Form(html.parser.HTMLParser):
    """The enrolment page's hidden fields and the second factor's secret (`#totp-secret`)."""

    def __init__(self):
        super().__init__()
        self.hidden, self.secret, self._in_secret = {}, "", False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden":
            self.hidden[a.get("name", "")] = a.get("value", "")
        if tag == "code" and a.get("id") == "totp-secret":
            self._in_secret = True

    def handle_data(self, data):
        if self._in_secret:
            self.secret += data.strip()

    def handle_endtag(self, tag):
        if tag == "code":
            self._in_secret = False


def run(binary, *args):
    res = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, check=False)
    if res.returncode != 0:
        fail(f"{binary} {' '.join(args)} exited {res.returncode}:\n{res.stdout}\n{res.stderr}")
    return res.stdout


def mail_to(outbox, to, deadline_s=30):
    """The body of the newest e-mail to `to` in the outbox, waiting for the worker to deliver it."""
    end = time.time() + deadline_s
    while time.time() < end:
        found = None
        for f in sorted(pathlib.Path(outbox).glob("*"), key=lambda p: p.stat().st_mtime):
            msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
            if to in str(msg.get("To", "")):
                part = msg.get_body(preferencelist=("plain", "html"))
                found = part.get_content() if part else ""
        if found:
            return found
        time.sleep(0.3)
    return fail(f"no e-mail to {to} in {outbox} within {deadline_s} s")


def token(base, body):
    r = requests.post(f"{base}/api/v1/auth/token", json=body, timeout=30)
    if r.status_code != 201:
        fail(f"POST /api/v1/auth/token for {body['email']}: {r.status_code} {r.text}")
    return r.json()["token"]


def applicant(base, outbox):
    addr = "applicant@example.com"
    r = requests.post(f"{base}/api/v1/accounts", json={"email": addr, "password": PASSWORD, "lang": "en"}, timeout=30)
    if r.status_code != 202:
        fail(f"POST /api/v1/accounts: {r.status_code} {r.text}")
    link = re.search(r"token=([0-9a-f]+)", mail_to(outbox, addr))
    if not link:
        fail(f"no verification link in the e-mail to {addr}")
    r = requests.post(f"{base}/api/v1/accounts/verify", json={"token": link.group(1)}, timeout=30)
    if r.status_code != 200:
        fail(f"POST /api/v1/accounts/verify: {r.status_code} {r.text}")
    return [token(base, {"email": addr, "password": PASSWORD}) for _ in range(3)]


def enrol(base, binary, role, office):
    """Creates and enrols a member of staff: their address and second factor's secret."""
    addr = f"{role.replace('_', '-')}@schemathesis.kz"
    args = ["staff-add", "--email", addr, "--name", role, "--role", role]
    if office:
        args += ["--office", office]
    link = re.search(r"(/account/enrol\?token=[0-9a-f]+)", run(binary, *args))
    if not link:
        fail(f"staff-add {role}: no enrolment link printed")
    s = requests.Session()
    page = s.get(f"{base}{link.group(1)}", timeout=30)
    form = Form()
    form.feed(page.text)
    if page.status_code != 200 or not form.secret:
        fail(f"enrolment page of {addr}: {page.status_code}, no #totp-secret")
    step = int(time.time()) // 30
    # The code of the step before now confirms the factor, so that now's code still signs in.
    fields = {**form.hidden, "password": PASSWORD, "password_confirm": PASSWORD, "code": totp(form.secret, step - 1)}
    r = s.post(f"{base}/account/enrol", data=fields, allow_redirects=False, timeout=30)
    if r.status_code not in (302, 303):
        fail(f"enrolment of {addr}: {r.status_code} {r.text[:2000]}")
    return addr, form.secret, step - 1


def staff_tokens(base, enrolled):
    """Three sessions for each member of staff: a code may be used once and only after the one used
    before it, and a code is taken up to a step ahead, so the third waits for the next step."""
    tokens = {role: [] for role in enrolled}
    last = {role: used for role, (_, _, used) in enrolled.items()}
    for n in range(3):
        if n == 2:
            time.sleep(30 - time.time() % 30 + 0.5)
        for role, (addr, secret, _) in enrolled.items():
            step = max(last[role] + 1, int(time.time()) // 30)
            if step > int(time.time()) // 30 + 1:
                fail(f"no usable code left for {addr} in this step")
            tokens[role].append(token(base, {"email": addr, "password": PASSWORD, "code": totp(secret, step)}))
            last[role] = step
    return tokens


def check_digit(s):
    """ICAO 9303's check digit."""
    value = lambda c: int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
    return str(sum(value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def mrz(number, birth, expiry):
    """A TD3 zone whose every check digit holds (a Mongolian passport)."""
    line1 = "P<MNGBEKOV<<NURLAN".ljust(44, "<")
    num = number.ljust(9, "<")
    body = f"{num}{check_digit(num)}MNG{birth}{check_digit(birth)}M{expiry}{check_digit(expiry)}{'<' * 14}<"
    composite = body[0:10] + body[13:20] + body[21:28] + body[28:43]
    return f"{line1}\n{body}{check_digit(composite)}"


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

ANSWERS = {
    "surname_kk": "Беков", "given_names_kk": "Нұрлан", "passport_issued": "2020-05-01",
    "phone": "+976 9911 2233", "contact_email": "applicant@example.com",
    "residence_country": "MN", "residence_address": "Ulaanbaatar, Bayangol district",
    "ethnicity": "certificate", "category": "1", "cat1_row": "28",
    "cat1_evidence": "MSc in computer science; AWS certificate; 8 years of software development.",
    "region": "KZ-75", "consent": "yes",
}


def expect(r, status, what):
    if r.status_code != status:
        fail(f"{what}: {r.status_code} {r.text[:2000]}")
    return r


def file_application(base, token):
    """A complete application, submitted; its id."""
    auth = {"authorization": f"Bearer {token}"}
    api = f"{base}/api/v1/applications"
    app_id = expect(requests.post(api, headers=auth, timeout=30), 201, "POST /applications").json()["id"]
    expect(requests.post(f"{api}/{app_id}/mrz", json={"mrz": mrz("E1234567", "900327", "310615")}, headers=auth, timeout=30), 200, "POST mrz")
    expect(requests.patch(f"{api}/{app_id}/answers", json=ANSWERS, headers=auth, timeout=30), 200, "PATCH answers")
    for item in ("passport", "ethnicity_certificate", "profession_proof"):
        files = {"file": ("scan.pdf", PDF, "application/octet-stream")}
        expect(requests.post(f"{api}/{app_id}/documents", data={"item": item}, files=files, headers=auth, timeout=30), 201, f"upload {item}")
    expect(requests.post(f"{api}/{app_id}/submit", headers=auth, timeout=30), 200, "POST submit")
    return app_id


def registry(binary):
    out = run(binary, "api-key-add", "--name", "Schemathesis registry", "--role", "registry", "--days", "30")
    key = re.search(r"(azk_[0-9A-Za-z_-]+)", out)
    if not key:
        fail(f"api-key-add printed no azk_ key:\n{out}")
    return key.group(1)


def main():
    if len(sys.argv) != 4:
        fail("usage: roles.py BASE_URL BINARY OUTBOX_DIR")
    base, binary, outbox = sys.argv[1:]
    tokens = {"applicant": applicant(base, outbox)}
    case = file_application(base, tokens["applicant"][0])
    tokens.update(staff_tokens(base, {role: enrol(base, binary, role, office) for role, office in STAFF}))
    officer = {"authorization": f"Bearer {tokens['officer'][0]}"}
    expect(requests.post(f"{base}/api/v1/cases/{case}/checks", json={}, headers=officer, timeout=30), 200, "the officer sends the checks")
    # An API key has no session to end: the same key in every run.
    tokens["registry"] = [registry(binary)] * 3
    # Each token is checked before the run: a role whose token does not work would only test 401s.
    # The registry's key opens only the registry's operations: an empty report is refused as such (422).
    for role, t in ((role, t) for role, ts in tokens.items() for t in ts):
        auth = {"authorization": f"Bearer {t}"}
        if role == "registry":
            what = "POST /api/v1/registry/citizenship"
            r = requests.post(f"{base}/api/v1/registry/citizenship", json={}, headers=auth, timeout=30)
        else:
            what = "GET /api/v1/me"
            r = requests.get(f"{base}/api/v1/me", headers=auth, timeout=30)
        if r.status_code in (401, 403):
            fail(f"the {role} token is refused: {what} answered {r.status_code}")
    json.dump(tokens, sys.stdout)


if __name__ == "__main__":
    main()
