import { LatencyHistogram } from "@skein/model";
import type { ServiceGraphRow, ServiceNodeType } from "@skein/storage";

const NODE_TYPES: readonly ServiceNodeType[] = ["service", "database", "external", "queue"];
const NODE_TYPE_INDEX: Readonly<Record<ServiceNodeType, number>> = { service: 0, database: 1, external: 2, queue: 3 };
/** (source type × target type × failed) slots of one (source, target) name pair. */
const SLOTS = 32;

type Slots = (LatencyHistogram | undefined)[];

/**
 * Weighted histograms of the caller-seen latency per (minute, source, target, node types,
 * failed) since the last drain, keyed by nested maps (no key strings built per edge). At most
 * `maxSeries` series between two drains; an edge that would open one more is refused (add
 * returns false; the caller counts it).
 */
export class ServiceGraphAggregator {
  #minutes = new Map<number, Map<string, Map<string, Slots>>>();
  #series = 0;

  constructor(readonly maxSeries: number) {}

  get seriesCount(): number {
    return this.#series;
  }

  /** Map entries held (minutes, sources, targets): for tests of the memory bound. Walks the maps. */
  get entryCount(): number {
    let entries = this.#minutes.size;
    for (const sources of this.#minutes.values()) {
      entries += sources.size;
      for (const targets of sources.values()) entries += targets.size;
    }
    return entries;
  }

  /** False when the edge would open a series beyond maxSeries; then nothing is created (only looked up). */
  add(minuteMs: number, source: string, sourceType: ServiceNodeType, target: string, targetType: ServiceNodeType, failed: boolean, bucket: number, weight: number): boolean {
    const full = this.#series >= this.maxSeries;
    let sources = this.#minutes.get(minuteMs);
    if (sources === undefined) {
      if (full) return false;
      this.#minutes.set(minuteMs, (sources = new Map()));
    }
    let targets = sources.get(source);
    if (targets === undefined) {
      if (full) return false;
      sources.set(source, (targets = new Map()));
    }
    let slots = targets.get(target);
    if (slots === undefined) {
      if (full) return false;
      targets.set(target, (slots = new Array<LatencyHistogram | undefined>(SLOTS)));
    }
    const slot = (NODE_TYPE_INDEX[sourceType] * 4 + NODE_TYPE_INDEX[targetType]) * 2 + (failed ? 1 : 0);
    let histogram = slots[slot];
    if (histogram === undefined) {
      if (full) return false;
      this.#series++;
      slots[slot] = histogram = new LatencyHistogram();
    }
    histogram.addToBucket(bucket, weight);
    return true;
  }

  /** The rows of every series since the last drain (zero totals left out); starts afresh. */
  drain(): ServiceGraphRow[] {
    const rows: ServiceGraphRow[] = [];
    for (const [minuteUnixMs, sources] of this.#minutes) {
      for (const [source, targets] of sources) {
        for (const [target, slots] of targets) {
          for (let slot = 0; slot < SLOTS; slot++) {
            const histogram = slots[slot];
            if (histogram === undefined || !(histogram.total > 0)) continue;
            const types = slot >> 1;
            rows.push({
              minuteUnixMs,
              source,
              sourceType: NODE_TYPES[types >> 2]!,
              target,
              targetType: NODE_TYPES[types & 3]!,
              failed: (slot & 1) === 1,
              buckets: histogram.buckets(),
            });
          }
        }
      }
    }
    this.#minutes = new Map();
    this.#series = 0;
    return rows;
  }
}
