//! Encryption of secrets at rest: XChaCha20-Poly1305 with a random 192-bit nonce per value.
//!
//! XChaCha20-Poly1305 rather than AES-256-GCM because its nonce is long enough to be drawn at
//! random for every value without a collision budget to track, which matters when several
//! server processes encrypt with the same key.
//!
//! A sealed value is `[FORMAT][nonce: 24 bytes][ciphertext + tag]`. Every value is bound to
//! where it is stored through the associated data (for example `connection:<id>:parameters`),
//! so a ciphertext copied into another row or column fails to decrypt instead of being
//! accepted as that row's secret.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// The environment variable holding the key: base64 of exactly 32 bytes.
pub const SECRET_KEY_ENV: &str = "SWITCHBOARD_SECRET_KEY";
/// The key file's name inside the data directory, used when the variable is unset.
pub const KEY_FILE_NAME: &str = "secret.key";

/// The first byte of every sealed value, so the format can change later without guessing.
const FORMAT: u8 = 1;
const NONCE_LEN: usize = 24;

/// Key handling and encryption failures. None of them carries key material or plaintext.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The key text is not base64 of exactly 32 bytes.
    #[error("{source_name} must be base64 of exactly 32 bytes: {reason}")]
    BadKey {
        /// Where the key came from (the variable or the key file's path).
        source_name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The key file can be read by other users, so the secrets it protects are exposed.
    #[error(
        "refusing to use the key file {path}: its mode is {mode:o}, so users other than its \
         owner can read the key that decrypts every stored connection secret; run \
         `chmod 600 {path}` (or set {SECRET_KEY_ENV})"
    )]
    KeyFileTooOpen {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The key file could not be created or read.
    #[error("key file: {0}")]
    Io(#[from] std::io::Error),
    /// A sealed value failed to decrypt: wrong key, tampering, or a value moved between rows.
    #[error("a stored secret could not be decrypted (wrong {SECRET_KEY_ENV}, or tampered data)")]
    Decrypt,
    /// Encryption failed (does not happen with valid keys; kept rather than panicking).
    #[error("encryption failed")]
    Encrypt,
}

/// The 32-byte key that encrypts secrets at rest. `Debug` prints `***`.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

impl SecretKey {
    /// A key from its bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        Self(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// The key as standard base64 (the format of the variable and of the key file).
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// Parses base64 of exactly 32 bytes; `source_name` names where the text came from in the
    /// error.
    pub fn from_base64(text: &str, source_name: &str) -> Result<Self, CryptoError> {
        let bad = |reason: String| CryptoError::BadKey { source_name: source_name.into(), reason };
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|e| bad(format!("it is not valid base64 ({e})")))?;
        let len = bytes.len();
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| {
            bad(format!("it decodes to {len} bytes; generate one with `openssl rand -base64 32`"))
        })?;
        Ok(Self(bytes))
    }

    /// The key the server uses: `SWITCHBOARD_SECRET_KEY` when set, otherwise the key file in
    /// `data_dir`, created (mode 0600) on first use.
    ///
    /// Several servers sharing one PostgreSQL database must share the key: set the variable on
    /// all of them, or give them the same key file.
    pub fn load(data_dir: &Path) -> Result<Self, CryptoError> {
        match std::env::var(SECRET_KEY_ENV) {
            Ok(text) if !text.trim().is_empty() => Self::from_base64(&text, SECRET_KEY_ENV),
            _ => Self::load_or_create_file(&data_dir.join(KEY_FILE_NAME)),
        }
    }

    /// Reads the key file at `path`, or creates it with a fresh key and mode 0600.
    ///
    /// Refuses a file that group or others can read. Creation is race-free between processes:
    /// the key is written to a private temporary file which is then hard-linked into place, so
    /// a reader never sees a half-written key and two starters agree on one key.
    pub fn load_or_create_file(path: &Path) -> Result<Self, CryptoError> {
        if !path.exists() {
            Self::create_file(path)?;
        }
        check_private(path)?;
        let text = fs_err::read_to_string(path)?;
        Self::from_base64(&text, &path.display().to_string())
    }

    fn create_file(path: &Path) -> Result<(), CryptoError> {
        use std::io::Write as _;
        let dir = path.parent().unwrap_or(Path::new("."));
        fs_err::create_dir_all(dir)?;
        let key = Self::generate();
        let tmp = dir.join(format!(".{KEY_FILE_NAME}.{}.tmp", uuid::Uuid::new_v4()));
        let mut options = fs_err::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        fs_err::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(format!("{}\n", key.to_base64()).as_bytes())?;
        file.sync_all()?;
        drop(file);
        let linked = fs_err::hard_link(&tmp, path);
        let _ = fs_err::remove_file(&tmp);
        match linked {
            Ok(()) => Ok(()),
            // Another process won the race: its key is the key.
            Err(e) if path.exists() => {
                tracing::debug!(path = %path.display(), error = %e, "key file created concurrently");
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), CryptoError> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs_err::metadata(path)?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(CryptoError::KeyFileTooOpen { path: path.to_path_buf(), mode });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), CryptoError> {
    Ok(())
}

/// Seals and opens values with one key.
#[derive(Clone)]
pub struct Cipher {
    aead: XChaCha20Poly1305,
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(***)")
    }
}

