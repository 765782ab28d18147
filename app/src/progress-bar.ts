/** One line redrawn in place on a terminal (callers log plain lines when stderr is not one); redraws at most ten times a second. */
export class ProgressBar {
  private total = 0;
  private last = 0;
  private done = 0;
  private label = '';
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly unit: string,
  ) {}

  start(total: number): void {
    this.total = total;
    this.draw();
  }

  update(done: number, label: string): void {
    this.done = done;
    this.label = label;
    if (Date.now() - this.last >= 100 || done === this.total) this.draw();
  }

  finish(): void {
    this.draw();
    this.out.write('\n');
  }

  private draw(): void {
    this.last = Date.now();
    const width = 30;
    const share = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(share * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.unit} ${this.label}`;
    this.out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (this.out.columns || 80) - 1))}`);
  }
}
