/**
 * Where the public's tips and the mediations came from, as the officer recorded it (issue 14 item
 * 8): a tip's channel ("qua tổ chức quần chúng, khu dân cư", "trực tiếp"…) and a mediation's team,
 * named by the kind of mass organisation it is ("tổ hòa giải", "tổ tự quản"…). A mediation with no
 * team recorded is counted apart, never given a source it does not have.
 */
import { placementDate, type MediationRecord, type TipChannel } from '../activities';
import type { DatePeriod } from './periods';

/** A tip channel inside a sentence: "924 nguồn tin qua tổ chức quần chúng, khu dân cư". */
export const TIP_CHANNEL_WORDS: Readonly<Record<TipChannel, string>> = {
  truc_tiep: 'trực tiếp',
  dien_thoai: 'qua điện thoại, đường dây nóng',
  don_thu: 'qua đơn, thư',
  hop_thu: 'qua hòm thư tố giác',
  mang_xa_hoi: 'qua mạng xã hội, ứng dụng',
  qua_to_chuc: 'qua tổ chức quần chúng, khu dân cư',
  khac: 'qua kênh khác',
};

/** The mediations of a period received by teams of one kind (`kind` null: no team recorded). */
export interface MediationSource {
  kind: string | null;
  cases: number;
}

/** Counts the period's mediations by team, one record at a time; `sources` words them (mediationSources). */
export interface MediationTally {
  add(r: MediationRecord): void;
  /** `n` mediations of one team already known to be placed in the period and in scope. */
  addCounted(teamId: string | null, n: number): void;
  /** The team ids counted (null: no team recorded), to look their kinds up once. */
  teamIds(): string[];
  /** Each team's count (null: no team recorded), in the order first counted: the tally kept and read back (addCounted). */
  counts(): [string | null, number][];
  sources(kindOf: (teamId: string) => string | null): MediationSource[];
}

export function mediationTally(inScope: (unitId: string) => boolean, period: DatePeriod): MediationTally {
  const byTeam = new Map<string | null, number>();
  return {
    add(r) {
      const on = placementDate('mediations', r);
      if (on < period.from || on > period.to || !inScope(r.unitId)) return;
      byTeam.set(r.teamId, (byTeam.get(r.teamId) ?? 0) + 1);
    },
    addCounted(teamId, n) {
      byTeam.set(teamId, (byTeam.get(teamId) ?? 0) + n);
    },
    teamIds: () => [...byTeam.keys()].filter((t): t is string => t !== null),
    counts: () => [...byTeam],
    sources(kindOf) {
      const counts = new Map<string | null, number>();
      for (const [teamId, n] of byTeam) {
        const kind = teamId === null ? null : kindOf(teamId);
        counts.set(kind, (counts.get(kind) ?? 0) + n);
      }
      const named = [...counts].filter((e): e is [string, number] => e[0] !== null);
      named.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));
      const out: MediationSource[] = named.map(([kind, cases]) => ({ kind, cases }));
      const unknown = counts.get(null);
      if (unknown) out.push({ kind: null, cases: unknown });
      return out;
    },
  };
}

/**
 * The mediations placed in the period whose unit is in scope, by the kind of their team
 * (`kindOf(teamId)`: the kind's name, or null when the team is unknown here), in the order the
 * kinds first appear by count (most first, then Vietnamese order); the unrecorded ones last.
 */
export function mediationSources(
  records: readonly MediationRecord[],
  inScope: (unitId: string) => boolean,
  period: DatePeriod,
  kindOf: (teamId: string) => string | null,
): MediationSource[] {
  const tally = mediationTally(inScope, period);
  for (const r of records) tally.add(r);
  return tally.sources(kindOf);
}
