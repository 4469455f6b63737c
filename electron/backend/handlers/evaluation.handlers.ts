/** Handlers of the evaluation feature's methods (shared/ipc/contracts/evaluation.contract.ts): thin, they call the services. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { evaluationContract } from '../../../shared/ipc/contracts/evaluation.contract';
import * as s from '../services/evaluation.service';
import { exportBoard } from '../services/evaluation-export';

export function evaluationHandlers(ctx: ServiceContext): HandlersFor<keyof typeof evaluationContract> {
  return {
    'evaluation.board': (input) => s.board(ctx, input),
    'evaluation.boardPage': (input) => s.boardPage(ctx, input),
    'evaluation.boardUnregistered': (input) => s.boardUnregistered(ctx, input),
    'evaluation.subject': (input) => s.subjectView(ctx, input),
    'evaluation.register': (input) => s.register(ctx, input),
    'evaluation.registerMany': (input) => s.registerMany(ctx, input),
    'evaluation.boardRows': async (input) => ({ rows: await s.boardRows(ctx, input.year, input.subjects) }),
    'evaluation.advance': (input) => s.advance(ctx, input),
    'evaluation.undoStep': (input) => s.undoStep(ctx, input),
    'evaluation.attest': (input) => s.attest(ctx, input),
    'evaluation.clearAttestation': (input) => s.clearAttest(ctx, input),
    'evaluation.override': (input) => s.override(ctx, input),
    'evaluation.clearOverride': (input) => s.clearOverrideOf(ctx, input),
    'evaluation.recordFigures': (input) => s.recordFigures(ctx, input),
    'evaluation.freeze': (input) => s.freeze(ctx, input),
    'evaluation.unfreeze': (input) => s.unfreeze(ctx, input),
    'evaluation.freezes': ({ year }) => s.freezeLog(ctx, year),
    'evaluation.export': (input) => exportBoard(ctx, input),
  };
}
