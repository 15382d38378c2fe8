//! Tokens, balances, the send flow, activity and connected sites, against a scripted chain.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::*;
use crate::api::{
    ActivityItem, ApprovalKind, Balances, FeeChoice, SendForm, SendReview, TokenInfo, TxStatus,
};
use crate::chains::evm::erc20::TokenCall;
use crate::chains::evm::{TypedTransaction, U256, keccak256};

const TOKEN: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const NOT_A_CONTRACT: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const RECIPIENT: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const ETH: u128 = 1_000_000_000_000_000_000;

/// A node with just enough state: balances, one ERC-20 (symbol TST, 6 decimals), nonces,
/// receipts, and the raw transactions sent to it.
struct Chain {
    block: RefCell<u64>,
    balances: RefCell<BTreeMap<String, U256>>,
    token_balances: RefCell<BTreeMap<String, U256>>,
    nonce: RefCell<u64>,
    receipts: RefCell<BTreeMap<String, Value>>,
    sent: RefCell<Vec<Vec<u8>>>,
    down: RefCell<bool>,
    calls: RefCell<Vec<String>>,
}

impl Default for Chain {
    fn default() -> Self {
        Self {
            block: RefCell::new(7),
            balances: RefCell::new(BTreeMap::from([(
                ABANDON_ADDRESS.to_lowercase(),
                U256::from(2 * ETH),
            )])),
            token_balances: RefCell::new(BTreeMap::from([(
                ABANDON_ADDRESS.to_lowercase(),
                U256::from(125_500_000_u64),
            )])),
            nonce: RefCell::new(3),
            receipts: RefCell::new(BTreeMap::new()),
            sent: RefCell::new(Vec::new()),
            down: RefCell::new(false),
            calls: RefCell::new(Vec::new()),
        }
    }
}

fn abi_string(s: &str) -> String {
    let mut out = vec![0_u8; 64];
    out[31] = 0x20;
    out[63] = u8::try_from(s.len()).unwrap();
    let mut padded = s.as_bytes().to_vec();
    padded.resize(32, 0);
    out.extend(padded);
    format!("0x{}", hex::encode(out))
}

fn word(v: U256) -> String {
    format!("0x{}", hex::encode(v.to_be_bytes::<32>()))
}

impl Chain {
    fn answer(&self, method: &str, params: &Value) -> Result<Value, (i64, &'static str)> {
        let lower = |v: &Value| v.as_str().unwrap_or_default().to_lowercase();
        Ok(match method {
            "eth_blockNumber" => json!(format!("{:#x}", *self.block.borrow())),
            "eth_getBalance" => {
                let b = self
                    .balances
                    .borrow()
                    .get(&lower(&params[0]))
                    .copied()
                    .unwrap_or_default();
                json!(format!("{b:#x}"))
            }
            "eth_getCode" => json!(if lower(&params[0]) == TOKEN.to_lowercase() {
                "0x6080"
            } else {
                "0x"
            }),
            "eth_call" => {
                if lower(&params[0]["to"]) != TOKEN.to_lowercase() {
                    return Err((3, "execution reverted"));
                }
                let data = lower(&params[0]["data"]);
                match &data[..10] {
                    "0x95d89b41" => json!(abi_string("TST")),
                    "0x313ce567" => json!(word(U256::from(6))),
                    "0x70a08231" => {
                        let owner = format!("0x{}", &data[34..74]);
                        json!(word(
                            self.token_balances
                                .borrow()
                                .get(&owner)
                                .copied()
                                .unwrap_or_default()
                        ))
                    }
                    _ => return Err((3, "execution reverted")),
                }
            }
            "eth_getTransactionCount" => json!(format!("{:#x}", *self.nonce.borrow())),
            "eth_estimateGas" => json!(if params[0].get("data").is_some() {
                "0xc350"
            } else {
                "0x5208"
            }),
            "eth_getBlockByNumber" => json!({"number": "0x7", "baseFeePerGas": "0x3b9aca00"}),
            "eth_feeHistory" => fee_history_answer(),
            "eth_maxPriorityFeePerGas" => json!("0x3b9aca00"),
            "eth_sendRawTransaction" => {
                let raw = hex::decode(&lower(&params[0])[2..]).unwrap();
                let hash = keccak256(&raw).to_string();
                self.sent.borrow_mut().push(raw);
                json!(hash)
            }
            "eth_getTransactionReceipt" => self
                .receipts
                .borrow()
                .get(&lower(&params[0]))
                .cloned()
                .unwrap_or(Value::Null),
            "eth_getTransactionByHash" => Value::Null,
            _ => return Err((-32601, "method not found")),
        })
    }

