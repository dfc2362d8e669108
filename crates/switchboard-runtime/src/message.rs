//! The request and response an invocation works on. Policies mutate these in place; the
//! sender turns a [`Request`] into an HTTP call.

use std::fmt;

/// Header names compare case-insensitively; values keep their order, and a name may repeat.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Whether `name` is present.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Replaces every value of `name` with `value` (keeping the position of the first).
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter().position(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(i) => {
                self.0[i].1 = value;
                let mut k = 0;
                self.0.retain(|(n, _)| {
                    k += 1;
                    k - 1 == i || !n.eq_ignore_ascii_case(name)
                });
            }
            None => self.0.push((name.to_string(), value)),
        }
    }

    /// Adds one more value of `name`.
    pub fn append(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_string(), value.into()));
    }

    /// Removes every value of `name`.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// All `(name, value)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A message body.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// A JSON value (sent or received as `application/json` and its variants).
    Json(serde_json::Value),
    /// Text (`text/*`, XML, or JSON that did not parse).
    Text(String),
    /// Raw bytes (`application/octet-stream`, images).
    Bytes(Vec<u8>),
    /// `application/x-www-form-urlencoded` fields, in order.
    Form(Vec<(String, String)>),
    /// `multipart/form-data` parts, in order.
    Multipart(Vec<Part>),
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// The form field name.
    pub name: String,
    /// The file name, for file parts.
    pub file_name: Option<String>,
    /// The part's content type, for file parts.
    pub content_type: Option<String>,
    /// The content.
    pub data: Vec<u8>,
}

impl Body {
    /// The JSON value, if the body is JSON.
    pub fn as_json(&self) -> Option<&serde_json::Value> {
        match self {
            Body::Json(v) => Some(v),
            _ => None,
        }
    }

    /// Mutable access to the JSON value, if the body is JSON.
    pub fn as_json_mut(&mut self) -> Option<&mut serde_json::Value> {
        match self {
            Body::Json(v) => Some(v),
            _ => None,
        }
    }

    /// The body as JSON for output: JSON as is, text as a string, bytes as
    /// `{"$content-type", "$content"}` (base64), as Logic Apps represents binary content.
    pub fn to_output_json(&self, content_type: Option<&str>) -> serde_json::Value {
        use base64::Engine as _;
        match self {
            Body::Empty => serde_json::Value::Null,
            Body::Json(v) => v.clone(),
            Body::Text(t) => serde_json::Value::String(t.clone()),
            Body::Bytes(b) => serde_json::json!({
                "$content-type": content_type.unwrap_or("application/octet-stream"),
                "$content": base64::engine::general_purpose::STANDARD.encode(b),
            }),
            Body::Form(fields) => {
                serde_json::Value::Object(fields.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect())
            }
            Body::Multipart(parts) => serde_json::Value::Array(
                parts.iter().map(|p| serde_json::json!({"name": p.name, "fileName": p.file_name, "size": p.data.len()})).collect(),
            ),
        }
    }
}

/// An outgoing request, as policies see and change it.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// HTTP method, uppercase.
    pub method: String,
    /// Scheme, host, port and base path, without a trailing `/` (`https://api.example.com/v1`).
    pub base_url: String,
    /// The operation path after parameter substitution, percent-encoded, starting with `/`.
    pub path: String,
    /// Query parameters, decoded, in order (a name may repeat); encoded when sent.
    pub query: Vec<(String, String)>,
    /// Headers.
    pub headers: Headers,
    /// The body.
    pub body: Body,
}

impl Request {
    /// The full URL: base URL, exactly one `/`, path, encoded query.
    pub fn url(&self) -> String {
        let mut url = self.base_url.trim_end_matches('/').to_string();
        if !self.path.starts_with('/') {
            url.push('/');
        }
        url.push_str(&self.path);
        if !self.query.is_empty() {
            url.push('?');
            let pairs: Vec<String> = self
                .query
                .iter()
                .map(|(k, v)| format!("{}={}", encode_query(k), encode_query(v)))
                .collect();
            url.push_str(&pairs.join("&"));
        }
        url
    }

    /// The first value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url())
    }
}

/// A response, as response policies see and change it.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: Headers,
    /// The body, parsed by the response's content type.
    pub body: Body,
}

/// Characters escaped in query names and values: everything but RFC 3986 unreserved.
const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a query name or value (space as `%20`; `+ & = #` encoded).
pub fn encode_query(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, QUERY).to_string()
}

/// Percent-encodes a path segment value (`/`, `?`, `#`, `%` and space encoded; RFC 3986
/// unreserved characters kept).
pub fn encode_path_segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, QUERY).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_case_insensitive_and_ordered() {
        let mut h = Headers::new();
        h.append("Accept", "a");
        h.append("X-Test", "1");
        h.append("accept", "b");
        assert_eq!(h.get_all("ACCEPT").collect::<Vec<_>>(), ["a", "b"]);
        h.set("accept", "c");
        assert_eq!(h.iter().collect::<Vec<_>>(), [("Accept", "c"), ("X-Test", "1")]);
        h.remove("x-test");
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn url_joins_with_one_slash_and_encodes_query() {
        let r = Request {
            method: "GET".into(),
            base_url: "https://api.example.com/v1/".into(),
            path: "/items/a%2Fb".into(),
            query: vec![("q".into(), "a b&c".into()), ("$top".into(), "5".into())],
            headers: Headers::new(),
            body: Body::Empty,
        };
        assert_eq!(r.url(), "https://api.example.com/v1/items/a%2Fb?q=a%20b%26c&%24top=5");
        assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
    }
}
