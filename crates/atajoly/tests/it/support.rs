//! Test support: a fresh database per test on each backend, the app driven in-process, a fixed clock.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use store::Store;
use time::OffsetDateTime;
use tower::ServiceExt;

/// A fixed clock: 2026-11-24 10:00 in Astana.
pub struct FixedClock(pub OffsetDateTime);

impl web::Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

pub fn fixed_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(time::macros::datetime!(2026-11-24 05:00 UTC)))
}

/// The PostgreSQL server tests use: `ATAJOLY_TEST_PG`, default the local one.
pub fn pg_url() -> String {
    std::env::var("ATAJOLY_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Which backends to run on: both; `ATAJOLY_TEST_BACKENDS=sqlite` narrows it locally. With `CI=true`
/// both are required and a missing PostgreSQL fails loudly.
pub fn backends() -> Vec<&'static str> {
    match std::env::var("ATAJOLY_TEST_BACKENDS").as_deref() {
        Ok("sqlite") if std::env::var("CI").as_deref() != Ok("true") => vec!["sqlite"],
        Ok("postgres") => vec!["postgres"],
        _ => vec!["sqlite", "postgres"],
    }
}

/// A store on `backend`, empty, in its own file or schema.
pub async fn fresh_store(backend: &str) -> (Arc<dyn Store>, Cleanup) {
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    if backend == "postgres" {
        {
            let store = store::PgStore::connect(&pg_url(), Some(&name)).await.unwrap_or_else(|e| {
                panic!("PostgreSQL is required for the tests ({e}); set ATAJOLY_TEST_PG or start it")
            });
            (Arc::new(store), Cleanup::Schema(name))
        }
    } else {
        {
            let dir = std::env::temp_dir().join("atajoly-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{name}.db"));
            let store =
                store::SqliteStore::connect(&format!("sqlite://{}", path.display())).await.expect("sqlite opens");
            (Arc::new(store), Cleanup::File(path))
        }
    }
}

/// What to remove after a test.
pub enum Cleanup {
    File(std::path::PathBuf),
    Schema(String),
}

impl Cleanup {
    pub async fn run(self) {
        match self {
            Cleanup::File(p) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
                }
            }
            Cleanup::Schema(s) => {
                if let Ok(mut c) = <sqlx::PgConnection as sqlx::Connection>::connect(&pg_url()).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {s} CASCADE")).execute(&mut c).await;
                }
            }
        }
    }
}

/// A migrated app on `backend`.
pub struct TestApp {
    pub router: Router,
    pub state: web::AppState,
    pub backend: &'static str,
}

impl TestApp {
    pub async fn get(&self, uri: &str) -> TestResponse {
        self.request(Request::get(uri).body(Body::empty()).expect("request")).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut b = Request::get(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.request(b.body(Body::empty()).expect("request")).await
    }

    pub async fn post_json(&self, uri: &str, body: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut b = Request::post(uri).header("content-type", "application/json");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.request(b.body(Body::from(body.to_owned())).expect("request")).await
    }

    pub async fn request(&self, req: Request<Body>) -> TestResponse {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        TestResponse::read(res).await
    }
}

/// A response with its body read.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestResponse {
    async fn read(res: Response<Body>) -> TestResponse {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// Runs `f` against a freshly migrated app on every backend.
pub async fn on_each_backend<F, Fut>(f: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        atajoly::migrate(store.as_ref()).await.expect("migrate");
        let state = web::App::new(store, fixed_clock(), web::Settings::default()).await.expect("state");
        let router = web::build_router(state.clone());
        f(TestApp { router, state, backend }).await;
        cleanup.run().await;
    }
}
