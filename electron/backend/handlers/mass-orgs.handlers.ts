/** Handlers of the mass-orgs feature's methods (shared/ipc/contracts/mass-orgs.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { massOrgsContract } from '../../../shared/ipc/contracts/mass-orgs.contract';
import * as s from '../services/mass-orgs.service';
import * as m from '../services/mass-org-members.service';
import * as p from '../services/mass-orgs-page.service';
import * as c from '../services/mass-orgs-choices.service';

export function massOrgsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof massOrgsContract> {
  return {
    'massOrgKinds.list': () => s.listKinds(ctx),
    'massOrgKinds.create': (input) => s.createKind(ctx, input),
    'massOrgKinds.update': (input) => s.updateKind(ctx, input),
    'massOrgs.list': (input) => s.listOrgs(ctx, input),
    'massOrgs.page': (input) => p.pageOrgs(ctx, input),
    'massOrgs.choices': (input) => c.massOrgChoices(ctx, input),
    'massOrgs.choicesByIds': (input) => c.massOrgChoicesOf(ctx, input),
    'massOrgs.get': ({ id }) => s.getOrg(ctx, id),
    'massOrgs.create': (input) => s.createOrg(ctx, input),
    'massOrgs.update': (input) => s.updateOrg(ctx, input),
    'massOrgs.end': (input) => s.endOrg(ctx, input),
    'massOrgs.reopen': ({ id }) => s.reopenOrg(ctx, id),
    'massOrgs.delete': ({ id }) => s.deleteOrg(ctx, id),
    'massOrgs.rate': (input) => s.rateOrg(ctx, input),
    'massOrgs.unrate': (input) => s.unrateOrg(ctx, input),
    'massOrgs.quota': (input) => s.checkQuota(ctx, input),
    'members.list': (input) => m.listMembers(ctx, input),
    'members.page': (input) => m.pageMembers(ctx, input),
    'members.get': ({ id }) => m.getMember(ctx, id),
    'members.create': (input) => m.createMember(ctx, input),
    'members.update': (input) => m.updateMember(ctx, input),
    'members.leave': (input) => m.leaveMember(ctx, input),
    'members.rejoin': ({ id }) => m.rejoinMember(ctx, id),
    'members.delete': ({ id }) => m.deleteMember(ctx, id),
    'members.rate': (input) => m.rateMember(ctx, input),
    'members.unrate': (input) => m.unrateMember(ctx, input),
  };
}
