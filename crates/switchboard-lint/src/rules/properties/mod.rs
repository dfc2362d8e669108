//! apiProperties.json (catalog §3, AP001–AP042).

pub(crate) mod common;

mod api_key_declared_as_parameter;
mod brand_color_default;
mod brand_color_format;
mod brand_color_missing;
mod capability_unknown;
mod connection_parameter_name;
mod connection_parameter_type;
mod connection_parameter_ui_text;
mod constraint_boolean_not_string;
mod identity_provider_unknown;
mod independent_publisher_brand_color;
mod oauth_client_id_missing;
mod oauth_client_secret_committed;
mod oauth_custom_parameters;
mod oauth_redirect_mode;
mod oauth_redirect_url;
mod oauth_settings_swagger_mismatch;
mod policy_connection_parameter_unknown;
mod policy_operation_unknown;
mod policy_template_parameters;
mod policy_template_unknown;
mod properties_object_missing;
mod properties_root_unknown_key;
mod properties_unknown_key;
mod publisher_characters;
mod publisher_missing;
mod script_operation_unknown;
mod security_connection_parameters_mismatch;
mod stack_owner_missing;
mod verified_publisher_ip_color;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &properties_object_missing::PropertiesObjectMissing,
    &brand_color_missing::BrandColorMissing,
    &brand_color_format::BrandColorFormat,
    &brand_color_default::BrandColorDefault,
    &independent_publisher_brand_color::IndependentPublisherBrandColor,
    &verified_publisher_ip_color::VerifiedPublisherIpColor,
    &publisher_missing::PublisherMissing,
    &stack_owner_missing::StackOwnerMissing,
    &publisher_characters::PublisherCharacters,
    &capability_unknown::CapabilityUnknown,
    &properties_root_unknown_key::PropertiesRootUnknownKey,
    &properties_unknown_key::PropertiesUnknownKey,
    &connection_parameter_name::ConnectionParameterName,
    &connection_parameter_type::ConnectionParameterType,
    &connection_parameter_ui_text::ConnectionParameterUiText,
    &constraint_boolean_not_string::ConstraintBooleanNotString,
    &identity_provider_unknown::IdentityProviderUnknown,
    &oauth_redirect_mode::OauthRedirectMode,
    &oauth_redirect_url::OauthRedirectUrl,
    &oauth_client_secret_committed::OauthClientSecretCommitted,
    &oauth_client_id_missing::OauthClientIdMissing,
    &oauth_custom_parameters::OauthCustomParameters,
    &policy_template_unknown::PolicyTemplateUnknown,
    &policy_template_parameters::PolicyTemplateParameters,
    &policy_operation_unknown::PolicyOperationUnknown,
    &policy_connection_parameter_unknown::PolicyConnectionParameterUnknown,
    &script_operation_unknown::ScriptOperationUnknown,
    &security_connection_parameters_mismatch::SecurityConnectionParametersMismatch,
    &oauth_settings_swagger_mismatch::OauthSettingsSwaggerMismatch,
    &api_key_declared_as_parameter::ApiKeyDeclaredAsParameter,
];
