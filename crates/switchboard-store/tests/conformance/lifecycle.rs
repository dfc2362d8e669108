//! Deletion cascades and persistence across reopening.

use switchboard_store::{
    ConnectionStatus, NewConnection, PageRequest, Permission, Principal, Role, StoreError,
    TokenHash, Viewer, generate_api_token,
};

use crate::catalog::connector;
use crate::harness::Harness;

pub async fn cascade_and_cleanup_on_delete(h: &Harness) {
    let s = &h.store;
    let t = s.create_tenant("t").await.unwrap();
    let keep = s.create_tenant("keep").await.unwrap();
    let kept_user = s.create_user(&keep.id, "kept", Role::Maker).await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    let ann = s.create_user(&t.id, "ann", Role::Maker).await.unwrap();
    let g = s.create_group(&t.id, "g").await.unwrap();
    s.add_group_member(&g.id, &ann.id).await.unwrap();
    s.add_environment_member(&env.id, &ann.id).await.unwrap();
    let (_, ann_hash) = generate_api_token();
    s.create_api_token(&ann.id, "k", &ann_hash, None).await.unwrap();
    let (c1, _) = s.create_connector(connector(&env.id, &owner.id, "c1", "C1")).await.unwrap();
    let (c2, _) = s.create_connector(connector(&env.id, &owner.id, "c2", "C2")).await.unwrap();
    s.share_connector(&c1.id, &Principal::Group(g.id.clone()), Permission::Edit).await.unwrap();
    s.share_connector(&c2.id, &Principal::User(ann.id.clone()), Permission::Use).await.unwrap();
    let conn = |c: &switchboard_store::Connector, owner: &switchboard_store::User| NewConnection {
        connector_id: c.id.clone(),
        environment_id: env.id.clone(),
        owner_id: owner.id.clone(),
        display_name: "c".into(),
        parameters: std::collections::BTreeMap::default(),
        status: ConnectionStatus::Connected,
    };
    let ann_conn = s.create_connection(conn(&c1, &ann)).await.unwrap();
    let owner_conn = s.create_connection(conn(&c2, &owner)).await.unwrap();

    // Deleting a group removes its shares.
    assert!(s.delete_group(&g.id).await.unwrap());
    assert!(s.list_shares(&c1.id).await.unwrap().is_empty());

    // Deleting a connector removes its versions, shares and connections.
    assert!(s.delete_connector(&c1.id).await.unwrap());
    assert!(s.list_versions(&c1.id).await.unwrap().is_empty());
    assert_eq!(s.get_version(&c1.id, 1).await.unwrap(), None);
    assert_eq!(s.get_connection(&ann_conn.id).await.unwrap(), None);
    assert!(!s.delete_connector(&c1.id).await.unwrap());

    // A user who owns connectors cannot be deleted; one who does not takes their tokens,
    // memberships, shares and connections along.
    assert!(matches!(s.delete_user(&owner.id).await, Err(StoreError::Invalid(_))));
    assert!(s.get_user(&owner.id).await.unwrap().is_some());
    assert!(s.delete_user(&ann.id).await.unwrap());
    assert_eq!(s.authenticate(&ann_hash).await.unwrap(), None);
    assert!(s.list_environment_members(&env.id).await.unwrap().is_empty());
    assert!(s.list_shares(&c2.id).await.unwrap().is_empty());

    // Deleting the environment removes its connectors (even owned ones) and connections.
    assert!(s.delete_environment(&env.id).await.unwrap());
    let viewer = Viewer::from(&owner);
    assert_eq!(s.get_visible_connector(&Viewer::PlatformAdmin, &c2.id).await.unwrap(), None);
    assert!(
        s.list_visible_connectors(&viewer, &env.id, &PageRequest::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(s.get_connection(&owner_conn.id).await.unwrap(), None);
    assert!(s.delete_user(&owner.id).await.unwrap(), "no connectors left");

    // Deleting a tenant removes everything in it, and nothing outside it.
    let env2 = s.create_environment(&t.id, "again", "europe").await.unwrap();
    let bob = s.create_user(&t.id, "bob", Role::Maker).await.unwrap();
    let (bob_token, bob_hash) = generate_api_token();
    s.create_api_token(&bob.id, "k", &bob_hash, None).await.unwrap();
    let (c3, _) = s.create_connector(connector(&env2.id, &bob.id, "c3", "C3")).await.unwrap();
    assert!(s.delete_tenant(&t.id).await.unwrap());
    assert_eq!(s.get_user(&bob.id).await.unwrap(), None);
    assert_eq!(s.get_environment(&env2.id).await.unwrap(), None);
    assert_eq!(s.authenticate(&TokenHash::of(bob_token.expose())).await.unwrap(), None);
    assert!(s.list_versions(&c3.id).await.unwrap().is_empty());
    assert_eq!(s.get_user(&kept_user.id).await.unwrap(), Some(kept_user));
    assert_eq!(s.list_tenants().await.unwrap(), vec![keep]);
}

pub async fn data_survives_reopening(h: &Harness) {
    let s = &h.store;
    let t = s.create_tenant("t").await.unwrap();
    let env = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let owner = s.create_user(&t.id, "owner", Role::Maker).await.unwrap();
    let (token, hash) = generate_api_token();
    s.create_api_token(&owner.id, "k", &hash, None).await.unwrap();
    let (c, _) = s.create_connector(connector(&env.id, &owner.id, "c", "C")).await.unwrap();
    let conn = s
        .create_connection(NewConnection {
            connector_id: c.id.clone(),
            environment_id: env.id.clone(),
            owner_id: owner.id.clone(),
            display_name: "c".into(),
            parameters: [("k".to_owned(), "v".into())].into_iter().collect(),
            status: ConnectionStatus::Connected,
        })
        .await
        .unwrap();

    // Reopening runs the migrations again (a no-op) and finds everything.
    let again = h.reopen().await;
    let who = again.authenticate(&TokenHash::of(token.expose())).await.unwrap().unwrap();
    assert_eq!(who.user, owner);
    let seen = again.get_visible_connector(&Viewer::from(&owner), &c.id).await.unwrap().unwrap();
    assert_eq!(seen.connector, c);
    let secrets = again.get_connection_secrets(&conn.id).await.unwrap().unwrap();
    assert_eq!(secrets.parameters["k"].expose(), "v");
}
