// expect: repos-below-services
import { stubService } from '../services/stub.service';

export const probe = stubService;
