//! Case work: the office queue, background checks, document reviews and notes. Status changes still go
//! through [`crate::ApplicationRepo::transition`]; an agency's last answer moves the case on in the same
//! transaction as the answer.

use serde::Serialize;

use crate::StoreError;
use crate::applications::Application;

/// What a queue shows: one office's cases, filtered, soonest deadline first, a page at a time.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// The office (`department-KZ-75`).
    pub office: String,
    /// Only this status.
    pub status: Option<String>,
    /// Only this category (`1`, `2`, `3`).
    pub category: Option<String>,
    /// Only this citizenship (alpha-2).
    pub country: Option<String>,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only cases due on or before this date (ISO): overdue when it is yesterday.
    pub due_by: Option<String>,
    /// Only cases whose reference or passport number is this (upper case), or whose name keys hold
    /// every one of these folded words (any script).
    pub search: Option<(String, Vec<String>)>,
    /// Only cases on which this officer acted last.
    pub last_actor: Option<i64>,
    /// The order: `due` (default), `oldest`, `newest`, `reference`.
    pub sort: String,
    /// Page number from 1.
    pub page: i64,
    /// Cases per page.
    pub per_page: i64,
}

/// How far the queue counts its cases: beyond this many it says "more than" (decision 0038). Counting
/// every case of an office costs tens of milliseconds at a million applications; this bound, a few.
pub const QUEUE_COUNT_BOUND: i64 = 1000;

/// One page of a queue and how many cases it holds, counted up to a bound.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// The page's cases.
    pub rows: Vec<Application>,
    /// The cases counted: all of them when `more` is false, else the bound (`queue_count_limit` - 1).
    pub counted: i64,
    /// Whether there are more cases than `counted`.
    pub more: bool,
}

/// The most rows a queue's count reads for the filter's page: the bound, or every row up to the page's
/// end when the officer pages beyond it, and one more that tells whether there are more.
pub fn queue_count_limit(f: &QueueFilter) -> i64 {
    QUEUE_COUNT_BOUND.max(f.page.max(1).saturating_mul(f.per_page.clamp(1, 200))).saturating_add(1)
}

/// A background-check request to an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// `police` or `knb`.
    pub agency: String,
    /// When it was sent.
    pub requested_at: i64,
    /// The statutory date of the answer (ISO).
    pub due_on: String,
    /// When it was answered.
    pub answered_at: Option<i64>,
    /// `no_information` or `adverse`.
    pub result: Option<String>,
    /// The agency's reference.
    pub reference: Option<String>,
}

/// An officer's verdict on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// The document.
    pub document_id: i64,
    /// `accepted` or `rejected`.
    pub verdict: String,
    /// Why (required for a rejection).
    pub reason: Option<String>,
    /// Who.
    pub reviewed_by: i64,
    /// When.
    pub reviewed_at: i64,
}

/// A note an officer keeps on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Who.
    pub author_id: i64,
    /// When.
    pub at: i64,
    /// What.
    pub text: String,
}

/// A decision letter as recorded: its kind and the facts it states (decision 0027).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    /// The id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// `intended_refusal`, `refusal`, `grant`, ...
    pub kind: String,
    /// When it was made (with the decision or notice).
    pub at: i64,
    /// What it states, as JSON (`service::letters::Facts`).
    pub facts: serde_json::Value,
}

