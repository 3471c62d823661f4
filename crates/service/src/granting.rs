//! What a grant needs and how its card is issued, wherever a grant is made: the officer's, the
//! supervisor's countersignature over an adverse answer, and the higher body's on a complaint. Below
//! every use case that grants, so that none of them imports another.

use store::{Application, Event};

use crate::app::App;
use crate::error::{AppError, InvalidField};
use crate::step::Move;

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

/// What the law requires before a grant, read under the case's lock: every document reviewed and
/// accepted, nothing open for correction, no citizenship reported for the IIN, no other valid card of
/// the person (the database refuses a second one too, should two grants race).
pub async fn grant_allowed(app: &App, step: &mut Move, card: &store::NewCard) -> Result<(), AppError> {
    let mut docs = app.store.documents(step.app.id).await?;
    // Files attached to an answer are evidence read with it, not documents of the checklist.
    docs.retain(|d| d.item != crate::hearings::RESPONSE_ITEM);
    let reviews = app.store.reviews(step.app.id).await?;
    let verdict = |id: i64| reviews.iter().find(|r| r.document_id == id).map(|r| r.verdict.as_str());
    // The person is held first: a registry report of them on another instance waits for this grant's
    // commit (and then invalidates its card), or this grant sees the report.
    if let Some(iin) = step.app.iin.clone() {
        step.work.lock_person(&iin).await?;
    }
    let facts = domain::case::GrantFacts {
        unreviewed: docs.iter().filter(|d| verdict(d.id).is_none()).count(),
        rejected: docs.iter().filter(|d| verdict(d.id) == Some("rejected")).count(),
        reopened: step.app.reopened.len(),
        citizen: match step.app.iin.as_deref() {
            Some(iin) => step.work.standing_report(iin).await?.is_some(),
            None => false,
        },
        holds_card: !step
            .work
            .valid_cards_of(card.iin.as_deref(), &card.citizenship, &card.passport_number)
            .await?
            .is_empty(),
    };
    let problems = facts.problems();
    if problems.is_empty() { Ok(()) } else { Err(AppError::invalid(problems.into_iter().map(|(f, p)| field(f, p)))) }
}

/// Issues `card` in the move to "granted" and finishes it.
pub async fn issue(app: &App, mut step: Move, card: &store::NewCard, event: &Event) -> Result<Application, AppError> {
    let issue = crate::cards::issue_event(event, step.app.reference.clone());
    let serial = crate::cards::issue_in(app, step.work.as_mut(), card, None, &issue).await?;
    let number = u32::try_from(serial)
        .ok()
        .and_then(|s| credential::CardNumber::from_serial(s).ok())
        .ok_or_else(|| AppError::internal(&"card serial out of range"))?;
    step.letter = Some(Box::new(crate::letters::grant(app, &step.app, card, number.as_str())));
    let granted = step.finish(app, event).await?;
    app.cards.changed();
    Ok(granted)
}
