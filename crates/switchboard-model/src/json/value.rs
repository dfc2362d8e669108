//! The spanned JSON tree.

use compact_str::CompactString;

use crate::source::Span;

/// String storage for keys and string values: inline up to 24 bytes, which covers most keys
/// of a connector without a heap allocation.
pub type Str = CompactString;

/// A JSON value with the byte span it was read from.
///
/// Values built in code (importers, scaffolds) carry [`Span::default`].
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// Where the value is in its source file.
    pub span: Span,
    /// The value itself.
    pub kind: Kind,
}

/// The kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, kept as written so that nothing is lost (`1.0` vs `1`, big integers).
    Number(Str),
    /// A string, unescaped.
    String(Str),
    /// An array.
    Array(Vec<Value>),
    /// An object; members keep their order and duplicates (lookup takes the last, as JSON
    /// parsers that drop duplicates do).
    Object(Object),
}

/// An object: an ordered list of members.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    /// The members in source order, duplicates included.
    pub members: Vec<Member>,
}

/// One `"key": value` pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The unescaped key.
    pub key: Str,
    /// Span of the key, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: Value,
}

/// The JSON type of a value, for messages such as "expected a string, found an array".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    /// `null`
    Null,
    /// `true` / `false`
    Bool,
    /// A number
    Number,
    /// A string
    String,
    /// An array
    Array,
    /// An object
    Object,
}

impl JsonType {
    /// The name used in messages ("a string", "an object").
    pub fn article_name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

impl Value {
    /// A value without a source location.
    pub fn new(kind: Kind) -> Self {
        Self { span: Span::default(), kind }
    }

    /// A string value without a source location.
    pub fn string(s: impl Into<Str>) -> Self {
        Self::new(Kind::String(s.into()))
    }

    /// The JSON type.
    #[inline]
    pub fn json_type(&self) -> JsonType {
        match self.kind {
            Kind::Null => JsonType::Null,
            Kind::Bool(_) => JsonType::Bool,
            Kind::Number(_) => JsonType::Number,
            Kind::String(_) => JsonType::String,
            Kind::Array(_) => JsonType::Array,
            Kind::Object(_) => JsonType::Object,
        }
    }