/// Case work.
#[async_trait::async_trait]
pub trait CaseRepo {
    /// One page of an office's queue and the number of cases in it, counted up to a bound
    /// ([`queue_count_limit`]).
    async fn queue(&self, f: &QueueFilter) -> Result<QueuePage, StoreError>;
    /// The checks of an application.
    async fn checks(&self, application_id: i64) -> Result<Vec<Check>, StoreError>;
    /// An agency's open requests, soonest due first.
    async fn open_checks(&self, agency: &str) -> Result<Vec<Check>, StoreError>;
    /// A check by id.
    async fn check(&self, id: i64) -> Result<Option<Check>, StoreError>;
    /// The registry's standing report for this IIN, if one stands.
    async fn citizenship_report(&self, iin: &str) -> Result<Option<crate::work::CitizenshipReport>, StoreError>;
    /// Records (or replaces) an officer's verdict on a document of an application.
    async fn review_document(&self, application_id: i64, review: &Review) -> Result<bool, StoreError>;
    /// The verdicts on an application's documents.
    async fn reviews(&self, application_id: i64) -> Result<Vec<Review>, StoreError>;
    /// Adds a note.
    async fn add_note(&self, application_id: i64, note: &Note) -> Result<(), StoreError>;
    /// The notes, oldest first.
    async fn notes(&self, application_id: i64) -> Result<Vec<Note>, StoreError>;
    /// An application's decision letters, oldest first.
    async fn letters(&self, application_id: i64) -> Result<Vec<Letter>, StoreError>;
    /// Cases not closed whose deadline is on or before `by` (ISO), soonest first.
    async fn due_cases(&self, by: &str) -> Result<Vec<Application>, StoreError>;
    /// Open background checks due on or before `by` (ISO).
    async fn due_checks(&self, by: &str) -> Result<Vec<Check>, StoreError>;
    /// Cases by office and status (drafts left out): office, status, count.
    async fn status_counts(&self) -> Result<Vec<(String, String, i64)>, StoreError>;
    /// An office's decided cases: when each was submitted and when decided (grant or countersignature).
    async fn decision_times(&self, office: &str) -> Result<Vec<(i64, i64)>, StoreError>;
    /// An office's open cases per officer who acted last on them: address and count.
    async fn officer_load(&self, office: &str) -> Result<Vec<(String, i64)>, StoreError>;
    /// Every staff account (anyone but applicants), by address.
    async fn staff(&self) -> Result<Vec<crate::accounts::User>, StoreError>;
    /// Changes a staff account's role and office; `false` for no such staff account.
    async fn update_staff(
        &self,
        id: i64,
        role: domain::account::Role,
        office: Option<&str>,
    ) -> Result<bool, StoreError>;
    /// Gives a staff account a new second factor, forgets the last code used and ends its sessions, in
    /// one transaction; `false` for no such staff account.
    async fn reset_factor(&self, id: i64, totp_secret: &str) -> Result<bool, StoreError>;
    /// The calendar years administrators saved: year and `YearData` as JSON.
    async fn calendar_years(&self) -> Result<Vec<(i64, String)>, StoreError>;
    /// Saves a calendar year (replacing an earlier edit).
    async fn save_calendar_year(&self, year: i64, data: &str, by: i64, at: i64) -> Result<(), StoreError>;
    /// The addresses of an office's staff in `role`.
    async fn staff_emails(
        &self,
        office: &str,
        role: domain::account::Role,
    ) -> Result<Vec<(String, String)>, StoreError>;
}

/// The WHERE clause of a queue and its bound values, in order (`$1`, `$2`, ...).
pub(crate) fn queue_conditions(f: &QueueFilter) -> (String, Vec<String>) {
    let mut cond = vec!["assigned_office = $1".to_owned()];
    let mut values = vec![f.office.clone()];
    for (column, value, op) in [
        ("status", &f.status, "="),
        ("category", &f.category, "="),
        ("country", &f.country, "="),
        ("channel", &f.channel, "="),
        ("due_on", &f.due_by, "<="),
    ] {
        if let Some(v) = value {
            values.push(v.clone());
            cond.push(format!("{column} {op} ${}", values.len()));
        }
    }
    if let Some((exact, words)) = &f.search {
        values.push(exact.clone());
        let e = values.len();
        let mut name = Vec::new();
        for w in words {
            values.push(format!("%{w}%"));
            let n = values.len();
            name.push(format!("(COALESCE(name_key_latin, '') LIKE ${n} OR COALESCE(name_key_kk, '') LIKE ${n})"));
        }
        let name = if name.is_empty() { String::new() } else { format!(" OR ({})", name.join(" AND ")) };
        cond.push(format!("(reference = ${e} OR passport_number = ${e}{name})"));
    }
    if let Some(actor) = f.last_actor {
        values.push(actor.to_string());
        cond.push(format!("last_officer_id = CAST(${} AS BIGINT)", values.len()));
    }
    (cond.join(" AND "), values)
}

/// The ORDER BY of a queue.
pub(crate) fn queue_order(f: &QueueFilter) -> &'static str {
    match f.sort.as_str() {
        "oldest" => "submitted_at ASC, id",
        "newest" => "submitted_at DESC, id DESC",
        "reference" => "reference, id",
        _ => "due_on ASC NULLS LAST, submitted_at, id",
    }
}

pub(crate) const CHECK_COLUMNS: &str =
    "id, application_id, agency, requested_at, due_on, answered_at, result, reference";

