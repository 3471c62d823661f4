//! `atajoly audit verify|checkpoint`: the audit log checked from the database alone.

use std::collections::HashMap;

use anyhow::Context as _;
use service::audit::{self, AuditLog};

use crate::Config;

/// Runs an `audit` command; `verify` fails (exit 1) when any entry fails, naming the first.
pub async fn run<H: std::hash::BuildHasher>(
    config: &Config,
    opts: &HashMap<&str, String, H>,
    rest: &[String],
) -> anyhow::Result<()> {
    let store = crate::open_store(config).await?;
    crate::migrate(store.as_ref()).await?;
    let origin = audit::origin_of(config.public_url.trim_end_matches('/'));
    match rest.first().map(String::as_str) {
        Some("checkpoint") => {
            let log = own_log(config, &origin)?;
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            print!("{}", audit::checkpoint(store.as_ref(), &log, now).await?.note);
            Ok(())
        }
        Some("verify") | None => {
            let verifier = match opts.get("vkey") {
                Some(v) => {
                    let text = std::fs::read_to_string(v).unwrap_or_else(|_| v.clone());
                    tlog::parse_vkey(&text).map_err(|e| anyhow::anyhow!("--vkey: {e}"))?
                }
                None => own_log(config, &origin)?.verifier().clone(),
            };
            let origin = verifier.name().to_owned();
            let older = match opts.get("checkpoint") {
                Some(f) => Some(std::fs::read_to_string(f).with_context(|| format!("--checkpoint {f}"))?),
                None => None,
            };
            // Entries written since the last sealing pass join the tree first (a missing number is
            // left for the service's sealer, which waits to see whether its change commits).
            store.log_seal().await?;
            let started = std::time::Instant::now();
            let v = audit::verify(store.as_ref(), &verifier, &origin, older.as_deref()).await?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "audit log {origin}: {} entries ({} bytes) recomputed in {secs:.2} s; {} signed checkpoint(s), the latest of {} entries",
                v.size, v.bytes, v.checkpoints, v.signed
            );
            println!("root hash of all {} entries: {}", v.size, hex::encode(v.root));
            if let Some(n) = v.older_ok {
                println!("the saved checkpoint of {n} entries is a prefix of the log: the log only grew since");
            }
            if let Some(first) = v.failures.first() {
                for f in v.failures.iter().take(20) {
                    println!("FAIL {f}");
                }
                if v.failures.len() > 20 {
                    println!("… and {} more", v.failures.len() - 20);
                }
                anyhow::bail!("the audit log does not verify: {first}");
            }
            if v.signed < v.size {
                println!("{} entries are newer than the latest signed checkpoint", v.size - v.signed);
            }
            if v.unsealed > 0 {
                println!("{} entries are written but not yet in the tree (after a missing number)", v.unsealed);
            }
            println!("OK: every entry, event row, stored hash and checkpoint verifies");
            Ok(())
        }
        Some(other) => anyhow::bail!("unknown audit command {other:?}; see atajoly --help"),
    }
}

fn own_log(config: &Config, origin: &str) -> anyhow::Result<AuditLog> {
    AuditLog::load_or_create(std::path::Path::new(&config.log_key_file), origin)
        .with_context(|| format!("the audit log key {}", config.log_key_file))
}
