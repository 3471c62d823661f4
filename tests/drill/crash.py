"""Crash drill: a real `atajoly serve` killed with SIGKILL at random moments while clients file
applications with their uploads (an intermediary over the API, as an embassy's system does) and staff
take them through checks, the IIN, document reviews and the grant; the server is restarted at once
after each kill. Every write answered 2xx is recorded; afterwards each must be there exactly once, and
`atajoly check` must pass.

  python3 tests/drill/crash.py --bin target/debug/atajoly --database-url sqlite:///tmp/x/drill.db --workdir /tmp/x

Report (one line each): apps, writes acknowledged, kills, lost, duplicates, seconds."""

import argparse
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (ITEMS, Gone, Server, answers, auth, call, fail, free_port, iin, item_file, jbody, log, mrz,  # noqa: E402
                    multipart, staff_token)

JSON = {"content-type": "application/json"}


class Drill:
    def __init__(self, args, server):
        self.args, self.server, self.base = args, server, server.base
        self.lock = threading.Lock()
        self.acks = []  # (kind, app index, value)
        self.apps = {}  # index -> {"id", "reference", "docs": {item: (doc id, sha256)}, "status"}
        self.kills = 0
        self.retried = 0
        self.applied_unacknowledged = 0
        self.errors = []
        self.done = threading.Event()
        self.next = 0
        # Who files: an intermediary (the office hears the notices), or an applicant for themselves.
        self.filer = None
        self.create_body = jbody({"notify_office": "yes"})
        self.contact_email = ""

    def ack(self, kind, i, value=None):
        with self.lock:
            self.acks.append((kind, i, value))

    def call(self, method, path, body=None, headers=None):
        status, js, attempts = call(self.base, method, path, body, headers)
        if attempts > 1:
            with self.lock:
                self.retried += 1
        return status, js, attempts

    # ---------- the applicant's side: an intermediary files application i ----------

    def file_one(self, i):
        t = self.filer
        key = f"drill-{self.args.run}-{i}"
        status, a, _ = self.call("POST", "/api/v1/applications", self.create_body,
                                 auth(t, dict(JSON, **{"idempotency-key": key})))
        if status != 201:
            raise RuntimeError(f"app {i}: create answered {status}: {a}")
        app = {"id": a["id"], "key": key, "docs": {}, "status": "draft"}
        with self.lock:
            self.apps[i] = app
        self.ack("create", i, a["id"])
        aid = a["id"]
        passport = f"D{self.args.run % 100:02d}{i:05d}"
        app["passport"] = passport
        status, js, _ = self.call("POST", f"/api/v1/applications/{aid}/mrz", jbody({"mrz": mrz(passport)}), auth(t, JSON))
        if status != 200:
            raise RuntimeError(f"app {i}: mrz answered {status}: {js}")
        self.ack("mrz", i, passport)
        status, js, _ = self.call("PATCH", f"/api/v1/applications/{aid}/answers", jbody(answers(passport, self.contact_email)), auth(t, JSON))
        if status != 200:
            raise RuntimeError(f"app {i}: answers answered {status}: {js}")
        self.ack("answers", i, passport)
        for item in ITEMS:
            name, data = item_file(i, item)
            ctype, body = multipart([("item", item), ("role", "original")], name, data)
            status, d, _ = self.call("POST", f"/api/v1/applications/{aid}/documents", body, auth(t, {"content-type": ctype}))
            if status != 201:
                raise RuntimeError(f"app {i}: upload {item} answered {status}: {d}")
            app["docs"][item] = (d["id"], d["sha256"])
            self.ack("upload", i, (item, d["id"]))
        status, js, _ = self.call("POST", f"/api/v1/applications/{aid}/submit", None,
                                  auth(t, {"idempotency-key": key + "-submit"}))
        if status != 200 or js.get("status") != "submitted":
            raise RuntimeError(f"app {i}: submit answered {status}: {js}")
        app["reference"], app["status"] = js["reference"], "submitted"
        self.ack("submit", i, js["reference"])

    # ---------- staff's side: checks, the agencies' answers, the IIN, reviews, the grant ----------

    def act(self, i, action, body, want):
        """A case action; a retry that finds it done already (answered 422: wrong state) is confirmed by
        reading the case, and is not an acknowledged write."""
        aid = self.apps[i]["id"]
        status, js, attempts = self.call("POST", f"/api/v1/cases/{aid}/{action}", jbody(body) if body else None,
                                         auth(self.officer, JSON))
        if status == 200:
            self.ack(action, i, js.get("status"))
            return js.get("status")
        if attempts > 1 and status == 422:
            s, case, _ = self.call("GET", f"/api/v1/cases/{aid}", None, auth(self.officer))
            if s == 200 and case["status"] in want:
                with self.lock:
                    self.applied_unacknowledged += 1
                return case["status"]
        raise RuntimeError(f"app {i}: {action} answered {status}: {js}")

    def answer_checks(self, i):
        ref = self.apps[i]["reference"]
        for who, token in (("police", self.police), ("knb", self.knb)):
            for _ in range(50):
                s, js, _ = self.call("GET", "/api/v1/checks", None, auth(token))
                mine = [c for c in (js or {}).get("checks", []) if c.get("reference") == ref]
                if not mine:
                    break  # answered (perhaps by a try whose answer was lost)
                cid = mine[0]["id"]
                s, js, attempts = self.call("POST", f"/api/v1/checks/{cid}",
                                            jbody({"result": "no_information", "reference": f"{who}-{i}"}),
                                            auth(token, JSON))
                if s == 200:
                    self.ack("check_answer", i, (who, cid))
                    break
                if attempts == 1:
                    raise RuntimeError(f"app {i}: the {who} check answered {s}: {js}")
            else:
                raise RuntimeError(f"app {i}: the {who} check stayed open")

    def decide(self, i):
        app = self.apps[i]
        self.act(i, "checks", None, ("checks_pending", "awaiting_iin"))
        self.answer_checks(i)
        serial = self.args.iin_base + i
        while iin(serial) is None:
            serial += 5000
        self.act(i, "iin", {"iin": iin(serial)}, ("iin_recorded",))
        for item, (doc, _) in app["docs"].items():
            self.act(i, "review", {"document": str(doc), "verdict": "accepted"}, ("iin_recorded",))
        self.act(i, "grant", None, ("granted",))
        app["status"] = "granted"

    def worker(self):
        while not self.errors:
            with self.lock:
                i = self.next
                self.next += 1
            if i >= self.args.apps:
                return
            try:
                self.file_one(i)
                if random.random() < self.args.grant_share:
                    self.decide(i)
            except (Gone, RuntimeError, KeyError, TypeError) as e:
                with self.lock:
                    self.errors.append(f"{type(e).__name__}: {e}")
                return

    def killer(self):
        rng = random.Random(self.args.seed)
        while not self.done.is_set():
            if self.done.wait(rng.uniform(self.args.kill_min, self.args.kill_max)):
                return
            self.server.kill()
            self.kills += 1
            # Restarted at once, as a supervisor would; some kills land while it starts.
            self.server.start(wait=False)
            try:
                self.server.wait_ready()
            except RuntimeError as e:
                with self.lock:
                    self.errors.append(str(e))
                return

    # ---------- afterwards ----------

    def verify(self):
        """Every acknowledged write there exactly once: (lost, duplicates, findings)."""
        lost, dups, findings = 0, 0, []
        s, js, _ = self.call("GET", "/api/v1/applications", None, auth(self.filer))
        listed = [a["id"] for a in js["applications"]]
        ids = [a["id"] for a in self.apps.values()]
        if len(set(ids)) != len(ids):
            dups += len(ids) - len(set(ids))
            findings.append("two submissions were given one application")
        extra = len(listed) - len(set(ids))
        if extra > 0:
            dups += extra
            findings.append(f"{extra} application(s) more than submissions (a retried create made another)")
        present = set(listed)
        by_kind = {}
        for kind, i, value in self.acks:
            by_kind[kind] = by_kind.get(kind, 0) + 1
        for i, app in sorted(self.apps.items()):
            if app["id"] not in present:
                lost += 1
                findings.append(f"app {i}: application {app['id']} acknowledged but not listed")
                continue
            who = self.officer if app["status"] != "draft" else self.filer
            path = f"/api/v1/cases/{app['id']}" if app["status"] != "draft" else f"/api/v1/applications/{app['id']}"
            s, a, _ = self.call("GET", path, None, auth(who))
            if s != 200:
                lost += 1
                findings.append(f"app {i}: {path} answered {s}")
                continue
            if app["status"] != "draft" and a["status"] != app["status"]:
                lost += 1
                findings.append(f"app {i}: acknowledged {app['status']}, found {a['status']}")
            got = a.get("answers", {})
            if app.get("passport") and got.get("passport_number") != app["passport"]:
                lost += 1
                findings.append(f"app {i}: the MRZ's passport number is not kept")
            if app.get("passport") and got.get("residence_address", "").rsplit(", ", 1)[-1] != app["passport"]:
                lost += 1
                findings.append(f"app {i}: the answers are not kept")
            if app["status"] != "draft":
                docs = a["documents"]
                for item, (doc, sha) in app["docs"].items():
                    same = [d for d in docs if d["id"] == doc]
                    if len(same) != 1:
                        lost += 1
                        findings.append(f"app {i}: document {doc} ({item}) acknowledged, {len(same)} found")
                seen = {}
                for d in docs:
                    k = (d["item"], d["role"], d["sha256"])
                    seen[k] = seen.get(k, 0) + 1
                for k, n in seen.items():
                    if n > 1:
                        dups += n - 1
                        findings.append(f"app {i}: {n} documents of one upload {k[0]}")
        return lost, dups, findings, by_kind


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True)
    p.add_argument("--database-url", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--apps", type=int, default=1000)
    p.add_argument("--clients", type=int, default=6)
    p.add_argument("--grant-share", type=float, default=0.3, help="share of applications taken to a grant")
    p.add_argument("--kill-min", type=float, default=0.1)
    p.add_argument("--kill-max", type=float, default=1.0)
    p.add_argument("--orphan-grace", type=int, default=15, help="ATAJOLY_ORPHAN_GRACE_SECS of the drill's server")
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--iin-base", type=int, default=0)
    p.add_argument("--label", default="")
    args = p.parse_args()
    args.run = args.seed % 1000
    random.seed(args.seed)
    os.makedirs(args.workdir, exist_ok=True)
    server = Server(args.bin, args.workdir, args.database_url, free_port(),
                    {"ATAJOLY_ORPHAN_GRACE_SECS": str(args.orphan_grace)})
    started = time.time()
    server.command("migrate")
    server.start()
    d = Drill(args, server)
    try:
        d.filer = staff_token(server, "clerk@drill.mfa.kz", "intermediary", "embassy-MN")
        d.officer = staff_token(server, "officer@drill.kz75.kz", "officer", "department-KZ-75")
        d.police = staff_token(server, "police@drill.mvd.kz", "checker_police")
        d.knb = staff_token(server, "knb@drill.knb.kz", "checker_knb")
        log(f"{args.label}staff enrolled; {args.apps} applications, {args.clients} clients, kills every "
            f"{args.kill_min}-{args.kill_max} s (seed {args.seed})")
        clients = [threading.Thread(target=d.worker) for _ in range(args.clients)]
        killer = threading.Thread(target=d.killer)
        for t in clients:
            t.start()
        killer.start()
        last = time.time()
        while any(t.is_alive() for t in clients):
            time.sleep(0.5)
            if time.time() - last > 15:
                last = time.time()
                log(f"{args.label}{len(d.apps)} applications started, {len(d.acks)} writes acknowledged, {d.kills} kills")
        d.done.set()
        killer.join()
        if d.errors:
            fail(f"{args.label}the drill stopped: {d.errors[0]}")
        server.wait_ready()
        lost, dups, findings, by_kind = d.verify()
        # What the kills left in the file store, then the sweep at the next start deletes it.
        before = server.command("check", "--grace", "0", "--no-files-read", check=False)
        orphans = sum(1 for line in before.stdout.splitlines() if line.startswith("orphan_file\t"))
        time.sleep(args.orphan_grace + 1)
        server.stop()
        server.start()
        time.sleep(3)
        server.stop()
        check = server.command("check", "--grace", str(args.orphan_grace), check=False)
        seconds = time.time() - started
    finally:
        d.done.set()
        server.stop()
    for f in findings[:30]:
        print(f"  {f}")
    print(check.stdout.strip())
    if check.returncode != 0:
        print(check.stderr.strip())
    print(f"{args.label}apps: {len(d.apps)}")
    print(f"{args.label}writes acknowledged: {len(d.acks)} ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})")
    print(f"{args.label}requests retried after a kill: {d.retried}; case actions applied but unacknowledged: {d.applied_unacknowledged}")
    print(f"{args.label}kills: {d.kills}")
    print(f"{args.label}orphan files left by the kills: {orphans} (deleted by the sweep at the next start)")
    print(f"{args.label}lost: {lost}")
    print(f"{args.label}duplicates: {dups}")
    print(f"{args.label}atajoly check: exit {check.returncode}")
    print(f"{args.label}seconds: {seconds:.0f}")
    if lost or dups or check.returncode != 0 or len(d.apps) != args.apps:
        fail(f"{args.label}lost {lost}, duplicates {dups}, check exit {check.returncode}, "
             f"{len(d.apps)} of {args.apps} applications")


if __name__ == "__main__":
    main()
