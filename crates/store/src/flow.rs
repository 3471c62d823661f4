//! The status changes the dashboard's flow over time is computed from (`domain::flow`): the store only
//! reads them.

use crate::StoreError;

/// One status change as read: application, its assigned office, who took the step when an officer or
/// a supervisor did (address), when (Unix seconds), the status left and the status entered.
pub type ChangeRow = (i64, Option<String>, Option<String>, i64, String, String);

/// Reads for the dashboard over time.
#[async_trait::async_trait]
pub trait FlowRepo {
    /// Every status change of the cases of `office` (every office when `None`) that changed status at or
    /// after `since` (Unix seconds), with their earlier changes too (a stage that began before `since`
    /// ends inside it), by application and time.
    async fn status_changes(&self, office: Option<&str>, since: i64) -> Result<Vec<ChangeRow>, StoreError>;
}

/// Implements [`FlowRepo`] for a store.
macro_rules! impl_flow {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::flow::FlowRepo for $store {
            async fn status_changes(
                &self,
                office: Option<&str>,
                since: i64,
            ) -> Result<Vec<$crate::flow::ChangeRow>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT e.application_id, a.assigned_office, \
                     CASE WHEN e.actor_role IN ('officer', 'supervisor') THEN u.email END, e.at, e.from_status, \
                     e.to_status FROM application_events e JOIN applications a ON a.id = e.application_id \
                     LEFT JOIN users u ON u.id = e.actor_id \
                     WHERE e.from_status <> e.to_status AND ($1 = '' OR a.assigned_office = $1) \
                     AND e.application_id IN (SELECT application_id FROM application_events WHERE at >= $2 \
                     AND from_status <> to_status) ORDER BY e.application_id, e.at, e.id",
                )
                .bind(office.unwrap_or_default())
                .bind(since)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}
pub(crate) use impl_flow;
