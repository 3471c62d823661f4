//! What the benchmarks that serve the whole router share: a server on a free port, a card issued by
//! the real issuing transaction, and the configuration of a throw-away SQLite service.
#![allow(dead_code, reason = "each benchmark uses part of it")]

use std::sync::Arc;

use axum::Router;

/// The configuration of a service kept in `dir` (SQLite, local files), with the public check's rate
/// limit out of reach (one address sends every request).
pub fn config(dir: &std::path::Path) -> atajoly::Config {
    atajoly::Config {
        database_url: format!("sqlite://{}/bench.db", dir.display()),
        keys_dir: dir.join("keys").display().to_string(),
        files_dir: dir.join("files").display().to_string(),
        files_key_file: dir.join("files.key").display().to_string(),
        outbox_dir: dir.join("outbox").display().to_string(),
        verify_per_minute: u32::MAX,
        ..atajoly::Config::default()
    }
}

/// The service over a migrated database, as `config` says.
pub async fn state(config: &atajoly::Config) -> service::AppState {
    let store = atajoly::open_store(config).await.unwrap_or_else(|e| panic!("{e:#}"));
    atajoly::migrate(store.as_ref()).await.unwrap_or_else(|e| panic!("{e:#}"));
    atajoly::build_state(store, config, Arc::new(service::SystemClock)).await.unwrap_or_else(|e| panic!("{e:#}"))
}

/// Serves `app` on a free loopback port.
pub async fn spawn(app: Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("addr: {e}"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// Stores a complete application and grants it through the store's transition, issuing the card the
/// grant makes; returns the card's id and QR text.
pub async fn issue_card(app: &service::App) -> (i64, String) {
    let now = app.clock.now().unix_timestamp();
    let officer = app
        .store
        .create_staff(
            &store::NewUser {
                email: "officer@bench.kz".into(),
                password_hash: "not-used".into(),
                lang: "en".into(),
                now,
            },
            domain::account::Role::Officer,
            Some("department-KZ-75"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        )
        .await
        .unwrap_or_else(|e| panic!("staff: {e}"))
        .unwrap_or_else(|| panic!("staff: exists"));
    let answers = serde_json::json!({
        "surname_latin": "BEKOV", "given_names_latin": "NURLAN", "surname_kk": "Беков", "given_names_kk": "Нұрлан",
        "birth_date": "1990-03-27", "sex": "M", "citizenship": "MN", "passport_number": "E3330001",
        "passport_issued": "2020-05-01", "passport_expires": "2034-06-15",
        "phone": "+976 9911 2233", "contact_email": "nurlan@example.com",
        "residence_country": "MN", "residence_address": "Ulaanbaatar, Bayangol district",
        "ethnicity": "certificate", "category": "1", "cat1_row": "28",
        "cat1_evidence": "MSc in computer science; AWS certificate; 8 years of software development.",
        "region": "KZ-75", "consent": "yes",
    });
    let a = app
        .store
        .create_application(&store::NewApplication {
            owner_id: None,
            applicant_email: Some("nurlan@example.com".into()),
            created_by: officer.id,
            channel: "online".into(),
            office: None,
            notify_office: false,
            lang: "en".into(),
            answers,
            idempotency_key: None,
            now,
        })
        .await
        .unwrap_or_else(|e| panic!("application: {e}"));
    let card = service::cards::card_for(app, &a).unwrap_or_else(|e| panic!("card_for: {e:?}"));
    // Granted straight from the draft: the benchmark needs a card, not the procedure.
    let mut work = app.store.begin().await.unwrap_or_else(|e| panic!("begin: {e}"));
    let change =
        store::StatusChange { from: a.status.clone(), to: "granted".into(), at: now, ..store::StatusChange::default() };
    let moved = work.move_application(a.id, &change).await.unwrap_or_else(|e| panic!("grant: {e}"));
    assert!(moved, "grant: the application moved");
    let grant = store::Event {
        at: now,
        actor_id: Some(officer.id),
        actor_role: "officer".into(),
        office: officer.office.clone(),
        action: "grant".into(),
        from_status: a.status.clone(),
        to_status: "granted".into(),
        note: Some("benchmark".into()),
    };
    let issue = service::cards::issue_event(&grant, None);
    service::cards::issue_in(app, work.as_mut(), &card, None, &issue).await.unwrap_or_else(|e| panic!("issue: {e:?}"));
    work.commit().await.unwrap_or_else(|e| panic!("commit: {e}"));
    app.cards.changed();
    let cards = app.store.cards_of_application(a.id).await.unwrap_or_else(|e| panic!("cards: {e}"));
    let card = cards.first().unwrap_or_else(|| panic!("the grant issued no card"));
    assert_eq!(card.state.as_str(), "valid");
    (card.id, card.qr_text.clone())
}
