//! What the applicant is told when their case reaches a status: an e-mail (when the application has
//! an address) and the inbox message, in the application's language.

use domain::Lang;
use domain::application::Status;
use store::{Application, NewJob};

use crate::app::App;
use crate::jobs::email_job;
use crate::letters::Letter;
use crate::mail;

/// The e-mails and inbox message announcing a status, in the application's language. A status that
/// comes with a decision letter (`letter`) is announced by the letter itself: its subject, and its
/// text word for word as the PDF has it.
pub fn notices(
    app: &App,
    a: &Application,
    status: Status,
    reference: &str,
    at: i64,
    letter: Option<&Letter>,
) -> (Vec<NewJob>, Option<(String, String)>) {
    if !status.tells_applicant() {
        return (Vec::new(), None);
    }
    let (subject, body) =
        letter.map_or_else(|| status_notice(app, a, status, reference), |l| (l.subject.clone(), l.text()));
    let mut jobs = Vec::new();
    let mut send = |to: &str, dedup: String| {
        let m = mail::Email { to: to.to_owned(), subject: subject.clone(), body: body.clone() };
        jobs.push(email_job(&m, at, Some(dedup), app.settings.mail.max_attempts));
    };
    if let Some(to) = &a.applicant_email {
        send(to, format!("notice:{}:{}:{at}:applicant", a.id, status.as_str()));
    }
    (jobs, Some((subject, body)))
}

/// The subject and body of the message announcing a status that comes with no letter.
fn status_notice(app: &App, a: &Application, status: Status, reference: &str) -> (String, String) {
    let lang = Lang::parse(&a.lang).unwrap_or_default();
    let link = format!("{}/applications/{}", app.settings.public_url.trim_end_matches('/'), a.id);
    let date = crate::deadlines::due(app, status).unwrap_or_default();
    let args = [("reference", reference.to_owned()), ("link", link), ("date", date)];
    let id = format!("notice-{}", status.as_str().replace('_', "-"));
    (app.i18n.message(lang, &format!("{id}-subject"), &args), app.i18n.message(lang, &format!("{id}-body"), &args))
}
