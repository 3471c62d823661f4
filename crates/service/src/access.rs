//! Who may see an application or a case, and in which capacity: the rules every use case, page and
//! letter asks before it reads one (deny by default: anyone else gets "not found"), and the application's
//! answers as typed. Imports nothing of the use cases, so that all of them may ask it.

use domain::application::Answers;
use store::{Application, User};

use crate::app::App;
use crate::error::AppError;
use crate::policy;

/// In which capacity someone sees an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    /// The applicant (the owner, or the person whose address the intermediary gave).
    Applicant,
    /// Staff of the office that filed it.
    Intermediary,
}

impl Capacity {
    /// The role's name in the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            Capacity::Applicant => "applicant",
            Capacity::Intermediary => "intermediary",
        }
    }
}

/// An application and the capacity in which the caller sees it.
#[derive(Debug, Clone)]
pub struct Access {
    /// The application.
    pub app: Application,
    /// The caller's capacity.
    pub role: Capacity,
}

/// Whether `user` is staff who file applications for others.
pub fn is_intermediary(user: &User) -> bool {
    user.role == domain::account::Role::Intermediary && user.office.is_some()
}

/// Loads an application the caller may see; anything else is "not found" (existence is not revealed).
pub async fn load(app: &App, user: &User, id: i64) -> Result<Access, AppError> {
    let a = app.store.application(id).await?.ok_or_else(AppError::not_found)?;
    let verified = user.verified_at.is_some();
    if user.role == domain::account::Role::Applicant
        && (a.owner_id == Some(user.id)
            || (a.owner_id.is_none() && verified && a.applicant_email.as_deref() == Some(user.email.as_str())))
    {
        return Ok(Access { app: a, role: Capacity::Applicant });
    }
    if is_intermediary(user) && a.office.is_some() && a.office == user.office {
        return Ok(Access { app: a, role: Capacity::Intermediary });
    }
    Err(AppError::not_found())
}

/// The answers of an application.
pub fn answers(a: &Application) -> Answers {
    serde_json::from_value(a.answers.clone()).unwrap_or_default()
}

/// The case, if the caller works on it: officers and supervisors of the office it is routed to, and
/// auditors (read only). Anyone else: not found.
pub async fn load_case(app: &App, user: &User, id: i64) -> Result<Application, AppError> {
    let a = app.store.application(id).await?.ok_or_else(AppError::not_found)?;
    let of_its_office = user.role == policy::AUDITOR
        || a.assigned_office == user.office
        || (user.role == policy::APPEALS && forwarded_to(app, user, a.id).await?);
    if policy::view_roles(policy::View::Case).contains(&user.role) && a.assigned_office.is_some() && of_its_office {
        Ok(a)
    } else {
        Err(AppError::not_found())
    }
}

/// Whether the higher body `user` belongs to holds a complaint forwarded to it on the application (it
/// then reads the case's file).
pub async fn forwarded_to(app: &App, user: &User, application_id: i64) -> Result<bool, AppError> {
    let Some(office) = user.office.as_deref() else { return Ok(false) };
    let all = app.store.complaints(application_id).await?;
    Ok(all.iter().any(|c| c.appeals_office == office && c.forwarded_at.is_some()))
}
