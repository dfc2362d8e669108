//! Body paths shared by the body-transform templates (§3.4 shared conventions).
//!
//! A template names a **parent** (`@body().references`), a **sub path** relative to it
//! (`resourceLink`, `['@odata.type']`; empty or `"null"` for the parent itself) and a
//! **target** (`@body().x`, or `@item().x` relative to the current element). When the parent
//! is an array the template runs once per element; when it is an object, once; when it is
//! missing (or not a container) it does nothing. Writing to a target creates the missing
//! objects on the way.
//!
//! Locations are absolute step lists, so a template reads with a shared borrow of the body and
//! then writes with a mutable one.

use serde_json::{Map, Value};

use super::config::Meta;
use super::expression::{ExprKind, Root, Step, Syntax, Template, parse_relative_path};
use super::{PolicyContext, PolicyError};

/// A parent or target path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyPath {
    /// `body()` (absolute) or `item()` (relative to the current element).
    pub root: Root,
    /// The navigation steps after the root.
    pub steps: Vec<Step>,
    /// The path as written.
    pub source: String,
}

impl BodyPath {
    /// Parses a parent path: one `@body()` expression. The missing `@` (`body()`) is tolerated,
    /// as `Blackbaud Church Management` writes it.
    pub fn parent(source: &str) -> Result<Self, String> {
        let path = Self::parse(source)?;
        if path.root != Root::Body {
            return Err(format!("parent path `{source}` must start with @body()"));
        }
        Ok(path)
    }

    /// Parses a target path: `@body()…` or `@item()…`.
    pub fn target(source: &str) -> Result<Self, String> {
        let path = Self::parse(source)?;
        if path.root == Root::TriggerBody {
            return Err(format!("target path `{source}` must start with @body() or @item()"));
        }
        Ok(path)
    }

    fn parse(source: &str) -> Result<Self, String> {
        let trimmed = source.trim();
        let lower = trimmed.to_ascii_lowercase();
        let text = if lower.starts_with("body(") || lower.starts_with("item(") {
            format!("@{trimmed}")
        } else {
            trimmed.to_string()
        };
        let template = Template::parse(&text, Syntax::default()).map_err(|e| e.to_string())?;
        match template.whole_expr().map(|e| &e.kind) {
            Some(ExprKind::Path { root, steps }) => {
                Ok(Self { root: *root, steps: steps.clone(), source: source.to_string() })
            }
            _ => Err(format!("`{source}` is not a body path such as @body().items")),
        }
    }

    /// The absolute location this path denotes while the template runs at `site`.
    pub fn locate(&self, site: &[Step]) -> Vec<Step> {
        match self.root {
            Root::Item => [site, &self.steps].concat(),
            Root::Body | Root::TriggerBody => self.steps.clone(),
        }
    }
}

/// Parses a sub path (`resourceLink`, `['@odata.type']`; `""` or `"null"` for the parent).
pub fn sub_path(source: &str) -> Result<Vec<Step>, String> {
    parse_relative_path(source)
}

/// The paths of a template that reads one value per site and writes a result: `stringreplace`,
/// `stringtoarray`, `convertobjecttoarray`, `convertarraytoobject`, `encodepropertyvalue`.
#[derive(Clone, Debug)]
pub(crate) struct Transform {
    parent: BodyPath,
    sub: Vec<Step>,
    target: BodyPath,
}

impl Transform {
    /// Parses `propertyParentPath`, `propertySubPath` (absent: the parent) and `newPropertyPath`.
    pub fn new(parent: &str, sub: Option<&str>, target: &str) -> Result<Self, String> {
        Ok(Self {
            parent: BodyPath::parent(parent)?,
            sub: sub_path(sub.unwrap_or("null"))?,
            target: BodyPath::target(target)?,
        })
    }

