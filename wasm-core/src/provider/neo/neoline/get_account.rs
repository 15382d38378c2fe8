//! `getAccount`, `pickAddress` and `getPublicKey` — no params; the connected account,
//! connecting first when the site is not (reject → CONNECTION_DENIED). `getAccount` and
//! `pickAddress` answer `{address, label}`, `getPublicKey` `{address, publicKey}`.

use serde_json::{Value, json};

use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost};

/// `getAccount` and `pickAddress`.
pub(super) async fn handle(origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    Ok(host.connect(origin).await?.to_json())
}

/// `getPublicKey`.
pub(super) async fn handle_public_key(origin: &Origin, host: &impl NeoHost) -> Result<Value, NeoError> {
    let account = host.connect(origin).await?;
    Ok(json!({"address": account.address.to_string(), "publicKey": account.public_key.to_string()}))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::api::ApprovalKind;
    use crate::chains::neo::PrivateKey;
    use crate::provider::neo::fake::{ADDRESS_A, FakeNeoHost, KEY_A};
    use crate::provider::neo::test_support::{error_type, neoline};

    #[test]
    fn get_account_connects_once_and_refusal_is_connection_denied() {
        let host = FakeNeoHost::new();
        host.refuse.set(true);
        assert_eq!(
            error_type(neoline(&host, "getAccount", json!(null))),
            "CONNECTION_DENIED"
        );
        host.refuse.set(false);
        let account = neoline(&host, "getAccount", json!(null)).unwrap();
        assert_eq!(account, json!({"address": ADDRESS_A, "label": "Account 1"}));
        assert!(matches!(
            host.prompts.borrow()[1],
            ApprovalKind::NeoConnect { .. }
        ));
        let key = neoline(&host, "getPublicKey", json!(null)).unwrap();
        assert_eq!(
            key["publicKey"],
            PrivateKey::from_hex(KEY_A).unwrap().public_key().to_string()
        );
        assert_eq!(host.prompts.borrow().len(), 2, "connected: no second prompt");
    }
}
