//! `atajoly`: the Ata Zholy card service.

use std::process::ExitCode;

use atajoly::Config;

/// mimalloc: the service allocates many small strings per request (messages, JSON); glibc's malloc
/// cost a fifth of the eligibility API's time in profiles (decision 0007).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "atajoly: the Ata Zholy card service

Usage:
  atajoly serve [--config FILE] [--listen ADDR]   run the service (migrates first unless auto_migrate = false)
  atajoly migrate [--config FILE]                 apply schema migrations and load reference data
  atajoly check-data                              parse and check every embedded reference data file
  atajoly config [--config FILE]                  print the effective configuration (secrets hidden)
  atajoly staff-add --email E [--name N] [--office O] [--role R]
                                                  create a staff account and print its single-use
                                                  enrolment link (24 hours; also e-mailed): the person
                                                  sets their own password and second factor. R is
                                                  intermediary (default; O embassy-MN, department-KZ-75,
                                                  foundation), officer or supervisor (O department-...),
                                                  checker_police, checker_knb, auditor or administrator
                                                  (no office)
  atajoly verify --keys FILE [--status-list FILE] [--now TIME] (TEXT | -)
                                                  check a card's QR text offline against a saved key set
                                                  (keys.cose or jwks.json) and status list; says how old
                                                  the list is; exit 0 only for a valid card whose
                                                  status was checked
  atajoly keys list                               the card-signing keys and their windows
  atajoly keys rotate [--in-minutes N]            a new signing key from N minutes on (default and least
                                                  2: every instance has reloaded it); older cards stay valid
  atajoly keys withdraw --kid KID                 unpublish a compromised key: its cards stop verifying
  atajoly files-key list                          the ids in the file key file (files_key_file)
  atajoly files-key rotate                        add a new file key; files sealed from the next start
                                                  on use it, older files keep opening with theirs
  atajoly audit verify [--checkpoint FILE] [--vkey VKEY]
                                                  recompute the audit log from the database, check every
                                                  signed checkpoint and, given a checkpoint saved earlier,
                                                  prove the log only grew since; exit 1 naming the first
                                                  entry that fails (VKEY: the published verifier key,
                                                  default the one of log_key_file)
  atajoly check [--grace SECS] [--no-files-read] [--stuck SECS] [--vkey VKEY]
                                                  check the invariants of the database and the file
                                                  store: every document's file there and as recorded
                                                  (SHA-256; --no-files-read: presence only), no stored
                                                  file without its document older than SECS (default
                                                  orphan_grace_secs), one card per grant, one valid card
                                                  per person, every status with its event, the audit log
                                                  verifying, no duplicate submission or upload, no job
                                                  pending SECS past due (default 3600); one line per
                                                  violation, exit 1 on any
  atajoly audit checkpoint                        sign and print the latest checkpoint
  atajoly secrets-key list                        the ids in the secrets key file (secrets_key_file)
                                                  and how many stored secrets each seals
  atajoly secrets-key rotate                      add a new secrets key (restart every instance, then
                                                  reseal); older keys keep opening what they sealed
  atajoly secrets-key reseal                      re-seal TOTP secrets and queued e-mails under the
                                                  newest key; then an unused old key may be deleted
  atajoly api-key-add --name NAME [--role registry] [--days 365]
                                                  an API key for another system (the citizenship
                                                  registry), working DAYS days (at most 730); the
                                                  token is printed once
  atajoly api-key-list                            every API key: id, name, role, made, expires, revoked
  atajoly api-key-revoke --id ID                  the key stops working at once (in the audit log)

