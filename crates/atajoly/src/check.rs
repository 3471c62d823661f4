//! `atajoly check`: the invariants of a live database and its file store (`service::invariants`),
//! each violation a line (kind, ids, a sentence); exit 1 on any.

use std::collections::HashMap;

use anyhow::Context as _;
use service::audit;
use service::invariants::{self, CheckOptions};

use crate::Config;

/// Runs the check; an error (exit 1) when anything does not hold, or the check could not finish.
pub async fn run<H: std::hash::BuildHasher>(config: &Config, opts: &HashMap<&str, String, H>) -> anyhow::Result<()> {
    let secs = |name: &str, default: i64| -> anyhow::Result<i64> {
        match opts.get(name) {
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| anyhow::anyhow!("--{name} must be a number of seconds, not {v:?}")),
            None => Ok(default),
        }
    };
    let o = CheckOptions {
        now: time::OffsetDateTime::now_utc().unix_timestamp(),
        grace_secs: secs("grace", config.orphan_grace_secs)?,
        read_files: !opts.contains_key("no-files-read"),
        stuck_secs: secs("stuck", 3600)?,
    };
    let store = crate::open_store(config).await?;
    crate::migrate(store.as_ref()).await?;
    // The keys must be there already: a check never makes new ones (without the file keys no file can
    // be read; without the log's key its checkpoints cannot be checked).
    let keys_file = &config.files_key_file;
    let text = std::fs::read_to_string(keys_file)
        .with_context(|| format!("the file keys {keys_file} (without them no stored file can be read)"))?;
    let keys = service::files::FileKeys::parse(&text).map_err(|e| anyhow::anyhow!("the file keys {keys_file}: {e}"))?;
    let files = service::files::FileStore::connect(&config.files_location()?, keys).await?;
    let verifier = if let Some(v) = opts.get("vkey") {
        let text = std::fs::read_to_string(v).unwrap_or_else(|_| v.clone());
        tlog::parse_vkey(&text).map_err(|e| anyhow::anyhow!("--vkey: {e}"))?
    } else {
        let path = std::path::Path::new(&config.log_key_file);
        anyhow::ensure!(path.exists(), "the audit log key {} is missing (or give --vkey)", path.display());
        let origin = audit::origin_of(config.public_url.trim_end_matches('/'));
        audit::AuditLog::load_or_create(path, &origin)
            .with_context(|| format!("the audit log key {}", path.display()))?
            .verifier()
            .clone()
    };
    let origin = verifier.name().to_owned();
    let started = std::time::Instant::now();
    let r = invariants::check(store.as_ref(), &files, (&verifier, &origin), &o).await?;
    for v in &r.violations {
        println!("{v}");
    }
    println!(
        "checked in {:.2} s: {} document(s), {} stored file(s), {} read and compared with their SHA-256{}, {} audit log entries ({} written after a missing number, not yet sealed); {} violation(s)",
        started.elapsed().as_secs_f64(),
        r.documents,
        r.stored,
        r.read,
        if o.read_files { "" } else { " (--no-files-read)" },
        r.log_entries,
        r.unsealed,
        r.violations.len()
    );
    anyhow::ensure!(r.violations.is_empty(), "{} invariant violation(s)", r.violations.len());
    Ok(())
}
