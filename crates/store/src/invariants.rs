//! What must always hold of the stored rows, asked of the database for `atajoly check`
//! (`service::invariants` adds the file store and the audit log and words each finding). Each query
//! returns the rows that break one rule; none is an error here: the caller reports them.

use crate::StoreError;
use crate::applications::Document;

/// One row that breaks a rule: which rule, the ids it names and what it counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule, e.g. `grant_cards` (see [`RULES`]).
    pub kind: &'static str,
    /// The first id the rule names (an application, a card, a document, a job, an event).
    pub first: i64,
    /// A second id (another row of the same kind, or the application of an event), or 0.
    pub second: i64,
    /// What the rule counted (cards of a grant, rows sharing a key), or 0.
    pub count: i64,
    /// A text the rule names (a status, an IIN, an idempotency key), or empty.
    pub key: String,
}

/// Each rule and the query that finds the rows breaking it: four columns, two ids, a count, a text.
pub const RULES: &[(&str, &str)] = &[
    // A granted application has exactly one card that no later card replaced (a reissue supersedes).
    (
        "grant_cards",
        "SELECT a.id, CAST(0 AS BIGINT), CAST(COUNT(c.id) AS BIGINT), a.status FROM applications a \
         LEFT JOIN cards c ON c.application_id = a.id AND NOT EXISTS (SELECT 1 FROM cards n WHERE n.replaces = c.id) \
         WHERE a.status = 'granted' GROUP BY a.id, a.status HAVING COUNT(c.id) <> 1",
    ),
    // One valid card per person, by IIN and by passport (also partial unique indexes, migration 0010).
    (
        "valid_cards_per_iin",
        "SELECT MIN(id), MAX(id), CAST(COUNT(*) AS BIGINT), iin FROM cards WHERE state = 'valid' AND iin IS NOT NULL \
         GROUP BY iin HAVING COUNT(*) > 1",
    ),
    (
        "valid_cards_per_passport",
        "SELECT MIN(id), MAX(id), CAST(COUNT(*) AS BIGINT), citizenship || ' ' || passport_number FROM cards \
         WHERE state = 'valid' GROUP BY citizenship, passport_number HAVING COUNT(*) > 1",
    ),
    // A card belongs to a granted application.
    (
        "card_without_grant",
        "SELECT c.id, a.id, CAST(0 AS BIGINT), a.status FROM cards c JOIN applications a ON a.id = c.application_id \
         WHERE a.status <> 'granted'",
    ),
    // An application's status is the one its latest event moved it to (a draft has none to have).
    (
        "status_without_event",
        "SELECT a.id, CAST(0 AS BIGINT), CAST(0 AS BIGINT), a.status FROM applications a WHERE a.status <> 'draft' \
         AND COALESCE((SELECT e.to_status FROM application_events e WHERE e.application_id = a.id \
         ORDER BY e.id DESC LIMIT 1), '') <> a.status",
    ),
    // A card's state is the one its latest event moved it to.
    (
        "card_state_without_event",
        "SELECT c.id, c.application_id, CAST(0 AS BIGINT), c.state FROM cards c \
         WHERE COALESCE((SELECT e.to_state FROM card_events e WHERE e.card_id = c.id \
         ORDER BY e.id DESC LIMIT 1), '') <> c.state",
    ),
    // Every event is a leaf of the audit log, appended in its transaction.
    (
        "event_not_in_log",
        "SELECT e.id, e.application_id, CAST(0 AS BIGINT), e.action FROM application_events e \
         WHERE e.log_seq IS NULL OR NOT EXISTS (SELECT 1 FROM log_entries l WHERE l.seq = e.log_seq)",
    ),
    (
        "card_event_not_in_log",
        "SELECT e.id, e.card_id, CAST(0 AS BIGINT), e.action FROM card_events e \
         WHERE e.log_seq IS NULL OR NOT EXISTS (SELECT 1 FROM log_entries l WHERE l.seq = e.log_seq)",
    ),
    // One submission, one application: a retried create with its idempotency key finds the first.
    (
        "duplicate_idempotency_key",
        "SELECT MIN(id), MAX(id), CAST(COUNT(*) AS BIGINT), idempotency_key FROM applications \
         WHERE idempotency_key IS NOT NULL GROUP BY created_by, idempotency_key HAVING COUNT(*) > 1",
    ),
    // One upload, one document: the same bytes sent again for the same item and role are the same file.
    (
        "duplicate_document",
        "SELECT MIN(id), MAX(id), CAST(COUNT(*) AS BIGINT), item FROM documents \
         GROUP BY application_id, item, role, sha256 HAVING COUNT(*) > 1",
    ),
];

/// The job rule: a pending job due before `$1` that no worker ran (`--stuck`).
pub const STUCK_JOBS: &str = "SELECT id, CAST(attempts AS BIGINT), CAST(run_at AS BIGINT), kind FROM jobs WHERE state = 'pending' AND run_at < $1";

/// The invariant queries.
#[async_trait::async_trait]
pub trait InvariantRepo {
    /// Every row that breaks one of [`RULES`], and the pending jobs due before `stuck_before`.
    async fn findings(&self, stuck_before: i64) -> Result<Vec<Finding>, StoreError>;
    /// Documents with an id above `after`, at most `limit`, by id (the walk over every stored file).
    async fn documents_after(&self, after: i64, limit: i64) -> Result<Vec<Document>, StoreError>;
}

/// Implements [`InvariantRepo`] for a store (the applications' `doc_row` in scope).
macro_rules! impl_invariants {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::invariants::InvariantRepo for $store {
            async fn findings(
                &self,
                stuck_before: i64,
            ) -> Result<Vec<$crate::invariants::Finding>, $crate::StoreError> {
                let mut out = Vec::new();
                let rules = $crate::invariants::RULES.iter().map(|(k, sql)| (*k, *sql, None));
                let jobs = std::iter::once(("job_stuck", $crate::invariants::STUCK_JOBS, Some(stuck_before)));
                for (kind, sql, bind) in rules.chain(jobs) {
                    let mut q = sqlx::query_as::<_, (i64, i64, i64, Option<String>)>(sql);
                    if let Some(b) = bind {
                        q = q.bind(b);
                    }
                    for (first, second, count, key) in q.fetch_all(&self.pool).await? {
                        out.push($crate::invariants::Finding {
                            kind,
                            first,
                            second,
                            count,
                            key: key.unwrap_or_default(),
                        });
                    }
                }
                Ok(out)
            }

            async fn documents_after(
                &self,
                after: i64,
                limit: i64,
            ) -> Result<Vec<$crate::applications::Document>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM documents WHERE id > $1 ORDER BY id LIMIT $2",
                    $crate::applications::DOC_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(after).bind(limit).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(doc_row).collect::<Result<_, _>>()?)
            }
        }
    };
}
pub(crate) use impl_invariants;
