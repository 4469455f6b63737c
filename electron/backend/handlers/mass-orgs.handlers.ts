/** Handlers of the mass-orgs feature's methods (shared/ipc/contracts/mass-orgs.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { massOrgsContract } from '../../../shared/ipc/contracts/mass-orgs.contract';
import * as s from '../services/mass-orgs.service';

export function massOrgsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof massOrgsContract> {
  return {
    'massorgkinds.list': () => s.listKinds(ctx),
    'massorgkinds.create': (input) => s.createKind(ctx, input),
    'massorgkinds.update': (input) => s.updateKind(ctx, input),
    'massorgs.list': (input) => s.listOrgs(ctx, input),
    'massorgs.get': ({ id }) => s.getOrg(ctx, id),
    'massorgs.create': (input) => s.createOrg(ctx, input),
    'massorgs.update': (input) => s.updateOrg(ctx, input),
    'massorgs.end': (input) => s.endOrg(ctx, input),
    'massorgs.reopen': ({ id }) => s.reopenOrg(ctx, id),
    'massorgs.delete': ({ id }) => s.deleteOrg(ctx, id),
    'massorgs.rate': (input) => s.rateOrg(ctx, input),
    'massorgs.unrate': (input) => s.unrateOrg(ctx, input),
    'massorgs.quota': (input) => s.checkQuota(ctx, input),
    'members.list': (input) => s.listMembers(ctx, input),
    'members.get': ({ id }) => s.getMember(ctx, id),
    'members.create': (input) => s.createMember(ctx, input),
    'members.update': (input) => s.updateMember(ctx, input),
    'members.leave': (input) => s.leaveMember(ctx, input),
    'members.rejoin': ({ id }) => s.rejoinMember(ctx, id),
    'members.delete': ({ id }) => s.deleteMember(ctx, id),
    'members.rate': (input) => s.rateMember(ctx, input),
    'members.unrate': (input) => s.unrateMember(ctx, input),
  };
}
