//! Token buckets shared through the database.

use std::time::Duration;

use switchboard_store::Admission;

use crate::harness::Harness;

const MINUTE: Duration = Duration::from_secs(60);

fn refused(a: Admission) -> Duration {
    match a {
        Admission::Refused { retry_after } => retry_after,
        Admission::Granted => panic!("expected a refusal"),
    }
}

pub async fn rate_limit_budget_is_shared_by_every_store(h: &Harness) {
    let first = &h.store;
    let second = h.reopen().await; // another server process, as far as the database can tell
    for i in 0..4 {
        let store = if i % 2 == 0 { first } else { &second };
        assert_eq!(
            store.acquire_rate_limit("conn-a", 4, MINUTE).await.unwrap(),
            Admission::Granted,
            "{i}"
        );
    }
    let wait = refused(second.acquire_rate_limit("conn-a", 4, MINUTE).await.unwrap());
    // One token comes back every 15 s.
    assert!(wait > Duration::from_secs(14) && wait <= Duration::from_secs(15), "{wait:?}");
    let wait = refused(first.acquire_rate_limit("conn-a", 4, MINUTE).await.unwrap());
    assert!(wait <= Duration::from_secs(15), "{wait:?}");
    // Another bucket is untouched.
    assert_eq!(first.acquire_rate_limit("conn-b", 4, MINUTE).await.unwrap(), Admission::Granted);
}

pub async fn rate_limit_refills_over_time(h: &Harness) {
    let s = &h.store;
    let period = Duration::from_millis(400);
    for _ in 0..2 {
        assert_eq!(s.acquire_rate_limit("fast", 2, period).await.unwrap(), Admission::Granted);
    }
    let wait = refused(s.acquire_rate_limit("fast", 2, period).await.unwrap());
    assert!(wait <= Duration::from_millis(200), "{wait:?}");
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(s.acquire_rate_limit("fast", 2, period).await.unwrap(), Admission::Granted);
    // Never more than the capacity, however long the bucket rested.
    tokio::time::sleep(Duration::from_millis(900)).await;
    for _ in 0..2 {
        assert_eq!(s.acquire_rate_limit("fast", 2, period).await.unwrap(), Admission::Granted);
    }
    refused(s.acquire_rate_limit("fast", 2, period).await.unwrap());
}

pub async fn concurrent_requests_never_overdraw_a_bucket(h: &Harness) {
    let stores = [h.store.clone(), h.reopen().await];
    let mut tasks = Vec::new();
    for i in 0..24 {
        let store = stores[i % 2].clone();
        tasks.push(tokio::spawn(async move {
            store.acquire_rate_limit("busy", 10, Duration::from_secs(3600)).await.unwrap()
        }));
    }
    let mut granted = 0;
    for t in tasks {
        if t.await.unwrap() == Admission::Granted {
            granted += 1;
        }
    }
    assert_eq!(granted, 10);
}
