#![allow(clippy::panic, missing_docs, reason = "benchmark set-up fails loudly")]
//! Benchmark: requests per second of online card verification (`POST /api/v1/verifications` with a QR
//! text) against a bare axum handler that does only the signature check, both served by this process
//! and loaded by `wrk` in the same run.
//!
//! The card is issued by the real issuing transaction: an application is stored with complete answers
//! and moved to `granted` with the card the grant makes (`service::cards::card_for`: this instance's signing
//! key, status list 1). The case workflow in between (checks, IIN, documents) is skipped; the card row,
//! its QR text and its status-list slot are those a grant writes.
//!
//! Ours: the full router with its middleware; each request parses the body, counts the client (the rate
//! limit is set out of reach), verifies the QR (prefix, Base45, zlib, COSE, Ed25519, claims), looks up
//! the live status list and queues a verification log entry. The log is written to the database every
//! second by a background task, as the worker does, so its cost is counted; the time the log takes to
//! catch up after the run is printed too, with the rate the run and the catch-up together sustain.
//! Baseline: a bare axum handler that reads the JSON body, takes `qr` and runs `credential::verify`
//! against the same published key set (no status list), answering the verdict code.
//!
//! Target: ours ≥ 0.5 × baseline. Run: `scripts/bench.sh` (installs wrk if missing) or
//! `cargo bench -p atajoly --bench verify_api` with wrk on the PATH. Settings: `BENCH_SECONDS`
//! (default 10), `BENCH_CONNECTIONS` (default 32).

/// The same allocator as the `atajoly` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::routing::post;

const PATH: &str = "/api/v1/verifications";

/// Runs wrk against `addr`: requests per second and requests answered.
fn wrk(addr: std::net::SocketAddr, script: &std::path::Path, seconds: u32, connections: u32) -> (f64, usize) {
    let out = Command::new("wrk")
        .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "-s"])
        .arg(script)
        .arg(format!("http://{addr}{PATH}"))
        .output()
        .unwrap_or_else(|e| panic!("wrk is required (scripts/bench.sh installs it): {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    assert!(!text.contains("Non-2xx"), "the benchmark must only count successful answers");
    assert!(!text.contains("Socket errors"), "the benchmark must not count failed connections");
    let rps = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk output"));
    let requests = text
        .lines()
        .find_map(|l| l.split_once(" requests in ").and_then(|(n, _)| n.trim().parse().ok()))
        .unwrap_or_else(|| panic!("no request count in wrk output"));
    (rps, requests)
}

/// Posts `body` to `router` once and returns the status and the JSON answer.
async fn post_once(router: Router, body: &str) -> (u16, serde_json::Value) {
    let req = axum::http::Request::post(PATH)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap_or_else(|e| panic!("{e}"));
    let res = tower::ServiceExt::oneshot(router, req).await.unwrap_or_else(|e| panic!("{e}"));
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap_or_else(|e| panic!("{e}"));
    (status, serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("answer is not JSON: {e}")))
}

/// A bare axum handler doing only the signature check: reads the JSON body, takes `qr`, runs
/// `credential::verify` against the published key set (no status list) and answers the verdict code.
fn bare_router(keys: Arc<credential::KeySet>) -> Router {
    Router::new().route(
        PATH,
        post(move |body: Bytes| {
            let keys = keys.clone();
            async move {
                let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let text = v.get("qr").and_then(serde_json::Value::as_str).unwrap_or_default();
                let checked = credential::verify(text, &keys, None, time::OffsetDateTime::now_utc());
                axum::Json(serde_json::json!({ "result": checked.verdict.code() }))
            }
        }),
    )
}

