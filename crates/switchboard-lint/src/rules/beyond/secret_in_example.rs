use switchboard_model::json::{Kind, Value};

use crate::{Check, Context, Levels, Severity, declare_rule};

/// Keys whose values are sample data a secret could be pasted into.
const SAMPLE_KEYS: &[&str] = &["default", "x-ms-test-value", "example", "x-example", "examples"];
/// Shortest run of letters and digits taken for a credential.
const MIN_TOKEN: usize = 32;
/// Longest run taken for a credential without a secret-like name: longer runs are encoded
/// data (documents, images).
const MAX_TOKEN: usize = 128;
/// Strings longer than this are sample content (file data, documents), not credentials.
const MAX_STRING: usize = 512;
/// Name fragments (of the parameter, property or query parameter holding the value, or text
/// right before it) that say the value is a credential.
const SECRET_NAMES: &[&str] = &[
    "key",
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "sig",
    "auth",
    "credential",
    "bearer",
    "sas",
];

declare_rule! {
    /// ## What it does
    /// Reports secret-looking literals in sample values of the swagger — `default`,
    /// `x-ms-test-value`, `example`, `x-example` and response `examples`: a random-looking run
    /// of at least 32 letters and digits that mixes upper and lower case (base62/base64 keys
    /// and tokens), or any such run — hexadecimal included — when the parameter, property or
    /// query parameter holding it is named like a credential (key, token, secret, password,
    /// sig, auth…). GUIDs (split by their dashes) and hexadecimal identifiers or hashes under
    /// ordinary names are not reported.
    ///
    /// ## Why it matters
    /// Connector files are published: on GitHub for certified and independent-publisher
    /// connectors, and to every user of a custom connector in an environment. A real key used
    /// while testing and left in `x-ms-test-value` or an example is a leaked credential.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api_key", "in": "query", "type": "string", "x-ms-test-value": "sk4f9a0c2e7b1d8f3a6c5e9b2d7f1a4c8e3b6" }
    /// ```
    ///
    /// ## Fix
    /// Replace the value with a placeholder (`"YOUR_API_KEY"`) and revoke the key if it was
    /// real.
    pub SecretInExample {
        code: "BX016",
        name: "secret-in-example",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

fn secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.iter().any(|n| lower.contains(n))
}

/// The first credential-looking token of `s`, whose nearest name is `context`: a random-looking
/// run of 32+ letters and digits that mixes upper and lower case (base62/base64 keys), or any
/// such run (hex included) when `context` or the text just before it names a credential.
fn secret_token<'s>(s: &'s str, context: &str) -> Option<&'s str> {
    if s.len() > MAX_STRING || s.len() < MIN_TOKEN {
        return None;
    }
    // Computed on the first candidate token only: most samples have none.
    let mut named = None;
    for (start, t) in candidates(s) {
        let mixed_case =
            t.bytes().any(|b| b.is_ascii_uppercase()) && t.bytes().any(|b| b.is_ascii_lowercase());
        let before = &s[start.saturating_sub(12)..start];
        if *named.get_or_insert_with(|| secret_name(context))
            || secret_name(before)
            || (mixed_case && t.len() <= MAX_TOKEN)
        {
            return Some(t);
        }
    }
    None
}

/// The random-looking runs of `s` (32+ letters and digits, both present, entropy of at least
/// 3.5 bits per character) with their offsets: the tokens [`secret_token`] judges.
fn candidates(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .map(move |t| {
            let start = offset;
            offset += t.len() + 1;
            (start, t)
        })
        .filter(|(_, t)| {
            t.len() >= MIN_TOKEN
                && t.bytes().any(|b| b.is_ascii_digit())
                && t.bytes().any(|b| b.is_ascii_alphabetic())
                && entropy(t) >= 3.5
        })
}

