//! Case work in the browser: the office queue (`queue`), the case with its actions (`page`), the summary
//! before a decision and the actions' posts (`decide`), the agencies' checks (`checks`) and the dashboard
//! (`dashboard`, with the flow over time and its CSV in `flow`), the hearing, complaints and the complaints at an office (`appeal`). Every action is a POST with the session's CSRF token; what the caller may do is decided
//! in [`service::cases`], deny by default.

mod appeal;
mod chart;
mod checks;
mod dashboard;
mod decide;
mod flow;
mod page;
mod queue;

pub use appeal::queue as complaints;
pub use checks::{answer, checks};
pub use dashboard::dashboard;
pub use decide::{act, confirm};
pub use flow::csv as dashboard_csv;
pub use page::{case, document};
pub use queue::queue;
