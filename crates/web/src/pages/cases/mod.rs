//! Case work in the browser: the office queue (`queue`), the case with its actions (`page`), the summary
//! before a decision and the actions' posts (`decide`), the agencies' checks (`checks`) and the dashboard
//! (`dashboard`), the hearing, complaints and the complaints at an office (`appeal`). Every action is a POST with the session's CSRF token; what the caller may do is decided
//! in [`service::cases`], deny by default.

mod appeal;
mod checks;
mod dashboard;
mod decide;
mod page;
mod queue;

pub use appeal::queue as complaints;
pub use checks::{answer, checks};
pub use dashboard::dashboard;
pub use decide::{act, confirm};
pub use page::{case, document};
pub use queue::queue;
