// Page object: an approval window (`popup.html#/approval/<id>`).
import { Driver } from './driver.mjs';

export const APPROVAL_IDS = Object.freeze({
  approve: 'approve',
  reject: 'reject',
  origin: 'approval-origin',
  risk: 'risk-warning',
});

export class ApprovalPage {
  constructor(page) {
    this.driver = new Driver(page);
  }

  async waitForReady(timeout = 15_000) {
    await this.driver.find(APPROVAL_IDS.approve, { timeout });
    return this;
  }

  origin() { return this.driver.text(APPROVAL_IDS.origin); }
  /** Whether the risk engine flagged the request (the warning is present only then). */
  hasRiskWarning() { return this.driver.exists(APPROVAL_IDS.risk); }
  /** Answering closes the window (the engine has it closed), so the clicks allow for that. */
  approve() { return this.driver.clickClosing(APPROVAL_IDS.approve); }
  reject() { return this.driver.clickClosing(APPROVAL_IDS.reject); }

  /** The text of every `risk-warning` (empty when nothing is flagged). */
  async riskWarnings() {
    return (await this.hasRiskWarning()) ? this.driver.texts(APPROVAL_IDS.risk) : [];
  }

  /** The `data-warning` kinds of the warnings shown (`unlimited_approval`, `no_code`, …). */
  riskKinds() {
    return this.driver.page.$$eval('[data-testid="risk-warning"]', (els) => els.map((e) => e.dataset.warning));
  }
}

export const TRANSACTION_IDS = Object.freeze({
  feeLevel: 'fee-level',
  feeMax: 'fee-max',
  feePriority: 'fee-priority',
  value: 'tx-value',
  fee: 'tx-fee',
  decoded: 'decoded-call',
});

/** A transaction approval: value, decoded call, fee level. */
export class TransactionApprovalPage extends ApprovalPage {
  feeLevel() { return this.driver.text(TRANSACTION_IDS.feeLevel); }
  /** Max fee per gas (or gas price) in gwei, as the window shows it. */
  maxFee() { return this.driver.text(TRANSACTION_IDS.feeMax); }
  priorityFee() { return this.driver.text(TRANSACTION_IDS.feePriority); }
  /** Chooses `low`, `market`, `aggressive` or `custom`. */
  selectFeeLevel(level) { return this.driver.select(TRANSACTION_IDS.feeLevel, level); }
  /** Types custom fees in gwei (choose `custom` first). */
  async fillFees({ maxFee, priorityFee }) {
    await this.driver.fill(TRANSACTION_IDS.feeMax, maxFee);
    if (priorityFee !== undefined) await this.driver.fill(TRANSACTION_IDS.feePriority, priorityFee);
  }
  decodedCall() { return this.driver.text(TRANSACTION_IDS.decoded); }
}
