//! BC100: minor or major update, as certification classifies it (catalog §9, S9).

use serde_json::Value as Json;
use switchboard_model::json::pointer::push_token;

use super::engine::Diff;
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// Whether an update is *minor* or *major* for certification. An update is minor when the
    /// only differences are in the swagger's `info.description` and `info.contact`, operation
    /// `summary` and `description`, response descriptions, apiProperties `description`,
    /// `tooltip`, `iconBrandColor`, `publisher` and `stackOwner`, readme.md, intro.md or the
    /// icon. Anything else makes it major. `switchboard diff` reports it in its summary, with
    /// the first difference that makes an update major.
    ///
    /// ## Why it matters
    /// Microsoft certifies minor updates in about 4–5 weeks and major ones in 6–10 weeks
    /// ("Certification updates"); knowing which one you are submitting sets expectations and
    /// shows when a small fix carries an unintended change.
    ///
    /// ## Example
    /// Fixing a typo in an operation's summary is minor; adding an optional query parameter
    /// is major, although it breaks nothing.
    ///
    /// ## Fix
    /// Nothing to fix: split unrelated changes into separate submissions when a quick minor
    /// update matters.
    pub UpdateClassification {
        code: "BC100",
        name: "update-classification",
        class: Cosmetic,
        severity: Info,
    }
}

/// What kind of update the new version is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateClass {
    /// No difference at all.
    Unchanged,
    /// Only documentation fields, readme, intro or icon changed.
    Minor,
    /// Anything else changed.
    Major,
}

impl UpdateClass {
    /// `unchanged`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateClass::Unchanged => "unchanged",
            UpdateClass::Minor => "minor",
            UpdateClass::Major => "major",
        }
    }
}

/// The classification and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// Minor, major or unchanged.
    pub class: UpdateClass,
    /// For a major update: the first difference outside the minor fields, as
    /// `<file>#<pointer>`.
    pub first_major_difference: Option<String>,
}

pub(super) fn classify(d: &Diff<'_>) -> Update {
    let (old, new) = (d.old.connector, d.new.connector);
    let json =
        |f: Option<&switchboard_model::json::JsonFile>| f.and_then(|f| f.root()).map(Json::from);
    let swagger = (json(Some(d.old.file)), json(Some(d.new.file)));
    let properties = (
        json(old.properties.as_ref().map(|f| &f.file)),
        json(new.properties.as_ref().map(|f| &f.file)),
    );
    let bytes = |f: Option<&switchboard_model::SourceFile>| f.map(|f| f.bytes().to_vec());
    let script_changed =
        bytes(old.script.as_ref().map(|f| &f.file)) != bytes(new.script.as_ref().map(|f| &f.file));
    let docs_changed = bytes(old.readme.as_ref().map(|f| &f.file))
        != bytes(new.readme.as_ref().map(|f| &f.file))
        || bytes(old.intro.as_ref().map(|f| &f.file)) != bytes(new.intro.as_ref().map(|f| &f.file))
        || bytes(old.icon.as_ref().map(|f| &f.file)) != bytes(new.icon.as_ref().map(|f| &f.file));

    let masked = |v: &Option<Json>, mask: fn(&mut Json)| {
        v.clone().map(|mut v| {
            mask(&mut v);
            v
        })
    };
    let major = first_difference(
        &masked(&swagger.0, mask_swagger),
        &masked(&swagger.1, mask_swagger),
        "apiDefinition.swagger.json",
    )
    .or_else(|| {
        first_difference(
            &masked(&properties.0, mask_properties),
            &masked(&properties.1, mask_properties),
            "apiProperties.json",
        )
    })
    .or_else(|| script_changed.then(|| "script.csx".to_string()));
    let class = if major.is_some() {
        UpdateClass::Major
    } else if swagger.0 != swagger.1 || properties.0 != properties.1 || docs_changed {
        UpdateClass::Minor
    } else {
        UpdateClass::Unchanged
    };
    Update { class, first_major_difference: major }
}

