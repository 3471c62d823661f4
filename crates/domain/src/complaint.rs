//! Complaints (APPC Art. 91-93): against a refusal, a revocation of the card, or silence once a
//! statutory deadline has passed. A complaint is lodged through the office that decided; that office
//! may revise its own decision within its period, otherwise it forwards the complaint with the file to
//! the higher body, which upholds the decision or overturns it. Each complaint has its own states; what
//! an outcome does to the application follows from its subject ([`effect`]).

use crate::application::Status;

/// What is complained of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The refusal of the card.
    Refusal,
    /// The office's silence past a statutory deadline.
    Silence,
    /// The revocation of the card.
    Revocation,
}

/// What the complainant asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// The card, granted.
    Grant,
    /// A new decision.
    Reconsider,
    /// A decision at last (against silence).
    Decide,
    /// The card made valid again.
    Reinstate,
}

/// Where a complaint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// With the office that decided, which may revise its decision.
    Lodged,
    /// With the higher body.
    Forwarded,
    /// The office satisfied it itself.
    Revised,
    /// The higher body left the decision standing.
    Upheld,
    /// The higher body overturned the decision.
    Overturned,
}

/// What is done with a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The office revises its own decision (satisfies the complaint).
    Revise,
    /// The office sends the complaint and the file to the higher body.
    Forward,
    /// The higher body leaves the decision standing.
    Uphold,
    /// The higher body overturns it.
    Overturn,
}

macro_rules! names {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            /// Every value.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
            /// The value with this stored name.
            pub fn parse(s: &str) -> Option<$t> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

names!(Subject { Refusal => "refusal", Silence => "silence", Revocation => "revocation" });
names!(Request { Grant => "grant", Reconsider => "reconsider", Decide => "decide", Reinstate => "reinstate" });
names!(State { Lodged => "lodged", Forwarded => "forwarded", Revised => "revised", Upheld => "upheld", Overturned => "overturned" });
names!(Step { Revise => "revise", Forward => "forward", Uphold => "uphold", Overturn => "overturn" });

impl State {
    /// The complaint's state machine: the state after `step`, or `None` when the step does not fit.
    pub fn after(self, step: Step) -> Option<State> {
        match (self, step) {
            (State::Lodged, Step::Revise) => Some(State::Revised),
            (State::Lodged, Step::Forward) => Some(State::Forwarded),
            (State::Forwarded, Step::Uphold) => Some(State::Upheld),
            (State::Forwarded, Step::Overturn) => Some(State::Overturned),
            _ => None,
        }
    }

    /// Whether the complaint is still being considered.
    pub fn is_open(self) -> bool {
        matches!(self, State::Lodged | State::Forwarded)
    }
}

/// What a complaint may be about on an application now, or why none (a problem code): a refusal
/// (the application is refused), a revocation (its card was revoked), or silence (a statutory deadline
/// of the office passed with no step taken).
pub fn subject(status: Status, overdue: bool, card_revoked: bool) -> Result<Subject, &'static str> {
    match status {
        Status::Refused => Ok(Subject::Refusal),
        Status::Granted if card_revoked => Ok(Subject::Revocation),
        Status::Granted => Err("granted"),
        Status::Draft => Err("not_submitted"),
        // The applicant's turn, or a proposal inside the office: no deadline of the office runs out.
        Status::CorrectionsRequested => Err("not_overdue"),
        _ if overdue => Ok(Subject::Silence),
        _ => Err("not_overdue"),
    }
}

/// The requests that fit a subject.
pub fn requests(subject: Subject) -> &'static [Request] {
    match subject {
        Subject::Refusal => &[Request::Grant, Request::Reconsider],
        Subject::Silence => &[Request::Decide],
        Subject::Revocation => &[Request::Reinstate],
    }
}

/// What an outcome does to the application and its card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing: the decision stands.
    None,
    /// The refusal is set aside: the case returns for a new decision.
    Reconsider,
    /// The refusal is set aside and the card granted (everything a grant needs is checked again).
    Grant,
    /// The revocation is set aside: the card is valid again.
    Reinstate,
    /// The office is told to decide: the decision's deadline starts again.
    OrderDecision,
}

/// What `step` does on a complaint about `subject`; `grant` is the higher body's choice, on a refusal
/// it overturns, to grant the card itself rather than return the case.
pub fn effect(subject: Subject, step: Step, grant: bool) -> Effect {
    match (subject, step) {
        (_, Step::Forward | Step::Uphold) => Effect::None,
        (Subject::Refusal, Step::Overturn) if grant => Effect::Grant,
        (Subject::Refusal, _) => Effect::Reconsider,
        (Subject::Revocation, _) => Effect::Reinstate,
        (Subject::Silence, _) => Effect::OrderDecision,
    }
}

/// The application's status a refusal set aside returns to: the decision is taken again.
pub const RECONSIDERED: Status = Status::IinRecorded;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complaint_goes_to_the_office_then_the_higher_body() {
        assert_eq!(State::Lodged.after(Step::Revise), Some(State::Revised));
        assert_eq!(State::Lodged.after(Step::Forward), Some(State::Forwarded));
        assert_eq!(State::Lodged.after(Step::Uphold), None, "the office cannot decide the complaint itself");
        assert_eq!(State::Forwarded.after(Step::Overturn), Some(State::Overturned));
        assert_eq!(State::Forwarded.after(Step::Revise), None);
        assert_eq!(State::Upheld.after(Step::Overturn), None);
        assert!(State::Forwarded.is_open() && !State::Revised.is_open());
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn what_may_be_complained_of() {
        assert_eq!(subject(Status::Refused, false, false), Ok(Subject::Refusal));
        assert_eq!(subject(Status::Granted, false, false), Err("granted"));
        assert_eq!(subject(Status::Granted, false, true), Ok(Subject::Revocation));
        assert_eq!(subject(Status::ChecksPending, true, false), Ok(Subject::Silence));
        assert_eq!(subject(Status::ChecksPending, false, false), Err("not_overdue"));
        assert_eq!(subject(Status::CorrectionsRequested, true, false), Err("not_overdue"));
        assert_eq!(subject(Status::Draft, true, false), Err("not_submitted"));
    }

    #[test]
    fn outcomes_follow_the_subject() {
        assert_eq!(effect(Subject::Refusal, Step::Revise, false), Effect::Reconsider);
        assert_eq!(effect(Subject::Refusal, Step::Overturn, true), Effect::Grant);
        assert_eq!(effect(Subject::Refusal, Step::Uphold, true), Effect::None);
        assert_eq!(effect(Subject::Revocation, Step::Overturn, false), Effect::Reinstate);
        assert_eq!(effect(Subject::Silence, Step::Revise, false), Effect::OrderDecision);
    }
}
