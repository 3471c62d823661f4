#![allow(clippy::panic, missing_docs, reason = "benchmark set-up fails loudly")]
//! Benchmark: requests per second of the eligibility API against a bare axum handler returning a static
//! JSON body, both served by this process and loaded by `wrk` in the same run.
//!
//! Two baselines: the bare handler returning *the same bytes* as our answer (a static copy of it, so
//! both move the same 6 KB per request and the ratio measures our handler's own work), and a bare
//! handler returning a 100-byte body (which also counts the cost of sending a larger answer).
//! Target (issue 9): ours ≥ 0.6 × bare (same bytes); both ratios are printed, and the CPU time per request of
//! the router alone, in process. Run: `scripts/bench.sh` (installs wrk if missing) or
//! `cargo bench --bench screener_api` with wrk on the PATH. Settings: `BENCH_SECONDS` (default 10),
//! `BENCH_CONNECTIONS` (default 32), `BENCH_INPROCESS` (in-process requests, default 20,000).

/// The same allocator as the `atajoly` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::Command;
use std::sync::Arc;

use axum::Router;
use axum::routing::post;

const BODY: &str = r#"{"citizenship":"MN","kazakh":"yes","ethnicity":"no","residence":"MN","profession":"1-28","business":false,"passport_expiry":"2030-01-01"}"#;

async fn spawn(app: Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("addr: {e}"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

fn wrk(addr: std::net::SocketAddr, script: &std::path::Path, seconds: u32, connections: u32) -> f64 {
    let out = Command::new("wrk")
        .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "-s"])
        .arg(script)
        .arg(format!("http://{addr}/api/v1/eligibility"))
        .output()
        .unwrap_or_else(|e| panic!("wrk is required (scripts/bench.sh installs it): {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    assert!(!text.contains("Non-2xx"), "the benchmark must only count successful answers");
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk output"))
}

/// CPU time this thread has run, in ns (Linux), so that the in-process figure does not count time spent
/// waiting for a core that another process holds; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// Mean CPU time (wall time where that is not known) per request of `rounds` benchmark requests sent to
/// `app` from this thread, in µs.
async fn in_process(app: &Router, rounds: u32) -> f64 {
    let start = std::time::Instant::now();
    let cpu = thread_cpu_ns();
    for _ in 0..rounds {
        let req = axum::http::Request::post("/api/v1/eligibility")
            .header("content-type", "application/json")
            .header("content-length", BODY.len())
            .body(axum::body::Body::from(BODY))
            .unwrap_or_else(|e| panic!("{e}"));
        let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), 200);
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap_or_else(|e| panic!("{e}"));
        std::hint::black_box(body);
    }
    let ns = match (cpu, thread_cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64,
        _ => start.elapsed().as_secs_f64() * 1e9,
    };
    ns / 1e3 / f64::from(rounds)
}

fn main() {
    let seconds: u32 = std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let connections: u32 = std::env::var("BENCH_CONNECTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("atajoly-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let script = dir.join("post.lua");
    std::fs::write(
        &script,
        format!("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '{BODY}'\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let (ours, bare, same) = rt.block_on(async {
        let config = atajoly::Config {
            database_url: format!("sqlite://{}/bench.db", dir.display()),
            ..atajoly::Config::default()
        };
        let store = atajoly::open_store(&config).await.unwrap_or_else(|e| panic!("{e}"));
        atajoly::migrate(store.as_ref()).await.unwrap_or_else(|e| panic!("{e}"));
        let state = atajoly::build_state(store, &config, Arc::new(service::SystemClock))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let router = web::build_router(state);
        // Our answer to the benchmark's request, once, to serve as a static copy.
        let req = axum::http::Request::post("/api/v1/eligibility")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(BODY))
            .unwrap_or_else(|e| panic!("{e}"));
        let res = tower::ServiceExt::oneshot(router.clone(), req).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(res.status(), 200, "the benchmark request must succeed");
        let answer = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap_or_else(|e| panic!("{e}"));
        let answer: &'static [u8] = Box::leak(answer.to_vec().into_boxed_slice());
        println!("answer: {} bytes", answer.len());
        let same_app = Router::new().route(
            "/api/v1/eligibility",
            post(move || async move { ([("content-type", "application/json")], answer) }),
        );
        // In-process, without sockets: the time of the router and handler alone, per request.
        let rounds: u32 = std::env::var("BENCH_INPROCESS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
        let ours_us = in_process(&router, rounds).await;
        let same_us = in_process(&same_app, rounds).await;
        println!(
            "in-process (CPU time): ours {ours_us:.2} µs/request, bare same-bytes {same_us:.2} µs/request ({rounds} requests each)"
        );
        let ours = spawn(router).await;
        let static_body: &'static str =
            r#"{"may_apply":true,"summary":"static","blockers":[],"categories":[],"documents":[],"warnings":[]}"#;
        let bare_app = Router::new().route(
            "/api/v1/eligibility",
            post(move || async move { ([("content-type", "application/json")], static_body) }),
        );
        let bare = spawn(bare_app).await;
        let same = spawn(same_app).await;
        (ours, bare, same)
    });
    // wrk runs outside the runtime's threads; the servers keep serving on the runtime.
    let _guard = rt.enter();
    println!("== bare axum handler, static JSON of the same bytes as our answer");
    let same_rps = wrk(same, &script, seconds, connections);
    println!("== bare axum handler, static 100-byte JSON");
    let bare_rps = wrk(bare, &script, seconds, connections);
    println!("== atajoly POST /api/v1/eligibility (validation, rules, messages in kk, legal basis)");
    let ours_rps = wrk(ours, &script, seconds, connections);
    println!(
        "screener API: {ours_rps:.0} req/s vs bare same-bytes {same_rps:.0} req/s: ratio {:.2} (target ≥ 0.60: {})",
        ours_rps / same_rps,
        if ours_rps / same_rps >= 0.6 { "met" } else { "NOT met" }
    );
    println!("screener API vs bare 100-byte body {bare_rps:.0} req/s: ratio {:.2}", ours_rps / bare_rps);
    let _ = std::fs::remove_dir_all(&dir);
}
