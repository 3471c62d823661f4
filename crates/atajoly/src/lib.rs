//! The atajoly application: configuration, wiring, migrations with reference data, and the server.

pub mod audit;
pub mod check;
pub mod clock;
pub mod config;
pub mod offline;

use std::sync::Arc;

use anyhow::Context as _;
use domain::calendar::{Calendar, CalendarError, YearData};
use domain::reference::ListVersion;
use store::{ImportOutcome, Store};
use tokio::net::TcpListener;

pub use config::Config;

include!(concat!(env!("OUT_DIR"), "/reference_files.rs"));
include!(concat!(env!("OUT_DIR"), "/calendar_files.rs"));

/// Parses every embedded reference file; the first bad file is an error that names it.
pub fn reference_lists() -> Result<Vec<(&'static str, ListVersion)>, domain::reference::ListError> {
    REFERENCE_FILES.iter().map(|(file, text)| ListVersion::parse(file, text).map(|l| (*file, l))).collect()
}

/// Kazakhstan's working-day calendar from every embedded calendar file; the first bad file is an
/// error that names it.
pub fn calendar() -> Result<Calendar, CalendarError> {
    let years = CALENDAR_FILES.iter().map(|(file, text)| YearData::parse(file, text)).collect::<Result<Vec<_>, _>>()?;
    Calendar::new(years)
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
    clock: Arc<dyn service::Clock>,
) -> anyhow::Result<service::AppState> {
    let settings = service::Settings {
        cookie_secure: config.cookie_secure,
        public_url: config.public_url.trim_end_matches('/').to_owned(),
        hash: service::auth::HashParams::default(),
        mail: service::mail::MailSettings {
            smtp_url: Some(config.smtp_url.clone()).filter(|u| !u.is_empty()),
            smtp_ca_file: Some(config.smtp_ca_file.clone()).filter(|f| !f.is_empty()).map(Into::into),
            from: config.mail_from.clone(),
            outbox_dir: config.outbox_dir.clone().into(),
            ..service::mail::MailSettings::default()
        },
        files: config.files_location()?,
        retention: {
            let [draft_idle_days, session_days, token_days, job_days, verification_days] = config.retention_days;
            service::retention::Periods { draft_idle_days, session_days, token_days, job_days, verification_days }
        },
        decided_retention: {
            let [appeal_days, refused_days, granted_days] = config.decided_retention_days;
            service::retention::Decided { appeal_days, refused_days, granted_days }
        },
        scanner: service::files::ScannerAt::parse(&config.clamd).map_err(|e| anyhow::anyhow!("ATAJOLY_CLAMD: {e}"))?,
        files_keys: service::files::FileKeys::load_or_create(std::path::Path::new(&config.files_key_file))
            .with_context(|| format!("the file keys {}", config.files_key_file))?,
        secrets_keys: secrets_keys(config)?,
        staff_idle_secs: config.staff_idle_minutes.max(1) * 60,
        staff_session_secs: config.staff_session_hours.max(1) * 3600,
        base_calendar: Arc::new(calendar().context("the working-day calendar data")?),
        refusal_response_days: config.refusal_response_days,
        appeals_office: config.appeals_office()?,
        hearing_hours: config.hearing_hours()?,
        deficiency_pauses_clock: config.deficiency_pauses_clock,
        route_all_to: Some(config.route_all_to.clone()).filter(|o| !o.is_empty()),
        keys_dir: config.keys_dir.clone().into(),
        signing_key_file: Some(config.signing_key_file.clone()).filter(|f| !f.is_empty()).map(Into::into),
        status_list_ttl: config.status_list_ttl,
        orphan_grace_secs: config.orphan_grace_secs,
        verify_per_minute: config.verify_per_minute,
        trusted_proxies: config.trusted_proxies()?,
        log_key_file: Some(config.log_key_file.clone().into()),
        metrics_token: Some(config.metrics_token.clone()).filter(|t| !t.is_empty()),
        office_mail: config.office_mail()?,
        ..service::Settings::default()
    };
    Ok(service::App::new(store, clock, settings).await?)
}

/// Runs the server until SIGINT or SIGTERM.
pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    if config.auto_migrate {
        let r = migrate(store.as_ref()).await?;
        tracing::info!(schema = r.schema, inserted = r.inserted, unchanged = r.unchanged, "migrated");
    }
    let state = build_state(store, config, clock::from_env()?).await?;
    match &state.settings.scanner {
        service::files::ScannerAt::None => tracing::warn!(
            "uploads are NOT scanned for malware: set ATAJOLY_CLAMD to clamd's address (tcp://host:port or unix:///path)"
        ),
        at => {
            let said = service::files::scan::ping(at).await;
            if matches!(said, Ok(true)) {
                tracing::info!(scanner = %at, "uploads are scanned for malware");
            } else {
                let why = said.map_or_else(|e| e.to_string(), |_| "no PONG".to_owned());
                tracing::warn!(scanner = %at, why, "the malware scanner does not answer: uploads are refused until it does");
            }
        }
    }
    service::cards::spawn_housekeeping(state.clone());
    if config.run_jobs {
        service::worker::spawn_worker(state.clone(), std::time::Duration::from_secs(2));
    }
    let app = web::build_router(state);
    let listener = listen(&config.listen).await.with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = store_backend(&config.database_url), "listening");
    println!("atajoly listening on http://{addr}");
    serve_http(listener, app, Limits::default(), shutdown()).await;
    Ok(())
}

