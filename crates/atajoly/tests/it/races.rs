//! Races between two instances on one database, on both backends: a registry report and a grant of the
//! same person at the same moment never leave a valid card for a reported IIN; the same report sent to
//! both instances at once is kept once.

use crate::cards::ready_for_grant;
use crate::cases::iin;
use crate::decisions::second_instance;
use crate::support::{on_each_backend_with_db, test_settings};

#[tokio::test]
async fn a_report_and_a_grant_at_once_never_leave_a_valid_card_for_the_reported_person() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let token = crate::support::registry_key(&app).await;
        let bearer = format!("Bearer {token}");
        for (n, serial) in [(0, 84_u16), (1, 85), (2, 86)] {
            let (id, _, _, _) =
                ready_for_grant(&app, &format!("race-{n}@example.com"), &format!("E772000{n}"), serial).await;
            let other = second_instance(&app, &db).await;
            let router = web::build_router(other.clone());
            let officer = app
                .state
                .store
                .user_by_email(&format!("officer-race-{n}.example.com@kz75.kz"))
                .await
                .expect("q")
                .expect("u");
            let a = app.state.store.application(id).await.expect("q").expect("a");
            let body = serde_json::json!({ "iin": iin(serial), "reference": format!("Decree {n}") }).to_string();
            let report = async {
                let req = axum::http::Request::post("/api/v1/registry/citizenship")
                    .header("authorization", &bearer)
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(body.clone()))
                    .expect("request");
                tower::ServiceExt::oneshot(router.clone(), req).await.expect("answer").status()
            };
            let twice = async {
                let req = axum::http::Request::post("/api/v1/registry/citizenship")
                    .header("authorization", &bearer)
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(body.clone()))
                    .expect("request");
                tower::ServiceExt::oneshot(web::build_router(app.state.clone()), req).await.expect("answer").status()
            };
            let (granted, reported, again) =
                tokio::join!(service::cases::grant(&app.state, &officer, &a, ""), report, twice);
            assert!(reported.is_success() && again.is_success(), "both reports answered: {reported} {again}");
            match granted {
                Ok(_) => {}
                Err(e) => assert_eq!((e.fields[0].field.as_str(), e.fields[0].problem), ("iin", "citizen"), "{e:?}"),
            }
            let cards = app.state.store.cards_by_iin(&iin(serial)).await.expect("cards");
            assert!(
                cards.iter().all(|c| c.state != domain::card::CardState::Valid),
                "a valid card for a reported person: {:?}",
                cards.iter().map(|c| c.state).collect::<Vec<_>>()
            );
            let report = app.state.store.citizenship_report(&iin(serial)).await.expect("q");
            assert!(report.is_some(), "the report is kept");
        }
    })
    .await;
}
