"""Backup and restore drill: a populated service (applications with files, some granted with cards,
one card revoked by two supervisors) is backed up as docs/operations.md says (the database:
`pg_dump -Fc` or SQLite's `VACUUM INTO`; then the file store directory; the keys directory), restored
into a fresh database and directory, and started there; then every card must still verify (online,
and offline against the published key set and status list), every file must decrypt to its recorded
SHA-256 (downloaded as its applicant), the audit log must verify and `atajoly check` must pass.

  python3 tests/drill/backup.py --bin target/debug/atajoly --backend sqlite --workdir /tmp/x
  python3 tests/drill/backup.py --bin target/debug/atajoly --backend postgres --pg postgres://postgres@127.0.0.1:5432/test --workdir /tmp/x
"""

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ITEMS, Server, applicant_token, auth, call, fail, free_port, item_file, jbody, log, request, staff_token  # noqa: E402
from crash import Drill  # noqa: E402

JSON = {"content-type": "application/json"}


def populate(server, apps, grants, label):
    """`apps` applications of one applicant with their files, the first `grants` taken to a grant, the
    first card revoked (proposed by one supervisor, countersigned by another)."""
    args = types.SimpleNamespace(run=int(time.time()) % 1000, iin_base=100, apps=apps, grant_share=0)
    d = Drill(args, server)
    email = "holder@drill.example.kz"
    d.filer = applicant_token(server, email)
    d.create_body, d.contact_email = None, email
    d.officer = staff_token(server, "officer@drill.kz75.kz", "officer", "department-KZ-75")
    d.police = staff_token(server, "police@drill.mvd.kz", "checker_police")
    d.knb = staff_token(server, "knb@drill.knb.kz", "checker_knb")
    s1 = staff_token(server, "chief1@drill.kz75.kz", "supervisor", "department-KZ-75")
    s2 = staff_token(server, "chief2@drill.kz75.kz", "supervisor", "department-KZ-75")
    for i in range(apps):
        d.file_one(i)
        if i < grants:
            d.decide(i)
    revoked = d.apps[0]["id"]
    status, js, _ = call(server.base, "POST", f"/api/v1/cases/{revoked}/card_revoke",
                         jbody({"ground": "court", "reason": "Drill: court decision 2-77/2026"}), auth(s1, JSON))
    if status != 200:
        fail(f"{label}the revocation was not proposed ({status}: {js})")
    status, js, _ = call(server.base, "POST", f"/api/v1/cases/{revoked}/card_countersign", None, auth(s2, JSON))
    if status != 200:
        fail(f"{label}the revocation was not countersigned ({status}: {js})")
    return d, revoked


def snapshot(server, d):
    """What must survive: each document's bytes (downloaded as the applicant) and each card's QR text
    and state."""
    files = {}
    for i, app in d.apps.items():
        for item in ITEMS:
            doc, sha = app["docs"][item]
            status, _, data = request(server.base, "GET", f"/api/v1/applications/{app['id']}/documents/{doc}",
                                      headers=auth(d.filer))
            if status != 200 or hashlib.sha256(data).hexdigest() != sha:
                fail(f"before the backup: document {doc} answered {status}, not its recorded SHA-256")
            _, sent = item_file(i, item)
            # A PDF is kept as sent; a JPEG is written anew from its pixels (decision 0024).
            if item != "passport" and hashlib.sha256(sent).hexdigest() != sha:
                fail(f"before the backup: document {doc} is not the bytes sent")
            files[(app["id"], doc)] = sha
    status, js, _ = call(server.base, "GET", "/api/v1/me/cards", None, auth(d.filer))
    cards = {c["number"]: (c["qr"], c["state"]) for c in js["cards"]}
    return files, cards


