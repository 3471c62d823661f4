//! Deadlines: the office is reminded, then its supervisors once; every deadline counts the calendar in
//! force, with administrators' edits.

use crate::cases::{PASSWORD, staff, submitted_case};
use crate::support::on_each_backend;

#[tokio::test]
async fn deadlines_remind_the_office_then_escalate_to_its_supervisors_once() {
    on_each_backend(|app| async move {
        let (id, _) = submitted_case(&app, "late@example.com", "E4440001").await;
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").due_on.as_deref(), Some("2026-11-25"));
        let hash = service::auth::hash_password(PASSWORD.into(), app.state.settings.hash).await.expect("hash");
        for (email, role) in [("o@kz75.kz", "officer"), ("s@kz75.kz", "supervisor"), ("s@kz71.kz", "supervisor")] {
            let office = if email.ends_with("kz71.kz") { "department-KZ-71" } else { "department-KZ-75" };
            let u = store::NewUser { email: email.into(), password_hash: hash.clone(), lang: "ru".into(), now: 1 };
            app.state
                .store
                .create_staff(
                    &u,
                    crate::support::role(role),
                    Some(office),
                    &crate::support::sealed_totp(&app, &u.email),
                )
                .await
                .expect("q")
                .expect("new");
        }
        // The same database seen on later days.
        let on = |day: time::OffsetDateTime| {
            let store = app.state.store.clone();
            let settings = app.state.settings.clone();
            async move {
                service::App::new(store, std::sync::Arc::new(crate::support::FixedClock(day)), settings)
                    .await
                    .expect("app")
            }
        };
        let before = app.state.store.jobs_in_state("pending").await.expect("jobs").len();
        let tue = on(time::macros::datetime!(2026-11-24 05:00 UTC)).await;
        assert_eq!(service::cases::sweep_deadlines(&tue).await.expect("sweep"), 0, "not due yet");
        let wed = on(time::macros::datetime!(2026-11-25 05:00 UTC)).await;
        assert_eq!(
            service::cases::sweep_deadlines(&wed).await.expect("sweep"),
            1,
            "the officer is reminded on the day"
        );
        let thu = on(time::macros::datetime!(2026-11-26 05:00 UTC)).await;
        assert_eq!(
            service::cases::sweep_deadlines(&thu).await.expect("sweep"),
            1,
            "the supervisor of that office, only"
        );
        assert_eq!(service::cases::sweep_deadlines(&thu).await.expect("sweep"), 0, "once");
        let jobs = app.state.store.jobs_in_state("pending").await.expect("jobs");
        let new: Vec<(String, String)> = jobs[before..]
            .iter()
            .map(|j| {
                (
                    j.payload["to"].as_str().unwrap_or_default().to_owned(),
                    j.payload["subject"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert_eq!(new.len(), 2);
        assert_eq!(new[0].0, "o@kz75.kz");
        assert!(new[0].1.starts_with("Срок сегодня"), "in the staff member's language: {new:?}");
        assert_eq!(new[1].0, "s@kz75.kz");
        assert!(new[1].1.starts_with("Просрочено"));
    })
    .await;
}

/// Every deadline counts the calendar in force, with administrators' edits: a day the administrator made
/// a day off moves the agencies' answer date by a working day (it once counted the embedded calendar).
#[tokio::test]
async fn the_checks_deadline_counts_the_calendar_administrators_edit() {
    on_each_backend(|app| async move {
        let (id, _) = submitted_case(&app, "calendar@example.com", "E7770031").await;
        staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        staff(&app, "admin@gov.kz", "administrator", None).await;
        let admin = app.state.store.user_by_email("admin@gov.kz").await.expect("q").expect("u");
        let officer = app.state.store.user_by_email("officer@kz75.kz").await.expect("q").expect("u");
        // Tuesday 24 November 2026: five working days on is Tuesday 1 December by the embedded calendar.
        let today = app.state.clock.today();
        assert_eq!(app.state.calendar().add_working_days(today, 5), Some(time::macros::date!(2026 - 12 - 01)));
        service::admin::save_year(
            &app.state,
            &admin,
            2026,
            "2026-05-27",
            "2026-11-26 2026-12-05 Order of the Minister No. 2",
            "Order No. 2",
            true,
        )
        .await
        .expect("the administrator saves a transfer");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::send_checks(&app.state, &officer, &a).await.expect("checks sent");
        let checks = app.state.store.checks(id).await.expect("checks");
        assert_eq!(checks.len(), 2);
        for c in &checks {
            assert_eq!(c.due_on, "2026-12-02", "{}: Thursday 26 November is now a day off", c.agency);
        }
    })
    .await;
}
