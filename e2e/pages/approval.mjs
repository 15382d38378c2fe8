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
}
