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
  atajoly staff-add --email E [--office O] [--role R]
                                                  create a staff account with its second factor: R is
                                                  intermediary (default; O embassy-MN, department-KZ-75,
                                                  foundation), officer or supervisor (O department-...),
                                                  checker_police, checker_knb or auditor (no office); the
                                                  password comes from ATAJOLY_STAFF_PASSWORD or is printed

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
            flag @ ("--email" | "--office" | "--role") => {
                let v = it.next().ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))?;
                opts.insert(flag.trim_start_matches('-'), v.clone());
            }
            c if command.is_none() && !c.starts_with('-') => command = Some(c.to_owned()),
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
            let office = opts.get("office").map_or("", String::as_str);
            let role = opts.get("role").map_or("intermediary", String::as_str);
            let password = std::env::var("ATAJOLY_STAFF_PASSWORD").ok();
            let created = atajoly::add_staff(store.clone(), email, role, office, password).await?;
            println!("created {role} {email} of {office}");
            if let Some(p) = created.password {
                println!("password (shown once): {p}");
            }
            println!("second factor: add this to an authenticator app (shown once): {}", created.totp_uri);
            Ok(())
        }),
        Some("config") => {
            println!("{config:#?}");
            Ok(())
        }
        Some(other) => anyhow::bail!("unknown command {other:?}; see atajoly --help"),
    }
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