    fn last_sent(&self) -> TypedTransaction {
        TypedTransaction::decode(self.sent.borrow().last().unwrap())
            .unwrap()
            .transaction()
            .clone()
    }

    fn mine(&self, hash: &str, status: &str) {
        self.receipts.borrow_mut().insert(
            hash.to_lowercase(),
            json!({"transactionHash": hash, "status": status}),
        );
        *self.nonce.borrow_mut() += 1;
        *self.block.borrow_mut() += 1;
    }
}

#[async_trait::async_trait(?Send)]
impl crate::net::Http for Chain {
    async fn post_json(&self, url: &str, body: &str) -> Result<String, crate::net::HttpError> {
        if *self.down.borrow() {
            return Err(crate::net::HttpError::Unreachable {
                url: url.to_owned(),
                reason: "connection refused".into(),
            });
        }
        let body: Value = serde_json::from_str(body).unwrap();
        let method = body["method"].as_str().unwrap().to_owned();
        self.calls.borrow_mut().push(method.clone());
        Ok(match self.answer(&method, &body["params"]) {
            Ok(result) => json!({"jsonrpc": "2.0", "id": 1, "result": result}),
            Err((code, message)) => {
                json!({"jsonrpc": "2.0", "id": 1, "error": {"code": code, "message": message}})
            }
        }
        .to_string())
    }
}

struct World {
    local: Store,
    session: Store,
    chain: Rc<Chain>,
}

impl World {
    /// A wallet with the test mnemonic on the local dev chain (31337).
    fn new() -> (Self, Engine<Store>) {
        let world = Self {
            local: Store::default(),
            session: Store::default(),
            chain: Rc::new(Chain::default()),
        };
        let engine = world.start();
        import_abandon(&engine);
        ok(ui(
            &engine,
            UiRequest::SelectNetwork {
                chain_id: ChainId::new(31_337).unwrap(),
            },
        ));
        (world, engine)
    }

    fn start(&self) -> Engine<Store> {
        block_on(Engine::load(
            self.local.clone(),
            self.session.clone(),
            self.chain.clone(),
            FAST,
        ))
    }
}

fn failure(response: UiResponse) -> (UiError, Vec<String>) {
    match response {
        UiResponse::Error { error, args, .. } => (error, args),
        other => panic!("expected an error, got {other:?}"),
    }
}

fn tokens(response: UiResponse) -> Vec<TokenInfo> {
    match response {
        UiResponse::Tokens { tokens } => tokens,
        other => panic!("expected tokens, got {other:?}"),
    }
}

fn balances(engine: &Engine<Store>) -> Balances {
    match ui(engine, UiRequest::GetBalances) {
        UiResponse::Balances { balances } => balances,
        other => panic!("expected balances, got {other:?}"),
    }
}

fn activity(engine: &Engine<Store>) -> Vec<ActivityItem> {
    match ui(engine, UiRequest::GetActivity) {
        UiResponse::Activity { items } => items,
        other => panic!("expected activity, got {other:?}"),
    }
}

