//! EVM chains.

mod address;
mod networks;

pub use address::{Address, AddressError};
pub use networks::{BUILTIN_NETWORKS, DEFAULT_CHAIN_ID, Network, builtin_network};
