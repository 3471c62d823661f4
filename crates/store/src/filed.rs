//! Applications filed for someone (decision 0028): the filing office's shared inbox, the addresses its
//! e-mail copies go to when the office has none of its own, and the claim codes (their hashes) with
//! which an applicant takes an application into their account. The writes are the unit of work's
//! ([`crate::Work::office_notice`], [`crate::Work::set_claim_code`], [`crate::Work::take_application`]).

use crate::StoreError;

/// A notice in an office's shared inbox.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OfficeNotice {
    /// The id.
    pub id: i64,
    /// The application it is about.
    pub application_id: i64,
    /// The application's reference number, once it has one.
    pub reference: Option<String>,
    /// The notice's subject, as the applicant got it.
    pub subject: String,
    /// Its text.
    pub body: String,
    /// When.
    pub created_at: i64,
}

/// An application's claim code as kept: its SHA-256 only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimCode {
    /// The application.
    pub application_id: i64,
    /// SHA-256 of the code, hex.
    pub code_hash: String,
    /// The intermediary who issued it.
    pub issued_by: i64,
    /// When.
    pub issued_at: i64,
    /// When it was used, if it was.
    pub used_at: Option<i64>,
    /// The account that used it.
    pub used_by: Option<i64>,
}

/// The shared inboxes of offices and the claim codes.
#[async_trait::async_trait]
pub trait FiledRepo {
    /// The office's shared inbox, newest first (at most `limit`).
    async fn office_inbox(&self, office: &str, limit: i64) -> Result<Vec<OfficeNotice>, StoreError>;
    /// The addresses of the office's intermediaries who can sign in (enrolled, not disabled).
    async fn office_staff_addresses(&self, office: &str) -> Result<Vec<String>, StoreError>;
    /// The claim code of an application, if one was issued.
    async fn claim_code(&self, application_id: i64) -> Result<Option<ClaimCode>, StoreError>;
    /// The application with this reference number.
    async fn application_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<crate::applications::Application>, StoreError>;
}

pub(crate) const CLAIM_COLUMNS: &str = "application_id, code_hash, issued_by, issued_at, used_at, used_by";

/// Generates [`FiledRepo`] for one backend (the same SQL serves both).
macro_rules! impl_filed {
    ($store:ty, $db:ty) => {
        fn claim_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::filed::ClaimCode, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::filed::ClaimCode {
                application_id: r.try_get("application_id")?,
                code_hash: r.try_get("code_hash")?,
                issued_by: r.try_get("issued_by")?,
                issued_at: r.try_get("issued_at")?,
                used_at: r.try_get("used_at")?,
                used_by: r.try_get("used_by")?,
            })
        }

        /// [`crate::Work::take_application`] in the transaction `tx`.
        pub(crate) async fn take_in(
            tx: &mut sqlx::Transaction<'static, $db>,
            application_id: i64,
            code_hash: &str,
            owner_id: i64,
            email: &str,
            at: i64,
        ) -> Result<bool, $crate::StoreError> {
            let used = sqlx::query(
                "UPDATE claim_codes SET used_at = $1, used_by = $2 \
                 WHERE application_id = $3 AND code_hash = $4 AND used_at IS NULL",
            )
            .bind(at)
            .bind(owner_id)
            .bind(application_id)
            .bind(code_hash)
            .execute(&mut **tx)
            .await?;
            if used.rows_affected() != 1 {
                return Ok(false);
            }
            let owned = sqlx::query(
                "UPDATE applications SET owner_id = $1, applicant_email = $2, updated_at = $3, version = version + 1 \
                 WHERE id = $4 AND owner_id IS NULL AND erased_at IS NULL",
            )
            .bind(owner_id)
            .bind(email)
            .bind(at)
            .bind(application_id)
            .execute(&mut **tx)
            .await?;
            if owned.rows_affected() != 1 {
                return Ok(false);
            }
            sqlx::query("UPDATE cards SET holder_id = $1 WHERE application_id = $2 AND holder_id IS NULL")
                .bind(owner_id)
                .bind(application_id)
                .execute(&mut **tx)
                .await?;
            Ok(true)
        }

        #[async_trait::async_trait]
        impl $crate::filed::FiledRepo for $store {
            async fn office_inbox(
                &self,
                office: &str,
                limit: i64,
            ) -> Result<Vec<$crate::filed::OfficeNotice>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT o.id, o.application_id, a.reference, o.subject, o.body, o.created_at FROM office_inbox o \
                     JOIN applications a ON a.id = o.application_id \
                     WHERE o.office = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT $2",
                )
                .bind(office)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                let row = |r: &<$db as sqlx::Database>::Row| -> Result<$crate::filed::OfficeNotice, sqlx::Error> {
                    Ok($crate::filed::OfficeNotice {
                        id: r.try_get("id")?,
                        application_id: r.try_get("application_id")?,
                        reference: r.try_get("reference")?,
                        subject: r.try_get("subject")?,
                        body: r.try_get("body")?,
                        created_at: r.try_get("created_at")?,
                    })
                };
                Ok(rows.iter().map(row).collect::<Result<_, _>>()?)
            }

            async fn office_staff_addresses(&self, office: &str) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT email FROM users WHERE office = $1 AND role = 'intermediary' \
                     AND enrolled_at IS NOT NULL AND disabled_at IS NULL ORDER BY id",
                )
                .bind(office)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn claim_code(
                &self,
                application_id: i64,
            ) -> Result<Option<$crate::filed::ClaimCode>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM claim_codes WHERE application_id = $1", $crate::filed::CLAIM_COLUMNS);
                let row = sqlx::query(&sql).bind(application_id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(claim_row).transpose()?)
            }

            async fn application_by_reference(
                &self,
                reference: &str,
            ) -> Result<Option<$crate::applications::Application>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM applications WHERE reference = $1 AND erased_at IS NULL",
                    $crate::applications::APP_COLUMNS
                );
                let row = sqlx::query(&sql).bind(reference).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(app_row).transpose()?)
            }
        }
    };
}
pub(crate) use impl_filed;
