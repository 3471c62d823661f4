//! What the applicant is told when their case reaches a status: an e-mail (when the application has
//! an address) and the inbox message, in the application's language.

use domain::application::Status;
use store::Application;

use crate::app::App;

/// The subject and text announcing a status, in the application's language, with the last day of the
/// stage as the move fixed it (`due_on`); `None` for a status the applicant is not told of.
pub fn notices(
    app: &App,
    a: &Application,
    status: Status,
    reference: &str,
    due_on: Option<&str>,
) -> Option<(String, String)> {
    if !status.tells_applicant() {
        return None;
    }
    let date = app.i18n.iso_day(crate::inform::lang_of(a), due_on.unwrap_or_default());
    let args = [("reference", reference.to_owned()), ("link", crate::inform::link(app, a)), ("date", date)];
    Some(crate::inform::message(app, a, &format!("notice-{}", status.as_str().replace('_', "-")), &args))
}
