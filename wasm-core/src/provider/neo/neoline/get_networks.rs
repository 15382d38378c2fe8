//! `getNetworks` — no params; answers `{networks, chainId, defaultNetwork}` (also
//! NETWORK_CHANGED's detail).

use serde_json::{Value, json};

use crate::provider::neo::{NeoHost, neoline_chain_id};

/// `getNetworks`'s answer (also NETWORK_CHANGED's detail).
pub fn networks(host: &impl NeoHost) -> Value {
    let current = host.network();
    json!({
        "networks": host.networks().iter().map(|n| n.name.clone()).collect::<Vec<_>>(),
        "chainId": neoline_chain_id(current.magic),
        "defaultNetwork": current.name,
    })
}
