//! Catalog latency over HTTP at N connectors (default 10,000): the server's `app` on
//! 127.0.0.1:0 with a seeded store, timed through a real HTTP client, on SQLite and, when
//! `SWITCHBOARD_TEST_DATABASE_URL` is set, on PostgreSQL (in a fresh schema, dropped after).
//!
//! ```text
//! cargo run --release -p switchboard-server --example catalog_bench -- [N] [ITERATIONS]
//! ```
//!
//! Each request is timed ITERATIONS times (default 500) after a warm-up, sequentially, from
//! the client's send to the last byte of the body: authentication (token hash lookup), the
//! visibility check, the keyset-paginated query, JSON encoding and loopback HTTP. Client and
//! server share the process (two worker threads).

#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use switchboard_store::fixture::{CatalogFixture, seed_catalog};
use switchboard_store::{Role, Store, User, generate_api_token};
use switchboard_test::{TestDb, TestServer};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(10_000), |a| a.parse()).context("N")?;
    let iterations: usize = args.next().map_or(Ok(500), |a| a.parse()).context("ITERATIONS")?;

    let sqlite = TestDb::sqlite();
    run(&sqlite, n, iterations, 1).await?;
    match TestDb::postgres("catalog_bench").await {
        Some(pg) => {
            run(&pg, n, iterations, 4).await?;
            pg.cleanup().await;
        }
        None => println!("postgres: skipped (SWITCHBOARD_TEST_DATABASE_URL is not set)"),
    }
    Ok(())
}

async fn token(store: &dyn Store, user: &User) -> anyhow::Result<String> {
    let (token, hash) = generate_api_token();
    store.create_api_token(&user.id, "bench", &hash, None).await?;
    Ok(token.into_inner())
}

async fn run(db: &TestDb, n: usize, iterations: usize, parallel: usize) -> anyhow::Result<()> {
    let backend = db.backend();
    let store = db.open().await;
    let started = Instant::now();
    let fx: CatalogFixture = seed_catalog(Arc::clone(&store), "bench", n, parallel).await?;
    println!("{backend}: seeded {n} connectors in {:.1?}", started.elapsed());
    let admin = store.create_user(&fx.tenant.id, "admin", Role::TenantAdmin).await?;
    let member = token(&*store, &fx.member).await?;
    let outsider = token(&*store, &fx.outsider).await?;
    let admin = token(&*store, &admin).await?;
    let server = TestServer::start(store).await;
    let list = format!("/api/v1/environments/{}/connectors", fx.environment.id);

    // Every page's cursor, following `next` with the default page size, to time deep pages.
    let mut cursors = Vec::new();
    let mut path = list.clone();
    loop {
        let (status, page) = server.get_json(&path, Some(&member)).await;
        anyhow::ensure!(status == 200, "{status}: {page}");
        match page["next"].as_str() {
            Some(next) => {
                cursors.push(next.to_owned());
                path = format!("{list}?after={next}");
            }
            None => break,
        }
    }
    anyhow::ensure!(cursors.len() == n.div_ceil(50) - 1, "{} pages", cursors.len() + 1);

    let time = |label: String, token: String, paths: Vec<String>| {
        let server = &server;
        async move {
            let get = |i: usize| {
                let path = &paths[i % paths.len()];
                server.request(reqwest::Method::GET, path, Some(&token)).send()
            };
            for i in 0..iterations.min(50) {
                let response = get(i).await?;
                anyhow::ensure!(response.status() == 200, "{}", response.status());
                response.bytes().await?;
            }
            let mut times: Vec<Duration> = Vec::with_capacity(iterations);
            for i in 0..iterations {
                let started = Instant::now();
                let response = get(i).await?;
                let status = response.status();
                response.bytes().await?;
                times.push(started.elapsed());
                anyhow::ensure!(status == 200, "{status}");
            }
            times.sort_unstable();
            let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
            println!(
                "{backend}: {label:<50} p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
                at(50),
                at(99),
                times[times.len() - 1]
            );
            Ok::<_, anyhow::Error>(())
        }
    };
    time("member, first page (default 50)".into(), member.clone(), vec![list.clone()]).await?;
    let deep: Vec<String> = (0..iterations)
        .map(|i| format!("{list}?after={}", cursors[(i.wrapping_mul(7919) + 13) % cursors.len()]))
        .collect();
    time("member, page at a random depth".into(), member.clone(), deep).await?;
    let visible = CatalogFixture::outsider_visible(n);
    time(
        format!("non-member via shares ({visible} visible), first page"),
        outsider,
        vec![list.clone()],
    )
    .await?;
    time("tenant admin, first page".into(), admin, vec![list.clone()]).await?;
    let one: Vec<String> = (0..iterations)
        .map(|i| {
            format!("/api/v1/connectors/{}", fx.connectors[(i * 7919 + 13) % fx.connectors.len()])
        })
        .collect();
    time("get one connector".into(), member, one).await?;
    Ok(())
}
