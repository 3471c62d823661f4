//! Pages for people: the public guide, profession lists and search, the eligibility check.

mod account;
mod admin;
mod apidocs;
mod application;
mod audit;
mod card;
mod cardface;
mod cases;
mod data;
mod guide;
mod letters;
mod looks;
mod professions;
mod screener;
mod signed;
mod staff;
mod trust;
mod words;

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use domain::Lang;
use domain::reference::{Kind, ListVersion};
use serde_json::json;
use time::Date;

use crate::error::{AppError, InvalidField};
use crate::lang::ReqLang;
use crate::state::AppState;

/// The page routes.
pub fn routes() -> crate::routes::Routes {
    crate::routes::Routes::new("")
        .get("/", guide::home)
        .get("/rights", guide::rights)
        .get("/categories", guide::categories)
        .get("/categories/1", guide::category1)
        .get("/categories/2", guide::category2)
        .get("/apply", guide::apply)
        .get("/contacts", guide::contacts)
        .get("/professions", professions::search)
        .get("/professions/{category}/{key}", professions::detail)
        .get("/check", screener::start)
        .get("/check/answers", screener::answers)
        .get("/check/result", screener::result)
        .get("/check/{question}", screener::question)
        .get("/api/docs", apidocs::docs)
        .get("/privacy", trust::privacy)
        .get("/cookies", trust::cookies)
        .get("/accessibility", trust::accessibility)
        .get("/feedback", trust::feedback)
        .get("/account", account::home)
        .get("/account/sign-up", account::sign_up_form)
        .post("/account/sign-up", account::sign_up)
        .get("/account/check-email", account::check_email)
        .get("/account/verify", account::verify)
        .get("/account/sign-in", account::sign_in_form)
        .post("/account/sign-in", account::sign_in)
        .get("/account/sign-in/code", account::code_form)
        .post("/account/sign-in/code", account::code_submit)
        .post("/account/sign-out", account::sign_out)
        .get("/account/enrol", staff::enrol_form)
        .post("/account/enrol", staff::enrol_submit)
        .post("/account/sessions/{id}/end", staff::end_session)
        .get("/account/reset", account::reset_form)
        .post("/account/reset", account::reset_request)
        .get("/account/reset/new", account::new_password_form)
        .post("/account/reset/new", account::new_password)
        .get("/applications", application::list)
        .post("/applications", application::create)
        .get("/applications/deleted", application::draft_deleted)
        .get("/applications/{id}", application::overview)
        .get("/applications/{id}/delete", application::delete_confirm)
        .post("/applications/{id}/delete", application::delete_draft)
        .get("/applications/{id}/looks", looks::page)
        .get("/applications/{id}/letters/{n}", letters::application_letter)
        .get("/applications/{id}/steps/{step}", application::step_form)
        .post("/applications/{id}/steps/{step}", application::step_save)
        .get("/applications/{id}/mrz", application::mrz_form)
        .post("/applications/{id}/mrz", application::mrz_save)
        .get("/applications/{id}/documents", application::documents)
        .post("/applications/{id}/documents", application::upload)
        .get("/applications/{id}/documents/{doc}", application::download)
        .post("/applications/{id}/documents/{doc}/delete", application::delete_document)
        .get("/applications/{id}/check", application::check)
        .post("/applications/{id}/submit", application::submit)
        .get("/applications/{id}/submitted", application::submitted)
        .post("/applications/{id}/respond", application::respond)
        .get("/applications/{id}/hearing", application::hearing)
        .post("/applications/{id}/hearing", application::hearing_book)
        .get("/applications/{id}/complaint", application::complaint)
        .post("/applications/{id}/complaint", application::complaint_lodge)
        .get("/applications/{id}/receipt", application::receipt)
        .post("/applications/{id}/claim-code", application::issue_claim_code)
        .get("/applications/{id}/card.pdf", application::card_pdf)
        .get("/office/inbox", application::office_inbox)
        .get("/claim", application::claim_form)
        .post("/claim", application::claim)
        .get("/account/data.tar", data::archive)
        .get("/account/cards", card::list)
        .get("/account/cards/{number}", card::detail)
        .get("/account/cards/{number}/card.pdf", card::pdf)
        .get("/account/cards/{number}/qr.svg", card::qr_svg)
        .get("/account/cards/{number}/qr.png", card::qr_png)
        .post("/account/cards/{number}/passport", card::report_passport)
        .get("/verify", card::verify_form)
        .post("/verify", card::verify)
        .get("/cases", cases::queue)
        .get("/cases/{id}", cases::case)
        .get("/cases/{id}/documents/{doc}", cases::document)
        .get("/cases/{id}/letters/{n}", letters::case_letter)
        .post("/cases/{id}/confirm", cases::confirm)
        .post("/cases/{id}/{action}", cases::act)
        .get("/complaints", cases::complaints)
        .get("/checks", cases::checks)
        .get("/dashboard", cases::dashboard)
        .get("/dashboard.csv", cases::dashboard_csv)
        .get("/audit", audit::search)
        .get("/audit/entries/{seq}", audit::entry)
        .get("/audit/export", audit::export)
        .get("/admin", admin::home)
        .post("/admin/staff", admin::create)
        .post("/admin/staff/{id}", admin::update)
        .post("/admin/staff/{id}/disable", admin::disable)
        .post("/admin/staff/{id}/enable", admin::enable)
        .post("/admin/role-changes/{id}", admin::decide)
        .post("/admin/calendar", admin::calendar)
        .post("/checks/{id}", cases::answer)
}