Environment: ATAJOLY_CONFIG, ATAJOLY_DATABASE_URL (default sqlite://data/atajoly.db), ATAJOLY_LISTEN
(default 127.0.0.1:8080), ATAJOLY_COOKIE_SECURE, ATAJOLY_AUTO_MIGRATE, ATAJOLY_LOG_FORMAT (json|text), RUST_LOG.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atajoly: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut command = None;
    let mut config_path = None;
    let mut listen = None;
    let mut opts: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut rest: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" | "help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--config" => {
                config_path = Some(it.next().ok_or_else(|| anyhow::anyhow!("--config needs a file"))?.clone());
            }
            "--listen" => listen = Some(it.next().ok_or_else(|| anyhow::anyhow!("--listen needs an address"))?.clone()),
            flag @ ("--email" | "--office" | "--role" | "--keys" | "--status-list" | "--now" | "--kid" | "--name"
            | "--in-minutes" | "--checkpoint" | "--vkey" | "--days" | "--id" | "--grace" | "--stuck") => {
                let v = it.next().ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))?;
                opts.insert(flag.trim_start_matches('-'), v.clone());
            }
            "--no-files-read" => {
                opts.insert("no-files-read", String::new());
            }
            c if command.is_none() && !c.starts_with('-') => command = Some(c.to_owned()),
            c if command.is_some() && (c == "-" || !c.starts_with('-')) => rest.push(c.to_owned()),
            other => anyhow::bail!("unknown argument {other:?}; see atajoly --help"),
        }
    }
    let mut config = Config::load(config_path.as_deref(), |k| std::env::var(k).ok())?;
    if let Some(l) = listen {
        config.listen = l;
    }
    init_logs(&config);
    // File writes and password hashing run on the blocking pool; a few threads keep up with the disk and
    // keep memory flat under many concurrent uploads (each thread would bring its own malloc arena).
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().max_blocking_threads(8).build()?;
    match command.as_deref() {
        Some("serve") | None => rt.block_on(atajoly::serve(&config)),
        Some("migrate") => rt.block_on(async {
            let store = atajoly::open_store(&config).await?;
            let r = atajoly::migrate(store.as_ref()).await?;
            println!(
                "migrated {}: {} schema migration(s) applied, {} reference list version(s) loaded, {} already present",
                store::redact_url(&config.database_url),
                r.schema,
                r.inserted,
                r.unchanged
            );
            Ok(())
        }),
        Some("check-data") => {
            let lists = atajoly::reference_lists()?;
            for (file, l) in &lists {
                println!(
                    "{file}: {} {} from {} ({} items)",
                    l.kind.as_str(),
                    l.version,
                    l.effective_from,
                    l.items.len()
                );
            }
            Ok(())
        }
        Some("staff-add") => rt.block_on(async {
            let store = atajoly::open_store(&config).await?;
            atajoly::migrate(store.as_ref()).await?;
            let email = opts.get("email").ok_or_else(|| anyhow::anyhow!("--email is required"))?;
            let name = opts.get("name").unwrap_or(email);
            let office = opts.get("office").map_or("", String::as_str);
            let role = opts.get("role").map_or("intermediary", String::as_str);
            let link = atajoly::add_staff(store.clone(), &config, email, name, role, office).await?;
            println!("created {role} {email} of {office}, waiting for enrolment");
            println!("enrolment link (single use, 24 hours; also e-mailed): {link}");
            Ok(())
        }),
        Some("verify") => verify(&opts, &rest),
        Some("keys") => rt.block_on(keys(&config, &opts, &rest)),
        Some("files-key") => files_key(&config, &rest),
        Some("secrets-key") => rt.block_on(secrets_key(&config, &rest)),
        Some("api-key-add") => rt.block_on(api_key_add(&config, &opts)),
        Some("api-key-list") => rt.block_on(api_key_list(&config)),
        Some("api-key-revoke") => rt.block_on(api_key_revoke(&config, &opts)),
        Some("audit") => rt.block_on(atajoly::audit::run(&config, &opts, &rest)),
        Some("check") => rt.block_on(atajoly::check::run(&config, &opts)),
        Some("config") => {
            println!("{config:#?}");
            Ok(())
        }
        Some(other) => anyhow::bail!("unknown command {other:?}; see atajoly --help"),
    }
}

type Opts<'a> = std::collections::HashMap<&'a str, String>;

