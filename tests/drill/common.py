"""What the drills share: the server as a process, HTTP with retries, staff enrolled through the pages
with their second factor, the files an applicant uploads (real PDF and JPEG bytes, made here), MRZ and
IIN with their check digits. Python's standard library only."""

import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import signal
import struct
import subprocess
import sys
import time
import urllib.parse

STAFF_PASSWORD = "drill-staff-password-2026"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


# ---------- the server ----------

class Server:
    """One `atajoly serve` in `workdir` (its data/ keys, files and outbox there), restartable."""

    def __init__(self, binary, workdir, database_url, port, extra_env=None):
        self.binary, self.workdir, self.port = os.path.abspath(binary), os.path.abspath(workdir), port
        self.base = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ)
        self.env.update({
            "ATAJOLY_DATABASE_URL": database_url,
            "ATAJOLY_LISTEN": f"127.0.0.1:{port}",
            "ATAJOLY_PUBLIC_URL": self.base,
            "ATAJOLY_COOKIE_SECURE": "false",
            "ATAJOLY_LOG_FORMAT": "text",
            "RUST_LOG": os.environ.get("DRILL_RUST_LOG", "warn"),
        })
        self.env.update(extra_env or {})
        self.proc = None
        self.starts = 0
        self.log_path = os.path.join(workdir, "server.log")

    def command(self, *args, check=True):
        """Runs `atajoly ARGS` on the same configuration; its output."""
        r = subprocess.run([self.binary, *args], cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=600)
        if check and r.returncode != 0:
            raise RuntimeError(f"atajoly {' '.join(args)} failed ({r.returncode}): {r.stdout}{r.stderr}")
        return r

    def start(self, wait=True):
        out = open(self.log_path, "a")
        self.proc = subprocess.Popen([self.binary, "serve"], cwd=self.workdir, env=self.env, stdout=out, stderr=out)
        out.close()
        self.starts += 1
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited ({self.proc.returncode}); see {self.log_path}")
            try:
                if request(self.base, "GET", "/readyz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the server did not get ready in {timeout} s; see {self.log_path}")

    def kill(self):
        """SIGKILL: no drain, no flush, nothing finished."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------- HTTP ----------

def request(base, method, path, body=None, headers=None, timeout=60):
    """One request on a new connection: (status, headers as a dict of lowercase names, body bytes)."""
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        hs = {}
        for k, v in r.getheaders():
            k = k.lower()
            hs[k] = hs[k] + "\n" + v if k in hs else v
        return r.status, hs, data
    finally:
        conn.close()


class Gone(Exception):
    """The request got no answer within the deadline (the server stayed down)."""


def call(base, method, path, body=None, headers=None, deadline=180):
    """A request retried while the server is down, restarting, or answers 5xx or 429: the answer
    (status, json or None, attempts). Callers send what makes a retry safe (idempotency keys, the same
    bytes)."""
    attempts = 0
    end = time.time() + deadline
    while True:
        attempts += 1
        try:
            status, hs, data = request(base, method, path, body, headers)
            if status < 500 and status != 429:
                try:
                    js = json.loads(data) if data and hs.get("content-type", "").startswith(("application/json", "application/problem+json")) else None
                except ValueError:
                    js = None
                return status, js, attempts
        except (OSError, http.client.HTTPException):
            pass
        if time.time() > end:
            raise Gone(f"{method} {path}: no answer in {deadline} s ({attempts} attempts)")
        time.sleep(min(0.05 * attempts, 1.0))


def jbody(v):
    return json.dumps(v).encode()


def auth(token, extra=None):
    h = {"authorization": f"Bearer {token}"}
    h.update(extra or {})
    return h


def multipart(fields, filename, data):
    boundary = "----drill" + hashlib.sha256(data).hexdigest()[:24]
    out = bytearray()
    for k, v in fields:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    out += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    out += data + b"\r\n" + f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", bytes(out)


# ---------- staff: staff-add, enrolment through the page, a bearer token with the second factor ----------

def totp(secret_b32, step):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    h = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = h[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def staff_token(server, email, role, office=None):
    """A member of staff as the service makes one: `atajoly staff-add` prints the enrolment link; the
    person opens it, sets a password, confirms the second factor with a code; then signs in over the API
    with the next code. Returns the bearer token."""
    args = ["staff-add", "--email", email, "--name", email.split("@")[0], "--role", role]
    if office:
        args += ["--office", office]
    out = server.command(*args).stdout
    m = re.search(r"(/account/enrol\?token=[0-9a-f]+)", out)
    if not m:
        raise RuntimeError(f"no enrolment link in: {out}")
    status, hs, page = request(server.base, "GET", m.group(1))
    if status != 200:
        raise RuntimeError(f"the enrolment page answered {status}")
    page = page.decode()
    cookie = "; ".join(c.split(";")[0] for c in hs.get("set-cookie", "").split("\n") if c)
    hidden = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page))
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    step = int(time.time()) // 30
    form = dict(hidden, password=STAFF_PASSWORD, password_confirm=STAFF_PASSWORD, code=totp(secret, step))
    status, hs, body = request(server.base, "POST", "/account/enrol", urllib.parse.urlencode(form).encode(),
                               {"content-type": "application/x-www-form-urlencoded", "cookie": cookie})
    if status != 303:
        raise RuntimeError(f"enrolment of {email} answered {status}: {body[:400]!r}")
    # A code works once: the next step's (one step of drift is allowed).
    for s in (step + 1, step + 2):
        status, js, _ = call(server.base, "POST", "/api/v1/auth/token",
                             jbody({"email": email, "password": STAFF_PASSWORD, "code": totp(secret, s)}),
                             {"content-type": "application/json"})
        if status == 201:
            return js["token"]
        time.sleep(1)
    raise RuntimeError(f"{email} could not sign in over the API ({status}: {js})")


# ---------- what applicants upload ----------

def make_pdf(title, lines=40):
    """A real one-page PDF (catalog, pages, page, font, a text stream) with a correct xref table."""
    text = ["BT /F1 11 Tf 50 790 Td 14 TL"]
    text.append("(%s) Tj" % title.replace("(", "[").replace(")", "]"))
    for i in range(lines):
        text.append("T* (%s line %d: %s) Tj" % (title[:40], i, hashlib.sha256(f"{title}{i}".encode()).hexdigest()))
    text.append("ET")
    stream = "\n".join(text).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _huffman_codes(bits, vals):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def make_jpeg(seed, width=96, height=64):
    """A real baseline JPEG (greyscale, 8x8 blocks of flat shades drawn from `seed`): SOI, DQT, SOF0,
    DHT, SOS, entropy-coded data with byte stuffing, EOI. Each block is coded by its DC coefficient
    alone (its AC coefficients are zero), which is all a flat block has."""
    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    dc_vals = list(range(12))
    ac_bits = [1] + [0] * 15
    ac_vals = [0]  # EOB only
    dc = _huffman_codes(dc_bits, dc_vals)
    eob = _huffman_codes(ac_bits, ac_vals)[0]
    h = hashlib.sha256(seed.encode()).digest()
    bitbuf, nbits, data = 0, 0, bytearray()

    def put(code, length):
        nonlocal bitbuf, nbits
        bitbuf = (bitbuf << length) | code
        nbits += length
        while nbits >= 8:
            b = (bitbuf >> (nbits - 8)) & 0xFF
            data.append(b)
            if b == 0xFF:
                data.append(0)
            nbits -= 8

    prev = 0
    for by in range(height // 8):
        for bx in range(width // 8):
            shade = (h[(by * 7 + bx) % len(h)] + bx * 9 + by * 13) % 256
            coef = 8 * (shade - 128)  # the DC of a flat block, with a quantiser of 1
            diff = coef - prev
            prev = coef
            cat = abs(diff).bit_length()
            put(*dc[cat])
            if cat:
                put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
            put(*eob)
    if nbits:
        put((1 << (8 - nbits)) - 1, 8 - nbits)

    def seg(marker, payload):
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    out = b"\xff\xd8"
    out += seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += seg(0xDB, b"\x00" + b"\x01" * 64)
    out += seg(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    out += seg(0xC4, b"\x00" + bytes(dc_bits) + bytes(dc_vals))
    out += seg(0xC4, b"\x10" + bytes(ac_bits) + bytes(ac_vals))
    out += seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    return out + bytes(data) + b"\xff\xd9"


# ---------- MRZ, IIN ----------

def mrz_digit(field):
    w = (7, 3, 1)
    total = 0
    for i, c in enumerate(field):
        v = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        total += v * w[i % 3]
    return str(total % 10)


def mrz(number, birth="900327", expiry="310615"):
    l1 = "P<MNGBEKOV<<NURLAN".ljust(44, "<")
    num = number.ljust(9, "<")
    body = f"{num}{mrz_digit(num)}MNG{birth}{mrz_digit(birth)}M{expiry}{mrz_digit(expiry)}{'<' * 14}<"
    composite = body[0:10] + body[13:20] + body[21:28] + body[28:43]
    return f"{l1}\n{body}{mrz_digit(composite)}"


def iin(serial):
    """The IIN of a man born 27 March 1990 with this serial, or None when it can have no check digit."""
    body = f"9003273{serial:04d}"
    d = [int(c) for c in body]
    first = sum(x * w for x, w in zip(d, range(1, 12))) % 11
    if first == 10:
        first = sum(x * w for x, w in zip(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
    return None if first == 10 else body + str(first)


def answers(passport_tail, contact_email=""):
    return {
        "surname_kk": "Беков", "given_names_kk": "Нұрлан", "passport_issued": "2020-05-01",
        "phone": "+976 9911 2233", "contact_email": contact_email,
        "residence_country": "MN", "residence_address": f"Ulaanbaatar, Bayangol district, {passport_tail}",
        "ethnicity": "certificate", "category": "1", "cat1_row": "28",
        "cat1_evidence": f"MSc in computer science; 8 years of software development ({passport_tail}).",
        "region": "KZ-75", "consent": "yes",
    }


ITEMS = ("passport", "ethnicity_certificate", "profession_proof")


def item_file(i, item):
    """The file application `i` sends for `item`, the same bytes on every retry: the passport as a JPEG
    photograph, the others PDF scans."""
    if item == "passport":
        return "passport.jpg", make_jpeg(f"app {i} {item}")
    return f"{item}.pdf", make_pdf(f"Application {i}: {item}")


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


APPLICANT_PASSWORD = "drill-applicant-password-2026"


def applicant_token(server, email, timeout=60):
    """An applicant signs up over the API, opens the link of the e-mail the worker writes to the outbox
    (`data/outbox`, no SMTP relay), and takes a bearer token."""
    import email.policy as mail_policy
    from email import message_from_binary_file
    status, js, _ = call(server.base, "POST", "/api/v1/accounts", jbody({"email": email, "password": APPLICANT_PASSWORD}),
                         {"content-type": "application/json"})
    if status != 202:
        raise RuntimeError(f"sign-up answered {status}: {js}")
    outbox = os.path.join(server.workdir, "data", "outbox")
    end = time.time() + timeout
    token = None
    while token is None and time.time() < end:
        for name in sorted(os.listdir(outbox)) if os.path.isdir(outbox) else []:
            with open(os.path.join(outbox, name), "rb") as f:
                msg = message_from_binary_file(f, policy=mail_policy.default)
            if email not in str(msg.get("To", "")):
                continue
            m = re.search(r"/account/verify\?token=([0-9a-f]{64})", msg.get_body(("plain",)).get_content())
            if m:
                token = m.group(1)
        time.sleep(0.25)
    if token is None:
        raise RuntimeError(f"no verification e-mail to {email} in {outbox}")
    status, js, _ = call(server.base, "POST", "/api/v1/accounts/verify", jbody({"token": token}), {"content-type": "application/json"})
    if status != 200:
        raise RuntimeError(f"verification answered {status}: {js}")
    status, js, _ = call(server.base, "POST", "/api/v1/auth/token", jbody({"email": email, "password": APPLICANT_PASSWORD}),
                         {"content-type": "application/json"})
    if status != 201:
        raise RuntimeError(f"sign-in answered {status}: {js}")
    return js["token"]