/// What every page handler needs: the app, the language, the date asked and the page's own URL.
pub struct PageCtx {
    pub app: AppState,
    pub lang: Lang,
    pub day: Date,
    pub path: String,
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let ReqLang(lang) = ReqLang::from_request_parts(parts, app).await.unwrap_or(ReqLang(Lang::Kk));
        let uri = OriginalUri::from_request_parts(parts, app).await.map_or_else(|_| parts.uri.clone(), |u| u.0);
        let day = crate::shared::day_asked(uri.query(), app)?;
        let path = uri.path_and_query().map_or_else(|| "/".to_owned(), ToString::to_string);
        Ok(PageCtx { app: app.clone(), lang, day, path })
    }
}

impl PageCtx {
    /// Renders a page.
    #[expect(clippy::needless_pass_by_value, reason = "callers build the context inline with json!")]
    pub fn render(&self, template: &str, ctx: serde_json::Value) -> Result<Response, AppError> {
        let html =
            self.app.renderer.render(template, self.lang, &self.path, &ctx).map_err(|e| AppError::internal(&e))?;
        Ok(Html(html).into_response())
    }

    /// The version of `kind` in force on the day asked.
    pub fn list(&self, kind: Kind) -> Result<&ListVersion, AppError> {
        self.app.catalog.in_force(kind, self.day).ok_or_else(AppError::not_found)
    }

    /// A list as template context: version, dates, source and items.
    pub fn list_ctx(&self, kind: Kind) -> Result<serde_json::Value, AppError> {
        let l = self.list(kind)?;
        Ok(json!({
            "version": l.version,
            "effective_from": l.effective_from.to_string(),
            "source": l.source,
            "items": l.items,
        }))
    }

    /// A message in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.app.i18n.t(self.lang, id)
    }

    /// A form's error summary: each problem in the reader's language, linked to its field (field ids
    /// are the names with `-` for `_`).
    pub fn error_summary(&self, fields: &[InvalidField]) -> Vec<serde_json::Value> {
        fields
            .iter()
            .map(|e| {
                serde_json::json!({
                    "href": format!("#{}", e.field.replace('_', "-")),
                    "text": self.app.i18n.field_problem(self.lang, &e.field, e.problem),
                })
            })
            .collect()
    }
}

/// A page with personal data: never cached; 422 when it shows the errors of a form.
pub(crate) fn private(mut res: Response, invalid: bool) -> Response {
    if invalid {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    res.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    res
}

/// The page for an unknown path.
pub async fn not_found() -> AppError {
    AppError::not_found()
}

/// The page shown for an error, in the reader's language, with the request id.
pub fn error_page(app: &AppState, lang: Lang, err: &service::AppError, request_id: &str) -> Response {
    let fields: Vec<String> = err.fields.iter().map(|f| app.i18n.problem_of(lang, err, f)).collect();
    let ctx = json!({
        "title": app.i18n.t(lang, err.code.message_id()),
        "detail": app.i18n.retry_detail(lang, err),
        "code": err.code.code(),
        "request_id": request_id,
        "fields": fields,
    });
    let body = app.renderer.render("error.html", lang, "/", &ctx).unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page does not render");
        format!("{} ({request_id})", err.code.code())
    });
    let mut res = (crate::error::status_of(err.code), Html(body)).into_response();
    crate::error::set_retry_after(&mut res, err);
    res
}

pub use trust::cookies_set;
