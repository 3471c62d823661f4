//! Administration pages: staff (create with an enrolment link, change role and office, approve another
//! administrator's role change, a new enrolment, disable and enable) and the
//! working-day calendar's yearly data. Administrators only.

use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::PageCtx;
use super::application::{SignedIn, SignedPost};
use crate::error::{AppError, ErrorCode, InvalidField};
use service::admin;

fn only_admin(user: &store::User) -> Result<(), AppError> {
    Ok(service::policy::check_view(user, service::policy::View::Admin)?)
}

/// What the page says after an action: a message id with its arguments, and a link shown once.
#[derive(Default)]
struct Shown {
    notice: Option<(&'static str, Vec<(&'static str, String)>)>,
    link: Option<String>,
}

async fn render(
    ctx: &PageCtx,
    session: &store::Session,
    user: &store::User,
    shown: Shown,
    errors: &[InvalidField],
) -> Result<Response, AppError> {
    let staff: Vec<Value> = ctx
        .app
        .store
        .staff()
        .await?
        .into_iter()
        .map(|u| {
            let state = if u.disabled_at.is_some() {
                "staff-state-disabled"
            } else if u.enrolled_at.is_none() {
                "staff-state-enrolling"
            } else {
                "staff-state-active"
            };
            json!({
                "id": u.id, "email": u.email, "name": u.name.unwrap_or_default(), "role": u.role,
                "office": u.office.unwrap_or_default(), "state": ctx.t(state),
                "disabled": u.disabled_at.is_some(), "reason": u.disabled_reason.unwrap_or_default(),
                "me": u.id == user.id,
            })
        })
        .collect();
    let changes: Vec<Value> = ctx
        .app
        .store
        .role_changes(true)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "id": c.id, "email": c.email, "from": c.from_role, "to": c.role, "office": c.office.unwrap_or_default(),
                "by": c.proposer_email, "at": super::application::date_ts(c.proposed_at),
                "mine": c.proposed_by == user.id || c.user_id == user.id,
            })
        })
        .collect();
    let calendar = ctx.app.calendar();
    let years: Vec<Value> = calendar
        .years()
        .filter_map(|y| calendar.year_data(y).map(|d| json!({ "year": y, "kurban_ait": d.kurban_ait.to_string(), "transfers": d.transfers.len(), "verified": d.verified })))
        .collect();
    let errs = ctx.error_summary(errors);
    let notice = shown.notice.map(|(id, args)| {
        let args: Vec<(&str, String)> = args;
        ctx.app.i18n.message(ctx.lang, id, &args)
    });
    let res = ctx.render(
        "admin.html",
        json!({ "staff": staff, "changes": changes, "roles": admin::staff_roles().collect::<Vec<_>>(), "years": years,
                "csrf": session.csrf, "notice": notice, "link": shown.link, "errors": errs }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// GET /admin
pub async fn home(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    only_admin(&user)?;
    render(&ctx, &session, &user, Shown::default(), &[]).await
}

/// The page again with a refused form's problems; any other error as itself.
async fn refused(
    ctx: &PageCtx,
    session: &store::Session,
    user: &store::User,
    e: service::AppError,
) -> Result<Response, AppError> {
    if e.code == ErrorCode::Validation {
        render(ctx, session, user, Shown::default(), &e.fields).await
    } else {
        Err(e.into())
    }
}

/// POST /admin/staff: a new staff account; its enrolment link is e-mailed and shown here once. The
/// administrator sees no password and no second factor: the person sets both.
pub async fn create(
    ctx: PageCtx,
    SignedPost { session, user, path: (), form: f }: SignedPost<()>,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    match admin::create_staff(&ctx.app, &user, get("email"), get("name"), get("role"), get("office")).await {
        Ok(c) => {
            let shown =
                Shown { notice: Some(("staff-created", vec![("email", c.user.email.clone())])), link: Some(c.link) };
            render(&ctx, &session, &user, shown, &[]).await
        }
        Err(e) => refused(&ctx, &session, &user, e).await,
    }
}

/// POST /admin/staff/{id}: a new role and office (some wait for a second administrator), or
/// (`reset_factor`) a new enrolment.
pub async fn update(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    if get("reset_factor") == "yes" {
        return match admin::reset_factor(&ctx.app, &user, id).await {
            Ok(link) => {
                let staff = ctx.app.store.user_by_id(id).await?.ok_or_else(AppError::not_found)?;
                let shown = Shown { notice: Some(("staff-reenrol", vec![("email", staff.email)])), link: Some(link) };
                render(&ctx, &session, &user, shown, &[]).await
            }
            Err(e) => refused(&ctx, &session, &user, e).await,
        };
    }
    match admin::update_staff(&ctx.app, &user, id, get("role"), get("office")).await {
        Ok(admin::RoleOutcome::Applied) => Ok(Redirect::to("/admin").into_response()),
        Ok(admin::RoleOutcome::Proposed(_)) => {
            let shown = Shown { notice: Some(("staff-change-proposed", vec![])), link: None };
            render(&ctx, &session, &user, shown, &[]).await
        }
        Err(e) => refused(&ctx, &session, &user, e).await,
    }
}

/// POST /admin/staff/{id}/disable and /enable: with a reason (required).
async fn disable_or_enable(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
    disabled: bool,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let reason = f.get("reason").map_or("", String::as_str);
    match admin::set_disabled(&ctx.app, &user, id, disabled, reason).await {
        Ok(()) => Ok(Redirect::to("/admin#staff").into_response()),
        Err(e) => refused(&ctx, &session, &user, e).await,
    }
}

/// POST /admin/staff/{id}/disable
pub async fn disable(ctx: PageCtx, post: SignedPost<i64>) -> Result<Response, AppError> {
    disable_or_enable(ctx, post, true).await
}

/// POST /admin/staff/{id}/enable
pub async fn enable(ctx: PageCtx, post: SignedPost<i64>) -> Result<Response, AppError> {
    disable_or_enable(ctx, post, false).await
}

/// POST /admin/role-changes/{id}: another administrator approves or rejects a proposed role change.
pub async fn decide(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
) -> Result<Response, AppError> {
    only_admin(&user)?;
    let approve = match f.get("decision").map(String::as_str) {
        Some("approve") => true,
        Some("reject") => false,
        _ => {
            return render(
                &ctx,
                &session,
                &user,
                Shown::default(),
                &[InvalidField { field: "decision".into(), problem: "required" }],
            )
            .await;
        }
    };
    match admin::decide_role_change(&ctx.app, &user, id, approve).await {
        Ok(_) => Ok(Redirect::to("/admin#role-changes").into_response()),
        Err(e) => refused(&ctx, &session, &user, e).await,
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
        return render(
            &ctx,
            &session,
            &user,
            Shown::default(),
            &[InvalidField { field: "year".into(), problem: "invalid_date" }],
        )
        .await;
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
        Err(e) => refused(&ctx, &session, &user, e).await,
    }
}
