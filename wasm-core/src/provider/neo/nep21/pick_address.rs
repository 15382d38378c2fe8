//! `pickAddress(prompt?)` — the address of the account the user picks (connecting first when
//! the site is not).

use serde_json::Value;

use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost};

pub(super) async fn handle(origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let account = if host.is_connected(origin) {
        match host.switch_account(origin).await? {
            Some(picked) => picked,
            None => host.connect(origin).await?,
        }
    } else {
        host.connect(origin).await?
    };
    Ok(Value::String(account.address.to_string()))
}
