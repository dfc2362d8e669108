//! `switchboard invoke`: run one operation of a connector against its backend.

mod render;

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, bail};
use switchboard_model::Connector;
use switchboard_runtime::{
    Call, CompileOptions, CompiledConnector, Connection, LroMode, RetryPolicy, Runtime,
    RuntimeOptions,
};

use crate::args::{InvokeArgs, RetryArg, WaitArg};
use crate::exit::Exit;

pub fn run(args: &InvokeArgs) -> anyhow::Result<Exit> {
    let loaded = Connector::load(&args.connector)
        .with_context(|| format!("cannot load the connector at {}", args.connector.display()))?;
    let options = CompileOptions { double_encoding_at_backend: args.double_encoding_at_backend };
    let (mut connector, diagnostics) = CompiledConnector::build(&loaded, options)?;
    if let Some(url) = &args.base_url {
        connector.override_origin(url).context("--base-url")?;
    }
    for r in &args.redirect_origins {
        let (from, to) = r
            .split_once('=')
            .with_context(|| format!("--redirect-origin '{r}': expected FROM=TO"))?;
        connector.redirect_origin(from, to).with_context(|| format!("--redirect-origin '{r}'"))?;
    }
    if let Some(url) = &args.token_url {
        connector.override_token_url(url).context("--token-url")?;
    }
    if args.trace {
        for d in &diagnostics {
            eprintln!("note[{}]: {}", d.code, d.message);
        }
    }
    let connection = match &args.connection {
        Some(path) => read_connection(path)?,
        None => Connection::default(),
    };
    let call = build_call(args)?;
    let runtime = Runtime::new(runtime_options(args)?)?;
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;

    if let Some(key) = &args.dynamic_values {
        let result = tokio.block_on(runtime.dynamic_values(&connector, &connection, &call, key));
        return match result {
            Ok(values) => {
                render::dynamic_values(args.format, &values)?;
                Ok(Exit::Clean)
            }
            Err(e) => {
                render::error(args.format, &e, None)?;
                Ok(Exit::ToolFailed)
            }
        };
    }

    let (result, trace) = tokio.block_on(runtime.invoke_traced(&connector, &connection, call));
    match result {
        Ok(outcome) => {
            render::outcome(args.format, &outcome, args.trace)?;
            if let Some(token) = &outcome.refreshed_token {
                match (&args.connection, args.save_token) {
                    (Some(path), true) => {
                        let mut updated = connection.clone();
                        updated.set_oauth_token(token);
                        let text = serde_json::to_string_pretty(&updated)? + "\n";
                        fs_err::write(path, text)?;
                        eprintln!(
                            "note: the OAuth token was refreshed and saved to {}",
                            path.display()
                        );
                    }
                    (Some(path), false) => eprintln!(
                        "note: the OAuth token was refreshed; pass --save-token to store it in {}",
                        path.display()
                    ),
                    (None, _) => eprintln!("note: the OAuth token was refreshed"),
                }
            }
            Ok(if (200..300).contains(&outcome.response.status) {
                Exit::Clean
            } else {
                Exit::Findings
            })
        }
        Err(e) => {
            render::error(args.format, &e, args.trace.then_some(&trace))?;
            Ok(Exit::ToolFailed)
        }
    }
}

fn read_connection(path: &Path) -> anyhow::Result<Connection> {
    let text = fs_err::read_to_string(path)?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not valid JSON", path.display()))?;
    if !value.is_object() {
        bail!(
            "{}: a connection file is a JSON object of connection parameter values",
            path.display()
        );
    }
    Ok(serde_json::from_value(value)?)
}

/// `NAME=VALUE` with VALUE as JSON when it parses, else as a string.
fn name_value(text: &str, flag: &str) -> anyhow::Result<(String, serde_json::Value)> {
    let Some((name, value)) = text.split_once('=') else {
        bail!("{flag} '{text}': expected NAME=VALUE");
    };
    if name.is_empty() {
        bail!("{flag} '{text}': the name is empty");
    }
    let value =
        serde_json::from_str(value).unwrap_or_else(|_| serde_json::Value::String(value.into()));
    Ok((name.to_string(), value))
}

fn build_call(args: &InvokeArgs) -> anyhow::Result<Call> {
    let mut call = Call::new(args.operation_id.clone());
    for p in &args.params {
        let (name, value) = name_value(p, "--param")?;
        call.arguments.insert(name, value);
    }
    for q in &args.extra_query {
        let (name, value) =
            q.split_once('=').with_context(|| format!("--query '{q}': expected NAME=VALUE"))?;
        call.extra_query.push((name.to_string(), value.to_string()));
    }
    for c in &args.context {
        let (name, value) =
            c.split_once('=').with_context(|| format!("--context '{c}': expected NAME=VALUE"))?;
        call.context.insert(name.to_string(), value.to_string());
    }
    if let Some(body) = &args.body {
        let text = if body == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read the body from standard input")?;
            s
        } else {
            fs_err::read_to_string(body)?
        };
        call.body = Some(serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)));
    }
    call.connection_id =
        args.connection.as_ref().map_or_else(|| "default".to_string(), |p| p.display().to_string());
    call.max_pages = args.max_pages.max(1);
    call.lro = match args.wait {
        WaitArg::Declared => LroMode::Declared,
        WaitArg::Always => LroMode::Always,
        WaitArg::Never => LroMode::Never,
    };
    call.trace = args.trace;
    Ok(call)
}

fn seconds(value: f64, flag: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value)
        .with_context(|| format!("{flag}: '{value}' is not a number of seconds"))
}

fn runtime_options(args: &InvokeArgs) -> anyhow::Result<RuntimeOptions> {
    let defaults = RuntimeOptions::default();
    let interval = args.retry_interval.map(|s| seconds(s, "--retry-interval")).transpose()?;
    let count = args.retry_count.unwrap_or(4);
    let retry = match args.retry {
        RetryArg::None => RetryPolicy::None,
        RetryArg::Fixed => {
            RetryPolicy::Fixed { interval: interval.unwrap_or(Duration::from_millis(7_500)), count }
        }
        RetryArg::Exponential => match (RetryPolicy::default(), interval) {
            (RetryPolicy::Exponential { interval: i, min, max, .. }, given) => {
                let interval = given.unwrap_or(i);
                RetryPolicy::Exponential { interval, count, min: min.min(interval), max }
            }
            (other, _) => other,
        },
    };
    Ok(RuntimeOptions {
        timeout: seconds(args.timeout, "--timeout")?,
        retry,
        lro_timeout: seconds(args.lro_timeout, "--lro-timeout")?,
        ..defaults
    })
}

/// Writes to stdout, ignoring a closed pipe (`switchboard invoke ... | head`).
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
