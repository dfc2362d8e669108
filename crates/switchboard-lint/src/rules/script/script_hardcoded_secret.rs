use super::common::{CSharp, StringLit, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Name fragments that make an identifier or header name a credential.
const SECRET_WORDS: &[&str] =
    &["key", "secret", "password", "passwd", "pwd", "token", "credential", "authorization"];

/// The shortest literal taken for a secret.
const MIN_LEN: usize = 16;

declare_rule! {
    /// ## What it does
    /// Looks in script.csx for hard-coded credentials: a string literal of at least 16
    /// characters with letters and digits and no spaces, assigned to (or passed as the value
    /// of a header named by) an identifier or string containing `key`, `secret`, `password`,
    /// `pwd`, `token`, `credential` or `authorization`; and any `"Bearer …"`/`"Basic …"`
    /// literal with such a token. URLs are not taken for secrets. The secret itself is never
    /// printed.
    ///
    /// ## Why it matters
    /// The script is published in the open-source repository and shipped with every copy of
    /// the connector; a key in it is leaked to everyone and shared by all users.
    ///
    /// ## Example
    /// ```csharp
    /// private const string ApiKey = "sk_live_51HqLyjWDarjtT1zdp7dc";
    /// request.Headers.Add("X-Api-Key", "a8f5f167f44f4964e6c998dee827110c");
    /// ```
    ///
    /// ## Fix
    /// Take credentials from the connection: define a `securestring` connection parameter and
    /// read the header the platform adds to `this.Context.Request`.
    pub ScriptHardcodedSecret {
        code: "CS007",
        name: "script-hardcoded-secret",
        group: Script,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ScriptHardcodedSecret {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let bytes = script.file.bytes();
        let code = CSharp::lex(bytes);
        for (index, lit) in code.strings.iter().enumerate() {
            if lit.interpolated {
                continue;
            }
            let Some(content) = bytes.get(lit.content_start..lit.content_end) else { continue };
            let content = String::from_utf8_lossy(content);
            let scheme = ["Bearer ", "Basic "].iter().find_map(|p| content.strip_prefix(p));
            let token = scheme.unwrap_or(&content);
            if !secret_like(token) {
                continue;
            }
            let holder = if scheme.is_some() {
                Some("an Authorization header".to_string())
            } else {
                name_before(&code, bytes, &code.strings[..index], lit.start)
                    .filter(|n| {
                        let lower = n.to_ascii_lowercase();
                        SECRET_WORDS.iter().any(|w| lower.contains(w))
                    })
                    .map(|n| format!("'{n}'"))
            };
            let Some(holder) = holder else { continue };
            cx.report_in(
                &script.file,
                None,
                span(lit.content_start, lit.content_end),
                format!("script.csx hard-codes a secret for {holder}"),
            )
            .set_help("take credentials from a securestring connection parameter (read from this.Context.Request), never from code");
        }
    }
}

/// Whether `s` looks like a key or token rather than text.
fn secret_like(s: &str) -> bool {
    s.chars().count() >= MIN_LEN
        && !s.chars().any(char::is_whitespace)
        && !s.contains("://")
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The identifier or header name a literal starting at `start` is given to: `name = "…"`,
/// `name: "…"` (a named argument), `["name"] = "…"` or `("name", "…")` (a header).
fn name_before(code: &CSharp, bytes: &[u8], earlier: &[StringLit], start: usize) -> Option<String> {
    let masked = &code.masked;
    let mut i = start;
    let skip_ws = |mut i: usize| {
        while i > 0 && masked[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        i
    };
    i = skip_ws(i);
    let punct = *masked.get(i.checked_sub(1)?)?;
    i -= 1;
    let literal_ending_at = |end: usize| {
        earlier.iter().rev().find(|s| s.end == end).and_then(|s| {
            bytes
                .get(s.content_start..s.content_end)
                .map(|c| String::from_utf8_lossy(c).into_owned())
        })
    };
    match punct {
        b'=' if i == 0 || !matches!(masked[i - 1], b'=' | b'!' | b'<' | b'>') => {
            let j = skip_ws(i);
            if j > 0 && masked[j - 1] == b']' {
                return literal_ending_at(skip_ws(j - 1));
            }
            identifier_before(masked, j)
        }
        b':' => identifier_before(masked, skip_ws(i)),
        b',' => literal_ending_at(skip_ws(i)),
        _ => None,
    }
}

/// The identifier ending at `end`.
fn identifier_before(masked: &[u8], end: usize) -> Option<String> {
    let start = masked[..end]
        .iter()
        .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .map_or(0, |p| p + 1);
    (start < end).then(|| String::from_utf8_lossy(&masked[start..end]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptHardcodedSecret,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn names_urls_and_text_pass() {
        assert!(check(&ScriptHardcodedSecret, &Fixture::new().build()).is_empty());
        let code = r#"
            var keyHeader = "Ocp-Apim-Subscription-Key";
            var tokenUrl = "https://login.example.com/oauth2/v2.0/token";
            var tenantId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
            var password = "please enter 12 characters";
            if (apiKey == "0123456789abcdefghij") {}
            var token = $"Bearer {secret0123456789abcdef}";
            var q = json.SelectTokens("$.pages..parameters[:10000]");
        "#;
        assert!(script(code).is_empty(), "{:?}", script(code));
    }

    #[test]
    fn literals_given_to_secret_names_fail_without_echoing_them() {
        let code = "private const string ApiKey = \"sk_live_51HqLyjWDarjtT1zdp7dc\";\n\
                    request.Headers.Add(\"X-Api-Key\", \"a8f5f167f44f4964e6c998dee827110c\");\n\
                    headers[\"client_secret\"] = @\"Zx9aQ2wE4rT6yU8iO0pL\";\n\
                    var h = \"Bearer eyJhbGciOiJIUzI1NiJ9abc123\";\n\
                    Configure(password: \"hunter2hunter2hunter2x9\");\n";
        let d = script(code);
        let found: Vec<(u32, &str)> =
            d.iter().map(|d| (d.location.line, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (1, "script.csx hard-codes a secret for 'ApiKey'"),
                (2, "script.csx hard-codes a secret for 'X-Api-Key'"),
                (3, "script.csx hard-codes a secret for 'client_secret'"),
                (4, "script.csx hard-codes a secret for an Authorization header"),
                (5, "script.csx hard-codes a secret for 'password'"),
            ]
        );
        assert!(
            d.iter().all(|d| !d.message.contains("sk_live") && d.severity == Severity::Warning)
        );
        assert_eq!(d[0].location.column, 32);
    }
}
