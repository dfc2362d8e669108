//! Where the runtime may connect: the guard that keeps a connector from becoming a way into the
//! network of whoever runs it (server-side request forgery).
//!
//! With [`NetworkAccess::PublicOnly`] the check happens when a connection is made, not by
//! reading URL strings: the HTTP client resolves names through [`PublicOnlyResolver`], which
//! drops loopback, private, link-local and other non-global addresses (so a name that
//! resolves — or rebinds — to `127.0.0.1`, like `localhost` or `localtest.me`, is refused),
//! and every request whose host is an IP literal (which the client connects to without
//! resolving) is checked before it is sent. Redirects are never followed by the client, so a
//! backend cannot bounce a call elsewhere; the pipeline's own follow-ups (next links,
//! long-running operation `Location`s) go through the same checks.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Which addresses the runtime's HTTP client may connect to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkAccess {
    /// Any address: the CLI, whose user points connectors at their own machines.
    #[default]
    Any,
    /// Only globally routable addresses ([`is_public`]): a server invoking connectors for
    /// others.
    PublicOnly,
}

/// A connection the guard refused: the host resolves only to (or is) a non-public address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{host}' is, or resolves only to, addresses that are not public (loopback, private, link-local or reserved)"
)]
pub struct EgressRefused {
    /// The host as the URL names it.
    pub host: String,
    /// The addresses refused (for logs; not shown to callers).
    pub addresses: Vec<IpAddr>,
}

/// Whether `ip` is a globally routable unicast address. Everything else is refused under
/// [`NetworkAccess::PublicOnly`]: loopback, unspecified, private (RFC 1918, `fc00::/7`),
/// shared (`100.64.0.0/10`), link-local (including the `169.254.169.254` metadata service and
/// `fe80::/10`), documentation, benchmarking, multicast, broadcast and reserved ranges, and
/// IPv6 forms that embed an IPv4 address which is itself not public.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0 // "this network", including 0.0.0.0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // TEST-NET-3
        || a >= 224) // multicast, reserved, broadcast
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they embed.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    if s[0] == 0x2002 {
        return is_public_v4(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || s[0..6] == [0, 0, 0, 0, 0, 0] // IPv4-compatible (deprecated) and other ::/96
        || (s[0] & 0xfe00) == 0xfc00 // unique local, fc00::/7
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] & 0xff00) == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] < 0x0200) // IETF protocol assignments, Teredo
        || (s[0] == 0x0100 && s[1..4] == [0, 0, 0])) // discard-only
}

/// Resolves names with the system resolver and keeps only public addresses; a name with none
/// left fails with [`EgressRefused`]. Used by the runtime under [`NetworkAccess::PublicOnly`].
#[derive(Clone, Copy, Debug, Default)]
pub struct PublicOnlyResolver;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let (public, refused): (Vec<SocketAddr>, Vec<SocketAddr>) =
                found.into_iter().partition(|a| is_public(a.ip()));
            if public.is_empty() && !refused.is_empty() {
                let addresses = refused.iter().map(SocketAddr::ip).collect();
                return Err(Box::new(EgressRefused { host, addresses }) as _);
            }
            if !refused.is_empty() {
                tracing::debug!(host, dropped = refused.len(), "non-public addresses dropped");
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// The runtime's HTTP client with the network access it was built for.
#[derive(Clone, Debug)]
pub struct HttpClient {
    client: reqwest::Client,
    access: NetworkAccess,
}

impl HttpClient {
    pub(crate) fn new(client: reqwest::Client, access: NetworkAccess) -> Self {
        Self { client, access }
    }

    /// The reqwest client.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// What it may connect to.
    pub fn access(&self) -> NetworkAccess {
        self.access
    }

    /// [`check_url`] under this client's access.
    pub fn check(&self, url: &str) -> Result<(), EgressRefused> {
        check_url(self.access, url)
    }
}

/// Refuses `url` before anything is sent when `access` is [`NetworkAccess::PublicOnly`] and
/// its host is an IP literal that is not public (the client connects to literals without
/// resolving them; names are checked by [`PublicOnlyResolver`] when the connection is made).
pub fn check_url(access: NetworkAccess, url: &str) -> Result<(), EgressRefused> {
    if access == NetworkAccess::Any {
        return Ok(());
    }
    let Ok(parsed) = url::Url::parse(url) else { return Ok(()) };
    let ip = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        _ => return Ok(()),
    };
    if is_public(ip) {
        Ok(())
    } else {
        let host = parsed.host_str().unwrap_or_default().to_owned();
        Err(EgressRefused { host, addresses: vec![ip] })
    }
}

/// The [`EgressRefused`] somewhere in `error`'s chain of causes, if the guard refused it.
pub(crate) fn refusal<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a EgressRefused> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(refused) = e.downcast_ref::<EgressRefused>() {
            return Some(refused);
        }
        current = e.source();
    }
    None
}

/// The error for a refused destination: the caller's connector points at a place this runtime
/// does not go. Addresses are logged, not returned (they would map the operator's network).
pub(crate) fn refused_error(
    phase: crate::Phase,
    what: &str,
    refused: &EgressRefused,
) -> crate::InvokeError {
    tracing::warn!(host = %refused.host, addresses = ?refused.addresses, "egress refused: not a public address");
    crate::InvokeError::client(
        phase,
        "PrivateNetworkRefused",
        403,
        format!(
            "{what}: the host '{}' is, or resolves only to, a loopback, private, link-local or reserved address, which this runtime is configured not to reach",
            refused.host
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or_else(|_| panic!("{text}"))
    }

    #[test]
    fn public_and_non_public_addresses() {
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "93.184.216.34",
            "2606:4700::1111",
            "2a00:1450::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(is_public(ip(public)), "{public}");
        }
        for private in [
            "127.0.0.1",
            "127.1.2.3",
            "0.0.0.0",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "192.0.2.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::7f00:1",
            "2002:7f00:1::",
            "::127.0.0.1",
        ] {
            assert!(!is_public(ip(private)), "{private}");
        }
    }

    #[test]
    fn literal_hosts_are_checked_in_every_spelling() {
        let guarded = |url| check_url(NetworkAccess::PublicOnly, url);
        for url in [
            "http://127.0.0.1:8080/x",
            "http://[::1]/",
            "http://2130706433/", // 127.0.0.1 as one number
            "http://0x7f.1/",
            "http://169.254.169.254/latest/meta-data",
            "http://[::ffff:10.0.0.1]/",
        ] {
            assert!(guarded(url).is_err(), "{url}");
        }
        assert!(guarded("https://8.8.8.8/").is_ok());
        assert!(guarded("https://localhost/").is_ok(), "names are left to the resolver");
        assert!(check_url(NetworkAccess::Any, "http://127.0.0.1/").is_ok());
    }

    #[tokio::test]
    async fn the_resolver_refuses_names_of_loopback_addresses() {
        let name: Name = "localhost".parse().unwrap();
        let Err(error) = PublicOnlyResolver.resolve(name).await else {
            panic!("localhost resolved")
        };
        let refused = refusal(&*error).expect("an EgressRefused");
        assert_eq!(refused.host, "localhost");
        assert!(refused.addresses.iter().all(IpAddr::is_loopback), "{:?}", refused.addresses);
    }
}
