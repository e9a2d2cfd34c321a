// Field lookup per event source, the way libs resolves a field name in a condition: the whole text must name a
// field of the source (exactly, or a dot-argument field like evt.arg.NAME); removed fields say what replaced them.
import { didYouMean } from '../text';
import { FALCO_FIELDS, type FalcoFieldRow } from './data.generated';

export const DEFAULT_SOURCE = 'syscall';

let bySource: Map<string, Map<string, FalcoFieldRow>> | undefined;
let removed: Map<string, FalcoFieldRow> | undefined;

function index(): { bySource: Map<string, Map<string, FalcoFieldRow>>; removed: Map<string, FalcoFieldRow> } {
  if (!bySource || !removed) {
    bySource = new Map();
    removed = new Map();
    for (const row of FALCO_FIELDS) {
      if (row.x) {
        removed.set(row.n, row);
        continue;
      }
      const table = bySource.get(row.s) ?? new Map<string, FalcoFieldRow>();
      table.set(row.n, row);
      bySource.set(row.s, table);
    }
  }
  return { bySource, removed };
}

export function knownSources(): string[] {
  return [...index().bySource.keys()].filter((source) => source !== '*');
}

/** Every current field usable with `source` (its own plus the generic ones). */
export function fieldsForSource(source: string): FalcoFieldRow[] {
  const { bySource: tables } = index();
  return [...(tables.get(source)?.values() ?? []), ...(tables.get('*')?.values() ?? [])];
}

export type FieldLookup =
  | { kind: 'field'; field: FalcoFieldRow; dotArgument?: string }
  | { kind: 'removed'; field: FalcoFieldRow }
  | { kind: 'unknown' };

export function lookupField(name: string, source: string): FieldLookup {
  const { bySource: tables, removed: gone } = index();
  const own = tables.get(source);
  const generic = tables.get('*');
  const exact = own?.get(name) ?? generic?.get(name);
  if (exact) return { kind: 'field', field: exact };
  // evt.arg.NAME, thread.cgroup.SUBSYSTEM …: the longest field that takes its argument after a dot.
  let best: FalcoFieldRow | undefined;
  for (const table of [own, generic]) {
    for (const row of table?.values() ?? []) {
      if (row.d && name.startsWith(`${row.n}.`) && name.length > row.n.length + 1 && (!best || row.n.length > best.n.length)) best = row;
    }
  }
  if (best) return { kind: 'field', field: best, dotArgument: name.slice(best.n.length + 1) };
  const old = gone.get(name);
  if (old) return { kind: 'removed', field: old };
  return { kind: 'unknown' };
}

/** The closest field names of a source, for "did you mean" (computed only when a finding needs it). */
export function suggestFields(name: string, source: string): string[] {
  return didYouMean(name, fieldsForSource(source).map((row) => row.n), 3).slice(0, 3);
}

/** Sources where a field name exists, for "wrong source" messages. */
export function sourcesOf(name: string): string[] {
  return [...index().bySource.entries()].filter(([, table]) => table.has(name)).map(([source]) => source);
}
