/** Handlers of the reports (shared/ipc/contracts/reports.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { reportsContract } from '../../../shared/ipc/contracts/reports.contract';
import {
  createReport,
  deleteReport,
  exportReportDocx,
  exportReportXlsx,
  getReport,
  getReportSettings,
  issueReport,
  listReports,
  reportDocument,
  saveReportSettings,
  updateReport,
} from '../services/reports.service';

export function reportsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof reportsContract> {
  return {
    'reports.list': () => listReports(ctx),
    'reports.create': (input) => createReport(ctx, input),
    'reports.get': (input) => getReport(ctx, input.id),
    'reports.update': (input) => updateReport(ctx, input),
    'reports.issue': (input) => issueReport(ctx, input),
    'reports.delete': (input) => deleteReport(ctx, input.id),
    'reports.document': (input) => reportDocument(ctx, input.id),
    'reports.exportXlsx': (input) => exportReportXlsx(ctx, input.id),
    'reports.exportDocx': (input) => exportReportDocx(ctx, input.id),
    'reports.settings': () => getReportSettings(ctx),
    'reports.saveSettings': (input) => saveReportSettings(ctx, input),
  };
}
