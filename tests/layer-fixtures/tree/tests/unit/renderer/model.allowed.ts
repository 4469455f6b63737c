// expect: pass
// Renderer unit tests may load the renderer's pure modules.
import { model } from '../../../renderer/src/model';

export const probe = model;
