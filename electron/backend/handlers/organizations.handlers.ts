/** Handlers of the organizations feature's methods (shared/ipc/contracts/organizations.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { organizationsContract } from '../../../shared/ipc/contracts/organizations.contract';
import * as orgs from '../services/organizations.service';
import { pageOrganizations } from '../services/organizations-page.service';
import { orgChoices, orgChoicesOf } from '../services/organizations-choices.service';

export function organizationsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof organizationsContract> {
  return {
    'organizations.list': (filter) => orgs.listOrganizations(ctx, filter),
    'organizations.page': (input) => pageOrganizations(ctx, input),
    'organizations.choices': (input) => orgChoices(ctx, input),
    'organizations.choicesByIds': (input) => orgChoicesOf(ctx, input),
    'organizations.get': ({ id }) => orgs.getOrganization(ctx, id),
    'organizations.create': (input) => orgs.createOrganization(ctx, input),
    'organizations.update': (input) => orgs.updateOrganizationFacts(ctx, input),
    'organizations.end': (input) => orgs.endOrganization(ctx, input),
    'organizations.reopen': ({ id }) => orgs.reopenOrganization(ctx, id),
    'organizations.delete': ({ id }) => orgs.deleteOrganization(ctx, id),
  };
}
