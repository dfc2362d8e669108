//! Swagger root, `info` and connector metadata (catalog §2.1, SW001–SW037).

mod common;
mod connector_categories_too_many;
mod connector_category_invalid;
mod connector_metadata_incomplete;
mod connector_metadata_missing;
mod contact_email_invalid;
mod contact_incomplete;
mod contact_missing;
mod contact_url_invalid;
mod description_length;
mod description_mentions_api;
mod description_missing;
mod description_product_name;
mod description_same_as_title;
mod info_annotation_invalid;
mod metadata_property_casing;
mod metadata_property_unknown;
mod metadata_url_not_https;
mod openapi3_root_keys;
mod swagger_too_large;
mod swagger_too_long;
mod swagger_version;
mod title_ends_with_parenthesis;
mod title_independent_publisher_suffix;
mod title_missing;
mod title_not_english;
pub(crate) mod title_not_unique;
mod title_product_name;
mod title_restricted_words;
mod title_too_long;
mod title_trailing_character;
mod too_many_operations;
mod unknown_root_key;
mod version_missing;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &swagger_version::SwaggerVersion,
    &title_too_long::TitleTooLong,
    &openapi3_root_keys::Openapi3RootKeys,
    &unknown_root_key::UnknownRootKey,
    &swagger_too_large::SwaggerTooLarge,
    &swagger_too_long::SwaggerTooLong,
    &too_many_operations::TooManyOperations,
    &title_missing::TitleMissing,
    &title_restricted_words::TitleRestrictedWords,
    &title_product_name::TitleProductName,
    &title_trailing_character::TitleTrailingCharacter,
    &title_not_english::TitleNotEnglish,
    &title_independent_publisher_suffix::TitleIndependentPublisherSuffix,
    &title_ends_with_parenthesis::TitleEndsWithParenthesis,
    &description_missing::DescriptionMissing,
    &description_length::DescriptionLength,
    &description_product_name::DescriptionProductName,
    &description_mentions_api::DescriptionMentionsApi,
    &description_same_as_title::DescriptionSameAsTitle,
    &version_missing::VersionMissing,
    &contact_missing::ContactMissing,
    &contact_incomplete::ContactIncomplete,
    &contact_email_invalid::ContactEmailInvalid,
    &contact_url_invalid::ContactUrlInvalid,
    &connector_metadata_missing::ConnectorMetadataMissing,
    &connector_metadata_incomplete::ConnectorMetadataIncomplete,
    &connector_category_invalid::ConnectorCategoryInvalid,
    &connector_categories_too_many::ConnectorCategoriesTooMany,
    &metadata_url_not_https::MetadataUrlNotHttps,
    &metadata_property_unknown::MetadataPropertyUnknown,
    &metadata_property_casing::MetadataPropertyCasing,
    &info_annotation_invalid::InfoAnnotationInvalid,
    &title_not_unique::TitleNotUnique,
];
