//! The copies the office that filed an application for someone gets of its notices (decision 0028):
//! its shared inbox, and e-mail to its address. Status changes (the step module), card changes (the
//! card's life) and the claim all copy through here; this module imports none of them.

use store::{Application, Work};

use crate::app::App;
use crate::error::AppError;

/// The office that filed the application, if an office did.
pub fn filing_office(a: &Application) -> Option<&str> {
    a.office.as_deref()
}

/// Where the office's e-mail copies go: its own address when one is set (`Settings::office_mail`),
/// else the addresses of its intermediaries who can sign in.
pub async fn office_addresses(app: &App, office: &str) -> Result<Vec<String>, AppError> {
    if let Some(address) = app.settings.office_mail.get(office) {
        return Ok(vec![address.clone()]);
    }
    Ok(app.store.office_staff_addresses(office).await?)
}

/// Copies a notice (`subject`, `body`, as the applicant is told it) to the office that filed `a`: into
/// its shared inbox always, and by e-mail when `email` and the office asked for copies. `key` makes the
/// e-mails' deduplication keys (one per address). Nothing for an application no office filed.
pub async fn copy_to_office(
    app: &App,
    work: &mut dyn Work,
    a: &Application,
    (subject, body): (&str, &str),
    at: i64,
    key: &str,
    email: bool,
) -> Result<(), AppError> {
    let Some(office) = filing_office(a) else { return Ok(()) };
    work.office_notice(office, a.id, subject, body, at).await?;
    if email && a.notify_office {
        for to in office_addresses(app, office).await? {
            let m = crate::mail::Email { to: to.clone(), subject: subject.to_owned(), body: body.to_owned() };
            let dedup = format!("{key}:office:{to}");
            work.enqueue(&crate::jobs::email_job(&m, at, Some(dedup), app.settings.mail.max_attempts), at).await?;
        }
    }
    Ok(())
}