def back_up(server, backend, db_url, pg, out):
    """The procedure of docs/operations.md, "Backup and restore": the database first, then the files,
    then the keys (a file written after the dump has no row in it and is swept as an orphan; a row in
    the dump always has its file, which is written before its row and never changed)."""
    os.makedirs(out)
    t = time.time()
    if backend == "sqlite":
        path = db_url.split("://", 1)[1].split("?", 1)[0]
        con = sqlite3.connect(path)
        con.execute("VACUUM INTO ?", (os.path.join(out, "atajoly.db"),))
        con.close()
    else:
        subprocess.run(["pg_dump", "-Fc", "-d", db_url, "-f", os.path.join(out, "atajoly.dump")], check=True)
    shutil.copytree(os.path.join(server.workdir, "data", "files"), os.path.join(out, "files"))
    shutil.copytree(os.path.join(server.workdir, "data", "keys"), os.path.join(out, "keys"))
    return time.time() - t


def restore(backend, backup, workdir, pg, db_name):
    """Into a fresh database and directory: the database, the files, the keys."""
    t = time.time()
    os.makedirs(os.path.join(workdir, "data"))
    if backend == "sqlite":
        shutil.copy(os.path.join(backup, "atajoly.db"), os.path.join(workdir, "data", "atajoly.db"))
        url = f"sqlite://{workdir}/data/atajoly.db"
    else:
        subprocess.run(["psql", "-q", "-d", pg, "-c", f"CREATE DATABASE {db_name}"], check=True, stdout=subprocess.DEVNULL)
        url = f"{pg.rsplit('/', 1)[0]}/{db_name}"
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "-d", url, os.path.join(backup, "atajoly.dump")], check=True)
    shutil.copytree(os.path.join(backup, "files"), os.path.join(workdir, "data", "files"))
    shutil.copytree(os.path.join(backup, "keys"), os.path.join(workdir, "data", "keys"))
    return url, time.time() - t


