/** Handlers of the rubrics feature's methods (shared/ipc/contracts/rubrics.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { rubricsContract } from '../../../shared/ipc/contracts/rubrics.contract';
import * as ruleSets from '../services/rulesets.service';
import * as rubrics from '../services/rubrics.service';

export function rubricsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof rubricsContract> {
  return {
    'ruleSets.list': () => ruleSets.listRuleSets(ctx),
    'ruleSets.get': ({ key }) => ruleSets.getRuleSet(ctx, key),
    'ruleSets.import': ({ fileName, base64, by }) => ruleSets.importRuleSet(ctx, { fileName, base64, by: by ?? null }),
    'ruleSets.export': ({ key }) => ruleSets.exportRuleSet(ctx, key),
    'ruleSets.remove': async ({ key }) => {
      await ruleSets.removeRuleSet(ctx, key);
      return null;
    },
    'evaluationSettings.get': () => ruleSets.getSettings(ctx),
    'evaluationSettings.set': ({ reducedMeans, subunitPool, by }) =>
      ruleSets.setSettings(ctx, { reducedMeans, subunitPool, by: by ?? null }),
    'rubrics.list': () => rubrics.listRubrics(ctx),
    'rubrics.get': ({ key }) => rubrics.getRubric(ctx, key),
    'rubrics.import': ({ fileName, base64, by }) => rubrics.importRubric(ctx, { fileName, base64, by: by ?? null }),
    'rubrics.export': ({ key }) => rubrics.exportRubric(ctx, key),
    'rubrics.scores': (input) => rubrics.rubricScores(ctx, input),
    'rubrics.score': (input) => rubrics.saveScore(ctx, input),
  };
}