/// Shannon entropy in bits per character.
fn entropy(t: &str) -> f64 {
    let mut counts = [0u32; 128];
    for b in t.bytes() {
        counts[usize::from(b & 0x7f)] += 1;
    }
    let n = f64::from(u32::try_from(t.len()).unwrap_or(u32::MAX));
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

impl Check for SecretInExample {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let mut found = Vec::new();
        visit(sw.root(), "", false, &mut found);
        for (v, key, len, head) in found {
            cx.report_value(v, format!("This '{key}' value contains what looks like a secret (a {len}-character token starting '{head}')"))
                .set_help("replace it with a placeholder such as \"YOUR_API_KEY\", and revoke the credential if it was real");
        }
    }
}

/// A finding: the string value, the sample key it is under, the token's length and first
/// characters.
type Found<'a> = (&'a Value, &'a str, usize, &'a str);

/// Walks the document; `context` is the nearest name (parameter `name` or member key),
/// `names` whether the members of `v` are names rather than keywords.
fn visit<'a>(v: &'a Value, context: &'a str, names: bool, found: &mut Vec<Found<'a>>) {
    // Scalars outside sample data hold nothing to visit.
    let container = |v: &Value| matches!(v.kind, Kind::Object(_) | Kind::Array(_));
    for item in v.items().filter(|i| container(i)) {
        visit(item, context, false, found);
    }
    let own_name = v.get_str("name").unwrap_or(context);
    for m in v.members() {
        if !names && SAMPLE_KEYS.contains(&m.key.as_str()) {
            sample(&m.value, own_name, &m.key, found);
            continue;
        }
        if !container(&m.value) {
            continue;
        }
        let child_names = !names
            && ["properties", "parameters", "definitions", "responses", "paths"]
                .contains(&m.key.as_str());
        let child_context = if names { m.key.as_str() } else { own_name };
        visit(&m.value, child_context, child_names, found);
    }
}

/// Scans a sample value; keys inside it name the strings below them.
fn sample<'a>(v: &'a Value, context: &'a str, key: &'a str, found: &mut Vec<Found<'a>>) {
    match &v.kind {
        Kind::String(s) => {
            if let Some(t) = secret_token(s, context) {
                found.push((v, key, t.len(), t.get(..4).unwrap_or_default()));
            }
        }
        Kind::Array(items) => items.iter().for_each(|i| sample(i, context, key, found)),
        Kind::Object(o) => o.members.iter().for_each(|m| sample(&m.value, &m.key, key, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn ordinary_samples_pass() {
        assert!(check_swagger(&SecretInExample, json!({})).is_empty());
        let d = check_swagger(
            &SecretInExample,
            json!({"definitions": {"Task": {"properties": {
                "id": {"type": "string", "example": "40649f36-46b6-43a6-95e2-9554b7933919"},
                "hash": {"type": "string", "example": "a52b9c0d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b"},
                "zeros": {"type": "string", "example": "00000000000000000000000000000000a"},
                "text": {"type": "string", "example": "A long but ordinary sentence that is not a token at all."}
            }}}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn named_hex_token_fails_at_the_value() {
        let d = check_swagger(
            &SecretInExample,
            json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [{
                "name": "api_key", "in": "query", "required": true, "type": "string",
                "x-ms-test-value": "4f9a0c2e7b1d8f3a6c5e9b2d7f1a4c8e3b6d"
            }]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-test-value"]);
        assert!(d[0].message.contains("36-character token starting '4f9a'"), "{}", d[0].message);
        assert!(!d[0].message.contains("4f9a0c2e"));
    }

    #[test]
    fn mixed_case_tokens_and_nested_names() {
        let d = check_swagger(
            &SecretInExample,
            json!({"definitions": {"Task": {"example": {
                "auth": {"value": "Zx8Qp2Lm7Rt4Vw9Ks3Hd6Jf1Gb5Nc0Ay"},
                "checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "url": "https://h.example.org/run?sv=1.0&sig=0d7f3a9c2b6e1f8a4c5d9e0b3a7f2c6d1e8b"
            }}}}),
        );
        assert_eq!(
            pointers(&d),
            ["/definitions/Task/example/auth/value", "/definitions/Task/example/url"]
        );
    }
}
