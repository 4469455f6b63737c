/**
 * Handlers of accounts and the session (shared/ipc/contracts/auth.contract.ts): thin, they call
 * auth/auth.service.ts and auth/accounts.service.ts with the backend's one session state.
 */
import type { HandlersFor } from '../dispatch';
import type { authContract } from '../../../shared/ipc/contracts/auth.contract';
import * as auth from '../auth/auth.service';
import * as accounts from '../auth/accounts.service';
import type { AuthDeps } from '../auth/auth.service';

export function authHandlers(deps: AuthDeps): HandlersFor<keyof typeof authContract> {
  return {
    'auth.status': () => auth.status(deps),
    'auth.setup': (input) => auth.setup(deps, input),
    'auth.login': (input) => auth.login(deps, input),
    'auth.logout': () => auth.logout(deps),
    'auth.lock': () => auth.lock(deps),
    'auth.touch': () => ({}),
    'auth.changePassword': (input) => auth.changePassword(deps, input),
    'auth.recover': (input) => auth.recover(deps, input),
    'authSettings.get': () => auth.getSettings(deps),
    'authSettings.set': (input) => auth.setSettings(deps, input),
    'accounts.list': () => accounts.listAccounts(deps),
    'accounts.create': (input) => accounts.createAccount(deps, input),
    'accounts.update': (input) => accounts.updateAccount(deps, input),
    'accounts.resetPassword': (input) => accounts.resetPassword(deps, input),
  };
}
