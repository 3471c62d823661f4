//! Rate limits on guessing (decision 0023). Each attempt is counted first, by one atomic statement in
//! the database (so parallel attempts, on one instance or several, each get their own count), and the
//! decision is taken on the count that comes back: past a rule's limit the attempt is refused (429,
//! with the seconds until its window ends) or, for the rules that only slow, delayed. An attempt that
//! turns out not to be a failure (the right password, the right birth date) is taken back.
//!
//! Windows are fixed: they start at multiples of their length (Unix time), so the count of one key is
//! one row per window. Keys are kept as their rule's name and a SHA-256 of what they name (an address,
//! a network, a card number): the table holds no personal data in clear.

use crate::app::App;
use crate::auth::digest;
use crate::error::{AppError, InvalidField};

/// A limit: at most `limit` attempts under one key in each window of `window` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The rule's name (the stored key's prefix).
    pub name: &'static str,
    /// Attempts allowed per window.
    pub limit: i64,
    /// The window's length, in seconds.
    pub window: i64,
}

const QUARTER: i64 = 15 * 60;
const HOUR: i64 = 3600;

/// Sign-in attempts per address and client network: past it, refused (another network is not).
pub const SIGN_IN: Rule = Rule { name: "signin", limit: 5, window: QUARTER };
/// Failed sign-ins per client network, whatever the address.
pub const SIGN_IN_NETWORK: Rule = Rule { name: "signin-net", limit: 30, window: QUARTER };
/// Failed sign-ins per address from every network: past it, answers are delayed, never refused.
pub const SIGN_IN_ACCOUNT: Rule = Rule { name: "signin-acct", limit: 10, window: QUARTER };
/// Wrong second-factor codes per staff account (reached only with the right password).
pub const SECOND_FACTOR: Rule = Rule { name: "totp", limit: 5, window: QUARTER };
/// Wrong codes per staff account while enrolling (reached only with the enrolment link).
pub const ENROL: Rule = Rule { name: "enrol", limit: 5, window: QUARTER };
/// Sign-ups per client network.
pub const SIGN_UP: Rule = Rule { name: "signup", limit: 10, window: HOUR };
/// E-mails with a link (verification, reset, "you have an account") per address; past it, none is sent
/// and the answer does not change (it must not tell whether the address has an account).
pub const LINKS: Rule = Rule { name: "link", limit: 3, window: HOUR };
/// Requests for a reset link per client network.
pub const LINK_REQUESTS: Rule = Rule { name: "link-net", limit: 20, window: HOUR };
/// Birth dates tried with one card number per client network: past it, refused.
pub const BIRTH_DATE: Rule = Rule { name: "birth", limit: 5, window: QUARTER };
/// Wrong birth dates tried with one card number from every network: past it, answers are delayed.
pub const BIRTH_DATE_CARD: Rule = Rule { name: "birth-card", limit: 10, window: QUARTER };

/// Wrong claim codes per applicant account (an application filed for someone, decision 0028): past
/// it, refused until the window ends.
pub const CLAIM: Rule = Rule { name: "claim", limit: 5, window: QUARTER };

/// Public card checks per client network a minute (`Settings::verify_per_minute`).
pub fn checks(app: &App) -> Rule {
    Rule { name: "check", limit: i64::from(app.settings.verify_per_minute), window: 60 }
}

/// The longest window of any rule: the retention sweep deletes windows that started before it.
pub const LONGEST_WINDOW: i64 = HOUR;

/// The most a slowing rule delays an answer, in units of `Settings::slow_down_unit`.
pub const MAX_DELAY_UNITS: u32 = 16;

/// One attempt, counted.
#[derive(Debug, Clone)]
pub struct Counted {
    rule: Rule,
    key: String,
    window_start: i64,
    now: i64,
    /// The attempts in the window with this one.
    pub count: i64,
}

impl Counted {
    /// Whether this attempt is past the rule's limit.
    pub fn over(&self) -> bool {
        self.count > self.rule.limit
    }

    /// Seconds until the window ends (at least one).
    pub fn retry_after(&self) -> u64 {
        u64::try_from(self.window_start + self.rule.window - self.now).unwrap_or(0).max(1)
    }

