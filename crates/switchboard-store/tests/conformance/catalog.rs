//! Connectors: visibility, pagination, versions, concurrency, shares.

use std::sync::Arc;

use switchboard_store::fixture::tiny_archive;
use switchboard_store::{
    ConnectorId, EnvironmentId, NewConnector, NewVersion, PageRequest, Permission, Principal, Role,
    Store, StoreError, UserId, Viewer,
};

use crate::harness::Harness;

pub fn connector(env: &EnvironmentId, owner: &UserId, name: &str, title: &str) -> NewConnector {
    NewConnector {
        environment_id: env.clone(),
        owner_id: owner.clone(),
        name: name.into(),
        title: title.into(),
        archive: tiny_archive(title).unwrap(),
        warnings: serde_json::json!([]),
    }
}

fn version(id: &ConnectorId, by: &UserId, title: &str) -> NewVersion {
    NewVersion {
        connector_id: id.clone(),
        created_by: by.clone(),
        title: title.into(),
        archive: tiny_archive(title).unwrap(),
        warnings: serde_json::json!([]),
        expected_current: None,
    }
}

async fn visible_names(s: &dyn Store, viewer: &Viewer, env: &EnvironmentId) -> Vec<String> {
    let page = s.list_visible_connectors(viewer, env, &PageRequest::first(100)).await.unwrap();
    assert!(page.next.is_none());
    page.items.into_iter().map(|c| c.connector.name).collect()
}

pub async fn visibility_rules(h: &Harness) {
    let s = &*h.store;
    let t = s.create_tenant("t").await.unwrap();
    let other = s.create_tenant("other").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let env2 = s.create_environment(&t.id, "prod", "europe").await.unwrap();
    let user = |name: &'static str, role| {
        let tenant = t.id.clone();
        async move { s.create_user(&tenant, name, role).await.unwrap() }
    };
    let owner = user("owner", Role::Maker).await;
    let member = user("member", Role::Maker).await;
    let direct = user("direct", Role::Maker).await;
    let grouped = user("grouped", Role::Maker).await;
    let stranger = user("stranger", Role::Maker).await;
    let admin = user("admin", Role::TenantAdmin).await;
    let member2 = user("member2", Role::Maker).await;
    let foreigner = s.create_user(&other.id, "foreigner", Role::TenantAdmin).await.unwrap();
    let foreign_env = s.create_environment(&other.id, "dev", "europe").await.unwrap();
    s.add_environment_member(&env.id, &member.id).await.unwrap();
    s.add_environment_member(&env2.id, &member2.id).await.unwrap();
    let group = s.create_group(&t.id, "g").await.unwrap();
    s.add_group_member(&group.id, &grouped.id).await.unwrap();

    // The owner is not a member of the environment: ownership alone makes it visible.
    let (a, _) = s.create_connector(connector(&env.id, &owner.id, "a", "A")).await.unwrap();
    let (b, _) = s.create_connector(connector(&env.id, &owner.id, "b", "B")).await.unwrap();
    let (c, _) = s.create_connector(connector(&env.id, &owner.id, "c", "C")).await.unwrap();
    let (d, _) = s.create_connector(connector(&env2.id, &member2.id, "d", "D")).await.unwrap();
    s.share_connector(&a.id, &Principal::User(direct.id.clone()), Permission::Use).await.unwrap();
    s.share_connector(&b.id, &Principal::Group(group.id.clone()), Permission::Edit).await.unwrap();
    // Cross-tenant shares are refused outright.
    assert!(matches!(
        s.share_connector(&c.id, &Principal::User(foreigner.id.clone()), Permission::Use).await,
        Err(StoreError::Invalid(_))
    ));

    let v = |u: &switchboard_store::User| Viewer::from(u);
    assert_eq!(visible_names(s, &v(&owner), &env.id).await, ["a", "b", "c"]);
    assert_eq!(visible_names(s, &v(&member), &env.id).await, ["a", "b", "c"]);
    assert_eq!(visible_names(s, &v(&direct), &env.id).await, ["a"]);
    assert_eq!(visible_names(s, &v(&grouped), &env.id).await, ["b"]);
    assert!(visible_names(s, &v(&stranger), &env.id).await.is_empty());
    assert_eq!(visible_names(s, &v(&admin), &env.id).await, ["a", "b", "c"]);
    assert_eq!(visible_names(s, &Viewer::PlatformAdmin, &env.id).await, ["a", "b", "c"]);
    // Membership of another environment gives nothing here, and vice versa.
    assert!(visible_names(s, &v(&member2), &env.id).await.is_empty());
    assert!(visible_names(s, &v(&member), &env2.id).await.is_empty());
    assert_eq!(visible_names(s, &v(&member2), &env2.id).await, ["d"]);
    // Another tenant's administrator sees nothing, even when asking by id.
    assert!(visible_names(s, &v(&foreigner), &env.id).await.is_empty());
    assert!(visible_names(s, &v(&admin), &foreign_env.id).await.is_empty());
    for id in [&a.id, &b.id, &c.id, &d.id] {
        assert_eq!(s.get_visible_connector(&v(&foreigner), id).await.unwrap(), None);
    }

    // Lookups by id follow the same rule, and say what the viewer may do.
    let access = |viewer: Viewer, id: ConnectorId| async move {
        s.get_visible_connector(&viewer, &id).await.unwrap().map(|c| c.access)
    };
    assert_eq!(access(v(&owner), a.id.clone()).await, Some(Permission::Edit));
    assert_eq!(access(v(&member), a.id.clone()).await, Some(Permission::Use));
    assert_eq!(access(v(&direct), a.id.clone()).await, Some(Permission::Use));
    assert_eq!(access(v(&direct), b.id.clone()).await, None);
    assert_eq!(access(v(&grouped), b.id.clone()).await, Some(Permission::Edit));
    assert_eq!(access(v(&grouped), a.id.clone()).await, None);
    assert_eq!(access(v(&stranger), c.id.clone()).await, None);
    assert_eq!(access(v(&admin), c.id.clone()).await, Some(Permission::Edit));
    assert_eq!(access(v(&admin), d.id.clone()).await, Some(Permission::Edit));
    assert_eq!(access(Viewer::PlatformAdmin, d.id.clone()).await, Some(Permission::Edit));
    assert_eq!(access(v(&owner), ConnectorId::random()).await, None);

    // Upgrading a share upgrades access; removing it hides the connector again.
    s.share_connector(&a.id, &Principal::User(direct.id.clone()), Permission::Edit).await.unwrap();
    assert_eq!(access(v(&direct), a.id.clone()).await, Some(Permission::Edit));
    assert!(s.unshare_connector(&a.id, &Principal::User(direct.id.clone())).await.unwrap());
    assert_eq!(access(v(&direct), a.id.clone()).await, None);
    // Leaving the group hides the group's shares.
    s.remove_group_member(&group.id, &grouped.id).await.unwrap();
    assert_eq!(access(v(&grouped), b.id.clone()).await, None);
}

