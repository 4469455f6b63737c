/** Handlers of the meeting deck (shared/ipc/contracts/slides.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { slidesContract } from '../../../shared/ipc/contracts/slides.contract';
import { exportSlidesPptx, saveSlidePreferences, slidesDeck } from '../services/slides.service';

export function slidesHandlers(ctx: ServiceContext): HandlersFor<keyof typeof slidesContract> {
  return {
    'slides.deck': (input) => slidesDeck(ctx, input),
    'slides.savePreferences': (input) => saveSlidePreferences(ctx, input),
    'slides.exportPptx': (input) => exportSlidesPptx(ctx, input),
  };
}
