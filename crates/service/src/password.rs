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

/// Hashes running at once: one per core (at most 8). Each holds `m_cost` of memory and a core for tens
/// of milliseconds, so a burst of sign-ins queues here instead of filling the blocking pool that file
/// reads and writes also use.
fn hashing() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        tokio::sync::Semaphore::new(cores.clamp(1, 8))
    })
}

/// The most hashes seen running at once, and how many run now (for the test of the limit).
#[cfg(test)]
static MOST_AT_ONCE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
#[cfg(test)]
static AT_ONCE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs one argon2 computation on the blocking pool, holding a hashing permit.
async fn on_hashing_pool<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let _permit = hashing().acquire().await.map_err(|e| AppError::internal(&e))?;
    tokio::task::spawn_blocking(move || {
        #[cfg(test)]
        {
            use std::sync::atomic::Ordering::SeqCst;
            let now = AT_ONCE.fetch_add(1, SeqCst) + 1;
            MOST_AT_ONCE.fetch_max(now, SeqCst);
        }
        let out = f();
        #[cfg(test)]
        AT_ONCE.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        out
    })
    .await
    .map_err(|e| AppError::internal(&e))?
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
    on_hashing_pool(move || {
        let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::internal(&e))?;
        let hash = argon(params)?.hash_password(password.as_bytes(), &salt).map_err(|e| AppError::internal(&e))?;
        Ok(hash.to_string())
    })
    .await
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
    on_hashing_pool(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| AppError::internal(&e))?;
        Ok(known && argon(params)?.verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
}

async fn dummy_hash(params: HashParams) -> Result<String, AppError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY.get_or_try_init(|| hash_password("not a password of anyone".into(), params)).await.cloned()
}

#[cfg(test)]
mod tests {
    use super::{HashParams, MOST_AT_ONCE, hash_password, hashing, verify_password};

    /// A burst of sign-ins runs no more hashes at once than there are permits, and each still answers.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_of_hashes_takes_turns() {
        let params = HashParams { m_cost: 4096, t_cost: 3, p_cost: 1 };
        let permits = hashing().available_permits();
        let burst: Vec<_> = (0..24).map(|i| tokio::spawn(hash_password(format!("pw{i}"), params))).collect();
        let mut hashes = Vec::new();
        for h in burst {
            hashes.push(h.await.expect("task").expect("hash"));
        }
        assert!(verify_password("pw3".into(), Some(hashes[3].clone()), params).await.expect("verify"));
        let most = MOST_AT_ONCE.load(std::sync::atomic::Ordering::SeqCst);
        assert!(most >= 1 && most <= permits, "{most} hashes ran at once with {permits} permits");
    }
}