fn form(to: &str, amount: &str, asset: Option<&str>) -> SendForm {
    SendForm {
        to: to.into(),
        amount: amount.into(),
        asset: asset.map(str::to_owned),
        fee_level: FeeChoice::Market,
    }
}

fn review(engine: &Engine<Store>, f: SendForm) -> SendReview {
    match ui(engine, UiRequest::ReviewSend { form: f }) {
        UiResponse::SendReview { review } => review,
        other => panic!("expected a review, got {other:?}"),
    }
}

fn send(engine: &Engine<Store>, f: SendForm) -> String {
    match ui(engine, UiRequest::ConfirmSend { form: f }) {
        UiResponse::Sent { hash } => hash,
        other => panic!("expected a hash, got {other:?}"),
    }
}

fn watch(engine: &Engine<Store>, options: Value, approve: bool) -> (PageReply, Option<ApprovalKind>) {
    let shown = RefCell::new(None);
    let reply = page_with_window(
        engine,
        DAPP,
        json!({"method": "wallet_watchAsset", "params": {"type": "ERC20", "options": options}}),
        |id| {
            let shown = &shown;
            async move {
                let UiResponse::Approval { approval } = engine
                    .handle_ui(UiRequest::GetApproval { id: id.clone() })
                    .await
                    .reply
                else {
                    panic!("no approval")
                };
                *shown.borrow_mut() = Some(approval.kind);
                ok(engine
                    .handle_ui(UiRequest::ResolveApproval {
                        id,
                        approve,
                        accounts: vec![],
                    })
                    .await
                    .reply);
            }
        },
    )
    .reply;
    (reply, shown.into_inner())
}

#[test]
fn watch_asset_shows_what_the_contract_says_and_stores_it_once_approved() {
    let (world, engine) = World::new();
    let (reply, shown) = watch(
        &engine,
        json!({"address": TOKEN, "symbol": "FAKE", "decimals": 18}),
        true,
    );
    assert_eq!(reply, PageReply::Result(json!(true)));
    assert_eq!(
        shown,
        Some(ApprovalKind::WatchAsset {
            network: "Localhost 8545".into(),
            address: TOKEN.into(),
            symbol: "TST".into(),
            decimals: 6,
            claimed_symbol: Some("FAKE".into()),
            claimed_decimals: Some(18),
            mismatch: true,
        })
    );
    let b = balances(&engine);
    assert_eq!(b.tokens.len(), 1);
    assert_eq!(
        (b.tokens[0].symbol.as_str(), b.tokens[0].amount.as_deref()),
        ("TST", Some("125.5"))
    );
    // Stored for the site's chain only, and it survives a worker restart.
    let again = world.start();
    assert_eq!(balances(&again).tokens.len(), 1);
    ok(ui(
        &again,
        UiRequest::SelectNetwork {
            chain_id: ChainId::new(1).unwrap(),
        },
    ));
    let stored = world.local.inner.snapshot();
    assert!(stored[TOKENS_KEY].contains("0x7a69"), "{}", stored[TOKENS_KEY]);
    // Watching it again answers true without asking.
    let seen = watch_effects(&engine);
    assert_eq!(
        page(
            &engine,
            DAPP,
            json!({"method": "wallet_watchAsset", "params": {"type": "ERC20", "options": {"address": TOKEN}}})
        ),
        PageReply::Result(json!(true))
    );
    assert!(seen.borrow().is_empty());
}

#[test]
fn watch_asset_matching_claims_are_not_flagged_and_rejecting_stores_nothing() {
    let (world, engine) = World::new();
    let (reply, shown) = watch(
        &engine,
        json!({"address": TOKEN, "symbol": "TST", "decimals": 6}),
        false,
    );
    let PageReply::Error(e) = reply else { panic!() };
    assert_eq!(e.code, ProviderErrorCode::UserRejected);
    assert!(matches!(
        shown,
        Some(ApprovalKind::WatchAsset { mismatch: false, .. })
    ));
    assert!(!world.local.inner.snapshot().contains_key(TOKENS_KEY));
}

