//! "Who looked at my data": the applicant sees which office and role opened their application, its
//! documents or their card, and when (from the audit log; staff identities stay with the auditors).

use axum::extract::Path;
use axum::response::Response;
use serde_json::{Value, json};

use super::PageCtx;
use super::application::{SignedIn, date_ts};
use crate::error::AppError;
use domain::reference::Kind;

/// An office in words: `department-KZ-75` is the regional department of that region, `embassy-MN`
/// the embassy in that country, `foundation` the Otandastar Foundation.
pub(crate) fn office_words(ctx: &PageCtx, office: &str) -> String {
    let name = |kind: Kind, key: &str| {
        ctx.app
            .catalog
            .in_force(kind, ctx.day)
            .and_then(|l| l.items.iter().find(|i| i.key == key).map(|i| i.name.get(ctx.lang).to_owned()))
            .unwrap_or_else(|| key.to_owned())
    };
    if let Some(region) = office.strip_prefix("department-") {
        ctx.app.i18n.message(ctx.lang, "looks-office-department", &[("region", name(Kind::Region, region))])
    } else if let Some(country) = office.strip_prefix("embassy-") {
        ctx.app.i18n.message(ctx.lang, "looks-office-embassy", &[("country", name(Kind::Country, country))])
    } else if office == "foundation" {
        ctx.t("looks-office-foundation")
    } else {
        office.to_owned()
    }
}

/// GET /applications/{id}/looks
pub async fn page(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let access = service::applications::load(&ctx.app, &user, id).await?;
    let looks = service::audit::looks(&ctx.app, access.app.id).await?;
    let rows: Vec<Value> = looks
        .iter()
        .map(|l| {
            json!({
                "when": date_ts(l.at),
                "office": l.office.as_deref().map_or_else(|| ctx.t("looks-office-none"), |o| office_words(&ctx, o)),
                "role": ctx.t(&format!("app-role-{}", l.role.replace('_', "-"))),
                "what": ctx.t(&format!("looks-action-{}", l.action.replace('_', "-"))),
            })
        })
        .collect();
    let res = ctx.render("looks.html", json!({ "id": id, "reference": access.app.reference, "looks": rows }))?;
    Ok(super::private(res, false))
}
