//! Benchmark: the office queue's first page on PostgreSQL with 1,000,000 applications of realistic
//! spread, with no filter and with each single filter; p99 latency of each (target < 50 ms), and the
//! query plans. The generator is SQL (`generate_series`) run in a schema of its own, dropped at the end.
//!
//! `cargo bench --bench queue` (PostgreSQL from `ATAJOLY_BENCH_PG`, default the local one; `ROWS`,
//! default 1000000; `RUNS` per filter, default 200).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    missing_docs,
    reason = "a benchmark fails loudly, on sizes it chose"
)]

use std::fmt::Write as _;
use std::time::Instant;

use store::{CaseRepo, QueueFilter, Store};

/// The same allocator as the `atajoly` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Applications spread like the real flows: a third from China, a fifth from Mongolia and Uzbekistan
/// each; Almaty and Astana take the most; most cases decided; open ones due within a month either way.
const GENERATOR: &str = "
INSERT INTO users (email, password_hash, lang, role, created_at, updated_at) VALUES ('gen@example.com', 'x', 'kk', 'applicant', 0, 0);
INSERT INTO applications (reference, status, owner_id, applicant_email, created_by, channel, office, notify_office, lang,
  answers, reopened, passport_number, birth_date, category, country, assigned_office, due_on, version, created_at,
  updated_at, submitted_at)
SELECT 'AZ-2026-' || lpad(g::text, 7, '0') || '-0',
  s.status, 1, 'a' || g || '@example.com', 1,
  (ARRAY['web','app','app','app','embassy','embassy','department','foundation'])[1 + g % 8], NULL, 0, 'kk',
  '{\"surname_latin\":\"SURNAME' || g || '\",\"given_names_latin\":\"NAME\"}', '[]', 'P' || g,
  '1990-01-01', (ARRAY['1','2','2','3'])[1 + (g / 7) % 4],
  (ARRAY['CN','CN','CN','CN','CN','CN','CN','MN','MN','MN','MN','UZ','UZ','UZ','UZ','RU','RU','TR','DE','US'])[1 + (g / 3) % 20],
  'department-' || (ARRAY['KZ-75','KZ-75','KZ-75','KZ-71','KZ-71','KZ-79','KZ-19','KZ-63','KZ-55','KZ-47','KZ-35','KZ-31',
    'KZ-15','KZ-10','KZ-11','KZ-23','KZ-27','KZ-33','KZ-39','KZ-43','KZ-59','KZ-61','KZ-62'])[1 + (g / 11) % 23],
  CASE WHEN s.status IN ('granted', 'refused', 'corrections_requested', 'awaiting_iin') THEN NULL
       ELSE to_char(DATE '2026-11-24' + ((g::bigint * 7919) % 61 - 30)::int, 'YYYY-MM-DD') END,
  1, 1790000000 + g, 1790000000 + g, 1790000000 + g
FROM generate_series(1, $ROWS) g
CROSS JOIN LATERAL (SELECT (ARRAY['granted','granted','granted','granted','granted','granted','granted','refused',
  'submitted','checks_pending','checks_pending','awaiting_iin','iin_recorded','refusal_pending','corrections_requested',
  'granted','granted','granted','granted','submitted'])[1 + (g * 13) % 20] AS status) s;
ANALYZE applications;
";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let url = std::env::var("ATAJOLY_BENCH_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let rows = env_usize("ROWS", 1_000_000);
    let runs = env_usize("RUNS", 200);
    let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let store = store::PgStore::connect(&url, Some(&schema)).await.expect("PostgreSQL");
        store.migrate().await.expect("migrate");
        let start = Instant::now();
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await.expect("connect");
        sqlx::query(&format!("SET search_path = {schema}")).execute(&mut conn).await.expect("path");
        for statement in GENERATOR.replace("$ROWS", &rows.to_string()).split(";\n").map(str::trim).filter(|s| !s.is_empty()) {
            sqlx::query(statement).execute(&mut conn).await.unwrap_or_else(|e| panic!("{e}: {statement}"));
        }
        println!("generated {rows} applications in {:.1} s", start.elapsed().as_secs_f64());
        let office = "department-KZ-75";
        let in_office: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications WHERE assigned_office = $1")
            .bind(office)
            .fetch_one(&mut conn)
            .await
            .expect("count");
        println!("office {office}: {in_office} cases");
        let base = QueueFilter { office: office.into(), page: 1, per_page: 25, ..QueueFilter::default() };
        let cases: [(&str, QueueFilter); 6] = [
            ("no filter", base.clone()),
            ("status = checks_pending", QueueFilter { status: Some("checks_pending".into()), ..base.clone() }),
            ("category = 3", QueueFilter { category: Some("3".into()), ..base.clone() }),
            ("country = DE", QueueFilter { country: Some("DE".into()), ..base.clone() }),
            ("channel = foundation", QueueFilter { channel: Some("foundation".into()), ..base.clone() }),
            ("overdue (due_on <= 2026-11-23)", QueueFilter { due_by: Some("2026-11-23".into()), ..base.clone() }),
        ];
        println!("{:<32} {:>9} {:>9} {:>9} {:>8}", "first page, filter", "p50 ms", "p99 ms", "max ms", "total");
        let mut worst: f64 = 0.0;
        for (name, f) in &cases {
            let mut times = Vec::with_capacity(runs);
            let mut total = 0;
            for _ in 0..runs {
                let t = Instant::now();
                let (page, n) = store.queue(f).await.expect("queue");
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                assert!(page.len() <= 25);
                total = n;
            }
            times.sort_by(f64::total_cmp);
            let pick = |q: f64| times[((q * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
            worst = worst.max(pick(0.99));
            println!("{name:<32} {:>9.2} {:>9.2} {:>9.2} {total:>8}", pick(0.5), pick(0.99), times[times.len() - 1]);
        }
        println!("worst p99: {worst:.2} ms (target < 50 ms): {}", if worst < 50.0 { "met" } else { "NOT met" });
        // The plans, with the same conditions the store builds.
        for (name, f) in &cases {
            let mut sql = String::from("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM applications WHERE assigned_office = 'department-KZ-75'");
            for (col, v, op) in [("status", &f.status, "="), ("category", &f.category, "="), ("country", &f.country, "="), ("channel", &f.channel, "="), ("due_on", &f.due_by, "<=")] {
                if let Some(v) = v {
                    let _ = write!(sql, " AND {col} {op} '{v}'");
                }
            }
            sql.push_str(" ORDER BY due_on ASC NULLS LAST, submitted_at, id LIMIT 25");
            let plan: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut conn).await.expect("explain");
            println!("\n-- plan, {name}:\n{}", plan.join("\n"));
        }
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&mut conn).await.expect("drop");
    });
}