    /// For each site, passes the value at parent/sub to `f` and writes what it returns to the
    /// target (`None`: leave this site alone). A missing value or a non-JSON body is a no-op.
    pub fn apply(
        &self,
        cx: &mut PolicyContext<'_>,
        meta: &Meta,
        mut f: impl FnMut(&Value) -> Result<Option<Value>, String>,
    ) -> Result<(), PolicyError> {
        let Some(body) = cx.json_body_mut(meta.stage, &meta.title)? else { return Ok(()) };
        let fail = |reason: String| PolicyError::Evaluation {
            title: meta.title.clone(),
            expression: self.parent.source.clone(),
            reason,
        };
        for site in sites(body, &self.parent) {
            let from = [site.as_slice(), &self.sub].concat();
            let Some(value) = get(body, &from) else { continue };
            let result = f(value).map_err(|e| fail(format!("{}: {e}", describe_owned(&from))))?;
            if let Some(new) = result {
                set(body, &self.target.locate(&site), new).map_err(fail)?;
            }
        }
        Ok(())
    }
}

/// Where a template with `parent` runs: each element of an array parent, or an object parent
/// itself; nowhere when the parent is missing or another kind of value.
pub fn sites(body: &Value, parent: &BodyPath) -> Vec<Vec<Step>> {
    match get(body, &parent.steps) {
        Some(Value::Array(items)) => (0..items.len())
            .map(|i| [parent.steps.as_slice(), &[Step::Index(i)]].concat())
            .collect(),
        Some(Value::Object(_)) => vec![parent.steps.clone()],
        _ => Vec::new(),
    }
}

/// The value at `at`, if there is one.
pub fn get<'v>(body: &'v Value, at: &[Step]) -> Option<&'v Value> {
    at.iter().try_fold(body, |v, step| match (v, step) {
        (Value::Object(m), Step::Prop(p)) => m.get(p),
        (Value::Array(a), Step::Index(i)) => a.get(*i),
        _ => None,
    })
}

/// Writes `value` at `at`, creating missing objects on the way (and replacing `null` ones).
pub fn set(body: &mut Value, at: &[Step], value: Value) -> Result<(), String> {
    let Some((last, parents)) = at.split_last() else {
        *body = value;
        return Ok(());
    };
    let mut cur = body;
    let mut done: Vec<&Step> = Vec::new();
    for step in parents {
        cur = child_mut(cur, step, &done)?;
        done.push(step);
    }
    match (cur, last) {
        (Value::Array(a), Step::Index(i)) => match a.get_mut(*i) {
            Some(slot) => *slot = value,
            None => return Err(format!("{} has no index {i}", describe(&done))),
        },
        (cur, Step::Prop(p)) => {
            if cur.is_null() {
                *cur = Value::Object(Map::new());
            }
            match cur {
                Value::Object(m) => {
                    m.insert(p.clone(), value);
                }
                other => return Err(not_object(&done, other)),
            }
        }
        (other, Step::Index(_)) => {
            return Err(format!("{} is not an array", kind_at(&done, other)));
        }
    }
    Ok(())
}

/// Removes and returns the value at `at`.
pub fn take(body: &mut Value, at: &[Step]) -> Option<Value> {
    let (last, parents) = at.split_last()?;
    let parent = parents.iter().try_fold(body, |v, step| match (v, step) {
        (Value::Object(m), Step::Prop(p)) => m.get_mut(p),
        (Value::Array(a), Step::Index(i)) => a.get_mut(*i),
        _ => None,
    })?;
    match (parent, last) {
        (Value::Object(m), Step::Prop(p)) => m.shift_remove(p),
        (Value::Array(a), Step::Index(i)) if *i < a.len() => Some(a.remove(*i)),
        _ => None,
    }
}

