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
        | A::CardReissueReturn => &[OFFICER],
        A::Countersign | A::ReturnRefusal | A::Reassign | A::CardRevoke | A::CardCountersign | A::CardReturn => {
            &[SUPERVISOR]
        }
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

#[cfg(test)]
mod tests {
    use super::{allows, roles};
    use domain::account::Role;
    use domain::case::CaseAction;

    #[test]
    fn every_action_has_a_role_and_no_other_role_is_allowed() {
        for a in CaseAction::ALL {
            assert!(!roles(a).is_empty(), "{a:?}");
            for r in Role::ALL.into_iter().filter(|r| !matches!(r, Role::Officer | Role::Supervisor)) {
                assert!(!allows(r, a), "{r} may not {a:?}");
            }
        }
        assert!(allows(Role::Officer, CaseAction::Grant) && !allows(Role::Supervisor, CaseAction::Grant));
        assert!(allows(Role::Supervisor, CaseAction::Countersign) && !allows(Role::Officer, CaseAction::Countersign));
    }
}
