// expect: file-layer-below-services
// The file layer must not call back into a service.
import { stubService } from '../services/stub.service';

export const probe = stubService;
