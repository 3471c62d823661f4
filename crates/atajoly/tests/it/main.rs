//! All integration tests, in one binary: every test runs on SQLite and on PostgreSQL.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    reason = "tests fail loudly"
)]
#![allow(clippy::too_many_lines, reason = "a story test walks a whole procedure in order")]

mod access;
mod accounts;
mod administration;
mod api;
mod appeals;
mod applications;
mod audit;
mod audit_tamper;
mod bad_input;
mod calendar;
mod card_life;
mod cards;
mod case_api;
mod cases;
mod check;
mod complaint_letters;
mod conformance;
mod corrections;
mod db_copy;
mod deadlines;
mod decisions;
mod desk;
mod export;
mod filed;
mod i18n;
mod images;
mod intermediaries;
mod journey;
mod letters;
mod limits;
mod mail_tls;
mod openapi;
mod pages;
mod pg_tls;
mod races;
mod reference_data;
mod retention;
mod retention_decided;
mod routes;
mod s3;
mod schema;
mod search;
mod servers;
mod staff;
mod startup;
mod support;
mod trust;
mod two_instances;
mod uploads;
