//! `getAccounts()` — the connected account as `[{hash, label, isDefault}]`, connecting first
//! when the site is not (reject → CANCELED).

use serde_json::{Value, json};

use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let account = host.connect(origin).await?;
    Ok(json!([{
        "hash": account.address.script_hash().to_string(),
        "label": account.label,
        "isDefault": true,
    }]))
}
