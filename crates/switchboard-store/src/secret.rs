//! A string that must not leak: no `Display`, no `Serialize`, and `Debug` prints `***`.

use std::fmt;

/// A secret value held in memory in plaintext (a connection parameter, an OAuth token, a PKCE
/// verifier, a freshly generated API token). It is encrypted before it reaches the database.
///
/// Reading it takes an explicit [`SecretString::expose`], so a secret cannot end up in a log
/// line or an API response through `{:?}`, `{}` or serde by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a plaintext value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The plaintext value.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The plaintext value, consuming the wrapper.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let secret = SecretString::new("hunter2");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(***)");
        assert_eq!(secret.expose(), "hunter2");
    }
}
