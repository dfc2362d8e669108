//! BC100: minor or major update, as certification classifies it (catalog §9, S9).

use serde_json::Value as Json;
use switchboard_model::json::pointer::push_token;

use switchboard_model::{Connector, SourceFile};

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
    let same = |a: Option<&SourceFile>, b: Option<&SourceFile>| {
        a.map(SourceFile::bytes) == b.map(SourceFile::bytes)
    };
    let docs_same =
        same_if_both(old.readme.as_ref().map(|f| &f.file), new.readme.as_ref().map(|f| &f.file))
            && same_if_both(
                old.intro.as_ref().map(|f| &f.file),
                new.intro.as_ref().map(|f| &f.file),
            )
            && same_if_both(old.icon.as_ref().map(|f| &f.file), new.icon.as_ref().map(|f| &f.file));
    let script_same =
        same(old.script.as_ref().map(|f| &f.file), new.script.as_ref().map(|f| &f.file));
    let swagger_same = d.old.file.source.bytes() == d.new.file.source.bytes();
    // A version given as a lone definition file has no apiProperties or icon to compare.
    let both = |a: Option<&SourceFile>, b: Option<&SourceFile>| a.is_some() && b.is_some();
    let properties_same = !both(properties_source(old), properties_source(new))
        || same(properties_source(old), properties_source(new));
    if swagger_same && properties_same && docs_same && script_same {
        return Update { class: UpdateClass::Unchanged, first_major_difference: None };
    }

    let json =
        |f: Option<&switchboard_model::json::JsonFile>| f.and_then(|f| f.root()).map(Json::from);
    // Each pair: whether it is equal as JSON, then the first difference once masked.
    let compare = |a: Option<Json>, b: Option<Json>, mask: fn(&mut Json), file: &str| {
        let equal = a == b;
        let masked = |v: Option<Json>| {
            v.map(|mut v| {
                mask(&mut v);
                v
            })
        };
        (equal, first_difference(masked(a).as_ref(), masked(b).as_ref(), file))
    };
    let (swagger_equal, swagger_major) = compare(
        json(Some(d.old.file)),
        json(Some(d.new.file)),
        mask_swagger,
        "apiDefinition.swagger.json",
    );
    let (properties_equal, properties_major) = if properties_same {
        (true, None)
    } else {
        compare(
            json(old.properties.as_ref().map(|f| &f.file)),
            json(new.properties.as_ref().map(|f| &f.file)),
            mask_properties,
            "apiProperties.json",
        )
    };
    let major = swagger_major
        .or(properties_major)
        .or_else(|| (!script_same).then(|| "script.csx".to_string()));
    let class = if major.is_some() {
        UpdateClass::Major
    } else if swagger_equal && properties_equal && docs_same {
        UpdateClass::Unchanged
    } else {
        UpdateClass::Minor
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
fn first_difference(old: Option<&Json>, new: Option<&Json>, file: &str) -> Option<String> {
    /// Whether `old` and `new` differ; `at` ends at the first difference.
    fn differ(old: &Json, new: &Json, at: &mut String) -> bool {
        match (old, new) {
            (Json::Object(before), Json::Object(after)) => {
                for (key, value) in before {
                    let len = at.len();
                    push_token(at, key);
                    match after.get(key) {
                        Some(now) if !differ(value, now, at) => {}
                        _ => return true,
                    }
                    at.truncate(len);
                }
                if let Some(key) = after.keys().find(|k| !before.contains_key(*k)) {
                    push_token(at, key);
                    return true;
                }
                false
            }
            (Json::Array(before), Json::Array(after)) => {
                for (i, (value, now)) in before.iter().zip(after).enumerate() {
                    let len = at.len();
                    push_token(at, &i.to_string());
                    if differ(value, now, at) {
                        return true;
                    }
                    at.truncate(len);
                }
                if before.len() == after.len() {
                    return false;
                }
                push_token(at, &before.len().min(after.len()).to_string());
                true
            }
            _ => old != new,
        }
    }
    match (old, new) {
        (None, None) => None,
        (Some(old), Some(new)) => {
            let mut at = String::new();
            differ(old, new, &mut at).then(|| format!("{file}#{at}"))
        }
        _ => Some(file.to_string()),
    }
}

/// Whether two optional files are equal, when both exist.
fn same_if_both(a: Option<&SourceFile>, b: Option<&SourceFile>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.bytes() == b.bytes(),
        _ => true,
    }
}

/// The source of a connector's apiProperties.json.
fn properties_source(c: &Connector) -> Option<&SourceFile> {
    c.properties.as_ref().map(|f| &f.file.source)
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
            Some("apiDefinition.swagger.json#/paths/~1tasks/get/parameters/2")
        );
        let titled = base().set("/info/title", "Taskforge Cloud".into());
        assert_eq!(report(&base(), &titled).update.class, UpdateClass::Major);
    }
}
