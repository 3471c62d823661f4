//! Where an application is in the procedure: its statuses, the actions that move it, the state
//! machine, and where a case resumes after corrections.

use serde::{Deserialize, Serialize};

use super::{Answers, Step};

/// Where a resubmission takes a case whose request for corrections interrupted `interrupted`: back to
/// that step, except that checks which all came back meanwhile take it on to the IIN. `None` for a
/// status corrections are not asked from.
pub fn resumed(interrupted: Status, checks_open: bool) -> Option<Status> {
    match interrupted {
        Status::ChecksPending if !checks_open => Some(Status::AwaitingIin),
        Status::Submitted | Status::ChecksPending | Status::AwaitingIin | Status::IinRecorded => Some(interrupted),
        _ => None,
    }
}

/// The reopened items a resubmission leaves as they were when corrections were asked: an answer step
/// whose every answer is the same as `before`, a document item (`doc:<item>`) with no file added since
/// the request (`new_files` names the items that have one). Each reopened item must change.
pub fn unchanged_items<'a>(
    reopened: &'a [String],
    before: &Answers,
    after: &Answers,
    new_files: &[&str],
) -> Vec<&'a str> {
    reopened
        .iter()
        .filter(|item| match item.strip_prefix("doc:") {
            Some(doc) => !new_files.contains(&doc),
            None => {
                Step::from_slug(item).is_some_and(|s| s.fields().iter().all(|(f, _)| before.get(f) == after.get(f)))
            }
        })
        .map(String::as_str)
        .collect()
}

/// Where an application is in the procedure. Case work adds its own states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being filled in; only its authors see it.
    Draft,
    /// Filed and frozen; the officer checks completeness and sends the background checks (1 working day).
    Submitted,
    /// The officer asked for corrections: only the items named reopen.
    CorrectionsRequested,
    /// The police and the National Security Committee have the requests (5 working days).
    ChecksPending,
    /// Both agencies answered; the officer records the IIN issued.
    AwaitingIin,
    /// The IIN is recorded; the decision is due (3 working days).
    IinRecorded,
    /// A grant proposed by the officer over an adverse background-check answer, with a written
    /// reason, waiting for a supervisor's countersignature (never the proposer's).
    GrantPending,
    /// Granted: the card is issued.
    Granted,
    /// A refusal proposed by the officer, waiting for the supervisor's countersignature.
    RefusalPending,
    /// Refused (countersigned).
    Refused,
}

/// What someone does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The applicant or intermediary files it.
    Submit,
    /// An officer asks for corrections.
    RequestCorrections,
    /// An officer sends the background-check requests.
    SendChecks,
    /// The last agency answers (the system moves the case on).
    ChecksAnswered,
    /// An officer records the IIN.
    RecordIin,
    /// An officer grants the card.
    Grant,
    /// An officer proposes a refusal.
    ProposeRefusal,
    /// An officer proposes a grant over an adverse check answer.
    ProposeGrant,
    /// A supervisor countersigns the proposed refusal or grant.
    Countersign,
    /// A supervisor sends the proposed refusal or grant back to the officer.
    SendBack,
    /// A complaint against the refusal is satisfied (by the office or the higher body): the case is
    /// decided again.
    Reconsider,
    /// The higher body overturns the refusal and grants the card.
    GrantOnAppeal,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 10] = [
        Status::Draft,
        Status::Submitted,
        Status::CorrectionsRequested,
        Status::ChecksPending,
        Status::AwaitingIin,
        Status::IinRecorded,
        Status::GrantPending,
        Status::Granted,
        Status::RefusalPending,
        Status::Refused,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::CorrectionsRequested => "corrections_requested",
            Status::ChecksPending => "checks_pending",
            Status::AwaitingIin => "awaiting_iin",
            Status::IinRecorded => "iin_recorded",
            Status::GrantPending => "grant_pending",
            Status::Granted => "granted",
            Status::RefusalPending => "refusal_pending",
            Status::Refused => "refused",
        }
    }

    /// The status with this stored name.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the applicant is told when the case reaches this status: not of a grant proposed inside
    /// the office (they hear the decision itself).
    pub fn tells_applicant(self) -> bool {
        self != Status::GrantPending
    }

    /// Whether the case is closed.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Granted | Status::Refused)
    }

    /// The state machine: the status after `action`, or `None` when the action is not allowed now.
    pub fn after(self, action: Action) -> Option<Status> {
        match (self, action) {
            (Status::Draft | Status::CorrectionsRequested, Action::Submit) => Some(Status::Submitted),
            // Corrections may be asked at any stage before the decision.
            (
                Status::Submitted | Status::ChecksPending | Status::AwaitingIin | Status::IinRecorded,
                Action::RequestCorrections,
            ) => Some(Status::CorrectionsRequested),
            (Status::Submitted, Action::SendChecks) => Some(Status::ChecksPending),
            (Status::ChecksPending, Action::ChecksAnswered) => Some(Status::AwaitingIin),
            (Status::AwaitingIin, Action::RecordIin)
            | (Status::RefusalPending | Status::GrantPending, Action::SendBack)
            | (Status::Refused, Action::Reconsider) => Some(Status::IinRecorded),
            (Status::IinRecorded, Action::Grant)
            | (Status::GrantPending, Action::Countersign)
            | (Status::Refused, Action::GrantOnAppeal) => Some(Status::Granted),
            (Status::IinRecorded, Action::ProposeRefusal) => Some(Status::RefusalPending),
            (Status::RefusalPending, Action::Countersign) => Some(Status::Refused),
            (Status::IinRecorded, Action::ProposeGrant) => Some(Status::GrantPending),
            _ => None,
        }
    }

    /// Working days the law gives for the step that follows this status, if it has a deadline.
    pub fn statutory_days(self) -> Option<u32> {
        match self {
            Status::Submitted => Some(1),
            Status::ChecksPending => Some(5),
            Status::IinRecorded | Status::RefusalPending => Some(3),
            _ => None,
        }
    }

    /// The statuses an application passes through to its decision when nothing is corrected: each
    /// one's step has its statutory days.
    pub const TO_DECISION: [Status; 3] = [Status::Submitted, Status::ChecksPending, Status::IinRecorded];

    /// Working days the law gives the office's steps from submission to the decision, in all: what an
    /// applicant is told before starting (the steps' days, [`Status::statutory_days`], added).
    pub fn days_to_decision() -> u32 {
        Status::TO_DECISION.iter().filter_map(|s| s.statutory_days()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::{Action, Status};

    #[test]
    fn the_days_to_a_decision_are_those_of_the_steps_on_the_way() {
        assert_eq!(Status::days_to_decision(), 1 + 5 + 3);
        // The path is the state machine's: each status leads to the next by the office's step.
        let steps = [Action::SendChecks, Action::ChecksAnswered, Action::RecordIin];
        let mut s = Status::Submitted;
        let mut seen = vec![s];
        for a in steps {
            s = s.after(a).expect("a step on the way");
            if s.statutory_days().is_some() {
                seen.push(s);
            }
        }
        assert_eq!(s.after(Action::Grant), Some(Status::Granted));
        assert_eq!(seen, Status::TO_DECISION.to_vec());
    }
}