    /// The 429 of this attempt, naming `field` and its problem when the form shows it there.
    pub fn refusal(&self, field: Option<(&str, &'static str)>) -> AppError {
        let fields = field.map(|(f, problem)| InvalidField { field: f.to_owned(), problem });
        AppError::too_many(self.retry_after(), fields)
    }

    /// Refuses the attempt when it is past the limit.
    pub fn check(self, field: Option<(&str, &'static str)>) -> Result<Counted, AppError> {
        if self.over() { Err(self.refusal(field)) } else { Ok(self) }
    }

    /// Takes the attempt back: it was not a failure (or was refused by another rule).
    pub async fn give_back(&self, app: &App) -> Result<(), AppError> {
        Ok(app.store.uncount_attempt(&self.key, self.window_start).await?)
    }

    /// Forgets every attempt under the key (a sign-in succeeded).
    pub async fn forget(&self, app: &App) -> Result<(), AppError> {
        Ok(app.store.forget_attempts(&self.key).await?)
    }

    /// Waits as long as this attempt's count asks for (see [`delay_units`]).
    pub async fn slow_down(&self, app: &App) {
        let units = delay_units(self.count, self.rule.limit);
        if units > 0 {
            tracing::info!(rule = self.rule.name, count = self.count, units, "slowed down");
            tokio::time::sleep(app.settings.slow_down_unit.saturating_mul(units)).await;
        }
    }
}

/// How many units of delay the `count`-th attempt of a slowing rule with `limit` waits: none up to the
/// limit, then 1, 2, 4, 8, … up to [`MAX_DELAY_UNITS`].
pub fn delay_units(count: i64, limit: i64) -> u32 {
    let past = count.saturating_sub(limit);
    if past <= 0 {
        return 0;
    }
    let exp = u32::try_from(past - 1).unwrap_or(u32::MAX).min(MAX_DELAY_UNITS.ilog2());
    (1u32 << exp).min(MAX_DELAY_UNITS)
}

/// The rule's key for `subject` as stored.
pub(crate) fn stored_key(rule: Rule, subject: &str) -> String {
    format!("{}:{}", rule.name, digest(subject))
}

/// The start of `rule`'s window that holds `now` (windows start at multiples of their length).
pub(crate) fn window_start(rule: Rule, now: i64) -> i64 {
    now - now.rem_euclid(rule.window)
}

/// Counts an attempt under `rule` for `subject` (an address, a network, `address|network`, …).
pub async fn count(app: &App, rule: Rule, subject: &str) -> Result<Counted, AppError> {
    let now = app.clock.now().unix_timestamp();
    let window_start = window_start(rule, now);
    let key = stored_key(rule, subject);
    let count = app.store.count_attempt(&key, window_start).await?;
    Ok(Counted { rule, key, window_start, now, count })
}

/// Counts an attempt and refuses it (429) when it is past the limit.
pub async fn take(
    app: &App,
    rule: Rule,
    subject: &str,
    field: Option<(&str, &'static str)>,
) -> Result<Counted, AppError> {
    count(app, rule, subject).await?.check(field)
}

/// A subject made of two (an address and a network): joined so that no two pairs look alike.
pub fn pair(a: &str, b: &str) -> String {
    format!("{}|{a}|{b}", a.len())
}

#[cfg(test)]
mod tests {
    use super::{MAX_DELAY_UNITS, delay_units, pair};

    #[test]
    fn delays_grow_from_the_limit_and_stop_at_the_cap() {
        let units: Vec<u32> = (8..=17).map(|n| delay_units(n, 10)).collect();
        assert_eq!(units, [0, 0, 0, 1, 2, 4, 8, 16, 16, 16]);
        assert_eq!(delay_units(i64::MAX, 10), MAX_DELAY_UNITS);
        assert_eq!(delay_units(i64::MIN, 10), 0);
    }

    #[test]
    fn pairs_do_not_collide() {
        assert_ne!(pair("a|b", "c"), pair("a", "b|c"));
    }
}