/// Builds the app over a migrated SQLite database in `dir`, issues a card, checks it verifies on both
/// servers and starts them: our address, the baseline's, the request body, the app and the card's id.
async fn servers(
    dir: &std::path::Path,
) -> (std::net::SocketAddr, std::net::SocketAddr, String, service::AppState, i64) {
    let app = common::state(&common::config(dir)).await;
    assert_eq!(app.settings.verify_per_minute, u32::MAX, "the rate limit must never trip");
    let (card_id, qr) = common::issue_card(&app).await;
    assert!(app.store.last_status_list().await.unwrap_or_else(|e| panic!("{e}")) >= 1);
    let body = serde_json::json!({ "qr": qr, "verifier": "employer" }).to_string();
    println!("QR text: {} characters; request body: {} bytes", qr.len(), body.len());

    let router = web::build_router(app.clone());
    let (status, answer) = post_once(router.clone(), &body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer.get("result").and_then(serde_json::Value::as_str).unwrap_or_default(),
        "valid",
        "the card must verify as valid online: {answer}"
    );
    println!("our answer: {answer}");

    let bare_app = bare_router(Arc::new(app.cards.ring().published().clone()));
    let (status, answer) = post_once(bare_app.clone(), &body).await;
    assert_eq!(status, 200);
    assert_eq!(
        answer.get("result").and_then(serde_json::Value::as_str).unwrap_or_default(),
        "valid-status-unchecked",
        "the signature check must pass: {answer}"
    );
    println!("baseline answer: {answer}");

    // The verification set-up above queued log entries: write them, then start over.
    let n = service::cards::flush_log(&app).await.unwrap_or_else(|e| panic!("log: {e}"));
    assert_eq!(n, 1, "one online verification, one log entry");
    let ours = common::spawn(router).await;
    let bare = common::spawn(bare_app).await;
    (ours, bare, body, app, card_id)
}

fn main() {
    let seconds: u32 = std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let connections: u32 = std::env::var("BENCH_CONNECTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("atajoly-bench-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let written = Arc::new(AtomicUsize::new(0));

    let (ours, bare, body, app, card_id) = rt.block_on(servers(&dir));

    let script = dir.join("post.lua");
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '{}'\n",
            body.replace('\\', "\\\\").replace('\'', "\\'")
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    // wrk runs outside the runtime's threads; the servers keep serving on the runtime.
    let _guard = rt.enter();
    println!("== bare axum handler: JSON body, credential::verify (signature check only)");
    let (bare_rps, _) = wrk(bare, &script, seconds, connections);

    // The worker's job during our run: write the queued verification log every second. It is stopped
    // between flushes (an aborted flush would lose the rest of its batch).
    let stop = Arc::new(AtomicBool::new(false));
    let flusher = {
        let (app, written, stop) = (app.clone(), written.clone(), stop.clone());
        rt.spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                let n = service::cards::flush_log(&app).await.unwrap_or_else(|e| panic!("log: {e}"));
                written.fetch_add(n, Ordering::Relaxed);
            }
        })
    };
    println!("== atajoly POST {PATH} (full stack, status list, verification log written every second)");
    let (ours_rps, requests) = wrk(ours, &script, seconds, connections);
    let during = written.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    let started = std::time::Instant::now();
    rt.block_on(flusher).unwrap_or_else(|e| panic!("flusher: {e}"));
    let rest = rt.block_on(service::cards::flush_log(&app)).unwrap_or_else(|e| panic!("log: {e}"));
    let catch_up = started.elapsed();
    let logged = written.load(Ordering::Relaxed) + rest;
    let rows = rt.block_on(app.store.verifications(card_id, i64::MAX)).unwrap_or_else(|e| panic!("log: {e}")).len();
    println!(
        "verification log: {during} entries written during the run, {} more in the {:.1} s after it ({rows} rows for {requests} answered requests)",
        logged - during,
        catch_up.as_secs_f64()
    );
    assert_eq!(rows, logged + 1, "every verification logged once (plus the check before timing)");
    assert!(rows > requests, "every answered verification is logged");

    // What the log writer can sustain: the requests over the run plus the time the log took to catch up.
    let sustained = requests as f64 / (f64::from(seconds) + catch_up.as_secs_f64());
    println!(
        "including the log catch-up: {sustained:.0} verifications/s sustained, ratio {:.2} to the bare handler",
        sustained / bare_rps
    );
    let ratio = ours_rps / bare_rps;
    println!(
        "verification API: {ours_rps:.0} req/s vs bare signature-check handler {bare_rps:.0} req/s: ratio {ratio:.2} (target ≥ 0.50: {})",
        if ratio >= 0.5 { "met" } else { "NOT met" }
    );
    let _ = std::fs::remove_dir_all(&dir);
}
