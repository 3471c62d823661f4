#![allow(clippy::panic, missing_docs, reason = "benchmark set-up fails loudly")]
//! Open-loop load test: the public pages, the eligibility API and online card verification, each at
//! 25 %, 50 %, 75 % and 100 % of the capacity measured just before on this machine, with p50 and p99
//! latency and every error counted; optionally a soak at 50 % with the server's memory sampled.
//!
//! The whole router with its middleware is served by this process on a fresh SQLite service with one
//! card issued by the real issuing transaction (as the verification benchmark does); the verification
//! log is written every two seconds by the same housekeeping task every instance runs.
//!
//! Capacity: `wrk`, closed loop (32 connections, 2 threads), for `LOAD_CAPACITY_SECONDS` (default 10).
//! Load: `oha` at a constant arrival rate (`-q`) with `--latency-correction`, so that a slow answer
//! does not hold back the requests due after it (coordinated omission): the latency counts from the
//! moment each request was due. Each step lasts `LOAD_STEP_SECONDS` (default 15).
//! Soak: `LOAD_SOAK_SECONDS` (default 0: none) at 50 % of the verification capacity, with the
//! eligibility API and the home page at 50 % of theirs at the same time; the process's resident memory
//! is read every `LOAD_SAMPLE_SECONDS` (default 60) and its growth printed.
//! Run: `scripts/load.sh` (installs wrk and oha when missing; `--soak` for the hour).

/// The same allocator as the `atajoly` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::process::Command;

const SCREENER: &str = r#"{"citizenship":"MN","kazakh":"yes","ethnicity":"no","residence":"MN","profession":"1-28","business":false,"passport_expiry":"2030-01-01"}"#;