/// Removes the fields a minor update may change from a swagger.
fn mask_swagger(doc: &mut Json) {
    if let Some(info) = doc.get_mut("info").and_then(Json::as_object_mut) {
        info.remove("description");
        info.remove("contact");
    }
    let strip_responses = |responses: Option<&mut Json>| {
        for r in responses.and_then(Json::as_object_mut).into_iter().flat_map(|o| o.values_mut()) {
            if let Some(r) = r.as_object_mut() {
                r.remove("description");
            }
        }
    };
    if let Some(paths) = doc.get_mut("paths").and_then(Json::as_object_mut) {
        for item in paths.values_mut().filter_map(Json::as_object_mut) {
            for (key, op) in item.iter_mut() {
                if switchboard_model::swagger::Method::from_key(key).is_none() {
                    continue;
                }
                if let Some(op) = op.as_object_mut() {
                    op.remove("summary");
                    op.remove("description");
                    strip_responses(op.get_mut("responses"));
                }
            }
        }
    }
    strip_responses(doc.get_mut("responses"));
}

/// Removes the fields a minor update may change from apiProperties.
fn mask_properties(doc: &mut Json) {
    fn texts(v: &mut Json) {
        match v {
            Json::Object(o) => {
                o.remove("description");
                o.remove("tooltip");
                o.values_mut().for_each(texts);
            }
            Json::Array(a) => a.iter_mut().for_each(texts),
            _ => {}
        }
    }
    if let Some(p) = doc.get_mut("properties").and_then(Json::as_object_mut) {
        for key in ["iconBrandColor", "publisher", "stackOwner"] {
            p.remove(key);
        }
        if let Some(params) = p.get_mut("connectionParameters") {
            texts(params);
        }
        if let Some(sets) = p.get_mut("connectionParameterSets") {
            texts(sets);
        }
    }
}

/// The pointer of the first difference between two documents, prefixed with `file#`.
fn first_difference(old: &Option<Json>, new: &Option<Json>, file: &str) -> Option<String> {
    fn go(a: &Json, b: &Json, at: &mut String) -> bool {
        match (a, b) {
            (Json::Object(x), Json::Object(y)) => {
                for (k, v) in x {
                    let len = at.len();
                    push_token(at, k);
                    match y.get(k) {
                        Some(w) if !go(v, w, at) => {}
                        _ => return true,
                    }
                    at.truncate(len);
                }
                if let Some(k) = y.keys().find(|k| !x.contains_key(*k)) {
                    push_token(at, k);
                    return true;
                }
                false
            }
            (Json::Array(x), Json::Array(y)) => {
                for (i, (v, w)) in x.iter().zip(y).enumerate() {
                    let len = at.len();
                    push_token(at, &i.to_string());
                    if go(v, w, at) {
                        return true;
                    }
                    at.truncate(len);
                }
                x.len() != y.len()
            }
            _ => a != b,
        }
    }
    match (old, new) {
        (None, None) => None,
        (Some(a), Some(b)) => {
            let mut at = String::new();
            go(a, b, &mut at).then(|| format!("{file}#{at}"))
        }
        _ => Some(file.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, report};
    use serde_json::json;

    #[test]
    fn documentation_changes_are_minor() {
        let new = base()
            .set("/info/description", "Plan tasks.".into())
            .set("/paths/~1tasks/get/summary", "List all tasks".into())
            .set("/paths/~1tasks/get/responses/200/description", "OK".into())
            .set_properties(
                "/properties/connectionParameters/api_key/uiDefinition/tooltip",
                "Key".into(),
            )
            .set_properties("/properties/publisher", "Taskforge".into());
        let u = report(&base(), &new).update;
        assert_eq!(u.class, UpdateClass::Minor);
        assert_eq!(u.first_major_difference, None);
    }

    #[test]
    fn anything_else_is_major_with_the_first_difference() {
        let new = base().set(
            "/paths/~1tasks/get/parameters/-",
            json!({"name": "q", "in": "query", "type": "string"}),
        );
        let u = report(&base(), &new).update;
        assert_eq!(u.class, UpdateClass::Major);
        assert_eq!(
            u.first_major_difference.as_deref(),
            Some("apiDefinition.swagger.json#/paths/~1tasks/get/parameters")
        );
        let titled = base().set("/info/title", "Taskforge Cloud".into());
        assert_eq!(report(&base(), &titled).update.class, UpdateClass::Major);
    }
}
