//! Accounts: users (`users`), their single-use e-mail tokens (`tokens`), sessions (`sessions`), and staff
//! with their enrolment, second factor and role changes (`staff`); the rows are in `types`. The job queue
//! and the inbox are in `jobs`, rate limits' counters in `limits`. Instants are Unix seconds (UTC) in both
//! backends, so one SQL text serves both; the implementations are generated once for each backend by
//! `impl_accounts!`.

mod sessions;
mod staff;
mod tokens;
mod types;
mod users;

pub use sessions::SessionRepo;
pub(crate) use sessions::impl_sessions;
pub use staff::StaffRepo;
pub(crate) use staff::impl_staff;
pub use tokens::TokenRepo;
pub(crate) use tokens::impl_tokens;
pub use types::*;
pub use users::UserRepo;
pub(crate) use users::{USER_COLUMNS, impl_users};

// Named here too by the other repositories (`crate::accounts::NewJob`).
pub(crate) use crate::jobs::NewJob;

/// Everything the store keeps of accounts: users, their tokens, sessions and staff.
pub trait AccountRepo: UserRepo + TokenRepo + SessionRepo + StaffRepo {}

impl<T: UserRepo + TokenRepo + SessionRepo + StaffRepo> AccountRepo for T {}

/// Generates the account repositories for one backend. Both backends take the same SQL; what differs is
/// the database type. The expansions call one another's helpers (`user_row`, `use_token`, ...) and
/// `enqueue_in` of `impl_jobs!`, all expanded in the same module.
macro_rules! impl_accounts {
    ($store:ty, $db:ty) => {
        $crate::accounts::impl_users!($store, $db);
        $crate::accounts::impl_tokens!($store, $db);
        $crate::accounts::impl_sessions!($store, $db);
        $crate::accounts::impl_staff!($store, $db);
    };
}

pub(crate) use impl_accounts;
