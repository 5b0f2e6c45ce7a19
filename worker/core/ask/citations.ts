/**
 * A model's answer as it streams, kept to the passages it was sent. Every `[n]` marker is checked against
 * the numbers sent: one that was not sent is removed (a model can invent a source as easily as a fact).
 * Nothing is shown until the first valid citation has arrived, so an answer that never grounds itself is
 * never seen; from then on text streams as it comes, held back only while a marker may still be open.
 */

/** `[1]`, `[1, 2]`, `[1][2]` — what a marker can look like; anything else in brackets is text. */
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;
/** The longest a marker can be while it is still being typed: held back at the end of what arrived. */
const OPEN_TAIL = /\[[\d,\s]{0,16}$/;

export class CitationFilter {
  private pending = "";
  private held = "";
  private grounded = false;
  readonly cited: number[] = [];

  constructor(private readonly valid: ReadonlySet<number>) {}

  /** Text from the model → text to show now (maybe ""). */
  push(chunk: string): string {
    this.pending += chunk;
    const open = OPEN_TAIL.exec(this.pending);
    const ready = open ? this.pending.slice(0, open.index) : this.pending;
    this.pending = open ? this.pending.slice(open.index) : "";
    return this.release(this.clean(ready));
  }

  /** The stream ended: what is left to show, and whether the answer is grounded at all. */
  end(): { text: string; answered: boolean; citations: number[] } {
    const rest = this.release(this.clean(this.pending));
    this.pending = "";
    return { text: this.grounded ? rest : "", answered: this.grounded, citations: this.cited };
  }

  private clean(text: string): string {
    return text.replace(MARKER, (_, list: string) => {
      const kept = list
        .split(",")
        .map((s) => Number(s.trim()))
        .filter((n) => this.valid.has(n));
      for (const n of kept) if (!this.cited.includes(n)) this.cited.push(n);
      if (kept.length) this.grounded = true;
      return kept.map((n) => `[${n}]`).join("");
    });
  }

  private release(text: string): string {
    if (this.grounded) {
      const out = this.held + text;
      this.held = "";
      return out.replace(/ +(?=[.,;:!?])/g, "");
    }
    this.held += text;
    return "";
  }
}
