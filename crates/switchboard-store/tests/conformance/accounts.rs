//! Tenants, users, tokens, groups, environments.

use switchboard_store::{Role, StoreError, TenantId, TokenHash, UserId, generate_api_token};

use crate::harness::Harness;

pub async fn tenants_and_users(h: &Harness) {
    let s = &h.store;
    let a = s.create_tenant("alpha").await.unwrap();
    let b = s.create_tenant("beta").await.unwrap();
    assert!(matches!(s.create_tenant("alpha").await, Err(StoreError::Conflict(_))));
    assert_eq!(s.get_tenant(&a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(s.get_tenant(&TenantId::random()).await.unwrap(), None);
    let names: Vec<_> = s.list_tenants().await.unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["alpha", "beta"]);

    let ann = s.create_user(&a.id, "ann", Role::TenantAdmin).await.unwrap();
    let bob = s.create_user(&a.id, "bob", Role::Maker).await.unwrap();
    // Names are unique per tenant, not globally.
    assert!(matches!(s.create_user(&a.id, "bob", Role::Maker).await, Err(StoreError::Conflict(_))));
    s.create_user(&b.id, "bob", Role::Maker).await.unwrap();
    assert!(matches!(
        s.create_user(&TenantId::random(), "x", Role::Maker).await,
        Err(StoreError::NotFound("tenant"))
    ));
    assert_eq!(s.get_user(&ann.id).await.unwrap(), Some(ann.clone()));
    assert_eq!(s.get_user(&UserId::random()).await.unwrap(), None);
    let users: Vec<_> = s.list_users(&a.id).await.unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(users, ["ann", "bob"]);
    assert!(s.set_user_role(&bob.id, Role::TenantAdmin).await.unwrap());
    assert_eq!(s.get_user(&bob.id).await.unwrap().unwrap().role, Role::TenantAdmin);
    assert!(!s.set_user_role(&UserId::random(), Role::Maker).await.unwrap());
    assert!(s.delete_user(&bob.id).await.unwrap());
    assert!(!s.delete_user(&bob.id).await.unwrap());
}

pub async fn token_lookup(h: &Harness) {
    let s = &h.store;
    let t = s.create_tenant("t").await.unwrap();
    let ann = s.create_user(&t.id, "ann", Role::Maker).await.unwrap();
    let bob = s.create_user(&t.id, "bob", Role::Maker).await.unwrap();
    let (token1, hash1) = generate_api_token();
    let (_token2, hash2) = generate_api_token();
    let (_expired, hash3) = generate_api_token();
    let k1 = s.create_api_token(&ann.id, "laptop", &hash1, None).await.unwrap();
    let k2 = s.create_api_token(&ann.id, "ci", &hash2, Some(i64::MAX)).await.unwrap();
    s.create_api_token(&ann.id, "old", &hash3, Some(1)).await.unwrap();
    // The same token cannot be registered twice (nor, by the hash, for two users).
    assert!(matches!(
        s.create_api_token(&bob.id, "dup", &hash1, None).await,
        Err(StoreError::Conflict(_))
    ));

    let found = s.authenticate(&TokenHash::of(token1.expose())).await.unwrap().unwrap();
    assert_eq!(found.user, ann);
    assert_eq!(found.tenant, t);
    assert_eq!(found.token_id, k1.id);
    assert_eq!(s.authenticate(&hash2).await.unwrap().unwrap().token_id, k2.id);
    assert_eq!(s.authenticate(&hash3).await.unwrap(), None, "expired");
    assert_eq!(s.authenticate(&TokenHash::of("sbt_unknown")).await.unwrap(), None);

    assert_eq!(s.list_api_tokens(&ann.id).await.unwrap().len(), 3);
    assert!(!s.delete_api_token(&bob.id, &k1.id).await.unwrap(), "not bob's token");
    assert!(s.delete_api_token(&ann.id, &k1.id).await.unwrap());
    assert_eq!(s.authenticate(&hash1).await.unwrap(), None);
    assert!(s.authenticate(&hash2).await.unwrap().is_some(), "other tokens still work");
}

pub async fn groups_and_memberships(h: &Harness) {
    let s = &h.store;
    let t = s.create_tenant("t").await.unwrap();
    let other = s.create_tenant("other").await.unwrap();
    let ann = s.create_user(&t.id, "ann", Role::Maker).await.unwrap();
    let bob = s.create_user(&t.id, "bob", Role::Maker).await.unwrap();
    let eve = s.create_user(&other.id, "eve", Role::Maker).await.unwrap();

    let g = s.create_group(&t.id, "makers").await.unwrap();
    assert!(matches!(s.create_group(&t.id, "makers").await, Err(StoreError::Conflict(_))));
    s.create_group(&other.id, "makers").await.unwrap();
    s.add_group_member(&g.id, &bob.id).await.unwrap();
    s.add_group_member(&g.id, &ann.id).await.unwrap();
    s.add_group_member(&g.id, &ann.id).await.unwrap(); // idempotent
    assert!(matches!(s.add_group_member(&g.id, &eve.id).await, Err(StoreError::Invalid(_))));
    let members: Vec<_> =
        s.list_group_members(&g.id).await.unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(members, ["ann", "bob"]);
    assert!(s.remove_group_member(&g.id, &bob.id).await.unwrap());
    assert!(!s.remove_group_member(&g.id, &bob.id).await.unwrap());
    assert_eq!(s.list_groups(&t.id).await.unwrap(), vec![g.clone()]);
    assert_eq!(s.get_group(&g.id).await.unwrap(), Some(g.clone()));

    let dev = s.create_environment(&t.id, "dev", "europe").await.unwrap();
    let prod = s.create_environment(&t.id, "prod", "unitedstates").await.unwrap();
    assert!(matches!(
        s.create_environment(&t.id, "dev", "asia").await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(s.get_environment(&dev.id).await.unwrap().unwrap().region, "europe");
    let envs: Vec<_> =
        s.list_environments(&t.id).await.unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(envs, ["dev", "prod"]);
    s.add_environment_member(&dev.id, &ann.id).await.unwrap();
    s.add_environment_member(&dev.id, &ann.id).await.unwrap(); // idempotent
    s.add_environment_member(&prod.id, &ann.id).await.unwrap();
    assert!(matches!(
        s.add_environment_member(&dev.id, &eve.id).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        s.add_environment_member(&dev.id, &UserId::random()).await,
        Err(StoreError::NotFound("user"))
    ));
    assert!(s.is_environment_member(&dev.id, &ann.id).await.unwrap());
    assert!(!s.is_environment_member(&dev.id, &bob.id).await.unwrap());
    assert_eq!(s.list_environment_members(&dev.id).await.unwrap(), vec![ann.clone()]);
    assert_eq!(s.list_member_environments(&ann.id).await.unwrap(), vec![dev.clone(), prod.clone()]);
    assert!(s.remove_environment_member(&prod.id, &ann.id).await.unwrap());
    assert_eq!(s.list_member_environments(&ann.id).await.unwrap(), vec![dev]);
}