fn child_mut<'v>(cur: &'v mut Value, step: &Step, done: &[&Step]) -> Result<&'v mut Value, String> {
    match step {
        Step::Prop(p) => {
            if cur.is_null() {
                *cur = Value::Object(Map::new());
            }
            match cur {
                Value::Object(m) => Ok(m.entry(p.clone()).or_insert(Value::Null)),
                other => Err(not_object(done, other)),
            }
        }
        Step::Index(i) => match cur {
            Value::Array(a) => {
                let len = a.len();
                a.get_mut(*i)
                    .ok_or_else(|| format!("{} has {len} element(s), no index {i}", describe(done)))
            }
            other => Err(format!("{} is not an array", kind_at(done, other))),
        },
    }
}

/// `body().a[0]` for the steps taken so far.
pub fn describe(steps: &[&Step]) -> String {
    let mut s = String::from("body()");
    for step in steps {
        s.push_str(&step.to_string());
    }
    s
}

/// [`describe`] for an owned step list.
pub fn describe_owned(steps: &[Step]) -> String {
    describe(&steps.iter().collect::<Vec<_>>())
}

fn kind_at(done: &[&Step], v: &Value) -> String {
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("{} ({kind})", describe(done))
}

fn not_object(done: &[&Step], v: &Value) -> String {
    format!("cannot create a property in {}, which is not an object", kind_at(done, v))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn p(s: &str) -> Step {
        Step::Prop(s.into())
    }

    #[test]
    fn parents_and_targets_parse_with_the_tolerated_forms() {
        assert_eq!(BodyPath::parent("@body().gifts").unwrap().steps, vec![p("gifts")]);
        assert_eq!(BodyPath::parent("body()").unwrap().steps, vec![]);
        assert_eq!(BodyPath::target("@item()._assignments").unwrap().root, Root::Item);
        assert!(BodyPath::parent("@item().x").is_err());
        assert!(BodyPath::parent("@body().x and more").is_err());
        assert!(BodyPath::target("@triggerBody().x").is_err());
    }

    #[test]
    fn sites_are_elements_of_an_array_parent_or_the_object_itself() {
        let body = json!({"refs": [{}, {}], "obj": {}, "s": "x"});
        let refs = BodyPath::parent("@body().refs").unwrap();
        assert_eq!(
            sites(&body, &refs),
            vec![vec![p("refs"), Step::Index(0)], vec![p("refs"), Step::Index(1)]]
        );
        assert_eq!(sites(&body, &BodyPath::parent("@body().obj").unwrap()), vec![vec![p("obj")]]);
        assert!(sites(&body, &BodyPath::parent("@body().s").unwrap()).is_empty());
        assert!(sites(&body, &BodyPath::parent("@body().missing").unwrap()).is_empty());
    }

    #[test]
    fn set_creates_intermediate_objects_and_refuses_to_write_into_scalars() {
        let mut body = json!({"a": null, "s": "x", "arr": [1]});
        set(&mut body, &[p("a"), p("b"), p("c")], json!(1)).unwrap();
        set(&mut body, &[p("arr"), Step::Index(0)], json!(2)).unwrap();
        assert_eq!(body, json!({"a": {"b": {"c": 1}}, "s": "x", "arr": [2]}));
        let e = set(&mut body, &[p("s"), p("t")], json!(1)).unwrap_err();
        assert_eq!(e, "cannot create a property in body().s (a string), which is not an object");
        let e = set(&mut body, &[p("arr"), Step::Index(3)], json!(1)).unwrap_err();
        assert_eq!(e, "body().arr has no index 3");
        set(&mut body, &[], json!([])).unwrap();
        assert_eq!(body, json!([]));
    }

    #[test]
    fn take_removes_and_keeps_order() {
        let mut body = json!({"a": 1, "b": {"c": 2}, "d": 3});
        assert_eq!(take(&mut body, &[p("b"), p("c")]), Some(json!(2)));
        assert_eq!(take(&mut body, &[p("a")]), Some(json!(1)));
        assert_eq!(take(&mut body, &[p("zz")]), None);
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"b":{},"d":3}"#);
    }
}
