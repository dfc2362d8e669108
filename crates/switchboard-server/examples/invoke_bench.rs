//! Invocation throughput and latency through the server against a local backend, compared with
//! calling the backend directly: the server's `app` on 127.0.0.1:0 (private network allowed),
//! a connection with an API key, and a minimal loopback backend answering `GET /ping`.
//!
//! ```text
//! cargo run --release -p switchboard-server --example invoke_bench -- [N] [CONCURRENCY]
//! ```
//!
//! For each of SQLite and (when `SWITCHBOARD_TEST_DATABASE_URL` is set) PostgreSQL, and for
//! the direct calls: N sequential calls (latency p50/p99) and N calls from CONCURRENCY client
//! tasks (throughput), after a warm-up. A call through the server is: authentication (token
//! hash lookup), the connection's permission check, the visibility check of its connector,
//! decrypting its secrets, the compiled connector from the cache, the rate limit (one upsert
//! in the database per call, shared by every server), the runtime's request building and
//! credential injection, the backend exchange, and the JSON answer. Client, server and
//! backend share the process (four worker threads by default).

#![allow(clippy::unwrap_used, missing_docs, clippy::cast_precision_loss)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use reqwest::Method;
use switchboard_store::ConnectionId;
use switchboard_test::{EchoAuth, Principals, TestDb, TestServer, Who, echo_connector_files};

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |a| a.parse()).context("N")?;
    let concurrency: usize = args.next().map_or(Ok(16), |a| a.parse()).context("CONCURRENCY")?;
    let backend = start_backend().await;
    println!("{n} calls; throughput with {concurrency} concurrent clients");

    let client = switchboard_test::client();
    let direct = format!("{backend}/ping");
    let call = |_: usize| client.get(&direct).header("X-API-Key", "bench-key").send();
    report("direct to the backend", n, concurrency, &call).await?;

    let sqlite = TestDb::sqlite();
    run(&sqlite, &backend, n, concurrency).await?;
    match TestDb::postgres("invoke_bench").await {
        Some(pg) => {
            run(&pg, &backend, n, concurrency).await?;
            pg.cleanup().await;
        }
        None => println!("postgres: skipped (SWITCHBOARD_TEST_DATABASE_URL is not set)"),
    }
    Ok(())
}

/// A backend that answers `GET /ping` with a small JSON body and records nothing.
async fn start_backend() -> String {
    let app = axum::Router::new().route(
        "/ping",
        axum::routing::get(|| async { axum::Json(serde_json::json!({"pong": true})) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

async fn run(db: &TestDb, backend: &str, n: usize, concurrency: usize) -> anyhow::Result<()> {
    let mut config = TestServer::config();
    // The limit is counted (that cost is measured) but never reached.
    config.runtime.rate_limit = u32::MAX;
    let server = TestServer::start_with(db.open().await, config).await;
    let store = server.store().clone();
    let p = Principals::create(&*store, &server.admin_token).await;
    let files = echo_connector_files(backend, EchoAuth::ApiKey);
    let connector = p.connector_from(&*store, "echo", "Loopback Echo", &files).await;
    let connection: ConnectionId =
        p.connection(&*store, Who::Owner, &connector, &[("api_key", "bench-key")], None).await;
    let path = format!("/api/v1/connections/{connection}/operations/Ping");
    let token = p.token(Who::Owner).unwrap().to_owned();
    let server = Arc::new(server);
    let call = |_: usize| {
        server
            .request(Method::POST, &path, Some(&token))
            .header("content-type", "application/json")
            .body("{}")
            .send()
    };
    report(&format!("{}: through the server", db.backend()), n, concurrency, &call).await
}

/// Times `call` N times sequentially, then N times from `concurrency` tasks.
async fn report<F, Fut>(label: &str, n: usize, concurrency: usize, call: &F) -> anyhow::Result<()>
where
    F: Fn(usize) -> Fut + Sync,
    Fut: std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send,
{
    let once = |i: usize| async move {
        let response = call(i).await?;
        let status = response.status();
        response.bytes().await?;
        anyhow::ensure!(status == 200, "HTTP {status}");
        Ok::<_, anyhow::Error>(())
    };
    for i in 0..n.min(100) {
        once(i).await?;
    }
    let mut times: Vec<Duration> = Vec::with_capacity(n);
    let started = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        once(i).await?;
        times.push(t.elapsed());
    }
    let sequential = started.elapsed();
    times.sort_unstable();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];

    let started = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = (0..concurrency).map(|_| async {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i >= n {
                return Ok::<_, anyhow::Error>(());
            }
            once(i).await?;
        }
    });
    for result in futures_join(workers).await {
        result?;
    }
    let concurrent = started.elapsed();
    println!(
        "{label:<34} sequential {:>7.0} req/s  p50 {:>8.2?}  p99 {:>8.2?} | {concurrency} concurrent {:>7.0} req/s",
        n as f64 / sequential.as_secs_f64(),
        at(50),
        at(99),
        n as f64 / concurrent.as_secs_f64(),
    );
    Ok(())
}

/// Polls every future to completion on this task (no spawning: the closures borrow).
async fn futures_join<I, Fut>(futures: I) -> Vec<Fut::Output>
where
    I: IntoIterator<Item = Fut>,
    Fut: std::future::Future,
{
    let mut pending: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<Fut::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all = true;
        for (i, f) in pending.iter_mut().enumerate() {
            if done[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => done[i] = Some(v),
                    std::task::Poll::Pending => all = false,
                }
            }
        }
        if all { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    done.into_iter().map(|d| d.unwrap()).collect()
}
