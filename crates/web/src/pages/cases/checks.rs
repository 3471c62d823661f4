//! The agencies' checks: a checker's open requests and the answer to one.

use std::collections::HashMap;

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::reference::Kind;
use serde_json::json;
use service::{applications, cases};

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use crate::auth;
use crate::error::{AppError, ErrorCode};

/// GET /checks: an agency checker's open requests, with only what a check needs.
pub async fn checks(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    service::policy::check_view(&user, service::policy::View::Checks)?;
    let Some((agency, _)) = cases::AGENCIES.iter().find(|(_, role)| *role == user.role) else {
        return Err(AppError::code(ErrorCode::Forbidden));
    };
    let mut rows = Vec::new();
    for c in ctx.app.store.open_checks(agency).await? {
        if let Some(a) = ctx.app.store.application(c.application_id).await? {
            rows.push(
                {
                    let mut person = cases::check_view(&a);
                    let x = applications::answers(&a);
                    if let Some(p) = person.as_object_mut() {
                        p.insert("citizenship".into(), json!(words::item(&ctx, Kind::Country, &x.citizenship)));
                        p.insert("birth_date".into(), json!(words::date(&ctx, &x.birth_date)));
                    }
                    json!({ "id": c.id, "due_on": words::date(&ctx, &c.due_on), "person": person, "reference": a.reference })
                },
            );
        }
    }
    let res = ctx.render(
        "checks.html",
        json!({ "staff": true, "agency": ctx.t(&format!("case-agency-{agency}")), "rows": rows, "csrf": session.csrf }),
    )?;
    Ok(super::super::private(res, false))
}

/// POST /checks/{id}: the agency's answer.
pub async fn answer(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    cases::answer_check(&ctx.app, &user, id, get("result"), get("reference")).await?;
    Ok(Redirect::to("/checks").into_response())
}
