//! Administration: staff roles fit their offices, administrators manage staff and the working-day
//! calendar, and the command line creates staff without minting a signing key.

use crate::applications::form;
use crate::cases::staff;
use crate::support::on_each_backend;

#[tokio::test]
async fn staff_roles_fit_their_offices() {
    on_each_backend(|app| async move {
        let store = || app.state.store.clone();
        assert!(
            atajoly::add_staff(
                store(),
                &crate::support::cli_config(),
                "o1@kz.kz",
                "Name",
                "officer",
                "department-KZ-75"
            )
            .await
            .is_ok()
        );
        assert!(
            atajoly::add_staff(store(), &crate::support::cli_config(), "o2@kz.kz", "Name", "officer", "embassy-MN")
                .await
                .is_err(),
            "officers work in a department"
        );
        assert!(
            atajoly::add_staff(store(), &crate::support::cli_config(), "p1@kz.kz", "Name", "checker_police", "")
                .await
                .is_ok()
        );
        assert!(
            atajoly::add_staff(
                store(),
                &crate::support::cli_config(),
                "p2@kz.kz",
                "Name",
                "checker_knb",
                "department-KZ-75"
            )
            .await
            .is_err(),
            "checkers have no office"
        );
        assert!(
            atajoly::add_staff(store(), &crate::support::cli_config(), "x@kz.kz", "Name", "janitor", "").await.is_err(),
            "unknown role"
        );
        let p = app.state.store.user_by_email("p1@kz.kz").await.expect("q").expect("u");
        assert_eq!((p.role.as_str(), p.office), ("checker_police", None));
    })
    .await;
}

#[tokio::test]
async fn administrators_manage_staff_and_the_calendar() {
    on_each_backend(|app| async move {
        let (admin, acsrf) = staff(&app, "admin@gov.kz", "administrator", None).await;
        let (officer, _) = staff(&app, "o@kz75.kz", "officer", Some("department-KZ-75")).await;
        assert_eq!(app.get_with("/admin", &[("cookie", &officer)]).await.status, 403);
        assert_eq!(
            form(
                &app,
                "/admin/staff",
                &[("email", "x@kz.kz"), ("role", "officer"), ("office", "department-KZ-75")],
                &admin
            )
            .await
            .status,
            403,
            "CSRF"
        );
        assert_eq!(app.get_with("/admin?lang=en", &[("cookie", &admin)]).await.status, 200);
        // A new account: the office must fit the role; password and second factor shown once.
        let r = form(
            &app,
            "/admin/staff?lang=en",
            &[
                ("csrf", &acsrf),
                ("email", "new@kz75.kz"),
                ("name", "New"),
                ("role", "officer"),
                ("office", "embassy-MN"),
            ],
            &admin,
        )
        .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("does not fit the role"), "{}", r.body);
        let r = form(
            &app,
            "/admin/staff",
            &[
                ("csrf", &acsrf),
                ("email", "new@kz75.kz"),
                ("name", "New"),
                ("role", "officer"),
                ("office", "department-KZ-75"),
            ],
            &admin,
        )
        .await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("enrol?token=") && !r.body.contains("otpauth://totp/"), "a link, no secret");
        let new = app.state.store.user_by_email("new@kz75.kz").await.expect("q").expect("u");
        assert_eq!((new.role.as_str(), new.office.as_deref()), ("officer", Some("department-KZ-75")));
        // Another role and office.
        let id = new.id.to_string();
        let r = form(
            &app,
            &format!("/admin/staff/{id}"),
            &[("csrf", &acsrf), ("role", "officer"), ("office", "department-KZ-71")],
            &admin,
        )
        .await;
        assert_eq!(r.status, 303);
        let moved = app.state.store.user_by_email("new@kz75.kz").await.expect("q").expect("u");
        assert_eq!((moved.role.as_str(), moved.office.as_deref()), ("officer", Some("department-KZ-71")));
        let me = app.state.store.user_by_email("admin@gov.kz").await.expect("q").expect("u").id.to_string();
        assert_eq!(
            form(&app, &format!("/admin/staff/{me}"), &[("csrf", &acsrf), ("role", "auditor"), ("office", "")], &admin)
                .await
                .status,
            200,
            "one's own role: proposed, for another administrator"
        );
        let me_now = app.state.store.user_by_email("admin@gov.kz").await.expect("q").expect("u");
        assert_eq!(me_now.role.as_str(), "administrator", "not changed alone");
        // A new second factor ends the officer's sessions; the old secret no longer signs in.
        let oid = app.state.store.user_by_email("o@kz75.kz").await.expect("q").expect("u").id.to_string();
        let r = form(&app, &format!("/admin/staff/{oid}"), &[("csrf", &acsrf), ("reset_factor", "yes")], &admin).await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("enrol?token=") && !r.body.contains("otpauth://totp/"));
        assert_eq!(app.get_with("/account", &[("cookie", &officer)]).await.status, 303, "signed out");
        assert_eq!(app.state.store.totp_secret(oid.parse().expect("id")).await.expect("q"), None, "a new enrolment");
        // The calendar: a transfer for 2026 takes effect at once; a transfer that breaks the rules is refused.
        let thu = time::macros::date!(2026 - 12 - 31);
        let sat = time::macros::date!(2026 - 12 - 26);
        assert!(app.state.calendar().is_working_day(thu) && !app.state.calendar().is_working_day(sat));
        let bad = form(
            &app,
            "/admin/calendar",
            &[
                ("csrf", &acsrf),
                ("year", "2026"),
                ("kurban_ait", "2026-05-27"),
                ("transfers", "2026-12-27 2026-12-31 Order 1"),
                ("source", "Order 1"),
            ],
            &admin,
        )
        .await;
        assert_eq!(bad.status, 422, "a Sunday cannot become a day off by transfer");
        let r = form(
            &app,
            "/admin/calendar",
            &[
                ("csrf", &acsrf),
                ("year", "2026"),
                ("kurban_ait", "2026-05-27"),
                ("transfers", "2026-12-31 2026-12-26 Order of the Minister No. 1"),
                ("source", "Order No. 1"),
                ("verified", "yes"),
            ],
            &admin,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert!(!app.state.calendar().is_working_day(thu) && app.state.calendar().is_working_day(sat));
        // Another instance over the same database picks it up.
        let other =
            service::App::new(app.state.store.clone(), crate::support::fixed_clock(), crate::support::test_settings())
                .await
                .expect("app");
        assert!(!other.calendar().is_working_day(thu));
    })
    .await;
}

/// `atajoly staff-add` on a database that has no signing key creates the account and nothing else: no
/// key is minted or published (it used to build the whole web app, which made one in ./data/keys).
#[tokio::test]
async fn creating_staff_from_the_command_line_mints_no_signing_key() {
    for backend in crate::support::backends() {
        let (store, cleanup) = crate::support::fresh_store(backend).await;
        atajoly::migrate(store.as_ref()).await.expect("migrate");
        let cfg = crate::support::cli_config();
        let created = atajoly::add_staff(store.clone(), &cfg, "first@kz75.kz", "First", "officer", "department-KZ-75")
            .await
            .unwrap_or_else(|e| panic!("{backend}: {e}"));
        assert!(created.contains("/account/enrol?token="), "{backend}: an enrolment link, no password");
        assert!(store.user_by_email("first@kz75.kz").await.expect("q").is_some(), "{backend}: the account");
        assert!(store.signing_keys().await.expect("keys").is_empty(), "{backend}: no signing key");
        cleanup.run().await;
    }
}
