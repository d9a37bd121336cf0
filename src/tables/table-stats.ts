const HOUR_MS = 3_600_000;

/**
 * Hands completed in the last hour and their pots, for the lobby. The table summarizes after
 * every change it publishes, so the total of the pots is kept as hands come and go, not summed
 * again each time (a table dealing without pause ends thousands of hands an hour).
 */
export class TableStats {
  private hands: { endedAtMs: number; potUnits: number }[] = [];
  /** Index of the oldest hand still in the hour: the ones before it are dropped in batches. */
  private first = 0;
  private totalPotUnits = 0;

  record(endedAtMs: number, potUnits: number): void {
    this.hands.push({ endedAtMs, potUnits });
    this.totalPotUnits += potUnits;
  }

  /** Hands per hour and the average pot (in units, rounded down) over the last hour. */
  summarize(nowMs: number): { handsPerHour: number; averagePotUnits: number } {
    const since = nowMs - HOUR_MS;
    while (this.first < this.hands.length && this.hands[this.first]!.endedAtMs < since) {
      this.totalPotUnits -= this.hands[this.first]!.potUnits;
      this.first++;
    }
    // The dropped entries are cut off once they are as many as the kept ones: amortized O(1).
    if (this.first > 0 && this.first * 2 >= this.hands.length) {
      this.hands = this.hands.slice(this.first);
      this.first = 0;
    }
    const count = this.hands.length - this.first;
    if (count === 0) return { handsPerHour: 0, averagePotUnits: 0 };
    return { handsPerHour: count, averagePotUnits: Math.floor(this.totalPotUnits / count) };
  }
}
