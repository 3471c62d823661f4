//! Who may do what on a case: one table of role × action, deny by default. Every case action's use
//! case asks it (`check`) before anything else, and the route tests walk it for every role.

use domain::account::Role;
use domain::case::CaseAction;
use store::User;

use crate::error::{AppError, ErrorCode};

/// Decides cases.
pub const OFFICER: Role = Role::Officer;
/// Reassigns, watches deadlines, countersigns refusals.
pub const SUPERVISOR: Role = Role::Supervisor;
/// Answers background checks for the police.
pub const POLICE: Role = Role::CheckerPolice;
/// Answers background checks for the National Security Committee.
pub const KNB: Role = Role::CheckerKnb;
/// Reads the audit trail and statistics.
pub const AUDITOR: Role = Role::Auditor;
/// Decides complaints forwarded to the higher body.
pub const APPEALS: Role = Role::Appeals;

/// The roles that may take `action` on a case of their office (none other may).
pub fn roles(action: CaseAction) -> &'static [Role] {
    use CaseAction as A;
    match action {
        A::SendChecks
        | A::RequestCorrections
        | A::RecordIin
        | A::CorrectIin
        | A::Grant
        | A::ProposeRefusal
        | A::Review
        | A::CardReissue
        | A::CardReissueReturn
        | A::RecordHearing => &[OFFICER],
        A::Countersign
        | A::ReturnRefusal
        | A::Reassign
        | A::CardRevoke
        | A::CardCountersign
        | A::CardReturn
        | A::ComplaintRevise
        | A::ComplaintForward => &[SUPERVISOR],
        A::ComplaintUphold | A::ComplaintOverturn => &[APPEALS],
        A::Note | A::CardInvalidate => &[OFFICER, SUPERVISOR],
    }
}

/// Whether a user of `role` may take `action`.
pub fn allows(role: Role, action: CaseAction) -> bool {
    roles(action).contains(&role)
}

/// Refuses (403) a user whose role may not take `action`.
pub fn check(user: &User, action: CaseAction) -> Result<(), AppError> {
    if allows(user.role, action) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// The roles that may read the audit log's entries and search them (the tree's checkpoints and
/// proofs are public: they are hashes).
pub const LOG_READERS: &[Role] = &[AUDITOR];

/// Refuses (403) a user who may not read the audit log's entries.
pub fn check_log_reader(user: &User) -> Result<(), AppError> {
    if LOG_READERS.contains(&user.role) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// Manages staff accounts, offices and the calendar.
pub const ADMINISTRATOR: Role = Role::Administrator;

/// What administrators do to staff accounts (decision 0020).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAction {
    /// Create an account and its enrolment link.
    Create,
    /// Change a role and office (some changes wait for a second administrator).
    ChangeRole,
    /// Approve or reject another administrator's proposed role change.
    DecideRoleChange,
    /// Start a new enrolment (a new password and second factor, set by the person).
    ResetFactor,
    /// Disable an account, with a reason.
    Disable,
    /// Enable it again, with a reason.
    Enable,
    /// Edit the working-day calendar.
    EditCalendar,
}

impl StaffAction {
    /// Every staff action, for the route tests.
    pub const ALL: [StaffAction; 7] = [
        StaffAction::Create,
        StaffAction::ChangeRole,
        StaffAction::DecideRoleChange,
        StaffAction::ResetFactor,
        StaffAction::Disable,
        StaffAction::Enable,
        StaffAction::EditCalendar,
    ];
}

/// The roles that may take a staff action (administrators only).
pub fn staff_roles(action: StaffAction) -> &'static [Role] {
    match action {
        StaffAction::Create
        | StaffAction::ChangeRole
        | StaffAction::DecideRoleChange
        | StaffAction::ResetFactor
        | StaffAction::Disable
        | StaffAction::Enable
        | StaffAction::EditCalendar => &[ADMINISTRATOR],
    }
}

