//! Strings and language (catalog §2.9, SW180–SW185).

pub(crate) mod common;
mod empty_text;
mod http_url;
mod identifier_label;
mod response_property_summary_missing;
mod summary_equals_description;
mod text_not_ascii;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &empty_text::EmptyText,
    &http_url::HttpUrl,
    &identifier_label::IdentifierLabel,
    &response_property_summary_missing::ResponsePropertySummaryMissing,
    &summary_equals_description::SummaryEqualsDescription,
    &text_not_ascii::TextNotAscii,
];
