use std::fmt;
use std::str::FromStr;

/// The web origin (scheme, host, port) of a page that sent a request.
///
/// It always comes from the browser's record of the port's sender, never from the page's
/// payload. Only `http` and `https` pages get a provider.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin(String);

/// Why a string is not a page origin.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OriginError {
    /// Not `http://` or `https://`.
    #[error("only http and https pages get a provider")]
    Scheme,
    /// Empty host, or a path, query, fragment, user info or white space after the host.
    #[error("not a serialized origin")]
    Malformed,
}

impl Origin {
    /// The origin as the browser serialized it, e.g. `https://app.uniswap.org`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host with its punycode labels (`xn--…`) decoded, when it has any: approvals show
    /// it beside the ASCII form and flag it, since look-alike letters are a phishing trick.
    pub fn unicode_host(&self) -> Option<String> {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        let host = rest
            .rsplit_once(':')
            .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
            .map_or(rest, |(h, _)| h);
        if !host.split('.').any(|l| l.starts_with("xn--")) {
            return None;
        }
        let labels: Option<Vec<String>> = host
            .split('.')
            .map(|l| match l.strip_prefix("xn--") {
                Some(encoded) => punycode::decode(encoded).ok(),
                None => Some(l.to_owned()),
            })
            .collect();
        labels.map(|l| l.join("."))
    }
}

impl FromStr for Origin {
    type Err = OriginError;

    /// Accepts the origin serialization browsers produce (lowercase scheme and host,
    /// optional port, nothing else). Hosts arrive already punycode-encoded.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let host_port = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or(OriginError::Scheme)?;
        let valid = !host_port.is_empty()
            && host_port.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'_')
            });
        if valid {
            Ok(Self(s.to_owned()))
        } else {
            Err(OriginError::Malformed)
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_browser_serialized_origins() {
        for ok in [
            "https://app.uniswap.org",
            "http://127.0.0.1:8080",
            "http://[::1]:3000",
            "https://xn--80ak6aa92e.com",
        ] {
            assert_eq!(ok.parse::<Origin>().unwrap().as_str(), ok);
        }
    }

    #[test]
    fn decodes_punycode_hosts_for_display() {
        let o: Origin = "https://xn--80ak6aa92e.com".parse().unwrap();
        assert_eq!(o.unicode_host().as_deref(), Some("аррӏе.com"));
        let o: Origin = "https://xn--fiqs8s.xn--fiqs8s:8443".parse().unwrap();
        assert_eq!(o.unicode_host().as_deref(), Some("中国.中国"));
        assert_eq!(
            "https://app.uniswap.org"
                .parse::<Origin>()
                .unwrap()
                .unicode_host(),
            None
        );
    }

    #[test]
    fn refuses_everything_else() {
        assert_eq!(
            "chrome-extension://abc".parse::<Origin>(),
            Err(OriginError::Scheme)
        );
        assert_eq!("file:///etc".parse::<Origin>(), Err(OriginError::Scheme));
        assert_eq!("null".parse::<Origin>(), Err(OriginError::Scheme));
        for bad in [
            "https://",
            "https://a.com/path",
            "https://a.com?x",
            "https://u@a.com",
            "https://A.com",
            "https://a b",
        ] {
            assert_eq!(bad.parse::<Origin>(), Err(OriginError::Malformed), "{bad}");
        }
    }
}