/// Refuses (403) a user whose role may not take the staff action.
pub fn check_staff(user: &User, action: StaffAction) -> Result<(), AppError> {
    if staff_roles(action).contains(&user.role) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// What anyone signed in does to their own account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    /// See their sessions (device, started, last seen).
    SeeSessions,
    /// End one of them.
    EndSession,
}

/// The roles that may take an action on their own account: everyone, on their own only.
pub fn account_roles(action: AccountAction) -> &'static [Role] {
    match action {
        AccountAction::SeeSessions | AccountAction::EndSession => &Role::ALL,
    }
}

/// Refuses (403) a user whose role may not take the action on their own account.
pub fn check_account(user: &User, action: AccountAction) -> Result<(), AppError> {
    if account_roles(action).contains(&user.role) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// Who may start an application: applicants for themselves, intermediaries for the people they serve.
pub const FILERS: &[Role] = &[Role::Applicant, Role::Intermediary];

/// Refuses (403) a user who may not start an application.
pub fn check_filer(user: &User) -> Result<(), AppError> {
    if FILERS.contains(&user.role) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// Who may take an application filed for them into their account with its claim code (decision 0028).
pub const CLAIMERS: &[Role] = &[Role::Applicant];

/// Refuses (403) anyone who may not claim an application.
pub fn check_claimer(user: &User) -> Result<(), AppError> {
    if CLAIMERS.contains(&user.role) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// What staff read: pages and lists that belong to some roles only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The office's queue of cases.
    Queue,
    /// One case with its documents (office staff of its office; auditors).
    Case,
    /// The background checks open for an agency, and answering them.
    Checks,
    /// The office's dashboard (supervisors of their office; auditors of any).
    Dashboard,
    /// The administration page (staff, role changes, the calendar).
    Admin,
    /// The audit log's entries, search and export.
    Log,
    /// The complaints open at the office (the deciding office's supervisors; the higher body).
    Complaints,
    /// The shared inbox of the office that files applications for others (its intermediaries).
    OfficeInbox,
}

impl View {
    /// Every view, for the route tests.
    pub const ALL: [View; 8] = [
        View::Queue,
        View::Case,
        View::Checks,
        View::Dashboard,
        View::Admin,
        View::Log,
        View::Complaints,
        View::OfficeInbox,
    ];
}

/// The roles that may open a view (none other may).
pub fn view_roles(view: View) -> &'static [Role] {
    match view {
        View::Queue => &[OFFICER, SUPERVISOR],
        View::Case => &[OFFICER, SUPERVISOR, AUDITOR, APPEALS],
        View::Complaints => &[SUPERVISOR, APPEALS],
        View::Checks => &[POLICE, KNB],
        View::Dashboard => &[SUPERVISOR, AUDITOR],
        View::Admin => &[ADMINISTRATOR],
        View::Log => LOG_READERS,
        View::OfficeInbox => &[Role::Intermediary],
    }
}

/// Refuses (403) a user whose role may not open the view.
pub fn check_view(user: &User, view: View) -> Result<(), AppError> {
    if view_roles(view).contains(&user.role) { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

#[cfg(test)]
mod tests {
    use super::{StaffAction, allows, roles, staff_roles};

    #[test]
    fn only_administrators_manage_staff() {
        for a in StaffAction::ALL {
            assert_eq!(staff_roles(a), [Role::Administrator], "{a:?}");
        }
    }

    use domain::account::Role;
    use domain::case::CaseAction;

    #[test]
    fn every_action_has_a_role_and_no_other_role_is_allowed() {
        for a in CaseAction::ALL {
            assert!(!roles(a).is_empty(), "{a:?}");
            for r in Role::ALL.into_iter().filter(|r| !matches!(r, Role::Officer | Role::Supervisor | Role::Appeals)) {
                assert!(!allows(r, a), "{r} may not {a:?}");
            }
        }
        assert!(allows(Role::Officer, CaseAction::Grant) && !allows(Role::Supervisor, CaseAction::Grant));
        assert!(allows(Role::Supervisor, CaseAction::Countersign) && !allows(Role::Officer, CaseAction::Countersign));
    }
}