#[test]
fn watch_asset_refuses_an_address_without_a_contract_before_asking() {
    let (world, engine) = World::new();
    let seen = watch_effects(&engine);
    let reply = page(
        &engine,
        DAPP,
        json!({"method": "wallet_watchAsset", "params": {"type": "ERC20", "options": {"address": NOT_A_CONTRACT, "symbol": "X", "decimals": 18}}}),
    );
    let PageReply::Error(e) = reply else { panic!() };
    assert_eq!(e.code, ProviderErrorCode::InvalidParams);
    assert!(e.message.contains("no contract"), "{}", e.message);
    assert!(seen.borrow().is_empty());
    // An unreachable node is 4901, not silence.
    *world.chain.down.borrow_mut() = true;
    let PageReply::Error(e) = page(
        &engine,
        DAPP,
        json!({"method": "wallet_watchAsset", "params": {"type": "ERC20", "options": {"address": TOKEN}}}),
    ) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::ChainDisconnected);
}

#[test]
fn tokens_are_added_by_hand_from_the_contract_and_removed() {
    let (_world, engine) = World::new();
    let list = tokens(ui(
        &engine,
        UiRequest::AddToken {
            address: TOKEN.to_lowercase(),
        },
    ));
    assert_eq!(
        list,
        vec![TokenInfo {
            address: TOKEN.into(),
            symbol: "TST".into(),
            decimals: 6,
            image: None
        }]
    );
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::AddToken {
                address: NOT_A_CONTRACT.into()
            }
        ))
        .0,
        UiError::NotAToken
    );
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::AddToken {
                address: "0x5fbDB2315678afecb367f032d93F642f64180aa3".into()
            }
        ))
        .0,
        UiError::AddressChecksum
    );
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::AddToken {
                address: "0x12".into()
            }
        ))
        .0,
        UiError::InvalidAddress
    );
    assert!(
        tokens(ui(
            &engine,
            UiRequest::RemoveToken {
                address: TOKEN.into()
            }
        ))
        .is_empty()
    );
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::RemoveToken {
                address: TOKEN.into()
            }
        ))
        .0,
        UiError::UnknownToken
    );
}

#[test]
fn corrupt_token_data_is_reported_and_left_as_it_was() {
    let (world, engine) = World::new();
    block_on(world.local.set(TOKENS_KEY, "{garbage")).unwrap();
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::AddToken {
                address: TOKEN.into()
            }
        ))
        .0,
        UiError::CorruptData
    );
    assert_eq!(
        failure(ui(&engine, UiRequest::GetBalances)).0,
        UiError::CorruptData
    );
    let PageReply::Error(e) = page(
        &engine,
        DAPP,
        json!({"method": "wallet_watchAsset", "params": {"type": "ERC20", "options": {"address": TOKEN}}}),
    ) else {
        panic!()
    };
    assert_eq!(e.code, ProviderErrorCode::Internal);
    assert_eq!(world.local.inner.snapshot()[TOKENS_KEY], "{garbage");
}

#[test]
fn balances_are_read_at_one_block_and_a_dead_node_is_a_clear_error() {
    let (world, engine) = World::new();
    tokens(ui(
        &engine,
        UiRequest::AddToken {
            address: TOKEN.into(),
        },
    ));
    let b = balances(&engine);
    assert_eq!(b.block, 7);
    assert_eq!(b.account, ABANDON_ADDRESS);
    assert_eq!(b.native.amount.as_deref(), Some("2"));
    assert_eq!(b.native.symbol, "ETH");
    assert_eq!(
        ui(&engine, UiRequest::GetBlockNumber),
        UiResponse::BlockNumber { number: 7 }
    );
    *world.chain.down.borrow_mut() = true;
    let (error, args) = failure(ui(&engine, UiRequest::GetBalances));
    assert_eq!(error, UiError::NodeError);
    assert!(args[0].contains("could not reach"), "{args:?}");
    assert_eq!(
        failure(ui(&engine, UiRequest::GetBlockNumber)).0,
        UiError::NodeError
    );
}