/// Generates [`CaseRepo`] for one backend.
macro_rules! impl_cases {
    ($store:ty, $db:ty) => {
        fn check_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::cases::Check, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::cases::Check {
                id: r.try_get("id")?,
                application_id: r.try_get("application_id")?,
                agency: r.try_get("agency")?,
                requested_at: r.try_get("requested_at")?,
                due_on: r.try_get("due_on")?,
                answered_at: r.try_get("answered_at")?,
                result: r.try_get("result")?,
                reference: r.try_get("reference")?,
            })
        }

        #[async_trait::async_trait]
        impl $crate::cases::CaseRepo for $store {
            async fn queue(
                &self,
                f: &$crate::cases::QueueFilter,
            ) -> Result<$crate::cases::QueuePage, $crate::StoreError> {
                // Only the filters given become conditions, so the planner sees plain equalities and a
                // range it can serve from the `(assigned_office, due_on ...)` indexes. The count reads at
                // most `limit` rows of an index, never the whole office.
                let (cond, values) = $crate::cases::queue_conditions(f);
                let limit = $crate::cases::queue_count_limit(f);
                let count_sql = format!(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM applications WHERE {cond} LIMIT ${}) AS bounded",
                    values.len() + 1
                );
                let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
                for v in &values {
                    count = count.bind(v);
                }
                let total = count.bind(limit).fetch_one(&self.pool).await?;
                let per = f.per_page.clamp(1, 200);
                let n = values.len();
                let sql = format!(
                    "SELECT {} FROM applications WHERE {cond} \
                     ORDER BY {} LIMIT ${} OFFSET ${}",
                    $crate::applications::APP_COLUMNS,
                    $crate::cases::queue_order(f),
                    n + 1,
                    n + 2
                );
                let mut q = sqlx::query(&sql);
                for v in &values {
                    q = q.bind(v);
                }
                let rows = q.bind(per).bind((f.page.max(1) - 1).saturating_mul(per)).fetch_all(&self.pool).await?;
                let rows = rows.iter().map(app_row).collect::<Result<_, _>>()?;
                let more = total >= limit;
                Ok($crate::cases::QueuePage { rows, counted: if more { limit - 1 } else { total }, more })
            }

            async fn checks(&self, application_id: i64) -> Result<Vec<$crate::cases::Check>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM checks WHERE application_id = $1 ORDER BY agency",
                    $crate::cases::CHECK_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(application_id).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(check_row).collect::<Result<_, _>>()?)
            }

            async fn open_checks(&self, agency: &str) -> Result<Vec<$crate::cases::Check>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM checks WHERE agency = $1 AND answered_at IS NULL ORDER BY due_on, id",
                    $crate::cases::CHECK_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(agency).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(check_row).collect::<Result<_, _>>()?)
            }

            async fn check(&self, id: i64) -> Result<Option<$crate::cases::Check>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM checks WHERE id = $1", $crate::cases::CHECK_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(check_row).transpose()?)
            }

            async fn citizenship_report(
                &self,
                iin: &str,
            ) -> Result<Option<$crate::work::CitizenshipReport>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM citizenship_reports WHERE iin = $1 AND withdrawn_at IS NULL",
                    $crate::work::REPORT_COLUMNS
                );
                let row = sqlx::query(&sql).bind(iin).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(report_row).transpose()?)
            }

            async fn review_document(
                &self,
                application_id: i64,
                r: &$crate::cases::Review,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let owned: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM documents WHERE id = $1 AND application_id = $2")
                        .bind(r.document_id)
                        .bind(application_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if owned.is_none() {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO document_reviews (document_id, verdict, reason, reviewed_by, reviewed_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (document_id) DO UPDATE SET verdict = $2, reason = $3, \
                     reviewed_by = $4, reviewed_at = $5",
                )
                .bind(r.document_id)
                .bind(&r.verdict)
                .bind(&r.reason)
                .bind(r.reviewed_by)
                .bind(r.reviewed_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn reviews(&self, application_id: i64) -> Result<Vec<$crate::cases::Review>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT r.document_id, r.verdict, r.reason, r.reviewed_by, r.reviewed_at FROM document_reviews r \
                     JOIN documents d ON d.id = r.document_id WHERE d.application_id = $1 ORDER BY r.document_id",
                )
                .bind(application_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok($crate::cases::Review {
                            document_id: r.try_get("document_id")?,
                            verdict: r.try_get("verdict")?,
                            reason: r.try_get("reason")?,
                            reviewed_by: r.try_get("reviewed_by")?,
                            reviewed_at: r.try_get("reviewed_at")?,
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err($crate::StoreError::from)
            }

            async fn add_note(&self, application_id: i64, n: &$crate::cases::Note) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO case_notes (application_id, author_id, at, text) VALUES ($1, $2, $3, $4)")
                    .bind(application_id)
                    .bind(n.author_id)
                    .bind(n.at)
                    .bind(&n.text)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn due_cases(&self, by: &str) -> Result<Vec<$crate::applications::Application>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM applications WHERE due_on IS NOT NULL AND due_on <= $1 \
                     AND status NOT IN ('draft', 'granted', 'refused') ORDER BY due_on, id",
                    $crate::applications::APP_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(by).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(app_row).collect::<Result<_, _>>()?)
            }

            async fn due_checks(&self, by: &str) -> Result<Vec<$crate::cases::Check>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM checks WHERE answered_at IS NULL AND due_on <= $1 ORDER BY due_on, id",
                    $crate::cases::CHECK_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(by).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(check_row).collect::<Result<_, _>>()?)
            }

            async fn status_counts(&self) -> Result<Vec<(String, String, i64)>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT assigned_office, status, COUNT(*) FROM applications WHERE assigned_office IS NOT NULL \
                     GROUP BY assigned_office, status ORDER BY assigned_office, status",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn decision_times(&self, office: &str) -> Result<Vec<(i64, i64)>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT a.submitted_at, MAX(e.at) FROM applications a JOIN application_events e \
                     ON e.application_id = a.id AND e.action IN ('grant', 'countersign') \
                     WHERE a.assigned_office = $1 AND a.status IN ('granted', 'refused') AND a.submitted_at IS NOT NULL \
                     GROUP BY a.id, a.submitted_at ORDER BY a.id",
                )
                .bind(office)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn officer_load(&self, office: &str) -> Result<Vec<(String, i64)>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT u.email, COUNT(*) FROM applications a JOIN application_events e ON e.application_id = a.id \
                     JOIN users u ON u.id = e.actor_id WHERE a.assigned_office = $1 \
                     AND a.status NOT IN ('draft', 'granted', 'refused') AND e.id = (SELECT MAX(e2.id) FROM \
                     application_events e2 WHERE e2.application_id = a.id AND e2.actor_role = 'officer') \
                     GROUP BY u.email ORDER BY COUNT(*) DESC, u.email",
                )
                .bind(office)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn staff(&self) -> Result<Vec<$crate::accounts::User>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM users WHERE role <> 'applicant' ORDER BY email",
                    $crate::accounts::USER_COLUMNS
                );
                let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(user_row).collect::<Result<_, _>>()?)
            }

            async fn update_staff(
                &self,
                id: i64,
                role: domain::account::Role,
                office: Option<&str>,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query("UPDATE users SET role = $1, office = $2 WHERE id = $3 AND role <> 'applicant'")
                    .bind(role.as_str())
                    .bind(office)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn reset_factor(&self, id: i64, totp_secret: &str) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let r = sqlx::query(
                    "UPDATE users SET totp_secret = $1, totp_last_step = NULL WHERE id = $2 AND role <> 'applicant'",
                )
                .bind(totp_secret)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if r.rows_affected() != 1 {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn calendar_years(&self) -> Result<Vec<(i64, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT year, data FROM calendar_years ORDER BY year").fetch_all(&self.pool).await?)
            }

            async fn save_calendar_year(&self, year: i64, data: &str, by: i64, at: i64) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO calendar_years (year, data, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (year) DO UPDATE SET data = $2, updated_by = $3, updated_at = $4",
                )
                .bind(year)
                .bind(data)
                .bind(by)
                .bind(at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn staff_emails(&self, office: &str, role: domain::account::Role) -> Result<Vec<(String, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT email, lang FROM users WHERE office = $1 AND role = $2 ORDER BY id")
                    .bind(office)
                    .bind(role.as_str())
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn letters(&self, application_id: i64) -> Result<Vec<$crate::cases::Letter>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT id, application_id, kind, at, facts FROM letters WHERE application_id = $1 ORDER BY id",
                )
                .bind(application_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        let facts: String = r.try_get("facts")?;
                        Ok($crate::cases::Letter {
                            id: r.try_get("id")?,
                            application_id: r.try_get("application_id")?,
                            kind: r.try_get("kind")?,
                            at: r.try_get("at")?,
                            facts: serde_json::from_str(&facts)?,
                        })
                    })
                    .collect::<Result<_, $crate::StoreError>>()
            }

            async fn notes(&self, application_id: i64) -> Result<Vec<$crate::cases::Note>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT author_id, at, text FROM case_notes WHERE application_id = $1 ORDER BY at, id",
                )
                .bind(application_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok($crate::cases::Note { author_id: r.try_get("author_id")?, at: r.try_get("at")?, text: r.try_get("text")? }))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err($crate::StoreError::from)
            }
        }
    };
}

pub(crate) use impl_cases;
