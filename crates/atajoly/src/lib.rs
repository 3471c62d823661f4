//! The atajoly application: configuration, wiring, migrations with reference data, and the server.

pub mod config;

use std::sync::Arc;

use anyhow::Context as _;
use domain::reference::ListVersion;
use store::{ImportOutcome, Store};
use tokio::net::TcpListener;

pub use config::Config;

include!(concat!(env!("OUT_DIR"), "/reference_files.rs"));

/// Parses every embedded reference file; the first bad file is an error that names it.
pub fn reference_lists() -> Result<Vec<(&'static str, ListVersion)>, domain::reference::ListError> {
    REFERENCE_FILES.iter().map(|(file, text)| ListVersion::parse(file, text).map(|l| (*file, l))).collect()
}

/// What `migrate` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MigrateReport {
    /// Schema migrations applied.
    pub schema: usize,
    /// Reference list versions stored now.
    pub inserted: usize,
    /// Reference list versions already stored with the same content.
    pub unchanged: usize,
}

/// Applies schema migrations, then loads the reference data files idempotently.
pub async fn migrate(store: &dyn Store) -> anyhow::Result<MigrateReport> {
    let schema = store.migrate().await.context("schema migration failed")?;
    let mut report = MigrateReport { schema, ..MigrateReport::default() };
    for (file, list) in reference_lists()? {
        match store.import_list(&list, file).await.with_context(|| format!("loading {file}"))? {
            ImportOutcome::Inserted => report.inserted += 1,
            ImportOutcome::Unchanged => report.unchanged += 1,
        }
    }
    Ok(report)
}

/// Opens the configured store; the error is one line naming the URL with its password hidden.
pub async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    store::open(&config.database_url).await.map_err(|e| anyhow::anyhow!("{}", e.to_string().replace('\n', " ")))
}

/// Builds the application state over an open store.
pub async fn build_state(
    store: Arc<dyn Store>,
    config: &Config,
    clock: Arc<dyn web::Clock>,
) -> anyhow::Result<web::AppState> {
    let settings = web::Settings {
        cookie_secure: config.cookie_secure,
        public_url: config.public_url.trim_end_matches('/').to_owned(),
        hash: web::auth::HashParams::default(),
        mail: web::mail::MailSettings {
            smtp_url: Some(config.smtp_url.clone()).filter(|u| !u.is_empty()),
            from: config.mail_from.clone(),
            outbox_dir: config.outbox_dir.clone().into(),
            ..web::mail::MailSettings::default()
        },
    };
    Ok(web::App::new(store, clock, settings).await?)
}

/// Runs the server until SIGINT or SIGTERM.
pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    if config.auto_migrate {
        let r = migrate(store.as_ref()).await?;
        tracing::info!(schema = r.schema, inserted = r.inserted, unchanged = r.unchanged, "migrated");
    }
    let state = build_state(store, config, Arc::new(web::SystemClock)).await?;
    if config.run_jobs {
        web::mail::spawn_worker(state.clone(), std::time::Duration::from_secs(2));
    }
    let app = web::build_router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener =
        TcpListener::bind(&config.listen).await.with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = store_backend(&config.database_url), "listening");
    println!("atajoly listening on http://{addr}");
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
    Ok(())
}

fn store_backend(url: &str) -> &'static str {
    if url.starts_with("postgres") { "postgres" } else { "sqlite" }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
