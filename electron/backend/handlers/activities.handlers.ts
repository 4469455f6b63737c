/** Handlers of the activity records' methods (shared/ipc/contracts/activities.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { activitiesContract } from '../../../shared/ipc/contracts/activities.contract';
import * as s from '../services/activities.service';
import { pageActivities } from '../services/activities-page.service';
import { listActivitiesBounded } from '../services/activities-list.service';

// The outputs are unions discriminated by `kind`; a value built for one kind is that kind's member,
// which TypeScript cannot see through the generic services. Dispatch checks each output against
// the contract before it leaves.
type ListOutput = MethodOutput<'activities.list'>;
type RowOutput = MethodOutput<'activities.get'>;

export function activitiesHandlers(ctx: ServiceContext): HandlersFor<keyof typeof activitiesContract> {
  return {
    'activities.list': async (filter) => ({ kind: filter.kind, rows: await listActivitiesBounded(ctx, filter) }) as ListOutput,
    'activities.page': (input) => pageActivities(ctx, input),
    'activities.keysProgress': () => Promise.resolve(ctx.listKeys?.progress() ?? null),
    'activities.get': async ({ kind, id }) => ({ kind, row: await s.getActivity(ctx, kind, id) }) as RowOutput,
    'activities.save': async ({ kind, id, record }) => ({ kind, row: await s.saveActivity(ctx, kind, id, record) }) as RowOutput,
    'activities.saveMany': ({ kind, records }) => s.saveActivities(ctx, kind, records),
    'activities.delete': ({ kind, id }) => s.deleteActivity(ctx, kind, id),
    'activities.restore': async ({ kind, id }) => ({ kind, row: await s.restoreActivity(ctx, kind, id) }) as RowOutput,
    'activities.deleted': ({ kind }) => s.deletedActivities(ctx, kind),
    'tips.informant': ({ tipId }) => s.tipInformant(ctx, tipId),
    'tips.hasInformant': ({ tipId }) => s.tipHasInformant(ctx, tipId),
    'tips.setInformant': ({ tipId, informant }) => s.setTipInformant(ctx, tipId, informant),
  };
}