/// `atajoly verify`: a QR text checked offline.
fn verify(opts: &Opts<'_>, rest: &[String]) -> anyhow::Result<()> {
    let keys_file = opts.get("keys").ok_or_else(|| anyhow::anyhow!("--keys FILE is required"))?;
    let keys = std::fs::read(keys_file).map_err(|e| anyhow::anyhow!("{keys_file}: {e}"))?;
    let keys = atajoly::offline::read_keys(&keys)?;
    let list = match opts.get("status-list") {
        Some(f) => Some(std::fs::read(f).map_err(|e| anyhow::anyhow!("{f}: {e}"))?),
        None => None,
    };
    let now = match opts.get("now") {
        Some(t) => time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
            .map_err(|e| anyhow::anyhow!("--now {t}: {e}"))?,
        None => time::OffsetDateTime::now_utc(),
    };
    let text = match rest.first().map(String::as_str) {
        Some("-") | None => std::io::read_to_string(std::io::stdin())?,
        Some(t) => t.to_owned(),
    };
    let report = atajoly::offline::verify(&text, &keys, list.as_deref(), now)?;
    print!("{}", report.text);
    // Exit 0 only for a card whose status was checked too: a script must not accept a revoked card
    // because no list was given.
    if report.verdict == credential::Verdict::Valid {
        Ok(())
    } else {
        anyhow::bail!("not valid: {}", report.verdict.code())
    }
}

/// `atajoly files-key list|rotate`.
fn files_key(config: &Config, rest: &[String]) -> anyhow::Result<()> {
    let path = std::path::Path::new(&config.files_key_file);
    match rest.first().map(String::as_str) {
        Some("rotate") => {
            let id = service::files::FileKeys::rotate(path)?;
            println!(
                "new file key id {id} in {}; restart every instance: each seals new files with it from its start",
                path.display()
            );
        }
        Some("list") | None => {
            let keys = service::files::FileKeys::load_or_create(path)?;
            println!("file key ids in {}: {:?} (new files: {})", path.display(), keys.ids(), keys.current().0);
        }
        Some(other) => anyhow::bail!("unknown files-key command {other:?}; see atajoly --help"),
    }
    Ok(())
}

/// `atajoly secrets-key list|rotate|reseal`.
async fn secrets_key(config: &Config, rest: &[String]) -> anyhow::Result<()> {
    let path = std::path::Path::new(&config.secrets_key_file);
    let failed = |e: service::AppError| anyhow::anyhow!("{}", e.code.code());
    match rest.first().map(String::as_str) {
        Some("rotate") => {
            let id = service::files::FileKeys::rotate(path)?;
            println!(
                "new secrets key id {id} in {}; restart every instance, then run `atajoly secrets-key reseal`",
                path.display()
            );
        }
        Some("reseal") => {
            let keys = atajoly::secrets_keys(config)?;
            let store = atajoly::open_store(config).await?;
            atajoly::migrate(store.as_ref()).await?;
            let (totps, mails) = service::admin::reseal_all(store.as_ref(), &keys).await.map_err(failed)?;
            println!("re-sealed under key id {}: {totps} TOTP secret(s), {mails} queued e-mail(s)", keys.current().0);
        }
        Some("list") | None => {
            let keys = atajoly::secrets_keys(config)?;
            let store = atajoly::open_store(config).await?;
            atajoly::migrate(store.as_ref()).await?;
            println!("secrets key ids in {}: {:?} (new secrets: {})", path.display(), keys.ids(), keys.current().0);
            for (id, n) in service::admin::secrets_by_key(store.as_ref()).await.map_err(failed)? {
                match id {
                    Some(id) => println!("  key {id}: {n} sealed value(s)"),
                    None => println!("  not sealed: {n} value(s) (sealed at the next start)"),
                }
            }
        }
        Some(other) => anyhow::bail!("unknown secrets-key command {other:?}; see atajoly --help"),
    }
    Ok(())
}

