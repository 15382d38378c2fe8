//! The EVM networks Formica knows out of the box.
//!
//! Chain ids and currencies from the chains registry (<https://chainid.network/chains.json>)
//! and each chain's own documentation.

use crate::api::{ChainId, NetworkInfo};

/// A built-in EVM network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Network {
    /// EIP-155 chain id.
    pub chain_id: ChainId,
    /// Display name.
    pub name: &'static str,
    /// Public RPC endpoints, preferred first.
    pub rpc_urls: &'static [&'static str],
    /// Native currency symbol (18 decimals on every built-in network).
    pub currency_symbol: &'static str,
    /// Block explorer.
    pub explorer: Option<&'static str>,
    /// A test or development network.
    pub testnet: bool,
}

impl Network {
    /// The network as the popup shows it.
    pub fn info(&self) -> NetworkInfo {
        NetworkInfo {
            chain_id: self.chain_id,
            name: self.name.to_owned(),
            currency_symbol: self.currency_symbol.to_owned(),
            testnet: self.testnet,
            custom: false,
            rpc_url: None,
        }
    }
}

/// A chain id checked at compile time: an invalid one in the table below fails the build.
#[allow(clippy::panic)] // Evaluated in const context only, where a panic is a compile error.
const fn chain(id: u64) -> ChainId {
    match ChainId::new(id) {
        Ok(c) => c,
        Err(_) => panic!("invalid built-in chain id"),
    }
}

/// Ethereum mainnet, selected until the user picks another network.
pub const DEFAULT_CHAIN_ID: ChainId = chain(1);

/// The built-in networks, in the order the network selector lists them.
pub const BUILTIN_NETWORKS: &[Network] = &[
    Network {
        chain_id: chain(1),
        name: "Ethereum",
        rpc_urls: &[
            "https://ethereum-rpc.publicnode.com",
            "https://cloudflare-eth.com",
        ],
        currency_symbol: "ETH",
        explorer: Some("https://etherscan.io"),
        testnet: false,
    },
    Network {
        chain_id: chain(56),
        name: "BNB Chain",
        rpc_urls: &["https://bsc-dataseed.bnbchain.org"],
        currency_symbol: "BNB",
        explorer: Some("https://bscscan.com"),
        testnet: false,
    },
    Network {
        chain_id: chain(137),
        name: "Polygon",
        rpc_urls: &["https://polygon-rpc.com"],
        currency_symbol: "POL",
        explorer: Some("https://polygonscan.com"),
        testnet: false,
    },
    Network {
        chain_id: chain(42_161),
        name: "Arbitrum One",
        rpc_urls: &["https://arb1.arbitrum.io/rpc"],
        currency_symbol: "ETH",
        explorer: Some("https://arbiscan.io"),
        testnet: false,
    },
    Network {
        chain_id: chain(10),
        name: "OP Mainnet",
        rpc_urls: &["https://mainnet.optimism.io"],
        currency_symbol: "ETH",
        explorer: Some("https://optimistic.etherscan.io"),
        testnet: false,
    },
    Network {
        chain_id: chain(8_453),
        name: "Base",
        rpc_urls: &["https://mainnet.base.org"],
        currency_symbol: "ETH",
        explorer: Some("https://basescan.org"),
        testnet: false,
    },
    Network {
        chain_id: chain(47_763),
        name: "Neo X",
        rpc_urls: &["https://mainnet-1.rpc.banelabs.org"],
        currency_symbol: "GAS",
        explorer: Some("https://xexplorer.neo.org"),
        testnet: false,
    },
    Network {
        chain_id: chain(11_155_111),
        name: "Sepolia",
        rpc_urls: &["https://ethereum-sepolia-rpc.publicnode.com"],
        currency_symbol: "ETH",
        explorer: Some("https://sepolia.etherscan.io"),
        testnet: true,
    },
    Network {
        chain_id: chain(12_227_332),
        name: "Neo X Testnet",
        rpc_urls: &["https://neoxt4seed1.ngd.network"],
        currency_symbol: "GAS",
        explorer: Some("https://xt4scan.ngd.network"),
        testnet: true,
    },
    Network {
        chain_id: chain(31_337),
        name: "Localhost 8545",
        rpc_urls: &["http://127.0.0.1:8545"],
        currency_symbol: "ETH",
        explorer: None,
        testnet: true,
    },
];

/// The built-in network with this chain id, if there is one.
pub fn builtin_network(chain_id: ChainId) -> Option<&'static Network> {
    BUILTIN_NETWORKS.iter().find(|n| n.chain_id == chain_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_network_is_valid_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for n in BUILTIN_NETWORKS {
            assert!(seen.insert(n.chain_id), "duplicate {}", n.chain_id);
            assert!(!n.rpc_urls.is_empty(), "{}", n.name);
            for url in n.rpc_urls {
                let loopback = url.starts_with("http://127.0.0.1");
                assert!(url.starts_with("https://") || loopback, "{url}");
            }
        }
        assert!(BUILTIN_NETWORKS.iter().any(|n| n.chain_id == DEFAULT_CHAIN_ID));
    }
}