    /// The string, if this is a string.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    #[inline]
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number as `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            Kind::Number(raw) => raw.parse().ok(),
            _ => None,
        }
    }

    /// The number as `i64`, if this is a number written as an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.kind {
            Kind::Number(raw) => raw.parse().ok(),
            _ => None,
        }
    }

    /// The number as written, if this is a number.
    pub fn as_number_text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Number(raw) => Some(raw),
            _ => None,
        }
    }

    /// Whether this is a number with an integral value (`3`, `3.0`, `3e2`).
    pub fn is_integer(&self) -> bool {
        self.as_f64().is_some_and(|f| f.is_finite() && f.fract() == 0.0)
    }

    /// The elements, if this is an array.
    #[inline]
    pub fn as_array(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The object, if this is an object.
    #[inline]
    pub fn as_object(&self) -> Option<&Object> {
        match &self.kind {
            Kind::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Mutable access to the object, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match &mut self.kind {
            Kind::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Whether this is `null`.
    #[inline]
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// Member lookup on an object (the last duplicate wins); `None` for non-objects.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// The member, if this is an object and has `key` (the last duplicate wins).
    #[inline]
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.as_object().and_then(|o| o.member(key))
    }

    /// `self.get(key)` as a string.
    #[inline]
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    /// `self.get(key)` as a boolean.
    #[inline]
    pub fn get_bool(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(Value::as_bool)
    }

    /// `self.get(key)` as an array.
    #[inline]
    pub fn get_array(&self, key: &str) -> Option<&[Value]> {
        self.get(key).and_then(Value::as_array)
    }

    /// Iterates over the members of an object (nothing for other kinds).
    #[inline]
    pub fn members(&self) -> std::slice::Iter<'_, Member> {
        match &self.kind {
            Kind::Object(o) => o.members.iter(),
            _ => [].iter(),
        }
    }

    /// Iterates over the elements of an array (nothing for other kinds).
    #[inline]
    pub fn items(&self) -> std::slice::Iter<'_, Value> {
        match &self.kind {
            Kind::Array(items) => items.iter(),
            _ => [].iter(),
        }
    }

    /// Every string value in this subtree, depth first (keys excluded).
    pub fn for_each_string<'a>(&'a self, f: &mut impl FnMut(&'a Value, &'a str)) {
        match &self.kind {
            Kind::String(s) => f(self, s),
            Kind::Array(items) => items.iter().for_each(|v| v.for_each_string(f)),
            Kind::Object(o) => o.members.iter().for_each(|m| m.value.for_each_string(f)),
            _ => {}
        }
    }
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `key` (the last duplicate wins).
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.member(key).map(|m| &m.value)
    }

    /// The member for `key` (the last duplicate wins).
    #[inline]
    pub fn member(&self, key: &str) -> Option<&Member> {
        // Every rule looks members up, millions of times per corpus: length and first byte
        // are compared inline before the full comparison, as most keys differ there.
        let key = key.as_bytes();
        self.members.iter().rev().find(|m| {
            let k = m.key.as_bytes();
            k.len() == key.len() && k.first() == key.first() && k == key
        })
    }

    /// The member for `key`, compared ASCII case-insensitively (the last one wins).
    pub fn member_ignore_case(&self, key: &str) -> Option<&Member> {
        self.members.iter().rev().find(|m| m.key.eq_ignore_ascii_case(key))
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.members.iter().any(|m| m.key == key)
    }

    /// Sets `key` to `value`, replacing an existing member in place or appending.
    pub fn insert(&mut self, key: impl Into<Str>, value: Value) {
        let key = key.into();
        if let Some(m) = self.members.iter_mut().rev().find(|m| m.key == key) {
            m.value = value;
        } else {
            self.members.push(Member { key, key_span: Span::default(), value });
        }
    }

    /// Removes every member named `key`; returns the last value removed.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let mut removed = None;
        self.members.retain_mut(|m| {
            if m.key == key {
                removed = Some(std::mem::replace(&mut m.value, Value::new(Kind::Null)));
                false
            } else {
                true
            }
        });
        removed
    }

    /// Number of members (duplicates counted).
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Iterates over `(key, value)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.members.iter().map(|m| (m.key.as_str(), &m.value))
    }
}

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        let kind = match v {
            serde_json::Value::Null => Kind::Null,
            serde_json::Value::Bool(b) => Kind::Bool(b),
            serde_json::Value::Number(n) => Kind::Number(n.to_string().into()),
            serde_json::Value::String(s) => Kind::String(s.into()),
            serde_json::Value::Array(items) => {
                Kind::Array(items.into_iter().map(Into::into).collect())
            }
            serde_json::Value::Object(map) => Kind::Object(Object {
                members: map
                    .into_iter()
                    .map(|(k, v)| Member {
                        key: k.into(),
                        key_span: Span::default(),
                        value: v.into(),
                    })
                    .collect(),
            }),
        };
        Value::new(kind)
    }
}

impl From<&Value> for serde_json::Value {
    fn from(v: &Value) -> Self {
        match &v.kind {
            Kind::Null => serde_json::Value::Null,
            Kind::Bool(b) => serde_json::Value::Bool(*b),
            Kind::Number(raw) => raw
                .parse::<serde_json::Number>()
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Kind::String(s) => serde_json::Value::String(s.to_string()),
            Kind::Array(items) => serde_json::Value::Array(items.iter().map(Into::into).collect()),
            Kind::Object(o) => serde_json::Value::Object(
                o.members.iter().map(|m| (m.key.to_string(), (&m.value).into())).collect(),
            ),
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match &self.kind {
            Kind::Null => serializer.serialize_unit(),
            Kind::Bool(b) => serializer.serialize_bool(*b),
            Kind::Number(raw) => match raw.parse::<serde_json::Number>() {
                Ok(n) => n.serialize(serializer),
                Err(_) => serializer.serialize_unit(),
            },
            Kind::String(s) => serializer.serialize_str(s),
            Kind::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Kind::Object(o) => {
                let mut map = serializer.serialize_map(Some(o.members.len()))?;
                for m in &o.members {
                    map.serialize_entry(m.key.as_str(), &m.value)?;
                }
                map.end()
            }
        }
    }
}
