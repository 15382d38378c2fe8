//! `relay(context)` — sends the transaction once every signer has its signatures; answers the
//! txid. No window opens.

use serde_json::Value;

use super::require;
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(
    context: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let context = tx::parse_context(context)?;
    require(origin, host).await?;
    tx::relay_context(host, &context).await
}
