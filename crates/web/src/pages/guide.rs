//! The public guide: what the card is, rights and restrictions, categories, how to apply, contacts.

use axum::response::Response;
use domain::reference::Kind;
use serde_json::json;

use super::PageCtx;
use crate::error::AppError;

/// The start page: what the card is.
pub async fn home(p: PageCtx) -> Result<Response, AppError> {
    let ctx = json!({ "facts": p.list_ctx(Kind::CardFact)?, "categories": p.list_ctx(Kind::Category)? });
    p.render("home.html", ctx)
}

/// Rights and restrictions.
pub async fn rights(p: PageCtx) -> Result<Response, AppError> {
    let facts = p.list(Kind::CardFact)?;
    let intro = facts.item("equal_rights").map(|i| i.text.clone());
    let ctx =
        json!({ "intro": intro, "rights": p.list_ctx(Kind::Right)?, "restrictions": p.list_ctx(Kind::Restriction)? });
    p.render("rights.html", ctx)
}

/// The three categories.
pub async fn categories(p: PageCtx) -> Result<Response, AppError> {
    let ctx = json!({
        "categories": p.list_ctx(Kind::Category)?,
        "cat1_count": p.list(Kind::ProfessionCat1)?.items.len(),
        "cat2_count": p.list(Kind::ProfessionCat2)?.items.len(),
    });
    p.render("categories.html", ctx)
}

/// Category 1: the 40 professions of the decree with their requirements.
pub async fn category1(p: PageCtx) -> Result<Response, AppError> {
    let ctx = json!({ "list": p.list_ctx(Kind::ProfessionCat1)?, "category": p.list(Kind::Category)?.item("1") });
    p.render("category1.html", ctx)
}

/// Category 2: the in-demand professions with НКЗ codes, grouped by field of education.
pub async fn category2(p: PageCtx) -> Result<Response, AppError> {
    let ctx = json!({ "list": p.list_ctx(Kind::ProfessionCat2)?, "category": p.list(Kind::Category)?.item("2") });
    p.render("category2.html", ctx)
}

/// How to apply: before you start (the documents, the time the law gives, the cost), applying on this
/// site, the other channels and the documents with their sources.
pub async fn apply(p: PageCtx) -> Result<Response, AppError> {
    let ctx = json!({
        "channels": p.list_ctx(Kind::Channel)?,
        "documents": p.list_ctx(Kind::Document)?,
        "days": domain::application::Status::days_to_decision(),
    });
    p.render("apply.html", ctx)
}

/// Support contacts.
pub async fn contacts(p: PageCtx) -> Result<Response, AppError> {
    let ctx = json!({ "contacts": p.list_ctx(Kind::Contact)? });
    p.render("contacts.html", ctx)
}
