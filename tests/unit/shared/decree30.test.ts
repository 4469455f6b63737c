/** The texts of a Decree 30/2020 header and closing: number, place and date, recipients, appendix reference. */
import { describe, expect, it } from 'vitest';
import {
  appendixReference,
  numberLine,
  placeDateLine,
  recipientLines,
  sentenceCase,
  zeroPad,
} from '../../../shared/domain/report/decree30';

const NB6 = '\u00a0'.repeat(6);

describe('Decree 30 header texts', () => {
  it('zero-pads numbers below 10 only', () => {
    expect(zeroPad('5')).toBe('05');
    expect(zeroPad('15')).toBe('15');
    expect(zeroPad('05')).toBe('05');
    expect(numberLine({ number: '5', symbol: 'BC-CAX' })).toBe('Số: 05/BC-CAX');
    expect(numberLine({ number: '15', symbol: 'BC-CAX' })).toBe('Số: 15/BC-CAX');
  });

  it('leaves the number of a draft blank', () => {
    expect(numberLine({ number: null, symbol: 'BC-CAX' })).toBe(`Số: ${NB6}/BC-CAX`);
    expect(numberLine({ number: '  ', symbol: 'BC-CAX' })).toBe(`Số: ${NB6}/BC-CAX`);
  });

  it('writes the day below 10 and the months January and February with a leading zero', () => {
    expect(placeDateLine({ place: 'Sa Pa', date: '2027-01-05' })).toBe('Sa Pa, ngày 05 tháng 01 năm 2027');
    expect(placeDateLine({ place: 'Sa Pa', date: '2026-02-09' })).toBe('Sa Pa, ngày 09 tháng 02 năm 2026');
    expect(placeDateLine({ place: 'Sa Pa', date: '2026-03-01' })).toBe('Sa Pa, ngày 01 tháng 3 năm 2026');
    expect(placeDateLine({ place: 'Gia Viễn', date: '2026-12-15' })).toBe('Gia Viễn, ngày 15 tháng 12 năm 2026');
  });

  it('leaves day and month of a draft blank, with the year when given', () => {
    expect(placeDateLine({ place: 'Sa Pa', date: null }, 2026)).toBe(`Sa Pa, ngày${NB6}tháng${NB6}năm 2026`);
    expect(placeDateLine({ place: 'Sa Pa', date: null })).toBe(`Sa Pa, ngày${NB6}tháng${NB6}năm ${NB6}`);
    expect(() => placeDateLine({ place: 'Sa Pa', date: '05/01/2027' })).toThrow(/not an ISO date/);
  });

  it('ends every recipient with ";" and the last with "."', () => {
    expect(recipientLines(['Công an tỉnh (PV05)', 'UBND xã;', 'Lưu: VT, CAX.'])).toEqual([
      '- Công an tỉnh (PV05);',
      '- UBND xã;',
      '- Lưu: VT, CAX.',
    ]);
    expect(recipientLines([])).toEqual([]);
  });

  it('refers an appendix to its report', () => {
    expect(sentenceCase('BÁO CÁO')).toBe('Báo cáo');
    expect(appendixReference({ kindTitle: 'BÁO CÁO', number: '5', symbol: 'BC-CAX', date: '2027-01-05' })).toBe(
      '(Kèm theo Báo cáo số 05/BC-CAX ngày 05/01/2027)',
    );
    expect(appendixReference({ kindTitle: 'BÁO CÁO', number: null, symbol: 'BC-CAX', date: null })).toBe(
      `(Kèm theo Báo cáo số${NB6}/BC-CAX)`,
    );
  });
});