/// `atajoly keys list|rotate|withdraw`.
async fn keys(config: &Config, opts: &Opts<'_>, rest: &[String]) -> anyhow::Result<()> {
    let store = atajoly::open_store(config).await?;
    atajoly::migrate(store.as_ref()).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let dir = std::path::Path::new(&config.keys_dir);
    match rest.first().map(String::as_str) {
        Some("rotate") => {
            // Every instance reloads its keys each minute: the new key starts signing only once all have it,
            // so no instance signs with a key whose window has closed.
            let minutes: i64 = opts
                .get("in-minutes")
                .map_or(Ok(2), |m| m.parse())
                .map_err(|_| anyhow::anyhow!("--in-minutes must be a whole number"))?;
            anyhow::ensure!(minutes >= 2, "--in-minutes must be at least 2 (instances reload their keys every minute)");
            let kid = service::cards::rotate(&store, dir, now + minutes * 60, now).await?;
            println!("new signing key {kid} in {}, signing from {}", dir.display(), now + minutes * 60);
        }
        Some("withdraw") => {
            let kid = opts.get("kid").ok_or_else(|| anyhow::anyhow!("--kid is required"))?;
            let others_open = store
                .signing_keys()
                .await?
                .iter()
                .any(|k| k.kid != *kid && k.withdrawn_at.is_none() && k.sign_until.is_none_or(|u| u > now));
            anyhow::ensure!(others_open, "{kid} is the only key that can sign: run `atajoly keys rotate` first");
            anyhow::ensure!(service::cards::withdraw(&store, kid, now).await?, "no published key {kid}");
            println!("withdrew {kid}: cards it signed no longer verify; reissue them");
        }
        Some("list") | None => {
            for k in store.signing_keys().await? {
                println!(
                    "{} from {:?} until {:?}{}",
                    k.kid,
                    k.sign_from,
                    k.sign_until,
                    if k.withdrawn_at.is_some() { " WITHDRAWN" } else { "" }
                );
            }
        }
        Some(other) => anyhow::bail!("unknown keys command {other:?}; see atajoly --help"),
    }
    Ok(())
}

/// `atajoly api-key-add`.
async fn api_key_add(config: &Config, opts: &Opts<'_>) -> anyhow::Result<()> {
    let store = atajoly::open_store(config).await?;
    atajoly::migrate(store.as_ref()).await?;
    let name = opts.get("name").ok_or_else(|| anyhow::anyhow!("--name is required"))?;
    let role = opts.get("role").map_or("registry", String::as_str);
    let days = match opts.get("days") {
        Some(d) => d.parse().map_err(|_| anyhow::anyhow!("--days must be a number of days, not {d:?}"))?,
        None => service::apikeys::DEFAULT_DAYS,
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (id, token) = service::apikeys::add(store.as_ref(), name, role, days, now).await.map_err(|e| {
        let what: Vec<String> = e.fields.iter().map(|f| format!("--{}: {}", f.field, f.problem)).collect();
        anyhow::anyhow!(
            "the key was not made: {}",
            if what.is_empty() { e.code.code().to_owned() } else { what.join(", ") }
        )
    })?;
    println!("API key {id} for {name} ({role}), working {days} days, shown once: {token}");
    Ok(())
}

fn day(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts).map(|t| t.date().to_string()).unwrap_or_default()
}

/// `atajoly api-key-list`.
async fn api_key_list(config: &Config) -> anyhow::Result<()> {
    let store = atajoly::open_store(config).await?;
    atajoly::migrate(store.as_ref()).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let keys = service::apikeys::list(store.as_ref()).await.map_err(|e| anyhow::anyhow!("{}", e.code.code()))?;
    println!("id\tname\trole\tmade\texpires\tstate");
    for k in keys {
        let state = match k.revoked_at {
            Some(at) => format!("revoked {}", day(at)),
            None if k.expires_at <= now => "expired".to_owned(),
            None => "works".to_owned(),
        };
        println!("{}\t{}\t{}\t{}\t{}\t{state}", k.key.id, k.key.name, k.key.role, day(k.created_at), day(k.expires_at));
    }
    Ok(())
}

/// `atajoly api-key-revoke`.
async fn api_key_revoke(config: &Config, opts: &Opts<'_>) -> anyhow::Result<()> {
    let store = atajoly::open_store(config).await?;
    atajoly::migrate(store.as_ref()).await?;
    let id: i64 = opts
        .get("id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("--id is required (a number: see atajoly api-key-list)"))?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let done =
        service::apikeys::revoke(store.as_ref(), id, now).await.map_err(|e| anyhow::anyhow!("{}", e.code.code()))?;
    anyhow::ensure!(done, "no API key {id} that works (see atajoly api-key-list)");
    println!("API key {id} revoked: it stops working now");
    Ok(())
}

fn init_logs(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if config.log_format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}
