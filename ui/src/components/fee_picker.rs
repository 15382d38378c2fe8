//! The fee of a transaction approval: low / market / aggressive with their most expensive
//! cost, or custom values in gwei. The engine computes every number; this only asks it to.

use formica_core::api::{FeeChoice, TransactionFees};
use leptos::prelude::*;

use crate::i18n::{t, t_args};

/// What the user has typed or picked, sent to the engine on change (and once more on
/// approve, so the last edit is never lost).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeEdit {
    /// The chosen level.
    pub level: FeeChoice,
    /// Max fee per gas (or gas price), gwei.
    pub max_fee_per_gas: String,
    /// Priority fee, gwei (EIP-1559 only).
    pub max_priority_fee_per_gas: String,
}

impl FeeEdit {
    /// The edit that matches what the engine shows now.
    pub fn from_fees(fees: &TransactionFees) -> Self {
        Self {
            level: fees.selected,
            max_fee_per_gas: fees.max_fee_per_gas.clone(),
            max_priority_fee_per_gas: fees.max_priority_fee_per_gas.clone(),
        }
    }
}

/// The level `<select>` (`fee-level`) and the gwei inputs (`fee-max`, `fee-priority`), which
/// are editable when the level is `custom`. `on_change` gets every completed edit.
#[component]
pub fn FeePicker(
    fees: Signal<Option<TransactionFees>>,
    edit: RwSignal<Option<FeeEdit>>,
    on_change: Callback<FeeEdit>,
) -> impl IntoView {
    let level_name = move || edit.with(|e| e.as_ref().map_or("market", |e| e.level.as_str()));
    let custom = move || edit.with(|e| e.as_ref().is_some_and(|e| e.level == FeeChoice::Custom));
    let eip1559 = move || fees.with(|f| f.as_ref().is_some_and(|f| f.eip1559));
    let commit = move || {
        if let Some(e) = edit.get_untracked() {
            on_change.run(e);
        }
    };
    view! {
        <div class="fee">
            <label>
                <span>{t("txFee")}</span>
                <select data-testid="fee-level"
                    on:change=move |ev| {
                        let Some(level) = FeeChoice::parse(&event_target_value(&ev)) else { return };
                        let picked = fees.with_untracked(|f| f.as_ref().and_then(|f| {
                            f.options.iter().find(|o| o.level == level).map(|o| FeeEdit {
                                level,
                                max_fee_per_gas: o.max_fee_per_gas.clone(),
                                max_priority_fee_per_gas: o.max_priority_fee_per_gas.clone(),
                            })
                        }));
                        // Custom starts from the values shown now.
                        let next = picked.or_else(|| edit.get_untracked().map(|e| FeeEdit { level, ..e }));
                        edit.set(next);
                        commit();
                    }>
                    // `selected` on each option rather than `value` on the select: the options
                    // may render after the select's value is set, which would show the first.
                    {move || fees.get().map(|f| f.options.into_iter().map(|o| {
                        let label = format!("{} — {}", t(o.level.message_key()), o.max_cost);
                        let name = o.level.as_str();
                        view! { <option value=name prop:selected=move || level_name() == name>{label}</option> }
                    }).collect_view())}
                    <option value="custom" prop:selected=move || level_name() == "custom">{t("feeCustom")}</option>
                </select>
            </label>
            {move || fees.get().and_then(|f| f.base_fee).map(|b| view! {
                <p class="hint">{t_args("feeBaseFee", &[b])}</p>
            })}
            <label>
                <span>{move || if eip1559() { t("feeMaxPerGas") } else { t("feeGasPrice") }}</span>
                <input type="text" inputmode="decimal" data-testid="fee-max" prop:disabled=move || !custom()
                    prop:value=move || edit.with(|e| e.as_ref().map(|e| e.max_fee_per_gas.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit.update(|e| if let Some(e) = e { e.max_fee_per_gas = value; });
                    }
                    on:change=move |_| commit()/>
            </label>
            <Show when=eip1559>
                <label>
                    <span>{t("feePriority")}</span>
                    <input type="text" inputmode="decimal" data-testid="fee-priority" prop:disabled=move || !custom()
                        prop:value=move || edit.with(|e| e.as_ref().map(|e| e.max_priority_fee_per_gas.clone()).unwrap_or_default())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            edit.update(|e| if let Some(e) = e { e.max_priority_fee_per_gas = value; });
                        }
                        on:change=move |_| commit()/>
                </label>
            </Show>
        </div>
    }
}