#[test]
fn send_checks_the_recipient_and_the_amount_exactly() {
    let (world, engine) = World::new();
    // All-lowercase is accepted and shown checksummed.
    let r = review(&engine, form(&RECIPIENT.to_lowercase(), "1.25", None));
    assert_eq!(r.to, RECIPIENT);
    assert_eq!(r.from, ABANDON_ADDRESS);
    assert_eq!(r.amount, "1.25 ETH");
    assert_eq!(r.gas, 25_200);
    let bad_checksum = "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    let cases = [
        (form(bad_checksum, "1", None), UiError::AddressChecksum),
        (form("0x3C44CdDdB6", "1", None), UiError::InvalidAddress),
        (form("vitalik.eth", "1", None), UiError::InvalidAddress),
        (
            form(RECIPIENT, "1.0000000000000000001", None),
            UiError::TooManyDecimals,
        ),
        (form(RECIPIENT, "1e18", None), UiError::InvalidAmount),
        (form(RECIPIENT, "-1", None), UiError::InvalidAmount),
        (form(RECIPIENT, "0", None), UiError::InvalidAmount),
        (form(RECIPIENT, "", None), UiError::InvalidAmount),
        (
            form(RECIPIENT, "2.000000000000000001", None),
            UiError::InsufficientFunds,
        ),
        // The amount fits, but not with the fee.
        (form(RECIPIENT, "2", None), UiError::InsufficientFunds),
        (form(RECIPIENT, "1", Some(TOKEN)), UiError::UnknownToken),
    ];
    for (f, expected) in cases {
        assert_eq!(
            failure(ui(&engine, UiRequest::ReviewSend { form: f.clone() })).0,
            expected,
            "{f:?}"
        );
        assert_eq!(
            failure(ui(&engine, UiRequest::ConfirmSend { form: f.clone() })).0,
            expected,
            "{f:?}"
        );
    }
    assert!(world.chain.sent.borrow().is_empty(), "nothing was sent");
    tokens(ui(
        &engine,
        UiRequest::AddToken {
            address: TOKEN.into(),
        },
    ));
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::ReviewSend {
                form: form(RECIPIENT, "0.0000001", Some(TOKEN))
            }
        )),
        (UiError::TooManyDecimals, vec!["6".to_owned()])
    );
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::ReviewSend {
                form: form(RECIPIENT, "125.500001", Some(TOKEN))
            }
        )),
        (UiError::InsufficientFunds, vec!["125.5 TST".to_owned()])
    );
    assert!(world.chain.sent.borrow().is_empty(), "nothing was sent");
}

