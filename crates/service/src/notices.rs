//! What the applicant is told when their case reaches a status: an e-mail (when the application has
//! an address) and the inbox message, in the application's language.

use domain::application::Status;
use store::Application;

use crate::app::App;
use crate::letters::Letter;

/// The subject and text announcing a status, in the application's language; `None` for a status the
/// applicant is not told of. A status that comes with a decision letter (`letter`) is announced by the
/// letter itself: its subject, and its text word for word as the PDF has it; any other by its notice,
/// with the last day of the stage as the move fixed it (`due_on`).
pub fn notices(
    app: &App,
    a: &Application,
    status: Status,
    reference: &str,
    due_on: Option<&str>,
    letter: Option<&Letter>,
) -> Option<(String, String)> {
    if !status.tells_applicant() {
        return None;
    }
    if let Some(l) = letter {
        return Some((l.subject.clone(), l.text()));
    }
    let date = app.i18n.iso_day(crate::inform::lang_of(a), due_on.unwrap_or_default());
    let args = [("reference", reference.to_owned()), ("link", crate::inform::link(app, a)), ("date", date)];
    Some(crate::inform::message(app, a, &format!("notice-{}", status.as_str().replace('_', "-")), &args))
}