/// What one client may hold of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request's headers must arrive within this (also the wait for the next request on a kept-alive
    /// connection): a client sending a header a minute cannot hold a connection (slowloris).
    pub header_read_timeout: std::time::Duration,
    /// Connections open at once; the next is closed at once until one ends.
    pub max_connections: usize,
    /// The most a request line and its headers may take (at least 8 KiB); more is answered 431.
    pub max_header_bytes: usize,
    /// How long a shutdown waits for the requests in progress.
    pub drain: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: std::time::Duration::from_secs(10),
            max_connections: 2048,
            max_header_bytes: 64 * 1024,
            drain: std::time::Duration::from_secs(30),
        }
    }
}

/// Serves `app` over HTTP/1.1 on `listener` until `shutdown`, within `limits`, each request carrying
/// its peer's address (`ConnectInfo`); then lets the requests in progress finish.
pub async fn serve_http(
    listener: TcpListener,
    app: axum::Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use tower::ServiceExt as _;
    let open = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accept");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "connection refused: too many open");
            continue;
        };
        let svc = app.clone().map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            req
        });
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .max_buf_size(limits.max_header_bytes.max(8192))
                .serve_connection(
                    hyper_util::rt::TokioIo::new(stream),
                    hyper_util::service::TowerToHyperService::new(svc),
                )
                .with_upgrades();
            tokio::pin!(conn);
            tokio::select! {
                done = conn.as_mut() => {
                    if let Err(e) = done {
                        tracing::debug!(%peer, error = %e, "connection");
                    }
                }
                _ = stopped.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    let _ = stop.send(true);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.drain, open.acquire_many(all)).await;
}

/// The receive buffer of each connection: uploads are read as fast as they are stored, so a bigger
/// kernel buffer would only let the multipart reader pile up bytes in memory (20 uploads at once).
const RECV_BUFFER: u32 = 64 * 1024;

/// Binds the listening socket; accepted connections inherit its receive buffer size.
async fn listen(addr: &str) -> std::io::Result<TcpListener> {
    let mut last = std::io::Error::other("the address resolves to nothing");
    for a in tokio::net::lookup_host(addr).await? {
        let socket = if a.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
        socket.set_reuseaddr(true)?;
        socket.set_recv_buffer_size(RECV_BUFFER)?;
        match socket.bind(a) {
            Ok(()) => return socket.listen(1024),
            Err(e) => last = e,
        }
    }
    Err(last)
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

/// The secrets key ring (`secrets_key_file`), made on first use.
pub fn secrets_keys(config: &Config) -> anyhow::Result<service::files::FileKeys> {
    service::files::FileKeys::load_or_create(std::path::Path::new(&config.secrets_key_file))
        .with_context(|| format!("the secrets keys {}", config.secrets_key_file))
}

/// Creates a staff account waiting for its enrolment, by the rules administrators use
/// (`service::admin`): intermediaries belong to an office, officers and supervisors to a regional
/// department, checkers, auditors and administrators to none. Returns the single-use enrolment link
/// (also e-mailed, sealed, by the next instance's worker): nobody but the person who opens it ever
/// knows the password or the second factor.
pub async fn add_staff(
    store: Arc<dyn Store>,
    config: &Config,
    email: &str,
    name: &str,
    role: &str,
    office: &str,
) -> anyhow::Result<String> {
    let catalog = domain::reference::Catalog::new(store.load_all_lists().await?);
    let i18n = service::I18n::load();
    let keys = secrets_keys(config)?;
    let staffing = service::admin::Staffing {
        store: store.as_ref(),
        catalog: &catalog,
        now: clock::from_env()?.now(),
        hash: service::auth::HashParams::default(),
        i18n: &i18n,
        keys: &keys,
        public_url: &config.public_url,
        max_attempts: service::mail::MailSettings::default().max_attempts,
    };
    let created = service::admin::create_staff_unchecked(&staffing, email, name, role, office).await.map_err(|e| {
        let fields: Vec<String> = e.fields.iter().map(|f| format!("{}: {}", f.field, f.problem)).collect();
        anyhow::anyhow!("refused ({}): {}", e.code.code(), fields.join(", "))
    })?;
    Ok(created.link)
}
