/** Vietnamese number format: 51.511 and 68,5 (architecture: numbers as the offices write them). */
const intFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatIntVi(n: number): string {
  return intFormat.format(n);
}

export function formatDecimalVi(n: number, fractionDigits = 1): string {
  return new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(n);
}
