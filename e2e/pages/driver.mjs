// The little that page objects need from a browser page, over Playwright or Puppeteer.
// Elements are found by `data-testid` only (DESIGN.md §5: the UI test contract).

/** CSS selector of a `data-testid`. */
export const byTestId = (id) => `[data-testid="${id}"]`;

export class Driver {
  /** @param page a Playwright Page or a Puppeteer Page */
  constructor(page) {
    this.page = page;
    this.playwright = typeof page.addInitScript === 'function';
  }

  /** Waits for the element (visible unless `visible: false`) and returns its handle. */
  async find(id, { timeout = 10_000, visible = true } = {}) {
    const options = this.playwright
      ? { state: visible ? 'visible' : 'attached', timeout }
      : { visible, timeout };
    const handle = await this.page.waitForSelector(byTestId(id), options);
    if (!handle) throw new Error(`no element ${byTestId(id)}`);
    return handle;
  }

  /** Waits until no element with this id is attached. */
  async gone(id, { timeout = 10_000 } = {}) {
    const options = this.playwright ? { state: 'detached', timeout } : { hidden: true, timeout };
    await this.page.waitForSelector(byTestId(id), options);
  }

  /** Whether an element with this id is attached now (no waiting). */
  async exists(id) {
    return (await this.page.$(byTestId(id))) !== null;
  }

  async click(id) {
    await (await this.find(id)).click();
  }

  /**
   * Clicks a button whose action closes this window (answering an approval does). The window
   * may close while the browser still finishes the click; that is the expected outcome, not a
   * failure. Any other error is.
   */
  async clickClosing(id) {
    const handle = await this.find(id);
    try {
      await handle.click();
    } catch (err) {
      if (!/closed|detached|destroyed/i.test(String(err?.message))) throw err;
    }
  }

  /** Replaces the value of an input or textarea. */
  async fill(id, text) {
    const handle = await this.find(id);
    if (this.playwright) {
      await handle.fill(text);
    } else {
      await handle.evaluate((el) => { el.value = ''; });
      await handle.type(text);
    }
  }

  /** Chooses the option of a `<select>` whose value is `value`. */
  async select(id, value) {
    const handle = await this.find(id);
    if (this.playwright) await handle.selectOption(value);
    else await handle.select(value);
  }

  /** The option labels of a `<select>`. */
  async optionLabels(id) {
    const handle = await this.find(id);
    return handle.evaluate((el) => [...el.options].map((o) => o.label.trim()));
  }

  /** Trimmed text of the element: the value of a form field, else its text content. */
  async text(id, options) {
    const handle = await this.find(id, options);
    return handle.evaluate((el) => (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ? el.value : el.textContent).trim());
  }

  /** Trimmed text content of every element with this id, in document order. */
  async texts(id) {
    await this.find(id, { visible: false });
    const handles = await this.page.$$(byTestId(id));
    return Promise.all(handles.map((h) => h.evaluate((el) => el.textContent.trim())));
  }

  async setViewport(width, height) {
    if (this.playwright) await this.page.setViewportSize({ width, height });
    else await this.page.setViewport({ width, height });
  }

  async screenshot(path) {
    await this.page.screenshot({ path });
  }
}
