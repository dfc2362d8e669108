//! `dynamicsubdomain`: a host with a variable subdomain (§3.4.4). Neither in the schema nor
//! documented; its one corpus instance (`AlisQI`,
//! `https://@connectionParameters('subdomain').alisqi.com/api/`) has exactly the parameters of
//! `dynamichosturl`, so it is built as that template under its own id `[I]`.

use super::config::Instance;
use super::dynamichosturl::DynamicHostUrlConfig;
use super::{BuildError, Policy};

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(|config: DynamicHostUrlConfig, title: &str| {
        config.build_as("dynamicsubdomain", title)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::Stage;
    use super::super::test_support::{Call, policy};

    #[test]
    fn alisqi_puts_the_subdomain_into_the_host() {
        let p = policy("AlisQI", "Set dynamic subdomain in host URL");
        assert_eq!((p.template_id(), p.stage()), ("dynamicsubdomain", Stage::Request));
        let mut call =
            Call::new("GetResults", "GET", "https://alisqi.alisqi.com/api", "/getResults")
                .connection(json!({"subdomain": "acme"}));
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.url(), "https://acme.alisqi.com/api/getResults");
    }
}
