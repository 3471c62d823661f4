//! What staff can do on a case, by name: each action of the case page and of `POST /api/v1/cases/{id}/{action}`.
//! Parsed once at the edge, so that an unknown action is a 404 and never reaches a use case as a string.

/// One action on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAction {
    /// Send the background-check requests to the police and the National Security Committee.
    SendChecks,
    /// Ask the applicant for corrections.
    RequestCorrections,
    /// Record the IIN.
    RecordIin,
    /// Correct the recorded IIN, with a reason.
    CorrectIin,
    /// Grant the card.
    Grant,
    /// Propose a refusal (a supervisor countersigns it).
    ProposeRefusal,
    /// Countersign the proposed refusal.
    Countersign,
    /// Send the proposed refusal back to the officer.
    ReturnRefusal,
    /// Add a note to the case.
    Note,
    /// Move the case to another office.
    Reassign,
    /// Review one document.
    Review,
    /// Invalidate the card (Kazakh citizenship).
    CardInvalidate,
    /// Propose revoking the card.
    CardRevoke,
    /// Countersign a proposed revocation.
    CardCountersign,
    /// Send a proposed revocation back.
    CardReturn,
    /// Issue a new card on a reported passport.
    CardReissue,
    /// Refuse the reported passport.
    CardReissueReturn,
    /// Record the hearing held before an intended refusal.
    RecordHearing,
    /// Revise the office's own decision on a complaint against it.
    ComplaintRevise,
    /// Forward a complaint, with the file, to the higher body.
    ComplaintForward,
    /// Uphold the decision a complaint is against (the higher body).
    ComplaintUphold,
    /// Overturn the decision a complaint is against (the higher body).
    ComplaintOverturn,
}

impl CaseAction {
    /// Every action, in the order of the case page.
    pub const ALL: [CaseAction; 22] = [
        CaseAction::SendChecks,
        CaseAction::RequestCorrections,
        CaseAction::RecordIin,
        CaseAction::CorrectIin,
        CaseAction::Grant,
        CaseAction::ProposeRefusal,
        CaseAction::Countersign,
        CaseAction::ReturnRefusal,
        CaseAction::Note,
        CaseAction::Reassign,
        CaseAction::Review,
        CaseAction::CardInvalidate,
        CaseAction::CardRevoke,
        CaseAction::CardCountersign,
        CaseAction::CardReturn,
        CaseAction::CardReissue,
        CaseAction::CardReissueReturn,
        CaseAction::RecordHearing,
        CaseAction::ComplaintRevise,
        CaseAction::ComplaintForward,
        CaseAction::ComplaintUphold,
        CaseAction::ComplaintOverturn,
    ];

    /// The action's name in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseAction::SendChecks => "checks",
            CaseAction::RequestCorrections => "corrections",
            CaseAction::RecordIin => "iin",
            CaseAction::CorrectIin => "iin_correct",
            CaseAction::Grant => "grant",
            CaseAction::ProposeRefusal => "refuse",
            CaseAction::Countersign => "countersign",
            CaseAction::ReturnRefusal => "return",
            CaseAction::Note => "note",
            CaseAction::Reassign => "reassign",
            CaseAction::Review => "review",
            CaseAction::CardInvalidate => "card_invalidate",
            CaseAction::CardRevoke => "card_revoke",
            CaseAction::CardCountersign => "card_countersign",
            CaseAction::CardReturn => "card_return",
            CaseAction::CardReissue => "card_reissue",
            CaseAction::CardReissueReturn => "card_reissue_return",
            CaseAction::RecordHearing => "hearing",
            CaseAction::ComplaintRevise => "complaint_revise",
            CaseAction::ComplaintForward => "complaint_forward",
            CaseAction::ComplaintUphold => "complaint_uphold",
            CaseAction::ComplaintOverturn => "complaint_overturn",
        }
    }

    /// The action named `name`, if there is one.
    pub fn parse(name: &str) -> Option<CaseAction> {
        CaseAction::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// What keeps a case from being granted, each a field and a problem code: every document reviewed and
/// accepted, no item still open for correction, no citizenship reported for the IIN, and no other
/// valid card of the person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrantFacts {
    /// Documents not reviewed.
    pub unreviewed: usize,
    /// Documents rejected.
    pub rejected: usize,
    /// Items still open for correction.
    pub reopened: usize,
    /// The registry reported that the person with the case's IIN became a Kazakh citizen.
    pub citizen: bool,
    /// The person already holds a valid card (same IIN, or same passport).
    pub holds_card: bool,
}

impl GrantFacts {
    /// The problems, empty when a grant may go ahead.
    pub fn problems(self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if self.unreviewed > 0 {
            out.push(("documents", "not_reviewed"));
        }
        if self.rejected > 0 {
            out.push(("documents", "rejected"));
        }
        if self.reopened > 0 {
            out.push(("corrections", "open"));
        }
        if self.citizen {
            out.push(("iin", "citizen"));
        }
        if self.holds_card {
            out.push(("card", "holds_valid_card"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{CaseAction, GrantFacts};

    #[test]
    fn a_grant_needs_every_document_accepted_nothing_open_and_no_other_card() {
        assert!(GrantFacts::default().problems().is_empty());
        let each = [
            (GrantFacts { unreviewed: 1, ..GrantFacts::default() }, ("documents", "not_reviewed")),
            (GrantFacts { rejected: 2, ..GrantFacts::default() }, ("documents", "rejected")),
            (GrantFacts { reopened: 1, ..GrantFacts::default() }, ("corrections", "open")),
            (GrantFacts { citizen: true, ..GrantFacts::default() }, ("iin", "citizen")),
            (GrantFacts { holds_card: true, ..GrantFacts::default() }, ("card", "holds_valid_card")),
        ];
        for (facts, problem) in each {
            assert_eq!(facts.problems(), [problem]);
        }
    }

    #[test]
    fn every_action_parses_back_from_its_name_and_nothing_else_does() {
        for a in CaseAction::ALL {
            assert_eq!(CaseAction::parse(a.as_str()), Some(a));
        }
        let names: std::collections::BTreeSet<_> = CaseAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(names.len(), CaseAction::ALL.len(), "names are distinct");
        for bad in ["", "Grant", "grant ", "card", "delete"] {
            assert_eq!(CaseAction::parse(bad), None, "{bad:?}");
        }
    }
}