def prove(server, d, files, cards, revoked_number, label):
    """On the restored copy: the cards, the files, the audit log, the invariants."""
    problems = []
    for (aid, doc), sha in files.items():
        status, _, data = request(server.base, "GET", f"/api/v1/applications/{aid}/documents/{doc}", headers=auth(d.filer))
        if status != 200 or hashlib.sha256(data).hexdigest() != sha:
            problems.append(f"document {doc} of application {aid}: {status}, not its SHA-256 after the restore")
    status, keys, _ = (lambda r: (r[0], r[2], None))(request(server.base, "GET", "/.well-known/atajoly/keys.cose"))
    keys_path = os.path.join(server.workdir, "keys.cose")
    with open(keys_path, "wb") as f:
        f.write(keys)
    status, _, status_list = request(server.base, "GET", "/api/v1/status-lists/1")
    list_path = os.path.join(server.workdir, "status-list-1.cwt")
    with open(list_path, "wb") as f:
        f.write(status_list)
    if status != 200:
        problems.append(f"the status list answered {status}")
    online = offline = 0
    for number, (qr, state) in cards.items():
        want = "revoked" if number == revoked_number else "valid"
        if state != want:
            problems.append(f"card {number}: {state} before the backup, expected {want}")
        s, js, _ = call(server.base, "POST", "/api/v1/verifications", jbody({"qr": qr, "verifier": "employer"}), JSON)
        if s != 200 or js.get("category") != want:
            problems.append(f"card {number}: online {s} {js}, expected {want}")
        else:
            online += 1
        r = server.command("verify", "--keys", keys_path, "--status-list", list_path, qr, check=False)
        if (r.returncode == 0) != (want == "valid") or (want == "revoked" and "revoked" not in (r.stdout + r.stderr)):
            problems.append(f"card {number}: offline exit {r.returncode}: {r.stdout}{r.stderr}")
        else:
            offline += 1
    audit = server.command("audit", "verify", check=False)
    if audit.returncode != 0:
        problems.append(f"atajoly audit verify: {audit.stdout}{audit.stderr}")
    return problems, online, offline, audit


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True)
    p.add_argument("--backend", choices=("sqlite", "postgres"), required=True)
    p.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/test")
    p.add_argument("--workdir", required=True)
    p.add_argument("--apps", type=int, default=30)
    p.add_argument("--grants", type=int, default=10)
    args = p.parse_args()
    label = f"[{args.backend}] "
    started = time.time()
    source, backup, target = (os.path.join(args.workdir, n) for n in ("source", "backup", "restored"))
    os.makedirs(os.path.join(source, "data"), exist_ok=True)
    dbs = []
    if args.backend == "sqlite":
        db_url = f"sqlite://{source}/data/atajoly.db?mode=rwc"
    else:
        name = f"atajoly_backup_{os.getpid()}"
        subprocess.run(["psql", "-q", "-d", args.pg, "-c", f"CREATE DATABASE {name}"], check=True, stdout=subprocess.DEVNULL)
        dbs.append(name)
        db_url = f"{args.pg.rsplit('/', 1)[0]}/{name}"
    port = free_port()
    env = {"ATAJOLY_VERIFY_PER_MINUTE": "10000"}
    server = Server(args.bin, source, db_url, port, env)
    restored = None
    try:
        server.command("migrate")
        server.start()
        d, revoked = populate(server, args.apps, args.grants, label)
        files, cards = snapshot(server, d)
        revoked_number = next((n for n, (_, s) in cards.items() if s == "revoked"), None)
        if len(cards) != args.grants or revoked_number is None:
            fail(f"{label}{len(cards)} cards ({args.grants} expected), revoked: {revoked_number}")
        log(f"{label}populated: {len(d.apps)} applications, {len(files)} files, {len(cards)} cards (one revoked)")
        # Taken while the service runs, as an operator would.
        backup_secs = back_up(server, args.backend, db_url, args.pg, backup)
        server.stop()
        restored_db = f"atajoly_restored_{os.getpid()}"
        if args.backend == "postgres":
            dbs.append(restored_db)
        url, restore_secs = restore(args.backend, backup, target, args.pg, restored_db)
        # The same public address (the audit log's name is its host): the copy takes the original's place.
        restored = Server(args.bin, target, url, port, env)
        restored.start()
        problems, online, offline, audit = prove(restored, d, files, cards, revoked_number, label)
        restored.stop()
        check = restored.command("check", check=False)
        if check.returncode != 0:
            problems.append(f"atajoly check: {check.stdout}{check.stderr}")
        # Without the keys directory nothing can be read: the files are sealed under its file key.
        keyless = os.path.join(args.workdir, "keyless")
        shutil.copytree(target, keyless, ignore=shutil.ignore_patterns("keys"))
        blind = Server(args.bin, keyless, url, port, env).command("check", check=False)
        if blind.returncode == 0 or "without them no stored file can be read" not in blind.stderr:
            problems.append(f"a restore without the keys directory was not refused: {blind.stdout}{blind.stderr}")
    finally:
        server.stop()
        if restored:
            restored.stop()
        for name in dbs:
            subprocess.run(["psql", "-q", "-d", args.pg, "-c", f"DROP DATABASE IF EXISTS {name}"], stdout=subprocess.DEVNULL)
    for line in problems:
        print(f"  {line}")
    print(f"{label}{audit.stdout.strip().splitlines()[-1] if audit.stdout.strip() else audit.stderr.strip()}")
    print(f"{label}{check.stdout.strip().splitlines()[-1]}")
    print(f"{label}applications: {len(d.apps)}, files: {len(files)}, cards: {len(cards)} (1 revoked)")
    print(f"{label}backup: {backup_secs:.1f} s, restore: {restore_secs:.1f} s")
    print(f"{label}files that decrypt to their SHA-256 after the restore: {len(files) - sum('document' in p for p in problems)} of {len(files)}")
    print(f"{label}cards verified online: {online} of {len(cards)}, offline: {offline} of {len(cards)}")
    print(f"{label}audit verify: exit {audit.returncode}; atajoly check: exit {check.returncode}")
    print(f"{label}lost: {len(problems)}")
    print(f"{label}seconds: {time.time() - started:.0f}")
    if problems:
        fail(f"{label}{len(problems)} problem(s) after the restore")


if __name__ == "__main__":
    main()