#[test]
fn sends_are_signed_broadcast_and_tracked_until_their_receipt() {
    let (world, engine) = World::new();
    tokens(ui(
        &engine,
        UiRequest::AddToken {
            address: TOKEN.into(),
        },
    ));
    let hash = send(&engine, form(&RECIPIENT.to_lowercase(), "0.5", None));
    let tx = world.chain.last_sent();
    assert_eq!(tx.to().map(ToString::to_string).as_deref(), Some(RECIPIENT));
    assert_eq!(tx.value(), U256::from(ETH / 2));
    assert_eq!(tx.nonce(), 3);
    assert_eq!(
        TypedTransaction::decode(world.chain.sent.borrow().last().unwrap())
            .unwrap()
            .recover_signer()
            .unwrap()
            .to_string(),
        ABANDON_ADDRESS
    );
    let token_hash = send(&engine, form(RECIPIENT, "20.25", Some(TOKEN)));
    let tx = world.chain.last_sent();
    assert_eq!(tx.to().map(ToString::to_string).as_deref(), Some(TOKEN));
    assert_eq!(tx.value(), U256::ZERO);
    assert_eq!(
        TokenCall::decode(tx.input()).unwrap(),
        Some(TokenCall::Transfer {
            to: RECIPIENT.parse().unwrap(),
            amount: U256::from(20_250_000_u64)
        })
    );

    let items = activity(&engine);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].hash, token_hash, "newest first");
    assert_eq!(items[0].amount, "20.25 TST");
    assert_eq!(items[0].to.as_deref(), Some(RECIPIENT));
    assert_eq!(items[0].token.as_deref(), Some(TOKEN));
    assert_eq!(items[1].amount, "0.5 ETH");
    assert!(
        items
            .iter()
            .all(|i| i.status == TxStatus::Pending && i.origin.is_none())
    );

    // A worker restart: still there, still pending; then the receipts come.
    let engine = world.start();
    assert_eq!(activity(&engine).len(), 2);
    world.chain.mine(&hash, "0x1");
    world.chain.mine(&token_hash, "0x0");
    let items = activity(&engine);
    assert_eq!(items[1].status, TxStatus::Confirmed);
    assert_eq!(items[0].status, TxStatus::Failed);
    assert!(items[0].reason.as_deref().unwrap().contains("reverted"));
    assert!(!block_on(engine.poll_activity()).reply, "nothing left pending");
}

#[test]
fn the_fee_level_chosen_is_the_fee_signed() {
    use crate::chains::evm::fees::{FeeLevel, max_fee_for};
    let (world, engine) = World::new();
    let gwei = |n: u64| U256::from(n) * U256::from(1_000_000_000_u64);
    for (choice, level, tip) in [
        (FeeChoice::Low, FeeLevel::Low, 1),
        (FeeChoice::Market, FeeLevel::Market, 2),
        (FeeChoice::Aggressive, FeeLevel::Aggressive, 3),
    ] {
        let mut f = form(RECIPIENT, "0.01", None);
        f.fee_level = choice;
        let r = review(&engine, f.clone());
        assert_eq!(r.fee_level, choice);
        send(&engine, f);
        let TypedTransaction::Eip1559(tx) = world.chain.last_sent() else {
            panic!("expected a type 2 transaction")
        };
        assert_eq!(tx.max_priority_fee_per_gas, gwei(tip), "{choice:?}");
        assert_eq!(
            tx.max_fee_per_gas,
            max_fee_for(gwei(10), level, gwei(tip)),
            "{choice:?}"
        );
    }
    let mut f = form(RECIPIENT, "0.01", None);
    f.fee_level = FeeChoice::Custom;
    assert_eq!(
        failure(ui(&engine, UiRequest::ReviewSend { form: f })).0,
        UiError::InvalidFee
    );
}

#[test]
fn a_transaction_whose_nonce_another_used_is_dropped_with_the_reason() {
    let (world, engine) = World::new();
    let hash = send(&engine, form(RECIPIENT, "0.1", None));
    assert!(block_on(engine.poll_activity()).reply, "still pending");
    *world.chain.nonce.borrow_mut() += 1;
    assert!(!block_on(engine.poll_activity()).reply);
    let items = activity(&engine);
    assert_eq!(items[0].hash, hash);
    assert_eq!(items[0].status, TxStatus::Dropped);
    assert!(items[0].reason.as_deref().unwrap().contains("nonce 3"));
}

#[test]
fn dapp_transactions_are_recorded_with_their_site() {
    let (world, engine) = World::new();
    connect(&engine, DAPP, &["hd:0"]);
    let request = json!({"method": "eth_sendTransaction", "params": [{"from": ABANDON_ADDRESS, "to": RECIPIENT, "value": "0x16345785d8a0000"}]});
    let PageReply::Result(hash) = approve_next(&engine, DAPP, request, true) else {
        panic!()
    };
    let items = activity(&engine);
    assert_eq!(items.len(), 1);
    assert_eq!(Some(items[0].hash.as_str()), hash.as_str());
    assert_eq!(items[0].origin.as_deref(), Some(DAPP));
    assert_eq!(items[0].amount, "0.1 ETH");
    assert_eq!(items[0].chain_id, ChainId::new(31_337).unwrap());
    world.chain.mine(hash.as_str().unwrap(), "0x1");
    assert_eq!(activity(&engine)[0].status, TxStatus::Confirmed);
}