pub async fn catalog_pagination(h: &Harness) {
    let s = &*h.store;
    let t = s.create_tenant("t").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    // Two connectors share a title: the id breaks the tie, and no page skips either.
    let titles = ["Gamma", "Alpha", "Delta", "Beta", "Alpha", "Epsilon", "alpha"];
    for (i, title) in titles.iter().enumerate() {
        s.create_connector(connector(&env.id, &owner.id, &format!("c{i}"), title)).await.unwrap();
    }
    let viewer = Viewer::from(&owner);
    let mut seen = Vec::new();
    let mut page = PageRequest::first(3);
    let mut sizes = Vec::new();
    loop {
        let got = s.list_visible_connectors(&viewer, &env.id, &page).await.unwrap();
        sizes.push(got.items.len());
        seen.extend(got.items.into_iter().map(|c| c.connector));
        match got.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    assert_eq!(sizes, [3, 3, 1]);
    let got: Vec<_> = seen.iter().map(|c| c.title.as_str()).collect();
    // Bytewise order on both backends: upper case before lower case.
    assert_eq!(got, ["Alpha", "Alpha", "Beta", "Delta", "Epsilon", "Gamma", "alpha"]);
    assert!(seen[0].id.as_str() < seen[1].id.as_str());
    // Exactly a full page: no phantom next page.
    let all = s.list_visible_connectors(&viewer, &env.id, &PageRequest::first(7)).await.unwrap();
    assert_eq!((all.items.len(), all.next), (7, None));
    let bad = PageRequest { limit: 3, after: Some("not a cursor!".into()) };
    assert!(matches!(
        s.list_visible_connectors(&viewer, &env.id, &bad).await,
        Err(StoreError::Invalid(_))
    ));
}

pub async fn versions_are_immutable_and_numbered_in_order(h: &Harness) {
    let s = &*h.store;
    let t = s.create_tenant("t").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    let editor = s.create_user(&t.id, "editor", Role::Maker).await.unwrap();
    let mut first = connector(&env.id, &owner.id, "petstore", "Petstore");
    first.warnings = serde_json::json!([{"code": "SW001", "severity": "warning"}]);
    let v1_archive = first.archive.clone();
    let (c, v1) = s.create_connector(first).await.unwrap();
    assert_eq!((c.current_version, v1.version), (1, 1));
    assert!(matches!(
        s.create_connector(connector(&env.id, &owner.id, "petstore", "Again")).await,
        Err(StoreError::Conflict(_))
    ));

    let (c2, v2) = s.add_version(version(&c.id, &editor.id, "Petstore 2")).await.unwrap();
    assert_eq!((c2.current_version, v2.version, c2.title.as_str()), (2, 2, "Petstore 2"));
    assert!(c2.updated_at >= c.updated_at);
    let mut guarded = version(&c.id, &editor.id, "Petstore 3");
    guarded.expected_current = Some(1);
    assert!(matches!(s.add_version(guarded.clone()).await, Err(StoreError::Conflict(_))));
    guarded.expected_current = Some(2);
    let (_, v3) = s.add_version(guarded).await.unwrap();
    assert_eq!(v3.version, 3);
    assert!(matches!(
        s.add_version(version(&ConnectorId::random(), &editor.id, "x")).await,
        Err(StoreError::NotFound("connector"))
    ));

    let listed: Vec<_> = s.list_versions(&c.id).await.unwrap().iter().map(|v| v.version).collect();
    assert_eq!(listed, [3, 2, 1]);
    // Earlier versions stay downloadable, byte for byte, with their own warnings and author.
    let old = s.get_version(&c.id, 1).await.unwrap().unwrap();
    assert_eq!(old.archive, v1_archive);
    assert_eq!(old.info, v1);
    assert_eq!(old.info.sha256, v1_archive.sha256_hex());
    assert_eq!(old.info.warnings[0]["code"], "SW001");
    assert_eq!(old.info.created_by, owner.id);
    let files = old.archive.files().unwrap();
    assert!(String::from_utf8_lossy(&files[0].1).contains("\"Petstore\""));
    assert_eq!(s.get_version(&c.id, 2).await.unwrap().unwrap().info.created_by, editor.id);
    assert_eq!(s.get_version(&c.id, 4).await.unwrap(), None);

    // The schema itself refuses to change a stored version, and a duplicate number.
    let update =
        format!("UPDATE connector_versions SET sha256 = 'x' WHERE connector_id = '{}'", c.id);
    let err = h.exec_raw(&update).await.unwrap_err().to_string();
    assert!(err.contains("immutable"), "{err}");
    let dup = format!(
        "INSERT INTO connector_versions (connector_id, version, archive, sha256, warnings, \
         created_by, created_at) SELECT connector_id, 2, archive, sha256, warnings, created_by, \
         created_at FROM connector_versions WHERE connector_id = '{}' AND version = 1",
        c.id
    );
    assert!(h.exec_raw(&dup).await.is_err());
    assert_eq!(s.get_version(&c.id, 1).await.unwrap().unwrap().info.sha256, v1.sha256);
}

/// Two "server processes" (two independent stores on one database) publish versions of the
/// same connector at the same time: every publication gets its own number, with no gaps.
pub async fn concurrent_updates_get_distinct_versions(h: &Harness) {
    const EACH: i64 = 12;
    let s = &h.store;
    let t = s.create_tenant("t").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    let (c, _) = s.create_connector(connector(&env.id, &owner.id, "x", "X")).await.unwrap();
    let other: Arc<dyn Store> = h.reopen().await;
    let mut tasks = tokio::task::JoinSet::new();
    for (w, store) in [Arc::clone(s), other, Arc::clone(s)].into_iter().enumerate() {
        let (id, by) = (c.id.clone(), owner.id.clone());
        tasks.spawn(async move {
            let mut got = Vec::new();
            for i in 0..EACH {
                let (_, v) = store.add_version(version(&id, &by, &format!("X {w}.{i}"))).await?;
                got.push(v.version);
            }
            Ok::<_, StoreError>(got)
        });
    }
    let mut numbers = Vec::new();
    while let Some(done) = tasks.join_next().await {
        let got = done.unwrap().unwrap();
        assert!(got.windows(2).all(|w| w[0] < w[1]), "each writer sees its numbers grow");
        numbers.extend(got);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (2..=1 + 3 * EACH).collect::<Vec<_>>());
    let viewer = Viewer::from(&owner);
    let now = s.get_visible_connector(&viewer, &c.id).await.unwrap().unwrap().connector;
    assert_eq!(now.current_version, 1 + 3 * EACH);
    assert_eq!(i64::try_from(s.list_versions(&c.id).await.unwrap().len()).unwrap(), 1 + 3 * EACH);
}

pub async fn shares(h: &Harness) {
    let s = &*h.store;
    let t = s.create_tenant("t").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    let ann = s.create_user(&t.id, "ann", Role::Maker).await.unwrap();
    let g = s.create_group(&t.id, "g").await.unwrap();
    let (c, _) = s.create_connector(connector(&env.id, &owner.id, "x", "X")).await.unwrap();
    let to_ann = Principal::User(ann.id.clone());
    let to_g = Principal::Group(g.id.clone());
    s.share_connector(&c.id, &to_ann, Permission::Use).await.unwrap();
    s.share_connector(&c.id, &to_g, Permission::Use).await.unwrap();
    s.share_connector(&c.id, &to_ann, Permission::Edit).await.unwrap(); // upsert, not a second row
    let shares = s.list_shares(&c.id).await.unwrap();
    assert_eq!(shares.len(), 2);
    let ann_share = shares.iter().find(|x| x.principal == to_ann).unwrap();
    assert_eq!(ann_share.permission, Permission::Edit);
    assert!(matches!(
        s.share_connector(&ConnectorId::random(), &to_ann, Permission::Use).await,
        Err(StoreError::NotFound("connector"))
    ));
    assert!(matches!(
        s.share_connector(&c.id, &Principal::User(UserId::random()), Permission::Use).await,
        Err(StoreError::NotFound("user"))
    ));
    assert!(s.unshare_connector(&c.id, &to_g).await.unwrap());
    assert!(!s.unshare_connector(&c.id, &to_g).await.unwrap());
    assert_eq!(s.list_shares(&c.id).await.unwrap().len(), 1);
}