impl Cipher {
    /// A cipher using `key`.
    pub fn new(key: &SecretKey) -> Self {
        Self { aead: XChaCha20Poly1305::new(&key.0.into()) }
    }

    /// Encrypts `plaintext`, bound to `context` (where the value is stored).
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .aead
            .encrypt(&nonce, Payload { msg: plaintext, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Encrypt)?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(FORMAT);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts a value sealed with the same key and `context`.
    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < 1 + NONCE_LEN || sealed[0] != FORMAT {
            return Err(CryptoError::Decrypt);
        }
        let nonce = XNonce::from_slice(&sealed[1..=NONCE_LEN]);
        self.aead
            .decrypt(nonce, Payload { msg: &sealed[1 + NONCE_LEN..], aad: context.as_bytes() })
            .map_err(|_| CryptoError::Decrypt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_context_binding() {
        let cipher = Cipher::new(&SecretKey::generate());
        let a = cipher.seal("connection:1:parameters", b"hunter2").unwrap();
        let b = cipher.seal("connection:1:parameters", b"hunter2").unwrap();
        assert_ne!(a, b, "a random nonce per value");
        assert!(!a.windows(7).any(|w| w == b"hunter2"));
        assert_eq!(cipher.open("connection:1:parameters", &a).unwrap(), b"hunter2");
        assert!(matches!(cipher.open("connection:2:parameters", &a), Err(CryptoError::Decrypt)));
        let other = Cipher::new(&SecretKey::generate());
        assert!(matches!(other.open("connection:1:parameters", &a), Err(CryptoError::Decrypt)));
        let mut tampered = a.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(cipher.open("connection:1:parameters", &tampered).is_err());
        assert!(cipher.open("x", &[]).is_err());
    }

    #[test]
    fn base64_key_lengths() {
        let key = SecretKey::generate();
        assert!(SecretKey::from_base64(&key.to_base64(), "k").is_ok());
        let short = STANDARD.encode([0u8; 16]);
        let err = SecretKey::from_base64(&short, SECRET_KEY_ENV).unwrap_err().to_string();
        assert!(err.contains("exactly 32 bytes") && err.contains("16 bytes"), "{err}");
        assert!(SecretKey::from_base64("not base64!", "k").is_err());
        assert_eq!(format!("{key:?}"), "SecretKey(***)");
    }

    #[cfg(unix)]
    #[test]
    fn key_file_is_created_private_reused_and_refused_when_open() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join(KEY_FILE_NAME);
        let first = SecretKey::load_or_create_file(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = SecretKey::load_or_create_file(&path).unwrap();
        assert_eq!(first.0, again.0);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = SecretKey::load_or_create_file(&path).unwrap_err();
        assert!(matches!(err, CryptoError::KeyFileTooOpen { mode: 0o644, .. }), "{err}");
        assert!(err.to_string().contains("chmod 600"));
    }
}
