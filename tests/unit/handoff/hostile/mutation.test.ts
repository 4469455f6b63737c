/**
 * Issue 12 item 11, the mutation test: 1,000 reproducible random bit flips, truncations and
 * extensions (mutations.ts, seed below) of a valid snapshot file the province would accept, each fed
 * to the province's inbox through the real dispatch (handoffInbox.inspect on the file's path).
 * Expected: 0 accepted (never "ready", "held" or "replay"), every refusal a Vietnamese message with a
 * reason code, and 0 changes to the data tables (every table but the refusal log identical, checked
 * every 250 files and at the end); the log holds refusals only. The untouched file is then ready:
 * the refusals are the mutations' doing.
 *
 * ANTQ_MUTATIONS=<n> and ANTQ_MUTATION_SEED=<s> run more or others (`npm run fuzz:handoff` runs 20,000).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbState, diffDbState, type DbState } from '../../../support/db-state';
import { makeTempDir, removeDir } from '../../../support/temp-dir';
import { queryAll } from '../../../support/sqlite';
import { isVietnameseMessage } from '../../../support/vietnamese';
import { mutations, type MutationKind } from './mutations';
import { buildWorld, type Stage } from './world';

const COUNT = Number(process.env['ANTQ_MUTATIONS'] ?? 1000);
const SEED = Number(process.env['ANTQ_MUTATION_SEED'] ?? 20_261_205);
const LOG = 'handoff_received';

let root: string;
let stage: Stage;

beforeAll(async () => {
  root = makeTempDir('antq-hostile-mutation-');
  stage = await buildWorld(root);
}, 120_000);
afterAll(() => {
  stage?.close();
  removeDir(root);
});

// The audit log records the refusal's own write (handoff_received) too, as it must.
const dataState = () => dbState(stage.province.backend.databasePath, { exclude: [LOG, 'audit_log'] });

describe(`${COUNT} mutations of a valid file (seed ${SEED})`, () => {
  it(
    'are all refused, with a Vietnamese reason, and change no data table',
    async () => {
      const start: DbState = dataState();
      const logBefore = queryAll<{ n: number }>(stage.province.backend.databasePath, `SELECT COUNT(*) AS n FROM ${LOG}`)[0]!.n;
      const dir = path.join(stage.inbox, 'mutations');
      fs.mkdirSync(dir);
      const file = path.join(dir, stage.world.base.fileName);
      const accepted: string[] = [];
      const badMessages: string[] = [];
      const byKind = new Map<MutationKind, number>();
      const byCode = new Map<string, number>();
      const started = performance.now();
      for (const m of mutations(stage.world.baseBytes, SEED, COUNT)) {
        fs.writeFileSync(file, m.bytes);
        const [r] = (await stage.province.call('handoffInbox.inspect', { path: file })).files;
        byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
        if (!r || r.status !== 'refused') {
          accepted.push(`#${m.index} ${m.what}: ${r?.status ?? 'nothing'}`);
          continue;
        }
        const code = r.reason?.code ?? 'none';
        byCode.set(code, (byCode.get(code) ?? 0) + 1);
        if (!isVietnameseMessage(r.reason?.message)) badMessages.push(`#${m.index} ${m.what}: ${r.reason?.message}`);
        if ((m.index + 1) % 250 === 0) expect(diffDbState(start, dataState()), `after #${m.index}`).toEqual([]);
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `mutations: ${COUNT} in ${seconds.toFixed(1)} s (${((seconds * 1000) / COUNT).toFixed(1)} ms each); ` +
          `kinds ${JSON.stringify(Object.fromEntries(byKind))}; refusals ${JSON.stringify(Object.fromEntries([...byCode].sort()))}`,
      );
      expect(accepted).toEqual([]);
      expect(badMessages).toEqual([]);
      expect(diffDbState(start, dataState())).toEqual([]);
      const newLog = queryAll<{ status: string; reason_code: string | null }>(
        stage.province.backend.databasePath,
        `SELECT status, reason_code FROM ${LOG} ORDER BY rowid LIMIT -1 OFFSET ?`,
        logBefore,
      );
      expect(newLog.length).toBeGreaterThan(0);
      expect(newLog.every((row) => row.status === 'refused' && row.reason_code !== null)).toBe(true);

      // The control: the same file untouched is ready.
      fs.writeFileSync(file, stage.world.baseBytes);
      const [r] = (await stage.province.call('handoffInbox.inspect', { path: file })).files;
      expect(r?.status, JSON.stringify(r?.reason)).toBe('ready');
    },
    Math.max(120_000, COUNT * 200),
  );
});
