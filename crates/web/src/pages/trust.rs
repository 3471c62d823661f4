//! What a person needs to trust the service: who runs it and how to tell the real site (on every page,
//! `base.html`), the privacy notice (with the retention periods in force), the cookies it sets (read
//! from the code that sets them), the accessibility statement and how to give feedback.

use axum::response::Response;
use domain::reference::Kind;
use serde_json::{Value, json};

use super::PageCtx;
use crate::error::AppError;

/// The support e-mail address and free phone number of the reference data (the brochure's contacts).
fn contacts(p: &PageCtx) -> Result<(String, String), AppError> {
    let list = p.list(Kind::Contact)?;
    let value = |key: &str| list.item(key).and_then(|i| i.value.clone()).unwrap_or_default();
    Ok((value("email"), value("mobile_1404")))
}

/// GET /privacy: what is kept, why, who sees it, for how long, and what the person can do.
pub async fn privacy(p: PageCtx) -> Result<Response, AppError> {
    let (email, _) = contacts(&p)?;
    let r = &p.app.settings.retention;
    let d = &p.app.settings.decided_retention;
    let ctx = json!({
        "email": email,
        "draft_days": r.draft_idle_days,
        "session_days": r.session_days,
        "check_days": r.verification_days,
        "appeal_days": d.appeal_days,
        "refused_days": d.refused_days,
        "granted_days": d.granted_days,
    });
    p.render("privacy.html", ctx)
}

/// Every cookie the service sets: its name as sent, what it is for, how long it lasts (seconds).
pub fn cookies_set(app: &service::App) -> Vec<(&'static str, &'static str, i64)> {
    vec![
        (crate::auth::session_cookie_name(app), "cookies-session", service::auth::COOKIE_SESSION_SECS),
        (crate::auth::pending_cookie_name(app), "cookies-pending", service::auth::PENDING_SESSION_SECS),
        (crate::auth::csrf_cookie_name(app), "cookies-csrf", crate::auth::CSRF_COOKIE_SECS),
        ("lang", "cookies-lang", crate::lang::LANG_COOKIE_SECS),
    ]
}

/// GET /cookies: only the cookies the service needs, each with its purpose and lifetime.
pub async fn cookies(p: PageCtx) -> Result<Response, AppError> {
    let rows: Vec<Value> = cookies_set(&p.app)
        .into_iter()
        .map(|(name, purpose, secs)| {
            let lifetime = if secs >= 365 * 86_400 {
                p.t("cookies-year")
            } else if secs >= 3600 {
                p.app.i18n.message(p.lang, "cookies-hours", &[("n", (secs / 3600).to_string())])
            } else {
                p.app.i18n.message(p.lang, "cookies-minutes", &[("n", (secs / 60).to_string())])
            };
            json!({ "name": name, "purpose": p.t(purpose), "lifetime": lifetime })
        })
        .collect();
    p.render("cookies.html", json!({ "cookies": rows }))
}

/// GET /accessibility: the standard aimed at, how pages are checked, what is known to fall short.
pub async fn accessibility(p: PageCtx) -> Result<Response, AppError> {
    let (email, phone) = contacts(&p)?;
    p.render("accessibility.html", json!({ "email": email, "phone": phone }))
}

/// GET /feedback: how to tell the service what works and what does not.
pub async fn feedback(p: PageCtx) -> Result<Response, AppError> {
    let (email, phone) = contacts(&p)?;
    let subject = crate::lang::query_encode(&p.t("feedback-subject"));
    p.render("feedback.html", json!({ "email": email, "phone": phone, "subject": subject }))
}
