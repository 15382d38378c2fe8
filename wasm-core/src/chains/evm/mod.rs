//! EVM chains.

mod networks;

pub use networks::{BUILTIN_NETWORKS, DEFAULT_CHAIN_ID, Network, builtin_network};
