//! Telling the applicant: a message (subject and text, in the application's language) goes by e-mail
//! to the applicant's address, into the owner's inbox, and as a copy to the office that filed for them
//! (its shared inbox, and its address when it asked for copies: `crate::office`), all inside the unit
//! of work of the step it announces.

use domain::Lang;
use domain::reference::Kind;
use store::{Application, Work};

use crate::app::App;
use crate::error::AppError;

/// The application's language.
pub fn lang_of(a: &Application) -> Lang {
    Lang::parse(&a.lang).unwrap_or_default()
}

/// Delivers one message about `a`: `key` makes its e-mails' deduplication keys (one delivery per key).
/// `office_copy`: whether the filing office gets its e-mail copy of this one (its shared inbox always
/// does).
pub async fn tell(
    app: &App,
    work: &mut dyn Work,
    a: &Application,
    (subject, body): (&str, &str),
    key: &str,
    at: i64,
    office_copy: bool,
) -> Result<(), AppError> {
    let send = |to: String, who: &str| {
        let m = crate::mail::Email { to, subject: subject.to_owned(), body: body.to_owned() };
        crate::jobs::email_job(&m, at, Some(format!("{key}:{who}")), app.settings.mail.max_attempts)
    };
    let mut jobs = Vec::new();
    if let Some(to) = &a.applicant_email {
        jobs.push(send(to.clone(), "applicant"));
    }
    for job in &jobs {
        work.enqueue(job, at).await?;
    }
    // The office that filed for someone: its shared inbox always, its e-mail copy when it asked for
    // copies and `office_copy` (decision 0028).
    crate::office::copy_to_office(app, work, a, (subject, body), at, key, office_copy).await?;
    if let Some(owner) = a.owner_id {
        work.inbox(owner, subject, body, at).await?;
    }
    Ok(())
}

/// The message `id` (its `-subject` and `-body`) in the application's language, with `args`.
pub fn message(app: &App, a: &Application, id: &str, args: &[(&str, String)]) -> (String, String) {
    let lang = lang_of(a);
    (app.i18n.message(lang, &format!("{id}-subject"), args), app.i18n.message(lang, &format!("{id}-body"), args))
}

/// The link to the application's page.
pub fn link(app: &App, a: &Application) -> String {
    format!("{}/applications/{}", app.settings.public_url.trim_end_matches('/'), a.id)
}

/// An office (`department-KZ-75`, `embassy-CN`, `foundation`, `ministry`) by name, in `lang`.
pub fn office(app: &App, lang: Lang, key: &str) -> String {
    let item = |kind, k: &str| {
        app.catalog
            .in_force(kind, app.clock.today())
            .and_then(|l| l.item(k))
            .map_or_else(|| k.to_owned(), |i| i.name.get(lang).to_owned())
    };
    if let Some(region) = key.strip_prefix("department-") {
        app.i18n.message(lang, "desk-office-department", &[("region", item(Kind::Region, region))])
    } else if let Some(country) = key.strip_prefix("embassy-") {
        app.i18n.message(lang, "desk-office-embassy", &[("country", item(Kind::Country, country))])
    } else if key == "foundation" || key == "ministry" {
        app.i18n.t(lang, &format!("desk-office-{key}"))
    } else {
        key.to_owned()
    }
}
