//! Pages for people: the public guide, profession lists and search, the eligibility check.

mod account;
mod admin;
mod apidocs;
mod application;
mod audit;
mod card;
mod cases;
mod data;
mod guide;
mod looks;
mod professions;
mod screener;
mod staff;
mod words;

use axum::Router;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::Lang;
use domain::reference::{Kind, ListVersion};
use serde_json::json;
use time::Date;

use crate::error::{AppError, InvalidField};
use crate::lang::ReqLang;
use crate::state::AppState;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(guide::home))
        .route("/rights", get(guide::rights))
        .route("/categories", get(guide::categories))
        .route("/categories/1", get(guide::category1))
        .route("/categories/2", get(guide::category2))
        .route("/apply", get(guide::apply))
        .route("/contacts", get(guide::contacts))
        .route("/professions", get(professions::search))
        .route("/professions/{category}/{key}", get(professions::detail))
        .route("/check", get(screener::start))
        .route("/check/answers", get(screener::answers))
        .route("/check/result", get(screener::result))
        .route("/check/{question}", get(screener::question))
        .route("/api/docs", get(apidocs::docs))
        .route("/account", get(account::home))
        .route("/account/sign-up", get(account::sign_up_form).post(account::sign_up))
        .route("/account/check-email", get(account::check_email))
        .route("/account/verify", get(account::verify))
        .route("/account/sign-in", get(account::sign_in_form).post(account::sign_in))
        .route("/account/sign-in/code", get(account::code_form).post(account::code_submit))
        .route("/account/sign-out", post(account::sign_out))
        .route("/account/enrol", get(staff::enrol_form).post(staff::enrol_submit))
        .route("/account/sessions/{id}/end", post(staff::end_session))
        .route("/account/reset", get(account::reset_form).post(account::reset_request))
        .route("/account/reset/new", get(account::new_password_form).post(account::new_password))
        .route("/applications", get(application::list).post(application::create))
        .route("/applications/deleted", get(application::draft_deleted))
        .route("/applications/{id}", get(application::overview))
        .route("/applications/{id}/delete", get(application::delete_confirm).post(application::delete_draft))
        .route("/applications/{id}/looks", get(looks::page))
        .route("/applications/{id}/steps/{step}", get(application::step_form).post(application::step_save))
        .route("/applications/{id}/mrz", get(application::mrz_form).post(application::mrz_save))
        .route("/applications/{id}/documents", get(application::documents).post(application::upload))
        .route("/applications/{id}/documents/{doc}", get(application::download))
        .route("/applications/{id}/documents/{doc}/delete", post(application::delete_document))
        .route("/applications/{id}/check", get(application::check))
        .route("/applications/{id}/submit", post(application::submit))
        .route("/applications/{id}/submitted", get(application::submitted))
        .route("/applications/{id}/respond", post(application::respond))
        .route("/account/data.tar", get(data::archive))
        .route("/account/cards", get(card::list))
        .route("/account/cards/{number}", get(card::detail))
        .route("/account/cards/{number}/card.pdf", get(card::pdf))
        .route("/account/cards/{number}/qr.svg", get(card::qr_svg))
        .route("/account/cards/{number}/qr.png", get(card::qr_png))
        .route("/account/cards/{number}/passport", post(card::report_passport))
        .route("/verify", get(card::verify_form).post(card::verify))
        .route("/cases", get(cases::queue))
        .route("/cases/{id}", get(cases::case))
        .route("/cases/{id}/documents/{doc}", get(cases::document))
        .route("/cases/{id}/confirm", post(cases::confirm))
        .route("/cases/{id}/{action}", post(cases::act))
        .route("/checks", get(cases::checks))
        .route("/dashboard", get(cases::dashboard))
        .route("/audit", get(audit::search))
        .route("/audit/entries/{seq}", get(audit::entry))
        .route("/audit/export", get(audit::export))
        .route("/admin", get(admin::home))
        .route("/admin/staff", post(admin::create))
        .route("/admin/staff/{id}", post(admin::update))
        .route("/admin/staff/{id}/disable", post(admin::disable))
        .route("/admin/staff/{id}/enable", post(admin::enable))
        .route("/admin/role-changes/{id}", post(admin::decide))
        .route("/admin/calendar", post(admin::calendar))
        .route("/checks/{id}", post(cases::answer))
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
        "code": err.code.code(),
        "request_id": request_id,
        "fields": fields,
    });
    let body = app.renderer.render("error.html", lang, "/", &ctx).unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page does not render");
        format!("{} ({request_id})", err.code.code())
    });
    (crate::error::status_of(err.code), Html(body)).into_response()
}
