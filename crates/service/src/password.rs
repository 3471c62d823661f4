//! Passwords: argon2id with a random salt, hashed and checked off the async threads.

use crate::error::AppError;

/// argon2id parameters: memory in KiB, iterations, lanes.
#[derive(Debug, Clone, Copy)]
pub struct HashParams {
    /// Memory cost in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl Default for HashParams {
    /// OWASP's recommendation for argon2id: 19 MiB, 2 iterations, 1 lane.
    fn default() -> Self {
        HashParams { m_cost: 19_456, t_cost: 2, p_cost: 1 }
    }
}

fn argon(params: HashParams) -> Result<argon2::Argon2<'static>, AppError> {
    let p =
        argon2::Params::new(params.m_cost, params.t_cost, params.p_cost, None).map_err(|e| AppError::internal(&e))?;
    Ok(argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p))
}

/// Hashes a password with argon2id and a random salt, off the async threads.
pub async fn hash_password(password: String, params: HashParams) -> Result<String, AppError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::internal(&e))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::internal(&e))?;
        let hash = argon(params)?.hash_password(password.as_bytes(), &salt).map_err(|e| AppError::internal(&e))?;
        Ok(hash.to_string())
    })
    .await
    .map_err(|e| AppError::internal(&e))?
}

/// Checks a password against a stored hash, off the async threads. With no hash (an unknown address)
/// it checks against a fixed one, so that the answer takes as long either way.
pub async fn verify_password(password: String, hash: Option<String>, params: HashParams) -> Result<bool, AppError> {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let known = hash.is_some();
    let hash = match hash {
        Some(h) => h,
        None => dummy_hash(params).await?,
    };
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| AppError::internal(&e))?;
        Ok(known && argon(params)?.verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| AppError::internal(&e))?
}

async fn dummy_hash(params: HashParams) -> Result<String, AppError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY.get_or_try_init(|| hash_password("not a password of anyone".into(), params)).await.cloned()
}
