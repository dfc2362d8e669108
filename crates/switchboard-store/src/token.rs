//! API tokens: generated here, shown to the user once, stored only as their SHA-256.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::OsRng;
use chacha20poly1305::aead::rand_core::RngCore as _;
use sha2::{Digest as _, Sha256};

use crate::SecretString;

/// The prefix of every API token, so a leaked token is recognisable by secret scanners.
pub const TOKEN_PREFIX: &str = "sbt_";

/// The SHA-256 of an API token (or of an OAuth `state`): what the database keeps.
///
/// A plain hash, not a slow password hash, is right here: tokens are 256 random bits, so there
/// is nothing to brute-force, and the lookup must be one indexed equality.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenHash(pub [u8; 32]);

impl TokenHash {
    /// The hash of `token`.
    pub fn of(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// The hash bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A hash is not a secret, but printing a prefix is enough to tell two apart.
        write!(
            f,
            "TokenHash({:02x}{:02x}{:02x}{:02x}…)",
            self.0[0], self.0[1], self.0[2], self.0[3]
        )
    }
}

/// A fresh random value of 256 bits, base64url without padding, after `prefix`.
pub fn random_token(prefix: &str) -> SecretString {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    SecretString::new(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// A new API token and its hash: give the token to the user, the hash to the store.
pub fn generate_api_token() -> (SecretString, TokenHash) {
    let token = random_token(TOKEN_PREFIX);
    let hash = TokenHash::of(token.expose());
    (token, hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_prefixed_and_hash_stably() {
        let (a, ha) = generate_api_token();
        let (b, hb) = generate_api_token();
        assert!(a.expose().starts_with(TOKEN_PREFIX));
        assert_eq!(a.expose().len(), TOKEN_PREFIX.len() + 43);
        assert_ne!(a, b);
        assert_ne!(ha, hb);
        assert_eq!(ha, TokenHash::of(a.expose()));
    }
}
