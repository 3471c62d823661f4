//! Administration pages: staff (create, change role and office, reset the second factor) and the
//! working-day calendar's yearly data. Administrators only.

use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::PageCtx;
use super::application::{SignedIn, SignedPost};
use crate::error::{AppError, ErrorCode, InvalidField};
use service::admin;

fn only_admin(user: &store::User) -> Result<(), AppError> {
    if user.role == admin::ADMINISTRATOR { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

async fn render(
    ctx: &PageCtx,
    session: &store::Session,
    created: Option<Value>,
    errors: &[InvalidField],
) -> Result<Response, AppError> {
    let staff: Vec<Value> = ctx
        .app
        .store
        .staff()
        .await?
        .into_iter()
        .map(|u| json!({ "id": u.id, "email": u.email, "role": u.role, "office": u.office.unwrap_or_default() }))
        .collect();
    let calendar = ctx.app.calendar();
    let years: Vec<Value> = calendar
        .years()
        .filter_map(|y| calendar.year_data(y).map(|d| json!({ "year": y, "kurban_ait": d.kurban_ait.to_string(), "transfers": d.transfers.len(), "verified": d.verified })))
        .collect();
    let errs = ctx.error_summary(errors);
    let res = ctx.render(
        "admin.html",
        json!({ "staff": staff, "roles": admin::staff_roles().collect::<Vec<_>>(), "years": years, "csrf": session.csrf, "created": created, "errors": errs }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// GET /admin
pub async fn home(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    only_admin(&user)?;
    render(&ctx, &session, None, &[]).await
}

/// POST /admin/staff: a new staff account; its password and second factor are shown once.
pub async fn create(
    ctx: PageCtx,
    SignedPost { session, user, path: (), form: f }: SignedPost<()>,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    match admin::create_staff(&ctx.app, &user, get("email"), get("role"), get("office")).await {
        Ok(c) => {
            let shown = json!({ "email": c.user.email, "password": c.password, "totp_uri": c.totp_uri });
            render(&ctx, &session, Some(shown), &[]).await
        }
        Err(e) if e.code == ErrorCode::Validation => render(&ctx, &session, None, &e.fields).await,
        Err(e) => Err(e.into()),
    }
}

/// POST /admin/staff/{id}: a new role and office, or (`reset_factor`) a new second factor.
pub async fn update(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    if get("reset_factor") == "yes" {
        let uri = admin::reset_factor(&ctx.app, &user, id).await?;
        let staff = ctx.app.store.user_by_id(id).await?.ok_or_else(AppError::not_found)?;
        return render(&ctx, &session, Some(json!({ "email": staff.email, "password": null, "totp_uri": uri })), &[])
            .await;
    }
    match admin::update_staff(&ctx.app, &user, id, get("role"), get("office")).await {
        Ok(()) => Ok(Redirect::to("/admin").into_response()),
        Err(e) if e.code == ErrorCode::Validation => render(&ctx, &session, None, &e.fields).await,
        Err(e) => Err(e.into()),
    }
}

/// POST /admin/calendar: a year's Kurban Ait and transfers of days off.
pub async fn calendar(
    ctx: PageCtx,
    SignedPost { session, user, path: (), form: f }: SignedPost<()>,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    let Ok(year) = get("year").trim().parse::<i32>() else {
        return render(&ctx, &session, None, &[InvalidField { field: "year".into(), problem: "invalid_date" }]).await;
    };
    match admin::save_year(
        &ctx.app,
        &user,
        year,
        get("kurban_ait"),
        get("transfers"),
        get("source"),
        get("verified") == "yes",
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/admin#calendar").into_response()),
        Err(e) if e.code == ErrorCode::Validation => render(&ctx, &session, None, &e.fields).await,
        Err(e) => Err(e.into()),
    }
}
