/** Vietnamese number format: 51.511 and 68,5 (architecture: numbers as the offices write them). */
const intFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatIntVi(n: number): string {
  return intFormat.format(n);
}

// One formatter per number of digits: building an Intl.NumberFormat costs ~100× a format (the
// period figures format ~500 percentages per call).
const decimalFormats = new Map<number, Intl.NumberFormat>();

export function formatDecimalVi(n: number, fractionDigits = 1): string {
  let format = decimalFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    decimalFormats.set(fractionDigits, format);
  }
  return format.format(n);
}
