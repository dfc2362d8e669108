//! Facts shared by the `info` and connector-metadata rules.

use serde_json::Value as JsonValue;
use switchboard_diagnostics::{Edit, Fix};
use switchboard_model::Span;
use switchboard_model::json::Value;

use crate::SwaggerIndex;

/// The `x-ms-connector-metadata` propertyNames certification requires, in their documented
/// spelling.
pub(super) const METADATA_NAMES: [&str; 3] = ["Website", "Privacy policy", "Categories"];

/// The connector categories certification accepts (`Categories` values).
pub(super) const CATEGORIES: &[&str] = &[
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

/// `info.title` as a string value: `(node, text)`.
pub(super) fn title<'a>(sw: &SwaggerIndex<'a>) -> Option<(&'a Value, &'a str)> {
    let node = sw.doc.info()?.get("title")?;
    Some((node, node.as_str()?))
}

/// `info.description` as a string value: `(node, text)`.
pub(super) fn description<'a>(sw: &SwaggerIndex<'a>) -> Option<(&'a Value, &'a str)> {
    let node = sw.doc.info()?.get("description")?;
    Some((node, node.as_str()?))
}

/// `info.contact`, when it is an object.
pub(super) fn contact<'a>(sw: &SwaggerIndex<'a>) -> Option<&'a Value> {
    sw.doc.info()?.get("contact").filter(|c| c.as_object().is_some())
}

/// The documented spelling of a metadata propertyName, matched case-insensitively after
/// trimming (the platform compares them that way).
pub(super) fn known_metadata_name(name: &str) -> Option<&'static str> {
    let name = name.trim();
    METADATA_NAMES.iter().copied().find(|k| k.eq_ignore_ascii_case(name))
}

/// One entry of `x-ms-connector-metadata` with a string `propertyName`.
pub(super) struct MetadataEntry<'a> {
    /// The `propertyName` value node.
    pub(super) name_node: &'a Value,
    /// The `propertyName` text.
    pub(super) name: &'a str,
    /// The documented name it stands for (case-insensitive match), if any.
    pub(super) known: Option<&'static str>,
    /// The `propertyValue` node, if present.
    pub(super) value_node: Option<&'a Value>,
    /// The entry object.
    pub(super) item: &'a Value,
}

impl<'a> MetadataEntry<'a> {
    /// The `propertyValue` text, if it is a string.
    pub(super) fn value(&self) -> Option<&'a str> {
        self.value_node.and_then(Value::as_str)
    }
}

/// The `x-ms-connector-metadata` array, when it is one.
pub(super) fn metadata_array<'a>(sw: &SwaggerIndex<'a>) -> Option<&'a Value> {
    sw.root().get("x-ms-connector-metadata").filter(|v| v.as_array().is_some())
}

/// The entries of `x-ms-connector-metadata` that have a string `propertyName`.
pub(super) fn metadata<'a>(sw: &SwaggerIndex<'a>) -> impl Iterator<Item = MetadataEntry<'a>> {
    metadata_array(sw).into_iter().flat_map(Value::items).filter_map(|item| {
        let name_node = item.get("propertyName")?;
        let name = name_node.as_str()?;
        Some(MetadataEntry {
            name_node,
            name,
            known: known_metadata_name(name),
            value_node: item.get("propertyValue"),
            item,
        })
    })
}

/// The categories of a `Categories` value: `;`-separated, trimmed, empty parts dropped.
pub(super) fn categories(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|c| !c.is_empty())
}

/// The documented spelling of a category, matched case-insensitively.
pub(super) fn known_category(category: &str) -> Option<&'static str> {
    CATEGORIES.iter().copied().find(|c| c.eq_ignore_ascii_case(category))
}

/// A fix replacing the JSON string at `span` (a string value or an object key, quotes
/// included) with the string `text`.
pub(super) fn replace_string(span: Span, text: &str, message: impl Into<String>) -> Fix {
    let replacement = serde_json::to_string(&JsonValue::String(text.to_string()))
        .unwrap_or_else(|_| format!("\"{text}\""));
    Fix { message: message.into(), edits: vec![Edit { span, replacement }] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_names_and_categories_match_case_insensitively() {
        assert_eq!(known_metadata_name(" privacy Policy "), Some("Privacy policy"));
        assert_eq!(known_metadata_name("Terms"), None);
        assert_eq!(categories(" AI; Data;;").collect::<Vec<_>>(), ["AI", "Data"]);
        assert_eq!(known_category("social media"), Some("Social Media"));
        assert_eq!(known_category("Utilities"), None);
    }
}
