use super::common::walk_members;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Keys whose values are sample data a secret could be pasted into.
const SAMPLE_KEYS: &[&str] = &["default", "x-ms-test-value", "example", "x-example", "examples"];
/// Shortest run of letters and digits taken for a credential.
const MIN_TOKEN: usize = 32;
/// Strings longer than this are sample content (file data, documents), not credentials.
const MAX_STRING: usize = 512;

declare_rule! {
    /// ## What it does
    /// Reports secret-looking literals in sample values of the swagger — `default`,
    /// `x-ms-test-value`, `example`, `x-example` and response `examples`: a run of at least 32
    /// letters and digits that mixes both and looks random (API keys, access tokens, webhook
    /// secrets). GUIDs are not runs of 32 (their dashes split them) and are not reported.
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

/// The first credential-looking token of `s`.
fn secret_token(s: &str) -> Option<&str> {
    if s.len() > MAX_STRING {
        return None;
    }
    s.split(|c: char| !c.is_ascii_alphanumeric()).find(|t| {
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
    let n = t.len() as f64;
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
        walk_members(sw.root(), &mut |m, is_name| {
            if !is_name && SAMPLE_KEYS.contains(&m.key.as_str()) {
                m.value.for_each_string(&mut |v, s| {
                    if let Some(token) = secret_token(s) {
                        found.push((
                            v,
                            m.key.as_str(),
                            token.len(),
                            token.get(..4).unwrap_or_default(),
                        ));
                    }
                });
            }
            true
        });
        for (v, key, len, head) in found {
            cx.report_value(v, format!("This '{key}' value contains what looks like a secret (a {len}-character token starting '{head}')"))
                .set_help("replace it with a placeholder such as \"YOUR_API_KEY\", and revoke the credential if it was real");
        }
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
                "zeros": {"type": "string", "example": "00000000000000000000000000000000a"},
                "text": {"type": "string", "example": "A long but ordinary sentence that is not a token at all."}
            }}}}),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn token_fails_at_the_value() {
        let d = check_swagger(
            &SecretInExample,
            json!({"paths": {"/tasks/{taskId}": {"get": {"parameters": [{
                "name": "taskId", "in": "path", "required": true, "type": "string",
                "x-ms-test-value": "Bearer sk4f9a0c2e7b1d8f3a6c5e9b2d7f1a4c8e3b6"
            }]}}}}),
        );
        assert_eq!(pointers(&d), ["/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-test-value"]);
        assert!(d[0].message.contains("37-character token starting 'sk4f'"), "{}", d[0].message);
        assert!(!d[0].message.contains("sk4f9a0c"));
    }

    #[test]
    fn nested_example_strings_are_scanned() {
        let d = check_swagger(
            &SecretInExample,
            json!({"definitions": {"Task": {"example": {"auth": {"token": "Zx8Qp2Lm7Rt4Vw9Ks3Hd6Jf1Gb5Nc0Ay"}}}}}),
        );
        assert_eq!(pointers(&d), ["/definitions/Task/example/auth/token"]);
    }
}
