//! Other systems' API keys (the citizenship registry's): made for a number of days, listed, revoked;
//! each change in the audit log. Only the key's SHA-256 is kept; the key is shown once.

use store::{ApiKeyInfo, Store};

use crate::error::AppError;

/// Days a new key works unless the operator says otherwise.
pub const DEFAULT_DAYS: i64 = 365;
/// The longest a key may work: keys are renewed at least every two years.
pub const MAX_DAYS: i64 = 730;

/// Makes a key for `name` with `role`, working `days` days from `now`; returns its id and the key.
pub async fn add(store: &dyn Store, name: &str, role: &str, days: i64, now: i64) -> Result<(i64, String), AppError> {
    if role != crate::cards::REGISTRY {
        return Err(AppError::field("role", "unknown"));
    }
    if name.trim().is_empty() {
        return Err(AppError::field("name", "required"));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::field("days", "out_of_range"));
    }
    let token = format!("azk_{}", crate::auth::random_token()?);
    let id = store.add_api_key(name.trim(), role, &crate::auth::digest(&token), now, now + days * 86_400).await?;
    let mut r = crate::audit::system_record("system", "operator", "api_key_add", Some(format!("api_key:{id}")), now);
    r.note = Some(format!("{} ({role}), {days} days", name.trim()));
    store.log_append(&r).await?;
    Ok((id, token))
}

/// Revokes key `id`; `false` when there is none or it was revoked already.
pub async fn revoke(store: &dyn Store, id: i64, now: i64) -> Result<bool, AppError> {
    if !store.revoke_api_key(id, now).await? {
        return Ok(false);
    }
    let r = crate::audit::system_record("system", "operator", "api_key_revoke", Some(format!("api_key:{id}")), now);
    store.log_append(&r).await?;
    Ok(true)
}

/// Every key, newest first.
pub async fn list(store: &dyn Store) -> Result<Vec<ApiKeyInfo>, AppError> {
    Ok(store.api_keys().await?)
}
