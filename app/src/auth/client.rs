//! Who a request comes from, for throttling and the security log. Normally the address
//! of the TCP peer; behind reverse proxies listed in `ISPO_TRUSTED_PROXIES` (none by
//! default), the nearest address in `X-Forwarded-For` that is not one of them, so that one
//! person behind the proxy cannot throttle everyone. IPv6 clients are counted by their /64
//! network: one host usually holds a whole /64.

use std::net::{IpAddr, Ipv6Addr};

/// Networks whose `X-Forwarded-For` header is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Reads a comma-separated list of addresses and networks
    /// (`10.0.0.1, 172.16.0.0/12, fd00::/8`).
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (addr, bits) = match item.split_once('/') {
                Some((addr, bits)) => (addr, Some(bits)),
                None => (item, None),
            };
            let addr: IpAddr = addr
                .parse()
                .map_err(|_| format!("\"{item}\" is not an IP address or network"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(b) => b
                    .parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| format!("\"{item}\" has a bad prefix length"))?,
            };
            networks.push((addr, bits));
        }
        Ok(Self(networks))
    }

    /// Whether `ip` belongs to one of the networks.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0
            .iter()
            .any(|(net, bits)| match (canonical(*net), ip) {
                (IpAddr::V4(net), IpAddr::V4(ip)) => {
                    prefix(u128::from(u32::from(net)), 32, *bits)
                        == prefix(u128::from(u32::from(ip)), 32, *bits)
                }
                (IpAddr::V6(net), IpAddr::V6(ip)) => {
                    prefix(u128::from(net), 128, *bits) == prefix(u128::from(ip), 128, *bits)
                }
                _ => false,
            })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn prefix(value: u128, width: u8, bits: u8) -> u128 {
    let bits = bits.min(width);
    if bits == 0 {
        return 0;
    }
    value >> (width - bits)
}

/// IPv4-mapped IPv6 addresses as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// The client a request is counted as: `peer` itself, or, when `peer` is a trusted proxy,
/// the right-most address of `forwarded_for` that is not a trusted proxy. IPv6 addresses
/// become their /64 network.
pub fn client_key(peer: IpAddr, forwarded_for: Option<&str>, trusted: &TrustedProxies) -> String {
    let mut client = canonical(peer);
    if trusted.contains(client)
        && let Some(header) = forwarded_for
    {
        for hop in header.rsplit(',').map(str::trim) {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                break;
            };
            client = canonical(ip);
            if !trusted.contains(client) {
                break;
            }
        }
    }
    match client {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", Ipv6Addr::from(network))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_counts() {
        let none = TrustedProxies::default();
        assert_eq!(
            client_key(ip("10.0.0.1"), Some("1.2.3.4"), &none),
            "10.0.0.1"
        );
        assert_eq!(client_key(ip("::ffff:10.0.0.1"), None, &none), "10.0.0.1");
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_client_counts() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.5").unwrap();
        assert!(trusted.contains(ip("10.9.8.7")));
        assert!(!trusted.contains(ip("11.0.0.1")));
        assert_eq!(
            client_key(ip("10.0.0.1"), Some("198.51.100.7"), &trusted),
            "198.51.100.7"
        );
        // A client cannot pose as someone else by sending its own header: the right-most
        // address the proxies did not add is the client.
        assert_eq!(
            client_key(
                ip("10.0.0.1"),
                Some("6.6.6.6, 198.51.100.7, 192.168.1.5"),
                &trusted
            ),
            "198.51.100.7"
        );
        // An untrusted peer's header is ignored.
        assert_eq!(
            client_key(ip("203.0.113.1"), Some("198.51.100.7"), &trusted),
            "203.0.113.1"
        );
        // Garbage stops the walk at the last readable hop.
        assert_eq!(
            client_key(ip("10.0.0.1"), Some("junk"), &trusted),
            "10.0.0.1"
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let none = TrustedProxies::default();
        assert_eq!(
            client_key(ip("2001:db8:1:2:aaaa::1"), None, &none),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            client_key(ip("2001:db8:1:2:ffff::9"), None, &none),
            client_key(ip("2001:db8:1:2::5"), None, &none)
        );
        let trusted = TrustedProxies::parse("fd00::/8").unwrap();
        assert_eq!(
            client_key(ip("fd00::1"), Some("2001:db8:7:7::1"), &trusted),
            "2001:db8:7:7::/64"
        );
    }

    #[test]
    fn bad_lists_are_explained() {
        assert!(
            TrustedProxies::parse("10.0.0.0/33")
                .unwrap_err()
                .contains("prefix")
        );
        assert!(
            TrustedProxies::parse("proxy.local")
                .unwrap_err()
                .contains("proxy.local")
        );
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }
}