#[test]
fn a_dapp_transfer_of_a_watched_token_is_recorded_as_the_token() {
    let (_world, engine) = World::new();
    connect(&engine, DAPP, &["hd:0"]);
    let data = format!(
        "0x{}",
        hex::encode(
            TokenCall::Transfer {
                to: RECIPIENT.parse().unwrap(),
                amount: U256::from(1_500_000_u64)
            }
            .encode()
        )
    );
    let request = json!({"method": "eth_sendTransaction", "params": [{"from": ABANDON_ADDRESS, "to": TOKEN, "data": data}]});
    approve_next(&engine, DAPP, request.clone(), true);
    // Not watched: the call as it is.
    assert_eq!(activity(&engine)[0].amount, "0 ETH");
    assert_eq!(activity(&engine)[0].to.as_deref(), Some(TOKEN));
    tokens(ui(
        &engine,
        UiRequest::AddToken {
            address: TOKEN.into(),
        },
    ));
    approve_next(&engine, DAPP, request, true);
    let item = &activity(&engine)[0];
    assert_eq!(item.amount, "1.5 TST");
    assert_eq!(item.to.as_deref(), Some(RECIPIENT));
    assert_eq!(item.token.as_deref(), Some(TOKEN));
}

#[test]
fn corrupt_activity_is_reported_and_kept() {
    let (world, engine) = World::new();
    block_on(world.local.set(ACTIVITY_KEY, "[1,2")).unwrap();
    assert_eq!(
        failure(ui(&engine, UiRequest::GetActivity)).0,
        UiError::CorruptData
    );
    // A send still goes out (the dApp must not retry it), and the unreadable list stays.
    send(&engine, form(RECIPIENT, "0.1", None));
    assert_eq!(world.local.inner.snapshot()[ACTIVITY_KEY], "[1,2");
}

#[test]
fn connected_sites_are_listed_and_revoked_with_accounts_changed() {
    let (_world, engine) = World::new();
    connect(&engine, DAPP, &["hd:0"]);
    connect(&engine, OTHER, &["hd:0"]);
    let UiResponse::ConnectedSites { sites } = ui(&engine, UiRequest::GetConnectedSites) else {
        panic!()
    };
    assert_eq!(sites.len(), 2);
    assert!(
        sites
            .iter()
            .all(|s| s.accounts == vec![ABANDON_ADDRESS.to_owned()])
    );
    let out = block_on(engine.handle_ui(UiRequest::RevokeSite { origin: DAPP.into() }));
    let UiResponse::ConnectedSites { sites } = out.reply else {
        panic!()
    };
    assert_eq!(
        sites.iter().map(|s| s.origin.as_str()).collect::<Vec<_>>(),
        vec![OTHER]
    );
    let events: Vec<_> = out
        .events
        .iter()
        .filter(|b| b.event.name == "accountsChanged")
        .collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].origin.as_deref(), Some(DAPP));
    assert_eq!(events[0].event.data, json!([]));
    assert_eq!(
        page(&engine, DAPP, json!({"method": "eth_accounts"})),
        PageReply::Result(json!([]))
    );
    assert_eq!(
        failure(ui(&engine, UiRequest::RevokeSite { origin: DAPP.into() })).0,
        UiError::UnknownSite
    );
    assert_eq!(
        failure(ui(
            &engine,
            UiRequest::RevokeSite {
                origin: "nonsense".into()
            }
        ))
        .0,
        UiError::UnknownSite
    );
}