/// One kind of request under load.
struct Target {
    name: &'static str,
    path: &'static str,
    /// The JSON body of a POST; `None`: a GET.
    body: Option<String>,
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Closed-loop capacity of `t` at `addr`, in requests per second (wrk).
fn capacity(addr: std::net::SocketAddr, t: &Target, dir: &std::path::Path, seconds: u64) -> f64 {
    let script = dir.join(format!("{}.lua", t.name));
    let lua = match &t.body {
        Some(body) => format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '{}'\n",
            body.replace('\\', "\\\\").replace('\'', "\\'")
        ),
        None => "wrk.method = \"GET\"\nwrk.headers[\"Accept-Language\"] = \"kk\"\n".to_owned(),
    };
    std::fs::write(&script, lua).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("wrk")
        .args(["-t2", "-c32", &format!("-d{seconds}s"), "-s"])
        .arg(&script)
        .arg(format!("http://{addr}{}", t.path))
        .output()
        .unwrap_or_else(|e| panic!("wrk is required (scripts/load.sh installs it): {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("Non-2xx"), "capacity counts only successful answers: {text}");
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk output: {text}"))
}

/// What one open-loop step measured.
struct Step {
    offered: u64,
    achieved: f64,
    p50_ms: f64,
    p99_ms: f64,
    answered: u64,
    errors: u64,
}

/// Sends `rate` requests per second of `t` to `addr` for `seconds`, on schedule (oha `-q` with latency
/// correction), and reads oha's JSON report.
fn open_loop(addr: std::net::SocketAddr, t: &Target, rate: u64, seconds: u64) -> Step {
    let mut cmd = Command::new("oha");
    cmd.args(["--no-tui", "--output-format", "json", "--latency-correction", "--wait-ongoing-requests-after-deadline"]);
    cmd.args(["-z", &format!("{seconds}s"), "-q", &rate.to_string(), "-c", "128"]);
    cmd.args(["-H", "Accept-Language: kk"]);
    if let Some(body) = &t.body {
        cmd.args(["-m", "POST", "-T", "application/json", "-d", body]);
    }
    cmd.arg(format!("http://{addr}{}", t.path));
    let out = cmd.output().unwrap_or_else(|e| panic!("oha is required (scripts/load.sh installs it): {e}"));
    assert!(out.status.success(), "oha failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("oha's report is not JSON: {e}"));
    let num = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
    let codes =
        report.get("statusCodeDistribution").and_then(serde_json::Value::as_object).cloned().unwrap_or_default();
    let answered: u64 = codes.values().filter_map(serde_json::Value::as_u64).sum();
    let not_2xx: u64 = codes.iter().filter(|(k, _)| !k.starts_with('2')).filter_map(|(_, v)| v.as_u64()).sum();
    let failed: u64 = report
        .get("errorDistribution")
        .and_then(serde_json::Value::as_object)
        .map_or(0, |m| m.values().filter_map(serde_json::Value::as_u64).sum());
    if failed > 0 || not_2xx > 0 {
        println!("   errors: {:?} status codes: {codes:?}", report.get("errorDistribution"));
    }
    let pct = report.get("latencyPercentiles").cloned().unwrap_or_default();
    let summary = report.get("summary").cloned().unwrap_or_default();
    Step {
        offered: rate,
        achieved: summary.get("requestsPerSec").map_or(0.0, num),
        p50_ms: pct.get("p50").map_or(0.0, num) * 1e3,
        p99_ms: pct.get("p99").map_or(0.0, num) * 1e3,
        answered,
        errors: not_2xx + failed,
    }
}

/// The machine's load average over the last minute (other work on the machine shows here).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default()
}

/// This process's resident memory, in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmRSS:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

/// Three loads at once for `seconds`, each at half its own capacity (together near the machine's
/// whole), with this process's resident memory sampled every `sample_seconds`; returns the errors.
fn soak(addr: std::net::SocketAddr, targets: &[Target], capacities: &[f64], seconds: u64, sample_seconds: u64) -> u64 {
    let soak_seconds = seconds;
    let mut errors = 0;
    // Three loads at once, each at half its own capacity (together near the machine's whole).
    let soak: Vec<usize> = vec![0, 2, 3];
    println!("\n== soak: {soak_seconds} s, each of {} request kinds at 50 % of its capacity", soak.len());
    let before = rss_kib();
    let handles: Vec<_> = soak
        .iter()
        .filter_map(|&i| Some((targets.get(i)?, *capacities.get(i)?)))
        .map(|(t, cap)| {
            let t = Target { name: t.name, path: t.path, body: t.body.clone() };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a positive rate")]
            let rate = ((cap / 2.0) as u64).max(1);
            std::thread::spawn(move || (t.name, open_loop(addr, &t, rate, soak_seconds)))
        })
        .collect();
    let started = std::time::Instant::now();
    let mut samples = vec![(0_u64, before)];
    while started.elapsed().as_secs() < soak_seconds {
        std::thread::sleep(std::time::Duration::from_secs(sample_seconds));
        let at = started.elapsed().as_secs();
        let rss = rss_kib();
        println!("   {at:>5} s: resident {} MiB", rss / 1024);
        samples.push((at, rss));
    }
    for h in handles {
        let (name, s) = h.join().unwrap_or_else(|_| panic!("soak load"));
        println!(
            "   {name}: offered {} req/s, achieved {:.0}, p50 {:.2} ms, p99 {:.2} ms, {} answered, {} errors",
            s.offered, s.achieved, s.p50_ms, s.p99_ms, s.answered, s.errors
        );
        errors += s.errors;
    }
    let after = rss_kib();
    let peak = samples.iter().map(|(_, r)| *r).max().unwrap_or(after);
    // Growth after the first sample (the first minute fills the caches and the allocator's pools).
    let settled = samples.get(1).map_or(before, |(_, r)| *r);
    println!(
        "memory: {} MiB before, {} MiB after the first sample, {} MiB at the end, {} MiB at the peak; growth after the first sample {:+} MiB",
        before / 1024,
        settled / 1024,
        after / 1024,
        peak / 1024,
        (i64::try_from(after).unwrap_or(0) - i64::try_from(settled).unwrap_or(0)) / 1024
    );
    errors
}

fn main() {
    let capacity_seconds = env_u64("LOAD_CAPACITY_SECONDS", 10);
    let step_seconds = env_u64("LOAD_STEP_SECONDS", 15);
    let soak_seconds = env_u64("LOAD_SOAK_SECONDS", 0);
    let sample_seconds = env_u64("LOAD_SAMPLE_SECONDS", 60).max(1);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("atajoly-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));

    let (addr, app) = rt.block_on(async {
        let app = common::state(&common::config(&dir)).await;
        let (card_id, qr) = common::issue_card(&app).await;
        service::cards::spawn_housekeeping(app.clone());
        let addr = common::spawn(web::build_router(app.clone())).await;
        (addr, (app, qr, card_id))
    });
    let (app, qr, card_id) = app;
    let targets = [
        Target { name: "home page", path: "/", body: None },
        Target { name: "profession search page", path: "/professions?q=engineer", body: None },
        Target { name: "eligibility API", path: "/api/v1/eligibility", body: Some(SCREENER.to_owned()) },
        Target {
            name: "online verification",
            path: "/api/v1/verifications",
            body: Some(serde_json::json!({ "qr": qr, "verifier": "employer" }).to_string()),
        },
    ];
    println!("machine: {} cores; capacity {capacity_seconds} s closed loop, steps {step_seconds} s open loop", {
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get)
    });
    let _guard = rt.enter();
    let mut capacities = Vec::new();
    let mut rows = Vec::new();
    let mut total_errors = 0;
    for t in &targets {
        let cap = capacity(addr, t, &dir, capacity_seconds);
        println!("== {}: capacity {cap:.0} req/s (wrk, closed loop); load average {}", t.name, load_average());
        capacities.push(cap);
        for pct in [25_u64, 50, 75, 100] {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a positive rate")]
            let rate = ((cap * pct as f64 / 100.0) as u64).max(1);
            let s = open_loop(addr, t, rate, step_seconds);
            println!(
                "   {pct:>3} %: offered {} req/s, achieved {:.0}, p50 {:.2} ms, p99 {:.2} ms, {} answered, {} errors",
                s.offered, s.achieved, s.p50_ms, s.p99_ms, s.answered, s.errors
            );
            total_errors += s.errors;
            rows.push((t.name, cap, pct, s));
        }
    }
    println!(
        "\n| request | capacity (req/s) | load | offered (req/s) | achieved (req/s) | p50 (ms) | p99 (ms) | errors |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, cap, pct, s) in &rows {
        println!(
            "| {name} | {cap:.0} | {pct} % | {} | {:.0} | {:.2} | {:.2} | {} |",
            s.offered, s.achieved, s.p50_ms, s.p99_ms, s.errors
        );
    }

    if soak_seconds > 0 {
        total_errors += soak(addr, &targets, &capacities, soak_seconds, sample_seconds);
        let logged = rt.block_on(app.store.verifications(card_id, i64::MAX)).map_or(0, |v| v.len());
        println!("verification log rows of the card: {logged}");
    }
    println!("errors in all: {total_errors}");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(total_errors, 0, "every request under load must be answered with success");
}
