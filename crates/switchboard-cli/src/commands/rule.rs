//! `switchboard rule`.

use std::io::Write;

use switchboard_lint::{Profile, RuleMeta, Severity, find_rule, rules};

use crate::args::RuleArgs;
use crate::exit::Exit;

pub fn run(args: &RuleArgs) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    if args.list {
        writeln!(
            out,
            "{:<6}  {:<13}  {:<13}  {:<38}  summary",
            "code", "default", "certification", "name"
        )?;
        for rule in rules::all() {
            let m = rule.meta();
            writeln!(
                out,
                "{:<6}  {:<13}  {:<13}  {:<38}  {}",
                m.code,
                level(m, Profile::Default),
                level(m, Profile::Certification),
                m.name,
                m.summary()
            )?;
        }
        return Ok(Exit::Clean);
    }
    let code = args.code.as_deref().unwrap_or_default();
    let Some(rule) = find_rule(code) else {
        anyhow::bail!("no rule named '{code}'; `switchboard rule --list` lists them");
    };
    let m = rule.meta();
    writeln!(out, "# {} {}", m.code, m.name)?;
    writeln!(out)?;
    writeln!(out, "Group: {}", m.group.as_str())?;
    writeln!(
        out,
        "Severity: {} (default), {} (certification), {} (independent publisher)",
        level(m, Profile::Default),
        level(m, Profile::Certification),
        level(m, Profile::IndependentPublisher)
    )?;
    if let Some(ms) = m.ms_rule {
        writeln!(out, "Microsoft rule: {ms}")?;
    }
    writeln!(out, "Since: {}", m.since)?;
    writeln!(out)?;
    writeln!(out, "{}", m.docs())?;
    Ok(Exit::Clean)
}

fn level(m: &RuleMeta, profile: Profile) -> &'static str {
    m.levels.for_profile(profile).map_or("off", Severity::as_str)
}
